"""The last line of defence: no metadata on any image in the output (`sweep`).

Static files (``STATIC_PATHS``, ``{static}`` links to a photo) are copied by Pelican as
they are; a phone photo among them would publish where it was taken. `sweep` reads the
headers of every other file in the output and replaces an image carrying metadata by a
clean copy, made once and kept in the cache, so the next build only links it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from community_press import atomic_write

from . import digests, privacy
from .model import PIPELINE_VERSION

__all__ = ["Swept", "sweep"]


@dataclass
class Swept:
    """What the sweep did: images cleaned (with what they carried) and images it could not."""

    cleaned: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def sweep(output: Path, ours: Collection[str], cache: Path) -> Swept:
    """Clean every image in `output` except the files in `ours` (the paths of the
    derivatives this build placed, clean by construction: anything else in their folder,
    a static file copied there, is swept like the rest). Cleaned copies are kept in
    `cache`, with the list of files found clean (by size, time and inode: a file
    hard-linked into every build, such as a share card, is read once; and by digest)."""
    swept = Swept()
    output = Path(os.path.abspath(output))  # the paths in `ours` are absolute
    known = _load_clean(cache / CLEAN)
    clean: set[str] = set()
    for root, _, files in os.walk(output):
        for name in files:
            joined = os.path.join(root, name)
            if joined in ours:
                continue
            path = Path(joined)  # any name: a photo with its GPS may be called notes.txt
            try:
                stat = path.stat()
            except OSError:
                continue
            stamp = f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"
            if stamp in known:
                clean.add(stamp)
                continue
            shown = path.relative_to(output).as_posix()
            try:
                with path.open("rb") as f:
                    kind = privacy.image_format(f.read(12))
            except OSError as exc:
                swept.problems.append(_unchecked(shown, exc))
                continue
            if kind is None and path.suffix.lower() not in privacy.IMAGE_NAMES:
                clean.add(stamp)  # a page, a PDF, a video: nothing to clean, nor to hash
                continue
            # A file copied anew into every build (the theme's icons) has a new inode each
            # time: known by its bytes, it is not parsed again.
            digest = _digest(path)
            if (digest and digest in known) or _sweep_image(path, kind, shown, cache, swept):
                clean.update(found for found in (stamp, digest) if found)
    if clean != known:
        with contextlib.suppress(OSError):  # only a memo: the next build reads them again
            atomic_write(cache / CLEAN, json.dumps(sorted(clean)).encode("utf-8"))
    return swept


# The memo of files found clean, in the sweep's cache folder.
CLEAN = "clean-2.json"  # named anew when what counts as clean changes


def _digest(path: Path) -> str:
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # never found clean: `_sweep_image` says what is wrong


def _load_clean(path: Path) -> set[str]:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {str(stamp) for stamp in found} if isinstance(found, list) else set()


def _sweep_image(path: Path, kind: str | None, shown: str, cache: Path, swept: Swept) -> bool:
    """Whether the image `path` (in format `kind`; None: a picture's name on other bytes)
    was clean as it was: no metadata. What `privacy.uncleanable` refuses (as `make check`
    does) is a problem, left for the build to fail on."""
    try:
        refused = privacy.uncleanable(path)
        if refused:
            swept.problems.append(
                f"{shown} (in the output): {refused}; fix or remove the file it was copied from"
            )
            return False
        found = privacy.file_metadata(path)
        if found:
            _replace_with_clean_copy(path, cache)
            swept.cleaned.append(f"{shown} ({', '.join(found)})")
            return False
        return True
    except Exception as exc:  # a damaged file: say which, never a traceback
        swept.problems.append(_unchecked(shown, exc))
        return False


def _unchecked(shown: str, exc: BaseException) -> str:
    return (
        f"{shown} (in the output): cannot be checked for GPS and other metadata "
        f"({exc}); fix or remove the file it was copied from"
    )


def _replace_with_clean_copy(path: Path, cache: Path) -> None:
    """Put the cleaned version of `path` in its place, made once and kept in `cache`."""
    digest, _ = digests.file_digests(path)
    cached = cache / digest[:2] / f"{digest}-{PIPELINE_VERSION}{path.suffix.lower()}"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        privacy.write_clean_copy(path, cached)
    link = path.with_name(f".tmp-{path.name}")
    try:
        os.link(cached, link)
    except OSError:
        shutil.copyfile(cached, link)
    os.replace(link, path)
