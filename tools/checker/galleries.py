"""Gallery folders, captions and alt text, and photos that should not be committed as they are."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from .documents import Document, shown_path
from .problems import ERROR, WARNING, Problem

PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
GPS_IFD = 0x8825
DEFAULTS: dict[str, Any] = {
    "CHECK_MAX_PHOTO_BYTES": 5 * 1024 * 1024,
    "CHECK_MAX_PHOTO_PIXELS": 20_000_000,
}
CAPTIONS_NAME = re.compile(r"^captions(\.(?P<lang>[A-Za-z_-]+))?\.txt$")


@dataclass(frozen=True)
class CaptionLine:
    """One ``file.jpg: caption | alt text`` line of a captions file."""

    line: int
    name: str
    caption: str
    alt: str


@dataclass(frozen=True)
class CaptionError:
    line: int
    problem: str


def parse_captions(text: str) -> tuple[list[CaptionLine], list[CaptionError]]:
    """Read a captions file: ``file.jpg: caption | alt text`` a line; ``#`` starts a comment."""
    entries: list[CaptionLine] = []
    errors: list[CaptionError] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, colon, rest = line.partition(":")
        if not colon or not name.strip():
            errors.append(
                CaptionError(number, "not a caption line (write 'file.jpg: caption | alt text')")
            )
            continue
        caption, _, alt = rest.partition("|")
        entries.append(CaptionLine(number, name.strip(), caption.strip(), alt.strip()))
    return entries, errors


def gallery_root(content: Path, settings: Mapping[str, Any]) -> Path:
    return content / settings.get("GALLERY_PATH", "galleries")


def photos_in(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PHOTO_EXTENSIONS
    )


def check_gallery_references(
    doc: Document, content: Path, settings: Mapping[str, Any]
) -> Iterator[Problem]:
    """``gallery:`` and ``cover:`` of one page, and what a project page needs."""
    root = gallery_root(content, settings)
    gallery = doc.meta.first("gallery")
    if doc.is_project:
        template = doc.meta.first("template")
        if template is None or template.value != "project":
            yield Problem(
                doc.shown,
                template.line if template else 1,
                WARNING,
                "a project page needs 'Template: project' to look like a project",
            )
        if gallery is None:
            yield Problem(
                doc.shown,
                1,
                WARNING,
                f"a project page has no 'gallery:' (a folder in {_shown(root)})",
            )
    if gallery is None:
        return
    name = gallery.value
    if not name or name.startswith(("/", "\\")) or ".." in Path(name).parts:
        yield Problem(
            doc.shown,
            gallery.line,
            ERROR,
            f"field 'gallery' = {name!r}: write the name of a folder in {_shown(root)}",
        )
        return
    folder = root / name
    if not folder.is_dir():
        close = difflib.get_close_matches(name, _folders(root), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        yield Problem(
            doc.shown,
            gallery.line,
            ERROR,
            f"field 'gallery' = {name!r}: there is no folder {_shown(folder)}{hint}",
        )
        return
    photos = photos_in(folder)
    if not photos:
        yield Problem(
            doc.shown,
            gallery.line,
            ERROR,
            f"field 'gallery' = {name!r}: {_shown(folder)} holds no photos "
            f"({', '.join(PHOTO_EXTENSIONS)})",
        )
    cover = doc.meta.first("cover")
    if cover and cover.value and not (folder / cover.value).is_file():
        close = difflib.get_close_matches(cover.value, [p.name for p in photos], n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        yield Problem(
            doc.shown,
            cover.line,
            ERROR,
            f"field 'cover' = {cover.value!r}: no such photo in {_shown(folder)}{hint}",
        )


def check_gallery_folder(folder: Path, default_lang: str) -> Iterator[Problem]:
    """Captions files of one gallery folder against the photos in it."""
    photos = {p.name: p for p in photos_in(folder)}
    alt_for: dict[str, str] = {}
    for captions in sorted(folder.glob("captions*.txt")):
        match = CAPTIONS_NAME.match(captions.name)
        if not match:
            continue
        lang = match.group("lang") or default_lang
        is_default = lang == default_lang
        shown = _shown(captions)
        entries, errors = parse_captions(captions.read_text(encoding="utf-8-sig"))
        for error in errors:
            yield Problem(shown, error.line, ERROR, error.problem)
        seen: dict[str, int] = {}
        for entry in entries:
            if entry.name in seen:
                yield Problem(
                    shown,
                    entry.line,
                    ERROR,
                    f"'{entry.name}' has a line already (line {seen[entry.name]}); keep one",
                )
                continue
            seen[entry.name] = entry.line
            if entry.name not in photos:
                close = difflib.get_close_matches(entry.name, list(photos), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                yield Problem(
                    shown,
                    entry.line,
                    ERROR,
                    f"caption for '{entry.name}', but there is no such photo in "
                    f"{_shown(folder)}{hint}",
                )
                continue
            if "TODO" in entry.caption or "TODO" in entry.alt:
                yield Problem(
                    shown, entry.line, WARNING, "the caption still holds a TODO placeholder"
                )
            if is_default:
                alt_for[entry.name] = entry.alt
                if not entry.alt:
                    yield Problem(
                        shown,
                        entry.line,
                        ERROR,
                        f"'{entry.name}' has no alt text: add ' | ' and a short description "
                        "of what the photo shows, for people who cannot see it",
                    )
    where = _shown(folder / "captions.txt")
    for name, photo in photos.items():
        if name not in alt_for:
            yield Problem(
                _shown(photo),
                1,
                ERROR,
                f"photo has no alt text: add the line '{name}: caption | alt text' to {where}",
            )


def check_photo_file(photo: Path, settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Size, pixel count and GPS of one source photo (header only: nothing is decoded)."""
    max_bytes = int(settings.get("CHECK_MAX_PHOTO_BYTES", DEFAULTS["CHECK_MAX_PHOTO_BYTES"]))
    max_pixels = int(settings.get("CHECK_MAX_PHOTO_PIXELS", DEFAULTS["CHECK_MAX_PHOTO_PIXELS"]))
    shown = _shown(photo)
    size = photo.stat().st_size
    if size > max_bytes:
        yield Problem(
            shown,
            1,
            ERROR,
            f"photo is {size / 1024 / 1024:.1f} MB, more than the {max_bytes / 1024 / 1024:.0f} MB "
            "the repository takes: save a smaller copy (about 2000 pixels wide is plenty)",
        )
    try:
        with Image.open(photo) as image:
            width, height = image.size
            gps = image.getexif().get_ifd(GPS_IFD)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        yield Problem(shown, 1, ERROR, f"not a photo the site can read ({error})")
        return
    if width * height > max_pixels:
        yield Problem(
            shown,
            1,
            ERROR,
            f"photo is {width}×{height} pixels ({width * height / 1e6:.0f} MP), more than "
            f"{max_pixels / 1e6:.0f} MP: save a smaller copy (about 2000 pixels wide is plenty)",
        )
    if gps:
        yield Problem(
            shown,
            1,
            WARNING,
            "photo carries a GPS location: the site removes it, but the repository keeps it; "
            "remove the location before committing (most phones can share without it)",
        )


def _folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def _shown(path: Path) -> str:
    return shown_path(path)
