"""Odd but valid event content, and typing mistakes, as a volunteer might write them.

Small sites generated in tmp_path and built for real; pages are read with BeautifulSoup
and feeds with icalendar, and the occurrences that `recurring-ical-events` computes from
our feeds must be the instants our pages show. The build happens on 29 November 2026,
12:00 in Shanghai.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from conftest import Build, build_site, run_build
from icalendar import Calendar

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 29, 12, tzinfo=SH)
SETTINGS = {"EVENTS_NOW": "2026-11-29 12:00", "EVENTS_HORIZON_MONTHS": 2,
            "EVENTS_SERIES_PREVIEW": 100}  # fmt: skip


def event_file(title: str, slug: str, body: str = "正文。", **fields: str) -> str:
    head = [f"Title: {title}", f"Slug: {slug}"]
    head += [f"{key.replace('_', '-')}: {value}" for key, value in fields.items()]
    return "\n".join(head) + "\n\n" + body + "\n"


def write(root: Path, files: dict[str, str]) -> Path:
    content = root / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def build(root: Path, files: dict[str, str], **settings: object) -> Build:
    return build_site(write(root, files), root / "output", **{**SETTINGS, **settings})


def html(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(path), "html5lib")


def ics(site: Build, path: str) -> Calendar:
    return Calendar.from_ical((site.output / path).read_bytes())


def shown(site: Build, slug: str) -> list[tuple[datetime, datetime]]:
    """(start, end) of every date an event's page lists, as aware date-times."""
    page = html(site, f"events/{slug}/index.html")
    return [
        (datetime.fromisoformat(li.time["datetime"]), datetime.fromisoformat(li["data-event-end"]))
        for li in page.select(".event-dates-list li")
    ]


def computed(site: Build, slug: str) -> list[tuple[datetime, datetime]]:
    """What recurring-ical-events makes of the event's own .ics, from the build on."""
    calendar = ics(site, f"events/{slug}/{slug}.ics")
    found = recurring_ical_events.of(calendar).between(NOW, NOW + timedelta(days=3000))
    return sorted((o["DTSTART"].dt, o["DTEND"].dt) for o in found)


def instants(pairs: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    return [(a.astimezone(UTC), b.astimezone(UTC)) for a, b in pairs]


def errors_of(site: Build) -> str:
    return "\n".join(site.problems(logging.ERROR))


# --- good content: one site with every odd but valid event -----------------------------

GOOD = {
    # ISO 8601 with an offset, and with Z: the same moment, shown in the site's time.
    "events/offset.md": event_file("Offset", "offset", event_start="2025-03-30T01:30:00+01:00"),
    "events/zulu.md": event_file("Zulu", "zulu", event_start="2025-03-30T01:30:00Z"),
    # Upper-case keys (Pelican lower-cases them) and seconds.
    "events/caps.md": "Title: Caps\nSlug: caps\nEvent-Start: 2026-12-05 10:00:30\n"
    "EVENT-DURATION: 1h\n\nx\n",
    # 01:30 happens twice when New York's clocks go back: without an offset, the first.
    "events/ny-fold.md": event_file("NY fold", "ny-fold", event_start="2025-11-02 01:30",
                                    event_timezone="America/New_York", event_duration="1h"),
    # ... and the second one, written with its offset.
    "events/london-second.md": event_file(
        "London second", "london-second", event_start="2025-10-26T01:30:00+00:00",
        event_end="2025-10-26T02:30:00+00:00", event_timezone="Europe/London"),
    # ... and an end at the second one: 00:30 BST to 01:30 GMT is two hours.
    "events/london-late.md": event_file(
        "London late", "london-late", event_start="2025-10-26 00:30",
        event_end="2025-10-26T01:30:00+00:00", event_timezone="Europe/London"),
    # A weekly series whose third date (14 March 2027) falls in New York's spring gap.
    "events/ny-gap.md": event_file("NY gap", "ny-gap", event_start="2027-02-28 02:30",
                                   event_duration="1h", event_timezone="America/New_York",
                                   event_rrule="FREQ=WEEKLY;COUNT=3"),
    # ... skipping that date, written as the clocks show it.
    "events/ny-gap-skip.md": event_file(
        "NY gap skip", "ny-gap-skip", event_start="2027-02-28 02:30", event_duration="1h",
        event_timezone="America/New_York", event_rrule="FREQ=WEEKLY;COUNT=3",
        event_exdate="2027-03-14 03:30"),
    # Weekly in Berlin across the change of 28 March 2027: 19:00 stays 19:00.
    "events/berlin.md": event_file("Berlin", "berlin", event_start="2027-03-18 19:00",
                                   event_end="20:30", event_timezone="Europe/Berlin",
                                   event_rrule="FREQ=WEEKLY;COUNT=4"),
    # RRULE spellings.
    "events/until-date.md": event_file("Until date", "until-date", event_start="2026-12-01 19:00",
                                       event_rrule="FREQ=WEEKLY;UNTIL=20261222"),
    "events/until-utc.md": event_file("Until UTC", "until-utc", event_start="2026-12-01 19:00",
                                      event_rrule="FREQ=WEEKLY;UNTIL=20261222T110000Z"),
    "events/lower.md": event_file("Lower", "lower", event_start="2026-12-01 19:00",
                                  event_rrule="freq=weekly;count=3"),
    "events/prefixed.md": event_file("Prefixed", "prefixed", event_start="2026-12-01 19:00",
                                     event_rrule="RRULE:FREQ=WEEKLY;COUNT=3"),
    "events/second-saturday.md": event_file(
        "Second Saturday", "second-saturday", event_start="2026-12-12 09:00",
        event_rrule="FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2;COUNT=4"),
    "events/fifteenth.md": event_file("Fifteenth", "fifteenth", event_start="2026-12-15 09:00",
                                      event_rrule="FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3"),
    # EXDATEs: a date-time, a date, spaces after commas, a Chinese comma.
    "events/skips.md": event_file(
        "Skips", "skips", event_start="2026-12-01 19:00", event_rrule="FREQ=WEEKLY;COUNT=6",
        event_exdate="2026-12-08 19:00,  2026-12-15 ，2026-12-22"),
    # All-day series, with a skipped date.
    "events/allday.md": event_file("All day", "allday", event_start="2027-01-04",
                                   event_rrule="FREQ=WEEKLY;COUNT=3", event_exdate="2027-01-11"),
    # Over midnight, over several days.
    "events/midnight.md": event_file("Midnight", "midnight", event_start="2026-12-10 22:00",
                                     event_end="2026-12-11 02:00"),
    "events/multiday.md": event_file("Multiday", "multiday", event_start="2026-12-14 10:00",
                                     event_duration="3d 6h"),
    # No end: expanded only to the horizon (two months here).
    "events/endless.md": event_file("Endless", "endless", event_start="2026-12-02 19:00",
                                    event_rrule="FREQ=WEEKLY"),
    # No end, starting after the horizon: its first date all the same (here its second,
    # the first being skipped).
    "events/later.md": event_file("Later", "later", event_start="2027-03-02 19:00",
                                  event_rrule="FREQ=WEEKLY;BYDAY=TU", event_exdate="2027-03-02"),
    # Far away, but within EVENTS_MAX_YEARS_AHEAD.
    "events/far.md": event_file("Far", "far", event_start="2031-05-01 10:00"),
    # Durations.
    "events/day-and-hours.md": event_file("Day and hours", "day-and-hours",
                                          event_start="2026-12-03 10:00", event_duration="1d 2h"),
    "events/compact.md": event_file("Compact", "compact", event_start="2026-12-03 10:00",
                                    event_duration="2h30m"),
    "events/minutes.md": event_file("Minutes", "minutes", event_start="2026-12-03 10:00",
                                    event_duration="90 min"),
    # Statuses, position, address.
    "events/cancelled.md": event_file("Cancelled", "cancelled", event_start="2026-12-04 10:00",
                                      event_status="Cancelled"),
    "events/canceled.md": event_file("Canceled", "canceled", event_start="2026-12-04 11:00",
                                     event_status="canceled"),
    "events/geo.md": event_file("Geo", "geo", event_start="2026-12-04 12:00",
                                event_geo="26.89, 112.62", event_url="HTTPS://example.org/x"),
    # Text that must be escaped in JSON-LD and iCalendar.
    "events/quotes.md": event_file(
        'Say "hi"', "quotes", event_start="2026-12-06 10:00",
        event_location="Hall 2, East Gate; back door", event_organizer='Tom "T" </script><b>'),
    "events/chinese.md": event_file(
        "清泉山社区青少年之家冬季读书分享会暨新年联欢活动", "chinese",
        body="活动内容很丰富。" * 20, event_start="2026-12-06 14:00",
        event_location="清泉山社区青少年之家活动室（二楼），东侧入口；请带好借书证"),
    # Under way as the site is built (11:00-13:00, built at 12:00).
    "events/now.md": event_file("Happening now", "now", event_start="2026-11-29 11:00",
                                event_end="13:00"),
}  # fmt: skip


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    built = build(tmp_path_factory.mktemp("edge"), GOOD)
    # The one series with a date in a spring gap is warned about (calendar programs
    # disagree on such a time); nothing else is.
    (said,) = built.problems()
    assert "ny-gap.md:3: warning:" in said and "on 2027-03-14 the series meets a time" in said
    return built


def test_offset_and_z_are_the_moment_written(site: Build) -> None:
    for slug, utc in (("offset", datetime(2025, 3, 30, 0, 30, tzinfo=UTC)),
                      ("zulu", datetime(2025, 3, 30, 1, 30, tzinfo=UTC))):  # fmt: skip
        page = html(site, f"events/{slug}/index.html")
        when = datetime.fromisoformat(page.select_one(".event-facts time")["datetime"])
        assert when == utc and when.utcoffset() == timedelta(hours=8)  # shown in site time
        (vevent,) = ics(site, f"events/{slug}/{slug}.ics").walk("VEVENT")
        assert vevent["DTSTART"].dt == utc


def test_upper_case_keys_and_seconds(site: Build) -> None:
    page = html(site, "events/caps/index.html")
    assert page.select_one(".event-facts time")["datetime"] == "2026-12-05T10:00:30+08:00"
    assert "10:00–11:00" in page.select_one(".event-facts time").get_text()


def test_a_time_that_happens_twice_is_the_first_unless_an_offset_says(site: Build) -> None:
    page = html(site, "events/ny-fold/index.html")
    assert page.select_one(".event-facts time")["datetime"] == "2025-11-02T01:30:00-04:00"
    (vevent,) = ics(site, "events/ny-fold/ny-fold.ics").walk("VEVENT")
    assert vevent["DTSTART"].dt.astimezone(UTC) == datetime(2025, 11, 2, 5, 30, tzinfo=UTC)

    page = html(site, "events/london-second/index.html")
    second = datetime(2025, 10, 26, 1, 30, tzinfo=UTC)
    assert datetime.fromisoformat(page.select_one(".event-facts time")["datetime"]) == second
    (vevent,) = ics(site, "events/london-second/london-second.ics").walk("VEVENT")
    # The feed must say the same moment (a TZID time of 01:30 would be the first one).
    assert vevent["DTSTART"].dt.astimezone(UTC) == second
    assert vevent["DTEND"].dt.astimezone(UTC) == second + timedelta(hours=1)

    page = html(site, "events/london-late/index.html")
    (data,) = json.loads(page.find("script", type="application/ld+json").string)
    assert datetime.fromisoformat(data["endDate"]) == second
    (vevent,) = ics(site, "events/london-late/london-late.ics").walk("VEVENT")
    assert vevent["DTEND"].dt - vevent["DTSTART"].dt == timedelta(hours=2)


def test_a_series_date_in_the_spring_gap_is_shown_as_the_clocks_show_it(site: Build) -> None:
    dates = shown(site, "ny-gap")
    assert [(s.strftime("%m-%d %H:%M"), e.strftime("%H:%M")) for s, e in dates] == [
        ("02-28 02:30", "03:30"), ("03-07 02:30", "03:30"), ("03-14 03:30", "04:30")]  # fmt: skip
    # Calendar apps read 02:30 in the gap as 03:30 (RFC 5545: the offset before the gap).
    # recurring-ical-events adds the hour on the wall clock from the missing 02:30, which
    # makes that date last no time at all; the page keeps the hour.
    starts = [s.astimezone(UTC) for s, _e in computed(site, "ny-gap")]
    assert [s.astimezone(UTC) for s, _e in dates] == starts
    assert all(e - s == timedelta(hours=1) for s, e in instants(dates))

    dates = shown(site, "ny-gap-skip")
    assert [s.strftime("%m-%d") for s, _e in dates] == ["02-28", "03-07"]
    assert instants(dates) == instants(computed(site, "ny-gap-skip"))


def test_weekly_series_keeps_wall_clock_time_across_dst(site: Build) -> None:
    dates = shown(site, "berlin")
    assert {s.strftime("%H:%M") for s, _e in dates} == {"19:00"}
    assert [s.utcoffset() for s, _e in dates] == [timedelta(hours=h) for h in (1, 1, 2, 2)]
    calendar = ics(site, "events/berlin/berlin.ics")
    (vevent,) = calendar.walk("VEVENT")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert instants(dates) == instants(computed(site, "berlin"))


@pytest.mark.parametrize(
    ("slug", "days"),
    [("until-date", ["12-01", "12-08", "12-15", "12-22"]),
     ("until-utc", ["12-01", "12-08", "12-15", "12-22"]),  # 22 Dec 19:00 is 11:00Z
     ("lower", ["12-01", "12-08", "12-15"]),
     ("prefixed", ["12-01", "12-08", "12-15"]),
     ("second-saturday", ["12-12", "01-09", "02-13", "03-13"]),
     ("fifteenth", ["12-15", "01-15", "02-15"]),
     ("skips", ["12-01", "12-29", "01-05"])],
)  # fmt: skip
def test_rrule_spellings_and_exdates(site: Build, slug: str, days: list[str]) -> None:
    dates = shown(site, slug)
    assert [s.strftime("%m-%d") for s, _e in dates] == days
    assert instants(dates) == instants(computed(site, slug))


def test_all_day_series_skips_a_date(site: Build) -> None:
    (vevent,) = ics(site, "events/allday/allday.ics").walk("VEVENT")
    assert vevent["DTSTART"].dt == date(2027, 1, 4)
    found = recurring_ical_events.of(ics(site, "events/allday/allday.ics")).between(
        date(2027, 1, 1), date(2027, 2, 1)
    )
    assert sorted(o["DTSTART"].dt for o in found) == [date(2027, 1, 4), date(2027, 1, 18)]
    assert [s.date() for s, _e in shown(site, "allday")] == [date(2027, 1, 4), date(2027, 1, 18)]


def test_month_grid_shows_long_events_on_every_day(site: Build) -> None:
    page = html(site, "events/2026/12/index.html")
    on = {
        td["data-date"]: [a.get_text(" ", strip=True) for a in td.select("a")]
        for td in page.select("td[data-date]")
    }
    assert [d for d, items in on.items() if any("Midnight" in i for i in items)] == [
        "2026-12-10", "2026-12-11"]  # fmt: skip
    assert [d for d, items in on.items() if any("Multiday" in i for i in items)] == [
        "2026-12-14", "2026-12-15", "2026-12-16", "2026-12-17"]  # fmt: skip
    # Its start time on its first day only: on the 11th it has not begun at 10 pm.
    midnight = {
        td["data-date"]: [a.select_one(".cal-time") for a in td.select("a")
                          if "Midnight" in a.get_text()]
        for td in page.select("td[data-date]")
    }  # fmt: skip
    assert midnight["2026-12-10"][0] is not None
    assert midnight["2026-12-11"] == [None]


def test_series_without_end_stops_at_the_horizon(site: Build) -> None:
    dates = shown(site, "endless")
    horizon = NOW + timedelta(days=62)
    assert dates and all(s < horizon for s, _e in dates)
    assert dates[-1][0] + timedelta(days=7) >= NOW + timedelta(days=59)
    (vevent,) = ics(site, "events/endless/endless.ics").walk("VEVENT")
    assert "UNTIL" not in vevent["RRULE"] and "COUNT" not in vevent["RRULE"]


def test_series_without_end_after_the_horizon_shows_its_first_date(site: Build) -> None:
    first = datetime(2027, 3, 9, 19, tzinfo=SH)  # 2 March is skipped
    assert shown(site, "later") == [(first, first + timedelta(hours=2))]
    assert computed(site, "later")[0] == (first, first + timedelta(hours=2))
    page = html(site, "events/later/index.html")
    assert page.select_one(".event-facts time")["datetime"] == first.isoformat()
    index = html(site, "events/index.html")
    assert [a["href"] for a in index.select("a[href*='events/later/']")]
    month = html(site, "events/2027/03/index.html")
    assert "19:00 Later" in [a.get_text(" ", strip=True) for a in month.select("td a")]


def test_month_pages_reach_a_far_event_and_stop_there(site: Build) -> None:
    months = sorted(p.parent.relative_to(site.output / "events").as_posix()
                    for p in (site.output / "events").glob("[0-9]*/[0-9]*/index.html"))  # fmt: skip
    assert months[0] == "2025/03" and months[-1] == "2031/05"
    assert len(months) == (2031 - 2025) * 12 + 3
    far = html(site, "events/2031/05/index.html")
    assert [a.get_text(" ", strip=True) for a in far.select("td a")] == ["10:00 Far"]


@pytest.mark.parametrize(
    ("slug", "length"),
    [("day-and-hours", timedelta(days=1, hours=2)), ("compact", timedelta(hours=2, minutes=30)),
     ("minutes", timedelta(minutes=90))],
)  # fmt: skip
def test_durations(site: Build, slug: str, length: timedelta) -> None:
    (vevent,) = ics(site, f"events/{slug}/{slug}.ics").walk("VEVENT")
    assert vevent["DTEND"].dt - vevent["DTSTART"].dt == length


def test_status_spellings_and_geo(site: Build) -> None:
    for slug in ("cancelled", "canceled"):
        (vevent,) = ics(site, f"events/{slug}/{slug}.ics").walk("VEVENT")
        assert vevent["STATUS"] == "CANCELLED"
        (data,) = json.loads(
            html(site, f"events/{slug}/index.html")
            .find("script", type="application/ld+json")
            .string
        )
        assert data["eventStatus"] == "https://schema.org/EventCancelled"
    (vevent,) = ics(site, "events/geo/geo.ics").walk("VEVENT")
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (26.89, 112.62)
    page = html(site, "events/geo/index.html")
    assert page.select_one(".event-facts a")["href"] == "HTTPS://example.org/x"


def test_quotes_and_script_tags_are_escaped(site: Build) -> None:
    raw = site.read("events/quotes/index.html")
    page = html(site, "events/quotes/index.html")
    # Every <script> the parser sees is one the theme wrote: none was ended early.
    assert len(page.find_all("script")) == raw.count("<script")
    script = page.find("script", type="application/ld+json")
    assert "\\u003c/script\\u003e" in script.string
    (data,) = json.loads(script.string)
    assert data["name"] == 'Say "hi"'
    assert data["organizer"]["name"] == 'Tom "T" </script><b>'
    assert data["location"]["name"] == "Hall 2, East Gate; back door"
    body = (site.output / "events/quotes/quotes.ics").read_bytes()
    assert b"LOCATION:Hall 2\\, East Gate\\; back door" in body
    (vevent,) = Calendar.from_ical(body).walk("VEVENT")
    assert vevent["LOCATION"] == "Hall 2, East Gate; back door"
    assert vevent["SUMMARY"] == 'Say "hi"'


def test_chinese_text_is_utf8_and_folded_at_75_octets(site: Build) -> None:
    body = (site.output / "events/chinese/chinese.ics").read_bytes()
    lines = body.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long lines were folded
    body.decode("utf-8")  # folding never splits a character
    (vevent,) = Calendar.from_ical(body).walk("VEVENT")
    assert vevent["SUMMARY"] == GOOD["events/chinese.md"].split("\n")[0].removeprefix("Title: ")
    assert vevent["LOCATION"] == "清泉山社区青少年之家活动室（二楼），东侧入口；请带好借书证"
    assert vevent["DESCRIPTION"].startswith("活动内容很丰富。" * 5)  # the summary


def test_an_event_under_way_is_upcoming(site: Build) -> None:
    page = html(site, "events/index.html")
    upcoming = [a.get_text() for a in page.select(".events-upcoming .event-item a")]
    past = [a.get_text() for a in page.select(".events-past .event-item a")]
    assert upcoming[0] == "Happening now" and "Happening now" not in past
    assert "Ended" not in html(site, "events/now/index.html").select_one(".event-facts").get_text()


def test_uids_do_not_change_when_another_file_is_edited(tmp_path: Path) -> None:
    files = {name: GOOD[name] for name in ("events/berlin.md", "events/skips.md",
                                           "events/allday.md")}  # fmt: skip
    first = build(tmp_path / "a", files)
    files["events/skips.md"] = event_file("Renamed", "skips", event_start="2026-12-02 18:00")
    files["events/new.md"] = event_file("New", "new", event_start="2026-12-20 10:00")
    second = build(tmp_path / "b", files)

    def uids(site: Build) -> dict[str, str]:
        feed = ics(site, "events/calendar.ics")
        return {str(v["SUMMARY"]): str(v["UID"]) for v in feed.walk("VEVENT")}

    before, after = uids(first), uids(second)
    assert after["Berlin"] == before["Berlin"] and after["All day"] == before["All day"]
    assert after["Renamed"] == before["Skips"]  # the same file, so the same event
    assert len(set(after.values())) == len(after)


# --- mistakes: each fails the build with file, field, value and the expected form -------

BAD = {
    "gap-start.md": ({"event_start": "2025-03-09 02:30", "event_timezone": "America/New_York"},
                     "event-start", "'2025-03-09 02:30'", "clocks go forward"),
    "same-end.md": ({"event_start": "2026-12-06 10:00", "event_end": "2026-12-06 10:00"},
                    "event-end", "'2026-12-06 10:00'", "does not end after it starts"),
    "overnight.md": ({"event_start": "2026-12-06 22:00", "event_end": "02:00"},
                     "event-end", "'02:00'", "give the date too (2026-12-07 02:00)"),
    "zero.md": ({"event_start": "2026-12-06 10:00", "event_duration": "0m"},
                "event-duration", "'0m'", "longer than zero"),
    "words.md": ({"event_start": "2026-12-06 10:00", "event_duration": "2 hours"},
                 "event-duration", "'2 hours'", "'hours' is not a unit"),
    "script-url.md": ({"event_start": "2026-12-06 10:00", "event_url": "javascript:alert(1)"},
                      "event-url", "'javascript:alert(1)'", "https://"),
    "hostless-url.md": ({"event_start": "2026-12-06 10:00", "event_url": "https://"},
                        "event-url", "'https://'", "https://"),
    "until-2099.md": ({"event_start": "2026-12-01 19:00",
                       "event_rrule": "FREQ=WEEKLY;UNTIL=20991231"},
                      "event-rrule", "'FREQ=WEEKLY;UNTIL=20991231'", "EVENTS_MAX_YEARS_AHEAD"),
    "count-far.md": ({"event_start": "2026-12-01 19:00", "event_rrule": "FREQ=DAILY;COUNT=5000"},
                     "event-rrule", "'FREQ=DAILY;COUNT=5000'", "EVENTS_MAX_YEARS_AHEAD"),
    "year-2099.md": ({"event_start": "2099-06-01 10:00"},
                     "event-start", "'2099-06-01 10:00'", "EVENTS_MAX_YEARS_AHEAD"),
    "stray-exdate.md": ({"event_start": "2026-12-01 19:00", "event_rrule": "FREQ=WEEKLY;COUNT=3",
                         "event_exdate": "2026-12-09"},
                        "event-exdate", "'2026-12-09'", "not a date of the series"),
    "offset-series.md": ({"event_start": "2026-12-01T19:00:00+01:00",
                          "event_rrule": "FREQ=WEEKLY;COUNT=3"},
                         "event-start", "'2026-12-01T19:00:00+01:00'", "event-timezone"),
    "second-series.md": ({"event_start": "2026-10-25T01:30:00+00:00",
                          "event_timezone": "Europe/London", "event_rrule": "FREQ=DAILY;COUNT=2"},
                         "event-start", "'2026-10-25T01:30:00+00:00'", "second 01:30"),
    "zone-case.md": ({"event_start": "2026-12-06 10:00", "event_timezone": "america/new_york"},
                     "event-timezone", "'america/new_york'", "did you mean 'America/New_York'?"),
    "uid-a.md": ({"event_start": "2026-12-06 10:00", "event_uid": "same@example.org"},
                 "event-uid", "'same@example.org'", "uid-b.md, has the same UID"),
    "uid-b.md": ({"event_start": "2026-12-07 10:00", "event_uid": "same@example.org"},
                 "event-uid", "'same@example.org'", "uid-a.md, has the same UID"),
}  # fmt: skip


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("bad")
    files = {"events/fine.md": event_file("Fine", "fine", event_start="2026-12-06 10:00")}
    for name, (fields, *_rest) in BAD.items():
        files[f"events/{name}"] = event_file(name, name.removesuffix(".md"), **fields)
    site = build(root, files)
    (report,) = [  # the events plugin's one report (the rulebook plugin's come before it)
        r.getMessage()
        for r in site.records
        if r.levelno >= logging.ERROR and r.name == "events.glue"
    ]
    return root / "content" / "events", report.splitlines()


@pytest.mark.parametrize("name", BAD)
def test_each_mistake_is_named(broken: tuple[Path, list[str]], name: str) -> None:
    folder, lines = broken
    _fields, field, value, words = BAD[name]
    mine = [line.strip() for line in lines if line.strip().startswith(f"{folder / name}:")]
    assert len(mine) == 1, lines
    assert f": field {field!r} = {value}: " in mine[0]
    assert words in mine[0]


def test_all_mistakes_in_one_report(broken: tuple[Path, list[str]]) -> None:
    _folder, lines = broken
    assert lines[0] == f"{len(BAD)} problem(s) in event content:"


def test_same_slug_in_two_folders_names_both_files(tmp_path: Path) -> None:
    for starts in (("2026-12-05 10:00", "2026-12-06 10:00"), ("2026-12-05 10:00",) * 2):
        root = tmp_path / starts[1][:10]
        content = write(root, {
            "events/2025/party.md": event_file("Party A", "party", event_start=starts[0]),
            "events/2026/party.md": event_file("Party B", "party", event_start=starts[1]),
        })  # fmt: skip
        result = run_build(content, root / "output", env={"COLUMNS": "2000"})
        said = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in said
        # The build runs in `root`, so it names files from there.
        a, b = (f"content/events/{year}/party.md" for year in ("2025", "2026"))
        # Each file is named with the other (by the events plugin, or with its line by
        # the rulebook plugin, which reports before Pelican reads any content).
        for one, other in ((a, b), (b, a)):
            assert re.search(rf"{one}(:\d+: error)?: [^\n]*{other}", said), one
        assert "differs from the original" not in said


def test_translation_that_moves_the_event_names_both_files(tmp_path: Path) -> None:
    content = write(tmp_path, {
        "events/fair.zh.md": event_file("集市", "fair", event_start="2026-12-05 10:00"),
        "events/fair.en.md": event_file("Fair", "fair", event_start="2026-12-06 10:00", lang="en"),
    })  # fmt: skip
    result = run_build(content, tmp_path / "output", env={"COLUMNS": "2000"})
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    english, chinese = "content/events/fair.en.md", "content/events/fair.zh.md"
    assert re.search(
        rf"{english}(:\d+: error)?: field 'event-start' = '2026-12-06 10:00': differs from the ",
        said,
    )
    assert f"original, {chinese}" in said


def test_underscore_keys_are_errors(tmp_path: Path) -> None:
    site = build(tmp_path, {
        "events/fine.md": event_file("Fine", "fine", event_start="2026-12-06 10:00"),
        "events/underscore.md": "Title: Underscore\nSlug: underscore\n"
        "event-start: 2026-12-06 10:00\nevent_locaton: Hall\n\nx\n",
        "events/no-dash.md": "Title: No dash\nSlug: no-dash\nDate: 2026-11-01\n"
        "event_start: 2026-12-07 10:00\n\nx\n",
    })  # fmt: skip
    (error,) = (
        r.getMessage()
        for r in site.records
        if r.levelno >= logging.ERROR and r.name == "events.glue"  # not rulebook's
    )
    assert (
        "underscore.md:4: error: field 'event_locaton' = 'Hall': unknown field: did you mean "
        "'event-location'?" in error
    )
    assert (
        "no-dash.md:4: error: field 'event_start' = '2026-12-07 10:00': unknown field: did you "
        "mean 'event-start'?" in error
    )
    # In events/, so an event: without event-start it is one missing its start.
    assert "no-dash.md:1: error: field 'event-start' = '': missing" in error  # no such line


def test_the_cap_is_a_setting(tmp_path: Path) -> None:
    site = build(tmp_path, {"events/far.md": event_file(
        "Far", "far", event_start="2026-12-01 19:00", event_rrule="FREQ=MONTHLY;UNTIL=20361231")},
        EVENTS_MAX_YEARS_AHEAD=11)  # fmt: skip
    assert site.problems() == []
    assert (site.output / "events/2036/12/index.html").is_file()


def test_categories_with_one_address_are_one_feed(tmp_path: Path) -> None:
    """ "Family" and "family", "Arts & Crafts" and "Arts Crafts" make the same address:
    one feed with all their events, listed once on the events page."""
    files = {
        "events/a.md": event_file("A", "a", event_start="2026-12-10 10:00",
                                  event_categories="Family, Arts & Crafts"),
        "events/b.md": event_file("B", "b", event_start="2026-12-11 10:00",
                                  event_categories="family"),
        "events/c.md": event_file("C", "c", event_start="2026-12-12 10:00",
                                  event_categories="Arts Crafts, Family"),
    }  # fmt: skip
    site = build(tmp_path, files)
    assert site.problems() == []
    feeds = sorted(p.name for p in (site.output / "events" / "category").glob("*.ics"))
    assert feeds == ["arts-crafts.ics", "family.ics"]
    for name, slugs in (("family.ics", ["a", "b", "c"]), ("arts-crafts.ics", ["a", "c"])):
        calendar = ics(site, f"events/category/{name}")
        summaries = sorted(str(v["SUMMARY"]) for v in calendar.walk("VEVENT"))
        assert summaries == [s.upper() for s in slugs], name
    page = html(site, "events/index.html")
    links = [a["href"] for a in page.select("a[href*='/category/']")]
    assert len(links) == len(set(links)) == 2


def test_a_category_without_letters_is_refused(tmp_path: Path) -> None:
    files = {"events/a.md": event_file("A", "a", event_start="2026-12-10 10:00",
                                       event_categories="Family, 🎉")}  # fmt: skip
    site = build(tmp_path, files)
    assert any("'🎉' has no letter or digit" in p for p in site.problems())


def test_no_change_is_dated_after_the_build(site: Build) -> None:
    """An event without Date is dated by its start; a feed must not say it was changed in
    the future (LAST-MODIFIED later than the build), which calendar programs distrust."""
    calendar = ics(site, "events/calendar.ics")
    stamps = [v["LAST-MODIFIED"].dt for v in calendar.walk("VEVENT") if "LAST-MODIFIED" in v]
    assert stamps, "the past events keep theirs"
    assert all(stamp <= NOW for stamp in stamps)


def test_an_undated_event_at_the_second_of_two_times_is_dated_then(tmp_path: Path) -> None:
    """An event without Date is dated by its start, the second 01:30 included: archives,
    lists and feeds print the article's date with the offset written (-05:00), not the
    first 01:30's (-04:00)."""
    files = {"events/fold.md": event_file(
        "Fold", "fold", event_start="2027-11-07T01:30:00-05:00",
        event_timezone="America/Toronto")}  # fmt: skip
    site = build(tmp_path, files, TIMEZONE="America/Toronto", EVENTS_NOW="2027-10-01 12:00")
    archive = html(site, "archives/index.html")
    dates = [
        t["datetime"] for t in archive.select("time") if t.find_next("a")["href"].endswith("fold/")
    ]
    assert dates == ["2027-11-07T01:30:00-05:00"]


def picnic(status: str, translated: str) -> dict[str, str]:
    """An event in Chinese with an English translation that has no dates of its own."""
    return {
        "events/picnic.zh.md": event_file("野餐", "picnic", Lang="zh", Status=status,
                                          event_start="2027-05-01 12:00", event_location="公园"),
        "events/picnic.en.md": event_file("Picnic", "picnic", Lang="en", Status=translated,
                                          event_location="Park"),
    }  # fmt: skip


def test_a_published_translation_of_a_draft_event_is_named_with_its_original(
    tmp_path: Path,
) -> None:
    site = build(tmp_path, picnic("draft", "published"))
    said = errors_of(site)
    assert "picnic.en.md:4: error: field 'status' = 'published': the original, " in said
    assert "picnic.zh.md, is a draft" in said and "(Status: draft), or publish the" in said
    assert "missing" not in said and "same UID" not in said


@pytest.mark.parametrize(("status", "translated"), [("hidden", "published"), ("hidden", "hidden")])
def test_a_translation_of_a_hidden_event_is_hidden_with_it(
    tmp_path: Path, status: str, translated: str
) -> None:
    site = build(tmp_path, picnic(status, translated))
    assert errors_of(site) == ""
    page = html(site, "en/events/picnic/index.html")
    assert page.select_one(".event-facts time")["datetime"] == "2027-05-01T12:00:00+08:00"
    # The two versions name each other.
    assert page.select_one("a[rel='alternate'][href$='/events/picnic/']")
    zh = html(site, "events/picnic/index.html")
    assert zh.select_one("a[rel='alternate'][href$='en/events/picnic/']")
    for listing in ("en/events/index.html", "archives/index.html", "en/index.html"):
        assert "picnic" not in site.read(listing), listing  # unlisted, as its original
    assert "Picnic" not in site.read("en/events/calendar.ics")
