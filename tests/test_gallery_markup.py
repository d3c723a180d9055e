"""Finding content images and writing <picture>: the gallery core, without Pelican."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from gallery import markup
from gallery.model import Candidate, Picture, Source


@pytest.mark.parametrize(
    ("src", "folder", "expected"),
    [
        ("{static}/images/a.jpg", "articles", "images/a.jpg"),
        ("{attach}a.jpg", "articles", "articles/a.jpg"),
        ("{filename}/images/a.JPEG", "articles", "images/a.JPEG"),
        ("|static|/images/a.png", "articles", "images/a.png"),  # Pelican 3 syntax
        ("../images/a.webp", "articles", "images/a.webp"),  # relative to the Markdown file
        ("photo%20one.jpg", "articles/2024", "articles/2024/photo one.jpg"),
        ("/images/a.jpg?v=2#top", "articles", "images/a.jpg"),
        # not ours: elsewhere, not a photo, leaving content
        ("https://example.org/a.jpg", "articles", None),
        ("//cdn.example.org/a.jpg", "articles", None),
        ("data:image/png;base64,AAAA", "articles", None),
        ("{static}/images/logo.svg", "articles", None),
        ("../../outside.jpg", "articles", None),
        ("", "articles", None),
    ],
)
def test_local_image_path(src, folder, expected):
    assert markup.local_image_path(src, folder) == expected


def test_find_images_skips_those_already_in_a_picture():
    text = (
        '<p><img alt="A &amp; B" src="{static}/a.jpg" title="t"></p>'
        '<picture><source srcset="x.webp"><img src="x.jpg" alt=""></picture>'
        "<IMG SRC='b.png'>"
    )
    found = markup.find_images(text)
    assert [dict(t.attrs) for t in found] == [
        {"alt": "A & B", "src": "{static}/a.jpg", "title": "t"},
        {"src": "b.png"},
    ]
    assert (
        text[found[0].start : found[0].end]
        == '<img alt="A &amp; B" src="{static}/a.jpg" title="t">'
    )


def candidates(fmt: str) -> tuple[Candidate, ...]:
    return tuple(Candidate(f"photos/k/a-{w}.{fmt}", w, w // 2) for w in (320, 640))


PICTURE = Picture(
    sources=(Source("image/avif", candidates("avif")), Source("image/webp", candidates("webp"))),
    fallback=Source("image/jpeg", candidates("jpg")),
    width=640,
    height=320,
    src="photos/k/a-640.jpg",
    large=candidates("jpg")[-1],
)


def test_picture_markup():
    html = markup.picture_markup(
        PICTURE,
        alt='Two "benches"',
        sizes="100vw",
        loading="lazy",
        siteurl="..",
        extra={"title": "Park", "src": "ignored", "width": "9"},
    )
    soup = BeautifulSoup(html, "html.parser")
    sources = soup.find_all("source")
    assert [s["type"] for s in sources] == ["image/avif", "image/webp"]
    assert sources[0]["srcset"] == "../photos/k/a-320.avif 320w, ../photos/k/a-640.avif 640w"
    img = soup.find("img")
    assert img["src"] == "../photos/k/a-640.jpg"
    assert img["srcset"] == "../photos/k/a-320.jpg 320w, ../photos/k/a-640.jpg 640w"
    assert (img["width"], img["height"], img["alt"]) == ("640", "320", 'Two "benches"')
    assert (img["loading"], img["decoding"], img["sizes"], img["title"]) == (
        "lazy", "async", "100vw", "Park"
    )  # fmt: skip


def test_eager_picture_has_no_loading_attribute():
    html = markup.picture_markup(PICTURE, alt="", sizes="100vw", loading="eager")
    assert "loading=" not in html
    assert markup.SITEURL_TOKEN in html


@pytest.mark.parametrize(
    ("siteurl", "relative", "expected"),
    [
        ("..", True, "../photos/a.jpg"),
        (".", True, "./photos/a.jpg"),
        ("", True, "photos/a.jpg"),
        ("https://example.org", False, "https://example.org/photos/a.jpg"),
        ("https://example.org/sub/", False, "https://example.org/sub/photos/a.jpg"),
        ("", False, "/photos/a.jpg"),
    ],
)
def test_fill_siteurl(siteurl, relative, expected):
    text = f'<img src="{markup.SITEURL_TOKEN}/photos/a.jpg">'
    assert markup.fill_siteurl(text, siteurl, relative) == f'<img src="{expected}">'
