"""iCalendar feeds (RFC 5545) with the icalendar library.

One VEVENT per event, series as RRULE + EXDATE, times with a VTIMEZONE (never floating),
DTSTAMP in UTC, and UIDs that depend only on the event itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Timezone, vRecur
from icalendar import Event as VEvent

from .model import Event, Status, is_second_of_two

__all__ = ["PRODID", "CalendarEntry", "ics_status", "make_uid", "to_ics"]

PRODID = "-//Community Press//Events//EN"
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
    return event.uid or f"{slug}@{domain}"


def ics_status(status: Status) -> str:
    return _ICS_STATUS[status]


def _when(value: date | datetime) -> date | datetime:
    """A start or end as iCalendar can say it: a local time with TZID names the first of
    two equal clock times (RFC 5545), so the second one is given in UTC. Only a single
    event can start there; the model refuses a series that would."""
    if isinstance(value, datetime) and is_second_of_two(value):
        return value.astimezone(UTC)
    return value


def _vevent(entry: CalendarEntry, stamp: datetime) -> VEvent:
    event = entry.event
    vevent = VEvent()
    vevent.add("uid", entry.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", _when(event.start))
    vevent.add("dtend", _when(event.end))
    if event.rule is not None:
        vevent.add("rrule", vRecur.from_ical(event.rule.ical()))
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


def _zone_range(entries: Sequence[CalendarEntry], horizon: datetime) -> tuple[date, date]:
    """The dates the VTIMEZONE components must cover."""
    starts, ends = [horizon.date()], [horizon.date()]
    for entry in entries:
        event = entry.event
        starts.append(event.start.date() if isinstance(event.start, datetime) else event.start)
        until = event.rule.until if event.rule is not None else event.end
        if until is not None:
            ends.append(until.date() if isinstance(until, datetime) else until)
    return min(starts) - timedelta(days=366), max(ends) + timedelta(days=366)


@lru_cache(maxsize=32)
def _vtimezone(tzid: str, first: date, last: date) -> Timezone | None:
    """The VTIMEZONE of `tzid` from `first` to `last`, or None for a zone icalendar lacks.

    icalendar finds the transitions hour by hour (tens of milliseconds a year of range), so
    a site with hundreds of per-event feeds computes each zone once, not once per feed.
    """
    try:
        return Timezone.from_tzid(tzid, first_date=first, last_date=last)
    except ValueError:
        return None


def _add_timezones(calendar: Calendar, first: date, last: date) -> None:
    """`Calendar.add_missing_timezones`, over whole years so that feeds share zones."""
    first, last = date(first.year, 1, 1), date(last.year, 12, 31)
    position = len(calendar.timezones)  # VTIMEZONEs go before the events using them
    for tzid in sorted(calendar.get_missing_tzids()):
        timezone = _vtimezone(tzid, first, last)
        if timezone is not None:
            calendar.subcomponents.insert(position, timezone)
            position += 1


def to_ics(
    entries: Sequence[CalendarEntry],
    *,
    name: str,
    now: datetime,
    horizon: datetime,
    description: str = "",
) -> bytes:
    """A whole VCALENDAR; `now` becomes every DTSTAMP (in UTC)."""
    calendar = Calendar()
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
    stamp = now.astimezone(UTC)
    for entry in entries:
        calendar.add_component(_vevent(entry, stamp))
    if any(isinstance(entry.event.start, datetime) for entry in entries):
        _add_timezones(calendar, *_zone_range(entries, horizon))
    return calendar.to_ical()
