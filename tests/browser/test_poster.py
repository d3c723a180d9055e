"""Event posters in Chromium: printed to PDF they are exactly one A4 (or A5) page, the title
is at least 48 pt, black on white, and the QR code read from a picture of the printed
poster opens the event's page at the address the site was built for.

The site (tests/fixtures/posters_basic, as of 10 June 2024) is built for the address it is
served at, as a published site is; see tests/test_posters.py for what each event is.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, build_site, describe
from PIL import Image
from poster_helpers import decode_image
from pypdf import PdfReader

from .conftest import _serve

pytestmark = pytest.mark.browser

CONTENT = FIXTURES / "posters_basic" / "content"
EVENTS = [
    "events/summer-fair/",
    "en/events/summer-fair/",
    "events/choir/",  # cancelled
    "events/tai-chi/",  # a series
    "en/events/long-title/",  # far too much text for one sheet
]
PT = 72 / 25.4  # PDF points per millimetre
PAPER = {"A4": (210 * PT, 297 * PT), "A5": (148 * PT, 210 * PT)}


def _served_site(tmp: Path, **settings: object) -> Iterator[str]:
    output = tmp / "output"
    output.mkdir()
    with _serve(output) as url:
        build = build_site(CONTENT, output, EVENTS_NOW="2024-06-10 12:00", SITEURL=url, **settings)
        assert (output / "events/choir/poster/index.html").is_file(), build.problems()
        yield url


@pytest.fixture(scope="module")
def posters_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served_site(tmp_path_factory.mktemp("posters"))


@pytest.fixture(scope="module")
def a5_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _served_site(tmp_path_factory.mktemp("posters_a5"), POSTER_PAPER="A5")


def _open(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, url


def _printed(page: Any) -> PdfReader:
    """The page as Chromium prints it, on the paper its CSS asks for."""
    return PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))


def _qr_codes(page: Any) -> list[str]:
    """The QR codes zxing-cpp reads in a screenshot of the poster as printed."""
    page.emulate_media(media="print")
    picture = Image.open(io.BytesIO(page.locator("main.poster").screenshot()))
    return decode_image(picture.convert("L"))


@pytest.mark.parametrize("event", EVENTS)
def test_a_poster_prints_on_one_a4_page(page: Any, posters_url: str, event: str) -> None:
    _open(page, f"{posters_url}/{event}poster/")
    pdf = _printed(page)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAPER["A4"], abs=2)


@pytest.mark.parametrize("event", EVENTS)
def test_the_printed_qr_code_opens_the_event_page(page: Any, posters_url: str, event: str) -> None:
    _open(page, f"{posters_url}/{event}poster/")
    assert _qr_codes(page) == [f"{posters_url}/{event}"]


def test_an_a5_poster_is_one_a5_page_with_a_readable_qr_code(page: Any, a5_url: str) -> None:
    _open(page, f"{a5_url}/en/events/long-title/poster/")
    pdf = _printed(page)
    assert len(pdf.pages) == 1
    box = pdf.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(PAPER["A5"], abs=2)
    assert _qr_codes(page) == [f"{a5_url}/en/events/long-title/"]


@pytest.mark.parametrize("url", ["posters_url", "a5_url"])
def test_printed_black_on_white_with_a_large_title(
    page: Any, url: str, request: pytest.FixtureRequest
) -> None:
    _open(page, f"{request.getfixturevalue(url)}/events/choir/poster/")
    page.emulate_media(media="print")
    style = page.evaluate(
        """() => {
          const s = (q) => getComputedStyle(document.querySelector(q));
          return {title: parseFloat(s('h1').fontSize), colour: s('h1').color,
                  paper: s('main').backgroundColor, bar: s('.poster-bar').display,
                  status: parseFloat(s('.poster-status').fontSize)};
        }"""
    )
    assert style["title"] >= 48 * 96 / 72  # 48 pt in CSS pixels
    assert style["status"] >= 48 * 96 / 72  # "cancelled", as large as the title
    assert style["colour"] == "rgb(0, 0, 0)"
    assert style["paper"] == "rgb(255, 255, 255)"
    assert style["bar"] == "none"  # the screen-only bar is not printed


@pytest.mark.parametrize("path", ["events/tai-chi/poster/", "en/events/summer-fair/poster/"])
def test_a_poster_passes_axe(
    new_page: Callable[..., Any], axe: Callable[..., list[dict[str, Any]]], posters_url: str,
    path: str,
) -> None:  # fmt: skip
    for width, height in ((1280, 800), (360, 740)):
        page = new_page(width=width, height=height)
        _open(page, f"{posters_url}/{path}")
        violations = axe(page)
        assert violations == [], describe(violations)


def test_the_event_page_with_its_poster_link_passes_axe(
    page: Any, axe: Callable[..., list[dict[str, Any]]], posters_url: str
) -> None:
    _open(page, f"{posters_url}/events/tai-chi/")
    link = page.get_by_role("link", name="打印海报")
    assert link.is_visible()
    violations = axe(page)
    assert violations == [], describe(violations)
    with page.expect_navigation():
        link.click()
    assert page.url == f"{posters_url}/events/tai-chi/poster/"
