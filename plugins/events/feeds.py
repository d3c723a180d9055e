"""The iCalendar feeds of a build: what each VEVENT says, which feeds there are (the site
calendar and one per category in every language, one per event version), and their bytes.

No Pelican here: where a feed goes is asked of the caller (`FeedPaths`), and a body is
taken from the kept bodies (`kept.FEEDS`) when nothing it says changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from .collection import EventGroup
from .ics import CalendarEntry, feed_body, feed_key, stamp
from .views import Texts

__all__ = ["Feed", "FeedPaths", "Memo", "categories", "entry_of", "feed_bytes", "feed_plan"]


class Memo(Protocol):
    """Feed bodies made by earlier builds (`kept.Kept`)."""

    def get(self, key: str, make: Callable[[], bytes]) -> bytes: ...


class FeedPaths(Protocol):
    """Where feeds go, as the site's settings say."""

    def calendar(self, lang: str) -> str: ...
    def event(self, content: Any) -> str: ...
    def category(self, name: str, lang: str) -> str: ...
    def category_slug(self, name: str) -> str: ...


@dataclass(frozen=True)
class Feed:
    """One .ics file to write."""

    path: str
    name: str  # the calendar's name (X-WR-CALNAME)
    entries: tuple[CalendarEntry, ...]


def entry_of(texts: Texts, uid: str, modified: datetime | None) -> CalendarEntry:
    """One version of an event as a VEVENT: its reason for a status change, description
    (else summary) and page address make the description."""
    event = texts.event
    parts = (event.status_reason, event.description or texts.summary, texts.absolute_url)
    return CalendarEntry(
        event=event,
        uid=uid,
        summary=texts.title,
        description="\n\n".join(part for part in parts if part),
        location=event.location,
        url=texts.absolute_url,
        modified=modified,
        categories=event.categories,
    )


def categories(
    groups: Sequence[EventGroup], lang: str, slug: Callable[[str], str]
) -> dict[str, list[EventGroup]]:
    """Category name -> its events, by the names of the language's versions. Names with
    one address (`slug`: "Family" and "family", "Arts & Crafts" and "Arts Crafts") are one
    category, called by its most used spelling; a name with no address has no feed."""
    order = {id(group): number for number, group in enumerate(groups)}
    by_slug: dict[str, dict[str, list[EventGroup]]] = {}
    for group in groups:
        for name in group.version_for(lang)[1].categories:
            key = slug(name)
            if key:
                by_slug.setdefault(key, {}).setdefault(name, []).append(group)
    merged: dict[str, list[EventGroup]] = {}
    for spellings in by_slug.values():
        name = min(spellings, key=lambda n: (-len(spellings[n]), n))
        members = {id(g): g for groups_of in spellings.values() for g in groups_of}
        merged[name] = sorted(members.values(), key=lambda g: order[id(g)])  # each once
    return dict(sorted(merged.items(), key=lambda item: (item[0].casefold(), item[0])))


def feed_plan(
    groups: Sequence[EventGroup],
    langs: Sequence[str],
    *,
    site_name: str,
    entry: Callable[[EventGroup, str], CalendarEntry],
    paths: FeedPaths,
) -> list[Feed]:
    """Every feed: the calendar of listed events per language, one per version of every
    event but drafts, and one per category of listed events per language."""
    listed = [g for g in groups if g.listed]
    feeds = [
        Feed(paths.calendar(lang), site_name, tuple(entry(g, lang) for g in listed))
        for lang in langs
    ]
    for group in groups:
        if group.original.status == "draft":
            continue
        for content, _event in group.versions:
            one = entry(group, content.lang)
            feeds.append(Feed(paths.event(content), one.summary, (one,)))
    for lang in langs:
        for name, members in categories(listed, lang, paths.category_slug).items():
            entries = tuple(entry(g, lang) for g in members)
            feeds.append(Feed(paths.category(name, lang), f"{site_name} · {name}", entries))
    return feeds


def feed_bytes(feed: Feed, *, horizon: datetime, now: datetime, memo: Memo) -> bytes:
    """`ics.to_ics` of a feed, with the body from `memo` when nothing it says changed."""
    entries = list(feed.entries)
    key = feed_key(entries, name=feed.name, horizon=horizon)
    body = memo.get(key, lambda: feed_body(entries, name=feed.name, horizon=horizon))
    return stamp(body, now)
