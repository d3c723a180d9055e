"""Pelican glue of the theme_helpers plugin: the only module of it that imports Pelican.

- `install_helpers` (`generator_init`): every generator's templates get the Jinja API of
  `api.ThemeHelpers`. The plugin has no settings of its own: it reads those of the
  translations and listings plugins, of Pelican and of the plugins whose sections it links.
"""

from __future__ import annotations

from typing import Any

from .api import ThemeHelpers


def install_helpers(generator: Any) -> None:
    """`generator_init`: `page_lang()`, `section_url()`, `|format_date` & co."""
    ThemeHelpers(generator.settings).install(generator.env)
