"""Plain types shared by the gallery core and handed to templates.

Nothing here imports Pelican or reads settings: values in, values out.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import NamedTuple

# Bump when the pixels a given photo and settings produce change (new resizing, new
# encoder options): every cache entry made by an older pipeline is then ignored.
PIPELINE_VERSION = 8  # 4: sizes by the longer side; reducing_gap. 5: bilinear first step
# 6: AVIF tuned for PSNR. 7: SVT-AV1 for photo-sized AVIF. 8: JPEG with standard tables.

FORMATS = ("avif", "webp", "jpeg")
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}


class ImageSize(NamedTuple):
    width: int
    height: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class Processing:
    """Everything that decides the bytes of a derivative: part of the cache key."""

    widths: tuple[int, ...] = (320, 640, 1024, 1600)
    formats: tuple[str, ...] = ("avif", "webp", "jpeg")
    quality: tuple[tuple[str, int], ...] = (("avif", 60), ("webp", 80), ("jpeg", 82))
    keep_copyright: bool = False
    max_pixels: int = 89_478_485
    avif_speed: int = 9  # libavif 0 (slowest, smallest) .. 10; see GALLERY_AVIF_SPEED

    def quality_for(self, fmt: str) -> int:
        return dict(self.quality)[fmt]

    def fingerprint(self) -> str:
        """A stable text for the cache key (max_pixels refuses photos, it never changes one)."""
        return json.dumps(
            {
                "version": PIPELINE_VERSION,
                "widths": list(self.widths),
                "formats": list(self.formats),
                "quality": dict(self.quality),
                "keep_copyright": self.keep_copyright,
                "avif_speed": self.avif_speed,
            },
            sort_keys=True,
        )


def cache_key(content_hash: str, processing: Processing) -> str:
    """The key of a photo's derivatives: its bytes and the settings, never its name or time."""
    text = f"{content_hash}\n{processing.fingerprint()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Derivative:
    """One encoded file: a width in one format, stored as ``filename`` in its cache entry."""

    width: int
    height: int
    format: str
    filename: str


@dataclass(frozen=True)
class Rendition:
    """All derivatives of one photo, as stored in the cache."""

    key: str
    size: ImageSize  # upright size of the original
    derivatives: tuple[Derivative, ...]

    def of_format(self, fmt: str) -> list[Derivative]:
        return sorted((d for d in self.derivatives if d.format == fmt), key=lambda d: d.width)


@dataclass(frozen=True)
class Candidate:
    """One entry of a ``srcset``: a URL below the site root and its width."""

    url: str
    width: int
    height: int


def _join(siteurl: str, url: str) -> str:
    return f"{siteurl}/{url}"


@dataclass(frozen=True)
class Source:
    """A ``<source>`` of a ``<picture>``: one format in every width."""

    type: str
    candidates: tuple[Candidate, ...]

    @property
    def format(self) -> str:
        """``avif``, ``webp`` or ``jpeg``: for data attributes the lightbox reads."""
        return self.type.removeprefix("image/")

    def srcset(self, siteurl: str) -> str:
        """The ``srcset`` value with URLs under ``siteurl`` (the template's SITEURL)."""
        return ", ".join(f"{_join(siteurl, c.url)} {c.width}w" for c in self.candidates)


@dataclass(frozen=True)
class Picture:
    """What a template needs to write a responsive ``<picture>``.

    URLs are below the site root, like ``article.url``: print ``{{ SITEURL }}/{{ url }}``.
    """

    sources: tuple[Source, ...]  # modern formats, best first
    fallback: Source  # JPEG
    width: int  # of ``src``: the middle JPEG, a fair default for old browsers
    height: int
    src: str
    large: Candidate  # the biggest JPEG: the target of a gallery link

    def srcset(self, siteurl: str) -> str:
        return self.fallback.srcset(siteurl)

    def src_url(self, siteurl: str) -> str:
        return _join(siteurl, self.src)

    def large_url(self, siteurl: str) -> str:
        return _join(siteurl, self.large.url)


@dataclass(frozen=True)
class Photo:
    """One photo of a gallery, in one language."""

    name: str  # file name in the gallery folder
    caption: str
    alt: str
    picture: Picture
    loading: str = "lazy"  # "eager" for the first photos, which are likely on screen

    # A plain <img> of the photo, for templates that want no <picture> (a card, og:image).
    @property
    def url(self) -> str:
        return self.picture.src

    @property
    def width(self) -> int:
        return self.picture.width

    @property
    def height(self) -> int:
        return self.picture.height


@dataclass(frozen=True)
class Gallery:
    """``content.gallery``: the photos of ``content/galleries/<name>/`` for one page."""

    name: str
    lang: str
    photos: tuple[Photo, ...]
    cover: Photo
    captions_file: str | None = None  # the captions file used, for messages

    @property
    def anchor(self) -> str:
        """An HTML id for the gallery's heading: its name with no space or slash (a space
        would split ``aria-labelledby`` into two ids that do not exist)."""
        return "gallery-" + "-".join(self.name.replace("/", " ").split())

    def __len__(self) -> int:
        return len(self.photos)

    def __bool__(self) -> bool:
        return bool(self.photos)


@dataclass
class Stats:
    """What one build did with photos: the proof that a warm build decodes nothing."""

    photos: int = 0
    from_cache: int = 0
    decoded: int = 0
    encoded: int = 0
    placed: int = 0
    skipped: list[str] = field(default_factory=list)
