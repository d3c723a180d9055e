"""The share cards' settings: their defaults and what is wrong with them.

No Pelican here: the glue fills in `DEFAULTS` and stops on `settings_problems` in
``initialized``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck

from .fonts import parse_font

__all__ = ["DEFAULTS", "accent_of", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    # Where each card goes below the output ({kind}: article, event or project).
    "SHARECARDS_SAVE_AS": "share/{lang}/{kind}/{slug}.jpg",
    # Drawn cards are kept here between builds; None: <CACHE_PATH>/sharecards.
    "SHARECARDS_CACHE_PATH": None,
    # Font files (a path, `path:N` for the Nth face of a .ttc); None: Noto Sans CJK
    # (Debian's fonts-noto-cjk), found by itself. The bold one is for titles.
    "SHARECARDS_FONT": None,
    "SHARECARDS_BOLD_FONT": None,
    # The colour of the bar, the rule and the site's name: the theme's --brand.
    "SHARECARDS_ACCENT": "#0b5f54",
    "SHARECARDS_QUALITY": 85,
    # Processes drawing cards; 0: one per available core.
    "SHARECARDS_WORKERS": 0,
}

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_FIELDS = {"lang": "en", "kind": "article", "slug": "x"}


def accent_of(settings: Mapping[str, Any]) -> tuple[int, int, int]:
    """SHARECARDS_ACCENT as an RGB triple."""
    value = str(settings["SHARECARDS_ACCENT"])
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def _check_font(check: SettingsCheck, key: str) -> None:
    value = check.settings.get(key)
    if value is None:
        return
    if not isinstance(value, str) or not os.path.isfile(parse_font(value).path):
        check.bad(key, "must be None or the path of a font file (path:N for a .ttc face)")


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong SHARECARDS_* setting, with its value and what is allowed (the settings
    have their defaults filled in)."""
    check = SettingsCheck(settings)
    check.pattern("SHARECARDS_SAVE_AS", _FIELDS)
    save_as = str(settings["SHARECARDS_SAVE_AS"])
    if save_as.startswith("/") or ".." in save_as or not save_as.endswith((".jpg", ".jpeg")):
        check.bad("SHARECARDS_SAVE_AS", "must be a path below the output ending in .jpg")
    check.optional_path("SHARECARDS_CACHE_PATH")
    _check_font(check, "SHARECARDS_FONT")
    _check_font(check, "SHARECARDS_BOLD_FONT")
    if not _COLOUR.fullmatch(str(settings["SHARECARDS_ACCENT"])):
        check.bad("SHARECARDS_ACCENT", "must be a colour like '#0b5f54'")
    check.count("SHARECARDS_QUALITY", 40, 95)
    check.count("SHARECARDS_WORKERS")
    return check.problems
