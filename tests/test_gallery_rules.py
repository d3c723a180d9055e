"""The gallery and project rule books (`gallery.rules`, `projects.rules`) as plain
functions: the build and `make check` both call them, so these tables hold for both."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from community_press import ERROR, WARNING, Problem
from gallery.rules import find_gallery, folder_problems, gallery_problems, photo_problems
from gallery.settings import DEFAULTS, settings_problems
from gallery_helpers import make_photo
from projects.core import is_project, project_order
from projects.core import settings_problems as projects_settings_problems
from projects.rules import project_problems


@pytest.fixture(autouse=True)
def in_the_site_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run where `make html` runs, in the site's folder: files are named from there
    (`content/galleries/...`), as `community_press.shown_path` names them."""
    monkeypatch.chdir(tmp_path)


SETTINGS = {"GALLERY_PATH": "galleries"}
NFD = unicodedata.normalize("NFD", "Zoé.jpg")  # as a Mac stores it
NFC = unicodedata.normalize("NFC", "Zoé.jpg")  # as anyone types it


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for name in ("park/a.jpg", "park/b.jpg", f"mac/{NFD}", "2024/fair/x.jpg"):
        make_photo(root / "galleries" / name, gps=False)
    (root / "galleries" / "empty").mkdir()
    return root


# meta -> (field, start of the problem) of the one problem, or None for none
GALLERY_CASES: list[tuple[dict[str, object], tuple[str, str] | None]] = [
    ({"title": "no gallery"}, None),
    ({"gallery": "park"}, None),
    ({"gallery": " park/ "}, None),  # spaces and a trailing slash are fine
    ({"gallery": "park", "cover": "b.jpg"}, None),
    ({"gallery": "mac", "cover": NFC}, None),  # typed NFC, stored NFD: the same photo
    ({"gallery": "mac", "cover": NFD}, None),
    ({"gallery": "park", "cover": "c.jpg"}, ("cover", "no such photo in content/galleries/park/")),
    ({"gallery": "park", "cover": ""}, ("cover", "no such photo")),
    ({"gallery": "prak"}, ("gallery", "no such folder content/galleries/prak/")),
    ({"gallery": "empty"}, ("gallery", "content/galleries/empty/ has no photos")),
    ({"gallery": "empty", "cover": "a.jpg"}, ("gallery", "content/galleries/empty/ has no")),
    ({"gallery": "../secret"}, ("gallery", "'..' would leave content/galleries/")),
    ({"gallery": "/etc"}, ("gallery", "must be a folder name inside content/galleries/")),
    ({"gallery": "C:\\photos"}, ("gallery", "must be a folder name inside")),
    ({"gallery": ""}, ("gallery", "empty (write the name of a folder")),
]


@pytest.mark.parametrize(("meta", "expected"), GALLERY_CASES)
def test_gallery_problems(
    content: Path, meta: dict[str, object], expected: tuple[str, str] | None
) -> None:
    found = gallery_problems(meta, "content/pages/p.md", content, SETTINGS)
    if expected is None:
        assert found == []
        return
    assert len(found) == 1, found
    (problem,) = found
    assert (problem.source, problem.field, problem.severity, problem.line) == (
        "content/pages/p.md",
        expected[0],
        ERROR,
        0,  # a front-matter field: the checker adds the line
    )
    assert problem.value == meta[expected[0]]
    assert problem.problem.startswith(expected[1]), problem.problem


@pytest.mark.parametrize(
    ("meta", "hint"),
    [
        ({"gallery": "Park"}, "; did you mean 'park'?"),  # only the case differs
        ({"gallery": "prak"}, "; did you mean 'park'?"),
        ({"gallery": "2024/fiar"}, "; did you mean '2024/fair'?"),  # inside a year folder
        ({"gallery": "park", "cover": "A.JPG"}, "; did you mean 'a.jpg'?"),
        ({"gallery": "nothing-like-it"}, ""),
    ],
)
def test_a_misspelt_name_gets_the_closest_real_one(
    content: Path, meta: dict[str, object], hint: str
) -> None:
    (problem,) = gallery_problems(meta, "p.md", content, SETTINGS)
    assert problem.problem.endswith(hint or "(check the spelling)")


def test_find_gallery_gives_the_build_the_folder_and_photos(content: Path) -> None:
    found = find_gallery({"gallery": "park "}, "p.md", content, SETTINGS)
    assert (found.name, found.folder, sorted(found.photos), found.problems) == (
        "park",
        content / "galleries" / "park",
        ["a.jpg", "b.jpg"],
        (),
    )


def test_a_link_to_a_photo_outside_is_the_photos_problem(content: Path, tmp_path: Path) -> None:
    make_photo(tmp_path / "home.jpg")
    (content / "galleries" / "park" / "home.jpg").symlink_to(tmp_path / "home.jpg")
    (problem,) = gallery_problems({"gallery": "park"}, "p.md", content, SETTINGS)
    assert problem.source == "content/galleries/park/home.jpg"
    assert "outside the galleries folder" in problem.problem


# --- captions ------------------------------------------------------------------------

# files of the folder "g" (besides a.jpg and b.jpg) -> (source, line, severity, text) each
CAPTION_CASES: list[tuple[dict[str, bytes], list[tuple[str, int, str, str]]]] = [
    ({"captions.txt": b"a.jpg: A | An a\nb.jpg: B | A b\n"}, []),
    ({"captions.txt": "a.jpg：A ｜ An a\nb.jpg: B | A b\n".encode()}, []),  # full-width
    ({"captions.txt": "a.jpg: A | An a\nb.jpg: B | A b\n".encode("utf-16")}, []),  # Notepad
    ({"captions.txt": b"\xef\xbb\xbfa.jpg: A | An a\nb.jpg: B | A b\n"}, []),  # with a BOM
    (
        {"captions.txt": b"a.jpg: A | An a\nb.jpg: B | A b\nc.jpg: C | A c\n"},
        [("g/captions.txt", 3, ERROR, "field 'line 3' = 'c.jpg': no such photo in this")],
    ),
    (
        {"captions.txt": b"a.jpg: A | An a\nA.JPG: B | A b\n"},  # a Windows habit
        [
            ("g/b.jpg", 0, WARNING, "photo has no alt text: add the line 'b.jpg: caption"),
            ("g/captions.txt", 2, ERROR, "field 'line 2' = 'A.JPG': no such photo"),
        ],
    ),
    (
        {"captions.txt": b"a.jpg: A | An a\nb.jpg no colon\n"},
        [("g/captions.txt", 2, ERROR, "field 'line 2' = 'b.jpg no colon': not a caption")],
    ),
    (
        {"captions.txt": b"a.jpg: A | An a\nb.jpg: B | A b\na.jpg: again | x\n"},
        [("g/captions.txt", 3, ERROR, "field 'line 3' = 'a.jpg': this photo already has")],
    ),
    (
        {"captions.txt": "a.jpg: 公园 | x\nb.jpg: 长椅 | y\n".encode("gbk")},
        [("g/captions.txt", 1, ERROR, "field 'line 1' = ")],
    ),
    (
        {"captions.txt": b"a.jpg: A\nb.jpg: B | TODO\n"},
        [
            ("g/captions.txt", 1, WARNING, "'a.jpg' has no alt text (screen readers will"),
            ("g/captions.txt", 2, WARNING, "the caption still holds a TODO"),
        ],
    ),
    (
        {"captions.txt": b"a.jpg:\nb.jpg: B | A b\n"},
        [("g/captions.txt", 1, WARNING, "'a.jpg' has no alt text: after the caption")],
    ),
    (
        {},
        [
            (
                "g/a.jpg",
                0,
                WARNING,
                "photo has no alt text: add the line 'a.jpg: caption | "
                "alt text' to content/galleries/g/captions.txt",
            ),
            ("g/b.jpg", 0, WARNING, "photo has no alt text"),
        ],
    ),
    (
        # Files a gallery does not show: said, not dropped in silence.
        {
            "captions.txt": b"a.jpg: A | An a\nb.jpg: B | A b\n",
            "dance.gif": b"GIF89a",
            "notes.txt": b"to do",
            ".DS_Store": b"\0",
        },
        [
            (
                "g/dance.gif",
                0,
                WARNING,
                "not shown: a gallery shows photos (JPEG, PNG, WebP, "
                "AVIF); show a GIF in an article instead",
            ),
            ("g/notes.txt", 0, WARNING, "not shown: a gallery shows photos"),
        ],
    ),
    (
        {"Captions.txt": b"a.jpg: A | An a\nb.jpg: B | A b\n"},
        [("g/Captions.txt", 0, ERROR, "never read: rename it captions.txt")],
    ),
    (
        {"captions.txt.txt": b"a.jpg: A | An a\n"},
        [("g/captions.txt.txt", 0, ERROR, "never read: rename it captions.txt")],
    ),
    (
        {"caption.en.txt": b"a.jpg: A | An a\n"},
        [("g/caption.en.txt", 0, ERROR, "never read: rename it captions.en.txt")],
    ),
    (
        {"captions.txt": b"a.jpg: A | An a\nb.jpg: B | A b\n", "captions.en.txt": b"a.jpg: A\n"},
        [
            (
                "g/b.jpg",
                0,
                WARNING,
                "photo has no alt text: add the line 'b.jpg: caption | alt text' to "
                "content/galleries/g/captions.en.txt",
            ),
            ("g/captions.en.txt", 1, WARNING, "'a.jpg' has no alt text"),
        ],
    ),
]


@pytest.mark.parametrize(("files", "expected"), CAPTION_CASES)
def test_folder_problems(
    tmp_path: Path, files: dict[str, bytes], expected: list[tuple[str, int, str, str]]
) -> None:
    root = tmp_path / "content" / "galleries"
    for name in ("a.jpg", "b.jpg"):
        make_photo(root / "g" / name, gps=False)
    for name, data in files.items():
        (root / "g" / name).write_bytes(data)
    found = sorted(folder_problems(root / "g", root), key=lambda p: (p.source, p.line))
    got = [(p.source, p.line, p.severity, p.message) for p in found]
    assert len(got) == len(expected), got
    for (source, line, severity, message), want in zip(got, expected, strict=True):
        assert (source, line, severity) == (f"content/galleries/{want[0]}", want[1], want[2])
        assert message.startswith(want[3]), message


def test_captions_name_photos_however_a_mac_stored_them(tmp_path: Path) -> None:
    root = tmp_path / "content" / "galleries"
    make_photo(root / "g" / NFD, gps=False)
    (root / "g" / "captions.txt").write_text(f"{NFC}: Zoé | Zoé at the fair\n", "utf-8")
    assert folder_problems(root / "g", root) == []


# --- source photos -------------------------------------------------------------------


def test_a_photo_too_heavy_to_commit_is_a_warning(tmp_path: Path) -> None:
    photo = tmp_path / "content" / "big.jpg"
    make_photo(photo, size=(200, 100), gps=True)
    limits = {"CHECK_MAX_PHOTO_BYTES": 100, "CHECK_MAX_PHOTO_PIXELS": 10_000}
    found = photo_problems(photo, limits, tmp_path / "content")
    assert {p.severity for p in found} == {WARNING}
    assert [p.source for p in found] == ["content/big.jpg"] * 3
    text = " ".join(p.problem for p in found)
    assert "200×100 pixels (20,000 pixels), more than 10,000 pixels" in text
    assert "GPS location" in text
    assert photo_problems(photo, DEFAULTS, tmp_path / "content") != []  # the GPS still


@pytest.mark.parametrize(("mode", "severity"), [("error", ERROR), ("skip", WARNING)])
def test_a_photo_the_build_cannot_read(tmp_path: Path, mode: str, severity: str) -> None:
    photo = tmp_path / "content" / "bad.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"not a photo")
    (problem,) = photo_problems(photo, {"GALLERY_BROKEN_PHOTOS": mode}, tmp_path / "content")
    assert problem == Problem(
        "content/bad.jpg",
        None,
        None,
        "not an image Pillow can read (is it really a photo, or a renamed file?)",
        severity,
    )


def test_a_pixel_bomb_is_refused_with_the_builds_words(tmp_path: Path) -> None:
    photo = tmp_path / "bomb.png"
    make_photo(photo, size=(100, 100), fmt="PNG", gps=False)
    (problem,) = photo_problems(photo, {"GALLERY_MAX_PIXELS": 5_000})
    assert problem.is_error
    assert "100×100 = 10,000 pixels is over the limit of 5,000 (GALLERY_MAX_PIXELS)" in (
        problem.problem
    )


# --- settings ------------------------------------------------------------------------


def test_every_wrong_setting_is_listed() -> None:
    wrong = {
        **DEFAULTS,
        "GALLERY_WIDTHS": "big",
        "GALLERY_FORMATS": ["webp"],
        "GALLERY_BROKEN_PHOTOS": "ignore",
        "GALLERY_AVIF_SPEED": 11,
        "GALLERY_PATH": "../x",
    }
    problems = settings_problems(wrong)
    assert len(problems) == 5, problems
    assert problems[0] == (
        "setting 'GALLERY_WIDTHS' = 'big': must be a list of widths in pixels, like [320, 640]"
    )
    assert settings_problems(DEFAULTS) == []


# --- projects ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "settings", "expected"),
    [
        ("projects/park.md", {}, True),
        ("projects/2024/park.md", {}, True),
        ("pages/projects.md", {}, False),
        ("work/park.md", {"PROJECTS_PATH": "work"}, True),
        ("work/park.md", {"GALLERY_PROJECTS_PATH": "work"}, True),  # the old name
        ("projects/park.md", {"PROJECTS_PATH": "work"}, False),
        ("", {}, False),
    ],
)
def test_is_project(path: str, settings: dict[str, str], expected: bool) -> None:
    assert is_project(path, settings) is expected


def test_projects_come_by_order_then_title() -> None:
    pages = [({"order": "2"}, "B"), ({}, "A"), ({"order": "x"}, "C"), ({"order": 1}, "Z")]
    ordered = sorted(pages, key=lambda p: project_order(p[0], p[1]))
    assert [title for _, title in ordered] == ["Z", "B", "A", "C"]


@pytest.mark.parametrize(
    ("meta", "templates", "expected"),
    [
        ({"gallery": "park"}, (), []),
        ({"gallery": "park", "template": "project"}, ("project", "page"), []),
        ({"gallery": "park", "template": "page"}, ("project", "page"), [("template", "page")]),
        ({"gallery": "park", "template": "nope"}, ("project", "page"), []),  # its own error
        ({"gallery": "park", "template": "page"}, (), [("template", "page")]),
        ({}, (), [(None, None)]),
    ],
)
def test_project_problems(
    meta: dict[str, object], templates: tuple[str, ...], expected: list[tuple[object, object]]
) -> None:
    found = project_problems(meta, "content/projects/p.md", templates)
    assert [(p.field, p.value) for p in found] == expected
    assert all(p.severity == WARNING and p.line == 0 for p in found)


def test_projects_settings() -> None:
    assert projects_settings_problems({}) == []
    assert projects_settings_problems({"PROJECTS_PATH": "/abs"}) == [
        "setting 'PROJECTS_PATH' = '/abs': must be relative (to PATH or to the output)"
    ]
    assert projects_settings_problems({"GALLERY_PROJECT_URL": "p/{nope}/"})
