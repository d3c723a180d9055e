"""A week's digest: that week's news and the events of the days from its Monday.

Pure core, the one rule the build and `make digest` share: plain entries in (the glue
makes them from Pelican's articles and the events plugin's occurrences), a `Digest` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_interval

from .weeks import Week, week_of

__all__ = ["Digest", "EventEntry", "NewsEntry", "Words", "build_digest", "dates_label"]


@dataclass(frozen=True)
class NewsEntry:
    """An article, as the digest lists it."""

    title: str  # plain text
    url: str  # below the site root
    date: datetime  # aware
    date_label: str  # 2024年6月19日, 19 June 2024
    summary: str  # plain text
    content: Any = field(default=None, compare=False, repr=False)  # for templates


@dataclass(frozen=True)
class EventEntry:
    """One occurrence of an event, as the digest lists it."""

    title: str
    url: str
    start: datetime
    end: datetime
    when_label: str  # 2024年6月19日 星期三 15:00–17:00
    location: str
    status: str  # scheduled, cancelled, ... (events.model.Status values)
    occurrence: Any = field(default=None, compare=False, repr=False)  # for templates


@dataclass(frozen=True)
class Words:
    """The digest's words in one language (from the theme's translations)."""

    title: str  # "<site name>: weekly digest"
    week: str  # Week 25: 17–23 June 2024
    news: str
    no_news: str
    events: str  # Events in the next 14 days
    no_events: str
    more: str  # Everything on the website:
    statuses: Mapping[str, str] = field(default_factory=dict)  # cancelled -> Cancelled


@dataclass(frozen=True)
class Digest:
    """One week's digest in one language, with where its three forms go."""

    week: Week
    lang: str
    dates_label: str  # 17–23 Jun 2024
    event_days: int
    news: tuple[NewsEntry, ...]
    events: tuple[EventEntry, ...]
    url: str  # the page, below the site root
    text_url: str
    rich_url: str
    home_url: str = ""  # the site's home in this language, below the site root

    @property
    def label(self) -> str:
        return self.week.label

    @property
    def is_empty(self) -> bool:
        return not self.news and not self.events


def dates_label(week: Week, locale: str) -> str:
    """Monday to Sunday of `week` for readers: `2024年6月17日至23日`, `17–23 Jun 2024`."""
    return str(format_interval(week.monday, week.sunday, "yMMMd", locale=Locale.parse(locale)))


def _window(week: Week, zone: ZoneInfo, days: int) -> tuple[datetime, datetime]:
    start = week.start(zone)
    last: date = week.monday + timedelta(days=days)
    return start, datetime.combine(last, start.timetz())


def build_digest(
    week: Week,
    lang: str,
    *,
    news: Iterable[NewsEntry],
    events: Iterable[EventEntry],
    zone: ZoneInfo,
    event_days: int,
    locale: str,
    urls: tuple[str, str, str, str],
) -> Digest:
    """The digest of `week`: the news dated in it (on the site's clocks), oldest first,
    and every occurrence under way in the `event_days` days from its Monday, by start.
    `urls`: the page, its plain text, its rich text and the home page, below the root."""
    start, until = _window(week, zone, event_days)
    return Digest(
        week=week,
        lang=lang,
        dates_label=dates_label(week, locale),
        event_days=event_days,
        news=tuple(sorted((n for n in news if week_of(n.date, zone) == week), key=_dated)),
        events=tuple(
            sorted((e for e in events if e.end > start and e.start < until), key=_started)
        ),
        url=urls[0],
        text_url=urls[1],
        rich_url=urls[2],
        home_url=urls[3],
    )


def _dated(entry: NewsEntry) -> tuple[datetime, str]:
    return entry.date, entry.url


def _started(entry: EventEntry) -> tuple[float, str]:
    # The moment: aware times of one zone compare by the clock (two 01:30s of one night).
    return entry.start.timestamp(), entry.url
