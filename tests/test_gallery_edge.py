"""Photos and content nobody planned for: odd EXIF, colour profiles, modes, names, typos.

Each test builds a tiny real site (or calls the core) with photos drawn by Pillow in
tmp_path; nothing binary is committed. Found by adversarial QA of the gallery plugin:
every test named after a fix failed before it.
"""

from __future__ import annotations

import io
import logging
import os
import struct
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build_site
from gallery import captions, privacy
from gallery.captions import Caption
from gallery_helpers import (
    QUADRANTS,
    XMP,
    exif_block,
    leaks,
    looks_upright,
    make_photo,
    quadrant_colours,
    srgb_icc,
    upright,
)
from PIL import Image, ImageCms, PngImagePlugin


@pytest.fixture(autouse=True)
def in_the_site_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where `make html` runs, in the site's folder: files are named from there
    (`content/galleries/...`), as `community_press.shown_path` names them."""
    monkeypatch.chdir(tmp_path)


SMALL = {
    "GALLERY_WIDTHS": [16, 32, 48],
    "GALLERY_WORKERS": 1,
    "GALLERY_FORMATS": ["avif", "webp", "jpeg"],
}

# TIFF field types, for EXIF blocks Pillow would refuse to write itself.
ASCII, SHORT, LONG = 2, 3, 4


def raw_exif(*entries: tuple[int, int, int, bytes]) -> bytes:
    """An APP1 EXIF payload with one IFD of (tag, type, count, value) entries, written
    byte by byte (little-endian; values of 4 bytes or less, stored in the entry)."""
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        ifd += struct.pack("<HHI", tag, kind, count) + value.ljust(4, b"\0")
    return b"Exif\0\0II*\0" + struct.pack("<I", 8) + ifd + struct.pack("<I", 0)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def project(content: Path, gallery: str, extra: str = "", slug: str = "p") -> None:
    write(
        content / "projects" / f"{slug}.md",
        f"Title: {slug}\nSlug: {slug}\nTemplate: project\ngallery: {gallery}\n{extra}\nText.\n",
    )


def build(content: Path, output: Path, **settings: object) -> Build:
    return build_site(content, output, **{**SMALL, **settings})


def problems(result: Build, level: int = logging.WARNING) -> list[str]:
    return [
        r.getMessage()
        for r in result.records
        if r.levelno >= level and r.name.startswith("gallery")
    ]


def published_images(output: Path) -> list[Path]:
    return [p for p in output.rglob("*") if p.is_file() and p.suffix != ".html"]


# --- odd EXIF ---------------------------------------------------------------------------


def odd_exif_photo(path: Path) -> Path:
    """Stored sideways (orientation 6) with XResolution written as text: every viewer shows
    it, but Pillow cannot write that EXIF back (what `ImageOps.exif_transpose` does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = raw_exif(
        (0x0112, SHORT, 1, struct.pack("<H", 6)),  # Orientation: turn right
        (0x011A, ASCII, 3, b"72\0"),  # XResolution, a RATIONAL, as text
    )
    upright().transpose(Image.Transpose.ROTATE_90).save(path, "JPEG", quality=95, exif=exif)
    return path


def test_odd_exif_types_neither_stop_the_build_nor_skip_the_turn(tmp_path):
    content = tmp_path / "content"
    odd_exif_photo(content / "galleries" / "odd" / "odd.jpg")
    odd_exif_photo(content / "extra" / "download.jpg")  # a static file: the sweep cleans it
    project(content, "odd")
    result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    assert problems(result) == []
    largest = [p for p in (result.output / "photos").rglob("*-48.*")]
    assert len(largest) == 3  # avif, webp, jpg
    for path in [*largest, result.output / "extra" / "download.jpg"]:
        assert leaks(path.read_bytes()) == [], path
        with Image.open(path) as img:
            assert looks_upright(img), path


# --- the sweep of static files ----------------------------------------------------------


def test_static_images_are_found_by_their_bytes_not_their_name(tmp_path):
    content = tmp_path / "content"
    extra = content / "extra"
    # What phones, Windows and cameras call JPEGs, and a PNG with no suffix at all.
    for name in ("IMG_0001.JFIF", "scan.jpe", "photo.jpeg.download"):
        make_photo(extra / name, 6)
    make_photo(extra / "screenshot", 3, fmt="PNG")
    result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    assert problems(result, logging.ERROR) == []
    for name in ("IMG_0001.JFIF", "scan.jpe", "photo.jpeg.download", "screenshot"):
        path = result.output / "extra" / name
        assert leaks(path.read_bytes()) == [], name
        with Image.open(path) as img:
            assert privacy.metadata_found(img) == [], name
            assert looks_upright(img), name


def test_a_static_photo_in_the_galleries_output_folder_is_cleaned_too(tmp_path):
    """Static files may land in the folder our derivatives go to (content/photos/ with
    STATIC_PATHS, or GALLERY_OUTPUT_PATH named like a static folder): only the files the
    gallery placed are skipped, never the folder."""
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg", 6)
    project(content, "g")
    make_photo(content / "photos" / "leak.jpg", 6)  # GPS, camera, orientation
    result = build(content, tmp_path / "output", STATIC_PATHS=["photos"])
    assert problems(result, logging.ERROR) == []
    leak = result.output / "photos" / "leak.jpg"
    assert leaks(leak.read_bytes()) == []
    with Image.open(leak) as img:
        assert privacy.metadata_found(img) == []
    assert len(list((result.output / "photos").rglob("*.avif"))) >= 1  # ours still there


def test_metadata_appended_after_the_image_is_removed(tmp_path):
    """Motion photos and Samsung trailers add data after the image's end, where a reader
    of headers never looks: a second JPEG with its own EXIF here."""
    content = tmp_path / "content"
    extra = content / "extra"
    second = tmp_path / "second.jpg"
    make_photo(second, 6)  # GPS and camera
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (90, 140, 200)).save(out, "JPEG")
    extra.mkdir(parents=True)
    (extra / "motion.jpg").write_bytes(out.getvalue() + second.read_bytes())
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (200, 140, 90)).save(out, "PNG")
    (extra / "trailer.png").write_bytes(out.getvalue() + second.read_bytes())
    result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    assert problems(result, logging.ERROR) == []
    for name in ("motion.jpg", "trailer.png"):
        data = (result.output / "extra" / name).read_bytes()
        assert leaks(data) == [], name
        assert privacy.trailing_bytes(data) == 0, name
        with Image.open(io.BytesIO(data)) as img:
            assert img.size == (60, 40)


def test_photos_in_a_folder_within_a_gallery_are_named_not_processed(tmp_path):
    """A gallery shows the photos of its own folder: one in a folder inside it is never
    shown, so it is not made into derivatives, and the rule book says where to put it."""
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg", 1)
    make_photo(content / "galleries" / "g" / "old" / "b.jpg", 2)
    project(content, "g")
    result = build(content, tmp_path / "output")
    made = list((tmp_path / "cache" / "gallery").rglob("manifest.json"))
    assert len(made) == 1  # a.jpg's derivatives only
    said = "\n".join(r.getMessage() for r in result.records if r.levelno == logging.WARNING)
    assert "galleries/g/old/b.jpg" in said
    assert "not shown: a gallery shows the photos of its own folder" in said


# An iPhone photo's first bytes, then its EXIF (Pillow cannot read HEIC to clean it).
HEIC = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + exif_block(6).tobytes()


def test_a_heic_photo_in_the_output_is_an_error(tmp_path):
    content = tmp_path / "content"
    (content / "extra").mkdir(parents=True)
    (content / "extra" / "IMG_0002.HEIC").write_bytes(HEIC)
    result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    errors = problems(result, logging.ERROR)
    assert len(errors) == 1
    assert "extra/IMG_0002.HEIC (in the output): a HEIC photo" in errors[0]
    assert "export it as JPEG" in errors[0]


def test_an_mpo_phone_photo_linked_for_download_is_cleaned(tmp_path):
    # Many phones write MPO: a JPEG with a second image (depth map, preview) appended.
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    stored = upright().transpose(Image.Transpose.ROTATE_90)  # orientation 6
    stored.save(
        content / "images" / "mpo.jpg",
        "MPO",
        save_all=True,
        append_images=[Image.new("RGB", stored.size, "black")],
        exif=exif_block(6).tobytes(),
    )
    write(
        content / "articles" / "a.md",
        "Title: A\nSlug: a\nDate: 2024-06-19\n\n[Full size]({static}/images/mpo.jpg)\n",
    )
    result = build(content, tmp_path / "output")
    assert problems(result, logging.ERROR) == []  # was: "an animated image ..."
    published = result.output / "images" / "mpo.jpg"
    assert leaks(published.read_bytes()) == []
    with Image.open(published) as img:
        assert img.format == "JPEG"
        assert looks_upright(img)


def gif_with_metadata(path: Path) -> bytes:
    """A two-frame looping GIF with a comment (GIMP writes one) and an XMP packet with a
    location, added the way Adobe does: raw bytes, then the 258-byte "magic trailer"."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = [upright().convert("P"), upright().rotate(180).convert("P")]
    frames[0].save(path, "GIF", save_all=True, append_images=frames[1:], loop=0, comment=b"c")
    data = path.read_bytes()
    xmp = b"\x21\xff\x0bXMP DataXMP" + XMP + b"\x01" + bytes(range(255, -1, -1)) + b"\x00"
    comment = b"\x21\xfe\x13Taken near Hengyang\x00"
    end = data.rindex(b"\x3b")
    data = data[:end] + comment + xmp + b"\x3b"
    path.write_bytes(data)
    return data


def test_gif_comments_and_xmp_are_stripped_and_the_animation_kept(tmp_path):
    content = tmp_path / "content"
    gif_with_metadata(content / "extra" / "badge.gif")
    with Image.open(content / "extra" / "badge.gif") as img:
        assert img.n_frames == 2  # Pillow reads the file; it sees no XMP
    Image.new("P", (8, 8)).save(content / "extra" / "plain.gif")
    result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    assert problems(result, logging.ERROR) == []
    published = (result.output / "extra" / "badge.gif").read_bytes()
    assert leaks(published) == []
    assert b"XMP" not in published
    assert privacy.gif_metadata(published) == []
    with Image.open(result.output / "extra" / "badge.gif") as img:
        assert img.n_frames == 2
        assert img.info.get("loop") == 0
        assert "comment" not in img.info
        assert looks_upright(img)
    plain = result.output / "extra" / "plain.gif"
    assert plain.read_bytes() == (content / "extra" / "plain.gif").read_bytes()


def test_gif_metadata_names_what_is_there(tmp_path):
    data = gif_with_metadata(tmp_path / "a.gif")
    assert privacy.gif_metadata(data) == ["application XMP DataXMP", "comment"]
    assert privacy.gif_metadata(privacy.strip_gif(data)) == []
    with pytest.raises(ValueError, match="cut short"):
        privacy.gif_metadata(data[:40])


# --- captions files as volunteers write them -----------------------------------------

CAPTIONS = "content/galleries/g/captions.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Chinese keyboard's full-width colon and bar
        ("a.jpg：公园长椅｜三张木长椅", [("a.jpg", "公园长椅", "三张木长椅", 1)]),
        # a full-width colon after the name, an ASCII one inside the caption
        ("a.jpg：时间: 10:00", [("a.jpg", "时间: 10:00", "", 1)]),
        # a full-width colon inside a file name is part of the name
        ("会议：一.jpg: 开会", [("会议：一.jpg", "开会", "", 1)]),
        # spaces in the name and an upper-case suffix
        ("my photo.JPG : Fair", [("my photo.JPG", "Fair", "", 1)]),
    ],
)  # fmt: skip
def test_captions_accept_full_width_colon_and_bar(text, expected):
    assert captions.parse_captions(text, CAPTIONS) == [Caption(*e) for e in expected]


@pytest.mark.parametrize(
    "data",
    [
        "a.jpg: 公园\r\n".encode(),
        "\ufeffa.jpg: 公园\r\n".encode(),
        "a.jpg: 公园\r\n".encode("utf-16"),  # Notepad's "Unicode": UTF-16 with a BOM
        b"\xfe\xff" + "a.jpg: 公园\r\n".encode("utf-16-be"),
    ],
)
def test_captions_file_encodings_that_are_read(data):
    text = captions.decode_captions(data, CAPTIONS)
    assert captions.parse_captions(text, CAPTIONS) == [Caption("a.jpg", "公园", "", 1)]


def test_a_captions_file_in_gbk_names_the_file_and_line(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg")
    make_photo(content / "galleries" / "g" / "b.jpg")
    (content / "galleries" / "g" / "captions.txt").write_bytes(
        "# 说明\n".encode() + "a.jpg: 公园长椅\n".encode("gbk")
    )
    project(content, "g")
    result = build(content, tmp_path / "output")
    errors = problems(result, logging.ERROR)
    assert len(errors) == 1
    assert f"{CAPTIONS}:2: error: field 'line 2' = 'a.jpg: " in errors[0]
    assert "not UTF-8 text" in errors[0]
    assert "content/projects" not in errors[0]  # the file to fix, not the page


def test_a_photo_whose_name_starts_with_a_hash_gets_its_caption(tmp_path):
    """'#1 tag day.jpg: ...' was read as a comment, then the checker asked for that line."""
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "#1 tag day.jpg")
    make_photo(content / "galleries" / "g" / "b.jpg")
    (content / "galleries" / "g" / "captions.txt").write_text(
        "# Tag day, June\n#1 tag day.jpg: Tag day | Children paint tags\n"
        "# b.jpg: a comment that names a photo stays a comment\nb.jpg: Benches | Two benches\n",
        encoding="utf-8",
    )
    project(content, "g")
    result = build(content, tmp_path / "output")
    assert problems(result) == []
    said = [r.getMessage() for r in result.records if r.levelno >= logging.WARNING]
    assert not [m for m in said if "alt text" in m], said  # nor the rule book's
    html = BeautifulSoup(result.read("projects/p/index.html"), "html.parser")
    figures = html.select(".gallery-grid figure")
    assert [f.figcaption.get_text(strip=True) for f in figures] == ["Tag day", "Benches"]
    assert [f.img["alt"] for f in figures] == ["Children paint tags", "Two benches"]


def test_captions_with_full_width_colons_in_a_build(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg")
    (content / "galleries" / "g" / "captions.txt").write_bytes(
        "a.jpg：开幕式｜剪彩的两个孩子\r\n".encode("utf-16")
    )
    project(content, "g")
    result = build(content, tmp_path / "output")
    assert problems(result) == []
    html = BeautifulSoup(result.read("projects/p/index.html"), "html.parser")
    figure = html.select_one(".gallery-grid figure")
    assert figure.figcaption.get_text(strip=True) == "开幕式"
    assert figure.img["alt"] == "剪彩的两个孩子"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["captions.txt", "captions.en.txt", "a.jpg", "notes.txt"], []),
        (["Captions.txt"], [("Captions.txt", "captions.txt")]),
        (["captions.txt.txt"], [("captions.txt.txt", "captions.txt")]),
        (["caption.txt"], [("caption.txt", "captions.txt")]),
        (["CAPTIONS.EN.TXT"], [("CAPTIONS.EN.TXT", "captions.en.txt")]),
        (["captions-old.txt", "captions.txt.bak"], []),  # kept on purpose: left alone
    ],
)
def test_misnamed_captions(names, expected):
    assert captions.misnamed_captions(names) == expected


@pytest.mark.parametrize("name", ["Captions.txt", "captions.txt.txt", "caption.txt"])
def test_a_misnamed_captions_file_is_an_error_not_silently_ignored(tmp_path, name):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg")
    write(content / "galleries" / "g" / name, "a.jpg: Opening day\n")
    project(content, "g")
    result = build(content, tmp_path / "output")
    errors = problems(result, logging.ERROR)
    assert len(errors) == 1
    assert f"content/galleries/g/{name}:1: error: never read: rename it captions.txt" in errors[0]


# --- typos: say what was probably meant ----------------------------------------------


def test_typos_in_gallery_captions_and_cover_suggest_the_real_name(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "Spring-Fair" / "IMG_0001.JPG")
    make_photo(content / "galleries" / "park" / "IMG_0002.JPG")
    make_photo(content / "galleries" / "2024" / "fair" / "a.jpg")
    write(content / "galleries" / "park" / "captions.txt", "img_0002.jpg: Benches\n")
    project(content, "spring-fair", slug="case")  # the folder's case differs
    project(content, "park", slug="caption")
    project(content, "2024/fiar", slug="nested")
    project(content, "2024/fair", "cover: b.jpg\n", slug="cover")
    errors = problems(build(content, tmp_path / "output"), logging.ERROR)
    assert len(errors) == 1
    for expected in [
        "content/projects/case.md:4: error: field 'gallery' = 'spring-fair': no such folder "
        "content/galleries/spring-fair/ (check the spelling); did you mean 'Spring-Fair'?",
        "content/galleries/park/captions.txt:1: error: field 'line 1' = 'img_0002.jpg': no such "
        "photo in this gallery folder (check the file name, or remove the line); "
        "did you mean 'IMG_0002.JPG'?",
        "did you mean '2024/fair'?",
        "content/projects/cover.md:5: error: field 'cover' = 'b.jpg': no such photo in "
        "content/galleries/2024/fair/ (give the file name of one of its photos); "
        "did you mean 'a.jpg'?",
    ]:
        assert expected in errors[0]


def test_names_match_however_a_mac_stored_the_accents(tmp_path):
    content = tmp_path / "content"
    stored = unicodedata.normalize("NFD", "Zoé.jpg")  # e + combining accent, as on a Mac
    make_photo(content / "galleries" / "g" / stored)
    make_photo(content / "galleries" / "g" / "a.jpg")
    typed = unicodedata.normalize("NFC", "Zoé.jpg")
    assert typed != stored
    write(content / "galleries" / "g" / "captions.txt", f"{typed}: Zoé at the fair\n")
    project(content, "g", f"cover: {typed}\n")
    result = build(content, tmp_path / "output")
    assert problems(result) == []
    html = BeautifulSoup(result.read("projects/p/index.html"), "html.parser")
    first = html.select_one(".gallery-grid figure")
    assert first.figcaption.get_text(strip=True) == "Zoé at the fair"
    cover = captions.order_photos([stored, "a.jpg"], captions.parse_captions(f"{typed}: x", ""), "")
    assert cover[0][0] == stored  # the name as stored, for opening the file


# --- broken metadata, readable pixels ------------------------------------------------

BROKEN_EXIF = {
    # an IFD claiming 255 entries, cut after the first
    "count": b"Exif\0\0II*\0\x08\0\0\0\xff\x00" + b"\x12\x01\x03\x00",
    # a TIFF header and nothing else
    "short": b"Exif\0\0II*\0",
    # the Make tag's 400 bytes said to be far past the end
    "offset": raw_exif((0x010F, ASCII, 400, struct.pack("<I", 9999))),
    # a GPS pointer into nowhere
    "gps": raw_exif((0x8825, LONG, 1, struct.pack("<I", 5000))),
    # Orientation twice over (SHORT, count 2)
    "pair": raw_exif((0x0112, SHORT, 2, struct.pack("<HH", 1, 1))),
}


def test_broken_exif_is_dropped_quietly(tmp_path):
    """Pillow reads these with a UserWarning that names no file; the photo itself is fine."""
    content = tmp_path / "content"
    for name, exif in BROKEN_EXIF.items():
        path = content / "galleries" / "g" / f"{name}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        upright().save(path, "JPEG", quality=95, exif=exif)
        (content / "extra").mkdir(exist_ok=True)
        (content / "extra" / f"{name}.jpg").write_bytes(path.read_bytes())  # a static copy
    project(content, "g")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    assert [str(w.message) for w in caught if "PIL" in w.filename] == []
    assert problems(result) == []
    for path in published_images(result.output / "photos") + published_images(
        result.output / "extra"
    ):
        assert leaks(path.read_bytes()) == [], path
        with Image.open(path) as img:
            assert looks_upright(img), path


def grey16(path: Path, icc_profile: bytes | None = None) -> Path:
    """A 16-bit greyscale PNG (a scanner's) of the test picture's brightness."""
    grey = upright().convert("L")
    wide = struct.pack(f"<{grey.width * grey.height}H", *(v * 257 for v in grey.tobytes()))
    img = Image.frombytes("I;16", grey.size, wide)
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "PNG", **({"icc_profile": icc_profile} if icc_profile else {}))
    return path


def test_16_bit_greyscale_with_a_colour_profile_is_not_white(tmp_path):
    path = grey16(tmp_path / "scan.png", icc_profile=srgb_icc())
    with Image.open(path) as img:
        assert img.mode == "I;16" and "icc_profile" in img.info
        img.load()
        clean = privacy.prepare(img)
    expected = upright().convert("L").convert("RGB")
    assert quadrant_colours(clean) == quadrant_colours(expected)


# --- names with spaces, Chinese characters, '#' and '?' --------------------------------


def test_folder_and_file_names_with_spaces_and_symbols(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "spring fair" / "a b#c?.jpg")
    make_photo(content / "galleries" / "spring fair" / "春节 照片.JPEG", 6)
    project(content, "spring fair")
    result = build(content, tmp_path / "output")
    assert problems(result) == []
    page = "projects/p/index.html"
    html = BeautifulSoup(result.read(page), "html.parser")
    section = html.select_one("section.gallery")
    label = section["aria-labelledby"]
    assert " " not in label  # one id, not two that do not exist
    assert html.find(id=label).get_text(strip=True)
    urls = []
    for link in html.select("a.gallery-link"):
        urls.append(link["href"])
        for tag in link.find_all(["img", "source"]):
            urls += [c.split()[0] for c in tag["srcset"].split(", ")]
    assert len(urls) > 2
    for url in urls:
        assert url.isascii() and not set(url) & set(" #?%"), url  # nothing to escape
        assert (result.output / "projects" / "p" / url).resolve().is_file(), url


# --- damaged files of every kind: an error naming the file, never a traceback --------


def damaged_avif(at_open: bool) -> bytes:
    """An AVIF Pillow's decoder rejects with RuntimeError (not OSError): its image data
    overwritten (fails when decoded), or its item's length zeroed (fails when opened)."""
    out = io.BytesIO()
    upright().save(out, "AVIF", quality=90)
    data = out.getvalue()
    mdat = data.index(b"mdat") + 4
    if not at_open:
        return data[:mdat] + b"\xff" * (len(data) - mdat)
    length = data.index(struct.pack(">I", len(data) - mdat), data.index(b"iloc"))
    return data[:length] + bytes(4) + data[length + 4 :]


def test_damaged_photos_are_errors_naming_the_file(tmp_path):
    content = tmp_path / "content"
    g = content / "galleries" / "g"
    make_photo(g / "good.jpg")
    (g / "empty.jpg").write_bytes(b"")
    (g / "notes.JPG").write_text("Meeting notes, not a photo\n")
    (g / "decode.avif").write_bytes(damaged_avif(at_open=False))
    (g / "open.avif").write_bytes(damaged_avif(at_open=True))
    (g / "IMG_0003.jpg").write_bytes(HEIC)  # an iPhone photo shared with a .jpg name
    (content / "extra").mkdir()
    (content / "extra" / "open.avif").write_bytes(damaged_avif(at_open=True))
    project(content, "g")
    result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    errors = "\n".join(problems(result, logging.ERROR))
    assert "Traceback" not in errors
    for name in ("empty.jpg", "notes.JPG", "decode.avif", "open.avif"):
        assert f"content/galleries/g/{name}:1: error: " in errors, name
    assert (
        "content/galleries/g/empty.jpg:1: error: is empty (0 bytes), not an image: copy" in errors
    )
    assert "extra/open.avif (in the output): cannot be checked" in errors
    heic = "content/galleries/g/IMG_0003.jpg:1: error: is a HEIC photo, whatever its name says"
    assert heic in errors


# --- one gallery of everything phones, scanners and editors write ----------------------


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def rgb_profile(
    name: str, primaries: tuple[tuple[float, float, float], ...], gamma: float
) -> bytes:
    """A minimal ICC v2 RGB matrix/TRC profile (primaries adapted to D50), enough for
    LittleCMS: what Adobe RGB and Display P3 photos carry, without committing a file."""

    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)

    text = name.encode("ascii") + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + bytes(8 + 2 + 1 + 67)
    curve = b"curv\0\0\0\0" + struct.pack(">IH", 1, round(gamma * 256))
    tags = [(b"desc", desc), (b"cprt", b"text\0\0\0\0none\0"), (b"wtpt", xyz(0.9642, 1, 0.8249))]
    tags += [(sig, xyz(*p)) for sig, p in zip((b"rXYZ", b"gXYZ", b"bXYZ"), primaries, strict=True)]
    tags += [(b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for sig, body in tags:
        data += bytes(-(offset + len(data)) % 4)
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    header = (
        struct.pack(">I", offset + len(data))
        + b"lcms\x02\x10\0\0mntrRGB XYZ "
        + bytes(12)
        + b"acspAPPL"
        + bytes(24)
        + _s15(0.9642)
        + _s15(1)
        + _s15(0.8249)
        + bytes(48)
    )
    return header + table + data


ADOBE_RGB = rgb_profile(
    "Adobe RGB (1998)", ((0.6097, 0.3111, 0.0195), (0.2053, 0.6257, 0.0609),
                         (0.1492, 0.0632, 0.7446)), 563 / 256,
)  # fmt: skip
DISPLAY_P3 = rgb_profile(
    "Display P3", ((0.5151, 0.2412, -0.0011), (0.2919, 0.6922, 0.0419),
                   (0.1571, 0.0666, 0.7841)), 2.2,
)  # fmt: skip
GREEN = (50, 200, 60)  # far enough from the sRGB gamut's edge to move when converted


def in_srgb(profile: bytes) -> tuple[int, ...]:
    """GREEN in `profile`, as LittleCMS converts it to sRGB."""
    source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    img = Image.new("RGB", (1, 1), GREEN)
    return ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB")).getpixel((0, 0))


def with_clear_corner(mode: str) -> Image.Image:
    """The test picture with its bottom-right quadrant fully transparent black."""
    img = upright().convert("RGBA")
    img.paste((0, 0, 0, 0), (32, 16, 64, 32))
    if mode == "P":  # the four colours, then transparent black as colour 4
        colours = [*QUADRANTS.values(), (0, 0, 0)]
        indexed = img.convert("RGB").quantize(palette=_palette(colours))
        indexed.paste(4, (32, 16, 64, 32))
        indexed.info["transparency"] = 4
        return indexed
    return img.convert(mode)


def _palette(colours: list[tuple[int, int, int]]) -> Image.Image:
    palette = Image.new("P", (1, 1))
    palette.putpalette([v for colour in colours for v in colour])
    return palette


def stored_as(orientation: int, **save: object):
    def writer(path: Path) -> None:
        make_photo(path, orientation, **save)

    return writer


def saving(img: Image.Image | None = None, fmt: str = "JPEG", **options: object):
    def writer(path: Path) -> None:
        (img if img is not None else upright()).save(path, fmt, **options)

    return writer


def flat(profile: bytes, fmt: str):
    return saving(Image.new("RGB", (64, 32), GREEN), fmt, icc_profile=profile)


def chunky_png(path: Path) -> None:
    """Stored upside down, orientation 3 in an eXIf chunk, text chunks with a place."""
    info = PngImagePlugin.PngInfo()
    info.add_text("GPSLatitude", "26,53.7N Hengyang")
    info.add_itxt("Location", "衡阳 Hengyang")
    stored = upright().transpose(Image.Transpose.ROTATE_180)
    stored.save(path, "PNG", pnginfo=info, exif=exif_block(3).tobytes())


def raw_orientation(kind: int, value: bytes):
    return saving(exif=raw_exif((0x0112, kind, 1, value)))


# name: how to write it, and what its largest JPEG should look like ("upright", "grey",
# "green <profile>", "clear corner" flattened on white, or "size WxH").
ODD_PHOTOS = {
    "cmyk.jpg": (saving(upright().convert("CMYK")), "upright"),
    "adobe-rgb.jpg": (flat(ADOBE_RGB, "JPEG"), "green adobe"),
    "display-p3.png": (flat(DISPLAY_P3, "PNG"), "green p3"),
    "progressive.jpg": (stored_as(8), "upright"),
    "scan16.png": (grey16, "grey"),
    "palette.png": (saving(with_clear_corner("P"), "PNG"), "clear corner"),
    "grey.png": (saving(upright().convert("L"), "PNG"), "grey"),
    "grey-alpha.png": (saving(with_clear_corner("LA"), "PNG"), "clear corner"),
    "rgba.png": (saving(with_clear_corner("RGBA"), "PNG"), "clear corner"),
    "phone.webp": (stored_as(6, fmt="WEBP"), "upright"),
    "orientation-0.jpg": (raw_orientation(SHORT, struct.pack("<H", 0)), "upright"),
    "orientation-9.jpg": (raw_orientation(SHORT, struct.pack("<H", 9)), "upright"),
    "orientation-text.jpg": (raw_orientation(ASCII, b"six\0"), "upright"),
    "orientation-long.jpg": (raw_orientation(LONG, struct.pack("<I", 70006)), "upright"),
    "xmp-only.jpg": (saving(xmp=XMP), "upright"),
    "chunks.png": (chunky_png, "upright"),
    "tiny.jpg": (saving(Image.new("RGB", (1, 1), "red")), "size 1x1"),
    "panorama.jpg": (saving(upright((8000, 500)), quality=60), "size 48x3"),
    "UPPER.JPG": (stored_as(3), "upright"),
    "upper.JPEG": (stored_as(5), "upright"),
    "lower.jpeg": (stored_as(7), "upright"),
}
JUNK = {".DS_Store": b"\0\0\0\1Bud1", "Thumbs.db": b"\xd0\xcf\x11\xe0", "desktop.ini": b"[x]"}


@pytest.fixture(scope="module")
def odd(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("odd")
    folder = work / "content" / "galleries" / "odd"
    folder.mkdir(parents=True)
    for name, (writer, _) in ODD_PHOTOS.items():
        writer(folder / name)
    for name, data in JUNK.items():
        (folder / name).write_bytes(data)
    # Windows line ends, a byte-order mark, blank and comment lines, colons in a caption.
    captions_text = "\ufefftiny.jpg: Time: 10:00 | A red dot\r\n\r\n# later\r\nrgba.png: 透明\r\n"
    (folder / "captions.txt").write_bytes(captions_text.encode())
    project(work / "content", "odd  ")  # trailing spaces
    return build(work / "content", work / "output")


def largest(odd: Build) -> dict[str, dict[str, Path]]:
    """Each photo's largest file in each format, by the photo's file name."""
    page = "projects/p/index.html"
    html = BeautifulSoup(odd.read(page), "html.parser")
    found: dict[str, dict[str, Path]] = {}
    for link, name in zip(html.select("a.gallery-link"), _grid_order(), strict=True):
        files = {}
        for tag in link.find_all(["source", "img"]):
            url = tag["srcset"].split(", ")[-1].split()[0]
            files[tag.get("type", "image/jpeg")] = odd.output / "projects" / "p" / url
        found[name] = files
    return found


def _grid_order() -> list[str]:
    rest = sorted(set(ODD_PHOTOS) - {"tiny.jpg", "rgba.png"}, key=captions.natural_key)
    return ["tiny.jpg", "rgba.png", *rest]


def test_odd_gallery_builds_without_a_word(odd):
    assert problems(odd) == []
    html = BeautifulSoup(odd.read("projects/p/index.html"), "html.parser")
    figures = html.select(".gallery-grid figure")
    assert len(figures) == len(ODD_PHOTOS)  # .DS_Store, Thumbs.db, desktop.ini ignored
    assert figures[0].figcaption.get_text(strip=True) == "Time: 10:00"
    assert figures[0].img["alt"] == "A red dot"
    assert figures[1].figcaption.get_text(strip=True) == "透明"


def test_odd_gallery_output_carries_no_metadata(odd):
    files = published_images(odd.output / "photos")
    assert len(files) >= 3 * len(ODD_PHOTOS)
    for path in files:
        data = path.read_bytes()
        assert leaks(data) == [], path
        assert [c for c in (b"eXIf", b"tEXt", b"iTXt", b"iCCP") if c in data] == [], path
        with Image.open(path) as img:
            assert privacy.metadata_found(img) == [], path
            assert "icc_profile" not in img.info, path


@pytest.mark.parametrize("name", ODD_PHOTOS)
def test_odd_gallery_photo_looks_right_in_every_format(odd, name):
    expected = ODD_PHOTOS[name][1]
    files = largest(odd)[name]
    assert set(files) == {"image/avif", "image/webp", "image/jpeg"}
    for kind, path in files.items():
        with Image.open(path) as img:
            img.load()
            if expected.startswith("size "):
                assert f"size {img.width}x{img.height}" == expected, path
            elif expected.startswith("green "):
                profile = {"adobe": ADOBE_RGB, "p3": DISPLAY_P3}[expected.split()[1]]
                want = in_srgb(profile)
                got = img.convert("RGB").getpixel((8, 8))
                assert all(abs(a - b) <= 12 for a, b in zip(got, want, strict=True)), (got, want)
                assert abs(got[0] - GREEN[0]) > 30  # converted, not left as it was
            elif expected == "grey":
                want = quadrant_colours(upright().convert("L").convert("RGB"))
                got = quadrant_colours(img)
                for quadrant, colour in want.items():
                    assert all(
                        abs(a - b) <= 30 for a, b in zip(got[quadrant], colour, strict=True)
                    ), path
            elif expected == "clear corner":
                got = quadrant_colours(img)
                if kind == "image/jpeg":
                    assert min(got["bottom_right"]) > 230, (path, got)  # white, not black
                else:
                    alpha = img.convert("RGBA").getpixel((img.width * 3 // 4, img.height * 3 // 4))
                    assert alpha[3] == 0, path
                if name != "grey-alpha.png":
                    assert got["top_left"][0] > got["top_left"][2], path  # red stays top left
            else:
                assert looks_upright(img), path


# --- links that lead nowhere -------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("loop.jpg", "is a link that leads nowhere (a loop)"),  # a link to itself
        ("gone.jpg", "is a link to a file that does not exist"),  # was silently left out
    ],
)
def test_a_photo_link_to_nowhere_is_an_error(tmp_path, target, problem):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg")
    os.symlink(target, content / "galleries" / "g" / "loop.jpg")
    project(content, "g")
    errors = problems(build(content, tmp_path / "output"), logging.ERROR)
    assert len(errors) == 1
    assert f"content/galleries/g/loop.jpg:1: error: {problem}" in errors[0]


def test_a_gallery_folder_link_to_itself_is_an_error(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg")
    os.symlink("loop", content / "galleries" / "loop")
    project(content, "loop")
    errors = problems(build(content, tmp_path / "output"), logging.ERROR)
    assert len(errors) == 1
    assert "field 'gallery' = 'loop': is a link that leads nowhere (a loop)" in errors[0]


def test_a_captions_mistake_does_not_hide_the_photos_problems(tmp_path):
    content = tmp_path / "content"
    make_photo(content / "galleries" / "g" / "a.jpg")
    (content / "galleries" / "g" / "b.jpg").write_bytes(b"")
    write(content / "galleries" / "g" / "captions.txt", "a.jpg: A\nc.jpg: C\n")
    project(content, "g")
    errors = problems(build(content, tmp_path / "output"), logging.ERROR)
    assert len(errors) == 1  # one report, both problems
    assert "content/galleries/g/captions.txt:2: error: field 'line 2' = 'c.jpg'" in errors[0]
    assert "content/galleries/g/b.jpg:1: error: is empty" in errors[0]


# A program given on standard input (`python -`) that starts a photo batch while another
# thread runs, as the devserver does: its workers cannot load `__main__` again.
_STDIN_BATCH = """
import sys, threading, time
sys.path[:0] = [{plugins!r}]
threading.Thread(target=time.sleep, args=(20,), daemon=True).start()
from gallery import background, pipeline
from gallery.settings import DEFAULTS, processing_of
processing = processing_of({{**DEFAULTS, "GALLERY_FORMATS": ["jpeg"], "GALLERY_WIDTHS": [64]}})
tasks = [pipeline.Task(p, p, str(i), f"{{sys.argv[1]}}/{{i}}", processing)
         for i, p in enumerate(sys.argv[2:])]
outcomes = background.start(tasks, 2).wait()
print(sorted((k, o.error, o.rendition is not None) for k, o in outcomes.items()))
"""


def test_a_program_on_standard_input_gets_its_photos_without_a_traceback(tmp_path: Path) -> None:
    photos = []
    for n in range(2):
        photo = tmp_path / f"p{n}.jpg"
        Image.new("RGB", (200, 150), (40 * n, 90, 160)).save(photo, "JPEG")
        photos.append(str(photo))
    plugins = str(Path(__file__).resolve().parent.parent / "plugins")
    ran = subprocess.run(
        [sys.executable, "-", str(tmp_path / "cache"), *photos],
        check=False,
        input=_STDIN_BATCH.format(plugins=plugins),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert ran.returncode == 0, ran.stderr
    assert "Traceback" not in ran.stderr, ran.stderr
    assert ran.stdout.strip() == "[('0', None, True), ('1', None, True)]", ran.stdout
