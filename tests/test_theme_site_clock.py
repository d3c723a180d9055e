"""Dates written with another offset, or to a fraction of a second, are shown as the
site's readers count them.

Found by a tester moving an older site's posts to a Kathmandu site: 'Date:
2019-03-05T23:00:00-05:00' (New York) was shown as 5 March, though it is 6 March, 09:45 in
Kathmandu, and listed among that day's news; 'Date: 2019-03-05 10:20:00.123' gave
datetime="...10:20:00.123000+05:45", which HTML refuses (3 decimals at most).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build_site
from theme_helpers.dates import on_site_clock

KATHMANDU = ZoneInfo("Asia/Kathmandu")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("clock")
    articles = work / "content" / "articles"
    articles.mkdir(parents=True)
    posts = {
        "moved": "Date: 2019-03-05T23:00:00-05:00",
        "fraction": "Date: 2019-03-05 10:20:00.123",
        "local": "Date: 2019-03-05 08:00",
    }
    for slug, date in posts.items():
        (articles / f"{slug}.md").write_text(
            f"Title: {slug}\nSlug: {slug}\n{date}\n\nText.\n", encoding="utf-8"
        )
    return build_site(
        work / "content",
        work / "output",
        DEFAULT_LANG="en",
        I18N_UI_LANGUAGES=["en"],
        TIMEZONE="Asia/Kathmandu",
    )


def shown(site: Build, slug: str) -> tuple[str, str]:
    time = BeautifulSoup(site.read(f"news/{slug}/index.html"), "html.parser").select_one(
        "article time"
    )
    assert time is not None
    return str(time["datetime"]), time.get_text()


def test_a_date_with_another_offset_is_shown_on_the_sites_clock(site: Build) -> None:
    assert shown(site, "moved") == ("2019-03-06T09:45:00+05:45", "Wednesday 6 March 2019")
    assert shown(site, "local") == ("2019-03-05T08:00:00+05:45", "Tuesday 5 March 2019")


def test_a_fraction_of_a_second_is_left_out(site: Build) -> None:
    assert shown(site, "fraction")[0] == "2019-03-05T10:20:00+05:45"


def test_the_news_are_in_the_order_of_the_sites_clock(site: Build) -> None:
    listing = BeautifulSoup(site.read("news/index.html"), "html.parser")
    order = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in listing.select(".card-title a")]
    assert order == ["moved", "fraction", "local"]


def test_a_date_on_the_sites_clock_keeps_its_zone() -> None:
    value = dt.datetime(2024, 6, 19, 15, 0, tzinfo=KATHMANDU)
    assert on_site_clock(value.replace(microsecond=5), KATHMANDU) == value
    assert on_site_clock(value, KATHMANDU).tzinfo is KATHMANDU
    assert on_site_clock(value.replace(tzinfo=None), KATHMANDU).tzinfo is None
