"""Where each language's listing pages go and how much the home page lists.

`DEFAULTS` are filled in by `glue.apply_defaults` (the names keep the I18N_UI_ prefix of
the plugin they came from, so existing sites keep working); `settings_problems` lists
every wrong one. Each page is written for every language, with the language prefix
('en/') put in front for the languages other than DEFAULT_LANG.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from community_press import SettingsCheck

__all__ = ["DEFAULTS", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    "I18N_UI_HOME_SAVE_AS": "index.html",
    "I18N_UI_NEWS_URL": "news/",
    "I18N_UI_NEWS_SAVE_AS": "news/index.html",
    "I18N_UI_SEARCH_URL": "search/",
    "I18N_UI_SEARCH_SAVE_AS": "search/index.html",
    "I18N_UI_404_SAVE_AS": "404.html",
    # How many news articles (after the lead story) and events the home page lists.
    "I18N_UI_HOME_NEWS": 4,
    "I18N_UI_HOME_EVENTS": 4,
}

_PATHS = (
    "I18N_UI_HOME_SAVE_AS",
    "I18N_UI_NEWS_URL",
    "I18N_UI_NEWS_SAVE_AS",
    "I18N_UI_SEARCH_URL",
    "I18N_UI_SEARCH_SAVE_AS",
    "I18N_UI_404_SAVE_AS",
)


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong listing setting (defaults filled in), with its value and the fix."""
    check = SettingsCheck(settings)
    for key in _PATHS:
        value = settings[key]
        if not isinstance(value, str) or not value or value.startswith("/") or ".." in value:
            check.bad(key, "must be a path below the site root, like the default")
    check.count("I18N_UI_HOME_NEWS")
    check.count("I18N_UI_HOME_EVENTS")
    return check.problems
