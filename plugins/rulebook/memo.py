"""Placeholder: the build's memo of per-file problems (filled in below)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from community_press import Problem

from .site import check_site


def checked_site(content: Path, settings: Mapping[str, Any]) -> list[Problem]:
    return check_site(content, settings)
