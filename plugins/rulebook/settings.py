"""The rule book's settings, and the settings every rule sees.

`DEFAULTS` are the rule book's own (TRUSTED_FRAME_HOSTS, CHECK_EXTRA_FIELDS);
`site_settings` fills in every plugin's DEFAULTS as well, so that `make check`, which
runs no plugin, sees the very values the build does.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from community_press import SettingsCheck, fill_defaults

__all__ = [
    "DEFAULTS",
    "PLUGIN_SETTINGS",
    "plugin_settings_problems",
    "settings_problems",
    "site_settings",
]

DEFAULTS: dict[str, Any] = {
    # Hosts whose frames (<iframe>, <embed>, <object>) a page may show, such as a video
    # player: the publishing CSP must allow them in frame-src. Any other is an error.
    "TRUSTED_FRAME_HOSTS": [],
    # Front-matter fields another plugin reads (our own plugins' are known).
    "CHECK_EXTRA_FIELDS": [],
}

# The plugins' settings modules, each with its DEFAULTS (a plugin not yet moved to one is
# skipped: its rules fall back to their own defaults).
PLUGIN_SETTINGS = (
    "events.settings",
    "gallery.settings",
    "projects.core",
    "translations.settings",
    "listings.settings",
    "theme_helpers.settings",
    "publish.settings",
    "parallel_write.settings",
    "video.settings",
    "posters.settings",
    "sharecards.settings",
    "digest.settings",
    "cms.settings",
)


def site_settings(settings: Mapping[str, Any]) -> dict[str, Any]:
    """`settings` with every default filled in: the rule book's and each plugin's."""
    full: dict[str, Any] = {}
    for name in PLUGIN_SETTINGS:
        module = _module(name)
        if module is not None:
            full.update(getattr(module, "DEFAULTS", {}))
    full.update(DEFAULTS)
    full.update(settings)
    return full


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong TRUSTED_FRAME_HOSTS/CHECK_EXTRA_FIELDS, with its value and the fix."""
    check = SettingsCheck({**DEFAULTS, **settings})
    for key in ("TRUSTED_FRAME_HOSTS", "CHECK_EXTRA_FIELDS"):
        value = check.settings[key]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            check.bad(key, "must be a list of names, like ['player.bilibili.com']")
    hosts = check.settings["TRUSTED_FRAME_HOSTS"]
    if isinstance(hosts, list | tuple) and any("/" in str(h) for h in hosts):
        check.bad("TRUSTED_FRAME_HOSTS", "must hold host names only, without https:// or a path")
    return check.problems


def plugin_settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """What each plugin of PLUGINS would stop the build on at start-up (`initialized`):
    its `settings_problems`, on the settings with its defaults filled in as its glue fills
    them (a settings module's `prepare`, where it has one), each named with the plugin.
    `make check` says them first; the build stops on the same words."""
    full = site_settings(settings)
    found: list[str] = []
    for plugin in settings.get("PLUGINS") or []:
        for name in (f"{plugin}.settings", f"{plugin}.core"):
            module = _module(name)
            problems_of = getattr(module, "settings_problems", None)
            if problems_of is None:
                continue
            prepare = getattr(module, "prepare", None)
            if prepare is not None:
                prepare(full)
            fill_defaults(full, getattr(module, "DEFAULTS", {}))
            found += [f"{plugin}: {problem}" for problem in problems_of(full)]
            break
    return found


def _module(name: str) -> ModuleType | None:
    """The module `name`, or None when it (or its package: a plugin not installed) is not
    there; an import that fails inside it still raises."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name is None or not (name + ".").startswith(missing.name + "."):
            raise
        return None
