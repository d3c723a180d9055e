"""Section links come from the settings: move a section and every link to it follows.

The theme links each section's index through `section_url(name)` (plugins/theme_helpers),
which reads the section's URL setting and puts the language prefix in front. Built here
from tests/fixtures/theme_mixed (news and events in zh and en) with the events index
moved to calendar/, and the Pagefind bundle moved to another folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, Build, build_site

CONTENT = FIXTURES / "theme_mixed" / "content"
SITEURL = "https://example.org"
SETTINGS = {
    "EVENTS_NOW": "2024-06-10 12:00",
    "SITEURL": SITEURL,
    "RELATIVE_URLS": False,
    "EVENTS_INDEX_URL": "calendar/",
    "EVENTS_INDEX_SAVE_AS": "calendar/index.html",
    "PUBLISH_PAGEFIND_BUNDLE": "search-index",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("sections")
    return build_site(CONTENT, work / "output", **SETTINGS)


def links(site: Build) -> dict[str, list[str]]:
    """Every page's links below SITEURL (the path after it), by page."""
    found = {}
    for page in sorted(site.output.rglob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        hrefs = [str(a.get("href", "")) for a in html.find_all("a")]
        relative = page.relative_to(site.output).as_posix()
        found[relative] = [h.removeprefix(SITEURL + "/") for h in hrefs if h.startswith(SITEURL)]
    return found


def test_no_link_to_the_old_events_index_remains(site: Build) -> None:
    old = {"events/", "en/events/"}
    stale = {page: sorted(old & set(hrefs)) for page, hrefs in links(site).items()}
    assert {page: hrefs for page, hrefs in stale.items() if hrefs} == {}


def test_links_to_the_moved_index_resolve(site: Build) -> None:
    found = links(site)
    for url in ("calendar/", "en/calendar/"):
        assert (site.output / url / "index.html").is_file()
    targets = {h for hrefs in found.values() for h in hrefs if h.endswith("calendar/")}
    assert targets == {"calendar/", "en/calendar/"}
    # the home page, 404, search, an event's breadcrumbs and the menu all follow
    for page in ("index.html", "404.html", "search/index.html", "events/open-day/index.html"):
        assert "calendar/" in found[page], page
    assert "en/calendar/" in found["en/index.html"]


def test_the_menu_marks_the_moved_section_current(site: Build) -> None:
    html = BeautifulSoup(site.read("calendar/index.html"), "html.parser")
    current = html.select_one(".site-nav a[aria-current=page]")
    assert current is not None
    assert current["href"] == f"{SITEURL}/calendar/"


@pytest.mark.parametrize("page", ["search/index.html", "en/search/index.html"])
def test_search_loads_pagefind_from_its_setting(site: Build, page: str) -> None:
    box = BeautifulSoup(site.read(page), "html.parser").select_one("#search")
    assert box is not None
    assert box["data-bundle"] == f"{SITEURL}/search-index/"


def test_search_bundle_is_relative_in_a_preview(tmp_path: Path) -> None:
    build = build_site(CONTENT, tmp_path / "output", EVENTS_NOW="2024-06-10 12:00")
    box = BeautifulSoup(build.read("en/search/index.html"), "html.parser").select_one("#search")
    assert box is not None
    assert box["data-bundle"] == "../../pagefind/"  # publish's default, below SITEURL
