"""The video plugin's settings: their defaults and what is wrong with them. No Pelican."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck

__all__ = ["DEFAULTS", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    # The folder (below PATH) of video files, their poster images and captions: a
    # page's `Video:`, `Video-poster:` and `Video-captions:` name files in it.
    "VIDEO_PATH": "videos",
    # Where each of those files is published ({path}: its path below VIDEO_PATH).
    "VIDEO_URL": "videos/{path}",
    "VIDEO_SAVE_AS": "videos/{path}",
}


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong VIDEO_* setting, with its value and what is allowed."""
    check = SettingsCheck(settings)
    check.folder("VIDEO_PATH")
    for key in ("VIDEO_URL", "VIDEO_SAVE_AS"):
        check.pattern(key, {"path": "promo.mp4"})
        if "{path}" not in str(settings.get(key, "")):
            check.bad(key, "must hold {path}, or every video would be one file")
    return check.problems
