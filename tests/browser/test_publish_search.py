"""Site search and the Content-Security-Policy on a `make publish` build, in the browser.

The site is the harness's ``published_url``: tests/fixtures/publish_basic built with
publishconf.py (Pagefind index, minified pages, the policy in a <meta>), served on 127.0.0.1
at the address it was built for. Pagefind is queried through its own API in the page (exact
results) and through our search page (what a reader does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from conftest import describe

pytestmark = pytest.mark.browser

# Collects what the page's Content-Security-Policy blocked (Playwright injects this through
# the DevTools protocol, which the policy does not govern).
WATCH_CSP = """
window.__blocked = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__blocked.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
# Pagefind's own API, in the page: the language comes from the page's <html lang>. Each
# result's `field`: its url, or the text Pagefind keeps of it (its excerpts' source).
SEARCH_FIELD = """async ([query, field]) => {
  const pagefind = await import(document.getElementById("search").dataset.bundle + "pagefind.js");
  await pagefind.init();
  const found = await pagefind.search(query);
  return Promise.all(found.results.map((r) => r.data().then((d) => d[field])));
}"""
SEARCH = "(query) => (" + SEARCH_FIELD + ")([query, 'url'])"


@pytest.fixture
def open_published(new_page: Callable[..., Any], published_url: str) -> Callable[..., Any]:
    """Open a path of the published site in a fresh page that records CSP violations."""

    def open_path(path: str, width: int = 1280, height: int = 800) -> Any:
        page = new_page(width, height)
        page.add_init_script(WATCH_CSP)
        response = page.goto(published_url + path)
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        return page

    return open_path


def test_a_chinese_query_finds_the_chinese_article_only(open_published: Any) -> None:
    # 青年之家 is also a tag of the English translation: each language has its own index.
    page = open_published("/search/")
    assert page.evaluate(SEARCH, "青年之家") == ["/news/youth-home-murals/"]
    assert page.evaluate(SEARCH, "murals") == []
    assert page.evaluate("window.__blocked") == []


def test_an_english_query_finds_the_english_article_only(open_published: Any) -> None:
    page = open_published("/en/search/")
    assert page.evaluate(SEARCH, "murals") == ["/en/news/youth-home-murals/"]
    assert page.evaluate(SEARCH, "墙绘") == []
    assert page.evaluate("window.__blocked") == []


def test_the_search_page_works_on_a_phone_under_the_policy(open_published: Any, axe: Any) -> None:
    page = open_published("/search/", width=360, height=740)
    box = page.locator("#search input").first
    box.wait_for(state="visible", timeout=10_000)
    assert box.get_attribute("aria-label")
    box.fill("青年之家")
    link = page.locator('#search a[href$="/news/youth-home-murals/"]').first
    link.wait_for(state="visible", timeout=10_000)
    assert page.locator('#search a[href*="/en/"]').count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("window.__blocked") == []
    violations = axe(page)
    assert violations == [], describe(violations)
    link.click()
    page.wait_for_url("**/news/youth-home-murals/")


@pytest.mark.parametrize(
    "path", ["/", "/en/", "/news/youth-home-murals/", "/en/about/", "/en/search/"]
)
def test_pages_run_under_the_policy(open_published: Any, path: str) -> None:
    page = open_published(path)
    page.wait_for_load_state("load")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert page.evaluate("window.__blocked") == []


def test_words_of_adjacent_cells_stay_apart(open_published: Any) -> None:
    """The article's table heads the columns 'Wall' and 'Painted by'. The minified page
    has no space between the two cells, and Pagefind read them as 'WallPainted': the
    index is made before minifying."""
    page = open_published("/en/search/")
    (text,) = page.evaluate(SEARCH_FIELD, ["wall", "content"])
    assert "Wall Painted by North" in text
    assert "WallPainted" not in text
