"""iCalendar output: valid, zoned, stable, and expanding to the same occurrences as ours."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import recurring_ical_events
from events.ics import CalendarEntry, make_uid, to_ics
from events.links import google_calendar_url, outlook_calendar_url
from events.model import Event, parse_event
from events.recurrence import expand
from events.schema import json_ld
from icalendar import Calendar

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 6, 10, 12, tzinfo=SH)
HORIZON = datetime(2025, 6, 10, tzinfo=SH)


def event(source: str = "x.md", **meta: str) -> Event:
    return parse_event(
        {k.replace("_", "-"): v for k, v in meta.items()}, source, default_timezone="Asia/Shanghai"
    )


EVENTS = {
    "fathers-day": event(event_start="2024-06-19 15:00", event_duration="2h"),
    "practice-week": event(event_start="2024-06-15", event_end="2024-06-21"),
    "london-club": event(
        event_start="2024-10-08 19:00", event_end="21:00", event_timezone="Europe/London",
        event_rrule="FREQ=WEEKLY;BYDAY=TU;UNTIL=2024-11-12", event_exdate="2024-10-22",
        event_status="tentative",
    ),
    "new-york-class": event(
        event_start="2024-03-05 19:00", event_timezone="America/New_York",
        event_rrule="FREQ=WEEKLY", event_status="cancelled",
    ),
    "camp": event(
        event_start="2024-06-01", event_end="2024-06-02", event_rrule="FREQ=MONTHLY;COUNT=4",
        event_exdate="2024-07-01",
    ),
}  # fmt: skip


def feed() -> Calendar:
    entries = [
        CalendarEntry(e, make_uid(e, slug, "example.org"), summary=slug, location="青年之家")
        for slug, e in EVENTS.items()
    ]
    return Calendar.from_ical(to_ics(entries, name="Events", now=NOW, horizon=HORIZON))


def test_one_vevent_per_event_with_stable_uids() -> None:
    vevents = feed().walk("VEVENT")
    assert [str(v["UID"]) for v in vevents] == [f"{s}@example.org" for s in EVENTS]
    # The UID depends on the slug (or event-uid) alone.
    assert make_uid(event(event_start="2024-01-01", event_uid="own@x"), "s", "d") == "own@x"


def test_times_are_zoned_never_floating_and_stamped_in_utc() -> None:
    calendar = feed()
    zones = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert zones == {"Asia/Shanghai", "Europe/London", "America/New_York"}
    for vevent in calendar.walk("VEVENT"):
        assert vevent["DTSTAMP"].dt == NOW.astimezone(UTC).replace(hour=0)
        timed_series = "RRULE" in vevent and isinstance(vevent["DTSTART"].dt, datetime)
        assert ("DURATION" in vevent) == timed_series  # a series lasts as long on the clock
        for key in ("DTSTART",) if timed_series else ("DTSTART", "DTEND"):
            value = vevent[key].dt
            if isinstance(value, datetime):
                assert value.tzinfo is not None, (vevent["UID"], key)
                assert vevent[key].params["TZID"] in zones
            else:
                assert vevent[key].params.get("VALUE") == "DATE"


def test_statuses_are_upper_case_rfc_5545_values() -> None:
    statuses = {str(v["UID"]).split("@")[0]: str(v["STATUS"]) for v in feed().walk("VEVENT")}
    assert statuses == {
        "fathers-day": "CONFIRMED", "practice-week": "CONFIRMED", "london-club": "TENTATIVE",
        "new-york-class": "CANCELLED", "camp": "CONFIRMED",
    }  # fmt: skip


def test_all_day_end_is_exclusive_in_ics() -> None:
    (week,) = [v for v in feed().walk("VEVENT") if str(v["UID"]).startswith("practice-week")]
    assert (week["DTSTART"].dt, week["DTEND"].dt) == (date(2024, 6, 15), date(2024, 6, 22))


def test_recurring_ical_events_agrees_with_our_expansion() -> None:
    """What a calendar app computes from the feed is what our pages show."""
    calendar = feed()
    start, end = datetime(2024, 1, 1, tzinfo=SH), HORIZON
    theirs = {
        (str(o["UID"]).split("@")[0], _instant(o["DTSTART"].dt), _instant(o["DTEND"].dt))
        for o in recurring_ical_events.of(calendar).between(start, end)
    }
    ours = {
        (slug, _instant(o.start), _instant(o.end))
        for slug, e in EVENTS.items()
        for o in expand(e, HORIZON)
        if o.end > start and o.start < end
    }
    assert theirs == ours
    # The exdates are really gone, and New York keeps 19:00 across its DST change.
    assert not any(s == "london-club" and b.startswith("2024-10-22") for s, b, _ in theirs)
    york = sorted(b for s, b, _ in theirs if s == "new-york-class")
    assert york[:2] == ["2024-03-06T00:00:00+00:00", "2024-03-12T23:00:00+00:00"]


def _instant(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return datetime(value.year, value.month, value.day, tzinfo=SH).astimezone(UTC).isoformat()


def test_calendar_links() -> None:
    (occurrence,) = expand(EVENTS["fathers-day"], HORIZON)
    google = parse_qs(urlsplit(google_calendar_url(occurrence, "父亲节", "详情", "青年之家")).query)
    assert google["dates"] == ["20240619T070000Z/20240619T090000Z"]
    assert (google["text"], google["location"], google["ctz"]) == (
        ["父亲节"], ["青年之家"], ["Asia/Shanghai"],
    )  # fmt: skip
    outlook = parse_qs(urlsplit(outlook_calendar_url(occurrence, "父亲节", "", "")).query)
    assert outlook["startdt"] == ["2024-06-19T15:00:00+08:00"]
    assert outlook["allday"] == ["false"]
    (week,) = expand(EVENTS["practice-week"], HORIZON)
    google = parse_qs(urlsplit(google_calendar_url(week, "x", "", "")).query)
    assert google["dates"] == ["20240615/20240622"]


def test_json_ld_cannot_close_its_script_element() -> None:
    text = json_ld({"name": "</script><script>alert(1)</script> & more"})
    assert "</script>" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script> & more"}


def test_vtimezone_covers_the_series() -> None:
    (london,) = [tz for tz in feed().walk("VTIMEZONE") if tz["TZID"] == "Europe/London"]
    transitions = london.get_transitions()[0]
    assert min(transitions) < datetime(2024, 10, 8) - timedelta(days=200)
    assert max(transitions) > datetime(2025, 6, 10)
