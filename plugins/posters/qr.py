"""QR codes as inline SVG, made at build time by segno (no web service, no image file)."""

from __future__ import annotations

from markupsafe import Markup

__all__ = ["qr_svg"]


def qr_svg(text: str) -> Markup:
    """`text` as a QR code: an `<svg>` that scales to its box (a viewBox, no size), black
    modules on white with the standard quiet zone, hidden from screen readers (the page
    prints the address beside it). Error correction M or better: a poster gets creased."""
    # Imported on the first code: a preview build (no SITEURL) draws none, and segno's
    # import is 3 ms of every build.
    import segno  # noqa: PLC0415

    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(scale=1, dark="#000", light="#fff", omitsize=True, border=4)
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
