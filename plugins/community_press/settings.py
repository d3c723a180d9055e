"""One way to treat settings: fill in defaults once, list every wrong one, then stop.

Each plugin's core has a ``DEFAULTS`` dict and a ``settings_problems(settings)`` function
built on `SettingsCheck`; its glue calls `settle` (`fill_defaults`, then
`stop_on_wrong_settings`) in ``initialized``, before any content is read.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Collection, Mapping, MutableMapping
from pathlib import PurePosixPath
from typing import Any

from .problems import SettingsError, setting_message


def fill_defaults(settings: MutableMapping[str, Any], defaults: Mapping[str, Any]) -> None:
    """Every key of `defaults` that the site does not set, as a copy (lists stay apart)."""
    for key, value in defaults.items():
        if key not in settings:
            settings[key] = copy.deepcopy(value)


def stop_on_wrong_settings(plugin: str, problems: Collection[str]) -> None:
    """Raise `SettingsError` listing every problem, if there is one."""
    if problems:
        raise SettingsError(plugin, problems)


def settle(
    settings: MutableMapping[str, Any],
    plugin: str,
    defaults: Mapping[str, Any],
    problems_of: Callable[[Mapping[str, Any]], list[str]],
) -> None:
    """What every plugin does at start-up: fill in its defaults, then stop with every
    wrong setting listed (`problems_of` is its core's ``settings_problems``)."""
    fill_defaults(settings, defaults)
    stop_on_wrong_settings(plugin, problems_of(settings))


def is_count(value: object, least: int = 0) -> bool:
    """A whole number (not a bool) of at least `least`."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


class SettingsCheck:
    """Collects what is wrong with a plugin's settings, each named with its value."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.problems: list[str] = []

    def bad(self, key: str, expected: str) -> None:
        self.problems.append(setting_message(key, self.settings.get(key), expected))

    def count(self, key: str, least: int = 0, most: int | None = None) -> None:
        """A whole number from `least` (to `most`)."""
        value = self.settings.get(key)
        if not is_count(value, least) or (most is not None and value > most):  # type: ignore[operator]
            upto = f" to {most}" if most is not None else " or more"
            self.bad(key, f"must be a whole number from {least}{upto}")

    def choice(self, key: str, options: Collection[object]) -> None:
        if self.settings.get(key) not in options:
            self.bad(key, "must be one of " + ", ".join(repr(o) for o in options))

    def folder(self, key: str) -> None:
        """A relative folder name without `..`: it is joined to PATH or to the output."""
        value = self.settings.get(key)
        if not isinstance(value, str) or not value or ".." in PurePosixPath(value).parts:
            self.bad(key, "must be a folder name, like the default")
        elif PurePosixPath(value).is_absolute():
            self.bad(key, "must be relative (to PATH or to the output)")

    def optional_path(self, key: str) -> None:
        """None, a folder, or "" for none."""
        if not isinstance(self.settings.get(key), str | os.PathLike | type(None)):
            self.bad(key, "must be None, a folder or '' (none)")

    def pattern(self, key: str, fields: Mapping[str, object]) -> None:
        """A URL or path pattern that `str.format` fills with `fields` alone."""
        try:
            str(self.settings.get(key)).format(**fields)
        except (KeyError, IndexError, ValueError):
            names = ", ".join("{" + f + "}" for f in fields) or "no fields"
            self.bad(key, f"must be a pattern that may use {names}")
