"""Weekly digest: one page per ISO week, with its plain-text and rich-text copies.

Which file holds what:

- `glue`: the only module importing Pelican: settings and `DigestGenerator`.
- `settings`: DEFAULTS, `settings_problems`, `path_of`.
- `weeks`: ISO weeks in the site's time zone.
- `core`: a week's digest from plain items (`build_digest`), the one rule the build and
  `make digest` (tools/print_digest.py) share.
- `text`: the plain-text copy (group chats, SMS); `rich`: the inline-styled copy
  (WeChat official-account editor, email).
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.get_generators.connect(glue.get_generators)
