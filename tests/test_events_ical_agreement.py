"""Every published .ics reads the same in two independent parsers (issue #19).

Python's icalendar with recurring-ical-events (which takes a TZID's rules from zoneinfo)
and ical.js (the parser of Thunderbird, Nextcloud Calendar and FullCalendar, which knows
no zones but the VTIMEZONEs of the file) expand every feed over the span it covers; they
must agree on every occurrence: start and end in UTC, all-day dates, status, exdates.

ical.js is pinned in tests/icaljs/package-lock.json and run with Node (tests/icaljs/
expand.mjs), installed with `npm ci --ignore-scripts` when missing. Without Node or npm
these tests fail: they never skip.

Sites: the sample site (as of EVENTS_NOW 2026-06-01 09:00) and tests/fixtures/events_zones
(as of 2026-01-01 12:00): a London repair café every Saturday 10:00 for three years with
two exdates, a Sydney night market on the first Sunday of each month (no end), a New York
clinic on the second Tuesday of each month until 2028, a one-off meeting in Kathmandu
(+05:45), a Mexico City series across the end of Mexico's daylight-saving time (October
2022), Lord Howe Island (a half-hour change, COUNT), a Berlin weekend across the night the
clocks go back, a one-day and a yearly five-day all-day event, a cancelled event.

Also: our VTIMEZONEs of odd zones read as zoneinfo does in ical.js (noon every day for 12
years), the old multi-valued RDATE form does not (so the comparison can fail), and an
event page's Google Calendar link adds the series its .ics has, or one date and says so.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from conftest import FIXTURES, SAMPLE, Build, build_site
from events.ics import vtimezone
from icalendar import Calendar, Event, vRecur

ICALJS = Path(__file__).resolve().parent / "icaljs"
SAMPLE_NOW = datetime(2026, 6, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
ZONES_NOW = datetime(2026, 1, 1, 12, tzinfo=ZoneInfo("Asia/Shanghai"))
# A series without an end is compared this far past the build's time.
OPEN_YEARS = 6
LONDON = ZoneInfo("Europe/London")

Reading = dict[str, dict[str, Any]]  # UID -> status, exdates, occurrences
Expand = Callable[[list[dict[str, str]]], list[dict[str, Any]]]


def _node_and_npm() -> tuple[str, str]:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None or npm is None:
        pytest.fail("Node and npm are needed to run ical.js (apt-get install nodejs npm)")
    return node, npm


@pytest.fixture(scope="session")
def icaljs() -> Expand:
    """Expand .ics files with ical.js: `[{"path", "from", "to"}]` -> what expand.mjs says."""
    node, npm = _node_and_npm()
    if not (ICALJS / "node_modules" / "ical.js" / "package.json").is_file():
        subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=ICALJS, check=False, capture_output=True, text=True,
        )  # fmt: skip
    if not (ICALJS / "node_modules" / "ical.js" / "package.json").is_file():
        pytest.fail(f"ical.js missing: run `cd {ICALJS} && npm ci --ignore-scripts`")

    def expand(requests: list[dict[str, str]]) -> list[dict[str, Any]]:
        done = subprocess.run(
            [node, "expand.mjs"], cwd=ICALJS, input=json.dumps(requests),
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        result: list[dict[str, Any]] = json.loads(done.stdout)
        return result

    return expand


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Build:
    output = tmp_path_factory.mktemp("agreement-sample") / "output"
    build = build_site(SAMPLE, output, EVENTS_NOW="2026-06-01 09:00")
    assert list(output.rglob("*.ics"))
    return build


@pytest.fixture(scope="module")
def zones_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    output = tmp_path_factory.mktemp("agreement-zones") / "output"
    content = FIXTURES / "events_zones" / "content"
    build = build_site(content, output, EVENTS_NOW="2026-01-01 12:00")
    # The night walk starts at the first of two 01:30s on purpose: the one warning.
    (warned,) = build.problems()
    assert "london-night-walk.md:4: warning: field 'event-start'" in warned
    assert "happens twice in Europe/London" in warned
    return build


def _said(value: date | datetime) -> str:
    """A time as expand.mjs says it: UTC to the second, or a date."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _values(prop: Any) -> Iterator[date | datetime]:
    for one in prop if isinstance(prop, list) else [prop] if prop is not None else []:
        yield from (d.dt for d in one.dts)


def span(calendar: Calendar, now: datetime) -> tuple[datetime, datetime]:
    """From before the first start to after the last end (an open series: OPEN_YEARS on)."""
    starts, ends = [], []
    for vevent in calendar.walk("VEVENT"):
        first = vevent["DTSTART"].dt
        last = vevent["DTEND"].dt if "DTEND" in vevent else first + vevent["DURATION"].dt
        for value, found in ((first, starts), (last, ends)):
            found.append(value if isinstance(value, datetime) else datetime.combine(value, time()))
        rule = vevent.get("RRULE")
        if rule is not None:
            until = rule.get("UNTIL", [None])[0]
            if until is None:
                ends.append(now.replace(year=now.year + OPEN_YEARS))
            else:
                ends.append(
                    until if isinstance(until, datetime) else datetime.combine(until, time())
                )
    first = min(_utc(t) for t in starts) - timedelta(days=2)
    return first, max(_utc(t) for t in ends) + timedelta(days=2)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def python_reading(calendar: Calendar, first: datetime, last: datetime) -> Reading:
    events: Reading = {}
    for vevent in calendar.walk("VEVENT"):
        uid = str(vevent["UID"])
        assert uid not in events, f"two VEVENTs with UID {uid}"
        events[uid] = {
            "status": str(vevent["STATUS"]),
            "exdates": sorted(_said(d) for d in _values(vevent.get("EXDATE"))),
            "occurrences": [],
        }
    for found in recurring_ical_events.of(calendar).between(first, last):
        start, end = found["DTSTART"].dt, found["DTEND"].dt
        events[str(found["UID"])]["occurrences"].append(
            {"start": _said(start), "end": _said(end), "all_day": not isinstance(start, datetime)}
        )
    for event in events.values():
        event["occurrences"].sort(key=lambda o: o["start"])
    return events


def node_reading(told: dict[str, Any]) -> Reading:
    return {
        e["uid"]: {k: e[k] for k in ("status", "exdates", "occurrences")} for e in told["events"]
    }


def compare_feeds(site: Build, now: datetime, icaljs: Expand) -> dict[str, Reading]:
    """Expand every .ics of `site` with both parsers; assert they agree; ical.js' reading."""
    feeds = sorted(site.output.rglob("*.ics"))
    calendars = {path: Calendar.from_ical(path.read_bytes()) for path in feeds}
    spans = {path: span(calendar, now) for path, calendar in calendars.items()}
    requests = [
        {"path": str(path), "from": _said(first), "to": _said(last)}
        for path, (first, last) in spans.items()
    ]
    readings = {}
    for path, told in zip(feeds, icaljs(requests), strict=True):
        ours = python_reading(calendars[path], *spans[path])
        theirs = node_reading(told)
        name = str(path.relative_to(site.output))
        assert sorted(told["zones"]) == sorted(
            str(tz["TZID"]) for tz in calendars[path].walk("VTIMEZONE")
        )
        for uid in ours:
            assert theirs[uid] == ours[uid], f"{name}: {uid} read differently"
        assert theirs.keys() == ours.keys()
        readings[name] = theirs
    return readings


def test_every_sample_feed_reads_alike(sample: Build, icaljs: Expand) -> None:
    readings = compare_feeds(sample, SAMPLE_NOW, icaljs)
    assert len(readings) == len(list(sample.output.rglob("*.ics"))) >= 30
    occurrences = sum(len(e["occurrences"]) for r in readings.values() for e in r.values())
    assert occurrences > 100


def test_every_fixture_feed_reads_alike(zones_site: Build, icaljs: Expand) -> None:
    readings = compare_feeds(zones_site, ZONES_NOW, icaljs)
    occurrences = sum(len(e["occurrences"]) for r in readings.values() for e in r.values())
    assert occurrences > 1000
    calendar = readings["events/calendar.ics"]
    by_slug = {uid.split("@")[0]: event for uid, event in calendar.items()}
    assert by_slug["park-cleanup"]["status"] == "CANCELLED"
    assert len(by_slug["park-cleanup"]["occurrences"]) == 1
    camp = by_slug["summer-camp"]["occurrences"]
    assert [(o["start"], o["end"], o["all_day"]) for o in camp] == [
        (f"{year}-07-20", f"{year}-07-25", True) for year in (2026, 2027, 2028)
    ]
    assert len(by_slug["lord-howe-swim"]["occurrences"]) == 60
    # Mexico City: 18:00 was 23:00 UTC in summer 2022, and 00:00 UTC after October 2022.
    mexico = [o["start"] for o in by_slug["mexico-city-workshop"]["occurrences"]]
    assert "2022-07-06T23:00:00Z" in mexico and "2023-07-06T00:00:00Z" not in mexico
    assert "2023-06-29T00:00:00Z" in mexico
    # Kathmandu: 14:00 at +05:45.
    (kathmandu,) = by_slug["kathmandu-meeting"]["occurrences"]
    assert kathmandu["start"] == "2026-09-15T08:15:00Z"


@pytest.mark.parametrize(
    "feed", ["events/calendar.ics", "events/london-repair-cafe/london-repair-cafe.ics"]
)
def test_london_series_is_at_ten_on_every_date_in_icaljs(
    zones_site: Build, icaljs: Expand, feed: str
) -> None:
    path = zones_site.output / feed
    first, last = datetime(2025, 1, 1, tzinfo=UTC), datetime(2030, 1, 1, tzinfo=UTC)
    (told,) = icaljs([{"path": str(path), "from": _said(first), "to": _said(last)}])
    (cafe,) = [e for e in told["events"] if e["uid"].startswith("london-repair-cafe@")]
    starts = [datetime.fromisoformat(o["start"]).astimezone(LONDON) for o in cafe["occurrences"]]
    ends = [datetime.fromisoformat(o["end"]).astimezone(LONDON) for o in cafe["occurrences"]]
    assert {(s.time(), e.time()) for s, e in zip(starts, ends, strict=True)} == {
        (time(10), time(13))
    }
    saturdays = [date(2026, 1, 3) + timedelta(weeks=n) for n in range(157)]
    expected = [d for d in saturdays if d not in (date(2026, 12, 26), date(2027, 1, 2))]
    assert [s.date() for s in starts] == expected
    assert expected[-1] == date(2028, 12, 30)


def test_a_series_lasts_the_same_on_the_clock_in_icaljs(zones_site: Build, icaljs: Expand) -> None:
    """A day-long series whose first date spans the night the clocks go forward: every
    date runs from eight in the evening to eight the next evening, as its page says (with
    DTEND, every date would last the first one's 23 hours)."""
    path = zones_site.output / "events" / "london-sleepover" / "london-sleepover.ics"
    first, last = datetime(2027, 3, 1, tzinfo=UTC), datetime(2027, 5, 1, tzinfo=UTC)
    (told,) = icaljs([{"path": str(path), "from": _said(first), "to": _said(last)}])
    (series,) = told["events"]
    said = [
        (datetime.fromisoformat(o["start"]).astimezone(LONDON),
         datetime.fromisoformat(o["end"]).astimezone(LONDON))
        for o in series["occurrences"]
    ]  # fmt: skip
    assert [(s.date(), s.time(), e.date(), e.time()) for s, e in said] == [
        (date(2027, 3, d), time(20), date(2027, 3, d + 1), time(20)) for d in (27,)
    ] + [(date(2027, 4, d), time(20), date(2027, 4, d + 1), time(20)) for d in (3, 10)]


# Zones with odd rules: southern hemisphere, half-hour and 45-minute offsets or changes,
# "Sunday on or after the 2nd" or "Friday on or after the 23rd", negative daylight saving
# time, zones that dropped or took up daylight-saving time since 2020.
ODD_ZONES = (
    "Europe/London", "Europe/Dublin", "America/New_York", "America/Santiago",
    "America/Asuncion", "America/Havana", "America/Mexico_City", "America/Nuuk",
    "America/St_Johns", "Australia/Sydney", "Australia/Adelaide", "Australia/Lord_Howe",
    "Pacific/Auckland", "Pacific/Chatham", "Pacific/Norfolk", "Pacific/Fiji",
    "Asia/Jerusalem", "Asia/Tehran", "Asia/Amman", "Asia/Damascus", "Asia/Kathmandu",
    "Asia/Kolkata", "Asia/Shanghai", "Africa/Cairo", "Africa/Casablanca", "Antarctica/Troll",
    "Europe/Kyiv", "Europe/Moscow", "UTC",
)  # fmt: skip


def test_our_vtimezones_read_as_zoneinfo_in_icaljs(tmp_path: Path, icaljs: Expand) -> None:
    """Noon every day, 2020-2031, in every odd zone: ical.js, through our VTIMEZONE, puts
    it where zoneinfo does."""
    first, last = date(2020, 1, 1), date(2031, 12, 31)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    requests = []
    for n, tzid in enumerate(ODD_ZONES):
        component = vtimezone(tzid, first, last)
        assert component is not None
        lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", component.to_ical().decode(),
            "BEGIN:VEVENT", f"UID:{n}", "DTSTAMP:20200101T000000Z",
            f"DTSTART;TZID={tzid}:20200101T120000", f"DTEND;TZID={tzid}:20200101T130000",
            f"RRULE:FREQ=DAILY;COUNT={len(days)}", "STATUS:CONFIRMED", "END:VEVENT",
            "END:VCALENDAR",
        ]  # fmt: skip
        path = tmp_path / f"{n}.ics"
        path.write_text("\r\n".join(line.rstrip("\r\n") for line in lines) + "\r\n")
        requests.append(
            {"path": str(path), "from": "2019-12-30T00:00:00Z", "to": "2032-01-02T00:00:00Z"}
        )
    for tzid, told in zip(ODD_ZONES, icaljs(requests), strict=True):
        expected = [_said(datetime.combine(day, time(12), ZoneInfo(tzid))) for day in days]
        (event,) = told["events"]
        assert [o["start"] for o in event["occurrences"]] == expected, tzid


def test_the_old_multi_valued_rdate_form_reads_wrong_in_icaljs(
    tmp_path: Path, icaljs: Expand
) -> None:
    """What issue #19 found, kept as proof that the comparison can fail: icalendar's own
    VTIMEZONE (every change in one RDATE) puts London an hour off in most years."""
    from icalendar import Timezone

    old = Timezone.from_tzid(
        "Europe/London", first_date=date(2024, 1, 1), last_date=date(2027, 12, 31)
    )
    text = "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", old.to_ical().decode().strip(),
        "BEGIN:VEVENT", "UID:old", "DTSTAMP:20240101T000000Z",
        "DTSTART;TZID=Europe/London:20240706T100000", "DTEND;TZID=Europe/London:20240706T110000",
        "RRULE:FREQ=YEARLY;COUNT=3", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR", "",
    ])  # fmt: skip
    path = tmp_path / "old.ics"
    path.write_text(text)
    (told,) = icaljs(
        [{"path": str(path), "from": "2024-01-01T00:00:00Z", "to": "2028-01-01T00:00:00Z"}]
    )
    starts = [o["start"] for o in told["events"][0]["occurrences"]]
    right = [_said(datetime(year, 7, 6, 10, tzinfo=LONDON)) for year in (2024, 2025, 2026)]
    assert starts != right
    # ical.js reads the first date of each RDATE only: 2025 right, 2024 and 2026 at 11:00.
    assert starts[1] == right[1] and starts[2] == "2026-07-06T10:00:00Z"


def _google_link(site: Build, slug: str) -> tuple[dict[str, list[str]], str]:
    """The Google Calendar link's query and the add-to-calendar note of an event page."""
    page = BeautifulSoup(site.read(f"events/{slug}/index.html"), "html5lib")
    section = page.select_one("section.event-add")
    assert section is not None
    (link,) = [a for a in section.select("a") if "calendar.google.com" in str(a["href"])]
    note = section.select_one("p.meta")
    return parse_qs(urlsplit(str(link["href"])).query), note.get_text() if note else ""


def _google_dates(query: dict[str, list[str]]) -> list[str]:
    """What Google Calendar adds from a link: its dates and `recur`, read as an .ics."""
    start, end = query["dates"][0].split("/")
    zone = ZoneInfo(query["ctz"][0])
    begins, ends = (
        datetime.strptime(t, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) for t in (start, end)
    )
    event = Event()
    event.add("uid", "link")
    event.add("dtstart", begins.astimezone(zone))
    event.add("dtend", ends.astimezone(zone))
    for line in query.get("recur", []):
        event.add("rrule", vRecur.from_ical(line.removeprefix("RRULE:")))
    calendar = Calendar()
    calendar.add_component(event)
    found = recurring_ical_events.of(calendar).between(begins, begins + timedelta(days=3660))
    return sorted(_said(o["DTSTART"].dt) for o in found)


@pytest.mark.parametrize("slug", ["new-york-clinic", "lord-howe-swim", "sydney-night-market"])
def test_the_google_link_adds_the_series_the_feed_has(zones_site: Build, slug: str) -> None:
    query, note = _google_link(zones_site, slug)
    assert query["recur"][0].startswith("RRULE:FREQ=")
    assert "COUNT" not in query["recur"][0]  # from the date shown on: COUNT is an UNTIL
    assert "Google 日历会添加这个系列的全部日期" in note and "Outlook 只添加下一次" in note
    feed = Calendar.from_ical((zones_site.output / f"events/{slug}/{slug}.ics").read_bytes())
    start = datetime.strptime(query["dates"][0][:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    theirs = _google_dates(query)
    ours = sorted(
        _said(o["DTSTART"].dt)
        for o in recurring_ical_events.of(feed).between(start, start + timedelta(days=3660))
    )
    assert theirs == ours and len(ours) > 12


def test_a_series_with_exdates_to_come_links_to_one_date(zones_site: Build) -> None:
    query, note = _google_link(zones_site, "london-repair-cafe")
    assert "recur" not in query  # it could not leave 26 December 2026 out
    assert query["dates"] == ["20260103T100000Z/20260103T130000Z"]
    assert "日历文件会添加这个系列的全部日期；Google 日历和 Outlook 只添加下一次" in note
    query, note = _google_link(zones_site, "kathmandu-meeting")
    assert "recur" not in query and not note
