"""Real builds of a small events site: parsed HTML and parsed iCalendar, facts not files.

The fixture (tests/fixtures/events_basic) is built as of 10 June 2024, 12:00 in Shanghai,
with a two-month horizon:
- open-week: all-day, 15-21 June, zh + en (the English file inherits the dates);
- parents-evening: 19 June 15:00, cancelled with a reason, zh + en;
- london-club: Tuesdays 19:00 London time, 8 Oct - 12 Nov, not on 22 Oct (DST ends 27 Oct);
- morning-run: Saturdays 07:00 from 1 June, no end;
- spring-fair: 1 May, over.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
from bs4 import BeautifulSoup
from conftest import FIXTURES, Build, build_site
from icalendar import Calendar
from jinja2 import StrictUndefined

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2024, 6, 10, 12, tzinfo=SH)
CONTENT = FIXTURES / "events_basic" / "content"
SETTINGS = {
    "EVENTS_NOW": "2024-06-10 12:00",
    "EVENTS_HORIZON_MONTHS": 2,
    # A misspelt variable in a template fails the build.
    "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True,
                          "undefined": StrictUndefined, "extensions": []},
}  # fmt: skip
SLUGS = {"open-week", "parents-evening", "london-club", "morning-run", "spring-fair"}
MONTHS = ["2024/05", "2024/06", "2024/07", "2024/08", "2024/09", "2024/10", "2024/11"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = build_site(CONTENT, tmp_path_factory.mktemp("events") / "output", **SETTINGS)
    assert build.problems() == []
    return build


def html(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(path), "html5lib")


def ics(site: Build, path: str) -> Calendar:
    return Calendar.from_ical((site.output / path).read_bytes())


def target(page: str, href: str) -> str:
    """A relative link on `page` as a path below the output folder."""
    resolved = urljoin("http://site/" + page, href).removeprefix("http://site/")
    return resolved + "index.html" if resolved.endswith("/") or not resolved else resolved


def links(site: Build, page: str, soup: BeautifulSoup, selector: str) -> list[str]:
    found = [target(page, a.get("href") or a["src"]) for a in soup.select(selector)]
    found = [path.split("?")[0] for path in found]
    missing = [path for path in found if not (site.output / path).is_file()]
    assert not missing, f"{page} links to missing {missing}"
    return found


def ld(soup: BeautifulSoup) -> list[dict]:
    return json.loads(soup.find("script", type="application/ld+json").string)


def text(element: object) -> str:
    return " ".join(element.get_text(" ").split())  # type: ignore[attr-defined]


# --- event pages ----------------------------------------------------------------------------


def test_event_pages_in_both_languages(site: Build) -> None:
    for slug in SLUGS:
        page = html(site, f"events/{slug}/index.html")
        assert page.html["lang"] == "zh-Hans"
    for slug in ("open-week", "parents-evening"):
        page = html(site, f"en/events/{slug}/index.html")
        assert page.html["lang"] == "en"
    assert not (site.output / "en/events/london-club").exists()
    assert not (site.output / "news/open-week").exists()


def test_when_and_where_in_the_readers_words(site: Build) -> None:
    zh = html(site, "events/open-week/index.html")
    facts = text(zh.select_one(".event-facts"))
    assert "2024年6月15日周六至21日周五" in facts
    assert "社区会议室" in facts
    en = html(site, "en/events/open-week/index.html")
    facts = text(en.select_one(".event-facts"))
    assert "Saturday 15 June – Friday 21 June 2024" in facts
    assert "Community meeting room" in facts  # the translation's own words
    (data,) = ld(en)
    assert (data["startDate"], data["endDate"]) == ("2024-06-15", "2024-06-21")
    assert data["location"]["name"] == "Community meeting room"


def test_fact_labels_in_english(site: Build) -> None:
    page = html(site, "en/events/open-week/index.html")
    labels = [text(dt) for dt in page.select(".event-facts dt")]
    assert labels == ["When", "Where", "Organised by", "Cost"]


def test_cancelled_is_impossible_to_miss(site: Build) -> None:
    for path, label, reason in (
        ("events/parents-evening/index.html", "Cancelled", "会议室漏水"),
        ("en/events/parents-evening/index.html", "Cancelled", "meeting room has a leak"),
    ):
        page = html(site, path)
        banner = page.select_one("header .event-status.event-status--cancelled")
        assert banner is not None and reason in text(banner)
        assert text(banner.select_one(".event-status-label")) in (label, "已取消")
        (data,) = ld(page)
        assert data["eventStatus"] == "https://schema.org/EventCancelled"
        # No invitation to add a cancelled event to a web calendar.
        assert not page.select('a[href^="https://calendar.google.com"]')


def test_series_page_lists_next_dates_and_names_a_foreign_zone(site: Build) -> None:
    page = html(site, "events/london-club/index.html")
    dates = [text(li) for li in page.select(".event-dates-list li")]
    assert dates == [
        "2024年10月8日 星期二 19:00–21:00（英国夏令时间）",
        "2024年10月15日 星期二 19:00–21:00（英国夏令时间）",
        "2024年10月29日 星期二 19:00–21:00（格林尼治标准时间）",  # after the change
        "2024年11月5日 星期二 19:00–21:00（格林尼治标准时间）",
        "2024年11月12日 星期二 19:00–21:00（格林尼治标准时间）",
    ]
    starts = [d["startDate"] for d in ld(page)]
    assert starts[0] == "2024-10-08T19:00:00+01:00"
    assert starts[2] == "2024-10-29T19:00:00+00:00"
    assert ld(page)[0]["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_add_to_calendar(site: Build) -> None:
    for page_path in ("events/morning-run/index.html", "en/events/open-week/index.html"):
        page = html(site, page_path)
        (ics_path,) = links(site, page_path, page, ".event-add a[download]")
        calendar = ics(site, ics_path)
        assert len(calendar.walk("VEVENT")) == 1
        google = page.select_one('.event-add a[href^="https://calendar.google.com/"]')
        outlook = page.select_one('.event-add a[href^="https://outlook.live.com/"]')
        assert google is not None and outlook is not None
    # The English file carries the English title, under the same UID.
    en = ics(site, "en/events/open-week/open-week.ics").walk("VEVENT")[0]
    zh = ics(site, "events/open-week/open-week.ics").walk("VEVENT")[0]
    assert (str(en["SUMMARY"]), str(zh["SUMMARY"])) == ("Community open week", "社区开放周")
    assert en["UID"] == zh["UID"]


def test_drafts_and_hidden_events_stay_out_of_listings(site: Build) -> None:
    draft = html(site, "drafts/draft-idea/index.html")
    assert "2024年7月1日" in text(draft.select_one(".event-facts"))
    assert not draft.select(".event-add a[download]")  # no public .ics for a draft
    assert not (site.output / "events/draft-idea").exists()
    hidden = html(site, "events/staff-meeting/index.html")
    links(site, "events/staff-meeting/index.html", hidden, ".event-add a[download]")
    listed = site.read("events/index.html") + site.read("events/2024/06/index.html")
    assert "draft-idea" not in listed and "staff-meeting" not in listed
    assert "staff-meeting" not in site.read("events/calendar.ics")


# --- /events/ -----------------------------------------------------------------------------


def test_index_lists_upcoming_soonest_first_and_past_latest_first(site: Build) -> None:
    page = html(site, "events/index.html")
    upcoming = page.select(".events-upcoming li[data-event-end]")
    starts = [li.time["datetime"] for li in upcoming]
    assert starts == sorted(starts, key=_instant)
    assert all(_instant(li["data-event-end"]) > NOW for li in upcoming)
    titles = [text(li.a) for li in upcoming]
    # Every occurrence within three months, and the next one of events beyond that.
    assert titles.count("周六晨跑") == 9  # 15 June ... 10 August; 1 and 8 June are over
    assert titles.count("伦敦读书会（线上）") == 1
    assert titles[0] == "社区开放周"  # starts at midnight on the 15th, before the run
    past = [text(li.a) for li in page.select(".events-past li")]
    assert past == ["春季义卖"]
    (month,) = links(site, "events/index.html", page, ".events-nav a")
    assert month == "events/2024/06/index.html"  # the current month
    links(site, "events/index.html", page, ".events-upcoming a, .events-past a")


def test_index_offers_subscriptions(site: Build) -> None:
    page = html(site, "events/index.html")
    links(site, "events/index.html", page, ".events-subscribe a")
    # Without an absolute SITEURL the page links the .ics; events.js makes it webcal:.
    assert page.select_one(".events-subscribe a[data-webcal]") is not None
    categories = {text(a): a["href"] for a in page.select(".events-categories a")}
    assert set(categories) == {"社区", "志愿服务", "亲子", "健身"}
    feed = ics(site, target("events/index.html", categories["社区"]))
    assert {str(v["UID"]).split("@")[0] for v in feed.walk("VEVENT")} == {
        "open-week", "spring-fair",
    }  # fmt: skip
    en = html(site, "en/events/index.html")
    assert "Community" in {text(a) for a in en.select(".events-categories a")}


def test_index_loads_the_script_that_hides_what_has_ended(site: Build) -> None:
    page = html(site, "events/index.html")
    (script,) = links(site, "events/index.html", page, "script[src*='events.js']")
    assert "data-event-end" in (site.output / script).read_text()
    empty = page.select_one("[data-events-upcoming] [data-events-empty]")
    assert empty is not None and empty.has_attr("hidden")


# --- month pages ----------------------------------------------------------------------------


def test_a_month_page_for_every_month_in_both_languages(site: Build) -> None:
    for prefix in ("", "en/"):
        found = sorted(
            str(p.parent.relative_to(site.output / f"{prefix}events"))
            for p in (site.output / f"{prefix}events").glob("20*/*/index.html")
        )
        assert found == MONTHS


def test_month_page_is_a_real_table_with_previous_and_next(site: Build) -> None:
    path = "events/2024/06/index.html"
    page = html(site, path)
    table = page.find("table")
    assert text(table.caption) == "2024年6月"
    headers = table.select("thead th[scope=col]")
    assert [text(th) for th in headers][:2] == ["周一", "周二"]
    assert [th.abbr["title"] for th in headers][-1] == "星期日"
    assert all(len(row.find_all("td")) == 7 for row in table.select("tbody tr"))
    (previous,) = links(site, path, page, ".cal-nav a[rel=prev]")
    (following,) = links(site, path, page, ".cal-nav a[rel=next]")
    assert (previous, following) == ("events/2024/05/index.html", "events/2024/07/index.html")
    first, last = html(site, "events/2024/05/index.html"), html(site, "events/2024/11/index.html")
    assert not first.select(".cal-nav a[rel=prev]") and not last.select(".cal-nav a[rel=next]")
    # The practice week covers seven cells; the cancelled evening is marked as such.
    week = [td["data-date"] for td in table.select("td") if td.find("a", string="社区开放周")]
    assert week == [f"2024-06-{d}" for d in range(15, 22)]
    cancelled = table.select_one(".cal-event--cancelled")
    assert "家长交流会" in text(cancelled) and cancelled.select_one(".event-badge")
    en = html(site, "en/events/2024/06/index.html")
    assert text(en.find("table").caption) == "June 2024"
    assert en.find("a", string="Community open week") is not None


def test_month_pages_show_what_a_calendar_app_computes_from_the_feed(site: Build) -> None:
    """Every (event, day) on the month pages is an occurrence of calendar.ics, and back."""
    shown = set()
    for month in MONTHS:
        path = f"events/{month}/index.html"
        for cell in html(site, path).select("td[data-date]"):
            for a in cell.select(".cal-event a"):
                shown.add((target(path, a["href"]).split("/")[1], cell["data-date"]))
    first = datetime(2024, 5, 1, tzinfo=SH)
    last = datetime(2024, 12, 1, tzinfo=SH)
    computed = set()
    for o in recurring_ical_events.of(ics(site, "events/calendar.ics")).between(first, last):
        slug = str(o["UID"]).split("@")[0]
        begin, end = o["DTSTART"].dt, o["DTEND"].dt
        if isinstance(begin, datetime):
            days = (begin.date(), (end - timedelta(microseconds=1)).date())
        else:
            days = (begin, end - timedelta(days=1))
        day = days[0]
        while day <= days[1]:
            computed.add((slug, day.isoformat()))
            day += timedelta(days=1)
    # Past the horizon the feed goes on (no UNTIL): our pages stop on 10 August.
    computed = {(s, d) for s, d in computed if s != "morning-run" or d <= "2024-08-10"}
    assert shown == computed
    assert ("london-club", "2024-10-22") not in shown  # EXDATE
    assert ("morning-run", "2024-08-10") in shown


# --- feeds --------------------------------------------------------------------------------


def test_calendar_has_one_vevent_per_event_with_zones(site: Build) -> None:
    calendar = ics(site, "events/calendar.ics")
    vevents = calendar.walk("VEVENT")
    assert sorted(str(v["UID"]) for v in vevents) == sorted(f"{s}@events.invalid" for s in SLUGS)
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {
        "Asia/Shanghai", "Europe/London",
    }  # fmt: skip
    for vevent in vevents:
        assert vevent["DTSTAMP"].dt == NOW.astimezone(UTC).replace(hour=0)
        assert str(vevent["STATUS"]).isupper()
        start = vevent["DTSTART"]
        assert not isinstance(start.dt, datetime) or "TZID" in start.params
    london = next(v for v in vevents if str(v["UID"]).startswith("london-club"))
    assert london["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20241112T235959Z;BYDAY=TU"
    assert [d.dt for d in london["EXDATE"].dts] == [
        datetime(2024, 10, 22, 19, tzinfo=ZoneInfo("Europe/London"))
    ]
    english = ics(site, "en/events/calendar.ics")
    assert {str(v["SUMMARY"]) for v in english.walk("VEVENT")} >= {"Community open week"}
    assert sorted(str(v["UID"]) for v in english.walk("VEVENT")) == sorted(
        str(v["UID"]) for v in vevents
    )


def test_every_ics_file_parses(site: Build) -> None:
    files = sorted(site.output.rglob("*.ics"))
    assert len(files) > 10
    for path in files:
        calendar = Calendar.from_ical(path.read_bytes())
        assert calendar["VERSION"] == "2.0" and calendar.walk("VEVENT"), path


def test_uids_survive_rebuilds_and_other_files(site: Build, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "events" / "another.md").write_text(
        "Title: 又一个\nSlug: another\nDate: 2024-06-01\nevent-start: 2024-06-20 10:00\n",
        encoding="utf-8",
    )
    (content / "events" / "spring-fair.md").unlink()
    again = build_site(content, tmp_path / "output", **SETTINGS)

    def uids(build: Build) -> dict[str, str]:
        events = ics(build, "events/calendar.ics").walk("VEVENT")
        return {str(v["SUMMARY"]): str(v["UID"]) for v in events}

    before, after = uids(site), uids(again)
    assert set(after) - set(before) == {"又一个"}
    assert all(after[title] == uid for title, uid in before.items() if title != "春季义卖")


# --- the rest of the site -----------------------------------------------------------------


def test_home_page_lists_upcoming_events(site: Build) -> None:
    home = html(site, "index.html")
    hrefs = [target("index.html", a["href"]) for a in home.select(".home-events a")]
    assert "events/open-week/index.html" in hrefs
    assert "events/spring-fair/index.html" not in hrefs


def test_event_without_date_is_dated_by_its_start(site: Build) -> None:
    archives = html(site, "archives/index.html")
    times = {
        target("archives/index.html", li.a["href"]): li.time["datetime"]
        for li in archives.select("li")
        if li.a and li.time
    }
    assert times["events/open-week/index.html"].startswith("2024-06-15")


def test_absolute_site_url(tmp_path: Path) -> None:
    build = build_site(
        CONTENT, tmp_path / "output", SITEURL="https://example.org", RELATIVE_URLS=False,
        **SETTINGS,
    )  # fmt: skip
    page = html(build, "events/index.html")
    subscribe = page.select_one(".events-subscribe a[href^='webcal:']")
    assert subscribe["href"] == "webcal://example.org/events/calendar.ics"
    (data,) = ld(html(build, "events/open-week/index.html"))
    assert data["url"] == "https://example.org/events/open-week/"
    uids = {str(v["UID"]) for v in ics(build, "events/calendar.ics").walk("VEVENT")}
    assert "open-week@example.org" in uids


def _instant(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:  # an all-day start: midnight in the site's zone
        return datetime.combine(date.fromisoformat(value), datetime.min.time(), SH)
    return parsed
