"""Copied pictures: what hides where Pillow does not look is found and taken out.

Found by a tester who wrote the bytes by hand: a JFIF thumbnail of the uncropped original,
a FlashPix block, an APP4 with a location, an extended XMP with GPS, a PNG's private
preview chunk, a WebP's unknown chunk. Each file, linked with {static} or put in extra/,
was published byte for byte, the sweep finding it clean. The sweep now judges a JPEG, PNG
or WebP by what its picture is made of: anything else is metadata, and the file is
rewritten from its pixels.
"""

from __future__ import annotations

import io
import logging
import struct
import zlib
from pathlib import Path

import pytest
from conftest import build_site
from gallery import privacy
from gallery_helpers import upright
from PIL import Image

SECRET = b"GPS 26.8912N 112.6234E Zhang Secret"


def _encoded(fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    upright().save(out, fmt, **options)
    return out.getvalue()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _after_soi(jpeg: bytes, *segments: bytes) -> bytes:
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _original_thumbnail() -> bytes:
    """A small JPEG standing for the uncropped original, the secret written in it."""
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, "JPEG", comment=SECRET)
    return out.getvalue()


def hostile() -> dict[str, bytes]:
    jpeg = _encoded("JPEG", quality=90)
    png = _encoded("PNG")
    webp = _encoded("WEBP", quality=90)
    header_end = 8 + 12 + 13  # signature, IHDR
    extension = b"http://ns.adobe.com/xmp/extension/\0" + b"0" * 32 + struct.pack(">II", 9, 0)
    extra = b"GPSX" + struct.pack("<I", len(SECRET)) + SECRET + b"\0" * (len(SECRET) & 1)
    jfif_thumbnail = b"JFIF\0\1\1\0\0\1\0\1\1\1" + SECRET + b"\0\0"  # a 1x1 thumbnail, and more
    time = _chunk(b"tIME", b"\x07\xea\x0c\x07\x0c\x00\x00")
    return {
        "jfxx.jpg": _after_soi(jpeg, _segment(0xE0, b"JFXX\0\x10" + _original_thumbnail())),
        "thumbnail-in-jfif.jpg": jpeg[:2] + _segment(0xE0, jfif_thumbnail) + jpeg[20:],
        "extended-xmp.jpg": _after_soi(jpeg, _segment(0xE1, extension + SECRET)),
        "flashpix.jpg": _after_soi(jpeg, _segment(0xE2, b"FPXR\0" + SECRET)),
        "app4.jpg": _after_soi(jpeg, _segment(0xE4, SECRET)),
        "between-scans.jpg": jpeg[:-2] + _segment(0xEB, SECRET) + jpeg[-2:],
        "preview.png": png[:header_end] + _chunk(b"prVW", SECRET) + png[header_end:],
        "time.png": png[:header_end] + time + png[header_end:],
        "unknown.webp": b"RIFF" + struct.pack("<I", len(webp) - 8 + len(extra)) + webp[8:] + extra,
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(hostile()))
def test_a_picture_hiding_data_where_pillow_does_not_look_is_cleaned(
    name: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(hostile()[name])
    with Image.open(path) as img:  # still a picture every reader opens
        size = img.size
    assert privacy.file_metadata(path) != [], name
    assert privacy.uncleanable(path) == ""
    assert privacy.clean_file(path) != []
    assert privacy.file_metadata(path) == []
    data = path.read_bytes()
    assert SECRET not in data
    assert b"JFXX" not in data and b"prVW" not in data and b"tIME" not in data
    with Image.open(path) as img:
        assert img.size == size


@pytest.mark.parametrize(
    ("fmt", "options"),
    [
        ("JPEG", {}),
        ("JPEG", {"progressive": True, "optimize": True}),
        ("PNG", {"dpi": (72, 72)}),
        ("WEBP", {"lossless": True}),
    ],
)
def test_a_plain_picture_is_left_as_it_is(
    fmt: str, options: dict[str, object], tmp_path: Path
) -> None:
    path = tmp_path / f"plain.{fmt.lower()}"
    path.write_bytes(_encoded(fmt, **options))
    assert privacy.file_metadata(path) == []
    cmyk = tmp_path / "cmyk.jpg"  # Adobe's colour-transform segment is part of the picture
    upright().convert("CMYK").save(cmyk, "JPEG")
    assert privacy.file_metadata(cmyk) == []


def test_copied_pictures_are_published_without_what_they_hide(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "images").mkdir()
    (content / "extra").mkdir()
    files = hostile()
    for name, data in files.items():
        (content / "images" / name).write_bytes(data)
    (content / "extra" / "jfxx.jpg").write_bytes(files["jfxx.jpg"])
    links = "\n\n".join(f"[{name}]({{static}}/images/{name})" for name in sorted(files))
    (content / "articles" / "files.md").write_text(
        f"Title: Files\nDate: 2024-06-01\n\n{links}\n", encoding="utf-8"
    )
    built = build_site(content, tmp_path / "output")
    assert built.problems(logging.ERROR) == []
    published = [tmp_path / "output" / "images" / name for name in files]
    published.append(tmp_path / "output" / "extra" / "jfxx.jpg")
    for path in published:
        data = path.read_bytes()
        assert SECRET not in data and b"JFXX" not in data, path
        assert privacy.file_metadata(path) == [], path
