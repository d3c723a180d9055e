"""A time zone's rules as calendar apps write them in a VTIMEZONE: yearly observances.

`zoneinfo` (tzdata) knows when a zone's clocks change, but not the rule behind the dates;
calendar apps (Apple, Google, Outlook, Thunderbird) export each rule as one STANDARD or
DAYLIGHT observance with a yearly RRULE, and readers that know no zone but the file's
(ical.js) expand them. `observances` finds the changes since 1970 (a week at a time, then
to the second), groups them into yearly rules (nth weekday, last weekday, a fixed day,
weekday on or after) and keeps those a span of dates needs. `ics.vtimezone` writes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["SCAN_UNTIL", "Change", "Observance", "observances"]

# The zone's changes are looked for from 1970 to 2050, or two years past the span.
SCAN_FROM = 1970
SCAN_UNTIL = 2050
_WEEK = 7 * 24 * 3600
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class Change:
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
class Observance:
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


def _change(at: int, before: timedelta, after: tuple[timedelta, str, bool]) -> Change:
    return Change(datetime.fromtimestamp(at, UTC), before, after[0], after[1], after[2])


@lru_cache(maxsize=64)
def _zone_changes(tzid: str, until_year: int) -> tuple[Change, ...] | None:
    """The zone's changes from 1970 to `until_year`, the first one its state in 1970 (a
    change to itself); None for a zone tzdata lacks."""
    try:
        zone = ZoneInfo(tzid)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    at = int(datetime(SCAN_FROM, 1, 1, tzinfo=UTC).timestamp())
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


def _yearly_groups(changes: Sequence[Change]) -> list[tuple[list[Change], list[str]]]:
    """The changes as groups one yearly rule makes (one change a year, the same kind, the
    same day pattern), each with the patterns all its changes fit; a lone change alone.
    Grouped from the latest back, so that the rules in force reach back to their start."""
    groups: list[tuple[list[Change], list[str]]] = []
    earliest: dict[tuple[object, ...], tuple[list[Change], list[str]]] = {}
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


def _observance(members: Sequence[Change], pattern: str, is_open: bool) -> Observance:
    first, last = members[0], members[-1]
    rule = ""
    if len(members) > 1:
        rule = f"FREQ=YEARLY;BYMONTH={first.local.month};{pattern}"
        if not is_open:
            rule += f";UNTIL={last.at:%Y%m%dT%H%M%SZ}"  # RFC 5545: UTC in a VTIMEZONE
    return Observance(first.local, first.before, first.after, first.name, first.dst, rule)


def _needed(
    changes: Sequence[Change], first: date, last: date | None, until_year: int
) -> list[Observance]:
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


def observances(tzid: str, first: date, last: date | None) -> list[Observance] | None:
    """The observances a VTIMEZONE of `tzid` needs for times from `first` to `last`
    (None: no end), oldest first; None for a zone that tzdata lacks."""
    until_year = max(SCAN_UNTIL, (last.year if last else 0) + 2)
    found = _zone_changes(tzid, until_year)
    if found is None:
        return None
    return _needed(found, first, last, until_year)
