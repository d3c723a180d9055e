"""The PARALLEL_WRITE_* settings and the one contract on PLUGINS: this plugin comes last.

Its generator renders the page writes the generators before it recorded; Pelican runs the
plugins' generators in PLUGINS order, so a plugin listed after this one would write its
pages after the rendering (at once, on one core) and lean on `flush_leftovers`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from community_press import SettingsCheck

__all__ = ["DEFAULTS", "NAME", "plugin_name", "right_order", "settings_problems"]

NAME = "parallel_write"

DEFAULTS: dict[str, Any] = {
    # Processes that render pages; 0 means one per core this build may use.
    "PARALLEL_WRITE_WORKERS": 0,
    # Below this many page writes, forking costs more than it saves.
    "PARALLEL_WRITE_MIN_PAGES": 64,
}


def plugin_name(plugin: object) -> str:
    """A PLUGINS entry's name: 'events', or a module's own ('pelican.plugins.sitemap')."""
    return plugin if isinstance(plugin, str) else str(getattr(plugin, "__name__", plugin))


def right_order(plugins: Sequence[object]) -> list[str]:
    """`plugins` by name, in their order, with this plugin moved to the end."""
    names = [plugin_name(p) for p in plugins]
    return [n for n in names if n.rsplit(".", 1)[-1] != NAME] + [NAME]


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong PARALLEL_WRITE_* setting, and PLUGINS when this plugin is not last."""
    check = SettingsCheck(settings)
    for key in DEFAULTS:
        check.count(key)
    plugins = list(settings.get("PLUGINS") or [])
    names = [plugin_name(p).rsplit(".", 1)[-1] for p in plugins]
    # Not listed at all: a receiver left from an earlier build in the same process (blinker
    # keeps them), for a site that does not use this plugin: nothing to say about its order.
    if NAME in names and names[-1] != NAME:
        check.bad(
            "PLUGINS",
            f"must end with {NAME!r}, whose generator renders the pages the others"
            f" recorded; write PLUGINS = {right_order(plugins)!r}",
        )
    return check.problems
