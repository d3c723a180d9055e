"""The theme in Chromium with content nobody planned for (tests/fixtures/theme_edge, served
by `edge_url`) and the corners of the sample site: narrow phones, a wide table, the 404
page at any depth, print, dark mode, the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import describe

pytestmark = pytest.mark.browser

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
EDGE_PAGES = [
    "/news/long/",  # a 90-character Chinese title, a long URL, a 120-letter word
    "/en/news/long/",  # the word in the title, the breadcrumbs and inline code
    "/news/rich/",  # table, code, blockquote, nested lists, a 2400 px image
    "/en/",  # the long title as the lead story
    "/en/archives/",
    "/news/",
    "/tag/she-qu/page/2/",
    "/en/news/enonly/",
    "/en/partners/",
]


def open_page(page: Any, url: str) -> Any:
    response = page.goto(url)
    assert response is not None and response.ok, url
    return response


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("path", EDGE_PAGES)
def test_no_horizontal_scroll_with_long_words(new_page, edge_url, path: str, width: int) -> None:
    page = new_page(width, 740)
    open_page(page, edge_url + path)
    assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways at {width}px"


@pytest.mark.parametrize("width", [320, 360, 375])
@pytest.mark.parametrize("path", ["/", "/en/"])
def test_the_site_name_never_runs_into_the_menu(new_page, goto, path: str, width: int) -> None:
    page = new_page(width, 740)
    goto(page, path)
    box = page.evaluate(
        """() => {
          const range = document.createRange();
          range.selectNodeContents(document.querySelector('.brand-name'));
          const menu = document.querySelector('.menu-button').getBoundingClientRect();
          const lang = document.querySelector('.lang-switch').getBoundingClientRect();
          return {text: range.getBoundingClientRect().right, menu: menu.left,
                  menuWidth: menu.width, lang: lang.right};
        }"""
    )
    assert box["text"] <= box["menu"], f"{path} at {width}px: the name overlaps the menu"
    assert box["lang"] <= width
    assert box["menuWidth"] >= 44
    # the button may show only its icon, but it keeps its name
    assert ("Menu" if path == "/en/" else "菜单") in page.locator(".menu").aria_snapshot()


def test_a_rich_article_reads_on_a_phone(new_page, edge_url) -> None:
    page = new_page(360, 740)
    open_page(page, edge_url + "/news/rich/")
    sizes = page.evaluate(
        """() => {
          const main = document.querySelector('article.prose').getBoundingClientRect().width;
          const pre = document.querySelector('pre');
          const imgs = [...document.querySelectorAll('article.prose img')];
          return {main, preOver: pre.scrollWidth - pre.clientWidth,
                  img: Math.max(...imgs.map(i => i.getBoundingClientRect().width))};
        }"""
    )
    assert sizes["preOver"] <= 0, "code scrolls sideways instead of wrapping"
    assert 0 < sizes["img"] <= sizes["main"]
    # The table scrolls by itself; js/site.js makes it a tab stop so keys scroll it too.
    table = page.locator("article.prose table")
    assert table.evaluate("t => t.scrollWidth > t.clientWidth")
    assert table.get_attribute("tabindex") == "0"
    table.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('article.prose table').scrollLeft > 0")
    # wide enough: nothing to scroll, no needless tab stop
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function(
        "!document.querySelector('article.prose table').hasAttribute('tabindex')"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/news/rich/", "/en/news/long/", "/en/"])
def test_axe_on_a_phone_with_unplanned_content(new_page, edge_url, axe, path, scheme) -> None:
    page = new_page(360, 740, color_scheme=scheme)
    open_page(page, edge_url + path)
    violations = axe(page)
    assert violations == [], f"{path} ({scheme}):\n{describe(violations)}"


@pytest.mark.parametrize(
    ("path", "lands", "lang"),
    [
        ("/en/news/enonly/", "/", "zh-Hans"),
        ("/news/zhonly/", "/en/", "en"),
        ("/en/partners/", "/", "zh-Hans"),
    ],
)
def test_switching_language_without_a_translation_goes_home(
    page, edge_url, path: str, lands: str, lang: str
) -> None:
    open_page(page, edge_url + path)
    with page.expect_navigation():
        page.locator(".lang-switch a").click()
    assert page.url == edge_url + lands
    assert page.locator("html").get_attribute("lang") == lang


def test_news_pagination_there_and_back(page, edge_url) -> None:
    open_page(page, edge_url + "/news/")
    first_title = page.title()
    with page.expect_navigation():
        page.locator('.pager a[rel="next"]').click()
    assert page.url == edge_url + "/news/page/2/"
    assert "第 2 页" in page.title() and page.title() != first_title
    assert page.locator(".card").count() == 5
    with page.expect_navigation():
        page.locator('.pager a[rel="prev"]').click()
    assert page.url == edge_url + "/news/"


@pytest.mark.parametrize(
    ("missing", "served", "home"),
    [
        ("/no/such/section/deep/page/", "/404.html", "/"),
        ("/en/news/2019/gone/for/good/", "/en/404.html", "/en/"),
    ],
)
def test_404_page_works_at_any_depth(page, site_url, missing, served, home) -> None:
    # A server answers any missing path with 404.html, keeping the visitor's URL.
    body = page.request.get(site_url + served).body()
    page.route(
        site_url + missing,
        lambda route: route.fulfill(status=404, body=body, content_type="text/html"),
    )
    response = page.goto(site_url + missing)
    assert response is not None and response.status == 404
    assert page.url == site_url + missing
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(251, 250, 246)", "the stylesheet did not load"
    assert page.evaluate("document.querySelector('.brand-mark').naturalWidth") > 0
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    for href in sorted(set(hrefs)):
        if "#" not in href:
            assert page.request.get(href).ok, f"{missing}: {href}"
    with page.expect_navigation():
        page.locator(".not-found-links a").first.click()
    assert page.url == site_url + home


def test_print_is_black_on_white_even_from_dark_mode(new_page, edge_url) -> None:
    page = new_page(700, 1000, color_scheme="dark")
    open_page(page, edge_url + "/news/rich/")
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        """() => Object.fromEntries(['body', 'pre', 'blockquote', '.tags a', 'h1'].map(s => {
          const style = getComputedStyle(document.querySelector(s));
          return [s, [style.color, style.backgroundColor]];
        }))"""
    )
    dark_backgrounds = {"rgb(17, 23, 22)", "rgb(24, 33, 31)", "rgb(29, 46, 42)"}
    for selector, (colour, background) in colours.items():
        assert background not in dark_backgrounds, f"{selector}: {background} on paper"
        assert colour in {"rgb(0, 0, 0)", "rgb(51, 51, 51)"}, f"{selector}: {colour}"
    table = page.locator("article.prose table")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"  # paper cannot scroll
    assert page.locator(".lang-switch").is_hidden()


@pytest.mark.parametrize(
    "pattern",
    [
        "events/2*/*/index.html",  # a month calendar
        "en/events/2*/*/index.html",
        "projects/*/index.html",  # a gallery
        "en/projects/*/index.html",
    ],
)
def test_axe_in_dark_mode_on_a_desktop(new_page, goto, axe, browser_site, pattern) -> None:
    out = browser_site.output
    found = sorted(out.glob(pattern))
    assert found, pattern
    path = "/" + str(found[-1].relative_to(out)).removesuffix("index.html")
    page = new_page(1280, 800, color_scheme="dark")
    goto(page, path)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(17, 23, 22)"
    violations = axe(page)
    assert violations == [], f"{path} (dark, desktop):\n{describe(violations)}"


def focus_trail(page: Any, presses: int) -> list[str]:
    trail = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        trail.append(
            page.evaluate(
                """() => { const e = document.activeElement;
                  if (e.closest('.lang-switch')) return 'lang';
                  if (e.closest('.site-nav')) return 'nav';
                  if (e.tagName === 'SUMMARY') return 'menu';
                  return e.className || e.tagName; }"""
            )
        )
    return trail


def test_keyboard_reaches_menu_and_language_switch_on_a_phone(new_page, goto) -> None:
    page = new_page(360, 740)
    goto(page, "/en/news/")
    assert focus_trail(page, 4) == ["skip-link", "brand", "menu", "lang"]


def test_keyboard_reaches_menu_and_language_switch_on_a_desktop(page, goto) -> None:
    goto(page, "/news/")
    assert focus_trail(page, 10) == ["skip-link", "brand", *["nav"] * 7, "lang"]


def test_skip_link_on_a_phone_continues_in_the_content(new_page, goto) -> None:
    page = new_page(360, 740)
    goto(page, "/en/news/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_brand_colour_reads_in_light_and_dark_mode(new_page, brand_site, axe, scheme) -> None:
    url, brand = brand_site
    page = new_page(360, 740, color_scheme=scheme)
    open_page(page, url + "/en/")
    link = page.evaluate("getComputedStyle(document.querySelector('main .more-link a')).color")
    red, green, blue = (int(brand[i : i + 2], 16) for i in (1, 3, 5))
    if scheme == "light":
        assert link == f"rgb({red}, {green}, {blue})"
    else:  # lighter, and still red
        r, g, b = (int(n) for n in link[4:-1].split(","))
        assert r > red and r > g and r > b, link
    violations = axe(page)
    assert violations == [], f"brand colour ({scheme}):\n{describe(violations)}"
