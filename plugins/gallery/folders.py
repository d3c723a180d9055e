"""Find a gallery's folder and its photos without ever leaving ``content/galleries/``.

The ``gallery:`` value comes from a Markdown file anyone can edit: an absolute path,
``..`` or a symbolic link must not let a build read (and publish) files from elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from community_press import ContentError

from .formats import PHOTOS

# The photos of the table, and HEIC: found so that the build can say it cannot read one.
PHOTO_SUFFIXES = frozenset({*PHOTOS, ".heic", ".heif"})


def gallery_folder(root: Path, name: object, source: str, display_root: str) -> Path:
    """The folder `root/name`, checked: relative, no ``..``, no link leading outside."""

    def fail(problem: str) -> ContentError:
        return ContentError(source, "gallery", name, problem)

    if not isinstance(name, str) or not name.strip():
        raise fail(f"empty (write the name of a folder in {display_root}/)")
    value = name.strip().rstrip("/")
    if "\\" in value or PureWindowsPath(value).drive or PurePosixPath(value).is_absolute():
        raise fail(f"must be a folder name inside {display_root}/, not a path elsewhere")
    relative = PurePosixPath(value)
    if ".." in relative.parts:
        raise fail(f"'..' would leave {display_root}/ (use a folder name inside it)")
    folder = root / relative
    try:
        real = folder.resolve()
    except (OSError, RuntimeError) as exc:  # a link to itself: RuntimeError until 3.13
        raise fail("is a link that leads nowhere (a loop); use a real folder") from exc
    if not real.is_relative_to(root.resolve()):
        raise fail(f"is a link leading outside {display_root}/ (copy the photos in instead)")
    if not folder.is_dir():
        raise fail(f"no such folder {display_root}/{relative}/ (check the spelling)")
    return folder


def list_photos(folder: Path, root: Path, display_folder: str) -> list[str]:
    """File names of the photos in `folder` (not hidden, a photo suffix, inside `root`)."""
    names: list[str] = []
    real_root = root.resolve()
    inside = folder.resolve().is_relative_to(real_root)
    with os.scandir(folder) as entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in PHOTO_SUFFIXES:
                continue
            shown = f"{display_folder}/{name}"
            if inside and not entry.is_symlink() and entry.is_file():  # where its folder is
                names.append(name)
                continue
            try:
                real = Path(entry.path).resolve()
            except (OSError, RuntimeError) as exc:  # a loop: RuntimeError until 3.13
                raise ContentError(
                    shown, None, None, "is a link that leads nowhere (a loop)"
                ) from exc
            if not real.is_relative_to(real_root):
                raise ContentError(
                    shown,
                    None,
                    None,
                    "is a link to a file outside the galleries folder (copy the photo in instead)",
                )
            if entry.is_file():
                names.append(name)
            elif entry.is_symlink():
                raise ContentError(
                    shown, None, None, "is a link to a file that does not exist (copy the photo in)"
                )
    return names


def is_photo(path: Path) -> bool:
    """A file the galleries show, by its suffix."""
    return path.suffix.lower() in PHOTO_SUFFIXES


def photos_in(content: Path) -> Iterator[Path]:
    """Every photo file below `content`, in order, hidden files and folders left out."""
    for here, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(here) / name
            # A link to nowhere is no photo to open: its gallery folder's check names it.
            if is_photo(path) and not name.startswith(".") and path.is_file():
                yield path
