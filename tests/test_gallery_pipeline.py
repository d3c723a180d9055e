"""The gallery core, without Pelican: size planning, orientation, metadata, the cache."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from community_press import ContentError
from gallery import pipeline, privacy
from gallery.model import ImageSize, Processing, cache_key
from gallery_helpers import leaks, looks_upright, make_photo
from PIL import Image

SMALL = Processing(widths=(16, 32, 48), formats=("avif", "webp", "jpeg"))


@pytest.mark.parametrize(
    ("size", "widths", "expected"),
    [
        # a phone photo: every width, none as wide as the original
        ((4000, 3000), (320, 640, 1024, 1600), [(320, 240), (640, 480), (1024, 768), (1600, 1200)]),
        # narrower than the widest: its own width is the largest, never upscaled
        ((800, 600), (320, 640, 1024, 1600), [(320, 240), (640, 480), (800, 600)]),
        # exactly one of the widths: no duplicate
        ((640, 480), (320, 640, 1024), [(320, 240), (640, 480)]),
        # smaller than every width: only itself
        ((200, 100), (320, 640), [(200, 100)]),
        # exactly the widest width: itself, once
        ((1600, 900), (320, 1600), [(320, 180), (1600, 900)]),
        # portrait: each size is the longer side, widths follow the aspect ratio, rounded
        ((3000, 4000), (320, 640), [(240, 320), (480, 640)]),
        ((3000, 4000), (400, 1600), [(300, 400), (1200, 1600)]),
        # a portrait narrower than the largest size but taller: itself is not added
        ((1200, 1700), (320, 1600), [(226, 320), (1129, 1600)]),
        # a portrait shorter than the largest size: itself is the largest
        ((900, 1200), (320, 1600), [(240, 320), (900, 1200)]),
        # so thin that two sizes round to one width: made once
        ((10, 10000), (320, 400), [(1, 320)]),
        # a panorama a pixel high never rounds to zero
        ((5000, 1), (320,), [(320, 1)]),
        # widths in any order, duplicates ignored
        ((2000, 1000), (640, 320, 640), [(320, 160), (640, 320)]),
    ],
)
def test_plan(size, widths, expected):
    assert pipeline.plan(ImageSize(*size), widths) == [ImageSize(*e) for e in expected]


@pytest.mark.parametrize(
    ("orientation", "expected"),
    [(1, (40, 30)), (2, (40, 30)), (3, (40, 30)), (4, (40, 30)),
     (5, (30, 40)), (6, (30, 40)), (7, (30, 40)), (8, (30, 40))],
)  # fmt: skip
def test_upright_size(orientation, expected):
    assert pipeline.upright_size(ImageSize(40, 30), orientation) == expected


@pytest.mark.parametrize("orientation", range(1, 9))
def test_prepare_turns_every_orientation_upright(tmp_path, orientation):
    path = make_photo(tmp_path / "p.jpg", orientation)
    with Image.open(path) as img:
        assert img.getexif()[privacy.ORIENTATION] == orientation
        clean = privacy.prepare(img)
    assert clean.size == (64, 32)
    assert looks_upright(clean)
    assert not clean.info
    assert not clean.getexif()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_prepare_drops_all_metadata(tmp_path, fmt):
    path = make_photo(tmp_path / f"p.{fmt.lower()}", 6, fmt=fmt)
    with Image.open(path) as img:
        assert "GPS" in privacy.metadata_found(img)
        clean = privacy.prepare(img)
    assert privacy.metadata_found(clean) == []
    for out_fmt in ("jpeg", "webp", "avif"):
        data = pipeline.encode(clean, out_fmt, 80, None)
        assert leaks(data) == []
        with Image.open(io.BytesIO(data)) as again:
            assert privacy.metadata_found(again) == [], out_fmt


def test_copyright_line_is_the_only_thing_kept(tmp_path):
    path = make_photo(tmp_path / "p.jpg", copyright_text="(c) Youth Home volunteers")
    with Image.open(path) as img:
        line = privacy.copyright_line(img)
    assert line == "(c) Youth Home volunteers"
    exif = privacy.copyright_exif("© 清泉山社区")
    clean = privacy.prepare(Image.open(path))
    for fmt in ("jpeg", "webp", "avif"):
        with Image.open(io.BytesIO(pipeline.encode(clean, fmt, 80, exif))) as out:
            tags = out.getexif()
            assert list(tags) == [privacy.COPYRIGHT], fmt
            assert privacy.copyright_line(out) == "© 清泉山社区"
            assert not tags.get_ifd(privacy.GPS_IFD)


AOM = {"codec": "aom", "advanced": [("tune", "psnr")]}


def test_photo_sized_avif_is_made_by_svt_av1_and_thumbnails_by_libaom(tmp_path):
    """The pinned AVIF plugin has both encoders; each size goes to the faster one, and
    the SVT-AV1 files keep nothing but the copyright line, like libaom's."""
    assert {"aom", "svt"} <= pipeline._avif_codecs()
    path = make_photo(tmp_path / "p.jpg", 6, size=(800, 600), copyright_text="x")
    with Image.open(path) as img:
        photo = privacy.prepare(img)
    assert photo.width * photo.height >= pipeline.SVT_FROM_PIXELS
    thumb = photo.resize((320, 427))
    exif = privacy.copyright_exif("© 清泉山社区")
    svt = pipeline._avif(photo, 60, exif, 9, {"codec": "svt"})
    assert svt != pipeline._avif(photo, 60, exif, 9, AOM)
    assert pipeline.encode(photo, "avif", 60, exif) == svt
    assert pipeline.encode(thumb, "avif", 60, exif) == pipeline._avif(thumb, 60, exif, 9, AOM)
    assert leaks(pipeline.encode(photo, "avif", 60, None)) == []
    with Image.open(io.BytesIO(svt)) as out:
        assert out.size == photo.size
        assert list(out.getexif()) == [privacy.COPYRIGHT]
        assert privacy.copyright_line(out) == "© 清泉山社区"


def test_an_image_svt_av1_refuses_is_made_by_libaom(monkeypatch):
    grey = Image.linear_gradient("L").resize((800, 600))  # SVT-AV1 has no 4:0:0
    with pytest.raises(RuntimeError):
        pipeline._avif(grey, 60, None, 9, {"codec": "svt"})
    monkeypatch.setattr(pipeline, "_avif_options", lambda img: [{"codec": "svt"}, AOM])
    data = pipeline.encode(grey, "avif", 60, None)
    assert data == pipeline._avif(grey, 60, None, 9, AOM)
    with Image.open(io.BytesIO(data)) as out:
        assert out.size == (800, 600)


def test_svt_av1_says_nothing_on_a_build_s_terminal(tmp_path):
    """SVT-AV1 prints its whole configuration on every encoder start unless told not to:
    hundreds of lines in an editor's terminal and in CI's log."""
    script = (
        "from PIL import Image\n"
        "from gallery import pipeline\n"
        "img = Image.linear_gradient('L').convert('RGB').resize((800, 600))\n"
        "print(len(pipeline.encode(img, 'avif', 60, None)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "SVT_LOG"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert int(done.stdout) > 0
    assert done.stderr == ""


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("RGB", "RGB"),
        ("L", "RGB"),  # greyscale: RGB for every encoder
        ("P", "RGB"),
        ("CMYK", "RGB"),
        ("LA", "RGBA"),  # transparency kept where some pixel uses it
        ("I;16", "RGB"),  # 16-bit scans are scaled, not clipped to white
    ],
)
def test_normalize_mode(mode, expected):
    img = Image.new(mode, (4, 4))
    if mode == "LA":
        img.putpixel((0, 0), (10, 0))
    if mode == "I;16":
        img = Image.new("I;16", (4, 4), 32768)
    out = privacy.normalize_mode(img)
    assert out.mode == expected
    if mode == "I;16":
        assert out.getpixel((0, 0))[0] == 128


def test_opaque_alpha_is_dropped():
    assert privacy.normalize_mode(Image.new("RGBA", (4, 4), (1, 2, 3, 255))).mode == "RGB"


def test_bad_colour_profile_is_ignored():
    img = Image.new("RGB", (4, 4), (10, 20, 30))
    img.info["icc_profile"] = b"not a profile"
    assert privacy.to_srgb(img).getpixel((0, 0)) == (10, 20, 30)


def test_metadata_found_names_what_is_there(tmp_path):
    with Image.open(make_photo(tmp_path / "p.jpg")) as img:
        found = privacy.metadata_found(img)
    assert {"GPS", "EXIF", "icc_profile", "xmp", "comment", "photoshop"} <= set(found)


def test_clean_file_rewrites_only_files_with_metadata(tmp_path):
    dirty = make_photo(tmp_path / "dirty.jpg", 3)
    clean = tmp_path / "clean.png"
    Image.new("RGB", (8, 8), "white").save(clean)
    before = clean.read_bytes()
    assert "GPS" in privacy.clean_file(dirty)
    assert privacy.clean_file(clean) == []
    assert clean.read_bytes() == before
    assert leaks(dirty.read_bytes()) == []
    with Image.open(dirty) as img:
        assert privacy.metadata_found(img) == []
        assert looks_upright(img)


def task(tmp_path: Path, source: Path, processing: Processing = SMALL) -> pipeline.Task:
    key = cache_key("0" * 64, processing)
    return pipeline.Task(
        str(source), f"content/{source.name}", key, str(tmp_path / "c" / key), processing
    )


@pytest.mark.parametrize("orientation", range(1, 9))
def test_process_writes_upright_clean_derivatives(tmp_path, orientation):
    source = make_photo(tmp_path / "p.jpg", orientation)
    outcome = pipeline.process(task(tmp_path, source))
    assert outcome.error is None
    assert (outcome.decoded, outcome.encoded) == (1, 9)
    rendition = outcome.rendition
    assert rendition.size == (64, 32)
    assert sorted({d.width for d in rendition.derivatives}) == [16, 32, 48]
    entry = tmp_path / "c" / rendition.key
    for d in rendition.derivatives:
        data = (entry / d.filename).read_bytes()
        assert leaks(data) == []
        with Image.open(io.BytesIO(data)) as img:
            assert img.size == (d.width, d.height)
            assert img.format == {"jpeg": "JPEG", "webp": "WEBP", "avif": "AVIF"}[d.format]
            assert privacy.metadata_found(img) == []
            if d.width == 48:
                assert looks_upright(img), (orientation, d)


def test_shrink_keeps_the_colour_profile_and_leaves_other_modes_to_prepare():
    photo = Image.new("RGB", (40, 20), (200, 10, 10))
    photo.info["icc_profile"] = b"camera profile"
    small = pipeline.shrink(photo, ImageSize(20, 10))
    assert small.size == (20, 10)
    assert small.info["icc_profile"] == b"camera profile"  # still converted to sRGB later
    assert pipeline.shrink(photo, ImageSize(40, 20)) is photo  # already the size wanted
    palette = photo.convert("P")
    assert pipeline.shrink(palette, ImageSize(20, 10)) is palette  # made RGB first


def test_a_turned_photo_is_shrunk_before_it_is_turned(tmp_path):
    """3000x1000, stored on its side (orientation 6): decoded at a quarter, shrunk to the
    stored shape of the widest target, then turned: every size exact and upright."""
    source = make_photo(tmp_path / "side.jpg", 6, size=(3000, 1000), gps=False)
    upright, steps = pipeline.render(source, "side.jpg", Processing(widths=(300, 600)))
    assert upright == (3000, 1000)
    made = list(steps)
    assert {(d.width, d.height) for d, _ in made} == {(300, 100), (600, 200)}
    for derivative, data in made:
        with Image.open(io.BytesIO(data)) as img:
            assert img.size == (derivative.width, derivative.height)
            assert looks_upright(img), derivative


def test_cache_entry_round_trip_and_damage(tmp_path):
    t = task(tmp_path, make_photo(tmp_path / "p.jpg"))
    rendition = pipeline.process(t).rendition
    entry = Path(t.entry)
    assert pipeline.load_entry(entry, t.key) == rendition
    assert pipeline.load_entry(entry, "another key") is None
    # A derivative cut short (a full disk, a killed build) makes the entry untrusted.
    victim = entry / rendition.derivatives[0].filename
    victim.write_bytes(victim.read_bytes()[:10])
    assert pipeline.load_entry(entry, t.key) is None
    (entry / pipeline.MANIFEST).unlink()
    assert pipeline.load_entry(entry, t.key) is None


def test_cache_key_depends_on_bytes_and_settings_only():
    a = cache_key("a" * 64, Processing(widths=(16, 32, 48)))
    assert a == cache_key("a" * 64, Processing(widths=(16, 32, 48)))
    assert a != cache_key("b" * 64, Processing(widths=(16, 32, 48)))
    assert a != cache_key("a" * 64, Processing(widths=(16, 32)))
    assert a != cache_key("a" * 64, Processing(widths=(16, 32, 48), keep_copyright=True))
    assert a != cache_key("a" * 64, Processing(widths=(16, 32, 48), formats=("webp", "jpeg")))
    # The pixel limit refuses photos, it never changes one: not part of the key.
    assert a == cache_key("a" * 64, Processing(widths=(16, 32, 48), max_pixels=10))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims a size and holds almost nothing: the shape of a pixel bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1024)  # a few rows of zeros, not the billions claimed
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("name", "write", "message"),
    [
        ("empty.jpg", lambda p: p.write_bytes(b""), "not an image"),
        ("notes.jpg", lambda p: p.write_text("hello, not a photo"), "not an image"),
        ("phone.heic", lambda p: p.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\0" * 32), "HEIC"),
        ("bomb.png", lambda p: p.write_bytes(png_header_only(30000, 30000)), "30000×30000"),
        ("huge.png", lambda p: p.write_bytes(png_header_only(9000, 9000)), "9000×9000"),
        ("anim.gif", lambda p: Image.new("P", (4, 4)).save(p), "GIF images are not supported"),
    ],
)
def test_open_photo_refuses_with_a_clear_message(tmp_path, name, write, message):
    path = tmp_path / name
    write(path)
    with pytest.raises(ContentError) as error:
        pipeline.open_photo(path, f"content/galleries/x/{name}", 50_000_000)
    assert str(error.value).startswith(f"content/galleries/x/{name}: ")
    assert message in str(error.value)


def test_truncated_photo_is_an_error_not_a_crash(tmp_path):
    source = make_photo(tmp_path / "cut.jpg", size=(256, 128))
    data = source.read_bytes()
    source.write_bytes(data[: len(data) // 2])
    outcome = pipeline.process(task(tmp_path, source))
    assert outcome.rendition is None
    assert outcome.error.source == "content/cut.jpg"
    assert outcome.error.problem.startswith("cannot be read")
    assert "damaged or cut short" in outcome.error.problem


def test_pixel_limit_is_checked_before_decoding(tmp_path):
    source = make_photo(tmp_path / "big.jpg", size=(200, 100))
    outcome = pipeline.process(task(tmp_path, source, Processing(widths=(16,), max_pixels=10_000)))
    assert outcome.decoded == 0
    assert "200×100 = 20,000 pixels is over the limit of 10,000" in outcome.error.problem


def test_png_text_after_the_pixels_is_found_and_removed(tmp_path):
    path = tmp_path / "late.png"
    Image.new("RGB", (8, 8), "white").save(path)
    data = path.read_bytes()
    body = b"tEXt" + b"Location\x0026.89N 112.57E"
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    path.write_bytes(data[:-12] + chunk + data[-12:])  # just before IEND, after IDAT
    assert "tEXt" in privacy.file_metadata(path)
    assert "tEXt" in privacy.clean_file(path)
    assert privacy.file_metadata(path) == []
    assert b"26.89N" not in path.read_bytes()
