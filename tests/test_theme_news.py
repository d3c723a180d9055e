"""Events among the news, in the feeds, and each language's listings kept to that language.

The fixture (tests/fixtures/theme_mixed), built as of 10 June 2024 with every plugin:
- hello: news, zh + en;
- visitors: news in English only (Pelican counts it as an original);
- open-day: an event on 19 June, zh + en (the English file inherits the dates);
- talk: a cancelled event, zh only.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, Build, build_site
from jinja2 import StrictUndefined

CONTENT = FIXTURES / "theme_mixed" / "content"
SITEURL = "https://example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
SETTINGS = {
    "EVENTS_NOW": "2024-06-10 12:00",
    "EVENTS_HORIZON_MONTHS": 2,
    "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True,
                          "undefined": StrictUndefined, "extensions": []},
}  # fmt: skip
# publishconf.py's feeds (the rest of publishconf, its publish plugin, is not needed here).
FEEDS = {
    "SITEURL": SITEURL,
    "FEED_DOMAIN": SITEURL,
    "RELATIVE_URLS": False,
    "FEED_ALL_ATOM": "feeds/all.atom.xml",
    "CATEGORY_FEED_ATOM": "feeds/category/{slug}.atom.xml",
    "TRANSLATION_FEED_ATOM": "feeds/all-{lang}.atom.xml",
}


def build(work: Path, **settings: object) -> Build:
    result = build_site(
        CONTENT, work / "output", JINJA_BYTECODE_CACHE_PATH=str(work / "cache" / "jinja"),
        **SETTINGS, **settings,
    )  # fmt: skip
    assert result.problems() == []
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build(tmp_path_factory.mktemp("news"), **FEEDS)


def soup(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(path), "html5lib")


def listed(site: Build, path: str, selector: str = ".card-title a") -> list[str]:
    """The URLs (below the site root) a listing page links with `selector`, in order."""
    return [a["href"].removeprefix(SITEURL + "/") for a in soup(site, path).select(selector)]


def feed_links(site: Build, path: str) -> list[str]:
    root = ElementTree.fromstring((site.output / path).read_bytes())
    return [
        entry.find(f"{ATOM}link").get("href").removeprefix(SITEURL + "/")
        for entry in root.iter(f"{ATOM}entry")
    ]


# --- events are news too (issue 3) ------------------------------------------------------------


def test_news_lists_events_by_their_date(site: Build) -> None:
    assert listed(site, "news/index.html") == ["events/open-day/", "news/hello/", "events/talk/"]
    assert listed(site, "en/news/index.html") == [
        "en/news/visitors/",
        "en/events/open-day/",
        "en/news/hello/",
    ]


def test_an_event_card_has_a_badge_and_its_time(site: Build) -> None:
    cards = {
        c.select_one(".card-title a")["href"]: c
        for c in soup(site, "news/index.html").select(".card")
    }
    event = cards[f"{SITEURL}/events/open-day/"]
    assert event.select_one(".card-event .event-badge").get_text() == "活动"
    when = event.select_one(".card-event time")
    assert when["datetime"] == "2024-06-19T15:00:00+08:00"
    assert when.get_text() == "2024年6月19日 星期三 15:00–17:00"
    # dated by its Date, like any article
    assert event.select_one(".meta time")["datetime"] == "2024-06-03T09:00:00+08:00"
    cancelled = cards[f"{SITEURL}/events/talk/"]
    assert "event-badge--cancelled" in str(cancelled.select(".card-event .event-badge"))
    assert cards[f"{SITEURL}/news/hello/"].select_one(".card-event") is None
    english = soup(site, "en/news/index.html").select_one(".card--event")
    assert english.select_one(".event-badge").get_text() == "Event"
    assert (
        english.select_one(".card-event time").get_text()
        == "Wednesday 19 June 2024, 3:00 – 5:00 pm"
    )


def test_home_lead_and_latest_news_leave_events_out(site: Build) -> None:
    # the home page has its own list of upcoming events
    home = soup(site, "index.html")
    assert home.select_one(".lead-title a")["href"] == f"{SITEURL}/news/hello/"
    english = soup(site, "en/index.html")
    assert english.select_one(".lead-title a")["href"] == f"{SITEURL}/en/news/visitors/"
    assert listed(site, "en/index.html") == ["en/news/hello/"]


def test_events_are_in_every_feed(site: Build) -> None:
    assert feed_links(site, "feeds/all-zh.atom.xml") == [
        "events/open-day/",
        "news/hello/",
        "events/talk/",
    ]
    assert feed_links(site, "feeds/all-en.atom.xml") == [
        "en/news/visitors/",
        "en/events/open-day/",
        "en/news/hello/",
    ]
    everything = feed_links(site, "feeds/all.atom.xml")
    assert {"events/open-day/", "en/events/open-day/", "events/talk/"} <= set(everything)
    assert set(feed_links(site, "feeds/category/events.atom.xml")) == {
        "events/open-day/",
        "events/talk/",
    }


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("index.html", "feeds/all-zh.atom.xml"),  # not all.atom.xml: that one mixes languages
        ("events/open-day/index.html", "feeds/all-zh.atom.xml"),
        ("en/news/index.html", "feeds/all-en.atom.xml"),
        ("en/news/visitors/index.html", "feeds/all-en.atom.xml"),
    ],
)
def test_pages_link_the_feed_of_their_language(site: Build, page: str, feed: str) -> None:
    links = soup(site, page).select('link[rel="alternate"][type="application/atom+xml"]')
    assert [link["href"] for link in links] == [f"{SITEURL}/{feed}"]
    assert (site.output / feed).is_file()


def test_without_language_feeds_the_default_language_links_the_main_feed(
    tmp_path: Path,
) -> None:
    result = build(tmp_path, **{**FEEDS, "TRANSLATION_FEED_ATOM": None})
    links = soup(result, "index.html").select('link[type="application/atom+xml"]')
    assert [link["href"] for link in links] == [f"{SITEURL}/feeds/all.atom.xml"]
    assert soup(result, "en/index.html").select('link[type="application/atom+xml"]') == []


# --- each language's archives, categories and tags list that language only ---------------------


def test_default_language_archives_leave_out_other_languages(site: Build) -> None:
    assert listed(site, "archives/index.html", ".archive-list a") == [
        "events/open-day/",
        "news/hello/",
        "events/talk/",
    ]
    assert "en/news/visitors/" in listed(site, "en/archives/index.html", ".archive-list a")


def test_default_language_categories_and_tags_leave_out_other_languages(site: Build) -> None:
    # 'Notices' and 'visitors' belong to the English-only article: English pages only
    assert not (site.output / "category/notices").exists()
    assert not (site.output / "tag/visitors").exists()
    assert (site.output / "en/category/notices/index.html").is_file()
    assert (site.output / "en/tag/visitors/index.html").is_file()
    assert listed(site, "category/index.html", ".tag-cloud a") == [
        "category/events/",
        "category/news/",
    ]
    assert "tag/visitors/" not in listed(site, "tag/index.html", ".tag-cloud a")
    assert listed(site, "category/news/index.html") == ["news/hello/"]
    assert listed(site, "en/category/news/index.html") == ["en/news/hello/"]
    assert not (site.output / "feeds/category/notices.atom.xml").exists()


def test_the_english_only_article_keeps_its_page_and_links(site: Build) -> None:
    page = soup(site, "en/news/visitors/index.html")
    category = page.select_one(".page-head .meta a")["href"]
    assert category == f"{SITEURL}/en/category/notices/"
    assert [a["href"] for a in page.select(".tags a")] == [f"{SITEURL}/en/tag/visitors/"]
    # its category and tag have no Chinese page: their switch leads to one that exists
    for path in ("en/category/notices/index.html", "en/tag/visitors/index.html"):
        for a in soup(site, path).select(".lang-switch a"):
            url = a["href"].removeprefix(SITEURL + "/")
            assert (site.output / url / "index.html").is_file(), (path, url)
