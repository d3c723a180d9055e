"""Make a photo safe to publish: upright, sRGB, and carrying nothing but pixels.

Community photos show children and are taken on phones that record where they were taken.
Every published image goes through `prepare`, which rebuilds the image from its pixels, so
no EXIF, GPS, XMP, IPTC, maker note, comment or colour profile can ride along.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from community_press import atomic_write
from PIL import Image, ImageCms

ORIENTATION = 0x0112
COPYRIGHT = 0x8298
GPS_IFD = 0x8825

# Keys Pillow puts in `Image.info` for metadata (PNG text chunks come as their own keys).
METADATA_KEYS = frozenset(
    {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "photoshop", "iptc", "comment", "mp"}
)
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence Pillow's warnings about broken metadata ("Corrupt EXIF data. Expecting to
    read 12 bytes"): printed in the middle of a build they name no file, and the
    metadata is dropped anyway. A photo that cannot be read is still an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


# The transpose that shows a photo stored with each EXIF orientation upright.
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


def orientation(img: Image.Image) -> int:
    """The EXIF orientation of an opened image, 1 to 8; 1 when it is missing or not one
    of those (0, 9, text: what broken phone apps write)."""
    value = img.getexif().get(ORIENTATION, 1)
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def auto_orient(img: Image.Image, turn: int | None = None) -> Image.Image:
    """Turn the pixels the way the EXIF orientation says (or `turn`, the orientation
    read before the image was shrunk), and forget the tag.

    Not `ImageOps.exif_transpose`: it writes the rest of the EXIF back into the image,
    and Pillow cannot write some odd-but-readable tags (an ASCII resolution, say), so a
    photo every viewer shows would stop the build. We drop all metadata anyway.
    """
    method = _UPRIGHT.get(orientation(img) if turn is None else turn)
    return img.transpose(method) if method is not None else img


def to_srgb(img: Image.Image) -> Image.Image:
    """Convert from the embedded colour profile (a camera's Display P3, say) to sRGB.

    Browsers show untagged images as sRGB, so the profile can then be dropped without
    colours shifting. A profile that cannot be read is ignored: the pixels are kept as they are.
    """
    icc = img.info.get("icc_profile")
    if not icc:
        return img
    img = _eight_bit(img)  # converting 16-bit greyscale to RGB would clip it to white
    target = "RGBA" if _has_alpha(img) else "RGB"
    source = img if img.mode in {"RGB", "RGBA", "CMYK", "L"} else img.convert(target)
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(source, profile, _SRGB, outputMode=target)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return img
    return converted or img


def _has_alpha(img: Image.Image) -> bool:
    return img.mode in {"RGBA", "LA", "PA", "La", "RGBa"} or "transparency" in img.info


def _eight_bit(img: Image.Image) -> Image.Image:
    """16-bit greyscale (some PNG scans) scaled to 8 bits, instead of clipped to white."""
    if img.mode in {"I;16", "I;16L", "I;16B", "I;16N", "I"}:
        return img.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    return img


def normalize_mode(img: Image.Image) -> Image.Image:
    """RGB, or RGBA when some pixel is actually transparent."""
    img = _eight_bit(img)
    if _has_alpha(img):
        img = img.convert("RGBA")
        lowest = img.getchannel("A").getextrema()[0]
        opaque = isinstance(lowest, int | float) and lowest >= 255
        return img.convert("RGB") if opaque else img
    return img if img.mode == "RGB" else img.convert("RGB")


def strip_metadata(img: Image.Image) -> Image.Image:
    """A new image made of the pixels only: no `info`, no EXIF, nothing to leak on save."""
    if img.mode not in {"RGB", "RGBA", "L"}:
        img = normalize_mode(img)
    return Image.frombytes(img.mode, img.size, img.tobytes())


def prepare(img: Image.Image, turn: int | None = None) -> Image.Image:
    """Upright, sRGB, RGB(A), metadata-free: the only image the encoders ever see.

    `turn` is the EXIF orientation when `img` is a shrunk copy that no longer carries it."""
    return strip_metadata(normalize_mode(to_srgb(auto_orient(img, turn))))


def copyright_line(img: Image.Image) -> str | None:
    """The EXIF copyright text of a photo, if it has one (kept only when settings say so)."""
    value = img.getexif().get(COPYRIGHT)
    if isinstance(value, str):
        # Pillow reads EXIF text as Latin-1; phones and editors write UTF-8.
        with contextlib.suppress(UnicodeError):
            value = value.encode("latin-1").decode("utf-8")
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    text = value.replace("\x00", " ").strip()[:200]
    return text or None


def copyright_exif(text: str) -> bytes:
    """EXIF bytes holding one tag, the copyright line (UTF-8), and nothing else."""
    exif = Image.Exif()
    exif[COPYRIGHT] = text.encode("utf-8")
    return exif.tobytes()


def metadata_found(img: Image.Image) -> list[str]:
    """Names of the metadata an opened image carries (empty when it is clean).

    Reads headers only, never the pixels: checking a file costs no decode.
    """
    found: list[str] = []
    exif = img.getexif()
    if exif.get_ifd(GPS_IFD) or GPS_IFD in exif:
        found.append("GPS")
    if len(exif):
        found.append("EXIF")
    for key, value in img.info.items():
        if key in METADATA_KEYS and value:
            found.append(key)
        elif img.format == "PNG" and isinstance(value, str):
            found.append("text")  # tEXt/iTXt/zTXt chunks: free text, often a location
    return sorted(set(found))


# Where a photo's XMP names a place: its GPS position, else the place fields of IPTC's
# and Photoshop's schemas (what photo desks and some phones fill in).
_XMP_GPS = (b"GPSLatitude", b"GPSLongitude")
_XMP_PLACES = (
    b"Iptc4xmpCore:Location", b"Iptc4xmpExt:LocationShown", b"Iptc4xmpExt:LocationCreated",
    b"photoshop:City", b"photoshop:State",
)  # fmt: skip
# IPTC's place datasets (record 2): sublocation, city, province or state, country.
_IPTC_PLACES = frozenset({90, 92, 95, 100, 101})
_IPTC_RESOURCE = 0x0404  # the IPTC block among Photoshop's image resources (APP13)


def location_found(img: Image.Image) -> str:
    """What of a place an opened photo tells, for a warning ('' when nothing): 'a GPS
    location' (EXIF, or XMP's GPS fields), else 'a place name' (IPTC or XMP place
    fields). Headers only."""
    if "GPS" in metadata_found(img):
        return "a GPS location"
    xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
    xmp = xmp.encode("utf-8", "replace") if isinstance(xmp, str) else bytes(xmp)
    if any(name in xmp for name in _XMP_GPS):
        return "a GPS location"
    if any(name in xmp for name in _XMP_PLACES):
        return "a place name"
    resources = img.info.get("photoshop")
    iptc = resources.get(_IPTC_RESOURCE, b"") if isinstance(resources, dict) else b""
    if any(dataset in _IPTC_PLACES for dataset in _iptc_datasets(bytes(iptc))):
        return "a place name"
    return ""


def _iptc_datasets(data: bytes) -> Iterator[int]:
    """The dataset numbers of IPTC record 2 in an IPTC block (0x1C, record, dataset, size)."""
    at = 0
    while at + 5 <= len(data) and data[at] == 0x1C:
        record, dataset = data[at + 1], data[at + 2]
        size = int.from_bytes(data[at + 3 : at + 5], "big")
        if size & 0x8000:  # an extended size: its length in bytes, then the size
            length = size & 0x7FFF
            size = int.from_bytes(data[at + 5 : at + 5 + length], "big")
            at += length
        if record == 2:
            yield dataset
        at += 5 + size


# PNG chunks that carry metadata; those after the pixels are not in `Image.info`.
PNG_METADATA_CHUNKS = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP"})
# The chunks a PNG's picture is made of (its pixels, palette, transparency, colour space,
# frames); any other chunk (a private preview, a C2PA manifest, a time) is metadata.
PNG_IMAGE_CHUNKS = frozenset({
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT",
    b"bKGD", b"pHYs", b"cICP", b"acTL", b"fcTL", b"fdAT",
})  # fmt: skip


def _png_chunks(data: bytes) -> Iterator[tuple[bytes, int]]:
    """Each chunk of a PNG file: its type and where it ends (after its CRC), up to IEND."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return
    at = 8
    while at + 8 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length  # length, type, data, CRC
        yield kind, at
        if kind == b"IEND":
            return


def png_metadata_chunks(data: bytes) -> list[str]:
    """Metadata chunk types anywhere in a PNG file's bytes, found without decoding it:
    every chunk that is not part of the picture."""
    return sorted(
        {
            kind.decode("ascii", "replace")
            for kind, _ in _png_chunks(data)
            if kind in PNG_METADATA_CHUNKS or kind not in PNG_IMAGE_CHUNKS
        }
    )


# JPEG segments an image is made of: frames, tables, restart interval, scans. Of the rest,
# those Pillow reads (and `metadata_found` names) are left to it; any other is named by
# its marker: a JFIF thumbnail (of the uncropped original), FlashPix, maker blocks, an
# extended XMP, a C2PA manifest... A plain JFIF header and Adobe's colour transform are
# part of the picture.
_JPEG_IMAGE = frozenset(range(0xC0, 0xD0)) | {0xDA, 0xDB, 0xDD}  # SOFn, DHT, DAC; SOS, DQT, DRI
_JPEG_READ_BY_PILLOW = (
    (0xE1, b"Exif\0"),
    (0xE1, b"http://ns.adobe.com/xap/1.0/\0"),
    (0xE2, b"ICC_PROFILE\0"),
    (0xE2, b"MPF\0"),
    (0xED, b"Photoshop 3.0\0"),
)
_JFIF_PLAIN = 16  # an APP0 JFIF segment's length when it holds no thumbnail
_ADOBE_PLAIN = 14  # an APP14 Adobe segment's length


def _jpeg_segment_name(marker: int, body: bytes, length: int) -> str:
    """The name of a segment that is metadata Pillow does not name ('' otherwise)."""
    if marker in _JPEG_IMAGE or marker == 0xFE:  # 0xFE: a comment, Pillow's "comment"
        return ""
    if marker == 0xE0 and body.startswith(b"JFIF\0"):
        return "" if length == _JFIF_PLAIN else "JFIF thumbnail"
    if marker == 0xEE and body.startswith(b"Adobe") and length == _ADOBE_PLAIN:
        return ""
    if any(marker == m and body.startswith(sign) for m, sign in _JPEG_READ_BY_PILLOW):
        return ""
    if 0xE0 <= marker <= 0xEF:
        return f"APP{marker - 0xE0} segment"
    return f"segment 0x{marker:02X}"


def _after_scan(data: bytes, at: int) -> int:
    """Where the marker after a scan's coded data starts (0xFF 0x00 is a byte of the data,
    0xFF 0xD0-0xD7 a restart, 0xFF 0xFF a fill byte)."""
    while True:
        at = data.find(b"\xff", at)
        if at < 0 or at + 1 >= len(data):
            return len(data)
        following = data[at + 1]
        if following == 0xFF:
            at += 1
        elif following == 0 or 0xD0 <= following <= 0xD7:
            at += 2
        else:
            return at


def jpeg_metadata_segments(data: bytes) -> list[str]:
    """Segments of a JPEG's image (up to its EOI, scans and the tables between them
    included) that carry something besides the picture and that Pillow does not read."""
    found: set[str] = set()
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        if marker == 0xD9:  # EOI: what follows is `trailing_bytes`' business
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        name = _jpeg_segment_name(marker, data[at + 4 : at + 2 + length], length)
        if name:
            found.add(name)
        at += 2 + length
        if marker == 0xDA:
            at = _after_scan(data, at)
    return sorted(found)


# WebP chunks of the picture; EXIF, XMP and ICCP are read by Pillow; any other is named.
_WEBP_IMAGE = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF"})
_WEBP_READ_BY_PILLOW = frozenset({b"EXIF", b"XMP ", b"ICCP"})


def webp_metadata_chunks(data: bytes) -> list[str]:
    """Chunks of a WebP file that are not part of its picture and that Pillow does not
    read (those it reads, `metadata_found` names)."""
    found: set[str] = set()
    end = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    at = 12
    while at + 8 <= end:
        kind = data[at : at + 4]
        size = int.from_bytes(data[at + 4 : at + 8], "little")
        if kind not in _WEBP_IMAGE and kind not in _WEBP_READ_BY_PILLOW:
            found.add(f"{kind.decode('latin-1').strip()} chunk")
        at += 8 + size + (size & 1)
    return sorted(found)


# ISO base media brands of HEIF photos (what iPhones write as .HEIC); AVIF is separate.
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
)


# Formats known by their first bytes: (offset, bytes it starts with there, format).
_SIGNATURES = (
    (0, b"\xff\xd8\xff", "JPEG"),
    (0, b"\x89PNG\r\n\x1a\n", "PNG"),
    (0, b"GIF87a", "GIF"),
    (0, b"GIF89a", "GIF"),
    (0, b"II*\x00", "TIFF"),
    (0, b"MM\x00*", "TIFF"),
)


def image_format(head: bytes) -> str | None:
    """The image format a file's first 12 bytes announce, whatever its name says: a phone
    photo can reach the output as ``IMG_1234.JFIF``, ``.jpe`` or ``.HEIC``."""
    for offset, start, kind in _SIGNATURES:
        if head[offset:].startswith(start):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    brand = head[8:12] if head[4:8] == b"ftyp" else b""
    if brand in {b"avif", b"avis"}:
        return "AVIF"
    return "HEIF" if brand in _HEIF_BRANDS else None


# GIF application extensions that only make an animation loop; every other one (XMP
# DataXMP, ICCRGBG1, MGK8BIM0000 IPTC ...) is metadata.
_GIF_LOOPING = frozenset({b"NETSCAPE2.0", b"ANIMEXTS1.0"})
# The only blocks a published GIF keeps, each in its one standard form: a frame's
# graphic control (0x21 0xF9, one 4-byte sub-block) and the loop count (0x21 0xFF, the
# application name, one 3-byte sub-block 0x01 + count). Anything more, in them or
# elsewhere (comments, plain text, unknown extensions, bytes after the end), can carry
# words or a whole photo with its GPS, and is taken out.
_CONTROL_SIZE = 8  # 21 F9 04 <4 bytes> 00
_LOOP_SIZE = 19  # 21 FF 0B <11 bytes> 03 01 <2 bytes> 00


def _gif_blocks(data: bytes) -> tuple[list[tuple[str, int, int]], int]:
    """The blocks of a GIF after its header, (kind, start, end), and where its trailer
    ends. Kinds: ``image``, ``control`` and ``loop`` (standard), ``control with more
    data`` and ``loop with more data`` (kept without the more), else metadata:
    ``comment``, ``application <name>``, ``plain text``, ``extension 0x..``. Raises
    ValueError for a file that is cut short or not a GIF; Pillow does not read GIF XMP."""

    def sub_blocks(at: int) -> int:  # the end of a chain of sub-blocks
        while True:
            if at >= len(data):
                raise ValueError("the GIF file is cut short")
            size = data[at]
            at += 1 + size
            if size == 0:
                return at

    def color_table(packed: int) -> int:
        return 3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0

    if data[:6] not in {b"GIF87a", b"GIF89a"} or len(data) < 13:
        raise ValueError("not a GIF file")
    at = _gif_header_end(data)
    blocks: list[tuple[str, int, int]] = []
    while at < len(data):
        start, introducer = at, data[at]
        if introducer == 0x3B:  # trailer
            return blocks, start + 1
        if introducer == 0x2C:  # image: descriptor, local colours, LZW size, data
            if start + 10 > len(data):
                raise ValueError("the GIF file is cut short")
            at = sub_blocks(start + 10 + color_table(data[start + 9]) + 1)
            blocks.append(("image", start, at))
        elif introducer == 0x21 and start + 1 < len(data):
            at = sub_blocks(start + 2)
            blocks.append((_gif_extension(data, start, at), start, at))
        else:
            raise ValueError(f"not a GIF block at byte {start}")
    raise ValueError("the GIF file is cut short")


def _gif_header_end(data: bytes) -> int:
    """Where a GIF's blocks start: after its screen descriptor and global colours."""
    packed = data[10]
    return 13 + (3 * 2 ** ((packed & 7) + 1) if packed & 0x80 else 0)


def _gif_extension(data: bytes, start: int, end: int) -> str:
    label = data[start + 1]
    if label == 0xF9:
        return _gif_control(data, start, end)
    if label == 0xFF:
        return _gif_application(data, start, end)
    return {0xFE: "comment", 0x01: "plain text"}.get(label, f"extension 0x{label:02x}")


def _gif_control(data: bytes, start: int, end: int) -> str:
    if data[start + 2] != 4 or end - start < _CONTROL_SIZE:
        return "control of another form"
    return "control" if end - start == _CONTROL_SIZE else "control with more data"


def _gif_application(data: bytes, start: int, end: int) -> str:
    name = data[start + 3 : start + 14] if data[start + 2] == 11 else b""
    kind = f"application {name.decode('latin-1') or 'extension'}"
    looping = data[start + 14 : start + 16] == b"\x03\x01" and end - start >= _LOOP_SIZE
    if name not in _GIF_LOOPING or not looping:
        return kind
    return "loop" if end - start == _LOOP_SIZE else "loop with more data"


def _gif_tail(data: bytes, trailer_end: int) -> bool:
    """Whether bytes other than zeros follow a GIF's trailer (a whole photo can)."""
    return bool(data[trailer_end:].strip(b"\0"))


def gif_metadata(data: bytes) -> list[str]:
    """What a GIF carries besides its frames, their timing and its loop count: comments,
    extensions (XMP, profiles, text), data hidden in a control or loop block, and bytes
    after its end."""
    blocks, trailer_end = _gif_blocks(data)
    found = {kind for kind, _, _ in blocks if kind not in _GIF_KEPT}
    if _gif_tail(data, trailer_end):
        found.add(TRAILING)
    return sorted(found)


_GIF_KEPT = frozenset({"image", "control", "loop"})


def strip_gif(data: bytes) -> bytes:
    """The GIF with its frames, their timing and its loop count only; pixels and animation
    kept byte for byte (rebuilding frames with Pillow would change an animation's
    palette). A control or loop block with more data keeps its standard part."""
    blocks, _ = _gif_blocks(data)
    kept = []
    for kind, start, end in blocks:
        if kind in _GIF_KEPT:
            kept.append(data[start:end])
        elif kind == "control with more data":
            kept.append(data[start : start + _CONTROL_SIZE - 1] + b"\0")
        elif kind == "loop with more data":
            kept.append(data[start : start + _LOOP_SIZE - 1] + b"\0")
    return data[: _gif_header_end(data)] + b"".join(kept) + b"\x3b"


def gif_size(data: bytes) -> tuple[int, int]:
    """The largest width and height a GIF draws: its logical screen, or a frame."""
    width, height = int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    blocks, _ = _gif_blocks(data)
    for kind, start, _ in blocks:
        if kind == "image":
            width = max(width, int.from_bytes(data[start + 5 : start + 7], "little"))
            height = max(height, int.from_bytes(data[start + 7 : start + 9], "little"))
    return width, height


# The names of picture files: one whose bytes are no image is refused, not published as
# it is (an SVG renamed .gif would carry its scripts and metadata).
IMAGE_NAMES = frozenset({
    ".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".gif", ".webp", ".avif", ".heic", ".heif",
    ".tif", ".tiff", ".bmp",
})  # fmt: skip

# What `file_metadata` calls bytes after the end of an image.
TRAILING = "data after the image"


def _jpeg_end(data: bytes) -> int:
    """Where a JPEG's image ends (after its EOI marker), or 0 if its layout is unknown.
    Segments are followed by their lengths up to the scan (an EXIF thumbnail holds an EOI
    of its own); in the scan a 0xFF byte is always followed by 0 or a restart marker, so
    the first EOI after it ends the image."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return 0
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if marker == 0xDA:  # start of scan
            end = data.find(b"\xff\xd9", at + 2 + length)
            return 0 if end < 0 else end + 2
        at += 2 + length
    return 0


def _png_end(data: bytes) -> int:
    return next((end for kind, end in _png_chunks(data) if kind == b"IEND"), 0)


def trailing_bytes(data: bytes) -> int:
    """How many bytes follow the end of the image in a JPEG, PNG or WebP file (padding
    of zeros aside): what a Samsung trailer, a motion photo's video or a second JPEG with
    its own EXIF and GPS look like to a reader that stops at the image."""
    kind = image_format(data[:12])
    if kind == "JPEG":
        end = _jpeg_end(data)
    elif kind == "PNG":
        end = _png_end(data)
    elif kind == "WEBP":
        end = 8 + int.from_bytes(data[4:8], "little")
    else:
        return 0
    if not end or end >= len(data):
        return 0
    return len(data) - end - (len(data[end:]) - len(data[end:].rstrip(b"\0")))


def file_metadata(path: Path) -> list[str]:
    """Names of the metadata in an image file: headers, every chunk of a PNG, every
    extension of a GIF, and bytes after the end of the image."""
    return _metadata_of(path.read_bytes())


def _metadata_of(data: bytes) -> list[str]:
    if image_format(data[:12]) == "GIF":
        return gif_metadata(data)
    with quiet(), Image.open(io.BytesIO(data)) as img:
        found = set(metadata_found(img))
        if img.format == "PNG":
            found.update(png_metadata_chunks(data))
        elif img.format in {"JPEG", "MPO"}:
            found.update(jpeg_metadata_segments(data))
        elif img.format == "WEBP":
            found.update(webp_metadata_chunks(data))
        if img.format != "MPO" and trailing_bytes(data):  # an MPO's second frame is known
            found.add(TRAILING)
    return sorted(found)


# How `clean_file` saves each format it can rewrite.
_SAVE_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "AVIF": "AVIF"}
_SAVE_OPTIONS: dict[str, dict[str, Any]] = {
    "JPEG": {"quality": 90, "optimize": True},
    "WEBP": {"quality": 90},
    "AVIF": {"quality": 80},
}


def _not_rewritable(img: Image.Image) -> str:
    """Why `write_clean_copy` cannot rewrite an opened image ('' when it can)."""
    if img.format not in _SAVE_AS:
        return f"{img.format} images with metadata cannot be cleaned"
    # An MPO (many phones) is a JPEG with a depth map or preview appended: the photo, the
    # first frame, is kept and the rest dropped with its own EXIF.
    if img.format != "MPO" and getattr(img, "n_frames", 1) > 1:
        return "an animated image with metadata cannot be cleaned"
    return ""


def _misnamed(path: Path) -> str:
    """Why a file that is no image by its bytes may not be published under its name."""
    if path.suffix.lower() not in IMAGE_NAMES:
        return ""  # a PDF, a video, a page: nothing of a picture's to clean
    return (
        f"is named like a picture ({path.suffix}) but is none (an SVG, a web page or a "
        "damaged file?), and the site cannot see what it holds: save the picture again "
        "as PNG or JPEG"
    )


# The most pixels a published GIF may draw: Pillow's own default limit (GALLERY_MAX_PIXELS
# is the same for photos). Not Pillow's global, which decoding sets aside for a while.
GIF_MAX_PIXELS = 89_478_485


def _gif_refusal(data: bytes) -> str:
    width, height = gif_size(data)  # ValueError: cut short
    if width * height <= GIF_MAX_PIXELS:
        return ""
    return (
        f"a GIF of {width}×{height} = {width * height:,} pixels, over the limit of "
        f"{GIF_MAX_PIXELS:,}: a decompression bomb or a huge image; save it smaller"
    )


def uncleanable(path: Path) -> str:
    """Why the file at `path` may not be published: a HEIC photo; metadata in a format or
    an animation `write_clean_copy` cannot rewrite; a GIF too large to decode; a picture's
    name on bytes that are no picture ('' when it is clean or can be cleaned; ValueError
    for a GIF cut short). The sweep refuses such a file; `make check` says it first."""
    with path.open("rb") as f:  # the first bytes: a video or a PDF is not read whole
        kind = image_format(f.read(12))
    if kind is None:
        return _misnamed(path)
    if kind == "HEIF":
        return "a HEIC photo, which may carry GPS and cannot be cleaned here; export it as JPEG"
    data = path.read_bytes()
    if kind == "GIF":  # cleaned by `strip_gif` whatever it carries, if it is a sane size
        return _gif_refusal(data)
    if not _metadata_of(data):
        return ""
    with quiet(), Image.open(io.BytesIO(data)) as img:
        return _not_rewritable(img)


def write_clean_copy(source: Path, target: Path) -> None:
    """Write `source` to `target` upright and without metadata, in the same format.

    `target` is replaced in one step (a temporary file, then a rename), so a reader never
    sees half a file and a hard link at `target` is never written through.
    """
    data = source.read_bytes()
    if image_format(data[:12]) == "GIF":
        atomic_write(target, strip_gif(data))
        return
    with quiet(), Image.open(source) as img:
        refused = _not_rewritable(img)
        if refused:
            raise ValueError(refused)
        fmt = _SAVE_AS[img.format or ""]
        img.load()
        clean = prepare(img)
    if fmt == "JPEG" and clean.mode == "RGBA":
        clean = clean.convert("RGB")
    out = io.BytesIO()
    clean.save(out, fmt, **_SAVE_OPTIONS.get(fmt, {}))
    atomic_write(target, out.getvalue())


def clean_file(path: Path) -> list[str]:
    """Rewrite an image file without its metadata if it has any; return what was found."""
    found = file_metadata(path)
    if found:
        write_clean_copy(path, path)
    return found
