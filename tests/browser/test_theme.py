"""The theme in a real browser: navigation, the menu, layout at 360 px, axe-core.

Page types are found in the built sample site, so the tests follow the content.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import describe

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


def first(output: Path, pattern: str) -> str:
    """The URL path of the first built page matching a glob, e.g. 'news/*/index.html'
    (folders named by numbers, like events/2024/, are left out unless asked for)."""
    found = sorted(
        p for p in output.glob(pattern) if "2*" in pattern or not p.parent.name.isdigit()
    )
    assert found, f"no page matches {pattern} in the sample site"
    return "/" + str(found[0].relative_to(output)).removesuffix("index.html")


@pytest.fixture(scope="module")
def page_types(browser_site: Any) -> dict[str, str]:
    """One URL path per page type of the sample site."""
    out = browser_site.output
    types = {
        "home": "/",
        "home-en": "/en/",
        "news": "/news/",
        "article": first(out, "news/*/index.html"),
        "article-en": first(out, "en/news/*/index.html"),
        "page": "/about/",
        "category": first(out, "category/*/index.html"),
        "tag": first(out, "tag/*/index.html"),
        "tags": "/tag/",
        "archives": "/archives/",
        "search": "/search/",
        "404": "/404.html",
        "events": "/events/",
        "event": first(out, "events/*/index.html"),
        "month": first(out, "events/2*/*/index.html"),
        "projects": "/projects/",
        "project": first(out, "projects/*/index.html"),
    }
    return types


PAGE_TYPES = [
    "home", "home-en", "news", "article", "article-en", "page", "category", "tag", "tags",
    "archives", "search", "404", "events", "event", "month", "projects", "project",
]  # fmt: skip


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_horizontal_scroll_at_360px(new_page, goto, page_types, kind: str) -> None:
    page = new_page(**PHONE)
    goto(page, page_types[kind])
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page_types[kind]} is {overflow}px wider than a 360px phone"


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_axe_finds_nothing(page, goto, axe, page_types, kind: str) -> None:
    goto(page, page_types[kind])
    violations = axe(page)
    assert violations == [], f"{page_types[kind]}:\n{describe(violations)}"


@pytest.mark.parametrize("kind", ["home", "article", "month", "project"])
def test_axe_finds_nothing_on_a_phone_in_dark_mode(new_page, goto, axe, page_types, kind) -> None:
    page = new_page(**PHONE, color_scheme="dark")
    goto(page, page_types[kind])
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(251, 250, 246)", "dark mode did not apply"
    violations = axe(page)
    assert violations == [], f"{page_types[kind]} (dark, 360px):\n{describe(violations)}"


def test_desktop_navigation_marks_the_current_section(page, goto) -> None:
    goto(page, "/")
    nav = page.get_by_role("navigation", name="主导航")
    assert nav.is_visible()
    assert page.locator(".menu > summary").is_hidden()  # wide screens: no menu button
    nav.get_by_role("link", name="新闻").click()
    page.wait_for_url("**/news/")
    current = page.locator('.site-nav a[aria-current="page"]')
    assert current.inner_text() == "新闻"
    assert page.locator("h1").inner_text() == "新闻"


def test_mobile_menu_by_keyboard(new_page, goto) -> None:
    page = new_page(**PHONE)
    goto(page, "/en/")
    links = page.locator(".site-nav a")
    assert links.first.is_hidden()  # closed on a phone
    page.keyboard.press("Tab")  # the skip link
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")  # the site name
    page.keyboard.press("Tab")  # the menu button
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert links.first.is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "News"
    page.keyboard.press("Escape")  # js/site.js: closes and returns to the button
    assert links.first.is_hidden()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Space")
    assert links.first.is_visible()
    links.nth(1).click()
    page.wait_for_url("**/en/events/")


def test_mobile_menu_works_without_javascript(new_page, goto) -> None:
    page = new_page(**PHONE, java_script_enabled=False)
    goto(page, "/")
    links = page.locator(".site-nav a")
    assert links.first.is_hidden()
    page.locator(".menu > summary").click()
    assert links.first.is_visible()
    box = links.first.bounding_box()
    assert box is not None
    assert box["height"] >= 24  # WCAG 2.5.8 target size (we aim for 44)


def test_menu_targets_are_large_enough_on_a_phone(new_page, goto) -> None:
    page = new_page(**PHONE)
    goto(page, "/")
    for selector in (".menu > summary", ".lang-switch a", ".brand"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None
        assert box["height"] >= 44 and box["width"] >= 44, selector


def test_skip_link_moves_focus_to_main(page, goto, page_types) -> None:
    goto(page, page_types["article"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.is_visible()  # shown when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_goes_to_the_translation(page, goto, page_types) -> None:
    goto(page, page_types["article"])
    title_zh = page.locator("h1").inner_text()
    with page.expect_navigation():
        page.locator(".lang-switch a").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "/en/" in page.url
    assert page.locator("h1").inner_text() != title_zh
    with page.expect_navigation():
        page.locator(".lang-switch a").click()
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").inner_text() == title_zh


def test_print_hides_navigation(page, goto, page_types) -> None:
    goto(page, page_types["article"])
    page.emulate_media(media="print")
    assert page.locator(".menu").is_hidden()
    assert page.locator(".site-footer").is_hidden()
    assert page.locator("h1").is_visible()


def test_no_request_leaves_the_machine(new_page, site_url, page_types) -> None:
    page = new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for kind in ("home", "article", "project", "month"):
        page.goto(site_url + page_types[kind])
        page.wait_for_load_state("networkidle")
    outside = [u for u in requests if not u.startswith((site_url, "data:"))]
    assert outside == []


def test_desktop_navigation_by_keyboard(page, goto) -> None:
    # The menu is a closed <details> whose content CSS shows on wide screens: its links
    # must still be reachable by Tab and exposed to assistive technology.
    goto(page, "/en/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "News"
    snapshot = page.get_by_role("navigation", name="Main").aria_snapshot()
    assert 'link "News"' in snapshot
    assert 'link "Contact"' in snapshot
