"""A site in a language written from right to left (Arabic), in Chromium: the page is
mirrored (the theme's CSS says start and end, not left and right), nothing scrolls
sideways, axe finds nothing, and the photo viewer's buttons and arrow keys follow the
reading direction."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import describe

pytestmark = pytest.mark.browser

ARTICLE = "/news/notes/"
GALLERY = "/projects/harbour/"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def open_page(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


@pytest.mark.parametrize("width", [360, 1280])
def test_an_arabic_article_reads_from_the_right(new_page, rtl_url: str, axe, width: int) -> None:
    page = new_page(width, 800)
    open_page(page, rtl_url + ARTICLE)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate(OVERFLOW) <= 0

    # The quote's rule is on its right, where the line starts.
    rules = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('.prose blockquote'));
                   return [parseFloat(s.borderRightWidth), parseFloat(s.borderLeftWidth)]; }"""
    )
    assert rules[0] > 0 and rules[1] == 0
    # Table cells start on the right.
    assert page.evaluate("getComputedStyle(document.querySelector('.prose td')).textAlign") in {
        "start",
        "right",
    }
    # The site's name starts the header bar on the right, the menu or navigation follows.
    brand, bar = box(page, ".brand"), box(page, ".header-bar")
    assert brand["x"] + brand["width"] > bar["x"] + bar["width"] / 2

    violations = axe(page)
    assert violations == [], describe(violations)


def test_the_skip_link_appears_at_the_start_of_the_line(new_page, rtl_url: str) -> None:
    page = new_page(1280, 800)
    open_page(page, rtl_url + ARTICLE)
    page.keyboard.press("Tab")
    link = box(page, ".skip-link")
    assert link["y"] >= 0
    assert link["x"] > 1280 / 2


def test_the_photo_viewer_follows_the_reading_direction(new_page, rtl_url: str) -> None:
    page = new_page(1280, 800)
    open_page(page, rtl_url + GALLERY)
    page.locator(".gallery-link").first.click()
    dialog = page.locator("dialog.lightbox")
    dialog.wait_for(state="visible")
    counter = page.locator(".lightbox-counter")
    first = counter.inner_text()

    # "Previous" is on the right and "next" on the left, as the grid runs.
    previous, following = box(page, ".lightbox-previous"), box(page, ".lightbox-next")
    assert previous["x"] > following["x"]
    # The left arrow key goes forward, to the photo on the left; the right one back.
    page.keyboard.press("ArrowLeft")
    second = counter.inner_text()
    assert second != first
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == first
    page.locator(".lightbox-next").click()
    assert counter.inner_text() == second
