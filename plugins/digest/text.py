"""The digest as plain text, for a group chat or a text message.

Pure core: short lines (a Chinese character counts two columns, as a phone shows it),
every link in full on a line of its own (never broken, so it stays clickable), no
Markdown (a chat shows `**` and `#` as they are). Lines break as on the share cards:
Chinese between any two characters, Latin between words.
"""

from __future__ import annotations

from collections.abc import Iterable

from community_press import absolute_url
from sharecards.layout import is_wide, wrap

from .core import Digest, EventEntry, NewsEntry, Words

__all__ = ["columns", "full_link", "to_text"]

_BULLET = "• "
_INDENT = "  "


def columns(text: str) -> int:
    """How wide `text` is on a phone: a Chinese character takes two columns."""
    if text.isascii():  # most digest lines, measured again for every word added
        return len(text)
    return sum(2 if is_wide(char) else 1 for char in text)


def full_link(site_url: str, url: str) -> str:
    """`url` (below the site root) as a full link; `/url` when SITEURL is not absolute
    (a preview build: its copies are for looking at, not for sending)."""
    return absolute_url(site_url, url) or "/" + url.lstrip("/")


def _wrapped(text: str, width: int, first: str = "", rest: str = _INDENT) -> list[str]:
    lines = wrap(text, columns, width - columns(rest)) or [""]
    return [(first if number == 0 else rest) + line for number, line in enumerate(lines)]


def _news(entry: NewsEntry, site_url: str, width: int) -> list[str]:
    return [
        *_wrapped(entry.title, width, _BULLET),
        *_wrapped(entry.date_label, width, _INDENT),
        _INDENT + full_link(site_url, entry.url),
    ]


def _event(entry: EventEntry, words: Words, site_url: str, width: int) -> list[str]:
    status = words.statuses.get(entry.status, "")
    title = f"[{status}] {entry.title}" if status else entry.title
    lines = [*_wrapped(title, width, _BULLET), *_wrapped(entry.when_label, width, _INDENT)]
    if entry.location:
        lines += _wrapped(entry.location, width, _INDENT)
    return [*lines, _INDENT + full_link(site_url, entry.url)]


def _section(heading: str, items: Iterable[list[str]], empty: str, width: int) -> list[str]:
    lines = [*_wrapped(heading, width, "", ""), ""]
    found = [line for item in items for line in [*item, ""]]
    return lines + (found or [*_wrapped(empty, width, "", ""), ""])


def to_text(digest: Digest, words: Words, site_url: str, width: int) -> str:
    """The whole digest as UTF-8-ready text, lines of at most `width` columns (but for
    links)."""
    lines = [
        *_wrapped(words.title, width, "", ""),
        *_wrapped(words.week, width, "", ""),
        "",
        *_section(
            words.news, (_news(n, site_url, width) for n in digest.news), words.no_news, width
        ),
        *_section(
            words.events,
            (_event(e, words, site_url, width) for e in digest.events),
            words.no_events,
            width,
        ),
        *_wrapped(words.more, width, "", ""),
        full_link(site_url, digest.home_url),
    ]
    return "\n".join(lines) + "\n"
