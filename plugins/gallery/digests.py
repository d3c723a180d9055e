"""What a photo's bytes are, read as seldom as possible: `file_digests` and `DigestMemo`.

The cache key of a photo is the SHA-256 of its bytes. Hashing every photo on every build
read the whole gallery (1.3 GB, about 3 s, for the 400-photo bench corpus); the memo kept
in the gallery cache remembers each file by (size, mtime, inode), and a freshly cloned
file is found by the blob id git's index gives it (`gitblobs`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from community_press import atomic_write

from . import gitblobs

__all__ = ["DIGESTS", "DigestMemo", "file_digests"]


def file_digests(path: Path) -> tuple[str, str]:
    """The file's SHA-256 (the cache key) and, from the same read, its git blob id (the
    SHA-1 of ``blob <size>\\0`` and the bytes: what git's index names an unfiltered file
    by), so that a later clone of a repository holding it finds it without reading it."""
    digest = hashlib.sha256()
    blob = hashlib.sha1(usedforsecurity=False)
    with path.open("rb") as f:
        blob.update(b"blob %d\0" % os.fstat(f.fileno()).st_size)
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            blob.update(chunk)
    return digest.hexdigest(), blob.hexdigest()


# The memo's file in GALLERY_CACHE_PATH (the rule book's photo check reads it too).
DIGESTS = "digests.json"


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class DigestMemo:
    """Photo hashes remembered by (size, mtime, inode) in a JSON file of the gallery cache.

    An unchanged file is not read; a freshly cloned one is found by its git blob id, and
    anything else is hashed again, in threads (hashlib lets go of the GIL).
    """

    # The key under which blob id -> digest is kept (no path contains a NUL).
    BLOBS = "\0git-blobs"

    def __init__(self, path: Path, content_root: Path | None = None) -> None:
        self.path = path
        self.content_root = content_root
        self.entries: dict[str, list[Any]] = {}
        self.by_blob: dict[str, str] = {}
        self._blobs: dict[Path, str] | None = None  # asked of git once, when first needed
        self.dirty = False
        with contextlib.suppress(OSError, ValueError):
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                blobs = loaded.pop(self.BLOBS, {})
                self.entries = loaded
                if isinstance(blobs, dict):
                    self.by_blob = {str(k): str(v) for k, v in blobs.items()}

    def _blob(self, path: Path) -> str | None:
        """Git's blob id for `path`, if git vouches for its content (see gitblobs)."""
        if self._blobs is None:
            self._blobs = gitblobs.clean_blobs(self.content_root) if self.content_root else {}
        return self._blobs.get(path)

    def _known(self, path: Path) -> str | None:
        entry = self.entries.get(str(path))
        try:
            stamp = _stamp(path)
        except OSError:
            return None
        if isinstance(entry, list) and entry[:3] == stamp:
            return str(entry[3])
        blob = self._blob(path)  # a fresh clone: new times, but git knows the content
        digest = self.by_blob.get(blob) if blob else None
        if digest is not None:
            self.entries[str(path)] = [*stamp, digest]
            self.dirty = True
        return digest

    def sha256(self, path: Path) -> str:
        """The photo's SHA-256; OSError if it cannot be read."""
        known = self._known(path)
        if known is not None:
            return known
        stamp = _stamp(path)
        digest, blob = file_digests(path)
        self.entries[str(path)] = [*stamp, digest]
        self.by_blob[blob] = digest
        self.dirty = True
        return digest

    def prefetch(self, paths: list[Path], workers: int) -> None:
        """Hash the photos not known yet, several at a time (errors surface in `sha256`)."""
        missing = [p for p in paths if self._known(p) is None]
        if len(missing) < 2 or workers < 2:
            return

        def one(path: Path) -> None:
            with contextlib.suppress(OSError):
                self.sha256(path)

        with ThreadPoolExecutor(workers) as threads:
            list(threads.map(one, missing))

    def save(self) -> None:
        if not self.dirty:
            return
        data = json.dumps({**self.entries, self.BLOBS: self.by_blob})
        with contextlib.suppress(OSError):  # only a memo: the next build hashes again
            atomic_write(self.path, data.encode("utf-8"))
