"""Series: expansion with EXDATE, across daylight-saving changes, all-day and multi-day."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from events.model import Event, parse_event
from events.recurrence import Occurrence, expand

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")
FAR = datetime(2030, 1, 1, tzinfo=SH)


def event(**meta: str) -> Event:
    return parse_event(
        {k.replace("_", "-"): v for k, v in meta.items()}, "x.md", default_timezone="Asia/Shanghai"
    )


def starts(occurrences: list[Occurrence]) -> list[str]:
    return [o.start.isoformat() for o in occurrences]


def test_single_event_is_one_occurrence_whatever_the_horizon() -> None:
    single = event(event_start="2024-06-19 15:00", event_duration="2h")
    assert expand(single, datetime(2000, 1, 1, tzinfo=SH)) == [
        Occurrence(
            datetime(2024, 6, 19, 15, tzinfo=SH), datetime(2024, 6, 19, 17, tzinfo=SH), False
        )
    ]


def test_weekly_series_with_exdate() -> None:
    series = event(
        event_start="2024-06-18 19:00",
        event_end="21:00",
        event_rrule="FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=2024-07-04",
        event_exdate="2024-06-20,2024-06-27 19:00",
    )
    assert starts(expand(series, FAR)) == [
        "2024-06-18T19:00:00+08:00",
        # 20 June (a date) and 27 June 19:00 (a date-time) are skipped.
        "2024-06-25T19:00:00+08:00",
        "2024-07-02T19:00:00+08:00",
        "2024-07-04T19:00:00+08:00",  # UNTIL as a date includes that day
    ]


@pytest.mark.parametrize(
    ("zone", "start", "rule", "offsets"),
    [
        # New York springs forward on 10 March 2024: 19:00 stays 19:00, the offset moves.
        ("America/New_York", "2024-03-05 19:00", "FREQ=WEEKLY;COUNT=3",
         ["-05:00", "-04:00", "-04:00"]),
        # London falls back on 27 October 2024.
        ("Europe/London", "2024-10-22 19:00", "FREQ=WEEKLY;COUNT=3",
         ["+01:00", "+00:00", "+00:00"]),
        # Shanghai has no daylight saving.
        ("Asia/Shanghai", "2024-03-05 19:00", "FREQ=WEEKLY;COUNT=3",
         ["+08:00", "+08:00", "+08:00"]),
    ],
)  # fmt: skip
def test_wall_clock_time_survives_daylight_saving(
    zone: str, start: str, rule: str, offsets: list[str]
) -> None:
    series = event(event_start=start, event_timezone=zone, event_duration="2h", event_rrule=rule)
    found = expand(series, FAR)
    assert [o.start.strftime("%H:%M") for o in found] == ["19:00"] * 3
    assert [o.end.strftime("%H:%M") for o in found] == ["21:00"] * 3
    assert [o.start.isoformat()[-6:] for o in found] == offsets


def test_utc_instants_move_by_an_hour_across_the_change() -> None:
    series = event(
        event_start="2024-03-05 19:00", event_timezone="America/New_York",
        event_rrule="FREQ=WEEKLY;COUNT=2",
    )  # fmt: skip
    first, second = expand(series, FAR)
    assert second.start - first.start == timedelta(days=7)  # wall-clock difference
    gap = second.start.astimezone(ZoneInfo("UTC")) - first.start.astimezone(ZoneInfo("UTC"))
    assert gap == timedelta(days=7) - timedelta(hours=1)


def test_series_without_end_stops_at_the_horizon() -> None:
    series = event(event_start="2024-06-01 07:00", event_rrule="FREQ=WEEKLY;BYDAY=SA")
    found = expand(series, datetime(2024, 7, 1, tzinfo=SH))
    assert [o.start.day for o in found] == [1, 8, 15, 22, 29]


@pytest.mark.parametrize(
    ("meta", "first"),
    [({"event_start": "2028-01-11 19:00"}, "2028-01-11T19:00:00+08:00"),
     # the first date skipped: the next one
     ({"event_start": "2028-01-11 19:00", "event_exdate": "2028-01-11"},
      "2028-01-18T19:00:00+08:00"),
     ({"event_start": "2028-01-11"}, "2028-01-11T00:00:00+08:00")],  # all day
)  # fmt: skip
def test_series_without_end_after_the_horizon_keeps_its_first_date(
    meta: dict[str, str], first: str
) -> None:
    series = event(**meta, event_rrule="FREQ=WEEKLY;BYDAY=TU")
    assert starts(expand(series, datetime(2027, 12, 7, tzinfo=SH))) == [first]


def test_finite_series_ignores_the_horizon() -> None:
    series = event(event_start="2024-06-01 07:00", event_rrule="FREQ=MONTHLY;COUNT=14")
    assert len(expand(series, datetime(2024, 7, 1, tzinfo=SH))) == 14


@pytest.mark.parametrize(
    ("meta", "days"),
    [
        # One all-day occurrence.
        ({"event_start": "2024-06-19"}, [(date(2024, 6, 19), date(2024, 6, 19))]),
        # The practice week: 15 to 21 June, both included.
        ({"event_start": "2024-06-15", "event_end": "2024-06-21"},
         [(date(2024, 6, 15), date(2024, 6, 21))]),
        # A timed event that ends at midnight ends that day.
        ({"event_start": "2024-06-19 20:00", "event_end": "2024-06-20 00:00"},
         [(date(2024, 6, 19), date(2024, 6, 19))]),
        # Overnight: two days.
        ({"event_start": "2024-06-19 20:00", "event_end": "2024-06-20 02:00"},
         [(date(2024, 6, 19), date(2024, 6, 20))]),
        # A weekend camp every month, the second one skipped.
        ({"event_start": "2024-06-01", "event_end": "2024-06-02",
          "event_rrule": "FREQ=MONTHLY;COUNT=3", "event_exdate": "2024-07-01"},
         [(date(2024, 6, 1), date(2024, 6, 2)), (date(2024, 8, 1), date(2024, 8, 2))]),
    ],
)  # fmt: skip
def test_days_covered(meta: dict[str, str], days: list[tuple[date, date]]) -> None:
    found = expand(event(**meta), FAR)
    assert [(o.first_day, o.last_day) for o in found] == days


def test_all_day_occurrences_start_at_local_midnight() -> None:
    (week,) = expand(event(event_start="2024-06-15", event_end="2024-06-21"), FAR)
    assert week.all_day
    assert (week.start, week.end) == (
        datetime(2024, 6, 15, tzinfo=SH),
        datetime(2024, 6, 22, tzinfo=SH),
    )
