"""The gallery rule book: what the build refuses and `make check` reports, in one place.

- `gallery_problems`: a page's ``gallery:`` names a safe folder with photos, and its
  ``cover:`` one of them (names compared as the build compares them: NFC, then as stored).
- `folder_problems`: a gallery folder's captions files (misnamed, not UTF-8, a line that
  is no caption, a caption for a photo that is not there) and alt text for every photo.
- `photo_problems`: a source photo the build cannot read (an error, or a warning with
  ``GALLERY_BROKEN_PHOTOS = "skip"``), too large to commit, or carrying a GPS location.

Plain values in, `Problem` lists out; the build logs the warnings and stops on the errors,
the checker adds the line of a front-matter field. Problems of a front-matter field have
line 0; those of a captions file name the file and its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from community_press import (
    ERROR,
    WARNING,
    ContentError,
    Problem,
    closest,
    did_you_mean,
    shown_path,
)
from community_press.suggest import name_key
from PIL import Image

from .captions import (
    Caption,
    decode_captions,
    is_captions_name,
    misnamed_captions,
    order_photos,
    parse_captions,
)
from .folders import gallery_folder, list_photos, photos_in
from .model import ImageSize
from .pipeline import decode, open_photo
from .privacy import location_found, quiet
from .settings import DEFAULTS

__all__ = [
    "ALT_TEXT_SEVERITY",
    "GalleryFolder",
    "find_gallery",
    "folder_problems",
    "gallery_problems",
    "photo_problems",
]

# A photo nobody described: the theme reads out "Photo 3 of 12" instead. A warning in the
# build and in `make check` alike (many galleries of captions in the pelican-photos format,
# `photo.jpg: caption`, have none).
ALT_TEXT_SEVERITY = WARNING
ANIMATION = (
    "an animation: the gallery shows its first picture only; to show it moving, make it "
    "a video (see 'Videos' in docs/EDITING.md)"
)
NO_PHOTOS = "has no photos (add JPEG, PNG or WebP files, or remove the field)"


@dataclass(frozen=True)
class GalleryFolder:
    """A page's ``gallery:`` as found: its folder and photos, or what is wrong with it."""

    name: str
    folder: Path | None = None
    photos: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = field(default=())


def gallery_problems(
    meta: Mapping[str, object], source: str, content_root: Path, settings: Mapping[str, Any]
) -> list[Problem]:
    """What is wrong with the ``gallery:`` and ``cover:`` of the page `source`."""
    return list(find_gallery(meta, source, content_root, settings).problems)


def find_gallery(
    meta: Mapping[str, object], source: str, content_root: Path, settings: Mapping[str, Any]
) -> GalleryFolder:
    """The folder and photos of a page's ``gallery:``, with the problems of it and of its
    ``cover:`` (the build uses the folder; `gallery_problems` only the problems)."""
    name = meta.get("gallery")
    if name is None:
        return GalleryFolder("")
    root = content_root / str(_setting(settings, "GALLERY_PATH"))
    try:
        folder = gallery_folder(root, name, source, shown_path(root))
        shown = shown_path(folder)
        photos = tuple(list_photos(folder, root, shown))
    except ContentError as exc:
        hint = _folder_hint(root, name) if "no such folder" in exc.problem else ""
        problem = Problem(exc.source, exc.field, exc.value, exc.problem + hint)
        return GalleryFolder(str(name), problems=(problem,))
    except OSError as exc:
        problem = Problem(source, "gallery", name, f"cannot be read ({exc})")
        return GalleryFolder(str(name), problems=(problem,))
    problems = [] if photos else [Problem(source, "gallery", name, f"{shown}/ {NO_PHOTOS}")]
    if photos and meta.get("cover") is not None:
        problems += _cover_problems(meta["cover"], source, shown, photos)
    return GalleryFolder(str(name).strip(), folder, photos, tuple(problems))


def _cover_problems(
    wanted: object, source: str, shown: str, photos: tuple[str, ...]
) -> list[Problem]:
    """``cover:`` names a photo of the gallery, as typed or as a Mac stores it (NFD)."""
    value = str(wanted).strip()
    if name_key(value) in {name_key(p) for p in photos}:
        return []
    hint = " (give the file name of one of its photos)" + did_you_mean(value, photos)
    return [Problem(source, "cover", wanted, f"no such photo in {shown}/{hint}")]


def _folder_hint(root: Path, name: object) -> str:
    """``; did you mean '2024/fair'?`` for a ``gallery:`` naming no folder."""
    value = PurePosixPath(str(name).strip().rstrip("/"))
    parent = root / value.parent
    if not parent.is_dir():
        return ""
    found = [p.name for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
    choice = closest(value.name, found)
    return f"; did you mean {str(value.parent / choice)!r}?" if choice else ""


# --- captions and alt text ----------------------------------------------------------


def folder_problems(folder: Path, root: Path, content_root: Path | None = None) -> list[Problem]:
    """Each captions file of the gallery `folder` (below the galleries folder `root`)
    against its photos, and alt text for every photo. Files are named from the content
    folder, `content_root` (by default the folder holding `root`)."""
    base = content_root if content_root is not None else root.parent
    try:
        photos = sorted(list_photos(folder, root, shown_path(folder)))
    except ContentError as error:
        return [error.as_problem()]
    names = sorted(p.name for p in folder.iterdir() if p.is_file())
    problems = [
        Problem(
            shown_path(folder / wrong),
            None,
            None,
            f"never read: rename it {right} (captions.txt, or captions.<lang>.txt "
            "for pages in one language)",
        )
        for wrong, right in misnamed_captions(names)
    ]
    problems += [
        Problem(
            shown_path(folder / name),
            None,
            None,
            "not shown: a gallery shows photos (JPEG, PNG, WebP, AVIF)"
            + ("; show a GIF in an article instead" if name.lower().endswith(".gif") else ""),
            WARNING,
        )
        for name in names
        if not name.startswith(".")
        and not is_captions_name(name)
        and name not in photos
        and name not in {wrong for wrong, _ in misnamed_captions(names)}
    ]
    problems += [
        Problem(
            shown_path(nested),
            None,
            None,
            f"not shown: a gallery shows the photos of its own folder, not of the folders "
            f"in it; move it into {shown_path(folder)}/ (or make a gallery of its folder)",
            WARNING,
        )
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
        for nested in photos_in(sub)
    ]
    files = [folder / name for name in names if is_captions_name(name)]
    if problems and not files:
        return problems  # renaming the file is the fix; its photos are checked then
    if not files:
        default = shown_path(folder / "captions.txt")
        return [_no_alt_text(base, folder / name, default) for name in photos]
    for path in files:
        problems += _captions_problems(path, shown_path(path), photos, base)
    return problems


def _captions_problems(path: Path, shown: str, photos: list[str], base: Path) -> list[Problem]:
    try:
        captions = parse_captions(decode_captions(path.read_bytes(), shown), shown, photos)
    except ContentError as error:
        return [_at_line(error)]
    except OSError as exc:
        return [Problem(shown, None, None, f"cannot be read ({exc.strerror or exc})")]
    problems: list[Problem] = []
    for caption in captions:
        try:
            order_photos(photos, [caption], shown)
        except ContentError as error:
            hint = did_you_mean(caption.filename, photos)
            problems.append(_at_line(error, hint))
            continue
        problems += _caption_text_problems(caption, shown)
    listed = {name_key(c.filename) for c in captions}
    problems += [
        _no_alt_text(base, path.parent / name, shown)
        for name in photos
        if name_key(name) not in listed
    ]
    return problems


def _at_line(error: ContentError, hint: str = "") -> Problem:
    """A captions file's error, whose field is ``line N``, on line N of the file."""
    line = str(error.field or "").removeprefix("line ")
    problem = Problem(error.source, error.field, error.value, error.problem + hint)
    return problem.at(int(line)) if line.isdigit() else problem


def _caption_text_problems(caption: Caption, shown: str) -> list[Problem]:
    problems = []
    if "TODO" in caption.caption or "TODO" in caption.alt:
        problems.append(
            Problem(shown, None, None, "the caption still holds a TODO", WARNING, caption.line)
        )
    if not caption.alt:
        # The gallery plugin reads the caption out as the alt text when there is none.
        problem = (
            f"'{caption.filename}' has no alt text"
            + (" (screen readers will read the caption instead)" if caption.caption else "")
            + ": after the caption add ' | ' and a short description of what the photo "
            "shows, for people who cannot see it"
        )
        severity = WARNING if caption.caption else ALT_TEXT_SEVERITY
        problems.append(Problem(shown, None, None, problem, severity, caption.line))
    return problems


def _no_alt_text(base: Path, photo: Path, captions: str) -> Problem:
    return Problem(
        shown_path(photo),
        None,
        None,
        f"photo has no alt text: add the line '{photo.name}: caption | alt text' to {captions}",
        ALT_TEXT_SEVERITY,
    )


# --- source photos ------------------------------------------------------------------


def photo_problems(
    photo: Path,
    settings: Mapping[str, Any],
    content_root: Path | None = None,
    *,
    decode: bool = True,
) -> list[Problem]:
    """A photo the build cannot read, or one too large or too revealing to commit.
    Named from `content_root` (else where it is). The build refuses the same photos with
    the same words (`pipeline.open_photo`, `pipeline.decode`). Without `decode`, only what
    the header tells: for a photo the gallery decodes anyway (`background`)."""
    shown = shown_path(photo)
    broken = ERROR if _setting(settings, "GALLERY_BROKEN_PHOTOS") == "error" else WARNING
    try:
        size = photo.stat().st_size
        with quiet():
            image = open_photo(photo, shown, int(_setting(settings, "GALLERY_MAX_PIXELS")))
    except ContentError as error:
        return [Problem(shown, None, None, error.problem, broken)]
    except OSError as exc:
        return [Problem(shown, None, None, f"cannot be read ({exc.strerror or exc})", broken)]
    with image, quiet():  # broken EXIF: Pillow warns naming no file; the site drops it
        width, height = image.size
        location = location_found(image)
        # An MPO's other frames are a depth map or a preview, not an animation.
        animated = image.format != "MPO" and getattr(image, "n_frames", 1) > 1
        damaged = _damaged_pixels(image, shown) if decode else ""
    if damaged:
        return [Problem(shown, None, None, damaged, broken)]
    moving = [Problem(shown, None, None, ANIMATION, WARNING)] if animated else []
    return (
        moving
        + _heavy(shown, size, width, height, settings)
        + (
            [
                Problem(
                    shown,
                    None,
                    None,
                    f"photo carries {location}: the site removes it, but the repository would "
                    "keep it; remove the location before committing (most phones can share "
                    "without it)",
                    WARNING,
                )
            ]
            if location
            else []
        )
    )


def _damaged_pixels(image: Image.Image, shown: str) -> str:
    """What the build says decoding the photo, '' when it decodes: a file cut short keeps
    its header. A JPEG is decoded at 1/8 scale, which still reads every byte."""
    try:
        decode(image, ImageSize(1, 1), 1, shown)
    except ContentError as error:
        return error.problem
    return ""


def _heavy(
    shown: str, size: int, width: int, height: int, settings: Mapping[str, Any]
) -> list[Problem]:
    """Too many bytes or pixels for a repository: a warning (the build makes it small)."""
    max_bytes = int(_setting(settings, "CHECK_MAX_PHOTO_BYTES"))
    max_pixels = int(_setting(settings, "CHECK_MAX_PHOTO_PIXELS"))
    found = []
    if size > max_bytes:
        found.append(
            f"photo is {_bytes(size)}, more than the {_bytes(max_bytes)} a repository should "
            "hold: save a smaller copy (2000 pixels wide is plenty)"
        )
    if width * height > max_pixels:
        found.append(
            f"photo is {width}×{height} pixels ({_pixels(width * height)}), more than "
            f"{_pixels(max_pixels)}: save a smaller copy (2000 pixels wide is plenty)"
        )
    return [Problem(shown, None, None, text, WARNING) for text in found]


def _setting(settings: Mapping[str, Any], key: str) -> Any:
    """A GALLERY_* setting, or its default (the checker runs without the plugin)."""
    return settings.get(key, DEFAULTS[key])


def _bytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.1f} KB"


def _pixels(count: int) -> str:
    return f"{count / 1e6:.1f} megapixels" if count >= 1_000_000 else f"{count:,} pixels"
