"""Keep compiled Jinja templates between builds, in JINJA_BYTECODE_CACHE_PATH.

Every Pelican generator has a Jinja environment of its own and compiles each template it
uses, on every build: about 40 compiles for our theme, half of a small site's warm build
(profiled by `make bench`). Jinja's bytecode cache is keyed on the template's name and
source, so an edited template is compiled again. No setting (None), no cache.

`settings.py` holds the setting and its check, `glue.py` the two signal receivers.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (kept out of imports of the package)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.generator_init.connect(glue.attach)
