"""Values kept between builds in one pickle file: .ics feed bodies, reader-facing labels,
RRULE texts icalendar has read.

Making the feeds was a quarter of a medium site's warm build (200 event feeds, 0.8 s under
a profiler) and labelling every occurrence with Babel a tenth. A value is stored under a
key that changes with everything it depends on (`ics.feed_key`, `labels` keys), and the
file says which version of the code made it: another version, and nothing is reused.

The version rule, for a maintainer: each kind of kept value has a ``CACHE_VERSION``
integer in the module that makes it (feeds: `ics.CACHE_VERSION`, labels:
`labels.CACHE_VERSION`, rules: `recurrence.CACHE_VERSION`). Bump it by hand in the commit
that changes the bytes those values hold (what a feed, a label says; which rules
icalendar accepts), and only then: editing a comment or moving code to another file does
not throw the cache away. The version also holds the versions of the packages whose
output the values are (`cache_version`: icalendar, babel, tzdata, python-dateutil), so an
upgrade of one makes them again without anyone having to remember.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, TypeVar

from community_press import atomic_write

__all__ = [
    "FEEDS",
    "LABELS",
    "RULES",
    "Kept",
    "cache_folder",
    "cache_version",
    "package_version",
]

FEEDS = "feeds.pickle"
LABELS = "labels.pickle"
RULES = "rules.pickle"  # RRULE texts icalendar has read (see `recurrence.parse_rrule`)

V = TypeVar("V", str, bytes)


@cache
def package_version(package: str) -> str:
    """The installed version of `package`, or "none"."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def cache_version(number: int, packages: Iterable[str]) -> str:
    """What kept values depend on besides their keys: the CACHE_VERSION of the module that
    makes them and the versions of the packages it calls. Values kept under another
    version are made again."""
    return ";".join([f"v{number}", *(f"{p}={package_version(p)}" for p in packages)])


def cache_folder(settings: Mapping[str, Any]) -> Path | None:
    """Where kept values live: EVENTS_CACHE_PATH; unset (None), <CACHE_PATH>/events when
    CACHE_CONTENT is on, else none; "" none."""
    folder = settings.get("EVENTS_CACHE_PATH")
    if folder is None and settings.get("CACHE_CONTENT"):
        folder = os.path.join(settings.get("CACHE_PATH") or "cache", "events")
    return Path(folder) if folder else None


class Kept(Generic[V]):
    """Values by key, in `<folder>/<name>`; no folder, nothing kept."""

    def __init__(self, folder: Path | None, name: str, kind: type[V], version: str = "") -> None:
        self.file = folder / name if folder else None
        self.kind: type[V] = kind
        self.version = version
        self._stored: dict[str, V] = self._load()
        self._used: dict[str, V] = {}
        self.made = 0  # values made by this build (not found in the file)

    def _load(self) -> dict[str, V]:
        if self.file is None:
            return {}
        try:
            with self.file.open("rb") as handle:
                version, stored = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return {}  # none yet, or damaged: make every value again
        if version != self.version or not isinstance(stored, dict):
            return {}
        kind = self.kind
        return {k: v for k, v in stored.items() if isinstance(k, str) and isinstance(v, kind)}

    @property
    def used(self) -> frozenset[str]:
        """The keys this run asked for (what `save` keeps)."""
        return frozenset(self._used)

    def __contains__(self, key: object) -> bool:
        return key in self._used or key in self._stored

    def get(self, key: str, make: Callable[[], V]) -> V:
        """The value stored under `key`, else `make()`'s (stored from now on)."""
        found = self._used.get(key)
        if found is None:
            found = self._stored.get(key)
            if found is None:
                found = make()
                self.made += 1
            self._used[key] = found
        return found

    def save(self) -> None:
        """Keep this build's values only (so that old ones do not pile up); write the
        file only when that changes it."""
        if self.file is None or self._used == self._stored:
            return
        data = pickle.dumps((self.version, self._used), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            atomic_write(self.file, data)  # builds running side by side: one file wins
        except OSError:  # a cache that cannot be written only costs time
            return
        self._stored = dict(self._used)
