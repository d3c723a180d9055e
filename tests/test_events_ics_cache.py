"""Feed bodies kept between builds (events.kept): never a stale feed.

A feed is `stamp(feed_body(...), now)`; the body is cached under `feed_key`, which must
change with everything the body says. The build tests edit an event between two builds
that share a cache and check that the feeds say the new thing.
"""

from __future__ import annotations

import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES, build_site
from events.ics import CalendarEntry, feed_body, feed_key, make_uid, stamp, to_ics
from events.kept import FEEDS, Kept
from events.model import parse_event
from icalendar import Calendar

SH = ZoneInfo("Asia/Shanghai")
HORIZON = datetime(2025, 6, 10, tzinfo=SH)


def entry(summary: str = "Fair", **meta: str) -> CalendarEntry:
    meta = {"event_start": "2024-06-19 15:00", **meta}
    event = parse_event(
        {k.replace("_", "-"): v for k, v in meta.items()}, "x.md", default_timezone="Asia/Shanghai"
    )
    return CalendarEntry(event, make_uid(event, "fair", "example.org"), summary=summary)


def key(entries: list[CalendarEntry], name: str = "Events", horizon: datetime = HORIZON) -> str:
    return feed_key(entries, name=name, horizon=horizon)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2024, 6, 10, 12, tzinfo=SH),
        datetime(2024, 6, 10, 12, 0, 59, 999_999, tzinfo=SH),
        datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
        datetime(2030, 1, 1, 0, 0, 1, tzinfo=ZoneInfo("America/New_York")),
    ],
)
def test_a_stamped_body_is_the_feed_stamped_at_now(now: datetime) -> None:
    entries = [entry(), entry("Run", event_start="2024-06-01", event_rrule="FREQ=WEEKLY")]
    feed = to_ics(entries, name="Events", now=now, horizon=HORIZON)
    assert feed == stamp(feed_body(entries, name="Events", horizon=HORIZON), now)
    stamps = [v["DTSTAMP"].dt for v in Calendar.from_ical(feed).walk("VEVENT")]
    day = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    assert stamps == [day] * 2  # the build's day: the same bytes all day
    assert b"19000101" not in feed


def test_the_key_is_stable_for_the_same_feed() -> None:
    assert key([entry()]) == key([entry()])
    # A later horizon in the same year gives the same time zone range.
    assert key([entry()]) == key([entry()], horizon=datetime(2025, 7, 1, tzinfo=SH))


@pytest.mark.parametrize(
    "changed",
    [
        pytest.param(lambda: key([entry("Fair, moved")]), id="summary"),
        pytest.param(lambda: key([entry(event_start="2024-06-19 16:00")]), id="start"),
        pytest.param(lambda: key([entry(event_location="Hall")]), id="location"),
        pytest.param(lambda: key([entry(event_status="cancelled")]), id="status"),
        pytest.param(lambda: key([entry(event_timezone="Europe/London")]), id="zone"),
        pytest.param(lambda: key([entry(event_rrule="FREQ=WEEKLY;COUNT=3")]), id="rule"),
        pytest.param(lambda: key([entry(), entry("Run")]), id="one more event"),
        pytest.param(lambda: key([entry()], name="Other"), id="calendar name"),
        # The VTIMEZONE then covers another year.
        pytest.param(lambda: key([entry()], horizon=datetime(2027, 1, 1, tzinfo=SH)), id="year"),
    ],
)
def test_the_key_changes_with_what_the_feed_says(changed: object) -> None:
    assert changed() != key([entry()])  # type: ignore[operator]


def test_a_cached_body_is_not_made_again(tmp_path: Path) -> None:
    first = Kept(tmp_path, FEEDS, bytes)
    assert first.get("a", lambda: b"A") == b"A"
    first.save()
    again = Kept(tmp_path, FEEDS, bytes)
    assert again.get("a", lambda: pytest.fail("made again")) == b"A"
    assert again.made == 0


def test_save_keeps_only_the_bodies_this_build_used(tmp_path: Path) -> None:
    first = Kept(tmp_path, FEEDS, bytes)
    first.get("old", lambda: b"O")
    first.get("kept", lambda: b"K")
    first.save()
    second = Kept(tmp_path, FEEDS, bytes)
    second.get("kept", lambda: b"new?")
    second.save()
    third = Kept(tmp_path, FEEDS, bytes)
    assert third.get("kept", lambda: b"new?") == b"K"
    assert third.get("old", lambda: b"made") == b"made"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_damaged_cache_is_ignored(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / FEEDS).write_bytes(damage)
    assert Kept(tmp_path, FEEDS, bytes).get("a", lambda: b"A") == b"A"


def test_no_folder_no_cache() -> None:
    cache = Kept(None, FEEDS, bytes)
    assert cache.get("a", lambda: b"A") == b"A"
    cache.save()  # nothing to write, nothing raised


# --- real builds that share one cache ------------------------------------------------

SETTINGS = {"EVENTS_NOW": "2024-06-10 12:00", "EVENTS_HORIZON_MONTHS": 2}


def _vevents(output: Path, path: str = "events/calendar.ics") -> dict[str, object]:
    calendar = Calendar.from_ical((output / path).read_bytes())
    return {str(v["UID"]).split("@")[0]: v for v in calendar.walk("VEVENT")}


def test_an_edited_event_shows_up_in_the_feeds_of_the_next_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "events_basic" / "content", content)
    build_site(content, tmp_path / "first", **SETTINGS)
    assert (tmp_path / "cache" / "pelican" / "events" / FEEDS).is_file()
    fair = content / "events" / "spring-fair.md"
    text = fair.read_text(encoding="utf-8")
    assert "event-location:" in text.lower()
    edited = "\n".join(
        "Event-Location: 新的地点" if line.lower().startswith("event-location:") else line
        for line in text.splitlines()
    )
    fair.write_text(edited + "\n", encoding="utf-8")

    build_site(content, tmp_path / "second", **{**SETTINGS, "EVENTS_NOW": "2024-06-11 08:00"})

    for output, place, when in (
        (tmp_path / "first", None, datetime(2024, 6, 10, tzinfo=UTC)),
        (tmp_path / "second", "新的地点", datetime(2024, 6, 11, tzinfo=UTC)),
    ):
        fair_feed = next(iter(_vevents(output, "events/spring-fair/spring-fair.ics").values()))
        for vevent in (_vevents(output)["spring-fair"], fair_feed):
            assert (str(vevent["LOCATION"]) == place) if place else "新的地点" not in str(vevent)
        for vevent in _vevents(output).values():
            assert vevent["DTSTAMP"].dt == when  # the build's own day, cached or not


def test_a_warm_build_does_not_import_icalendar(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "events_basic" / "content", content)
    build_site(content, tmp_path / "first", **SETTINGS)
    first = (tmp_path / "first" / "events" / "calendar.ics").read_bytes()
    modules = {name: sys.modules.pop(name) for name in list(sys.modules) if "icalendar" in name}
    try:
        build_site(content, tmp_path / "second", **SETTINGS)
        assert not any("icalendar" in name for name in sys.modules)
    finally:
        sys.modules.update(modules)
    assert (tmp_path / "second" / "events" / "calendar.ics").read_bytes() == first


def test_two_builds_on_one_day_write_the_same_feeds(tmp_path: Path) -> None:
    """DTSTAMP is the build's day: a feed polled by calendars, or the devserver's site
    compared with a fresh build, changes only when what it says changes."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "events_basic" / "content", content)
    morning, evening = tmp_path / "morning", tmp_path / "evening"
    build_site(content, morning, **{**SETTINGS, "EVENTS_NOW": "2024-06-10 08:01"})
    build_site(content, evening, **{**SETTINGS, "EVENTS_NOW": "2024-06-10 19:59:58"})
    feeds = sorted(p.relative_to(morning) for p in morning.rglob("*.ics"))
    assert feeds and feeds == sorted(p.relative_to(evening) for p in evening.rglob("*.ics"))
    assert [f for f in feeds if (morning / f).read_bytes() != (evening / f).read_bytes()] == []
