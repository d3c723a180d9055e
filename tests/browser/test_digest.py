"""The weekly digest page in Chromium: the Copy button puts the rich text and the plain
text on the clipboard, read back here; axe-core finds nothing on the digest pages.

The site is tests/test_digest.py's small one, published (with the site's CSP) and served.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import build_site, describe
from test_digest import SETTINGS, digest_site

from browser.conftest import _serve

pytestmark = pytest.mark.browser

WEEK = "/digest/2024-W26/"
PREVIEW = {key: value for key, value in SETTINGS.items() if key not in ("SITEURL", "RELATIVE_URLS")}
READ_CLIPBOARD = """async () => {
  const found = {};
  for (const item of await navigator.clipboard.read()) {
    for (const type of item.types) found[type] = await (await item.getType(type)).text();
  }
  return found;
}"""


@pytest.fixture(scope="module")
def digest_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A publish build (publishconf.py: its Content-Security-Policy, which refuses inline
    styles and allows fetching from the site itself), served at the SITEURL it was built
    for."""
    output = tmp_path_factory.mktemp("digest_browser") / "output"
    output.mkdir()
    with _serve(output) as url:
        with pytest.MonkeyPatch.context() as env:  # publishconf.py reads SITEURL from here
            env.setenv("SITEURL", url)
            build = build_site(digest_site(output.parent), output, "publishconf.py", **PREVIEW)
        errors = build.problems(logging.ERROR)
        assert errors == [], "\n".join(errors)
        assert "connect-src 'self'" in build.read("digest/2024-W26/index.html")
        yield url


def test_copy_puts_rich_and_plain_text_on_the_clipboard(browser: Any, digest_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=digest_url)
        page = context.new_page()
        page.goto(digest_url + WEEK)
        button = page.locator("[data-digest-copy]")
        button.wait_for(state="visible")  # the script shows it
        button.click()
        status = page.locator("[data-digest-status]")
        copied = str(button.get_attribute("data-copied"))
        page.wait_for_function(
            "text => document.querySelector('[data-digest-status]').textContent === text",
            arg=copied,
        )
        assert status.text_content() == copied
        clipboard = page.evaluate(READ_CLIPBOARD)
        plain = page.evaluate(
            "url => fetch(url).then(r => r.text())", digest_url + WEEK[:-1] + ".txt"
        )
    finally:
        context.close()
    assert clipboard["text/plain"] == plain
    html = clipboard["text/html"]
    assert "style=" in html and "社区大扫除" in html
    assert "<script" not in html.lower()


def test_without_clipboard_access_it_says_so(browser: Any, digest_url: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(digest_url + WEEK)
        page.evaluate(
            "() => { navigator.clipboard.write = () => Promise.reject(new Error('denied'));"
            " navigator.clipboard.writeText = navigator.clipboard.write; }"
        )
        button = page.locator("[data-digest-copy]")
        button.click()
        failed = str(button.get_attribute("data-failed"))
        page.wait_for_function(
            "text => document.querySelector('[data-digest-status]').textContent === text",
            arg=failed,
        )
    finally:
        context.close()


@pytest.mark.parametrize("path", [WEEK, "/digest/", "/en" + WEEK])
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_finds_nothing_on_the_digest_pages(
    new_page: Any, axe: Any, digest_url: str, path: str, width: int
) -> None:
    page = new_page(width, 800)
    response = page.goto(digest_url + path)
    assert response is not None and response.ok, path
    violations = axe(page)
    assert violations == [], f"{path} at {width}px:\n{describe(violations)}"
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than the window"
