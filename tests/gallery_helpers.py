"""Small generated photos for the gallery tests: every EXIF orientation, GPS and friends.

Nothing binary is committed: each test draws its photos with Pillow into tmp_path.
"""

from __future__ import annotations

import io
import struct
from pathlib import Path

from PIL import Image, ImageCms

ORIENTATION = 0x0112
COPYRIGHT = 0x8298
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
MAKER_NOTE = 0x927C

# The upright picture every test photo shows: four coloured quadrants, twice as wide as
# high, so that a photo left sideways or mirrored is told apart from an upright one.
QUADRANTS = {
    "top_left": (220, 30, 30),  # red
    "top_right": (30, 180, 40),  # green
    "bottom_left": (30, 40, 220),  # blue
    "bottom_right": (240, 240, 240),  # white
}

# How a camera stores the upright picture for each EXIF orientation (EXIF 2.3, tag 274:
# "the 0th row and 0th column" of the stored image are, visually, ...). A viewer applies
# the inverse; these are the Pillow transposes that produce the stored pixels.
STORED = {
    1: None,  # top, left: stored upright
    2: Image.Transpose.FLIP_LEFT_RIGHT,  # top, right: mirrored
    3: Image.Transpose.ROTATE_180,  # bottom, right: upside down
    4: Image.Transpose.FLIP_TOP_BOTTOM,  # bottom, left: mirrored upside down
    5: Image.Transpose.TRANSPOSE,  # left, top: mirrored along the main diagonal
    6: Image.Transpose.ROTATE_90,  # right, top: phone held upright, turned left to store
    7: Image.Transpose.TRANSVERSE,  # right, bottom: mirrored along the other diagonal
    8: Image.Transpose.ROTATE_270,  # left, bottom
}


def upright(size: tuple[int, int] = (64, 32)) -> Image.Image:
    """The upright test picture."""
    width, height = size
    img = Image.new("RGB", size)
    half_w, half_h = width // 2, height // 2
    img.paste(QUADRANTS["top_left"], (0, 0, half_w, half_h))
    img.paste(QUADRANTS["top_right"], (half_w, 0, width, half_h))
    img.paste(QUADRANTS["bottom_left"], (0, half_h, half_w, height))
    img.paste(QUADRANTS["bottom_right"], (half_w, half_h, width, height))
    return img


def exif_block(
    orientation: int = 1, gps: bool = True, copyright_text: str | None = None
) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 12"  # Model
    if copyright_text:
        exif[COPYRIGHT] = copyright_text
    details = exif.get_ifd(EXIF_IFD)
    details[MAKER_NOTE] = b"MAKERNOTE secret serial 1234"
    details[0x9003] = "2024:06:19 15:00:00"  # DateTimeOriginal
    if gps:
        place = exif.get_ifd(GPS_IFD)
        place[1] = "N"
        place[2] = (26.0, 53.0, 42.0)
        place[3] = "E"
        place[4] = (112.0, 34.0, 19.0)
    return exif


XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
    b'exif:GPSLatitude="26,53.7N"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def iptc_segment() -> bytes:
    """A JPEG APP13 segment with an IPTC caption and city, as photo desks write."""
    record = b"\x1c\x02\x78" + struct.pack(">H", 12) + b"IPTC caption"
    record += b"\x1c\x02\x5a" + struct.pack(">H", 8) + b"Hengyang"
    block = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(record))
    block += record + (b"\x00" if len(record) % 2 else b"")
    payload = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def srgb_icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def make_photo(
    path: Path,
    orientation: int = 1,
    *,
    size: tuple[int, int] = (64, 32),
    gps: bool = True,
    fmt: str = "JPEG",
    copyright_text: str | None = None,
) -> Path:
    """Write a photo showing the upright picture once `orientation` is applied, carrying
    EXIF (orientation, maker note, GPS), XMP, an ICC profile and, for JPEG, IPTC and a comment."""
    stored = upright(size)
    if STORED[orientation] is not None:
        stored = stored.transpose(STORED[orientation])
    exif = exif_block(orientation, gps, copyright_text).tobytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "JPEG":
        out = io.BytesIO()
        stored.save(
            out, "JPEG", quality=95, exif=exif, xmp=XMP, icc_profile=srgb_icc(), comment=b"note"
        )
        data = out.getvalue()
        # IPTC goes right after SOI, like a photo desk would add it.
        path.write_bytes(data[:2] + iptc_segment() + data[2:])
    elif fmt == "PNG":
        stored.save(path, "PNG", exif=exif, icc_profile=srgb_icc())
    elif fmt == "WEBP":
        stored.save(path, "WEBP", exif=exif, xmp=XMP, icc_profile=srgb_icc(), quality=95)
    else:
        raise ValueError(fmt)
    return path


def quadrant_colours(img: Image.Image) -> dict[str, tuple[int, ...]]:
    """The colour at the centre of each quadrant of an image, as RGB."""
    rgb = img.convert("RGB")
    width, height = rgb.size
    points = {
        "top_left": (width // 4, height // 4),
        "top_right": (3 * width // 4, height // 4),
        "bottom_left": (width // 4, 3 * height // 4),
        "bottom_right": (3 * width // 4, 3 * height // 4),
    }
    return {name: tuple(rgb.getpixel(xy)) for name, xy in points.items()}  # type: ignore[arg-type]


def looks_upright(img: Image.Image, tolerance: int = 60) -> bool:
    """Wider than high, and each quadrant the colour it should be."""
    if img.width <= img.height:
        return False
    for name, colour in quadrant_colours(img).items():
        expected = QUADRANTS[name]
        if any(abs(a - b) > tolerance for a, b in zip(colour, expected, strict=True)):
            return False
    return True


# Byte patterns that would betray metadata in a file, whatever the format.
LEAKS = (
    b"Exif\x00\x00",
    b"PhoneMaker",
    b"MAKERNOTE",
    b"http://ns.adobe.com/xap",
    b"adobe:ns:meta",
    b"Photoshop 3.0",
    b"8BIM",
    b"ICC_PROFILE",
    b"Hengyang",
    b"GPSLatitude",
)


def leaks(data: bytes) -> list[str]:
    """The metadata patterns found in a file's bytes."""
    return [pattern.decode("latin-1") for pattern in LEAKS if pattern in data]
