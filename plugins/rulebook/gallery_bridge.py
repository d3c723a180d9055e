"""TEMPORARY bridge until plugins/gallery/rules.py exists: gallery folders, captions and
alt text, and photos that should not be committed as they are (the old checker's rules).

The gallery plugin's own core decides what a gallery folder is (`gallery.folders`), how a
captions file reads (`gallery.captions`) and which photos it can open (`gallery.pipeline`);
this module maps its errors to lines and adds what only matters before a commit: alt text
for every photo, photos too large for the repository, and GPS locations in source photos.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import community_press
from community_press import ERROR, WARNING, Problem, shown_path
from gallery import model as gallery_model
from gallery.captions import (
    Caption,
    decode_captions,
    is_captions_name,
    misnamed_captions,
    order_photos,
    parse_captions,
)
from gallery.folders import PHOTO_SUFFIXES, gallery_folder, list_photos
from gallery.model import Processing
from gallery.pipeline import open_photo
from gallery.privacy import metadata_found

from .documents import Document
from .fields import theme_templates
from .settings import DEFAULTS

# While the gallery plugin moves to the shared ContentError, catch either.
ContentError = (
    community_press.ContentError,
    getattr(gallery_model, "ContentError", community_press.ContentError),
)
LINE_FIELD = re.compile(r"line (\d+)")


def gallery_root(content: Path, settings: Mapping[str, Any]) -> Path:
    return content / str(settings.get("GALLERY_PATH", "galleries"))


def _hint(name: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_gallery_references(
    doc: Document, content: Path, settings: Mapping[str, Any]
) -> Iterator[Problem]:
    """``gallery:`` and ``cover:`` of one page, and what a project page needs."""
    root = gallery_root(content, settings)
    display_root = shown_path(root)
    gallery = doc.meta.first("gallery")
    if doc.is_project:
        # Without a Template the gallery plugin gives a project its own; another one loses it.
        template = doc.meta.first("template")
        templates = theme_templates(settings)
        if template is not None and templates and template.value not in templates:
            template = None  # not in the theme at all: an error of its own (metadata.py)
        if template is not None and template.value != "project":
            yield Problem(
                doc.shown,
                None,
                None,
                f"field 'template' = {template.value!r}: a project page uses 'Template: project' "
                "(or no Template line at all) to show its gallery",
                WARNING,
                template.line,
            )
        if gallery is None:
            yield Problem(
                doc.shown,
                None,
                None,
                f"a project page has no 'gallery:' (the name of a folder in {display_root}/)",
                WARNING,
                1,
            )
    if gallery is None:
        return
    try:
        folder = gallery_folder(root, gallery.value, doc.shown, display_root)
        photos = sorted(list_photos(folder, root, shown_path(folder)))
    except ContentError as error:
        hint = ""
        if "no such folder" in error.problem:
            folders = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
            hint = _hint(gallery.value.strip(), folders)
        yield Problem(
            doc.shown,
            None,
            None,
            f"field 'gallery' = {gallery.value!r}: {error.problem}{hint}",
            ERROR,
            gallery.line,
        )
        return
    if not photos:
        yield Problem(
            doc.shown,
            None,
            None,
            f"field 'gallery' = {gallery.value!r}: {shown_path(folder)}/ holds no photos "
            "(add JPEG, PNG or WebP files)",
            ERROR,
            gallery.line,
        )
    cover = doc.meta.first("cover")
    if cover and cover.value and cover.value not in photos:
        yield Problem(
            doc.shown,
            None,
            None,
            f"field 'cover' = {cover.value!r}: no such photo in {shown_path(folder)}/"
            f"{_hint(cover.value, photos)}",
            ERROR,
            cover.line,
        )


def _read_captions(path: Path, shown: str) -> tuple[list[Caption], Problem | None]:
    # The gallery plugin's own reading: UTF-8 (with or without BOM), UTF-16 with a BOM.
    try:
        return parse_captions(decode_captions(path.read_bytes(), shown), shown), None
    except ContentError as error:
        match = LINE_FIELD.fullmatch(error.field or "")
        line = int(match.group(1)) if match else 1
        return [], Problem(shown, None, None, error.problem, ERROR, line)


def check_gallery_folder(folder: Path, root: Path) -> Iterator[Problem]:  # noqa: PLR0912
    """Each captions file of one gallery against the photos in it, and alt text for all."""
    try:
        photos = sorted(list_photos(folder, root, shown_path(folder)))
    except ContentError as error:
        yield Problem(error.source, None, None, error.problem, ERROR, 1)
        return
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    misnamed = misnamed_captions(names)
    for wrong, right in misnamed:
        yield Problem(
            shown_path(folder / wrong),
            None,
            None,
            f"never read: rename it {right} (captions.txt, or captions.<lang>.txt "
            "for pages in one language)",
            ERROR,
            1,
        )
    files = [folder / name for name in names if is_captions_name(name)]
    if not files:
        if misnamed:
            return  # renaming the file is the fix; its photos are checked then
        for name in photos:
            yield Problem(
                shown_path(folder / name),
                None,
                None,
                f"photo has no alt text: add the line '{name}: caption | alt text' to "
                f"{shown_path(folder / 'captions.txt')}",
                ERROR,
                1,
            )
        return
    for path in files:
        shown = shown_path(path)
        captions, broken = _read_captions(path, shown)
        if broken:
            yield broken
            continue
        for caption in captions:
            try:
                order_photos(photos, [caption], shown)
            except ContentError as error:
                yield Problem(
                    shown,
                    None,
                    None,
                    f"caption for '{caption.filename}': {error.problem}"
                    f"{_hint(caption.filename, photos)}",
                    ERROR,
                    caption.line,
                )
                continue
            if "TODO" in caption.caption or "TODO" in caption.alt:
                yield Problem(
                    shown, None, None, "the caption still holds a TODO", WARNING, caption.line
                )
            if caption.alt:
                continue
            # The gallery plugin reads the caption out as the alt text when there is none.
            yield Problem(
                shown,
                None,
                None,
                f"'{caption.filename}' has no alt text"
                + (" (screen readers will read the caption instead)" if caption.caption else "")
                + ": after the caption add ' | ' and a short description of what the photo "
                "shows, for people who cannot see it",
                WARNING if caption.caption else ERROR,
                caption.line,
            )
        listed = {c.filename for c in captions}
        for name in photos:
            if name not in listed:
                yield Problem(
                    shown_path(folder / name),
                    None,
                    None,
                    f"photo has no alt text: add the line '{name}: caption | alt text' to {shown}",
                    ERROR,
                    1,
                )


def check_photo_file(photo: Path, settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Size, pixel count and GPS of one source photo (its header only: nothing is decoded)."""
    max_bytes = int(settings.get("CHECK_MAX_PHOTO_BYTES", DEFAULTS["CHECK_MAX_PHOTO_BYTES"]))
    max_pixels = int(settings.get("CHECK_MAX_PHOTO_PIXELS", DEFAULTS["CHECK_MAX_PHOTO_PIXELS"]))
    bomb_limit = int(settings.get("GALLERY_MAX_PIXELS", Processing().max_pixels))
    shown = shown_path(photo)
    size = photo.stat().st_size
    if size > max_bytes:
        yield Problem(
            shown,
            None,
            None,
            f"photo is {_bytes(size)}, more than the {_bytes(max_bytes)} a repository should "
            "hold: save a smaller copy (2000 pixels wide is plenty)",
            ERROR,
            1,
        )
    try:
        image = open_photo(photo, shown, bomb_limit)
    except ContentError as error:
        yield Problem(shown, None, None, error.problem, ERROR, 1)
        return
    with image:
        width, height = image.size
        has_gps = "GPS" in metadata_found(image)
    if width * height > max_pixels:
        yield Problem(
            shown,
            None,
            None,
            f"photo is {width}×{height} pixels ({_pixels(width * height)}), more than "
            f"{_pixels(max_pixels)}: save a smaller copy (2000 pixels wide is plenty)",
            ERROR,
            1,
        )
    if has_gps:
        yield Problem(
            shown,
            None,
            None,
            "photo carries a GPS location: the site removes it, but the repository would "
            "keep it; remove the location before committing (most phones can share without it)",
            WARNING,
            1,
        )


def _bytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.1f} KB"


def _pixels(count: int) -> str:
    return f"{count / 1e6:.1f} megapixels" if count >= 1_000_000 else f"{count:,} pixels"


def is_photo(path: Path) -> bool:
    return path.suffix.lower() in PHOTO_SUFFIXES
