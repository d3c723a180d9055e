"""Month grids, month ranges and the upcoming/past split, with an explicit `now`."""

from __future__ import annotations

from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest
from events.calendar import add_months, month_grid, months_between, split

SH = ZoneInfo("Asia/Shanghai")


def test_june_2024_starting_on_monday() -> None:
    weeks = month_grid(2024, 6, [])
    assert len(weeks) == 5  # 1 June 2024 is a Saturday, 30 June a Sunday
    assert weeks[0][0].date == date(2024, 5, 27) and not weeks[0][0].in_month
    assert weeks[0][5].date == date(2024, 6, 1) and weeks[0][5].in_month
    assert weeks[-1][-1].date == date(2024, 6, 30)
    assert all(len(week) == 7 for week in weeks)


def test_first_weekday_sunday() -> None:
    weeks = month_grid(2024, 6, [], first_weekday=6)
    assert weeks[0][0].date == date(2024, 5, 26)
    assert weeks[0][6].date == date(2024, 6, 1)


@pytest.mark.parametrize(
    ("span", "days"),
    [
        # One day.
        ((date(2024, 6, 19), date(2024, 6, 19)), [19]),
        # The practice week, 15 to 21 June inclusive.
        ((date(2024, 6, 15), date(2024, 6, 21)), [15, 16, 17, 18, 19, 20, 21]),
        # Starts in May: only its June days are listed in June.
        ((date(2024, 5, 30), date(2024, 6, 2)), [1, 2]),
        # Runs into July.
        ((date(2024, 6, 29), date(2024, 7, 3)), [29, 30]),
        # Another month entirely.
        ((date(2024, 7, 1), date(2024, 7, 1)), []),
    ],
)  # fmt: skip
def test_spans_fill_their_days_of_the_month(span: tuple[date, date], days: list[int]) -> None:
    weeks = month_grid(2024, 6, [(*span, "x")])
    assert [d.date.day for week in weeks for d in week if d.items] == days
    # Days of neighbouring months never carry items, even when the span covers them.
    assert all(not d.items for week in weeks for d in week if not d.in_month)


def test_items_keep_their_order() -> None:
    weeks = month_grid(2024, 6, [(date(2024, 6, 3), date(2024, 6, 3), i) for i in "abc"])
    assert weeks[1][0].items == ("a", "b", "c")


@pytest.mark.parametrize(
    ("year", "month", "count", "expected"),
    [(2024, 6, 1, (2024, 7)), (2024, 12, 1, (2025, 1)), (2024, 1, -1, (2023, 12)),
     (2024, 6, 12, (2025, 6)), (2024, 6, -18, (2022, 12))],
)  # fmt: skip
def test_add_months(year: int, month: int, count: int, expected: tuple[int, int]) -> None:
    assert add_months(year, month, count) == expected


def test_months_between() -> None:
    assert months_between(date(2024, 11, 30), date(2025, 2, 1)) == [
        (2024, 11), (2024, 12), (2025, 1), (2025, 2),
    ]  # fmt: skip
    assert months_between(date(2024, 6, 1), date(2024, 6, 30)) == [(2024, 6)]


class Item(NamedTuple):
    name: str
    start: datetime
    end: datetime


def at(day: int, hour: int) -> datetime:
    return datetime(2024, 6, day, hour, tzinfo=SH)


def test_split_upcoming_soonest_first_past_latest_first() -> None:
    items = [
        Item("old", at(1, 10), at(1, 12)),
        Item("later", at(20, 10), at(20, 12)),
        Item("running", at(10, 11), at(10, 13)),  # under way at `now`: still upcoming
        Item("older", at(2, 10), at(2, 12)),
        Item("just ended", at(10, 9), at(10, 12)),  # ended exactly at `now`: past
        Item("soon", at(11, 10), at(11, 12)),
    ]
    upcoming, past = split(items, now=at(10, 12))
    assert [i.name for i in upcoming] == ["running", "soon", "later"]
    assert [i.name for i in past] == ["just ended", "older", "old"]


def test_split_goes_by_the_moment_on_the_night_the_clocks_go_back() -> None:
    """London, 27 October 2024: 01:30 happens at 00:30 UTC and again at 01:30 UTC. Aware
    times of one zone compare by the clock, which puts the second 01:30 before 01:45 BST
    (00:45 UTC); the split and the order go by the moment."""
    london = ZoneInfo("Europe/London")
    first = datetime(2024, 10, 27, 1, 30, tzinfo=london)  # BST, 00:30 UTC
    quarter = datetime(2024, 10, 27, 1, 45, tzinfo=london)  # BST, 00:45 UTC
    second = datetime(2024, 10, 27, 1, 30, tzinfo=london, fold=1)  # GMT, 01:30 UTC
    items = [
        Item("second 01:30", second, second.replace(minute=50)),
        Item("01:45", quarter, quarter.replace(minute=55)),
        Item("first 01:30", first, first.replace(minute=40)),
    ]
    upcoming, past = split(items, now=datetime(2024, 10, 27, 1, 0, tzinfo=london, fold=1))
    assert [i.name for i in upcoming] == ["second 01:30"]  # 01:00 GMT is 01:00 UTC
    assert [i.name for i in past] == ["01:45", "first 01:30"]
    upcoming, _ = split(items, now=datetime(2024, 10, 27, 0, 0, tzinfo=london))
    assert [i.name for i in upcoming] == ["first 01:30", "01:45", "second 01:30"]
