"""GIFs and files under any name: nothing they hide reaches the output.

Found by a tester who wrote the bytes by hand: a photo with its GPS after a GIF's end, text
in plain-text, unknown and control blocks, XMP in an ANIMEXTS block, a photo named
notes.txt, an SVG named .gif, a GIF of 65535×65535. Each is cleaned or refused, by
`make check` and the build alike.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from gallery import privacy
from gallery_helpers import leaks, make_photo
from PIL import Image
from rulebook import check_content

from tools.check import load_settings

SECRET = b"GPS 51.50070 N 0.12460 W home-of-child"


def animation(path: Path, frames: int = 3) -> bytes:
    """A looping GIF as Pillow writes it: a loop block, a control block per frame."""
    path.parent.mkdir(parents=True, exist_ok=True)
    images = []
    for n in range(frames):  # a square that moves: frames Pillow cannot merge
        image = Image.new("RGB", (12, 12), "white")
        image.paste((200, 30, 30), (n * 3, 2, n * 3 + 4, 6))
        images.append(image.convert("P"))
    images[0].save(path, "GIF", save_all=True, append_images=images[1:], loop=0, duration=80)
    return path.read_bytes()


def sub_blocks(payload: bytes) -> bytes:
    return b"".join(bytes([len(payload[i : i + 255])]) + payload[i : i + 255]
                    for i in range(0, len(payload), 255)) + b"\x00"  # fmt: skip


def with_blocks(data: bytes, *blocks: bytes) -> bytes:
    """`data` with `blocks` put just before its trailer."""
    end = data.rindex(b"\x3b")
    return data[:end] + b"".join(blocks) + data[end:]


def hostile(tmp_path: Path) -> dict[str, bytes]:
    gif = animation(tmp_path / "base.gif")
    photo = make_photo(tmp_path / "gps.jpg").read_bytes()
    control = gif.index(b"\x21\xf9\x04")
    loop = gif.index(b"\x21\xff\x0bNETSCAPE2.0")
    return {
        "photo after the end": gif + photo,
        "plain text": with_blocks(gif, b"\x21\x01" + sub_blocks(b"\x00" * 12 + SECRET)),
        "unknown extension": with_blocks(gif, b"\x21\x02" + sub_blocks(SECRET)),
        "XMP in ANIMEXTS": with_blocks(gif, b"\x21\xff\x0bANIMEXTS1.0" + sub_blocks(SECRET)),
        "text after a control block": (
            gif[: control + 7] + sub_blocks(SECRET)[:-1] + gif[control + 7 :]
        ),
        "text after the loop count": gif[: loop + 18] + sub_blocks(SECRET)[:-1] + gif[loop + 18 :],
    }


def test_every_hidden_thing_is_named_and_taken_out_frames_kept(tmp_path: Path) -> None:
    for case, data in hostile(tmp_path).items():
        assert privacy.gif_metadata(data), case
        clean = privacy.strip_gif(data)
        assert SECRET not in clean and leaks(clean) == [], case
        assert privacy.gif_metadata(clean) == [], case
        with Image.open(_saved(clean, tmp_path)) as after:
            assert after.n_frames == 3, case
            assert after.info.get("loop") == 0 and after.info.get("duration") == 80, case


def _saved(data: bytes, folder: Path) -> Path:
    path = folder / "clean.gif"
    path.write_bytes(data)
    return path


def test_a_plain_animation_is_left_as_it_is(tmp_path: Path) -> None:
    data = animation(tmp_path / "a.gif")
    assert privacy.gif_metadata(data) == []
    assert privacy.strip_gif(data) == data


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # files are named from the site's folder
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "extra").mkdir()
    return content


def _article(content: Path, body: str) -> None:
    (content / "articles" / "fun.md").write_text(
        f"Title: Fun\nDate: 2024-06-01\n\n{body}\n", encoding="utf-8"
    )


def _checked(content: Path, work: Path) -> list[str]:
    settings = load_settings(ROOT / "pelicanconf.py", content)
    settings["CACHE_PATH"] = str(work / "cache")
    return [str(p) for p in check_content(settings) if p.is_error]


def test_hidden_things_in_published_gifs_are_taken_out(site: Path, tmp_path: Path) -> None:
    lines = []
    for n, data in enumerate(hostile(tmp_path).values()):
        (site / "articles" / f"g{n}.gif").write_bytes(data)
        (site / "extra" / f"g{n}.gif").write_bytes(data)
        lines.append(f"![Dancing {n}](g{n}.gif)")
    _article(site, "\n\n".join(lines))
    assert _checked(site, tmp_path) == []
    built = build_site(site, tmp_path / "output")
    assert built.problems(logging.ERROR) == []
    published = [p for p in (tmp_path / "output").rglob("g*.gif")]
    assert len(published) == 12
    for path in published:
        data = path.read_bytes()
        assert SECRET not in data and leaks(data) == [], path
        with Image.open(path) as img:
            assert img.n_frames == 3, path


def test_a_photo_under_any_name_is_cleaned(site: Path, tmp_path: Path) -> None:
    """A phone photo with its GPS saved as notes.txt (or .json, .html) in extra/."""
    photo = make_photo(tmp_path / "gps.jpg").read_bytes()
    for name in ("notes.txt", "data.json", "page.html"):
        (site / "extra" / name).write_bytes(photo)
    _article(site, "Text.")
    built = build_site(site, tmp_path / "output")
    assert built.problems(logging.ERROR) == []
    for name in ("notes.txt", "data.json", "page.html"):
        assert leaks((tmp_path / "output" / "extra" / name).read_bytes()) == [], name


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("svg.gif", b'<svg xmlns="http://www.w3.org/2000/svg"><script>go()</script></svg>',
         "is named like a picture (.gif) but is none"),
        ("bomb.gif", b"GIF89a\xff\xff\xff\xff\x00\x00\x00" + b"\x3b",
         "a GIF of 65535×65535 = 4,294,836,225 pixels, over the limit"),
        ("cut.gif", b"GIF89a\x0c\x00\x0c\x00\x00\x00\x00\x2c\x00\x00", "cut short"),
    ],
)  # fmt: skip
def test_a_gif_that_cannot_be_published_is_refused_by_check_and_build(
    site: Path, tmp_path: Path, name: str, data: bytes, said: str
) -> None:
    (site / "articles" / name).write_bytes(data)
    _article(site, f"![Our picture]({name})")
    checked = _checked(site, tmp_path)
    assert len(checked) == 1 and said in checked[0], checked
    assert checked[0].startswith(f"content/articles/fun.md:4: error: image '{name}': ")
    (site / "articles" / name).rename(site / "extra" / name)  # a static file, linked nowhere
    _article(site, "Text.")
    (static,) = _checked(site, tmp_path)
    assert static.startswith(f"content/extra/{name}:1: error: ") and said in static
