"""The content checker: reads content/ without building and reports ``path:line:`` problems."""

from __future__ import annotations

from .problems import ERROR, WARNING, Problem
from .site import check_site, load_settings

__all__ = ["ERROR", "WARNING", "Problem", "check_site", "load_settings"]
