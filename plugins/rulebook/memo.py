"""What the rule book remembers between builds: each file's front matter, the problems
only its own text decides (fields, raw HTML), the lines that may hold links, and each
photo's problems, keyed on the file's size and modification time, so that a warm build
reads and parses only the files that changed.

A memo is valid for one `RULEBOOK_VERSION` and one `fingerprint` of the settings those
rules read; either changing starts it afresh. Cross-file rules (links, slugs, events,
galleries) always run.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from community_press import atomic_write
from translations.settings import content_languages

__all__ = ["RULEBOOK_VERSION", "FileMemo", "fingerprint", "load_memo", "save_memo", "site_stamp"]

# Raise it whenever a rule of fields.py, html.py, body.py, community_press.frontmatter or
# events.model (dates), or gallery.rules.photo_problems, changes what it reports.
# 7: times with a dot or comma for the colon are refused. 8: a field name in words.
# 9: links out of the content, pictures above it. 10: an indented line that ends the
# header; an error when a publishing field is cut off.
# 11: Hugo's `draft: true` and Jekyll's `published: false` are refused.
# 12: indented code blocks are code (no raw HTML, no links).
# 13: style= and on…= in attribute lists. 14: pictures and styles from other sites in
# reference-style pictures, srcset, video posters and stylesheet links. 15: quoted values.
# 16: a photo's place in XMP or IPTC. 17: the title example in the page's language.
# 18: a field carried on by an indented line (tabs read as Python-Markdown reads them).
# 19: an event translation without an event line.
RULEBOOK_VERSION = 21
MEMO_NAME = "rulebook-memo.pickle"
T = TypeVar("T")


def fingerprint(settings: Mapping[str, Any], templates: list[str], cwd: str) -> str:
    """The settings the memoised rules read (and the working folder, which names files)."""
    keys = [
        *("DEFAULT_LANG", "CHECK_LANGUAGES", "I18N_UI_LANGUAGES", "CHECK_EXTRA_FIELDS"),
        *("TRUSTED_FRAME_HOSTS", "SLUG_REGEX_SUBSTITUTIONS", "SLUGIFY_PRESERVE_CASE"),
        "SLUGIFY_USE_UNICODE",
        *("CHECK_MAX_PHOTO_BYTES", "CHECK_MAX_PHOTO_PIXELS", "GALLERY_MAX_PIXELS"),
        "GALLERY_BROKEN_PHOTOS",
    ]
    languages = content_languages(settings)  # with the catalogues' languages
    seen = repr((RULEBOOK_VERSION, [settings.get(k) for k in keys], languages, templates, cwd))
    return hashlib.sha256(seen.encode()).hexdigest()


@dataclass
class FileMemo:
    """Values computed from one file, each under a name, valid while the file is as it was."""

    key: str
    entries: dict[tuple[str, str], tuple[object, object]] = field(default_factory=dict)
    used: set[tuple[str, str]] = field(default_factory=set)
    # This run's SHA-256 of each file, by path (`check_content` fills it from the
    # gallery's memo of digests); never saved.
    digests: dict[str, str] = field(default_factory=dict)
    # The whole site's problems, under `site_stamp` of every input (settings, every file
    # under content, the rules' code, the date): a build with nothing changed reads none.
    site: tuple[str, list[Any]] | None = None

    def has(self, path: Path, name: str, stamp: object) -> bool:
        """Whether a value for `path` under `name` is kept for exactly this `stamp`."""
        found = self.entries.get((str(path), name))
        return found is not None and found[0] == stamp

    def get(self, path: Path, name: str, compute: Callable[[], T], stamp: object = None) -> T:
        """`compute()`, or what it gave for `path` as it is now: by its modification time
        and size, else by its bytes (a fresh clone gives every file a new time), or by
        `stamp` when given (a photo's digest)."""
        slot = (str(path), name)
        self.used.add(slot)
        found = self.entries.get(slot)
        if stamp is None:
            stat = path.stat()
            now = (stat.st_mtime_ns, stat.st_size)
            kept = found[0] if found is not None else None
            if isinstance(kept, tuple) and len(kept) == 3 and found is not None:
                if kept[:2] == now:
                    return found[1]  # type: ignore[return-value]
                if kept[1] == now[1] and kept[2] == self.digest(path):
                    self.entries[slot] = ((*now, kept[2]), found[1])
                    return found[1]  # type: ignore[return-value]
            digest = self.digest(path)  # before computing: a file saved meanwhile differs
            value = compute()
            self.entries[slot] = ((*now, digest), value)
            return value
        if found is not None and found[0] == stamp:
            return found[1]  # type: ignore[return-value]
        value = compute()
        self.entries[slot] = (stamp, value)
        return value

    def digest(self, path: Path) -> str:
        """The SHA-256 of the file's bytes: as `digests` knows it, else read once."""
        key = str(path)
        if key not in self.digests:
            self.digests[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self.digests[key]


# Settings that differ from build to build and that no rule reads: the safe build writes
# each site into a folder of its own, and a build without a reading cache to trust
# (the first, or after a Markdown upgrade) turns LOAD_CONTENT_CACHE off for itself.
RUN_SETTINGS = frozenset({"OUTPUT_PATH", "LOAD_CONTENT_CACHE"})


def site_stamp(settings: Mapping[str, Any], files: Iterable[tuple[str, str | None]]) -> str:
    """What every rule of the rule book reads, as one digest: all the settings, each file
    under content as (relative path, digest of its bytes), the rule book's code and the
    plugins' it calls (by size and time), and today's date (events are judged against it)."""
    code = Path(__file__).resolve().parents[1]
    sources = sorted(
        (str(p.relative_to(code)), st.st_size, st.st_mtime_ns)
        for p in code.rglob("*.py")
        for st in [p.stat()]
    )
    today = _today()
    kept = {k: v for k, v in settings.items() if k not in RUN_SETTINGS}
    seen = json.dumps(
        [RULEBOOK_VERSION, kept, sorted(files), sources, today],
        sort_keys=True,
        default=_stable,
    )
    return hashlib.sha256(seen.encode()).hexdigest()


def _today() -> str:
    """Today here and in UTC: the date an event's rules are judged against is one of them."""
    return f"{datetime.date.today()} {datetime.datetime.now(datetime.UTC).date()}"


def _stable(value: object) -> str:
    """A setting JSON cannot hold, named the same way in every run (no memory address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"
    shown = repr(value)
    return type(value).__qualname__ if " at 0x" in shown else shown


def load_memo(folder: str | os.PathLike[str], key: str) -> FileMemo:
    """The memo saved in `folder` for `key`, or an empty one."""
    try:
        saved = pickle.loads((Path(folder) / MEMO_NAME).read_bytes())
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, TypeError):
        return FileMemo(key)
    if not isinstance(saved, FileMemo) or saved.key != key:
        return FileMemo(key)
    saved.used = set()
    saved.digests = {}
    return saved


def save_memo(folder: str | os.PathLike[str], memo: FileMemo) -> None:
    """Keep what this run used (files since deleted are forgotten)."""
    kept = FileMemo(memo.key, {k: v for k, v in memo.entries.items() if k in memo.used})
    kept.site = memo.site
    atomic_write(Path(folder) / MEMO_NAME, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
