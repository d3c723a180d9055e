"""'Add to calendar' links for web calendars that take an event in the URL.

Google Calendar takes a series as an RRULE (`recur`), from the date the link starts on;
Outlook on the web takes one date only. `series_rule` says what rule a link can carry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from urllib.parse import urlencode

from .model import Event
from .recurrence import Occurrence

__all__ = ["google_calendar_url", "outlook_calendar_url", "series_rule"]


def series_rule(event: Event, start: Occurrence, occurrences: Sequence[Occurrence]) -> str:
    """The RRULE (RFC 5545 text) that gives every date of `event` from `start` (one of
    its `occurrences`, all of them for a series with an end) on, or "" when a link cannot
    say the series: a single event, or a series with an exdate from `start` on (a link
    has no way to leave a date out). A COUNT becomes the UNTIL of the last date, since
    the link's series starts at `start`, not at the first date."""
    rule = event.rule
    if rule is None or any(_day(skipped) >= start.first_day for skipped in event.exdates):
        return ""
    if not _keeps_the_clock(start, event):
        return ""  # Google would repeat this date's shifted time or length on every date
    if rule.count is not None:
        last = occurrences[-1].start
        until: date | datetime = last.date() if occurrences[-1].all_day else last
        parts = tuple((key, value) for key, value in rule.parts if key != "COUNT")
        rule = replace(rule, parts=parts, until=until, count=None)
    return rule.ical()


def _keeps_the_clock(occurrence: Occurrence, event: Event) -> bool:
    """Whether a date of a series is at the series' clock time and lasts as long in real
    time as on the clock: not moved out of an hour the clocks skip, nor stretched across
    one they repeat (the calendar then gives every later date that time and length)."""
    first = event.start
    if occurrence.all_day or not isinstance(first, datetime):
        return True
    start, end = occurrence.start, occurrence.end
    real = end.astimezone(UTC) - start.astimezone(UTC)
    clock = end.replace(tzinfo=None) - start.replace(tzinfo=None)
    return start.timetz().replace(tzinfo=None) == first.timetz().replace(tzinfo=None) and (
        real == clock
    )


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def google_calendar_url(
    occurrence: Occurrence, title: str, details: str, location: str, rule: str = ""
) -> str:
    """Google Calendar's 'create event' page, filled in (times in UTC, all-day as dates);
    with `rule` (see `series_rule`), a series from `occurrence` on."""
    if occurrence.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"  # end is exclusive
    else:
        start, end = (t.astimezone(UTC) for t in (occurrence.start, occurrence.end))
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    query = {"action": "TEMPLATE", "text": title, "dates": dates}
    if details:
        query["details"] = details
    if location:
        query["location"] = location
    zone = getattr(occurrence.start.tzinfo, "key", None)
    if zone:
        query["ctz"] = zone
    if rule:
        query["recur"] = f"RRULE:{rule}"
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(occurrence: Occurrence, title: str, details: str, location: str) -> str:
    """Outlook on the web's compose form, filled in (ISO 8601 times with their offset).
    It takes no series: one date."""
    if occurrence.all_day:
        start, end = occurrence.start.date().isoformat(), occurrence.end.date().isoformat()
    else:
        start, end = occurrence.start.isoformat(), occurrence.end.isoformat()
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start,
        "enddt": end,
        "allday": "true" if occurrence.all_day else "false",
    }
    if details:
        query["body"] = details
    if location:
        query["location"] = location
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(query)
