"""Pelican glue of the jinja_cache plugin; its setting is in settings.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from community_press import settle
from jinja2 import FileSystemBytecodeCache

from .settings import DEFAULTS, settings_problems


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in JINJA_BYTECODE_CACHE_PATH; stop when it is wrong."""
    settle(pelican.settings, "jinja_cache", DEFAULTS, settings_problems)


def attach(generator: Any) -> None:
    """`generator_init`: give the generator's Jinja environment the bytecode cache."""
    path = generator.settings.get("JINJA_BYTECODE_CACHE_PATH")
    env = getattr(generator, "env", None)
    if not path or env is None:
        return
    Path(path).mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(path))
