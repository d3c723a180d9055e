"""Which pictures in content the site publishes, by file name: one table for the gallery,
which takes the photos and copies the rest it publishes, and for the rule book, which
refuses every other picture on the line that shows it, before the build writes anything.

- `PHOTOS`: made into a ``<picture>`` of derivatives without metadata (`markup`,
  `pipeline`, and the gallery folders, `folders`).
- `COPIED`: published as they are, once the sweep has taken their metadata out (a GIF
  keeps every frame byte for byte, `privacy.strip_gif`); a plain path to one is made a
  ``{static}`` link, so that Pelican copies the file (`renditions.link_copied`).
- `refusal`: why any other picture is not published, and what to do instead.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

__all__ = ["COPIED", "PHOTOS", "PUBLISHED", "REFUSED", "refusal"]

# Pillow's name of the format of each photo suffix (an MPO, what many phones write, is a
# .jpg: `pipeline.INPUT_FORMATS` adds it).
PHOTOS: Mapping[str, str] = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".avif": "AVIF",
}
COPIED = frozenset({".gif"})
PUBLISHED = frozenset({*PHOTOS, *COPIED})

_TIFF = (
    "TIFF images are not published (most browsers cannot show one): save it as JPEG, or as "
    "PNG for a drawing or a page of text"
)
_HEIC = (
    "HEIC photos are not published (most browsers cannot show one, and the site cannot "
    "read it to remove its GPS): export it as JPEG"
)
_JPEG = "a JPEG photo under a name the site does not read: rename the file to end in .jpg"
# What to do instead, for the formats editors bring most. An SVG shown in a page runs
# nothing, but opened by its address its scripts would run on the site's own (where the
# editor at /admin/ keeps its sign-in), and the sweep cannot take out what it hides.
REFUSED: Mapping[str, str] = {
    ".svg": "SVG images are not published (an SVG can hold scripts, and hidden data such as "
    "its author or embedded photos with their GPS, that the site cannot remove): export it "
    "as PNG",
    ".tif": _TIFF,
    ".tiff": _TIFF,
    ".heic": _HEIC,
    ".heif": _HEIC,
    ".jfif": _JPEG,
    ".jpe": _JPEG,
}


def refusal(name: str) -> str:
    """Why the site does not publish a picture in content called `name`, and what to do
    instead; '' when it does (and for a name without a suffix, which says no format)."""
    suffix = posixpath.splitext(name)[1].lower()
    if not suffix or suffix in PUBLISHED:
        return ""
    return REFUSED.get(suffix) or (
        f"'{suffix}' files are not images the site publishes: save it as JPEG or PNG "
        "(GIF for an animation)"
    )
