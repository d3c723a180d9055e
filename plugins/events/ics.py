"""iCalendar feeds (RFC 5545) with the icalendar library.

One VEVENT per event, series as RRULE + EXDATE, times with a VTIMEZONE (never floating),
DTSTAMP in UTC, and UIDs that depend only on the event itself.

Each VTIMEZONE (`vtimezone`, from `zones.observances`) is written in the form calendar
apps export, so that readers that know no zones but the file's (ical.js: Thunderbird,
Nextcloud) read times as `zoneinfo` does: the zone's changes since 1970 (tzdata) grouped into
yearly rules, each one observance with an RRULE (no UNTIL while in force) and a DTSTART at
its first change, in the local time before it (RFC 5545, 3.6.5); a change that fits no
yearly rule is an observance of its own. Never a multi-valued RDATE: ical.js reads its
first value only. A feed gets the rules with a change in the span it covers (open-ended
for a series without an end) and the one in force when the span begins.

A feed is made in two steps, so that a build can keep the slow one between builds:
`feed_body` (icalendar, every DTSTAMP a placeholder), keyed by `feed_key`, then
`stamp` (the build's day put in). icalendar is imported only when a body is made.

DTSTAMP is the start of the build's day in UTC, not its second: a feed published with
METHOD:PUBLISH is stamped when it is made, and to the day it still is, while two builds
of the same content on one day write the same bytes (a calendar that polls the feed sees
it unchanged; the devserver's site equals a fresh build's). Revisions are in LAST-MODIFIED.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from .kept import cache_version
from .model import Event, Status, is_second_of_two
from .recurrence import is_unclear
from .zones import observances

if TYPE_CHECKING:
    from icalendar import Calendar, Timezone
    from icalendar import Event as VEvent

__all__ = [
    "CACHE_PACKAGES",
    "CACHE_VERSION",
    "PRODID",
    "CalendarEntry",
    "add_timezones",
    "feed_body",
    "feed_key",
    "feeds_version",
    "ics_status",
    "make_uid",
    "stamp",
    "to_ics",
    "uid_for",
    "vtimezone",
]

PRODID = "-//Community Press//Events//EN"
# Bump by hand when the bytes `feed_body` makes change (see `kept`).
CACHE_VERSION = 3
# tzdata: the zones' transitions, written into every VTIMEZONE.
CACHE_PACKAGES = ("icalendar", "python-dateutil", "tzdata")
# RFC 5545 knows three statuses; a postponed occurrence will not happen at that time.
_ICS_STATUS = {
    Status.SCHEDULED: "CONFIRMED",
    Status.TENTATIVE: "TENTATIVE",
    Status.CANCELLED: "CANCELLED",
    Status.POSTPONED: "CANCELLED",
    Status.RESCHEDULED: "CONFIRMED",
    Status.MOVED_ONLINE: "CONFIRMED",
}


@dataclass(frozen=True)
class CalendarEntry:
    """What one VEVENT says, in one language."""

    event: Event
    uid: str
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""  # the event page, when the site's address is known
    modified: datetime | None = None
    categories: tuple[str, ...] = ()


def make_uid(event: Event, slug: str, domain: str) -> str:
    """`event-uid` if given, else `<slug>@<domain>`: unchanged by edits to other files."""
    return uid_for(event.uid, slug, domain)


def uid_for(uid: str, slug: str, domain: str) -> str:
    """`make_uid` from the `event-uid` text (may be empty) rather than an Event."""
    return uid or f"{slug}@{domain}"


def ics_status(status: Status) -> str:
    return _ICS_STATUS[status]


def _when(value: date | datetime, single: bool) -> date | datetime:
    """A start or end as every reader reads it alike. A local time with TZID names the
    first of two equal clock times (RFC 5545), so a series' second one is given in UTC
    (only a single event can start there: the model refuses a series that would). A single
    event's time the clocks repeat or skip is given in UTC whichever it is: ical.js, which
    reads only the file's VTIMEZONE, takes the other of two equal times."""
    if not isinstance(value, datetime):
        return value
    if is_second_of_two(value) or (single and is_unclear(value)):
        return value.astimezone(UTC)
    return value


def _length_on_the_clock(event: Event) -> timedelta:
    """How long each date of a series lasts as its pages say: from the start's clock time
    to the end's. DURATION says this (its days are days on the clock, RFC 5545 3.3.6),
    where DTEND would give every date the first one's exact length (23 hours for a day
    that spans the night the clocks go forward)."""
    assert isinstance(event.start, datetime) and isinstance(event.end, datetime)
    return event.end.replace(tzinfo=None) - event.start.replace(tzinfo=None)


def _icalendar() -> ModuleType:
    """The icalendar library, imported on first use: a warm build that finds every feed
    in its cache never needs it (its import took 0.07 s)."""
    import icalendar  # noqa: PLC0415

    return icalendar


def _vevent(entry: CalendarEntry, stamp: datetime) -> VEvent:
    ical = _icalendar()
    event = entry.event
    vevent: VEvent = ical.Event()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", stamp)
    single = event.rule is None
    vevent.add("dtstart", _when(event.start, single))
    if single or not isinstance(event.start, datetime):
        vevent.add("dtend", _when(event.end, single))
    else:
        vevent.add("duration", _length_on_the_clock(event))
    if event.rule is not None:
        vevent.add("rrule", ical.vRecur.from_ical(event.rule.ical()))
        if event.exdates:
            vevent.add("exdate", list(event.exdates))
    vevent.add("summary", entry.summary)
    if entry.description:
        vevent.add("description", entry.description)
    if entry.location:
        vevent.add("location", entry.location)
    if event.geo is not None:
        vevent.add("geo", event.geo)
    if entry.url:
        vevent.add("url", entry.url)
    if entry.categories:
        vevent.add("categories", list(entry.categories))
    vevent.add("status", ics_status(event.status))
    if entry.modified is not None:
        vevent.add("last-modified", entry.modified.astimezone(UTC))
    return vevent


def _zone_range(entries: Sequence[CalendarEntry], horizon: datetime) -> tuple[date, date | None]:
    """The dates the VTIMEZONE components must cover: from the first timed start (or the
    horizon) to the last end or UNTIL (or the horizon); None when a timed series has no
    end (a series with COUNT counts as one: its dates are not worked out here)."""
    starts, ends = [horizon.date()], [horizon.date()]
    endless = False
    for entry in entries:
        event = entry.event
        if not isinstance(event.start, datetime):
            continue  # all-day: dates, no zone
        starts.append(event.start.date())
        until = event.end if event.rule is None else event.rule.until
        endless = endless or until is None
        if isinstance(until, datetime):
            ends.append(until.date())
    return min(starts), None if endless else max(ends)


@lru_cache(maxsize=32)
def vtimezone(tzid: str, first: date, last: date | None) -> Timezone | None:
    """The VTIMEZONE of `tzid` for times from `first` to `last` (None: no end), or None
    for a zone that tzdata lacks; its form, and why, in the module's docstring. Finding a
    zone's changes takes about 10 ms: a build does it once per zone, not once per feed."""
    found = observances(tzid, first, last)
    if found is None:
        return None
    ical = _icalendar()
    timezone: Timezone = ical.Timezone()
    timezone.add("tzid", tzid)
    for observance in found:
        kind = ical.TimezoneDaylight if observance.dst else ical.TimezoneStandard
        part = kind()
        part.add("dtstart", observance.start)
        part.add("tzoffsetfrom", observance.offset_from)
        part.add("tzoffsetto", observance.offset_to)
        part.add("tzname", observance.name)
        if observance.rule:
            part.add("rrule", ical.vRecur.from_ical(observance.rule))
        timezone.add_component(part)
    return timezone


def add_timezones(calendar: Calendar, first: date, last: date | None) -> None:
    """A VTIMEZONE for every TZID the calendar uses, over whole years so that feeds share
    zones; `last` None: times without an end."""
    first = date(first.year, 1, 1)
    last = None if last is None else date(last.year, 12, 31)
    position = len(calendar.timezones)  # VTIMEZONEs go before the events using them
    for tzid in sorted(calendar.get_missing_tzids()):
        timezone = vtimezone(tzid, first, last)
        if timezone is not None:
            calendar.subcomponents.insert(position, timezone)
            position += 1


# Every DTSTAMP of a feed body; `stamp` puts the build's day in its place. A property
# line starts after CRLF, and text values escape their line breaks, so only DTSTAMP
# lines can match.
_PLACEHOLDER = datetime(1900, 1, 1, tzinfo=UTC)
_PLACEHOLDER_LINE = b"\r\nDTSTAMP:19000101T000000Z\r\n"


def to_ics(
    entries: Sequence[CalendarEntry],
    *,
    name: str,
    now: datetime,
    horizon: datetime,
    description: str = "",
) -> bytes:
    """A whole VCALENDAR; the day of `now` (in UTC) becomes every DTSTAMP."""
    return stamp(feed_body(entries, name=name, horizon=horizon, description=description), now)


def feed_body(
    entries: Sequence[CalendarEntry],
    *,
    name: str,
    horizon: datetime,
    description: str = "",
) -> bytes:
    """`to_ics` with a placeholder for every DTSTAMP (see `stamp`)."""
    calendar = _icalendar().Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    calendar.add("refresh-interval", timedelta(hours=12), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT12H")
    for entry in entries:
        calendar.add_component(_vevent(entry, _PLACEHOLDER))
    if _is_timed(entries):
        add_timezones(calendar, *_zone_range(entries, horizon))
    body: bytes = calendar.to_ical()
    if body.count(_PLACEHOLDER_LINE) != len(entries):  # never seen: say so rather than lie
        raise ValueError(f"feed {name!r}: DTSTAMP lines not as expected")
    return body


def stamp(body: bytes, now: datetime) -> bytes:
    """A `feed_body` with the start of `now`'s day in UTC as every DTSTAMP."""
    line = now.astimezone(UTC).strftime("\r\nDTSTAMP:%Y%m%dT000000Z\r\n").encode()
    return body.replace(_PLACEHOLDER_LINE, line)


def _is_timed(entries: Sequence[CalendarEntry]) -> bool:
    return any(isinstance(entry.event.start, datetime) for entry in entries)


def feed_key(
    entries: Sequence[CalendarEntry],
    *,
    name: str,
    horizon: datetime,
    description: str = "",
) -> str:
    """What `feed_body` depends on, hashed: its arguments (the horizon only through the
        years of time zone it makes the feed cover). The code and packages that make the body
    are the kept file's version (`feeds_version`)."""
    years = None
    if _is_timed(entries):
        first, last = _zone_range(entries, horizon)
        years = (first.year, None if last is None else last.year)
    # Every field of the entries is a dataclass, str, tuple, enum or date: their reprs
    # say everything they hold (a datetime's includes its zone).
    text = repr((entries, name, description, years))
    return hashlib.sha256(text.encode()).hexdigest()


def feeds_version() -> str:
    """The version of kept feed bodies (`kept.cache_version`)."""
    return cache_version(CACHE_VERSION, CACHE_PACKAGES)
