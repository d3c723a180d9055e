"""What git already knows about the photos: their blob ids, read from the index.

A fresh clone (every CI run) gives every photo a new file time and inode, so the digest
memo, keyed on those, knows none of them and every photo was read and hashed again: about
a second per 1.5 GB. Git's index names each tracked file's content (its blob id) without
reading it. Whenever the memo hashes a photo it also works out that blob id from the same
bytes and keeps blob id -> SHA-256, so after a clone with the cache folder restored no
photo is read at all, even if the first build ran outside git.

A blob id is trusted only for a file whose size, modification time (to the nanosecond) and
inode are still the ones the index recorded when git wrote the file: the check the memo
makes for its own entries. Not `git diff-files`: right after a checkout git counts every
file written in the index's last second as "racily clean" and reads it again, which on a
fresh clone was most of the photos. Any doubt (no git, not a repository, output we cannot
parse, a file changed, untracked, a link, a conflict) leaves the file out, and it is
hashed as before.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

REGULAR_FILES = frozenset({b"100644", b"100755"})  # not links (120000) or submodules (160000)
TIMEOUT_S = 20
U32 = 0xFFFFFFFF  # the index keeps inode and size in 32 bits

# One entry of `git ls-files -s --debug -z`: the staged line, NUL, then the stat data the
# index holds for it (the format git has printed for this option since 2009).
_ENTRY = re.compile(
    rb"(?P<mode>\d{6}) (?P<blob>[0-9a-f]{40}|[0-9a-f]{64}) (?P<stage>\d)\t(?P<name>[^\0]+)\0"
    rb"  ctime: \d+:\d+\n"
    rb"  mtime: (?P<sec>\d+):(?P<nsec>\d+)\n"
    rb"  dev: \d+\tino: (?P<ino>\d+)\n"
    rb"  uid: \d+\tgid: \d+\n"
    rb"  size: (?P<size>\d+)\tflags: [0-9a-f]+\n"
)


def run_git(folder: Path, *args: str) -> bytes | None:
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


class IndexEntry:
    """What the index says of one file: its blob id and the stat data git recorded."""

    __slots__ = ("blob", "ino", "mtime_ns", "size")

    def __init__(self, blob: str, mtime_ns: int, ino: int, size: int) -> None:
        self.blob, self.mtime_ns, self.ino, self.size = blob, mtime_ns, ino, size

    def matches(self, st: os.stat_result) -> bool:
        """The file is as git left it (a racily smudged entry has size 0: no match)."""
        return (
            st.st_mtime_ns == self.mtime_ns
            and st.st_ino & U32 == self.ino
            and st.st_size & U32 == self.size
        )


def parse_index_listing(output: bytes) -> dict[str, IndexEntry] | None:
    """``git ls-files -s --debug -z`` -> {path: entry} for regular files at stage 0;
    None if any part of the output is not in the expected format."""
    entries: dict[str, IndexEntry] = {}
    position = 0
    for match in _ENTRY.finditer(output):
        if match.start() != position:
            return None  # something between two entries: do not guess
        position = match.end()
        if match["mode"] not in REGULAR_FILES or match["stage"] != b"0":
            continue
        name = match["name"].decode("utf-8", "surrogateescape")
        mtime_ns = int(match["sec"]) * 1_000_000_000 + int(match["nsec"])
        entries[name] = IndexEntry(
            match["blob"].decode("ascii"), mtime_ns, int(match["ino"]), int(match["size"])
        )
    return entries if position == len(output) else None


def clean_blobs(folder: Path) -> dict[Path, str]:
    """Blob id of every file below `folder` that git tracks and that is still exactly as
    the index recorded it. Empty when git cannot tell."""
    listed = run_git(folder, "ls-files", "-s", "--debug", "-z", "--", ".")
    entries = parse_index_listing(listed) if listed is not None else None
    if not entries:
        return {}
    found: dict[Path, str] = {}
    for name, entry in entries.items():
        path = folder / name  # ls-files names files relative to where it runs
        try:
            st = path.lstat()
        except OSError:
            continue
        if entry.matches(st):
            found[path] = entry.blob
    return found
