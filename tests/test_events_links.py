"""'Add to calendar' links: Google takes a series as a rule from the date it starts on."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from events.links import series_rule
from events.model import parse_event
from events.recurrence import expand

HOWE = ZoneInfo("Australia/Lord_Howe")


def links_from(meta: dict[str, str], on: datetime) -> str:
    """The rule a link starting on the first date at or after `on` carries."""
    event = parse_event(meta, "swim.md", default_timezone="Australia/Lord_Howe")
    dates = expand(event, datetime(2025, 1, 1, tzinfo=HOWE))
    start = next(o for o in dates if o.start >= on)
    return series_rule(event, start, dates)


def test_a_date_moved_out_of_a_skipped_hour_does_not_start_the_series() -> None:
    """Lord Howe's clocks skip 02:00-02:30 on 6 October 2024: that week's 02:15 swim is at
    02:45. A link starting there would put every later swim at 02:45; it adds that date."""
    swim = {"event-start": "2024-09-01 02:15", "event-duration": "1h",
            "event-rrule": "FREQ=WEEKLY;BYDAY=SU;COUNT=8"}  # fmt: skip
    assert links_from(swim, datetime(2024, 10, 1, tzinfo=HOWE)) == ""
    assert links_from(swim, datetime(2024, 10, 7, tzinfo=HOWE)).startswith("FREQ=WEEKLY")


def test_a_date_stretched_across_a_repeated_hour_does_not_start_the_series() -> None:
    """London repeats 01:00-02:00 on 27 October 2024: that 01:30 session lasts 1 h 45 in
    real time; a link starting there would make every later session that long."""
    london = {"event-start": "2024-10-06 01:30", "event-duration": "45m",
              "event-timezone": "Europe/London", "event-rrule": "FREQ=WEEKLY;COUNT=6"}  # fmt: skip
    event = parse_event(london, "walk.md")
    dates = expand(event, datetime(2025, 1, 1, tzinfo=ZoneInfo("Europe/London")))
    (night,) = [o for o in dates if o.start.day == 27]
    assert series_rule(event, night, dates) == ""
    (after,) = [o for o in dates if o.start.day == 3]
    assert series_rule(event, after, dates).startswith("FREQ=WEEKLY")
