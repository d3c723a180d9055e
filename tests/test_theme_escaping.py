"""Titles and the community's words are text: the theme escapes them wherever it prints.

Found by a tester: a title 'Kids<teens games' passed make check (it is no tag) and the
browser read the rest of the page as an element (the heading said "Kids", the listing's
link swallowed the next entries); a community named 'Friends of "The Park"' broke
og:site_name and the feed link's title on every page.
"""

from __future__ import annotations

from pathlib import Path

import html5lib
import pytest
from conftest import build_site

TITLE = 'Kids<teens games & "more"'
NAME = 'Friends of "The Park" <Riverside>'
SUBNAME = "Tom & Jerry's <club>"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("escaping")
    content = work / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles" / "kids.md").write_text(
        f"Title: {TITLE}\nSlug: kids\nDate: 2024-06-01\nTags: Kids\n\nText.\n",
        encoding="utf-8",
    )
    (content / "pages" / "about.md").write_text(
        'Title: About <us> & "them"\nSlug: about\n\nWho we are.\n', encoding="utf-8"
    )
    build_site(
        content,
        work / "output",
        SITENAME=NAME,
        I18N_UI_SITENAME={},
        SITE_SUBNAME=SUBNAME,
        DEFAULT_LANG="en",
        I18N_UI_LANGUAGES=["en"],
        TIMEZONE="Europe/London",
        FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    return work / "output"


def parse(path: Path) -> object:
    """The page as a browser reads it; any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(path.read_bytes())


def text(element: object) -> str:
    return "".join(element.itertext()).strip()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "page",
    [
        "news/kids/index.html",
        "index.html",
        "news/index.html",
        "archives/index.html",
        "about/index.html",
    ],
)
def test_every_page_parses_and_keeps_the_words_as_written(site: Path, page: str) -> None:
    tree = parse(site / page)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in tree.iter("meta")}
    assert meta["og:site_name"] == NAME
    feeds = [
        link.get("title") for link in tree.iter("link") if link.get("type", "").endswith("atom+xml")
    ]
    assert feeds and all(title.startswith(NAME) for title in feeds)
    assert NAME in text(tree.find(".//title"))
    assert text(tree.find(".//*[@class='brand-name']")) == NAME
    assert text(tree.find(".//*[@class='brand-sub']")) == SUBNAME


def test_the_title_is_shown_as_written(site: Path) -> None:
    article = parse(site / "news" / "kids" / "index.html")
    assert text(article.find(".//h1")) == TITLE
    assert text(article.find(".//title")).startswith(TITLE)
    meta = {m.get("property"): m.get("content") for m in article.iter("meta")}
    assert meta["og:title"].startswith(TITLE)
    listing = parse(site / "news" / "index.html")
    links = [text(a) for a in listing.iter("a") if (a.get("href") or "").endswith("news/kids/")]
    assert TITLE in links
    about = parse(site / "about" / "index.html")
    assert text(about.find(".//h1")) == 'About <us> & "them"'
