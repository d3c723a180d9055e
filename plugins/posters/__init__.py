"""Posters: a printable page for every event, with a QR code of its published address.

Each event page gets `<event URL>poster/` (POSTER_URL), one A4 (or A5) page to pin on a
notice board: title, date and time in words, place, cost, organiser, status, a short
text, the community's name and mark, and a QR code made at build time (segno). See
docs/EDITING.md, "Print a poster". Which file holds what:

- `glue`: the only module importing Pelican: `apply_defaults` and `PostersGenerator`,
  which reads the events plugin's views (`content.event`) and writes the posters.
- `settings`: DEFAULTS, `settings_problems`, `poster_paths` (where a poster goes).
- `core`: `build_poster` (an EventView in, a `Poster` for the template out).
- `qr`: `qr_svg`, a QR code as inline SVG.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.get_generators.connect(glue.get_generators)
