"""Feed bodies kept between builds: a warm build writes its .ics files without icalendar.

Making the feeds was a quarter of a medium site's warm build (200 event feeds, 0.8 s
under a profiler). A body is stored under its `ics.feed_key`, which changes with
anything the body depends on, and is stamped with the build's time on the way out.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path

__all__ = ["FeedCache"]

FILE_NAME = "feeds.pickle"


class FeedCache:
    """Feed bodies by key, in `<folder>/feeds.pickle`; no folder, no cache."""

    def __init__(self, folder: Path | None) -> None:
        self.file = folder / FILE_NAME if folder else None
        self._stored: dict[str, bytes] = self._load()
        self._used: dict[str, bytes] = {}
        self.made = 0  # bodies made by this build (not found in the cache)

    def _load(self) -> dict[str, bytes]:
        if self.file is None:
            return {}
        try:
            with self.file.open("rb") as handle:
                stored = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return {}  # none yet, or damaged: make every feed again
        if not isinstance(stored, dict):
            return {}
        return {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, bytes)}

    def body(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The body stored under `key`, else `make()`'s (stored from now on)."""
        found = self._used.get(key)
        if found is None:
            found = self._stored.get(key)
        if found is None:
            found = make()
            self.made += 1
        self._used[key] = found
        return found

    def save(self) -> None:
        """Keep this build's bodies only (so that old ones do not pile up); write the
        file only when that changes it."""
        if self.file is None or self._used == self._stored:
            return
        partial = self.file.with_name(f"{self.file.name}.{os.getpid()}.tmp")
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with partial.open("wb") as handle:
                pickle.dump(self._used, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, self.file)  # builds running side by side: one file wins
        except OSError:  # a cache that cannot be written only costs time
            with contextlib.suppress(OSError):
                partial.unlink()
            return
        self._stored = dict(self._used)
