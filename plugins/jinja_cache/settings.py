"""The one setting: JINJA_BYTECODE_CACHE_PATH, a folder (None or "": no cache)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck

__all__ = ["DEFAULTS", "settings_problems"]

DEFAULTS: dict[str, Any] = {"JINJA_BYTECODE_CACHE_PATH": None}


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """What is wrong with JINJA_BYTECODE_CACHE_PATH, if anything."""
    check = SettingsCheck(settings)
    check.optional_path("JINJA_BYTECODE_CACHE_PATH")
    return check.problems
