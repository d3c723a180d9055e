"""Plan and render the derivatives of one photo with Pillow.

`plan` is geometry only; `render` decodes once and encodes every size and format;
`process` is one unit of work for the pool: cache entry in, `Outcome` out, never raising
for a bad photo (the error travels back as text, which pickles).
"""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from community_press import ContentError, Problem, atomic_write
from PIL import AvifImagePlugin, Image, UnidentifiedImageError

# Pillow's AVIF plugin again, built with SVT-AV1 as well as libaom; it registers itself.
# Without it (a platform it has no wheel for) Pillow's own, libaom only, is used.
with contextlib.suppress(ImportError):
    from pillow_avif import AvifImagePlugin  # type: ignore[no-redef]

from . import privacy
from .formats import PHOTOS
from .model import (
    EXTENSIONS,
    PIPELINE_VERSION,
    Derivative,
    ImageSize,
    Processing,
    Rendition,
)

# What Pillow raises for a damaged file: the AVIF decoder raises RuntimeError.
DAMAGED = (OSError, SyntaxError, ValueError, EOFError, RuntimeError)

# What Pillow calls the formats we accept as input (`formats.PHOTOS`). MPO is what many
# phones write (a JPEG with a second, depth or preview, image appended).
INPUT_FORMATS = frozenset({*PHOTOS.values(), "MPO"})
TRANSPOSED = frozenset({5, 6, 7, 8})  # EXIF orientations that swap width and height
RESIZABLE = frozenset({"RGB", "L"})  # modes `shrink` resizes before `privacy.prepare`
# Bicubic: every step shrinks by at most about 1.6x (the draft decode already did the
# coarse part), where it looks like Lanczos to the eye at two thirds of the time.
RESAMPLE = Image.Resampling.BICUBIC
# Shrinking by more than twice starts with a box reduction by a whole factor (Pillow's
# reducing_gap): 1600 -> 400 px takes 4.5 ms instead of 10.5, and differs from the full
# bicubic by at most 2 levels of 255 (54 dB PSNR) on a bench photo.
REDUCING_GAP = 2.0
# The first step, from the draft decode to the largest size, shrinks by less than twice:
# bilinear there takes 22 ms on a 12 MP phone photo where bicubic takes 34 (a third of
# the photo's time in a two-JPEG build), 51 dB from Lanczos against bicubic's 54, far
# below what the encoders then discard.
FIRST_RESAMPLE = Image.Resampling.BILINEAR
MANIFEST = "manifest.json"


def plan(size: ImageSize, widths: Sequence[int]) -> list[ImageSize]:
    """The sizes to make, narrowest first: for each of `widths`, the photo scaled so
    that its longer side is that long (a portrait photo's 1600 is 1200×1600, as photo
    sites and pelican-photos size photos: the largest fits a 1600 px square, and a phone
    photo standing up is decoded at half size, not whole), plus the photo itself when
    its longer side is shorter than the largest. Never upscaled, aspect ratio kept, no
    two of one width (the width names the file)."""
    width, height = size
    longer = max(width, height)
    sides = sorted({w for w in widths if 0 < w < longer})
    found: dict[int, ImageSize] = {}
    for side in sides:
        target = ImageSize(
            max(1, round(width * side / longer)), max(1, round(height * side / longer))
        )
        found.setdefault(target.width, target)
    if not widths or longer <= max(widths):
        found[width] = ImageSize(width, height)
    return sorted(found.values())


def upright_size(size: ImageSize, orientation: int) -> ImageSize:
    """The size once the EXIF orientation is applied."""
    return ImageSize(size.height, size.width) if orientation in TRANSPOSED else size


@contextlib.contextmanager
def _no_pillow_limit() -> Iterator[None]:
    """Open without Pillow's own bomb check: we check the size ourselves, before decoding,
    with our limit, and name the size in the message."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        yield
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _bomb(display: str, pixels: str, max_pixels: int) -> ContentError:
    return ContentError(
        display,
        None,
        None,
        f"{pixels} pixels is over the limit of {max_pixels:,} (GALLERY_MAX_PIXELS): "
        "a decompression bomb or a huge scan; resize it before adding it",
    )


def _damaged(display: str, exc: BaseException) -> ContentError:
    return ContentError(
        display,
        None,
        None,
        f"cannot be read ({exc}): the file is damaged or cut short; copy or export it again",
    )


def open_photo(path: Path, display: str, max_pixels: int) -> Image.Image:
    """Open (but do not decode) a photo, refusing what is not a usable image."""
    suffix = path.suffix.lower()
    try:
        with _no_pillow_limit():
            img = Image.open(path)
    except UnidentifiedImageError as exc:
        with path.open("rb") as f:
            kind = privacy.image_format(f.read(12))
        if suffix in {".heic", ".heif"}:
            hint = "HEIC photos are not supported yet: export them as JPEG"
        elif kind == "HEIF":  # a phone or a share sheet named it .jpg
            hint = (
                "is a HEIC photo, whatever its name says, and HEIC is not supported yet: "
                "export it as JPEG"
            )
        elif path.stat().st_size == 0:  # a copy or a sync that never finished
            hint = "is empty (0 bytes), not an image: copy the photo in again"
        else:
            hint = "not an image Pillow can read (is it really a photo, or a renamed file?)"
        raise ContentError(display, None, None, hint) from exc
    except DAMAGED as exc:
        raise _damaged(display, exc) from exc
    if img.format not in INPUT_FORMATS:
        kind = img.format
        img.close()
        problem = f"{kind} images are not supported (use JPEG, PNG or WebP)"
        if kind == "GIF" and suffix != ".gif":  # published as it is, under its own name
            problem = "is a GIF image, whatever its name says: rename it to end in .gif"
        raise ContentError(display, None, None, problem)
    width, height = img.size
    if width * height > max_pixels:
        img.close()
        raise _bomb(display, f"{width}×{height} = {width * height:,}", max_pixels)
    return img


def decode(img: Image.Image, largest: ImageSize, orientation: int, display: str) -> None:
    """Decode the pixels; JPEGs at the smallest 1/2, 1/4 or 1/8 scale still big enough."""
    if img.format in {"JPEG", "MPO"}:
        want = upright_size(largest, orientation)  # back to the stored orientation
        img.draft(img.mode, (want.width, want.height))
    try:
        with _no_pillow_limit():  # checked in open_photo
            img.load()
    except DAMAGED as exc:
        raise _damaged(display, exc) from exc


# SVT-AV1 from this many pixels (a 4:3 photo about 580 px wide) up: on the bench's and the
# sample's phone photos it encodes a 1600 px photo in 60-70% of libaom's time (speed 9,
# tuned for PSNR) for files a third smaller at the same PSNR and a higher SSIM, and a
# 640 px one in 90% of it; at 320 px it is slower (its start-up), and it refuses
# greyscale and images of a pixel or two, which libaom encodes.
SVT_FROM_PIXELS = 250_000
SVT_MODES = frozenset({"RGB", "RGBA"})
# SVT-AV1 logs its configuration at every start unless told otherwise: errors only.
os.environ.setdefault("SVT_LOG", "1")


def can_write_avif() -> bool:
    """Whether the AVIF plugin in use has an encoder (the gallery drops AVIF otherwise)."""
    return bool(_avif_codecs())


@functools.cache
def _avif_codecs() -> frozenset[str]:
    """The AV1 encoders the AVIF plugin in use has (none: this Pillow has no AVIF)."""
    codecs = getattr(AvifImagePlugin, "_avif", None)
    if codecs is None:
        return frozenset()
    return frozenset(c for c in ("aom", "svt") if codecs.encoder_codec_available(c))


def _avif_options(img: Image.Image) -> list[dict[str, Any]]:
    """How to encode `img` as AVIF, best first: SVT-AV1 for a photo-sized colour image,
    then libaom tuned for PSNR rather than libavif's default SSIM (at the same quality,
    files within 1% of the size or smaller, an equal or higher SSIM, in 75-85% of the
    time). A Pillow with neither gets no option it might not know."""
    codecs = _avif_codecs()
    options: list[dict[str, Any]] = []
    if "svt" in codecs and img.mode in SVT_MODES and img.width * img.height >= SVT_FROM_PIXELS:
        options.append({"codec": "svt"})
    if "aom" in codecs:
        options.append({"codec": "aom", "advanced": [("tune", "psnr")]})
    return options or [{}]


def encode(
    img: Image.Image, fmt: str, quality: int, exif: bytes | None, avif_speed: int = 9
) -> bytes:
    """One derivative's bytes. `img` is already metadata-free; `exif` is the optional
    copyright-only block, the one thing ever written back."""
    out = io.BytesIO()
    if fmt == "jpeg":
        if img.mode == "RGBA":  # JPEG has no transparency: flatten onto white
            flat = Image.new("RGB", img.size, (255, 255, 255))
            flat.paste(img, mask=img.getchannel("A"))
            img = flat
        # Baseline with libjpeg's standard Huffman tables, as Hugo writes JPEG: optimised
        # tables took twice the time (10 ms against 5 at 1600 px) for files 2.5% (the
        # sample's photos) to 5.5% (the bench's) smaller, and progressive twice that again.
        # The JPEG is the fallback: every browser of the last five years takes the AVIF or
        # the WebP; feed readers and old phones get this one.
        img.save(out, "JPEG", quality=quality, exif=exif or b"")
    elif fmt == "webp":
        # Method 1: at 1600 px, on the sample and the bench photos, 8-14% larger than
        # method 2 in 60-75% of its time (method 0 takes a fifth less time again for
        # files up to 10% larger on the sample's photos). WebP is now the largest part of
        # a photo's time on a cold build (75 ms of about 280 for a bench photo).
        img.save(out, "WEBP", quality=quality, method=1, exif=exif or b"")
    elif fmt == "avif":
        *better, last = _avif_options(img)
        for options in better:  # SVT-AV1 refusing an image (RuntimeError): libaom
            with contextlib.suppress(RuntimeError):
                return _avif(img, quality, exif, avif_speed, options)
        return _avif(img, quality, exif, avif_speed, last)
    else:  # pragma: no cover - settings are checked at start-up
        raise ValueError(f"unknown format {fmt!r}")
    return out.getvalue()


def _avif(
    img: Image.Image, quality: int, exif: bytes | None, speed: int, options: dict[str, Any]
) -> bytes:
    out = io.BytesIO()
    # One thread per encoder: the pool already keeps every core busy.
    img.save(out, "AVIF", quality=quality, speed=speed, max_threads=1, exif=exif or None, **options)
    return out.getvalue()


def render(
    path: Path, display: str, processing: Processing
) -> tuple[ImageSize, Iterator[tuple[Derivative, bytes]]]:
    """Decode a photo once; return its upright size and the derivatives, made one by one."""
    with privacy.quiet(), open_photo(path, display, processing.max_pixels) as img:
        orientation = privacy.orientation(img)
        upright = upright_size(ImageSize(*img.size), orientation)
        targets = plan(upright, processing.widths)
        decode(img, targets[-1], orientation, display)
        line = privacy.copyright_line(img) if processing.keep_copyright else None
        exif = privacy.copyright_exif(line) if line else None
        # Shrink first: turning, colour conversion and the metadata-free copy then work
        # on the largest size wanted rather than on the decoded one (up to twice as wide).
        shrunk = shrink(img, upright_size(targets[-1], orientation))
        clean = privacy.prepare(shrunk, orientation)
    return upright, _derivatives(clean, targets, processing, exif)


def shrink(img: Image.Image, size: ImageSize) -> Image.Image:
    """`img` resized to `size` (in its stored orientation), keeping its colour profile.

    Only for modes whose pixels resize as they are; palette, alpha or 16-bit images are
    made RGB(A) first, by `privacy.prepare`, and resized after."""
    if img.mode not in RESIZABLE or img.size == size:
        return img
    small = img.resize(size, FIRST_RESAMPLE)
    small.info = dict(img.info)  # the colour profile still describes these pixels
    return small


def derivatives_of(targets: Sequence[ImageSize], processing: Processing) -> list[Derivative]:
    """The files of a rendition, in the order `render` makes them: largest first, each
    size in every format."""
    return [
        Derivative(target.width, target.height, fmt, f"{target.width}.{EXTENSIONS[fmt]}")
        for target in reversed(targets)
        for fmt in processing.formats
    ]


def expected(path: Path, display: str, key: str, processing: Processing) -> Rendition:
    """The rendition `process` makes of a photo, known from its header alone (its size
    and EXIF orientation), so pages can show it before it is made. ContentError if the
    header is not that of a usable image."""
    with privacy.quiet(), open_photo(path, display, processing.max_pixels) as img:
        upright = upright_size(ImageSize(*img.size), privacy.orientation(img))
    return Rendition(
        key, upright, tuple(derivatives_of(plan(upright, processing.widths), processing))
    )


def _derivatives(
    clean: Image.Image, targets: list[ImageSize], processing: Processing, exif: bytes | None
) -> Iterator[tuple[Derivative, bytes]]:
    for derivative in derivatives_of(targets, processing):
        target = ImageSize(derivative.width, derivative.height)
        if clean.size != target:  # largest first: each step shrinks the previous one
            # A step of more than 2x starts with a box reduction (Pillow's reducing_gap).
            clean = clean.resize(target, RESAMPLE, reducing_gap=REDUCING_GAP)
        quality = processing.quality_for(derivative.format)
        data = encode(clean, derivative.format, quality, exif, processing.avif_speed)
        yield derivative, data


def load_entry(entry: Path, key: str) -> Rendition | None:
    """The cached rendition in `entry`, or None if it is missing, partial or stale."""
    folder = os.fspath(entry)  # strings, not Paths: a warm build asks this of every photo
    try:
        with open(os.path.join(folder, MANIFEST), "rb") as f:
            data = json.loads(f.read())
        if data.get("key") != key or data.get("version") != PIPELINE_VERSION:
            return None
        derivatives = tuple(
            Derivative(d["width"], d["height"], d["format"], d["filename"])
            for d in data["derivatives"]
        )
        for d, size in zip(derivatives, data["bytes"], strict=True):
            if os.stat(os.path.join(folder, d.filename)).st_size != size:
                return None
        return Rendition(key, ImageSize(*data["size"]), derivatives)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_entry(entry: Path, rendition: Rendition, sizes: Sequence[int]) -> None:
    """Write the manifest last, so an entry without one is never trusted."""
    manifest = {
        "key": rendition.key,
        "version": PIPELINE_VERSION,
        "size": list(rendition.size),
        "derivatives": [
            {"width": d.width, "height": d.height, "format": d.format, "filename": d.filename}
            for d in rendition.derivatives
        ],
        "bytes": list(sizes),
    }
    atomic_write(entry / MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))


@dataclass(frozen=True)
class Task:
    """One photo to process: where it is, how to name it in messages, where to cache it."""

    source: str
    display: str
    key: str
    entry: str
    processing: Processing


@dataclass(frozen=True)
class Outcome:
    """What became of a task: a rendition, or the problem (an error) with its file."""

    key: str
    rendition: Rendition | None
    error: Problem | None
    decoded: int = 0
    encoded: int = 0


def process(task: Task) -> Outcome:
    """Decode one photo once, write every derivative into its cache entry."""
    entry = Path(task.entry)
    decoded = encoded = 0
    try:
        entry.mkdir(parents=True, exist_ok=True)
        upright, steps = render(Path(task.source), task.display, task.processing)
        decoded = 1
        derivatives: list[Derivative] = []
        sizes: list[int] = []
        for derivative, data in steps:
            atomic_write(entry / derivative.filename, data)
            derivatives.append(derivative)
            sizes.append(len(data))
            encoded += 1
        rendition = Rendition(task.key, upright, tuple(derivatives))
        store_entry(entry, rendition, sizes)
    except ContentError as exc:
        return Outcome(task.key, None, exc.as_problem(), decoded, encoded)
    except MemoryError:
        message = "not enough memory to decode it; resize it before adding it"
        return Outcome(task.key, None, Problem(task.display, None, None, message), decoded, encoded)
    except Exception as exc:  # whatever a decoder raises, one photo never stops the build
        cause = str(exc) if isinstance(exc, DAMAGED) else f"{type(exc).__name__}: {exc}"
        message = f"cannot be processed ({cause}); copy or export it again"
        return Outcome(task.key, None, Problem(task.display, None, None, message), decoded, encoded)
    return Outcome(task.key, rendition, None, decoded, encoded)
