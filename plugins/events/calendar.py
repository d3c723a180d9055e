"""Month grids and the upcoming/past split. Plain dates in; `now` is always a parameter."""

from __future__ import annotations

import calendar as stdlib_calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Generic, Protocol, TypeVar

__all__ = ["Day", "add_months", "by_month", "month_grid", "months_between", "split"]

T = TypeVar("T")


@dataclass(frozen=True)
class Day(Generic[T]):
    """One cell of a month grid; days of the neighbouring months carry no items."""

    date: date
    in_month: bool
    items: tuple[T, ...] = ()


def month_grid(
    year: int,
    month: int,
    spans: Iterable[tuple[date, date, T]],
    first_weekday: int = 0,
) -> list[list[Day[T]]]:
    """Weeks of days for one month. Each span (first day, last day inclusive, item) is
    listed on every day of this month it covers, in the order given."""
    first = date(year, month, 1)
    last = date(year, month, stdlib_calendar.monthrange(year, month)[1])
    by_day: dict[date, list[T]] = defaultdict(list)
    for begin, end, item in spans:
        day = max(begin, first)
        while day <= min(end, last):
            by_day[day].append(item)
            day += timedelta(days=1)
    weeks = stdlib_calendar.Calendar(first_weekday).monthdatescalendar(year, month)
    return [
        [
            Day(d, True, tuple(by_day.get(d, ()))) if d.month == month else Day(d, False)
            for d in week
        ]
        for week in weeks
    ]


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    """(year, month) `count` months later (or earlier, for a negative count)."""
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    """Every (year, month) from the month of `first` to the month of `last`, inclusive."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = add_months(year, month, 1)
    return months


class _Timed(Protocol):
    @property
    def start(self) -> datetime: ...

    @property
    def end(self) -> datetime: ...


TimedT = TypeVar("TimedT", bound=_Timed)


def split(items: Iterable[TimedT], now: datetime) -> tuple[list[TimedT], list[TimedT]]:
    """(upcoming soonest first, past latest first). Something under way is upcoming."""
    upcoming: list[TimedT] = []
    past: list[TimedT] = []
    for item in items:
        (upcoming if item.end.timestamp() > now.timestamp() else past).append(item)
    # By the moment, not the clock: two 01:30s of one night, or two zones, in their order.
    upcoming.sort(key=lambda o: o.start.timestamp())
    past.sort(key=lambda o: o.start.timestamp(), reverse=True)
    return upcoming, past


class _Spanning(Protocol):
    @property
    def first_day(self) -> date: ...

    @property
    def last_day(self) -> date: ...


SpanningT = TypeVar("SpanningT", bound=_Spanning)


def by_month(items: Iterable[SpanningT]) -> dict[tuple[int, int], list[SpanningT]]:
    """(year, month) -> the items on a day of it, in their order (one pass, rather than
    every item looked at for every month page)."""
    months: dict[tuple[int, int], list[SpanningT]] = {}
    for item in items:
        for key in months_between(item.first_day, item.last_day):
            months.setdefault(key, []).append(item)
    return months
