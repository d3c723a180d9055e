"""What git already knows about the photos: their blob ids, read from the index.

A fresh clone (every CI run) gives every photo a new file time and inode, so the digest
memo, keyed on those, knows none of them and every photo was read and hashed again: about
a second per 1.5 GB. Git's index names each tracked file's content (its blob id) without
reading it. Whenever the memo hashes a photo it also works out that blob id from the same
bytes and keeps blob id -> SHA-256, so after a clone with the cache folder restored no
photo is read at all, even if the first build ran outside git.

Only a file git reports as unchanged since it was checked out or added is looked up this
way; any doubt (no git, not a repository, a file modified, untracked, a link) leaves it
out, and the file is hashed as before. A wrong answer here would publish an old photo, so git's own
change detection decides, never our file times.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REGULAR_FILES = frozenset({"100644", "100755"})  # not links (120000) or submodules (160000)
TIMEOUT_S = 20


def _git(folder: Path, *args: str) -> bytes | None:
    # Without GIT_DIR, GIT_INDEX_FILE and the like (set when a build runs in a git hook):
    # the repository is the one `folder` is in, and nothing else.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def parse_ls_files(output: bytes) -> dict[str, str]:
    """``git ls-files -s -z`` -> {path: blob id} for regular files at stage 0."""
    blobs: dict[str, str] = {}
    for record in output.split(b"\0"):
        if not record:
            continue
        head, _, name = record.partition(b"\t")
        fields = head.split()
        if len(fields) != 3 or not name:
            continue
        mode, blob, stage = (f.decode("ascii", "replace") for f in fields)
        if mode in REGULAR_FILES and stage == "0":
            blobs[name.decode("utf-8", "surrogateescape")] = blob
    return blobs


def parse_names(output: bytes) -> set[str]:
    """NUL-separated path names (``--name-only -z``)."""
    return {n.decode("utf-8", "surrogateescape") for n in output.split(b"\0") if n}


def clean_blobs(folder: Path) -> dict[Path, str]:
    """Blob id of every file below `folder` that git tracks and whose content is the one
    in the index. Empty when git cannot tell."""
    listed = _git(folder, "ls-files", "-s", "-z", "--", ".")
    if listed is None:
        return {}
    blobs = parse_ls_files(listed)
    if not blobs:
        return {}
    # diff-files compares the work tree with the index: by file time and size first, then
    # by content (a touched file counts as changed). Paths relative to `folder`, like
    # ls-files run there. What the index holds is what the file holds, staged or not.
    changed = _git(folder, "diff-files", "--name-only", "-z", "--relative", "--", ".")
    if changed is None:
        return {}
    doubtful = parse_names(changed)
    return {(folder / name): blob for name, blob in blobs.items() if name not in doubtful}
