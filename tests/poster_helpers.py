"""Helpers of the poster tests (tests/test_posters.py, tests/browser/test_poster.py): read a
QR code back from the poster's inline SVG or from a picture of it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import zxingcpp
from PIL import Image, ImageDraw

_STEP = re.compile(r"([MmHhVv])\s*([-\d.\s]+)")


def svg_modules(svg: str) -> tuple[int, set[tuple[int, int]]]:
    """The size (viewBox) and the dark modules of a segno SVG: horizontal runs drawn as
    `M x y.5 h n m dx dy ...` on a 1-unit grid."""
    size = int(float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1)))  # type: ignore[union-attr]
    dark: set[tuple[int, int]] = set()
    strokes = [tag for tag in re.findall(r"<path[^>]*>", svg) if 'stroke="#000"' in tag]
    if not strokes:
        return size, dark
    x = y = 0.0
    for command, numbers in _STEP.findall(re.search(r'\bd="([^"]+)"', strokes[0]).group(1)):  # type: ignore[union-attr]
        values = [float(n) for n in numbers.split()]
        if command in "Mm":
            dx, dy = values
            x, y = (dx, dy) if command == "M" else (x + dx, y + dy)
        elif command in "Hh":
            end = values[0] if command == "H" else x + values[0]
            dark.update((int(col), int(y)) for col in range(int(x), int(end)))
            x = end
    return size, dark


def decode_svg(svg: str, scale: int = 8) -> list[str]:
    """Every QR code zxing-cpp reads in a raster of `svg` (black on white)."""
    size, dark = svg_modules(svg)
    image = Image.new("L", (size * scale, size * scale), 255)
    draw = ImageDraw.Draw(image)
    for col, row in dark:
        draw.rectangle(
            (col * scale, row * scale, (col + 1) * scale - 1, (row + 1) * scale - 1), fill=0
        )
    return decode_image(image)


def decode_image(image: Image.Image) -> list[str]:
    """Every QR code zxing-cpp reads in `image`."""
    return [
        r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode
    ]


def resolve(page: str, href: str) -> str:
    """A relative link on the page at `page` (below the output) as a path below it."""
    found = urljoin("http://site/" + page, href).removeprefix("http://site/")
    return found.split("?", 1)[0]
