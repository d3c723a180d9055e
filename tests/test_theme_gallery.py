"""`gallery: NAME` on an article, a page and an event shows the photo grid (issue 4).

The site is written into tmp_path; its photos are drawn by tests/gallery_helpers.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build_site
from gallery_helpers import make_photo
from jinja2 import StrictUndefined

SITEURL = "https://example.org"
SETTINGS = {
    "SITEURL": SITEURL,
    "RELATIVE_URLS": False,
    "GALLERY_WIDTHS": [16, 32, 48],
    "GALLERY_WORKERS": 1,
    "EVENTS_NOW": "2024-06-10 12:00",
    "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True,
                          "undefined": StrictUndefined, "extensions": []},
}  # fmt: skip
# Output page -> the photos its gallery shows, in order, and their alt texts.
PAGES = {
    "news/walk/index.html": ["a.jpg", "b.jpg", "c.jpg"],
    "walk-photos/index.html": ["a.jpg", "b.jpg", "c.jpg"],
    "events/clean-up/index.html": ["d.jpg", "e.jpg"],
}
ALTS = {
    "news/walk/index.html": ["两个孩子在种树", "第二张", "第 3 张，共 3 张"],
    "events/clean-up/index.html": ["第 1 张，共 2 张", "第 2 张，共 2 张"],
}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def gallery_site(root: Path) -> Path:
    """An article and a page sharing one gallery, an event with another, a plain article."""
    content = root / "content"
    for name in ("a", "b", "c"):
        make_photo(content / "galleries" / "walk" / f"{name}.jpg")
    for name in ("d", "e"):
        make_photo(content / "galleries" / "clean-up" / f"{name}.jpg", 6)
    write(
        content / "galleries" / "walk" / "captions.txt",
        "a.jpg: 植树 | 两个孩子在种树\nb.jpg: 第二张\n",
    )
    write(
        content / "articles" / "walk.md",
        "Title: 春天的植树活动\nSlug: walk\nDate: 2024-04-01 10:00\ngallery: walk\n"
        "cover: b.jpg\n\n正文在照片前面。\n",
    )
    write(
        content / "articles" / "plain.md",
        "Title: 没有照片\nSlug: plain\nDate: 2024-04-02\n\n文字。\n",
    )
    write(
        content / "pages" / "walk-photos.md",
        "Title: 植树照片\nSlug: walk-photos\ngallery: walk\n\n正文在照片前面。\n",
    )
    write(
        content / "events" / "clean-up.md",
        "Title: 社区大扫除\nSlug: clean-up\nDate: 2024-06-01 09:00\nevent-start: 2024-06-15 09:00\n"
        "gallery: clean-up\n\n正文在照片前面。\n",
    )
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("theme_gallery")
    result = build_site(
        gallery_site(work), work / "output",
        JINJA_BYTECODE_CACHE_PATH=str(work / "cache" / "jinja"), **SETTINGS,
    )  # fmt: skip
    # The photos carry GPS and some have no alt text on purpose (the tests below look at
    # what the theme does then): the rule book's warnings about them, and nothing else.
    deliberate = ("photo carries a GPS location", "has no alt text")
    assert [p for p in result.problems() if not any(d in p for d in deliberate)] == []
    return result


def soup(site: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(page), "html5lib")


def local(site: Build, url: str) -> Path:
    return site.output / url.split("?", maxsplit=1)[0].removeprefix(SITEURL + "/")


@pytest.mark.parametrize("page", PAGES)
def test_the_gallery_grid_follows_the_content(site: Build, page: str) -> None:
    html = soup(site, page)
    galleries = html.select("main section.gallery[data-lightbox]")
    assert len(galleries) == 1
    gallery = galleries[0]
    # after the text, inside the article or event
    assert gallery.find_previous("p").get_text() == "正文在照片前面。"
    assert gallery.find_parent("article") is not None
    links = gallery.select(".gallery-grid > li a.gallery-link")
    names = [Path(a["href"]).name.rsplit("-", 1)[0] for a in links]
    assert names == [Path(n).stem for n in PAGES[page]]
    for link in links:
        assert local(site, link["href"]).is_file()
        img = link.find("img")
        assert img["alt"].strip()
        assert img["width"] and img["height"]
        widths = [c.rsplit(" ", 1)[1] for c in img["srcset"].split(", ")]
        assert widths == ["16w", "32w", "48w"]
        for candidate in img["srcset"].split(", "):
            assert local(site, candidate.rsplit(" ", 1)[0]).is_file()
        assert link.find("source", type="image/webp")["srcset"]


@pytest.mark.parametrize("page", ALTS)
def test_alt_text_from_captions_else_numbered(site: Build, page: str) -> None:
    alts = [img["alt"] for img in soup(site, page).select(".gallery-grid img")]
    assert alts == ALTS[page]


@pytest.mark.parametrize("page", PAGES)
def test_gallery_assets_load_once_after_the_site_stylesheet(site: Build, page: str) -> None:
    html = soup(site, page)
    styles = [link["href"] for link in html.select('link[rel="stylesheet"]')]
    assert [s.split("?")[0].rsplit("/", 1)[1] for s in styles] == ["site.css", "gallery.css"]
    lightbox = [s for s in html.select("script[src]") if "/js/lightbox.js" in s["src"]]
    assert len(lightbox) == 1
    assert lightbox[0].has_attr("defer")
    for url in [*styles, lightbox[0]["src"]]:
        assert local(site, url).is_file()


def test_og_image_is_the_pages_own_share_card(site: Build) -> None:
    """A page with a gallery shares its card (which carries the cover: tests/
    test_sharecards.py), never the bare photo; one without shares its card too."""

    def og_image(page: str) -> str:
        return soup(site, page).select_one('meta[property="og:image"]')["content"]

    assert "/share/zh/article/walk.jpg?v=" in og_image("news/walk/index.html")
    assert "/share/zh/event/clean-up.jpg?v=" in og_image("events/clean-up/index.html")
    for page in ("news/walk/index.html", "events/clean-up/index.html"):
        path = og_image(page).split("?")[0].split("/share/", 1)[1]
        assert (site.output / "share" / path).is_file()
    assert "/share/zh/article/plain.jpg?v=" in og_image("news/plain/index.html")


def test_pages_without_a_gallery_load_no_gallery_assets(site: Build) -> None:
    html = site.read("news/plain/index.html")
    assert "gallery.css" not in html
    assert "lightbox.js" not in html
