"""The weekly digest's settings: their defaults, what is wrong with them, and its paths.

No Pelican here: the glue fills in `DEFAULTS` and stops on `settings_problems` in
``initialized``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck, lang_prefix

__all__ = ["DEFAULTS", "path_of", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    # How many weeks get a digest: this week and the ones before it.
    "DIGEST_WEEKS": 8,
    # A week's digest lists the events of this many days from its Monday.
    "DIGEST_EVENT_DAYS": 14,
    # The plain-text copy's lines are at most this many columns (a Chinese character
    # takes two): short enough for a phone's chat bubble. A link is never broken.
    "DIGEST_TEXT_WIDTH": 40,
    "DIGEST_INDEX_URL": "digest/",
    "DIGEST_INDEX_SAVE_AS": "digest/index.html",
    # {week} is the ISO week: 2024-W25.
    "DIGEST_URL": "digest/{week}/",
    "DIGEST_SAVE_AS": "digest/{week}/index.html",
    "DIGEST_TEXT_SAVE_AS": "digest/{week}.txt",
    # The inline-styled copy the Copy button reads, in JSON: never a page of the site
    # (the pages' Content-Security-Policy forbids inline styles; search indexes pages).
    "DIGEST_RICH_SAVE_AS": "digest/{week}.rich.json",
    # Put in front of every path above for a language other than the default.
    "DIGEST_LANG_PREFIX": "{lang}/",
}

_PATHS = {
    "DIGEST_INDEX_URL": {},
    "DIGEST_INDEX_SAVE_AS": {},
    "DIGEST_URL": {"week": "2024-W25"},
    "DIGEST_SAVE_AS": {"week": "2024-W25"},
    "DIGEST_TEXT_SAVE_AS": {"week": "2024-W25"},
    "DIGEST_RICH_SAVE_AS": {"week": "2024-W25"},
    "DIGEST_LANG_PREFIX": {"lang": "en"},
}
_WEEKLY = ("DIGEST_URL", "DIGEST_SAVE_AS", "DIGEST_TEXT_SAVE_AS", "DIGEST_RICH_SAVE_AS")


def path_of(settings: Mapping[str, Any], key: str, lang: str, week: str = "") -> str:
    """A DIGEST_* path or URL in `lang`, for `week` (2024-W25) where it has one."""
    default = settings["DEFAULT_LANG"]
    prefix = lang_prefix(lang, default, settings["DIGEST_LANG_PREFIX"])
    return prefix + str(settings[key]).format(week=week)


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong DIGEST_* setting, with its value and what is allowed (the settings
    have their defaults filled in)."""
    check = SettingsCheck(settings)
    check.count("DIGEST_WEEKS", 1, 520)
    check.count("DIGEST_EVENT_DAYS", 1, 366)
    check.count("DIGEST_TEXT_WIDTH", 20, 200)
    for key, fields in _PATHS.items():
        check.pattern(key, fields)
        value = str(settings[key])
        if value.startswith("/") or ".." in value:
            check.bad(key, "must be a path below the site root, like the default")
    for key in _WEEKLY:
        if "{week}" not in str(settings[key]):
            check.bad(key, "must contain {week}, or every week would share one file")
    return check.problems
