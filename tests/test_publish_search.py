"""Site search in a real browser: the published fixture site, served on 127.0.0.1, searched
through Pagefind's API and through the search page, under the site's Content-Security-Policy.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, Build, build_site

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Collects what the page's Content-Security-Policy blocked (Playwright injects this through
# the DevTools protocol, which the policy does not govern).
WATCH_CSP = """
window.__blocked = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__blocked.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""
# Pagefind's own API, in the page: the language comes from the page's <html lang>.
SEARCH = """async (query) => {
  const pagefind = await import(document.getElementById("search").dataset.bundle + "pagefind.js");
  await pagefind.init();
  const found = await pagefind.search(query);
  return Promise.all(found.results.map((r) => r.data().then((d) => d.url)));
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Build]]:
    """The fixture site built for the address it is served at, like a real host."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CP_SKIP_BROWSER") == "1":
            pytest.skip("Chromium not found (CP_SKIP_BROWSER=1)")
        pytest.fail("Chromium not found: apt-get install chromium")
    output = tmp_path_factory.mktemp("published") / "output"
    output.mkdir()
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
         "--directory", str(output)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        words = server.stdout.readline().split()
        url = f"http://127.0.0.1:{int(words[words.index('port') + 1])}"
        with pytest.MonkeyPatch.context() as env:
            env.setenv("SITEURL", url)
            build = build_site(FIXTURES / "publish_basic" / "content", output, "publishconf.py")
        assert build.problems(logging.ERROR) == []
        yield url, build
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def open_page(browser: Any, served: tuple[str, Build]) -> Iterator[Any]:
    contexts: list[Any] = []

    def open_path(path: str, width: int = 1280) -> Any:
        context = browser.new_context(viewport={"width": width, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(WATCH_CSP)
        response = page.goto(served[0] + path)
        assert response is not None and response.ok, path
        return page

    yield open_path
    for context in contexts:
        context.close()


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/search/", "墙绘", ["/news/youth-home-murals/"]),
        ("/search/", "直播", ["/news/fathers-day-live/"]),
        ("/search/", "酃湖乡", ["/about/"]),
        ("/en/search/", "murals", ["/en/news/youth-home-murals/"]),
        ("/en/search/", "Linghu", ["/en/about/"]),
        # Each language searches its own index only.
        ("/search/", "murals", []),
        ("/en/search/", "墙绘", []),
    ],
)
def test_pagefind_finds_the_article_in_the_page_language(
    open_page: Any, path: str, query: str, expected: list[str]
) -> None:
    page = open_page(path)
    assert page.evaluate(SEARCH, query) == expected
    assert page.evaluate("window.__blocked") == []


@pytest.mark.parametrize(
    ("path", "query", "article", "width"),
    [
        ("/search/", "青年之家", "/news/youth-home-murals/", 360),  # a phone
        ("/en/search/", "murals", "/en/news/youth-home-murals/", 1280),
    ],
)
def test_the_search_page_shows_results_under_the_policy(
    open_page: Any, path: str, query: str, article: str, width: int
) -> None:
    page = open_page(path, width)
    box = page.locator("#search input").first
    box.wait_for(state="visible", timeout=10_000)
    box.fill(query)
    link = page.locator(f'#search a[href$="{article}"]').first
    link.wait_for(state="visible", timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate("window.__blocked") == []
    link.click()
    page.wait_for_url(f"**{article}")


@pytest.mark.parametrize("path", ["/", "/en/", "/news/youth-home-murals/", "/en/about/"])
def test_pages_run_under_the_policy(open_page: Any, path: str) -> None:
    page = open_page(path)
    page.wait_for_load_state("load")
    meta = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert meta.count() == 1
    assert page.evaluate("window.__blocked") == []
