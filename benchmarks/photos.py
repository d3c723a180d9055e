"""Synthetic phone photos: 12 MP JPEGs that cost what real ones cost to decode.

A real phone photo is 2.5-5 MB because of sensor grain and fine detail, and that entropy is
what makes decoding and resizing slow. These photos are made of a gradient, a few flat shapes,
a cloudy low-frequency texture and a tiled high-frequency grain, saved at quality 90: they weigh
and decode like phone photos without shipping any. Everything comes from one seeded
`random.Random`, so the same seed gives the same bytes (with the same Pillow).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from typing import NamedTuple

from PIL import ExifTags, Image, ImageDraw, ImageFilter, ImageOps

# Bump when the photos' bytes change (corpora made before are then not reused).
PHOTO_VERSION = 1
# Grain strength; 0.07..0.13 gives files of about 2.5 to 4.5 MB at quality 90.
GRAIN_RANGE = (0.07, 0.13)
JPEG_QUALITY = 90
_TILE = 512


class PhotoSize(NamedTuple):
    width: int
    height: int


@dataclass(frozen=True)
class PhotoSpec:
    """What one photo looks like: stored pixel size, EXIF orientation, GPS, capture time."""

    size: PhotoSize
    orientation: int  # EXIF 0x0112: 1 upright, 3 upside down, 6/8 stored sideways
    gps: tuple[float, float] | None  # (lat, lon) in degrees, or None
    taken: str  # EXIF DateTimeOriginal, "YYYY:MM:DD HH:MM:SS"
    grain: float


def plan_photo(rng: random.Random, full: PhotoSize, taken: str) -> PhotoSpec:
    """Choose a photo's orientation, rotation tag and GPS the way a phone camera roll mixes them."""
    landscape = PhotoSize(max(full), min(full))
    portrait = PhotoSize(min(full), max(full))
    roll = rng.random()
    if roll < 0.45:  # held sideways, stored upright
        size, orientation = landscape, 1
    elif roll < 0.65:  # held upright, stored upright
        size, orientation = portrait, 1
    elif roll < 0.85:  # held upright, stored sideways: the common phone case
        size, orientation = landscape, 6
    elif roll < 0.95:
        size, orientation = landscape, 8
    else:
        size, orientation = landscape, 3
    gps = None
    if rng.random() < 0.5:  # Qingquanshan is around 31.2 N, 121.4 E
        gps = (
            round(31.2 + rng.uniform(-0.05, 0.05), 6),
            round(121.4 + rng.uniform(-0.05, 0.05), 6),
        )
    return PhotoSpec(size, orientation, gps, taken, rng.uniform(*GRAIN_RANGE))


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return (rng.randrange(256), rng.randrange(256), rng.randrange(256))


def render_pixels(rng: random.Random, size: PhotoSize, grain: float) -> Image.Image:
    """Paint a photo-like RGB image of `size` from `rng`."""
    width, height = size
    small = PhotoSize(max(1, width // 4), max(1, height // 4))
    gradient = Image.linear_gradient("L").rotate(rng.uniform(0, 360), Image.Resampling.BILINEAR)
    base = ImageOps.colorize(gradient, _colour(rng), _colour(rng))
    base = base.resize(small, Image.Resampling.BILINEAR)
    draw = ImageDraw.Draw(base)
    for _ in range(rng.randint(6, 18)):
        x0, y0 = rng.randrange(small.width), rng.randrange(small.height)
        x1 = x0 + rng.randrange(4, max(5, small.width // 3))
        y1 = y0 + rng.randrange(4, max(5, small.height // 3))
        shape = rng.random()
        if shape < 0.4:
            draw.ellipse((x0, y0, x1, y1), fill=_colour(rng))
        elif shape < 0.7:
            draw.rectangle((x0, y0, x1, y1), fill=_colour(rng))
        else:
            corners = rng.randint(3, 6)
            points = [
                (rng.randrange(small.width), rng.randrange(small.height)) for _ in range(corners)
            ]
            draw.polygon(points, fill=_colour(rng))
    cloud_size = PhotoSize(max(1, width // 32), max(1, height // 32))
    cloud = Image.frombytes(
        "RGB", cloud_size, rng.randbytes(cloud_size.width * cloud_size.height * 3)
    )
    base = Image.blend(base, cloud.resize(small, Image.Resampling.BICUBIC), 0.25)
    image = base.filter(ImageFilter.GaussianBlur(1.5)).resize(size, Image.Resampling.BICUBIC)
    tile = Image.frombytes("RGB", (_TILE, _TILE), rng.randbytes(_TILE * _TILE * 3))
    noise = Image.new("RGB", size)
    for top in range(0, height, _TILE):
        for left in range(0, width, _TILE):
            noise.paste(tile, (left, top))
    return Image.blend(image, noise, grain)


def _rational_dms(degrees: float) -> tuple[float, float, float]:
    whole = int(degrees)
    minutes_float = (degrees - whole) * 60
    minutes = int(minutes_float)
    return (float(whole), float(minutes), round((minutes_float - minutes) * 60, 2))


def exif_for(spec: PhotoSpec) -> Image.Exif:
    """A phone's EXIF block: make, model, time, orientation and (maybe) GPS."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "BenchPhone"
    exif[ExifTags.Base.Model] = "BP-12"
    exif[ExifTags.Base.Orientation] = spec.orientation
    exif[ExifTags.Base.DateTime] = spec.taken
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = spec.taken
    if spec.gps is not None:
        lat, lon = spec.gps
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSLatitudeRef] = "N" if lat >= 0 else "S"
        gps[ExifTags.GPS.GPSLatitude] = _rational_dms(abs(lat))
        gps[ExifTags.GPS.GPSLongitudeRef] = "E" if lon >= 0 else "W"
        gps[ExifTags.GPS.GPSLongitude] = _rational_dms(abs(lon))
    return exif


def make_photo(seed: str, full: PhotoSize, taken: str) -> tuple[PhotoSpec, bytes]:
    """Make one photo's JPEG bytes from a seed string; the same seed gives the same bytes."""
    rng = random.Random(seed)
    spec = plan_photo(rng, full, taken)
    image = render_pixels(rng, spec.size, spec.grain)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, exif=exif_for(spec).tobytes())
    return spec, out.getvalue()
