"""The theme over the whole sample site (events, galleries and all): every page's language."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, is_poster

pytestmark = pytest.mark.slow

CJK = re.compile(r"[\u3400-\u9fff]")
# Interface parts of a page (content text may quote the other language, the interface not).
INTERFACE = "header.site-header, footer.site-footer, .crumbs li:first-child, .cal thead, .pager"


def pages(build: Build) -> list[tuple[str, BeautifulSoup]]:
    return [
        (str(p.relative_to(build.output)), BeautifulSoup(p.read_text("utf-8"), "html5lib"))
        for p in sorted(build.output.rglob("*.html"))
    ]


@pytest.fixture(scope="module")
def site_pages(sample_site: Build) -> list[tuple[str, BeautifulSoup]]:
    return pages(sample_site)


def target(build: Build, page: str, href: str) -> Path:
    path = href.split("#", 1)[0]
    base = build.output if path.startswith("/") else (build.output / page).parent
    resolved = Path(os.path.normpath(base / path.lstrip("/")))
    return resolved / "index.html" if path.endswith("/") or resolved.is_dir() else resolved


def test_every_page_has_the_right_lang_and_a_working_switch(sample_site, site_pages) -> None:
    for path, page in site_pages:
        english = path.startswith("en/")
        assert page.html["lang"] == ("en" if english else "zh-Hans"), path
        if is_poster(page):
            continue
        switch = page.select(".lang-switch a")
        assert [a["hreflang"] for a in switch] == (["zh-Hans"] if english else ["en"]), path
        destination = target(sample_site, path, switch[0]["href"])
        assert destination.exists(), f"{path}: {switch[0]['href']}"
        other = BeautifulSoup(destination.read_text("utf-8"), "html5lib")
        assert other.html["lang"] == switch[0]["hreflang"], path


def test_no_interface_string_of_the_other_language(site_pages) -> None:
    for path, page in site_pages:
        text = " ".join(
            str(string)
            for part in page.select(INTERFACE)
            for string in part.find_all(string=True)
            if not string.find_parent(class_="lang-switch")  # names the other language
        )
        if path.startswith("en/"):
            assert not CJK.search(text), f"{path}: {CJK.findall(text)[:10]}"
        else:
            assert not re.findall(r"\b[A-Za-z]{3,}\b", text), path


def test_translated_pages_switch_to_their_translation(sample_site, site_pages) -> None:
    # Every article, event, page and project has both languages in the sample content.
    for path, page in site_pages:
        if re.match(r"(en/)?(news|events|projects)/[a-z0-9-]+/index\.html$", path):
            href = page.select_one(".lang-switch a")["href"]
            other = str(target(sample_site, path, href).relative_to(sample_site.output))
            expected = path.removeprefix("en/") if path.startswith("en/") else "en/" + path
            assert other == expected, path
