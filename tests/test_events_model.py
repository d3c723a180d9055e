"""The event model: metadata as a volunteer writes it in, a typed Event or named problems out."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from community_press import ContentErrors
from events.model import (
    Status,
    check_translation,
    closest_key,
    merge_translation,
    parse_duration,
    parse_event,
    parse_when,
    publication_date,
    unknown_keys,
)

SH = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
SOURCE = "content/events/x.md"


def parse(**meta: str):
    return parse_event(
        {k.replace("_", "-"): v for k, v in meta.items()},
        SOURCE,
        default_timezone="Asia/Shanghai",
        default_duration=timedelta(hours=2),
    )


def problems(**meta: str) -> list[tuple[str, str]]:
    """(field, message) of every problem parse_event reports."""
    with pytest.raises(ContentErrors) as caught:
        parse(**meta)
    return [(e.field, str(e)) for e in caught.value.errors]


@pytest.mark.parametrize(
    ("meta", "start", "end"),
    [
        # Wall-clock time in the site's zone; the default duration applies.
        ({"event_start": "2024-06-19 15:00"}, datetime(2024, 6, 19, 15, tzinfo=SH),
         datetime(2024, 6, 19, 17, tzinfo=SH)),
        # ISO 8601 with T and seconds.
        ({"event_start": "2024-06-19T15:00:00"}, datetime(2024, 6, 19, 15, tzinfo=SH),
         datetime(2024, 6, 19, 17, tzinfo=SH)),
        # An offset is converted to the event's zone.
        ({"event_start": "2024-06-19T08:00Z"}, datetime(2024, 6, 19, 16, tzinfo=SH),
         datetime(2024, 6, 19, 18, tzinfo=SH)),
        # event-duration in volunteer words and in ISO 8601.
        ({"event_start": "2024-06-19 15:00", "event_duration": "2h 30m"},
         datetime(2024, 6, 19, 15, tzinfo=SH), datetime(2024, 6, 19, 17, 30, tzinfo=SH)),
        ({"event_start": "2024-06-19 15:00", "event_duration": "90m"},
         datetime(2024, 6, 19, 15, tzinfo=SH), datetime(2024, 6, 19, 16, 30, tzinfo=SH)),
        ({"event_start": "2024-06-19 15:00", "event_duration": "PT1H"},
         datetime(2024, 6, 19, 15, tzinfo=SH), datetime(2024, 6, 19, 16, tzinfo=SH)),
        # An end with a time only is on the start's day.
        ({"event_start": "2024-06-19 15:00", "event_end": "17:45"},
         datetime(2024, 6, 19, 15, tzinfo=SH), datetime(2024, 6, 19, 17, 45, tzinfo=SH)),
        # Overnight.
        ({"event_start": "2024-06-19 20:00", "event_end": "2024-06-20 02:00"},
         datetime(2024, 6, 19, 20, tzinfo=SH), datetime(2024, 6, 20, 2, tzinfo=SH)),
        # A date alone is an all-day event of one day (exclusive end).
        ({"event_start": "2024-06-19"}, date(2024, 6, 19), date(2024, 6, 20)),
        # A date-only end is inclusive: 15 to 21 June is seven days.
        ({"event_start": "2024-06-15", "event_end": "2024-06-21"}, date(2024, 6, 15),
         date(2024, 6, 22)),
        ({"event_start": "2024-06-15", "event_duration": "3d"}, date(2024, 6, 15),
         date(2024, 6, 18)),
        # Its own zone: London wall-clock time.
        ({"event_start": "2024-10-08 19:00", "event_timezone": "Europe/London"},
         datetime(2024, 10, 8, 19, tzinfo=LONDON), datetime(2024, 10, 8, 21, tzinfo=LONDON)),
    ],
)  # fmt: skip
def test_start_and_end(meta: dict[str, str], start: date, end: date) -> None:
    event = parse(**meta)
    assert (event.start, event.end) == (start, end)
    assert event.all_day == (not isinstance(start, datetime))


def test_fields_are_typed() -> None:
    event = parse(
        event_start="2024-06-19 15:00",
        event_status="Moved online",
        event_status_reason="Rain",
        event_geo="26.89; 112.62",
        event_categories="亲子、直播, Family",
        event_url="https://example.org/x",
        event_uid="x-1@example.org",
    )
    assert event.status is Status.MOVED_ONLINE
    assert event.geo == (26.89, 112.62)
    assert event.categories == ("亲子", "直播", "Family")
    assert (event.status_reason, event.uid) == ("Rain", "x-1@example.org")


@pytest.mark.parametrize(
    ("text", "status"),
    [("cancelled", Status.CANCELLED), ("Canceled", Status.CANCELLED),
     ("POSTPONED", Status.POSTPONED), ("moved_online", Status.MOVED_ONLINE),
     ("confirmed", Status.SCHEDULED), ("tentative", Status.TENTATIVE)],
)  # fmt: skip
def test_status_spellings(text: str, status: Status) -> None:
    assert parse(event_start="2024-06-19", event_status=text).status is status


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2h", timedelta(hours=2)), ("1h 30m", timedelta(minutes=90)),
     ("45 min", timedelta(minutes=45)), ("1w", timedelta(days=7)), ("P2D", timedelta(days=2))],
)  # fmt: skip
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "2", "two hours", "0m", "P", "2h-"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("meta", "field", "words"),
    [
        ({"event_start": "2024-13-02 10:00"}, "event-start", "not a date"),
        ({"event_start": "next Tuesday"}, "event-start", "YYYY-MM-DD HH:MM"),
        ({"event_start": ""}, "event-start", "missing"),
        # 01:30 on 31 March 2024 does not exist in London: at 01:00 the clocks jump to 02:00.
        ({"event_start": "2024-03-31 01:30", "event_timezone": "Europe/London"},
         "event-start", "does not exist"),
        ({"event_start": "2024-06-19 15:00", "event_end": "2024-06-19 14:00"},
         "event-end", "does not end after it starts"),
        ({"event_start": "2024-06-21", "event_end": "2024-06-15"}, "event-end",
         "does not end after"),
        ({"event_start": "2024-06-19", "event_end": "2024-06-20 10:00"}, "event-end",
         "must be a date"),
        ({"event_start": "2024-06-19 15:00", "event_end": "25:00"}, "event-end", "time of day"),
        ({"event_start": "2024-06-19 15:00", "event_end": "17:00", "event_duration": "2h"},
         "event-duration", "not both"),
        ({"event_start": "2024-06-19", "event_duration": "2h"}, "event-duration", "whole days"),
        ({"event_start": "2024-06-19 15:00", "event_timezone": "Mars/Olympus"},
         "event-timezone", "unknown time zone"),
        ({"event_start": "2024-06-19 15:00", "event_timezone": "Europe/Lundon"},
         "event-timezone", "did you mean 'Europe/London'?"),
        ({"event_start": "2024-06-19", "event_status": "maybe"}, "event-status",
         "scheduled, tentative, cancelled, postponed, rescheduled, moved-online"),
        ({"event_start": "2024-06-19", "event_geo": "north"}, "event-geo", "latitude;longitude"),
        ({"event_start": "2024-06-19", "event_geo": "95;10"}, "event-geo", "±90"),
        ({"event_start": "2024-06-19", "event_url": "www.example.org"}, "event-url", "https://"),
        ({"event_start": "2024-06-19", "event_uid": "a b"}, "event-uid", "spaces"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=SOMETIMES"},
         "event-rrule", "DAILY, WEEKLY, MONTHLY, YEARLY"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=WEEKLY;BYDAY=XX"},
         "event-rrule", "not a valid RRULE"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "BYDAY=TU"}, "event-rrule",
         "FREQ is missing"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=WEEKLY;COLOUR=RED"},
         "event-rrule", "unknown part"),
        ({"event_start": "2024-06-18 19:00",
          "event_rrule": "FREQ=WEEKLY;COUNT=3;UNTIL=2024-12-31"}, "event-rrule", "not both"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=WEEKLY;UNTIL=2024-01-01"},
         "event-rrule", "no date on or after event-start"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=WEEKLY;INTERVAL=0"},
         "event-rrule", "at least 1"),
        # 17 June 2024 is a Monday: not one of a Tuesday/Thursday series.
        ({"event_start": "2024-06-17 19:00", "event_rrule": "FREQ=WEEKLY;BYDAY=TU,TH"},
         "event-rrule", "2024-06-18 19:00"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=WEEKLY;BYDAY=TU,TH",
          "event_exdate": "2024-06-19"}, "event-exdate", "not a date of the series"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=WEEKLY;BYDAY=TU,TH",
          "event_exdate": "2024-06-20 18:00"}, "event-exdate", "starts at 19:00"),
        ({"event_start": "2024-06-18 19:00", "event_rrule": "FREQ=WEEKLY;BYDAY=TU,TH",
          "event_exdate": "2024-06-31"}, "event-exdate", "not a date"),
        ({"event_start": "2024-06-18 19:00", "event_exdate": "2024-06-20"}, "event-exdate",
         "only a series"),
    ],
)  # fmt: skip
def test_each_problem_names_file_field_value_and_form(
    meta: dict[str, str], field: str, words: str
) -> None:
    found = problems(**meta)
    assert [f for f, _ in found] == [field]
    message = found[0][1]
    value = meta[field.replace("-", "_")]
    assert message.startswith(f"{SOURCE}: field '{field}' = {value!r}: ")
    assert words in message


def test_all_problems_of_a_file_are_reported_together() -> None:
    found = problems(
        event_start="2024-13-02",
        event_end="tomorrow",
        event_timezone="Nowhere/City",
        event_status="perhaps",
        event_geo="x",
    )
    assert {f for f, _ in found} == {
        "event-start", "event-end", "event-timezone", "event-status", "event-geo",
    }  # fmt: skip


def test_exdate_forms() -> None:
    event = parse(
        event_start="2024-06-18 19:00",
        event_rrule="RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=2024-07-31",
        # A date drops that day's session; a date-time drops exactly that start.
        event_exdate="2024-06-20, 2024-06-25 19:00, 2024-07-02T11:00Z",
    )
    assert event.exdates == (
        datetime(2024, 6, 20, 19, tzinfo=SH),
        datetime(2024, 6, 25, 19, tzinfo=SH),
        datetime(2024, 7, 2, 19, tzinfo=SH),
    )
    assert event.rule is not None
    # UNTIL as a date includes that whole day, written in UTC for RFC 5545.
    assert event.rule.ical() == "FREQ=WEEKLY;UNTIL=20240731T155959Z;BYDAY=TU,TH"


def test_all_day_series_skips_dates() -> None:
    event = parse(
        event_start="2024-06-01", event_rrule="FREQ=MONTHLY;COUNT=3", event_exdate="2024-07-01"
    )
    assert event.exdates == (date(2024, 7, 1),)
    assert event.rule is not None and event.rule.ical() == "FREQ=MONTHLY;COUNT=3"


def test_translation_inherits_schedule_and_keeps_its_words() -> None:
    original_meta = {"event-start": "2024-06-19 15:00", "event-end": "17:00",
                     "event-location": "青年之家", "title": "亲子活动"}  # fmt: skip
    own = {"event-location": "Youth Home", "event-duration": "2h", "title": "Family day"}
    merged = merge_translation(original_meta, own)
    assert merged == {"event-start": "2024-06-19 15:00", "event-location": "Youth Home",
                      "event-duration": "2h"}  # fmt: skip
    original = parse_event(original_meta, "zh.md", default_timezone="Asia/Shanghai")
    translation = parse_event(merged, "en.md", default_timezone="Asia/Shanghai")
    assert check_translation(original, translation, own) == []
    assert translation.location == "Youth Home"


def test_translation_must_not_move_the_event() -> None:
    original = parse_event({"event-start": "2024-06-19 15:00"}, "zh.md")
    own = {"event-start": "2024-06-19 16:00", "event-status": "cancelled"}
    translation = parse_event(own, "en.md")
    errors = check_translation(original, translation, own)
    assert [(e.source, e.field) for e in errors] == [
        ("en.md", "event-start"),
        ("en.md", "event-status"),
    ]
    assert "differs from the original, zh.md" in str(errors[0])


def test_unknown_keys_are_found() -> None:
    meta = {"event-start": "x", "event-locaton": "y", "title": "z", "event-cost": "0"}
    assert unknown_keys(meta) == ["event-locaton"]


@pytest.mark.parametrize(
    ("meta", "expected"),
    [({"event-start": "2024-06-19 15:00"}, datetime(2024, 6, 19, 15, tzinfo=SH)),
     ({"event-start": "2024-06-19"}, datetime(2024, 6, 19, tzinfo=SH)),
     ({"event-start": "2024-06-19 15:00", "event-timezone": "Europe/London"},
      datetime(2024, 6, 19, 15, tzinfo=LONDON)),
     ({"event-start": "junk"}, None)],
)  # fmt: skip
def test_publication_date(meta: dict[str, str], expected: datetime | None) -> None:
    assert publication_date(meta, "Asia/Shanghai") == expected


@pytest.mark.parametrize(
    ("key", "near"),
    [("event-locaton", "event-location"), ("event-starts", "event-start"),
     ("event-colour", None)],
)  # fmt: skip
def test_closest_key(key: str, near: str | None) -> None:
    assert closest_key(key) == near


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("2024-06-19 15:30", "2024-06-19 15:30+01:00"),
        ("2024-06-19T15:30:00", "2024-06-19 15:30+01:00"),
        ("2024-06-19 9:30", "2024-06-19 09:30+01:00"),
        ("2024-06-19 1530", "2024-06-19 15:30+01:00"),
        ("20240619T1530", "2024-06-19 15:30+01:00"),
        ("2024-06-19T15:30:00+08:00", "2024-06-19 08:30+01:00"),
        ("2024-06-19 15:30+0800", "2024-06-19 08:30+01:00"),
        ("20240619T143000z", "2024-06-19 15:30+01:00"),
    ],
)
def test_a_date_and_time_is_read_as_meant(text: str, meant: str) -> None:
    when = parse_when(text, ZoneInfo("Europe/London"))
    assert when.isoformat(" ", "minutes") == meant


@pytest.mark.parametrize(
    "text",
    # Python's fromisoformat reads each of these, as a time nobody meant: 15:00 and 0.3 s,
    # 15:00, midnight of a week date, half a second.
    ["2024-06-19 15.30", "2024-06-19 15,30", "2024-06-19 15h30", "2024-06-19 15",
     "2024-W25-3", "2024-06-19T15:30:00.5", "2024-06-19 24:00"],
)  # fmt: skip
def test_a_time_written_otherwise_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_when(text, ZoneInfo("Europe/London"))
