"""The gallery plugin's settings: their defaults, what is wrong with them, and the
`Processing` (what decides a derivative's bytes) they make.

No Pelican here: the glue fills in `DEFAULTS` and stops on `settings_problems` in
``initialized``; the project pages' settings belong to the projects plugin.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck
from community_press.settings import is_count

from .model import FORMATS, Processing

__all__ = ["DEFAULTS", "processing_of", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    # Folder of the galleries, inside PATH; Pelican must ignore it (IGNORE_FILES).
    "GALLERY_PATH": "galleries",
    # Derivatives are made here once and hard-linked into every build's output.
    "GALLERY_CACHE_PATH": ".cache/gallery",
    # Folder of the derivatives in the output (the plugin owns it).
    "GALLERY_OUTPUT_PATH": "photos",
    "GALLERY_WIDTHS": [320, 640, 1024, 1600],
    # Best first; JPEG is the fallback every browser shows. AVIF is dropped if Pillow
    # lacks it. On the bench's phone photos a 1600 px AVIF is a third of the WebP's size
    # at the same quality, and a photo's four AVIF sizes take about 1.3 times as long to
    # encode as its WebP ones: ["webp", "jpeg"] makes a cold build of a photo-heavy site
    # about a quarter faster, for two to three times the bytes per photo.
    "GALLERY_FORMATS": ["avif", "webp", "jpeg"],
    "GALLERY_QUALITY": {"avif": 60, "webp": 80, "jpeg": 82},
    # libavif's speed, 0 (slowest, smallest files) to 10, for both of its encoders
    # (SVT-AV1 for photo-sized images, libaom for thumbnails): with libaom, 9 encodes phone
    # photos about 3x faster than 8 and 15x faster than 6, for files a few per cent larger.
    "GALLERY_AVIF_SPEED": 9,
    # Processes for photos: 0 = one per core, 1 = none (in the build's own process).
    "GALLERY_WORKERS": 0,
    # "error": a photo that cannot be read fails the build; "skip": a warning, photo left out.
    "GALLERY_BROKEN_PHOTOS": "error",
    "GALLERY_MAX_PIXELS": 89_478_485,  # Pillow's own default limit
    # Keep the photo's EXIF copyright line (and nothing else) in published files.
    "GALLERY_KEEP_COPYRIGHT": False,
    # Rewrite <img> in articles and pages that points at an image in content.
    "GALLERY_CONTENT_IMAGES": True,
    # `sizes` of the gallery grid's thumbnails, of images in the text column (the theme's
    # .prose is 42rem wide at most) and of the covers on the projects index.
    "GALLERY_GRID_SIZES": "(min-width: 72rem) 12rem, (min-width: 40rem) 30vw, 45vw",
    "GALLERY_CONTENT_SIZES": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    "GALLERY_CARD_SIZES": "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)",
    # The first photos of a gallery are likely on screen: they are not lazy-loaded.
    "GALLERY_EAGER_PHOTOS": 4,
    # A source photo larger than this is a warning (build and `make check`): a phone photo
    # is 2-5 MB and 12 MP; much more is a scan or a raw export, heavy in the repository.
    "CHECK_MAX_PHOTO_BYTES": 5 * 1024 * 1024,
    "CHECK_MAX_PHOTO_PIXELS": 20_000_000,
}

BROKEN_PHOTOS = ("error", "skip")


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong GALLERY_* setting, each with its value and what it must be."""
    check = SettingsCheck(settings)
    _check_widths(check)
    _check_formats(check)
    check.count("GALLERY_WORKERS")
    check.count("GALLERY_AVIF_SPEED", 0, 10)
    check.count("GALLERY_EAGER_PHOTOS")
    check.count("GALLERY_MAX_PIXELS", 1)
    check.count("CHECK_MAX_PHOTO_BYTES", 1)
    check.count("CHECK_MAX_PHOTO_PIXELS", 1)
    if settings.get("GALLERY_BROKEN_PHOTOS") not in BROKEN_PHOTOS:
        check.bad("GALLERY_BROKEN_PHOTOS", "must be 'error' or 'skip'")
    for key in ("GALLERY_PATH", "GALLERY_OUTPUT_PATH"):
        check.folder(key)
    if not isinstance(settings.get("GALLERY_CACHE_PATH"), str | os.PathLike):
        check.bad("GALLERY_CACHE_PATH", "must be a folder (a path)")
    return check.problems


def _check_widths(check: SettingsCheck) -> None:
    widths = check.settings.get("GALLERY_WIDTHS")
    if (
        not isinstance(widths, list | tuple)
        or not widths
        or not all(is_count(w, 1) for w in widths)
    ):
        check.bad("GALLERY_WIDTHS", "must be a list of widths in pixels, like [320, 640]")


def _check_formats(check: SettingsCheck) -> None:
    formats = check.settings.get("GALLERY_FORMATS")
    if not isinstance(formats, list | tuple) or not set(formats) <= set(FORMATS):
        check.bad("GALLERY_FORMATS", f"must be a list drawn from {FORMATS}")
        return
    if "jpeg" not in formats:
        check.bad("GALLERY_FORMATS", "must include 'jpeg', the format every browser shows")
    quality = check.settings.get("GALLERY_QUALITY")
    if not isinstance(quality, dict) or any(
        not is_count(quality.get(f), 1) or quality[f] > 100 for f in formats
    ):
        check.bad("GALLERY_QUALITY", "must give each format a quality from 1 to 100")


def processing_of(settings: Mapping[str, Any]) -> Processing:
    """What the settings ask of every derivative (part of its cache key)."""
    quality = settings["GALLERY_QUALITY"]
    formats = tuple(settings["GALLERY_FORMATS"])
    return Processing(
        widths=tuple(sorted(set(settings["GALLERY_WIDTHS"]))),
        formats=tuple(f for f in FORMATS if f in formats),  # modern first, JPEG last
        quality=tuple((f, int(quality[f])) for f in FORMATS if f in formats),
        keep_copyright=bool(settings["GALLERY_KEEP_COPYRIGHT"]),
        max_pixels=int(settings["GALLERY_MAX_PIXELS"]),
        avif_speed=int(settings["GALLERY_AVIF_SPEED"]),
    )
