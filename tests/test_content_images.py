"""Pictures in an article in every format an editor may bring, by relative path and by
``{static}``, as docs/EDITING.md tells them to write pictures.

What the site can publish safely it publishes: JPEG and PNG become a ``<picture>`` of
derivatives; a GIF is published as it is, without its comments and XMP, every frame kept.
The rest (SVG, TIFF, HEIC...) `make check` and the build both refuse, before anything is
written, on the line of the picture, saying what to do; as they refuse a ``{static}`` link
to a file the site could only publish with its metadata.
"""

from __future__ import annotations

import io
import logging
import posixpath
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build_site, run_build
from gallery_helpers import leaks, looks_upright, make_photo
from PIL import Image
from test_gallery_edge import gif_with_metadata
from test_gallery_errors import SMALL, checked, settings_file, write

ARTICLE = "content/articles/fun.md"

# Line 5 on: every picture on a line of its own, as the expected problems name them.
REFUSED = """\
Title: Fun
Slug: fun
Date: 2024-06-19

![Dancing cat](cat.gif)

![Map of the route](map.svg)

![A scan]({static}scan.tiff)

<img alt="The plan" src="{static}/images/plan.svg">

![A scanned letter](letter.tif)

Download [the whole scan]({static}/images/full.tiff).

![A phone photo](holiday.heic)

![A photo](photo.jpg)

![A screenshot]({static}shot.png)
"""

SVG = "SVG images are not published"
TIFF = "TIFF images are not published"
EXPECTED = [
    f"{ARTICLE}:7: error: image 'map.svg': {SVG}",
    f"{ARTICLE}:9: error: image '{{static}}scan.tiff': {TIFF}",
    f"{ARTICLE}:11: error: image '{{static}}/images/plan.svg': {SVG}",
    f"{ARTICLE}:13: error: image 'letter.tif': {TIFF}",
    f"{ARTICLE}:15: error: link '{{static}}/images/full.tiff': the site cannot publish the "
    "file without its metadata (TIFF images with metadata cannot be cleaned)",
    f"{ARTICLE}:17: error: image 'holiday.heic': HEIC photos are not published",
]

PUBLISHED = """\
Title: Fun
Slug: fun
Date: 2024-06-19

![Dancing cat](cat.gif)

<img alt="Waving flag" src="/images/flag.gif">

![A photo](photo.jpg)

![A screenshot]({static}shot.png)

Download [the plan]({static}/images/plan.pdf).
"""


@pytest.fixture(autouse=True)
def in_the_site_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files are named from the site's folder (`content/articles/...`), as in `make html`."""
    monkeypatch.chdir(tmp_path)


def svg(path: Path) -> None:
    """An SVG as drawing programs save it: a script and the author's folders in it."""
    write(
        path,
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        "<metadata>C:\\Users\\wang\\Desktop\\route.svg</metadata>"
        '<script>alert(1)</script><rect width="10" height="10"/></svg>\n',
    )


def tiff(path: Path) -> None:
    """A scan as a scanner saves it: a TIFF naming the machine."""
    exif = Image.Exif()
    exif[0x010F] = "ScannerMaker"  # Make
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (40, 30), (200, 190, 170)).save(path, "TIFF", exif=exif.tobytes())


def photos(articles: Path) -> None:
    make_photo(articles / "photo.jpg")
    make_photo(articles / "shot.png", fmt="PNG")


def refused_site(content: Path) -> None:
    articles = content / "articles"
    write(articles / "fun.md", REFUSED)
    gif_with_metadata(articles / "cat.gif")
    svg(articles / "map.svg")
    svg(content / "images" / "plan.svg")
    tiff(articles / "scan.tiff")
    tiff(articles / "letter.tif")
    tiff(content / "images" / "full.tiff")
    (articles / "holiday.heic").write_bytes(b"\0\0\0\x18ftypheic\0\0\0\0heicmif1")
    photos(articles)


def errors_of(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(ARTICLE) and ": error: " in line]


def test_make_check_refuses_each_picture_on_its_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    refused_site(content)
    found = errors_of(checked(content, tmp_path))
    assert len(found) == len(EXPECTED), found
    for said, expected in zip(found, EXPECTED, strict=True):
        assert said.startswith(expected), said
    # Each says what to do instead.
    assert "export it as PNG" in found[0]
    assert "save it as JPEG" in found[1]
    assert "export it as JPEG" in found[5]
    # The GIF, the JPEG and the PNG are published: no error on their lines.
    assert not [line for line in found if any(f":{n}:" in line for n in (5, 19, 21))]


def test_the_build_refuses_them_with_the_same_lines_before_writing(tmp_path: Path) -> None:
    content = tmp_path / "content"
    refused_site(content)
    result = run_build(content, tmp_path / "output", settings_file(tmp_path, ""))
    printed = " ".join((result.stdout + result.stderr).split())  # the console wraps lines
    assert result.returncode != 0, printed
    assert not (tmp_path / "output").exists()  # nothing written, nothing half published
    for expected in EXPECTED:
        assert expected in printed, expected
    assert "Traceback" not in printed
    assert "(in the output)" not in printed  # refused by the rule book, not by the sweep


def published_site(content: Path) -> Path:
    articles = content / "articles"
    write(articles / "fun.md", PUBLISHED)
    gif_with_metadata(articles / "cat.gif")
    gif_with_metadata(content / "images" / "flag.gif")
    write(content / "images" / "plan.pdf", "%PDF-1.4 plan")
    photos(articles)
    return articles


SITE = "https://fun.example.org"
# A preview (relative addresses) and a published site (absolute ones, pages in workers).
CONFS = {
    "preview": ("pelicanconf.py", {}),
    "publish": ("publishconf.py", {"PUBLISH_PAGEFIND": False, "PUBLISH_PRECOMPRESS": False}),
}


@pytest.mark.parametrize("conf", CONFS)
def test_gif_jpeg_and_png_are_published_without_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, conf: str
) -> None:
    content = tmp_path / "content"
    articles = published_site(content)
    assert errors_of(checked(content, tmp_path)) == []
    monkeypatch.setenv("SITEURL", SITE)
    settings_file_, more = CONFS[conf]
    build = build_site(content, tmp_path / "output", conf=settings_file_, **SMALL, **more)
    assert build.problems(logging.ERROR) == []
    page = "news/fun/index.html"
    html = BeautifulSoup(build.read(page), "html5lib")
    main = html.find("main")
    assert main is not None

    def published(src: str) -> Path:
        if src.startswith(f"{SITE}/"):
            return build.output / src.removeprefix(f"{SITE}/")
        return build.output / posixpath.normpath(posixpath.join(posixpath.dirname(page), src))

    for alt, source in (("Dancing cat", articles / "cat.gif"),
                        ("Waving flag", content / "images" / "flag.gif")):  # fmt: skip
        img = main.find("img", alt=alt)
        assert img is not None and img.find_parent("picture") is None, alt
        gif = published(img["src"])
        data = gif.read_bytes()
        assert leaks(data) == [] and b"Hengyang" not in data, alt  # XMP and comment gone
        with Image.open(io.BytesIO(data)) as shown, Image.open(source) as original:
            assert shown.format == "GIF"
            # Its size given, the page keeps the picture's place while it loads.
            assert (img.get("width"), img.get("height")) == tuple(map(str, original.size))
            assert shown.n_frames == original.n_frames == 2  # the animation is kept
            assert shown.info.get("loop") == 0
            assert looks_upright(shown)
            for frame in range(2):
                shown.seek(frame)
                original.seek(frame)
                assert shown.convert("RGB").tobytes() == original.convert("RGB").tobytes()
    for alt in ("A photo", "A screenshot"):
        img = main.find("img", alt=alt)
        assert img is not None and img.find_parent("picture") is not None, alt
        assert "/photos/" in img["src"], alt
        assert leaks(published(img["src"]).read_bytes()) == [], alt
    originals = {(articles / name).read_bytes() for name in ("photo.jpg", "shot.png")}
    output = [p.read_bytes() for p in build.output.rglob("*") if p.is_file()]
    assert not originals & set(output)  # the originals, with their GPS, stay home
    pdf = main.find("a", string="the plan")
    assert pdf is not None and published(pdf["href"]).read_bytes() == b"%PDF-1.4 plan"


@pytest.mark.parametrize(
    ("name", "refused"),
    [
        ("cat.gif", ""),
        ("photo.JPG", ""),
        ("a.jpeg", ""),
        ("shot.png", ""),
        ("photo.webp", ""),
        ("photo.avif", ""),
        ("chart", ""),  # no suffix: not a file name the table knows
        ("map.svg", "SVG images are not published"),
        ("scan.TIFF", "TIFF images are not published"),
        ("scan.tif", "TIFF images are not published"),
        ("IMG_1234.HEIC", "HEIC photos are not published"),
        ("photo.heif", "HEIC photos are not published"),
        ("IMG_1234.jfif", "a JPEG photo under a name the site does not read"),
        ("old.bmp", "'.bmp' files are not images the site publishes"),
        ("flyer.pdf", "'.pdf' files are not images the site publishes"),
    ],
)
def test_one_table_says_which_pictures_are_published(name: str, refused: str) -> None:
    from gallery import formats

    assert formats.refusal(name).startswith(refused)
    assert bool(formats.refusal(name)) == bool(refused)


def test_the_gallery_takes_exactly_the_photos_of_the_table() -> None:
    from gallery import folders, formats, markup, pipeline

    for suffix in (*formats.PHOTOS, *formats.COPIED, ".svg", ".tiff", ".heic", ".bmp"):
        taken = markup.local_image_path(f"x{suffix}", "articles") is not None
        assert taken == (suffix in formats.PHOTOS), suffix
        assert taken <= (suffix in folders.PHOTO_SUFFIXES), suffix
    assert set(formats.PHOTOS.values()) <= pipeline.INPUT_FORMATS
    assert not set(formats.PHOTOS) & set(formats.COPIED)
