"""Every way a gallery can go wrong: a clear message naming the file, and a failed build.

Each mistake is built on its own in this process (an ERROR record is what `--fatal errors`
turns into a failed build); then all of them together through the real command line,
which must exit non-zero and print every message at once.
"""

from __future__ import annotations

import logging
import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, build_site, run_build
from gallery_helpers import make_photo
from rulebook import check_content
from test_gallery_pipeline import png_header_only

from tools.check import load_settings


@pytest.fixture(autouse=True)
def in_the_site_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where `make html` runs, in the site's folder: files are named from there
    (`content/galleries/...`), as `community_press.shown_path` names them."""
    monkeypatch.chdir(tmp_path)


SMALL = {"GALLERY_WIDTHS": [16, 32], "GALLERY_WORKERS": 1}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def project(content: Path, slug: str, gallery: str, extra: str = "") -> None:
    write(
        content / "projects" / f"{slug}.md",
        f"Title: {slug}\nSlug: {slug}\ngallery: {gallery}\n{extra}\nText.\n",
    )


def good(content: Path, name: str) -> Path:
    return make_photo(content / "galleries" / name / "good.jpg", 1)


def corrupt(content: Path) -> None:
    good(content, "corrupt")
    (content / "galleries" / "corrupt" / "bad.jpg").write_bytes(os.urandom(2000))
    project(content, "corrupt", "corrupt")


def truncated(content: Path) -> None:
    good(content, "cut")
    photo = make_photo(content / "galleries" / "cut" / "cut.jpg", 1, size=(256, 128))
    photo.write_bytes(photo.read_bytes()[:1500])
    project(content, "cut", "cut")


def not_an_image(content: Path) -> None:
    good(content, "text")
    write(content / "galleries" / "text" / "notes.jpg", "Meeting notes, not a photo.\n")
    project(content, "text", "text")


def pixel_bomb(content: Path) -> None:
    good(content, "bomb")
    (content / "galleries" / "bomb" / "bomb.png").write_bytes(png_header_only(40000, 40000))
    project(content, "bomb", "bomb")


def missing_folder(content: Path) -> None:
    good(content, "present")
    project(content, "missing", "absent")


def empty_folder(content: Path) -> None:
    write(content / "galleries" / "empty" / "captions.txt", "")
    project(content, "empty", "empty")


def parent_escape(content: Path) -> None:
    make_photo(content / "images" / "x.jpg")
    project(content, "escape", "../images")


def absolute_path(content: Path) -> None:
    project(content, "absolute", "/etc")


def linked_folder(content: Path) -> None:
    outside = content.parent / "private"
    make_photo(outside / "home.jpg")
    (content / "galleries").mkdir(parents=True, exist_ok=True)
    os.symlink(outside, content / "galleries" / "linked")
    project(content, "linked", "linked")


def linked_photo(content: Path) -> None:
    outside = content.parent / "private2"
    make_photo(outside / "home.jpg")
    good(content, "mixed")
    os.symlink(outside / "home.jpg", content / "galleries" / "mixed" / "home.jpg")
    project(content, "mixed", "mixed")


def caption_for_missing_photo(content: Path) -> None:
    good(content, "cap")
    write(content / "galleries" / "cap" / "captions.txt", "good.jpg: Fine\nghost.jpg: Who?\n")
    project(content, "cap", "cap")


def bad_caption_line(content: Path) -> None:
    good(content, "line")
    write(content / "galleries" / "line" / "captions.en.txt", "good.jpg  no colon here\n")
    write(
        content / "projects" / "line.en.md",
        "Title: line\nSlug: line\nLang: en\ngallery: line\n\nText.\n",
    )


def bad_cover(content: Path) -> None:
    good(content, "cover")
    project(content, "cover", "cover", "cover: nope.jpg\n")


def broken_content_image(content: Path) -> None:
    (content / "images").mkdir(parents=True, exist_ok=True)
    (content / "images" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 broken")
    write(
        content / "articles" / "news.md",
        "Title: News\nSlug: news\nDate: 2024-06-19\n\n![A photo]({static}/images/broken.jpg)\n",
    )


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "corrupt": (
        corrupt,
        "content/galleries/corrupt/bad.jpg:1: error: not an image Pillow can read",
    ),
    "truncated": (truncated, "content/galleries/cut/cut.jpg:1: error: cannot be read"),
    "not an image": (not_an_image, "content/galleries/text/notes.jpg:1: error: not an image"),
    "pixel bomb": (
        pixel_bomb,
        "content/galleries/bomb/bomb.png:1: error: 40000×40000 = 1,600,000,000 pixels is over the "
        "limit of 89,478,485 (GALLERY_MAX_PIXELS)",
    ),
    "missing folder": (
        missing_folder,
        "content/projects/missing.md:3: error: field 'gallery' = 'absent': no such folder "
        "content/galleries/absent/",
    ),
    "empty folder": (
        empty_folder,
        "content/projects/empty.md:3: error: field 'gallery' = 'empty': "
        "content/galleries/empty/ has no photos",
    ),
    "parent escape": (
        parent_escape,
        "content/projects/escape.md:3: error: field 'gallery' = '../images': '..' would leave "
        "content/galleries/",
    ),
    "absolute path": (
        absolute_path,
        "content/projects/absolute.md:3: error: field 'gallery' = '/etc': must be a folder "
        "name inside content/galleries/",
    ),
    "linked folder": (
        linked_folder,
        "content/projects/linked.md:3: error: field 'gallery' = 'linked': is a link leading "
        "outside content/galleries/",
    ),
    "linked photo": (
        linked_photo,
        "content/galleries/mixed/home.jpg:1: error: is a link to a file outside the galleries "
        "folder",
    ),
    "caption for a missing photo": (
        caption_for_missing_photo,
        "content/galleries/cap/captions.txt:2: error: field 'line 2' = 'ghost.jpg': no such "
        "photo in this gallery folder",
    ),
    "bad caption line": (
        bad_caption_line,
        "content/galleries/line/captions.en.txt:1: error: field 'line 1' = "
        "'good.jpg  no colon here': not a caption line",
    ),
    "bad cover": (
        bad_cover,
        "content/projects/cover.md:4: error: field 'cover' = 'nope.jpg': no such photo in "
        "content/galleries/cover/",
    ),
    "broken content image": (
        broken_content_image,
        "content/images/broken.jpg:1: error: cannot be read (Truncated File Read): the file is "
        "damaged or cut short; copy or export it again (in content/articles/news.md)",
    ),
}


def checked(content: Path, work: Path) -> list[str]:
    """What `make check` prints for `content`, one line per problem."""
    settings = load_settings(ROOT / "pelicanconf.py", content)
    settings.update(SMALL, CACHE_PATH=str(work / "cache" / "pelican"))
    settings["GALLERY_CACHE_PATH"] = str(work / "cache" / "gallery")
    return [str(p) for p in check_content(settings)]


def gallery_errors(records: list[logging.LogRecord]) -> list[str]:
    return [
        r.getMessage()
        for r in records
        if r.levelno >= logging.ERROR and r.name.startswith("gallery")
    ]


@pytest.mark.parametrize("case", CASES)
def test_each_mistake_is_one_clear_error(tmp_path, case):
    setup, expected = CASES[case]
    content = tmp_path / "content"
    content.mkdir()
    setup(content)
    result = build_site(content, tmp_path / "output", **SMALL)
    errors = gallery_errors(result.records)
    assert len(errors) == 1, errors  # every problem of a build in one report
    assert expected in errors[0]
    assert errors[0].count("\n  ") == 1  # this mistake, and no other
    assert "Traceback" not in errors[0]
    # In `make check`'s words and shape: file, line, severity, field, problem (the build
    # may add where a broken image is used).
    line = errors[0].split("\n  ")[1]
    assert any(line.startswith(said) for said in checked(content, tmp_path)), line
    # A broken photo is never published as it is.
    published = {p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    for source in content.rglob("*"):
        if source.is_file() and source.suffix in {".jpg", ".png"}:
            assert source.read_bytes() not in published, source


def settings_file(tmp_path: Path, body: str) -> str:
    """A settings file that takes the project's and changes a few (run_build's `conf`)."""
    path = tmp_path / "testconf.py"
    path.write_text(
        textwrap.dedent(
            f"""\
            import sys
            sys.path.insert(0, {str(ROOT)!r})
            from pelicanconf import *  # noqa: F403
            CACHE_PATH = {str(tmp_path / "cache" / "pelican")!r}
            GALLERY_CACHE_PATH = {str(tmp_path / "cache" / "gallery")!r}
            GALLERY_WIDTHS = [16, 32]
            """
        )
        + textwrap.dedent(body),
        encoding="utf-8",
    )
    return str(path)


def test_command_line_build_fails_and_names_every_mistake(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    for setup, _ in CASES.values():
        setup(content)
    result = run_build(content, tmp_path / "output", settings_file(tmp_path, ""))
    printed = " ".join((result.stdout + result.stderr).split())  # the console wraps lines
    assert result.returncode != 0
    assert not (tmp_path / "output").exists()
    for case, (_, expected) in CASES.items():
        # The rule book names a content image without the page that shows it ("(in ...)").
        assert " ".join(expected.split(" (in ")[0].split()) in printed, case


def test_skip_setting_turns_a_broken_photo_into_a_warning(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    corrupt(content)
    conf = settings_file(tmp_path, 'GALLERY_BROKEN_PHOTOS = "skip"\n')
    result = run_build(content, tmp_path / "output", conf)
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode == 0, printed
    assert (
        "content/galleries/corrupt/bad.jpg:1: warning: not an image Pillow can read (is it "
        "really a photo, or a renamed file?) (skipped: GALLERY_BROKEN_PHOTOS = 'skip')"
    ) in printed
    page = (tmp_path / "output" / "projects" / "corrupt" / "index.html").read_text()
    assert page.count('class="gallery-link"') == 1


def test_skip_setting_still_fails_a_gallery_with_no_readable_photo(tmp_path):
    content = tmp_path / "content"
    (content / "galleries" / "dead").mkdir(parents=True)
    (content / "galleries" / "dead" / "a.jpg").write_bytes(b"nope")
    project(content, "dead", "dead")
    result = build_site(content, tmp_path / "output", GALLERY_BROKEN_PHOTOS="skip", **SMALL)
    errors = gallery_errors(result.records)
    assert len(errors) == 1
    assert (
        "content/projects/dead.md:3: error: field 'gallery' = 'dead': no photo of this gallery"
        in (errors[0])
    )


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("GALLERY_WIDTHS = 'big'", "setting 'GALLERY_WIDTHS' = 'big': must be a list of widths"),
        ("GALLERY_FORMATS = ['webp']", "must include 'jpeg'"),
        ("GALLERY_BROKEN_PHOTOS = 'ignore'", "must be 'error' or 'skip'"),
        ("GALLERY_QUALITY = {'jpeg': 500}", "setting 'GALLERY_QUALITY'"),
    ],
)
def test_wrong_settings_stop_the_build(tmp_path, setting, message):
    content = tmp_path / "content"
    good(content, "g")
    result = run_build(content, tmp_path / "output", settings_file(tmp_path, setting + "\n"))
    printed = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert message in printed
