"""Photos and content nobody planned for: odd EXIF, colour profiles, modes, names, typos.

Each test builds a tiny real site (or calls the core) with photos drawn by Pillow in
tmp_path; nothing binary is committed. Found by adversarial QA of the gallery plugin:
every test named after a fix failed before it.
"""

from __future__ import annotations

import io
import logging
import struct
import unicodedata
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build_site
from gallery import captions, privacy
from gallery.captions import Caption
from gallery_helpers import (
    XMP,
    exif_block,
    leaks,
    looks_upright,
    make_photo,
    quadrant_colours,
    srgb_icc,
    upright,
)
from PIL import Image

SMALL = {"GALLERY_WIDTHS": [16, 32, 48], "GALLERY_WORKERS": 1}

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


def test_a_heic_photo_in_the_output_is_an_error(tmp_path):
    content = tmp_path / "content"
    # An iPhone photo's first bytes, then its EXIF (Pillow cannot read HEIC to clean it).
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + exif_block(6).tobytes()
    (content / "extra").mkdir(parents=True)
    (content / "extra" / "IMG_0002.HEIC").write_bytes(heic)
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
    assert f"{CAPTIONS}: field 'line 2' = 'a.jpg: " in errors[0]
    assert "not UTF-8 text" in errors[0]
    assert "content/projects" not in errors[0]  # the file to fix, not the page


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
    assert f"content/galleries/g/{name}: never read: rename it captions.txt" in errors[0]


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
        "content/projects/case.md: field 'gallery' = 'spring-fair': no such folder "
        "content/galleries/spring-fair/ (check the spelling); did you mean 'Spring-Fair'?",
        "content/galleries/park/captions.txt: field 'line 1' = 'img_0002.jpg': no such photo "
        "in this gallery folder (check the file name, or remove the line); "
        "did you mean 'IMG_0002.JPG'?",
        "did you mean '2024/fair'?",
        "content/projects/cover.md: field 'cover' = 'b.jpg': no such photo in "
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
    (content / "extra").mkdir()
    (content / "extra" / "open.avif").write_bytes(damaged_avif(at_open=True))
    project(content, "g")
    result = build(content, tmp_path / "output", STATIC_PATHS=["extra"])
    errors = "\n".join(problems(result, logging.ERROR))
    assert "Traceback" not in errors
    for name in ("empty.jpg", "notes.JPG", "decode.avif", "open.avif"):
        assert f"content/galleries/g/{name}: " in errors, name
    assert "extra/open.avif (in the output): cannot be checked" in errors
