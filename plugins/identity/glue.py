"""Pelican glue of the identity plugin: the only module of it that imports Pelican.

- `apply_defaults` (`initialized`): identity settings filled in (settings.py) and checked.
- `install` (`generator_init`): templates get `community()`, `site_links()` & co (core.py).
- `write_brand` (`finalized`): BRAND_COLOR's stylesheet, when one is set.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from community_press import atomic_write
from community_press.settings import settle

from .core import BRAND_CSS, Identity, brand_css
from .settings import DEFAULTS, settings_problems


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every identity setting, then stop on any wrong one."""
    settle(pelican.settings, "identity", DEFAULTS, settings_problems)


def install(generator: Any) -> None:
    """`generator_init`: the identity's Jinja globals in the generator's templates."""
    Identity(generator.settings).install(generator.env)


def write_brand(pelican: Any) -> None:
    """`finalized`: `<THEME_STATIC_DIR>/css/brand.css` from BRAND_COLOR."""
    settings = pelican.settings
    if settings.get("BRAND_COLOR"):
        static = Path(settings["OUTPUT_PATH"]) / settings.get("THEME_STATIC_DIR", "theme")
        atomic_write(static / BRAND_CSS, brand_css(settings["BRAND_COLOR"]).encode())
