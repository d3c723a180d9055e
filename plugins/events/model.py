"""The event model: metadata in (strings, as a volunteer wrote them), a typed Event out.

`parse_event` checks every field and reports all problems of a file together.
"""

from __future__ import annotations

import re
from collections.abc import Container, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from community_press import ContentError, ContentErrors, closest

from .recurrence import Rule, as_clocks_show, first_kept, parse_rrule, starts_on

__all__ = [
    "KNOWN_KEYS",
    "Event",
    "Status",
    "check_translation",
    "closest_key",
    "field_text",
    "is_repeated",
    "is_second_of_two",
    "merge_translation",
    "parse_duration",
    "parse_event",
    "parse_when",
    "placeless_zone",
    "publication_date",
    "unknown_keys",
]


class Status(StrEnum):
    SCHEDULED = "scheduled"
    TENTATIVE = "tentative"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    RESCHEDULED = "rescheduled"
    MOVED_ONLINE = "moved-online"


_STATUS_ALIASES = {"canceled": Status.CANCELLED, "confirmed": Status.SCHEDULED}

KNOWN_KEYS = (
    "event-start", "event-end", "event-duration", "event-timezone", "event-rrule",
    "event-exdate", "event-status", "event-status-reason", "event-location", "event-geo",
    "event-url", "event-organizer", "event-cost", "event-categories", "event-uid",
    "event-description",
)  # fmt: skip
# What a translation shares with its original: when it happens and whether it does.
_SCHEDULE_KEYS = (
    "event-start", "event-end", "event-duration", "event-timezone", "event-rrule",
    "event-exdate", "event-status", "event-uid",
)  # fmt: skip

WHEN_FORM = "use YYYY-MM-DD HH:MM, or YYYY-MM-DD for an all-day event"
DURATION_FORM = "use e.g. 2h 30m, 90m or 3d"
_DATE_ONLY = re.compile(r"\d{4}-\d{2}-\d{2}|\d{8}")
# A date and time as people write ISO 8601: `2024-06-19 15:00`, `2024-06-19 9:30`,
# `2024-06-19T15:00:00+08:00`, `20240619T1500Z`. Python's `fromisoformat` reads more, and
# some of it as a time nobody meant: `15.30` as 15:00 and 0.3 s, `15` alone, week dates.
_WHEN = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2}|\d{8})[T ]"
    r"(?:(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"|(?P<compact>\d{4}(?:\d{2})?))"
    r"(?P<offset>Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
# `15.30`, `15,30`, `15h30`: a time with another separator than the colon.
_OTHER_SEPARATOR = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{1,2})[.,hH](\d{2})")
_TIME_ONLY = re.compile(r"(\d{1,2}):(\d{2})")
# `2h 30m`, `2h30m`, `90 min`: a number and a unit, as often as needed.
_DURATION_PART = re.compile(r"(\d+)\s*(min|w|d|h|m)(?![a-z])", re.IGNORECASE)
_DURATION_ALL = re.compile(r"\s*(?:\d+\s*(?:min|w|d|h|m)(?![a-z])\s*)+", re.IGNORECASE)
_DURATION_WORD = re.compile(r"\d\s*([^\W\d_]+)")
_ISO_DURATION = re.compile(r"P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?", re.I)
_UNITS = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1)}
_UNITS |= {"m": timedelta(minutes=1), "min": timedelta(minutes=1)}
_SPLIT_LIST = re.compile(r"[,，、]")
_URL_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Event:
    """One event or series. Times are in `timezone`; an all-day event has dates and an
    exclusive end date (15-21 June is start 15 June, end 22 June)."""

    source: str
    start: date | datetime
    end: date | datetime
    timezone: str
    rule: Rule | None = None
    exdates: tuple[date | datetime, ...] = ()
    status: Status = Status.SCHEDULED
    status_reason: str = ""
    location: str = ""
    geo: tuple[float, float] | None = None
    url: str = ""
    organizer: str = ""
    cost: str = ""
    categories: tuple[str, ...] = ()
    uid: str = ""
    description: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def is_series(self) -> bool:
        return self.rule is not None


def field_text(value: object) -> str:
    """A metadata value as one string (Pelican gives lists for repeated keys)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v).strip() for v in value)
    return str(value).strip()


def parse_when(text: str, zone: ZoneInfo) -> date | datetime:
    """`2024-06-19` -> a date; `2024-06-19 15:00` (or ISO 8601) -> aware, in `zone`.

    A time with an offset (`+08:00`, `Z`) is converted to `zone`. Raises ValueError (a
    `WhenError` when it says what to write instead).
    """
    if _DATE_ONLY.fullmatch(text):
        return date.fromisoformat(text)
    parsed = datetime.fromisoformat(_iso(text))
    if parsed.tzinfo is not None:
        return parsed.astimezone(zone)
    local = parsed.replace(tzinfo=zone)
    # A wall-clock time skipped by a daylight-saving change does not round-trip.
    shifted = local.astimezone(UTC).astimezone(zone)
    if shifted.replace(tzinfo=None) != parsed:
        jump = _span(shifted.utcoffset() - local.utcoffset())  # type: ignore[operator]
        raise WhenError(
            f"{text} does not exist in {zone.key}: the clocks go forward {jump} that night "
            f"(write {shifted:%Y-%m-%d %H:%M}, the same moment, or an earlier time)"
        )
    return local


class WhenError(ValueError):
    """A date or time refused with what to write instead: the whole message."""


def _iso(text: str) -> str:
    """`text` in the one form `fromisoformat` reads as meant; ValueError if `_WHEN` is not
    its form."""
    found = _WHEN.fullmatch(text.strip())
    if found is None:
        if other := _OTHER_SEPARATOR.fullmatch(text.strip()):
            day, hour, minute = other.groups()
            raise WhenError(
                f"not a time: write the hours and minutes with a colon ({day} "
                f"{int(hour):02d}:{minute})"
            )
        raise ValueError(f"not a date and time: {text!r}")
    day = found["date"]
    if len(day) == 8:
        day = f"{day[:4]}-{day[4:6]}-{day[6:]}"
    compact = found["compact"]
    if compact:
        hour, minute, second = compact[:2], compact[2:4], compact[4:] or "00"
    else:
        hour, minute, second = found["hour"], found["minute"], found["second"] or "00"
    return f"{day}T{int(hour):02d}:{minute}:{second}{(found['offset'] or '').upper()}"


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60:
        return f"{minutes} minutes"
    return "1 hour" if minutes == 60 else f"{minutes // 60} hours"


def is_repeated(when: datetime) -> bool:
    """Whether `when`'s wall-clock time happens twice (the hour that repeats when the clocks
    go back), whichever of the two it is."""
    return when.replace(fold=0).utcoffset() != when.replace(fold=1).utcoffset()


def is_second_of_two(when: datetime) -> bool:
    """Whether `when` is the later of two moments with this wall-clock time (the hour that
    repeats when the clocks go back). RFC 5545 reads such a local time as the first."""
    return bool(when.fold) and when.utcoffset() != when.replace(fold=0).utcoffset()


def parse_duration(text: str) -> timedelta:
    """`2h 30m`, `90m`, `3d`, `1w`, or ISO 8601 `PT2H30M`. Raises ValueError."""
    total = timedelta()
    if _DURATION_ALL.fullmatch(text):
        for number, unit in _DURATION_PART.findall(text):
            total += int(number) * _UNITS[unit.lower()]
    elif (iso := _ISO_DURATION.fullmatch(text.strip())) and len(text.strip()) > 1:
        weeks, days, hours, minutes = (int(g or 0) for g in iso.groups())
        total = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes)
    else:
        words = [w for w in _DURATION_WORD.findall(text) if w.lower() not in _UNITS]
        if words:
            raise ValueError(
                f"not a duration: {words[0]!r} is not a unit (use w, d, h or m: e.g. "
                "2h 30m, 90m or 3d)"
            )
        raise ValueError(f"not a duration ({DURATION_FORM})")
    if total <= timedelta():
        raise ValueError(f"a duration must be longer than zero ({DURATION_FORM})")
    return total


def parse_status(text: str) -> Status:
    key = text.strip().lower().replace("_", "-").replace(" ", "-")
    if key in _STATUS_ALIASES:
        return _STATUS_ALIASES[key]
    try:
        return Status(key)
    except ValueError:
        known = ", ".join(s.value for s in Status)
        raise ValueError(f"not a status (use one of: {known})") from None


def _parse_geo(text: str) -> tuple[float, float]:
    parts = re.split(r"\s*[;,]\s*", text.strip())
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise ValueError("not a position (use latitude;longitude, e.g. 26.89;112.62)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("latitude must be within ±90 and longitude within ±180")
    return lat, lon


def _url_problem(url: str) -> str | None:
    """Why `url` is not a link a reader can follow, or None (http, https, mailto only)."""
    form = "not a web address (use https://...)"
    if any(c.isspace() or not c.isprintable() for c in url):
        return form + "; spaces must be written %20"
    parts = urlsplit(url)
    if parts.scheme.lower() not in _URL_SCHEMES:
        return form
    if parts.scheme.lower() != "mailto" and not parts.hostname:
        return form + "; the address has no host name"
    return None


@cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def zone_problem(text: str) -> str:
    """Why `text` is no time zone, naming the nearest IANA name: the same name in other
    capitals (`europe/london`), else a close spelling (`Europe/Lundon`)."""
    problem = "unknown time zone (use an IANA name such as Asia/Shanghai or Europe/London)"
    names = _zone_names()
    near = names.get(text.lower()) or closest(text, sorted(names.values()))
    if near:
        problem += f"; did you mean {near!r}?"
    return problem


# Zone names of no place (tzdata's "backward" names and fixed offsets): they read like the
# zone of a region, and are not its clocks. EST is UTC-5 all year (New York moves in
# summer); Etc/GMT+5 is UTC-5, the sign the other way round.
_PLACES = {
    "EST": "America/New_York", "EST5EDT": "America/New_York", "CST6CDT": "America/Chicago",
    "MST": "America/Denver", "MST7MDT": "America/Denver", "PST8PDT": "America/Los_Angeles",
    "HST": "Pacific/Honolulu", "CET": "Europe/Paris", "MET": "Europe/Paris",
    "EET": "Europe/Athens", "WET": "Europe/Lisbon",
}  # fmt: skip
_FIXED_OFFSET = re.compile(r"(Etc/)?GMT[+-]\d{1,2}", re.IGNORECASE)


def placeless_zone(name: str) -> str | None:
    """Why `name`, a valid zone, is not the clocks of a place (None when it is): the
    same words for `make new-site`, which refuses it, and for events, which warn."""
    if name.upper() in _PLACES:
        return (
            "names a time, not a place, and may not follow the place's clocks (EST stays "
            "5 hours behind UTC in summer, when New York is 4): write the zone of the "
            f"community's place, e.g. {_PLACES[name.upper()]}"
        )
    if _FIXED_OFFSET.fullmatch(name):
        return (
            "is a fixed offset with its sign the other way round (Etc/GMT+5 is 5 hours "
            "behind UTC) and no daylight saving time: write the zone of the community's "
            "place, e.g. Europe/London"
        )
    return None


def _split_list(text: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in _SPLIT_LIST.split(text) if item.strip())


class _Collector:
    """Collects a file's problems so that all of them are reported at once."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.errors: list[ContentError] = []

    def add(self, field: str, value: object, problem: str) -> None:
        self.errors.append(ContentError(self.source, field, value, problem))


class _Refused(Exception):
    """One field refused, raised inside the parser and collected by `_Collector`."""

    def __init__(self, field: str, value: str, problem: str) -> None:
        super().__init__(problem)
        self.field, self.value, self.problem = field, value, problem


def _parse_end(
    meta: Mapping[str, object],
    start: date | datetime,
    zone: ZoneInfo,
    default_duration: timedelta,
    problems: _Collector,
) -> date | datetime | None:
    end_text = field_text(meta.get("event-end"))
    duration_text = field_text(meta.get("event-duration"))
    try:
        if end_text and duration_text:
            raise _Refused(
                "event-duration", duration_text, "give event-end or event-duration, not both"
            )
        if duration_text:
            return _end_after(start, duration_text)
        if end_text:
            return _end_at(start, end_text, zone)
    except _Refused as refused:
        problems.add(refused.field, refused.value, refused.problem)
        return None
    return start + (default_duration if isinstance(start, datetime) else timedelta(days=1))


def _end_after(start: date | datetime, duration_text: str) -> date | datetime:
    try:
        duration = parse_duration(duration_text)
    except ValueError as error:
        raise _Refused("event-duration", duration_text, str(error)) from None
    if not isinstance(start, datetime) and duration % timedelta(days=1):
        raise _Refused(
            "event-duration", duration_text, "an all-day event lasts whole days (use e.g. 3d)"
        )
    return start + duration


def _end_at(start: date | datetime, end_text: str, zone: ZoneInfo) -> date | datetime:
    clock = _TIME_ONLY.fullmatch(end_text) if isinstance(start, datetime) else None
    written = end_text
    if clock is not None and isinstance(start, datetime):
        hour, minute = int(clock[1]), int(clock[2])
        if hour > 23 or minute > 59:
            raise _Refused("event-end", written, f"not a time of day ({WHEN_FORM})")
        # Read as the full date and time would be: a time the clocks skip that night is
        # refused the same way.
        end_text = f"{start:%Y-%m-%d} {hour:02d}:{minute:02d}"
    try:
        end = parse_when(end_text, zone)
    except ValueError as error:
        raise _Refused("event-end", written, _when_problem(error)) from None
    if isinstance(start, datetime) != isinstance(end, datetime):
        form = "a date (YYYY-MM-DD)" if not isinstance(start, datetime) else "a date and time"
        raise _Refused(
            "event-end", written, f"event-start is {_kind(start)}, so the end must be {form} too"
        )
    if not isinstance(end, datetime):
        end = end + timedelta(days=1)  # 15-21 June includes the 21st
    if isinstance(start, datetime) and isinstance(end, datetime):
        early = end <= start
    else:  # two dates
        early = _naive_start(end) <= _naive_start(start)
    if early:
        raise _Refused("event-end", written, _ends_early(start, end, bool(clock)))
    return end


def _ends_early(start: date | datetime, end: date | datetime, clock_only: bool) -> str:
    shown = start.strftime("%Y-%m-%d %H:%M" if isinstance(start, datetime) else "%Y-%m-%d")
    problem = f"does not end after it starts (event-start is {shown})"
    if clock_only and isinstance(end, datetime):
        problem += (
            "; a time alone is on the day of event-start, so for an end after midnight "
            f"give the date too ({end + timedelta(days=1):%Y-%m-%d %H:%M})"
        )
    return problem


def _check_syntax(meta: Mapping[str, object], zone: ZoneInfo, problems: _Collector) -> None:
    if (end_text := field_text(meta.get("event-end"))) and not _TIME_ONLY.fullmatch(end_text):
        try:
            parse_when(end_text, zone)
        except ValueError as error:
            problems.add("event-end", end_text, _when_problem(error))
    if duration_text := field_text(meta.get("event-duration")):
        try:
            parse_duration(duration_text)
        except ValueError as error:
            problems.add("event-duration", duration_text, str(error))


def _kind(value: date | datetime) -> str:
    return "a date and time" if isinstance(value, datetime) else "a date (an all-day event)"


def _when_problem(error: ValueError) -> str:
    if isinstance(error, WhenError):
        return str(error)
    return f"not a date or date-time ({WHEN_FORM})"


def _parse_exdates(
    text: str, start: date | datetime, rule: Rule, zone: ZoneInfo, problems: _Collector
) -> tuple[date | datetime, ...]:
    """The exact starts dropped from the series. A date drops every start on that day."""
    result: list[date | datetime] = []
    for item in (part.strip() for part in _SPLIT_LIST.split(text)):
        if not item:
            continue
        try:
            when = parse_when(item, zone)
        except ValueError as error:
            problems.add("event-exdate", text, f"{item!r}: {_when_problem(error)}")
            continue
        day = when.date() if isinstance(when, datetime) else when
        on_day = starts_on(rule, start, day)
        if not isinstance(start, datetime):
            if on_day:
                result.append(day)
                continue
        elif not isinstance(when, datetime):
            result.extend(naive.replace(tzinfo=zone) for naive in on_day)
            if on_day:
                continue
        # A date of the series in the hour skipped in spring is written as the clocks
        # show it (03:30 for the rule's 02:30); the rule's own time is what is dropped.
        elif same := [n for n in on_day if as_clocks_show(n.replace(tzinfo=zone)) == when]:
            result.extend(n.replace(tzinfo=zone) for n in same)
            continue
        times = ", ".join(f"{as_clocks_show(n.replace(tzinfo=zone)):%H:%M}" for n in on_day)
        hint = f"the series starts at {times} that day" if on_day else _nearest(rule, start, day)
        problems.add("event-exdate", text, f"{item!r}: {hint}")
    return tuple(sorted(set(result), key=lambda d: d.isoformat()))


_ALL_SKIPPED = (
    "leaves no date of the series: every date is skipped, so the event would have no "
    "page date and no calendar entry; to call it off, keep its dates and write "
    "'event-status: cancelled' with the reason in event-status-reason (docs/EDITING.md, "
    "'Cancel, postpone or move an event')"
)


def _nearest(rule: Rule, start: date | datetime, day: date) -> str:
    """'not a date of the series', with the series' dates either side of `day`."""
    series = rule.build(start)
    midnight = datetime.combine(day, time())
    near = [d for d in (series.before(midnight), series.after(midnight)) if d is not None]
    shown = " and ".join(f"{d:%Y-%m-%d}" for d in near)
    return "not a date of the series" + (f" (the nearest are {shown})" if shown else "")


def _check_series_start(
    text: str, start: date | datetime, zone: ZoneInfo, problems: _Collector
) -> None:
    """A series repeats at a wall-clock time in its zone: its start must be one."""
    if not isinstance(start, datetime):
        return
    written = datetime.fromisoformat(text)
    if written.tzinfo is not None and written.utcoffset() != start.utcoffset():
        problems.add(
            "event-start",
            text,
            f"a series repeats at the same clock time in event-timezone ({zone.key}), where "
            f"this is {start:%H:%M}; write the time without an offset and give "
            "event-timezone (e.g. event-timezone: Europe/Berlin)",
        )
    elif is_second_of_two(start):
        problems.add(
            "event-start",
            text,
            f"is the second {start:%H:%M} of the night the clocks go back in {zone.key}; "
            "calendars repeat a series from the first one, so start the series at another "
            "time",
        )


def _check_reach(
    meta: Mapping[str, object],
    start: date | datetime,
    end: date | datetime,
    rule: Rule | None,
    *,
    latest: datetime,
    problems: _Collector,
) -> None:
    """Dates after `latest` are most likely a mistyped year (2099 for 2029)."""
    zone = start.tzinfo if isinstance(start, datetime) else latest.tzinfo
    limit = latest.astimezone(zone).replace(tzinfo=None)
    why = (
        f"is after {limit:%Y-%m-%d}, the furthest ahead this site takes events "
        "(EVENTS_MAX_YEARS_AHEAD years after the build); is the year mistyped? For an "
        "event so far ahead, raise EVENTS_MAX_YEARS_AHEAD in pelicanconf.py"
    )
    if _naive_start(start) > limit:
        problems.add("event-start", field_text(meta.get("event-start")), why)
        return
    if rule is not None:
        if rule.is_finite:
            for when in rule.build(start):
                if when > limit:
                    problems.add(
                        "event-rrule", field_text(meta.get("event-rrule")), "a date " + why
                    )
                    return
        return
    if _naive_start(end) > limit:
        key = "event-end" if field_text(meta.get("event-end")) else "event-duration"
        if field_text(meta.get(key)):
            problems.add(key, field_text(meta.get(key)), "the end " + why)


def _naive_start(value: date | datetime) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time())


def _parse_zone(meta: Mapping[str, object], default: str, problems: _Collector) -> ZoneInfo:
    zone_text = field_text(meta.get("event-timezone")) or default
    try:
        return ZoneInfo(zone_text)
    except (ZoneInfoNotFoundError, ValueError):
        problems.add("event-timezone", zone_text, zone_problem(zone_text))
        return ZoneInfo(default)


def _parse_start(
    meta: Mapping[str, object], zone: ZoneInfo, problems: _Collector
) -> date | datetime | None:
    start_text = field_text(meta.get("event-start"))
    if not start_text:
        problems.add("event-start", start_text, f"missing ({WHEN_FORM})")
        return None
    try:
        return parse_when(start_text, zone)
    except ValueError as error:
        problems.add("event-start", start_text, _when_problem(error))
        return None


def _parse_schedule(
    meta: Mapping[str, object],
    start: date | datetime | None,
    zone: ZoneInfo,
    problems: _Collector,
    *,
    default_duration: timedelta,
    latest: datetime | None,
    rules_read: Container[str],
) -> tuple[date | datetime | None, Rule | None, tuple[date | datetime, ...]]:
    """The end, the series rule and the dates it skips."""
    end = rule = None
    exdates: tuple[date | datetime, ...] = ()
    rrule_text = field_text(meta.get("event-rrule"))
    exdate_text = field_text(meta.get("event-exdate"))
    if start is not None:
        end = _parse_end(meta, start, zone, default_duration, problems)
        if rrule_text:
            try:
                rule = parse_rrule(rrule_text, start, rules_read)
            except ValueError as error:
                problems.add("event-rrule", rrule_text, str(error))
            else:
                _check_series_start(field_text(meta.get("event-start")), start, zone, problems)
        if exdate_text and rule is not None:
            exdates = _parse_exdates(exdate_text, start, rule, zone, problems)
            if exdates and first_kept(rule, start, exdates) is None:
                problems.add("event-exdate", exdate_text, _ALL_SKIPPED)
        if latest is not None and end is not None:
            _check_reach(meta, start, end, rule, latest=latest, problems=problems)
    else:  # without a start, still report what is wrong with the end on its own
        _check_syntax(meta, zone, problems)
    if exdate_text and not rrule_text:
        problems.add("event-exdate", exdate_text, "only a series (event-rrule) can skip dates")
    return end, rule, exdates


def _parse_status_and_place(
    meta: Mapping[str, object], problems: _Collector
) -> tuple[Status, tuple[float, float] | None]:
    status = Status.SCHEDULED
    if status_text := field_text(meta.get("event-status")):
        try:
            status = parse_status(status_text)
        except ValueError as error:
            problems.add("event-status", status_text, str(error))
    geo = None
    if geo_text := field_text(meta.get("event-geo")):
        try:
            geo = _parse_geo(geo_text)
        except ValueError as error:
            problems.add("event-geo", geo_text, str(error))
    return status, geo


def parse_event(
    meta: Mapping[str, object],
    source: str,
    *,
    default_timezone: str = "UTC",
    default_duration: timedelta = timedelta(hours=2),
    latest: datetime | None = None,
    rules_read: Container[str] = (),
) -> Event:
    """Turn an event's metadata (lower-case keys, as Pelican reads them) into an Event.

    With `latest`, an event (or the last date of a series with an end) after it is a
    problem: most likely a mistyped year, which would make a month page for every month
    up to it. Raises ContentErrors listing every problem found, each naming file, key
    and value. `rules_read`: see `recurrence.parse_rrule`.
    """
    problems = _Collector(source)
    zone = _parse_zone(meta, default_timezone, problems)
    start = _parse_start(meta, zone, problems)
    end, rule, exdates = _parse_schedule(
        meta,
        start,
        zone,
        problems,
        default_duration=default_duration,
        latest=latest,
        rules_read=rules_read,
    )
    status, geo = _parse_status_and_place(meta, problems)
    url = field_text(meta.get("event-url"))
    if url and (url_problem := _url_problem(url)):
        problems.add("event-url", url, url_problem)
    categories = field_text(meta.get("event-categories"))
    for name in _split_list(categories):
        if not any(c.isalnum() for c in name):  # its address would be empty
            problems.add(
                "event-categories",
                categories,
                f"{name!r} has no letter or digit to make its address from: name it in words",
            )
    uid = field_text(meta.get("event-uid"))
    if uid and any(c.isspace() for c in uid):
        problems.add("event-uid", uid, "must not contain spaces (e.g. open-day-2024@example.org)")

    if problems.errors:
        raise ContentErrors(problems.errors)
    assert start is not None and end is not None
    return Event(
        source=source,
        start=start,
        end=end,
        timezone=zone.key,
        rule=rule,
        exdates=exdates,
        status=status,
        status_reason=field_text(meta.get("event-status-reason")),
        location=field_text(meta.get("event-location")),
        geo=geo,
        url=url,
        organizer=field_text(meta.get("event-organizer")),
        cost=field_text(meta.get("event-cost")),
        categories=_split_list(categories),
        uid=uid,
        description=field_text(meta.get("event-description")),
    )


def unknown_keys(meta: Mapping[str, object]) -> list[str]:
    """`event-*` (and `event_*`) keys this plugin does not know: most likely typing
    mistakes. `event_start` is not read as `event-start`."""
    return sorted(k for k in meta if k.startswith(("event-", "event_")) and k not in KNOWN_KEYS)


def closest_key(key: str) -> str | None:
    """The known key a misspelt one most likely meant (`event-locaton` -> `event-location`,
    `event_start` -> `event-start`)."""
    # Compare what follows `event-`: the shared prefix would make every key look close.
    tails = [known.removeprefix("event-") for known in KNOWN_KEYS]
    found = closest(key[len("event-") :].replace("_", "-"), tails, cutoff=0.75)
    return None if found is None else f"event-{found}"


def merge_translation(
    original: Mapping[str, object], translation: Mapping[str, object]
) -> dict[str, object]:
    """A translation's event metadata: its own `event-*` keys over its original's."""
    merged = {k: v for k, v in original.items() if k.startswith("event-")}
    own = {k: v for k, v in translation.items() if k.startswith("event-")}
    # event-end and event-duration are two ways of saying the same thing.
    if "event-end" in own or "event-duration" in own:
        merged.pop("event-end", None)
        merged.pop("event-duration", None)
    return merged | own


def check_translation(
    original: Event, translation: Event, meta: Mapping[str, object]
) -> list[ContentError]:
    """Problems where a translation says another date, time or status than its original."""
    moved = (original.start, original.timezone) != (translation.start, translation.timezone)
    differs = {
        "event-start": moved,
        "event-end": original.end != translation.end,
        "event-duration": original.end != translation.end,
        "event-timezone": original.timezone != translation.timezone,
        "event-rrule": original.rule != translation.rule,
        "event-exdate": original.exdates != translation.exdates,
        "event-status": original.status != translation.status,
        "event-uid": original.uid != translation.uid,
    }  # fmt: skip
    return [
        ContentError(
            translation.source,
            key,
            field_text(meta[key]),
            f"differs from the original, {original.source}; a translation shares its "
            "original's dates, times and status (give the same value or leave it out)",
        )
        for key in _SCHEDULE_KEYS
        if key in meta and differs[key]
    ]


def publication_date(meta: Mapping[str, object], default_timezone: str) -> datetime | None:
    """The event's start as an aware date-time, for articles that have no `Date`."""
    try:
        zone = ZoneInfo(field_text(meta.get("event-timezone")) or default_timezone)
        when = parse_when(field_text(meta.get("event-start")), zone)
    except (ValueError, ZoneInfoNotFoundError):
        return None
    if isinstance(when, datetime):
        return when
    return datetime.combine(when, time(), zone)
