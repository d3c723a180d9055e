"""Pelican's cache of read files, forgotten when what reading depends on changes.

Pelican keeps each file's HTML between builds (CACHE_CONTENT, the "reader" layer), keyed
on the file's bytes alone. A change of the Markdown settings, or of Pelican's or
Python-Markdown's version (an upgrade of this project), left every unchanged file's old
HTML in the site, in CI too, whose cache folder is kept between runs. The cache is kept
with a stamp of those inputs; a build whose stamp differs reads every file again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, MutableMapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .paths import atomic_write

# The settings Pelican's readers use to turn a file into HTML and metadata.
READING_KEYS = (
    "MARKDOWN", "READERS", "FORMATTED_FIELDS", "TYPOGRIFY", "TYPOGRIFY_IGNORE_TAGS",
    "TYPOGRIFY_DASHES", "TYPOGRIFY_OMIT_FILTERS", "DEFAULT_LANG", "DEFAULT_DATE_FORMAT",
)  # fmt: skip
STAMP = "reading.stamp"
# Where the stamp taken before reading is kept for the build: Pelican's Markdown reader
# adds an "extensions" list to the MARKDOWN setting as it reads, so a stamp taken after
# reading would never match the next build's, and every build would read every file.
_TAKEN = "_reading_stamp"


def reading_stamp(settings: Mapping[str, Any]) -> str:
    """What the cached HTML of a file depends on besides the file."""
    parts = [repr(settings.get(key)) for key in READING_KEYS]
    parts += [version("pelican"), version("markdown")]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _stamp_file(settings: Mapping[str, Any]) -> Path:
    return Path(settings["CACHE_PATH"]) / STAMP


def forget_if_stale(settings: MutableMapping[str, Any]) -> bool:
    """Before any file is read: keep Pelican from loading a cache made with other reading
    settings or versions (it writes a new one). True if it was stale."""
    stamp = settings[_TAKEN] = reading_stamp(settings)
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return False
    try:
        kept = _stamp_file(settings).read_text(encoding="ascii")
    except (OSError, ValueError):
        kept = ""
    if kept == stamp:
        return False
    settings["LOAD_CONTENT_CACHE"] = False
    return True


def keep_stamp(settings: Mapping[str, Any]) -> None:
    """After a build that wrote its cache: the stamp it was made with (written last, so a
    build that stops before leaves the old stamp, and the next one reads all again)."""
    if settings.get("CACHE_CONTENT") and Path(settings["CACHE_PATH"]).is_dir():
        stamp = settings.get(_TAKEN) or reading_stamp(settings)
        atomic_write(_stamp_file(settings), stamp.encode("ascii"))
