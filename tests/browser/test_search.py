"""The search page on a published build: Pagefind's UI in our page, per language."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT, build_site, describe

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def published_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site built with publishconf.py (search index included), served at the
    absolute SITEURL it was built for."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    output = tmp_path_factory.mktemp("published") / "output"
    build = build_site(ROOT / "content", output, conf="publishconf.py", SITEURL=url)
    assert (output / "pagefind" / "pagefind-ui.js").exists(), build.problems()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(output)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield url
    finally:
        server.terminate()
        server.wait(timeout=5)


def search(page: Any, url: str, query: str) -> list[str]:
    page.goto(url)
    box = page.locator("#search input")
    box.wait_for()
    assert box.get_attribute("aria-label")
    box.fill(query)
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for()
    # Pagefind fills its results in as their fragments arrive: wait until all have loaded.
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "[...document.querySelectorAll('.pagefind-ui__result-link')]"
        ".every(a => a.textContent.trim() && a.getAttribute('href'))"
    )
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def test_chinese_query_finds_chinese_pages(page, published_url, axe) -> None:
    hrefs = search(page, published_url + "/search/", "青年之家")
    assert hrefs
    assert not [h for h in hrefs if "/en/" in h]
    violations = axe(page)
    assert violations == [], describe(violations)


def test_english_query_finds_english_pages(page, published_url) -> None:
    hrefs = search(page, published_url + "/en/search/", "homework")
    assert hrefs
    assert all("/en/" in h for h in hrefs)
