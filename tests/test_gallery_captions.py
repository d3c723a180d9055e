"""Captions files, photo order and gallery folders: the gallery core, without Pelican."""

from __future__ import annotations

import os

import pytest
from community_press import ContentError
from gallery import captions, folders
from gallery.captions import Caption

SOURCE = "content/galleries/park/captions.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the Pelican photos plugin's format: caption only
        ("a.jpg: Opening day", [("a.jpg", "Opening day", "", 1)]),
        # ours: caption | alt text
        ("a.jpg: Opening day | Ribbon cut by two children",
         [("a.jpg", "Opening day", "Ribbon cut by two children", 1)]),
        # alt text only
        ("a.jpg: | A bench", [("a.jpg", "", "A bench", 1)]),
        # blank lines and comments are skipped; line numbers stay true
        ("# park\n\nb.jpg: B\n", [("b.jpg", "B", "", 3)]),
        # a colon in the caption is fine: only the first one separates
        ("c.jpg: Time: 10:00", [("c.jpg", "Time: 10:00", "", 1)]),
        # Chinese captions, a byte-order mark, spaces around everything
        ("\ufeff 公园.jpg :  新长椅 | 三张木长椅  ", [("公园.jpg", "新长椅", "三张木长椅", 1)]),
        # a file name alone with a colon: no caption
        ("d.jpg:", [("d.jpg", "", "", 1)]),
        # a line break pasted from a web page (U+2028) stays inside its line, as an
        # editor shows it; Windows line ends count once
        ("e.jpg: Open\u2028day\r\nf.jpg: F", [("e.jpg", "Open\u2028day", "", 1),
                                              ("f.jpg", "F", "", 2)]),
    ],
)  # fmt: skip
def test_parse_captions(text, expected):
    assert captions.parse_captions(text, SOURCE) == [Caption(*e) for e in expected]


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        ("a.jpg Opening day", "line 1", "not a caption line"),
        ("\n: no file name", "line 2", "not a caption line"),
        ("a.jpg: one\na.jpg: two", "line 2", "already has a caption on line 1"),
    ],
)
def test_parse_captions_errors_name_the_line(text, field, problem):
    with pytest.raises(ContentError) as error:
        captions.parse_captions(text, SOURCE)
    assert error.value.source == SOURCE
    assert error.value.field == field
    assert problem in str(error.value)
    assert str(error.value).startswith(f"{SOURCE}: field '{field}' = ")


def test_order_captions_first_then_names_naturally():
    lines = captions.parse_captions("c.jpg: C\na.jpg: A", SOURCE)
    names = ["img10.jpg", "a.jpg", "IMG2.jpg", "c.jpg", "b.png"]
    ordered = captions.order_photos(names, lines, SOURCE)
    assert [name for name, _ in ordered] == ["c.jpg", "a.jpg", "b.png", "IMG2.jpg", "img10.jpg"]
    assert ordered[0][1].caption == "C"
    assert ordered[2][1] is None


def test_caption_for_a_missing_photo_names_file_and_line():
    lines = captions.parse_captions("a.jpg: A\n\nghost.jpg: Who?", SOURCE)
    with pytest.raises(ContentError) as error:
        captions.order_photos(["a.jpg"], lines, SOURCE)
    assert str(error.value) == (
        f"{SOURCE}: field 'line 3' = 'ghost.jpg': no such photo in this gallery folder "
        "(check the file name, or remove the line)"
    )


def test_captions_file_per_language(tmp_path):
    assert captions.captions_file(tmp_path, "zh") is None
    (tmp_path / "captions.txt").write_text("")
    (tmp_path / "captions.en.txt").write_text("")
    assert captions.captions_file(tmp_path, "en").name == "captions.en.txt"
    assert captions.captions_file(tmp_path, "zh").name == "captions.txt"
    assert captions.captions_file(tmp_path, "fr").name == "captions.txt"


@pytest.fixture
def galleries(tmp_path):
    root = tmp_path / "content" / "galleries"
    (root / "park").mkdir(parents=True)
    (root / "park" / "a.jpg").write_bytes(b"x")
    (root / "park" / "B.JPEG").write_bytes(b"x")
    (root / "park" / "notes.txt").write_text("not a photo")
    (root / "park" / ".hidden.jpg").write_bytes(b"x")
    (root / "park" / "captions.txt").write_text("")
    (root / "2024" / "fair").mkdir(parents=True)
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "home.jpg").write_bytes(b"x")
    os.symlink(outside, root / "escape")
    (root / "linked").mkdir()
    os.symlink(outside / "home.jpg", root / "linked" / "home.jpg")
    return root


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        ("../secret", "'..' would leave content/galleries/"),
        ("park/../../secret", "'..' would leave"),
        ("/etc", "must be a folder name inside content/galleries/"),
        ("C:\\photos", "must be a folder name inside"),
        ("park\\..\\..", "must be a folder name inside"),
        ("escape", "is a link leading outside content/galleries/"),
        ("parc", "no such folder content/galleries/parc/"),
    ],
)
def test_gallery_folder_refuses(galleries, name, problem):
    with pytest.raises(ContentError) as error:
        folders.gallery_folder(galleries, name, "content/projects/p.md", "content/galleries")
    assert str(error.value).startswith(f"content/projects/p.md: field 'gallery' = {name!r}: ")
    assert problem in str(error.value)


@pytest.mark.parametrize("name", ["park", "park/", " park ", "2024/fair"])
def test_gallery_folder_accepts(galleries, name):
    folder = folders.gallery_folder(galleries, name, "p.md", "content/galleries")
    assert folder.is_dir()


def test_list_photos(galleries):
    found = folders.list_photos(galleries / "park", galleries, "content/galleries/park")
    assert sorted(found) == ["B.JPEG", "a.jpg"]


def test_list_photos_refuses_a_link_to_outside(galleries):
    with pytest.raises(ContentError) as error:
        folders.list_photos(galleries / "linked", galleries, "content/galleries/linked")
    assert str(error.value).startswith("content/galleries/linked/home.jpg: is a link to a file")
