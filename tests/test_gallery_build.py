"""Real builds of small gallery sites, checked with Pillow and an HTML parser.

The photos are drawn by tests/gallery_helpers.py: every EXIF orientation, GPS, XMP, IPTC,
a maker note and an ICC profile, in JPEG, PNG and WebP.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build_site
from gallery import privacy, sweep
from gallery_helpers import leaks, looks_upright, make_photo
from PIL import Image

SMALL = {
    "GALLERY_WIDTHS": [16, 32, 48],
    "GALLERY_WORKERS": 1,
    "GALLERY_FORMATS": ["avif", "webp", "jpeg"],
}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".tif", ".tiff"}
# The order of the park gallery: captions.txt first, then the rest by name.
PARK_ORDER_ZH = ["o6.jpg", "o1.jpg", "flat.png", "o2.jpg", "o3.jpg", "o4.jpg", "o5.jpg",
                 "o7.jpg", "o8.jpg", "web.webp"]  # fmt: skip


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def park_site(root: Path) -> Path:
    """A project with a gallery in two languages, an article with images, a static file."""
    content = root / "content"
    park = content / "galleries" / "park"
    for orientation in range(1, 9):
        make_photo(park / f"o{orientation}.jpg", orientation)
    make_photo(park / "flat.png", 6, fmt="PNG")
    make_photo(park / "web.webp", 8, fmt="WEBP")
    write(park / "captions.txt", "# 公园\no6.jpg: 竖着拍的 | 四种颜色的方块\no1.jpg: 第一张\n")
    write(park / "captions.en.txt", "o6.jpg: Taken upright | Four coloured squares\n")
    write(
        content / "projects" / "park.md",
        "Title: 公园长椅\nSlug: park\ngallery: park\ncover: o3.jpg\n"
        "Summary: 新的长椅。\n\n正文。\n",
    )
    write(
        content / "projects" / "park.en.md",
        "Title: Park benches\nSlug: park\nLang: en\ngallery: park\n"
        "Summary: New benches.\n\nText.\n",
    )
    make_photo(content / "images" / "sign.jpg", 6, copyright_text="sign")  # new bytes
    make_photo(content / "images" / "rel.png", 3, fmt="PNG")
    write(
        content / "articles" / "news.md",
        "Title: 新闻\nSlug: news\nDate: 2024-06-19 15:00\n\n"
        "![路牌]({static}/images/sign.jpg)\n\n"
        "![Relative](../images/rel.png)\n\n"
        '![From the gallery]({static}/galleries/park/o8.jpg "Title kept")\n\n'
        "![Elsewhere](https://example.org/x.jpg)\n",
    )
    make_photo(content / "extra" / "leak.jpg", 6)  # a static file with GPS
    Image.new("RGB", (8, 8), "white").save(content / "extra" / "plain.png")
    return content


def build(content: Path, output: Path, **settings: object) -> Build:
    return build_site(content, output, **{**SMALL, **settings})


def stats_of(result: Build):
    records = [r for r in result.records if hasattr(r, "gallery_stats")]
    assert len(records) == 1, [r.getMessage() for r in result.records]
    return records[0].gallery_stats


def gallery_problems(result: Build, level: int = logging.WARNING) -> list[str]:
    return [
        r.getMessage()
        for r in result.records
        if r.levelno >= level and r.name.startswith("gallery")
    ]


def soup(result: Build, page: str) -> BeautifulSoup:
    return BeautifulSoup(result.read(page), "html.parser")


def resolve(page: str, url: str) -> str:
    """A relative URL in `page` (a path below the output) as a path below the output."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), url))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("gallery")
    content = park_site(work)
    result = build(content, work / "output", STATIC_PATHS=["extra"])
    assert gallery_problems(result) == []
    return result


def image_files(output: Path) -> list[Path]:
    return [p for p in output.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]


def test_no_image_in_the_output_carries_metadata(site):
    files = image_files(site.output)
    assert len(files) > 100
    for path in files:
        data = path.read_bytes()
        assert leaks(data) == [], path
        with Image.open(path) as img:
            assert privacy.metadata_found(img) == [], path
            assert not img.getexif().get_ifd(privacy.GPS_IFD), path


def test_static_files_are_cleaned_and_clean_ones_left_alone(site):
    leak = site.output / "extra" / "leak.jpg"
    with Image.open(leak) as img:
        assert looks_upright(img)  # orientation applied before the tag was dropped
    plain = site.output / "extra" / "plain.png"
    content = site.output.parent / "content"
    assert plain.read_bytes() == (content / "extra" / "plain.png").read_bytes()


def test_originals_are_never_published(site):
    content = site.output.parent / "content"
    originals = {p.read_bytes() for p in content.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES}
    for path in image_files(site.output):
        assert path.read_bytes() not in originals or path.name == "plain.png", path
    assert not (site.output / "galleries").exists()
    assert not (site.output / "images" / "sign.jpg").exists()


def test_derivatives_are_upright_and_never_upscaled(site):
    photos = sorted((site.output / "photos").rglob("*.*"))
    assert {p.suffix for p in photos} == {".avif", ".webp", ".jpg"}
    for path in photos:
        with Image.open(path) as img:
            assert img.width in {16, 32, 48}, path  # 64 wide originals: never 64 or more
            if img.width == 48:
                assert looks_upright(img), path


def test_derivatives_are_hard_links_into_the_cache(site):
    cache = site.output.parent / "cache" / "gallery"
    any_photo = next((site.output / "photos").rglob("*.jpg"))
    assert any_photo.stat().st_nlink >= 2
    assert any(os.path.samefile(any_photo, c) for c in cache.rglob("*.jpg"))


def test_project_page_gallery_html(site):
    page = "projects/park/index.html"
    html = soup(site, page)
    assert html.find("article", class_="project")
    links = html.select(".gallery-grid a.gallery-link")
    names = [link["href"].rsplit("/", 1)[1] for link in links]
    assert [n.rsplit("-", 1)[0] for n in names] == [Path(n).stem for n in PARK_ORDER_ZH]
    for index, link in enumerate(links):
        assert (site.output / resolve(page, link["href"])).is_file()
        img = link.find("img")
        with Image.open(site.output / resolve(page, img["src"])) as src:
            assert (int(img["width"]), int(img["height"])) == src.size
        for candidate in img["srcset"].split(", "):
            url, width = candidate.split()
            with Image.open(site.output / resolve(page, url)) as file:
                assert width == f"{file.width}w"
        assert img["sizes"]
        assert img["decoding"] == "async"
        assert img.get("loading") == (None if index < 4 else "lazy")
        types = [s["type"] for s in link.find_all("source")]
        assert types == ["image/avif", "image/webp"]
    first = links[0].find_parent("figure")
    assert links[0].find("img")["alt"] == "四种颜色的方块"
    assert first.figcaption.get_text(strip=True) == "竖着拍的"
    # no alt text given: the caption; neither: a numbered label
    assert links[1].find("img")["alt"] == "第一张"
    assert links[2].find("img")["alt"]


def test_translation_uses_its_own_captions_file(site):
    html = soup(site, "en/projects/park/index.html")
    links = html.select(".gallery-grid a.gallery-link")
    assert links[0].find("img")["alt"] == "Four coloured squares"
    assert links[0].find_parent("figure").figcaption.get_text(strip=True) == "Taken upright"
    # o1.jpg has no caption in captions.en.txt: it goes back to name order
    names = [a["href"].rsplit("/", 1)[1].rsplit("-", 1)[0] for a in links]
    assert names[:3] == ["o6", "flat", "o1"]


def test_projects_index_per_language(site):
    zh = soup(site, "projects/index.html")
    cards = zh.select(".project-card")
    assert len(cards) == 1
    assert cards[0].h2.a["href"].endswith("projects/park/")
    assert cards[0].h2.get_text(strip=True) == "公园长椅"
    assert "/o3-" in cards[0].img["src"]  # cover: o3.jpg
    assert cards[0].p.get_text(strip=True) == "新的长椅。"
    en = soup(site, "en/projects/index.html")
    assert en.select_one(".project-card h2").get_text(strip=True) == "Park benches"
    assert "/o6-" in en.select_one(".project-card img")["src"]  # no cover: the first photo


def test_article_images_become_pictures(site):
    page = "news/news/index.html"
    html = soup(site, page)
    body = html.find("main")
    assert "{static}" not in str(body)
    pictures = body.find_all("picture")
    assert len(pictures) == 3
    imgs = [p.find("img") for p in pictures]
    assert [i["alt"] for i in imgs] == ["路牌", "Relative", "From the gallery"]
    assert imgs[2]["title"] == "Title kept"
    assert imgs[0].get("loading") is None and imgs[1]["loading"] == "lazy"
    for img in imgs:
        path = site.output / resolve(page, img["src"])
        with Image.open(path) as file:
            assert (int(img["width"]), int(img["height"])) == file.size
            assert file.width > file.height  # upright
    elsewhere = [i for i in body.find_all("img") if i.get("src", "").startswith("https:")]
    assert len(elsewhere) == 1  # external images are left as they are


def test_second_build_and_fresh_clone_reencode_nothing(tmp_path):
    content = park_site(tmp_path)
    (content / "extra" / "notice.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 4096)
    first = stats_of(build(content, tmp_path / "out1"))
    assert first.decoded == first.photos == 12
    assert first.encoded == 12 * 3 * 3  # three widths, three formats
    # the static photo with GPS: cleaned once, kept in the cache
    (static_copy,) = (tmp_path / "cache" / "gallery" / "static").rglob("*.jpg")
    made = static_copy.stat().st_mtime_ns
    second = stats_of(build(content, tmp_path / "out2"))
    assert (second.decoded, second.encoded, second.from_cache) == (0, 0, 12)
    assert second.placed == first.placed
    assert static_copy.stat().st_mtime_ns == made
    assert os.path.samefile(tmp_path / "out2" / "extra" / "leak.jpg", static_copy)
    # Share cards are drawn here without metadata, like the derivatives: never read (so
    # never in the memo). The photo with GPS is never remembered clean: each build's
    # fresh copy of it is cleaned again.
    clean = set(json.loads((tmp_path / "cache" / "gallery" / "static" / sweep.CLEAN).read_text()))

    def stamp(path: Path) -> str:
        st = path.stat()
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"

    cards = list((tmp_path / "out2" / "share").rglob("*.jpg"))
    assert cards and not {stamp(card) for card in cards} & clean
    assert stamp(content / "extra" / "leak.jpg") not in clean

    # The theme's icons, copied anew into every build (a new inode each time), are known
    # by their bytes; the photo with GPS is not, by either.
    def digest(path: Path) -> str:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()

    icons = list((tmp_path / "out2" / "theme").rglob("*.png"))
    assert icons and all(os.stat(icon).st_nlink == 1 for icon in icons)
    assert {digest(icon) for icon in icons} <= clean
    assert digest(content / "extra" / "leak.jpg") not in clean
    # A file that is no image is never hashed: nothing in it to clean.
    notice = tmp_path / "out2" / "extra" / "notice.pdf"
    assert stamp(notice) in clean and digest(notice) not in clean
    build(content, tmp_path / "out2b")
    assert os.path.samefile(tmp_path / "out2b" / "extra" / "leak.jpg", static_copy)
    # A fresh clone: same bytes elsewhere, every file time new.
    clone = tmp_path / "clone" / "content"
    shutil.copytree(content, clone, copy_function=shutil.copyfile)
    third = stats_of(build(clone, tmp_path / "out3"))
    assert (third.decoded, third.encoded, third.from_cache) == (0, 0, 12)
    a = sorted(p.relative_to(tmp_path / "out1") for p in (tmp_path / "out1/photos").rglob("*"))
    b = sorted(p.relative_to(tmp_path / "out3") for p in (tmp_path / "out3/photos").rglob("*"))
    assert a == b


def test_changed_settings_or_photo_are_processed_again(tmp_path):
    content = park_site(tmp_path)
    build(content, tmp_path / "out1")
    make_photo(content / "galleries" / "park" / "o1.jpg", 2, copyright_text="v2")  # new bytes
    again = stats_of(build(content, tmp_path / "out2"))
    assert (again.decoded, again.from_cache) == (1, 11)
    wider = stats_of(build(content, tmp_path / "out3", GALLERY_WIDTHS=[16, 32]))
    assert wider.decoded == 12


def test_pool_gives_the_same_files(tmp_path):
    content = park_site(tmp_path)
    alone = build(content, tmp_path / "out1")
    pooled = build(content, tmp_path / "out2", GALLERY_WORKERS=2,
                   GALLERY_CACHE_PATH=str(tmp_path / "cache2"))  # fmt: skip
    assert stats_of(pooled).decoded == 12

    def listing(output: Path) -> list[tuple[str, tuple[int, int]]]:
        files = sorted((output / "photos").rglob("*.*"))
        return [(str(p.relative_to(output)), Image.open(p).size) for p in files]

    assert listing(alone.output) == listing(pooled.output)


def test_nothing_is_written_outside_output_and_cache(tmp_path):
    content = park_site(tmp_path)

    def snapshot() -> dict[str, tuple[int, int]]:
        return {
            str(p.relative_to(tmp_path)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in tmp_path.rglob("*")
            if p.parts[len(tmp_path.parts)] not in {"output", "cache"}
        }

    before = snapshot()
    build(content, tmp_path / "output", GALLERY_WORKERS=2)
    assert snapshot() == before


def test_a_download_link_to_an_original_publishes_it_cleaned(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "images" / "full.jpg", 6)
    write(
        content / "articles" / "a.md",
        "Title: A\nSlug: a\nDate: 2024-06-19\n\n"
        "[![Full size]({static}/images/full.jpg)]({static}/images/full.jpg)\n",
    )
    result = build(content, tmp_path / "output")
    html = soup(result, "news/a/index.html")
    link = html.find("main").find("picture").find_parent("a")
    assert link["href"] == "../../images/full.jpg"  # the link to the original stays
    assert link.find("picture")  # the image itself is ours
    published = result.output / "images" / "full.jpg"
    assert leaks(published.read_bytes()) == []
    with Image.open(published) as img:
        assert privacy.metadata_found(img) == []
        assert looks_upright(img)


def test_keep_copyright_setting(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "c" / "a.jpg", 6, copyright_text="(c) Youth Home")
    write(content / "pages" / "c.md", "Title: C\nSlug: c\ngallery: c\n\nText.\n")
    result = build(content, tmp_path / "output", GALLERY_KEEP_COPYRIGHT=True)
    photos = list((result.output / "photos").rglob("*.*"))
    assert photos
    for path in photos:
        with Image.open(path) as img:
            exif = img.getexif()
            assert list(exif) == [privacy.COPYRIGHT], path
            assert privacy.copyright_line(img) == "(c) Youth Home"
        assert "PhoneMaker" not in str(path.read_bytes())
