"""Series of events: RFC 5545 RRULEs read leniently, expanded with dateutil.

Occurrences are computed in wall-clock time in the event's own zone and only then given
that zone, so a class at 19:00 stays at 19:00 across a daylight-saving change.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, NamedTuple, Protocol, runtime_checkable
from zoneinfo import ZoneInfo

from dateutil.rrule import rrule, rrulestr

from .kept import cache_version

if TYPE_CHECKING:
    from .model import Event


@runtime_checkable
class RuleMemo(Protocol):
    """RRULE texts icalendar has read (`in`), told of each rule it reads now (`add`)."""

    def __contains__(self, rule: object) -> bool: ...

    def add(self, rule: str) -> None: ...


__all__ = [
    "CACHE_PACKAGES",
    "CACHE_VERSION",
    "FREQUENCIES",
    "Occurrence",
    "Rule",
    "RuleMemo",
    "as_clocks_show",
    "expand",
    "first_kept",
    "icalendar_reads",
    "is_unclear",
    "parse_rrule",
    "rules_version",
    "starts_on",
    "unclear_dates",
]

# Bump by hand when which rules `icalendar_reads` accepts changes (see `kept`).
CACHE_VERSION = 1
CACHE_PACKAGES = ("icalendar",)

FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
RULE_KEYS = frozenset(
    {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
     "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"}
)  # fmt: skip
_DATE_ONLY = re.compile(r"\d{4}-?\d{2}-?\d{2}")


class Occurrence(NamedTuple):
    """One time an event happens: aware start and exclusive end in the event's zone."""

    start: datetime
    end: datetime
    all_day: bool

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        """The last calendar day the occurrence touches (an end at midnight is exclusive)."""
        if self.end <= self.start:
            return self.start.date()
        return (self.end - timedelta(microseconds=1)).date()


@dataclass(frozen=True)
class Rule:
    """A validated RRULE. `until` is a date for all-day events, else an aware date-time."""

    parts: tuple[tuple[str, str], ...]  # everything but UNTIL, FREQ first
    until: date | datetime | None = None
    count: int | None = None

    @property
    def is_finite(self) -> bool:
        return self.until is not None or self.count is not None

    def _text(self, until: str | None) -> str:
        items = [f"{k}={v}" for k, v in self.parts]
        if until is not None:
            items.insert(1, f"UNTIL={until}")
        return ";".join(items)

    def ical(self) -> str:
        """RFC 5545 text: UNTIL in UTC for timed series, a date for all-day ones."""
        if isinstance(self.until, datetime):
            return self._text(self.until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"))
        if self.until is not None:
            return self._text(self.until.strftime("%Y%m%d"))
        return self._text(None)

    def build(self, start: date | datetime) -> rrule:
        """A dateutil rule in naive wall-clock time, starting at `start`."""
        until = None
        if isinstance(self.until, datetime):
            until = self.until.replace(tzinfo=None).strftime("%Y%m%dT%H%M%S")
        elif self.until is not None:
            until = self.until.strftime("%Y%m%dT000000")
        result = rrulestr(self._text(until), dtstart=_naive(start))
        assert isinstance(result, rrule)
        return result


def _naive(value: date | datetime) -> datetime:
    """Wall-clock time without a zone: midnight for a date."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time())


def _parse_until(value: str, start: date | datetime) -> date | datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"UNTIL={value} is not a date (use UNTIL=YYYYMMDD or UNTIL=YYYYMMDDTHHMMSSZ)"
        ) from None
    if not isinstance(start, datetime):  # all-day series end on a day
        return parsed.date()
    zone = start.tzinfo
    if _DATE_ONLY.fullmatch(value):  # the whole last day is included
        return datetime.combine(parsed.date(), time(23, 59, 59), zone)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


def _positive(key: str, value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{key}={value} must be a whole number of at least 1")
    return int(value)


def rules_version() -> str:
    """What `icalendar_reads` depends on: CACHE_VERSION and the icalendar version. Rules
    read by another version are read again."""
    return cache_version(CACHE_VERSION, CACHE_PACKAGES)


def icalendar_reads(rule_text: str) -> None:
    """Raise ValueError unless icalendar reads `rule_text` (the feeds are written with it).

    icalendar is imported here, not with this module: its import is a tenth of a small
    site's warm build, and a build that knows its rules (`parse_rrule`) never needs it.
    """
    from icalendar import vRecur  # noqa: PLC0415

    vRecur.from_ical(rule_text)


def _split_parts(body: str) -> list[tuple[str, str]]:
    """`KEY=VALUE;...` as (KEY, value) pairs, each known and given once."""
    pairs: list[tuple[str, str]] = []
    for item in body.split(";"):
        if not item.strip():
            continue
        key, sep, value = item.partition("=")
        key, value = key.strip().upper(), value.strip()
        if not sep or not value:
            raise ValueError(f"{item.strip()!r} is not KEY=VALUE (e.g. FREQ=WEEKLY;BYDAY=TU)")
        if key not in RULE_KEYS:
            known = ", ".join(sorted(RULE_KEYS))
            raise ValueError(f"unknown part {key!r} (use RFC 5545 parts: {known})")
        if key in (k for k, _v in pairs):
            raise ValueError(f"{key} is given twice (give each part once)")
        pairs.append((key, value))
    if "FREQ" not in (k for k, _v in pairs):
        raise ValueError("FREQ is missing (e.g. FREQ=WEEKLY;BYDAY=TU)")
    return pairs


def _read_parts(body: str, start: date | datetime) -> Rule:
    """The Rule a rule text says, its parts checked one by one."""
    parts: list[tuple[str, str]] = []
    until: date | datetime | None = None
    count: int | None = None
    for key, written in _split_parts(body):
        if key == "UNTIL":
            until = _parse_until(written, start)
            continue
        value = written.upper().replace(" ", "")
        if key == "FREQ" and value not in FREQUENCIES:
            raise ValueError(f"FREQ={value} is not one of {', '.join(FREQUENCIES)}")
        if key in ("COUNT", "INTERVAL"):
            number = _positive(key, value)
            count = number if key == "COUNT" else count
        parts.append((key, value))
    if until is not None and count is not None:
        raise ValueError("give UNTIL or COUNT, not both (RFC 5545 allows one)")
    parts.sort(key=lambda kv: kv[0] != "FREQ")
    return Rule(tuple(parts), until, count)


def parse_rrule(text: str, start: date | datetime, read_before: Container[str] = ()) -> Rule:
    """Read an RRULE for a series starting at `start` (a date, or an aware date-time).

    Accepts `RRULE:` in front and UNTIL as `2024-12-31`; checks that `start` is the first
    occurrence. Raises ValueError with what is wrong and the expected form. `read_before`:
    rule texts (`Rule.ical()`) icalendar has read already, so not checked again.
    """
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    rule = _read_parts(body, start)
    try:
        built = rule.build(start)
        if rule.ical() not in read_before:
            icalendar_reads(rule.ical())
            if isinstance(read_before, RuleMemo):
                read_before.add(rule.ical())
    except (ValueError, KeyError, TypeError, IndexError) as error:
        raise ValueError(f"not a valid RRULE: {error} (use e.g. FREQ=WEEKLY;BYDAY=TU,TH)") from None
    first = built.after(_naive(start), inc=True)
    if first is None:
        raise ValueError("the series has no date on or after event-start (is UNTIL too early?)")
    if first != _naive(start):
        raise ValueError(
            f"event-start is not one of the series' dates; start the event on its first "
            f"date ({first:%Y-%m-%d %H:%M} here) or change the rule"
        )
    return rule


def starts_on(rule: Rule, start: date | datetime, day: date) -> list[datetime]:
    """The wall-clock starts of the series on one calendar day."""
    midnight = datetime.combine(day, time())
    last = midnight + timedelta(days=1) - timedelta(microseconds=1)
    return list(rule.build(start).between(midnight, last, inc=True))


def first_kept(
    rule: Rule, start: date | datetime, exdates: Collection[date | datetime]
) -> datetime | None:
    """The first wall-clock start of the series that `exdates` (as `Event.exdates`) do
    not drop, or None when they drop every one (only a series with an end can run out).
    At most len(exdates) + 1 starts are looked at."""
    skipped = {_naive(d) for d in exdates}
    return next((naive for naive in rule.build(start) if naive not in skipped), None)


def _starts(event: Event, horizon: datetime) -> Iterator[datetime]:
    if event.rule is None:
        yield _naive(event.start)
        return
    zone = ZoneInfo(event.timezone)
    limit = None if event.rule.is_finite else horizon.astimezone(zone).replace(tzinfo=None)
    skipped = {_naive(d) for d in event.exdates}
    first = True
    for naive in event.rule.build(event.start):
        if naive in skipped:
            continue
        # A series that starts after the horizon still has its first date: its page,
        # the index and its month show when it begins (the feed gives the whole rule).
        if limit is not None and naive >= limit and not first:
            return
        first = False
        yield naive


def is_unclear(when: datetime) -> bool:
    """Whether `when`'s wall-clock time is one the clocks skip or repeat in its zone (its
    offset depends on which of the two readings, `fold`, is meant)."""
    return when.replace(fold=1 - when.fold).utcoffset() != when.utcoffset()


def unclear_dates(event: Event, horizon: datetime) -> list[date]:
    """The dates of a timed series that start or end at a clock time the clocks skip or
    repeat in its zone: RFC 5545 says which moment that is, but calendar programs that
    read only the file's VTIMEZONE (ical.js) take the other, so they show it an hour off.
    (A single event at such a time is written in UTC; a series cannot be.)"""
    if event.rule is None or not isinstance(event.start, datetime):
        return []
    zone = ZoneInfo(event.timezone)
    length = event.end - event.start  # wall-clock: same tzinfo on both sides
    found = []
    for naive in _starts(event, horizon):
        if any(is_unclear(moment.replace(tzinfo=zone)) for moment in (naive, naive + length)):
            found.append(naive.date())
    return found


def as_clocks_show(when: datetime) -> datetime:
    """A wall-clock time that a daylight-saving change skips, as the clocks show that
    moment (New York's 02:30 on spring-forward day is 03:30): RFC 5545 reads a missing
    local time with the offset from before the gap. Other times are unchanged."""
    return when.astimezone(UTC).astimezone(when.tzinfo)


def expand(event: Event, horizon: datetime) -> list[Occurrence]:
    """Every occurrence of `event`, at least one for any event `parse_event` accepts; a
    series without an end stops before `horizon`, but keeps its first date if later.

    Times are wall-clock times in the event's zone: a series keeps its clock time across
    daylight-saving changes, and the length between start and end is counted on the
    clock (as recurring-ical-events and calendar apps count it). A date of a series that
    falls in the hour skipped in spring starts when the clocks show it (03:30 for 02:30)
    and keeps its length.
    """
    zone = ZoneInfo(event.timezone)
    result = []
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        if event.rule is None:
            # As written: an offset may name the second of two equal clock times.
            return [Occurrence(event.start, as_clocks_show(event.end), all_day=False)]
        duration = event.end - event.start  # wall-clock: same tzinfo on both sides
        for naive in _starts(event, horizon):
            begins = as_clocks_show(naive.replace(tzinfo=zone))
            ends = as_clocks_show(begins + duration)
            result.append(Occurrence(begins, ends, all_day=False))
    else:
        days = (_naive(event.end) - _naive(event.start)).days
        for naive in _starts(event, horizon):
            begins = naive.replace(tzinfo=zone)
            ends = datetime.combine(naive.date() + timedelta(days=days), time(), zone)
            result.append(Occurrence(begins, ends, all_day=True))
    return result
