"""Who the community is: name, tagline, descriptions, address, partners, menu, footer links,
contact accounts, logo and brand colour, all from the settings (each text in one language or
per language), never from the theme.

Which file holds what:

- `glue`: the only module importing Pelican: `apply_defaults` (``initialized``) fills in and
  checks the settings; `install` (``generator_init``) gives templates `identity`;
  `write_brand` (``finalized``) writes the brand colour's stylesheet.
- `settings`: DEFAULTS and `settings_problems` (every wrong identity setting, at once).
- `core`: `local` (a text in the page's language), `links` (menu and footer entries to
  URLs), `brand_css`, `Identity` (what templates call).
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.generator_init.connect(glue.install)
    signals.finalized.connect(glue.write_brand)
