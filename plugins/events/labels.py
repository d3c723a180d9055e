"""Reader-facing dates and times, formatted with Babel for the page's language.

zh: `2024年6月19日 星期三 15:00–17:00`; en: `Wednesday 19 June 2024, 3:00 – 5:00 pm`.
The zone is named only when it is not the site's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache
from typing import Protocol

from babel import Locale
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    get_day_names,
    get_time_format,
    get_timezone_name,
)

from .kept import cache_version
from .recurrence import Occurrence

__all__ = [
    "CACHE_PACKAGES",
    "CACHE_VERSION",
    "Memo",
    "Weekday",
    "day_label",
    "labels_version",
    "month_label",
    "time_label",
    "weekdays",
    "when_label",
]

# Bump by hand when the labels made here change (see `kept`).
CACHE_VERSION = 1
CACHE_PACKAGES = ("babel", "tzdata")


class Memo(Protocol):
    """Labels made by earlier builds (`kept.Kept`): `get(key, make)` returns the one
    stored under `key`, else makes and stores it. Each key below names the function and
    every value its label depends on."""

    def get(self, key: str, make: Callable[[], str], /) -> str: ...


def _remembered(memo: Memo | None, key: str, make: Callable[[], str]) -> str:
    return make() if memo is None else memo.get(key, make)


def _zone(value: tzinfo | None) -> str:
    return str(getattr(value, "key", None) or repr(value))


def _moment(value: datetime) -> str:
    """A date-time as a key: wall time and UTC offset, and the zone it is in."""
    return f"{value.isoformat()}[{_zone(value.tzinfo)}]"


def labels_version() -> str:
    """What the labels depend on besides their arguments: CACHE_VERSION, Babel (and its
    CLDR data) and the zone data. Labels kept by another version are made again."""
    return cache_version(CACHE_VERSION, CACHE_PACKAGES)


@dataclass(frozen=True)
class _Style:
    date: str | None  # a Babel pattern; None: the locale's own full date
    day: str | None  # the same without the year
    clock: str | None  # 'hm' (3:00 pm) or 'Hm' (15:00); None: the locale's habit
    joiner: str  # between a date and a time
    zone: str  # around a zone's name


_STYLES = {
    "zh": _Style("y年M月d日 EEEE", "M月d日 EEEE", "Hm", joiner=" ", zone="（{}）"),
    "en": _Style("EEEE d MMMM y", "EEEE d MMMM", "hm", joiner=", ", zone=" ({})"),
}
_FALLBACK = _Style(None, None, None, joiner=" ", zone=" ({})")


# CLDR puts thin and narrow no-break spaces in intervals and times ("3:00\u202fpm");
# plain spaces read the same and match the rest of the page.
_SPACES = str.maketrans({"\u2009": " ", "\u202f": " ", "\u00a0": " "})


def _plain(text: str) -> str:
    return text.translate(_SPACES)


@dataclass(frozen=True)
class Weekday:
    short: str  # 周一, Mon
    long: str  # 星期一, Monday


@cache
def _locale(name: str) -> Locale:
    return Locale.parse(name)


def _style(locale: str) -> _Style:
    return _STYLES.get(_locale(locale).language, _FALLBACK)


def _date(value: date, locale: str) -> str:
    pattern = _style(locale).date
    if pattern is None:
        return format_skeleton("yMMMMEEEEd", value, locale=_locale(locale))
    return format_date(value, pattern, locale=_locale(locale))


def _clock_skeleton(locale: str) -> str:
    """'hm' where the locale writes 3:00 pm, 'Hm' where it writes 15:00."""
    if clock := _style(locale).clock:
        return clock
    return "hm" if "h" in get_time_format("short", locale=_locale(locale)).pattern else "Hm"


def _time(value: datetime, locale: str) -> str:
    return format_skeleton(
        _clock_skeleton(locale), value, tzinfo=value.tzinfo, locale=_locale(locale)
    )


def when_label(
    occurrence: Occurrence, locale: str, site_zone: str, memo: Memo | None = None
) -> str:
    """When an occurrence happens, in the reader's words."""
    start, end, all_day = occurrence
    key = f"when|{locale}|{site_zone}|{all_day}|{_moment(start)}|{_moment(end)}"
    return _remembered(memo, key, lambda: _plain(_when(occurrence, locale, site_zone)))


def _when(occurrence: Occurrence, locale: str, site_zone: str) -> str:
    style = _style(locale)
    first, last = occurrence.first_day, occurrence.last_day
    if occurrence.all_day:
        if first == last:
            return _date(first, locale)
        return format_interval(first, last, "yMMMMEEEEd", locale=_locale(locale))
    start, end = occurrence.start, occurrence.end
    if first == last:
        times = format_interval(
            start, end, _clock_skeleton(locale), tzinfo=start.tzinfo, locale=_locale(locale)
        )
        label = f"{_date(first, locale)}{style.joiner}{times}"
    else:
        label = (
            f"{_date(first, locale)}{style.joiner}{_time(start, locale)} – "
            f"{_date(last, locale)}{style.joiner}{_time(end, locale)}"
        )
    zone = getattr(start.tzinfo, "key", None)
    if zone and zone != site_zone:
        label += style.zone.format(get_timezone_name(start, "long", locale=_locale(locale)))
    return label


def time_label(
    occurrence: Occurrence, locale: str, memo: Memo | None = None, site_zone: str = ""
) -> str:
    """The start time alone (for a calendar cell); empty for all-day occurrences. In
    another zone than `site_zone`, with its offset: `7:00 pm UTC−2:30` (a cell has no
    room for the zone's name, which `when_label` gives)."""
    if occurrence.all_day:
        return ""
    start = occurrence.start
    zone = getattr(start.tzinfo, "key", None)
    other = bool(site_zone) and zone is not None and zone != site_zone
    key = f"time|{locale}|{_moment(start)}{'|' + _offset(start) if other else ''}"
    if not other:
        return _remembered(memo, key, lambda: _plain(_time(start, locale)))
    return _remembered(memo, key, lambda: f"{_plain(_time(start, locale))} {_offset(start)}")


def _offset(moment: datetime) -> str:
    """`UTC+8`, `UTC−2:30` (a minus sign; babel's own GMT format misses summer time with
    zoneinfo zones)."""
    offset = moment.utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def day_label(value: date, locale: str, memo: Memo | None = None) -> str:
    """A day without its year: `6月19日 星期三`, `Wednesday 19 June`."""
    key = f"day|{locale}|{type(value).__name__}|{value.isoformat()}"
    return _remembered(memo, key, lambda: _day(value, locale))


def _day(value: date, locale: str) -> str:
    pattern = _style(locale).day
    if pattern is None:
        return format_skeleton("MMMMEEEEd", value, locale=_locale(locale))
    return format_date(value, pattern, locale=_locale(locale))


def month_label(year: int, month: int, locale: str, memo: Memo | None = None) -> str:
    """`2024年6月`, `June 2024`."""
    key = f"month|{locale}|{year}|{month}"
    return _remembered(
        memo, key, lambda: format_skeleton("yMMMM", date(year, month, 1), locale=_locale(locale))
    )


def weekdays(locale: str, first_weekday: int = 0) -> list[Weekday]:
    """Column headings from `first_weekday` (0 is Monday, as in `calendar`)."""
    short = get_day_names("abbreviated", locale=_locale(locale))
    long = get_day_names("wide", locale=_locale(locale))
    order = [(first_weekday + i) % 7 for i in range(7)]
    return [Weekday(short=short[i], long=long[i]) for i in order]
