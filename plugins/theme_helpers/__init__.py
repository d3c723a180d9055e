"""The theme's Jinja API: page language, dates, section and asset URLs, language switch.

Which file holds what:

- `api.py`: `ThemeHelpers`, every global and filter the templates call (listed there);
- `urls.py`: section URLs from the settings (`SECTIONS`), this page's URL, its languages;
- `dates.py`: dates for readers with Babel;
- `glue.py`: its two Pelican signals.

`_()` itself comes from plugins/translations, the home and list pages from
plugins/listings.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (the core stays importable without it)

    from . import glue  # noqa: PLC0415

    signals.generator_init.connect(glue.install_helpers)
    signals.content_object_init.connect(glue.site_clock)
