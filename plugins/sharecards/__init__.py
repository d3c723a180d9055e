"""Share cards: a 1200×630 picture per article, event and project, for `og:image`.

WeChat and other apps show it when a page's link is shared. Which file holds what:

- `glue`: the only module importing Pelican: settings, the `share_card_url()` template
  global and `ShareCardsGenerator` (cards planned, drawn when missing, placed).
- `settings`: DEFAULTS and `settings_problems`.
- `fonts`: which font files draw the text (Debian's fonts-noto-cjk) and which characters
  a font has no glyph for.
- `layout`: lines of text broken to a width (Chinese per character, Latin per word).
- `draw`: the card itself with Pillow, its cache key, and drawing in several processes.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.generator_init.connect(glue.install_helpers)
    signals.get_generators.connect(glue.get_generators)
    signals.finalized.connect(glue.finish)
