"""iCalendar feeds (RFC 5545) with the icalendar library.

One VEVENT per event, series as RRULE + EXDATE, times with a VTIMEZONE (never floating),
DTSTAMP in UTC, and UIDs that depend only on the event itself.

Each VTIMEZONE (`vtimezone`) is written in the form calendar apps export, so that readers
that know no zones but the file's (ical.js: Thunderbird, Nextcloud) read times as
`zoneinfo` does: the zone's changes since 1970 (from `zoneinfo`, tzdata) grouped into
yearly rules, each one observance with an RRULE (no UNTIL while in force) and a DTSTART at
its first change, in the local time before it (RFC 5545, 3.6.5); a change that fits no
yearly rule is an observance of its own. Never a multi-valued RDATE: ical.js reads its
first value only. A feed gets the rules with a change in the span it covers (open-ended
for a series without an end) and the one in force when the span begins.

A feed is made in two steps, so that a build can keep the slow one between builds:
`feed_body` (icalendar, every DTSTAMP a placeholder), keyed by `feed_key`, then
`stamp` (the build's time put in). icalendar is imported only when a body is made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .kept import cache_version
from .model import Event, Status, is_second_of_two

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
CACHE_VERSION = 2
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


def _when(value: date | datetime) -> date | datetime:
    """A start or end as iCalendar can say it: a local time with TZID names the first of
    two equal clock times (RFC 5545), so the second one is given in UTC. Only a single
    event can start there; the model refuses a series that would."""
    if isinstance(value, datetime) and is_second_of_two(value):
        return value.astimezone(UTC)
    return value


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
    vevent.add("dtstart", _when(event.start))
    vevent.add("dtend", _when(event.end))
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


# VTIMEZONE components (see the module's docstring): the zone's changes are looked for in
# tzdata from 1970 (a week at a time, then to the second) to 2050 or two years past the feed.
_SCAN_FROM = 1970
_SCAN_UNTIL = 2050
_WEEK = 7 * 24 * 3600
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class _Change:
    """One change of a zone's clocks, at `at` (UTC), to `after` (named `name`)."""

    at: datetime
    before: timedelta
    after: timedelta
    name: str
    dst: bool

    @property
    def local(self) -> datetime:
        """When it happens in the local time before it (as DTSTART says it)."""
        return (self.at + self.before).replace(tzinfo=None)

    @property
    def kind(self) -> tuple[object, ...]:
        """What the changes one yearly rule makes have in common."""
        local = self.local
        return (self.before, self.after, self.name, self.dst, local.month, local.time())


@dataclass(frozen=True)
class _Observance:
    """A STANDARD or DAYLIGHT component: `start` is local (before the change)."""

    start: datetime
    offset_from: timedelta
    offset_to: timedelta
    name: str
    dst: bool
    rule: str = ""  # an RRULE, or none for a single change


def _state(zone: ZoneInfo, at: int) -> tuple[timedelta, str, bool]:
    moment = datetime.fromtimestamp(at, zone)
    return moment.utcoffset() or timedelta(0), moment.tzname() or "", bool(moment.dst())


def _change(at: int, before: timedelta, after: tuple[timedelta, str, bool]) -> _Change:
    return _Change(datetime.fromtimestamp(at, UTC), before, after[0], after[1], after[2])


@lru_cache(maxsize=64)
def _zone_changes(tzid: str, until_year: int) -> tuple[_Change, ...] | None:
    """The zone's changes from 1970 to `until_year`, the first one its state in 1970 (a
    change to itself); None for a zone tzdata lacks."""
    try:
        zone = ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    at = int(datetime(_SCAN_FROM, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(until_year, 1, 1, tzinfo=UTC).timestamp())
    state = _state(zone, at)
    found = [_change(at, state[0], state)]
    while at < end:
        step = min(at + _WEEK, end)
        if _state(zone, step) == state:
            at = step
            continue
        low, high = at, step  # the change is in (low, high]: find its second
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if _state(zone, middle) == state else (low, middle)
        after = _state(zone, high)
        found.append(_change(high, state[0], after))
        at, state = high, after
    return tuple(found)


def _month_length(day: datetime) -> int:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _patterns(local: datetime) -> list[str]:
    """The yearly rules (RRULE parts besides FREQ and BYMONTH) that fall on `local`'s
    day, the usual ones first: nth weekday, last weekday, a fixed day, weekday on or after."""
    day, weekday, length = local.day, _WEEKDAYS[local.weekday()], _month_length(local)
    found = [f"BYDAY={(day - 1) // 7 + 1}{weekday}"] if day <= 28 else []
    if day > length - 7:
        found.append(f"BYDAY=-1{weekday}")
    found.append(f"BYMONTHDAY={day}")
    for first in range(max(1, day - 6), min(day, length - 6) + 1):
        days = ",".join(str(d) for d in range(first, first + 7))
        found.append(f"BYMONTHDAY={days};BYDAY={weekday}")
    return found


def _yearly_groups(changes: Sequence[_Change]) -> list[tuple[list[_Change], list[str]]]:
    """The changes as groups one yearly rule makes (one change a year, the same kind, the
    same day pattern), each with the patterns all its changes fit; a lone change alone.
    Grouped from the latest back, so that the rules in force reach back to their start."""
    groups: list[tuple[list[_Change], list[str]]] = []
    earliest: dict[tuple[object, ...], tuple[list[_Change], list[str]]] = {}
    for change in reversed(changes):
        group = earliest.get(change.kind)
        if group is not None and change.local.year == group[0][0].local.year - 1:
            fits = set(_patterns(change.local))
            kept = [pattern for pattern in group[1] if pattern in fits]
            if kept:
                group[0].insert(0, change)
                group[1][:] = kept
                continue
        earliest[change.kind] = group = ([change], _patterns(change.local))
        groups.append(group)
    return sorted(groups, key=lambda group: group[0][0].at)


def _observance(members: Sequence[_Change], pattern: str, is_open: bool) -> _Observance:
    first, last = members[0], members[-1]
    rule = ""
    if len(members) > 1:
        rule = f"FREQ=YEARLY;BYMONTH={first.local.month};{pattern}"
        if not is_open:
            rule += f";UNTIL={last.at:%Y%m%dT%H%M%SZ}"  # RFC 5545: UTC in a VTIMEZONE
    return _Observance(first.local, first.before, first.after, first.name, first.dst, rule)


def _observances(
    changes: Sequence[_Change], first: date, last: date | None, until_year: int
) -> list[_Observance]:
    """The observances for times from `first` to `last`: every yearly rule with a change
    in that span, and the change in force when it starts."""
    low = datetime.combine(first, time(), UTC) - timedelta(days=1)
    high = None if last is None else datetime.combine(last, time(), UTC) + timedelta(days=2)
    in_force = [change for change in changes if change.at < low][-1:]
    found = []
    for members, patterns in _yearly_groups(changes):
        is_open = members[-1].local.year >= until_year - 1  # to the end of the scan
        if any(low <= c.at and (high is None or c.at < high) for c in members):
            found.append(_observance(members, patterns[0], is_open))
        elif in_force and in_force[0] in members:
            found.append(_observance(in_force, "", is_open=False))
    return found


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
    until_year = max(_SCAN_UNTIL, (last.year if last else 0) + 2)
    found = _zone_changes(tzid, until_year)
    if found is None:
        return None
    ical = _icalendar()
    timezone: Timezone = ical.Timezone()
    timezone.add("tzid", tzid)
    for observance in _observances(found, first, last, until_year):
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


# Every DTSTAMP of a feed body; `stamp` puts the build's time in its place. A property
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
    """A whole VCALENDAR; `now` becomes every DTSTAMP (in UTC)."""
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
    """A `feed_body` with `now` (in UTC, to the second) as every DTSTAMP."""
    line = now.astimezone(UTC).strftime("\r\nDTSTAMP:%Y%m%dT%H%M%SZ\r\n").encode()
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
