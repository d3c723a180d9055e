"""The site's languages and where their catalogues are: the I18N_UI_* settings.

`DEFAULTS` are filled in by `glue.apply_defaults`; two of them (None) are worked out from
the site: `translations_folder` and `site_languages`. `settings_problems` lists every wrong
one. The listing pages (plugins/listings) and the theme's helpers (plugins/theme_helpers)
read these settings too; they belong here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from community_press import SettingsCheck, fill_defaults

__all__ = [
    "DEFAULTS",
    "catalogue_languages",
    "content_languages",
    "settings_problems",
    "site_languages",
    "translations_folder",
    "ui_languages",
]

DEFAULTS: dict[str, Any] = {
    # None: <THEME>/translations
    "I18N_UI_TRANSLATIONS_PATH": None,
    "I18N_UI_DOMAIN": "messages",
    # None: DEFAULT_LANG, then every language that has a catalogue
    "I18N_UI_LANGUAGES": None,
    "I18N_UI_HTML_LANG": {"zh": "zh-Hans", "en": "en"},
    "I18N_UI_LOCALES": {"zh": "zh_Hans_CN", "en": "en_GB"},
    # Babel patterns that replace a named format ("full", "long"...) for one language.
    "I18N_UI_DATE_PATTERNS": {
        "en": {"full": "EEEE d MMMM y", "full_time": "EEEE d MMMM y, h:mm a"},
        "zh": {"full": "y年M月d日 EEEE", "full_time": "y年M月d日 EEEE HH:mm"},
    },
    "I18N_UI_LANGUAGE_NAMES": {"zh": "中文", "en": "English"},
    # The site name in languages other than the default (SITENAME is the default's).
    "I18N_UI_SITENAME": {},
}

_MAPPINGS = ("I18N_UI_HTML_LANG", "I18N_UI_LOCALES", "I18N_UI_LANGUAGE_NAMES", "I18N_UI_SITENAME")


def translations_folder(settings: Mapping[str, Any]) -> str:
    """I18N_UI_TRANSLATIONS_PATH, else the theme's own `translations` folder."""
    given = settings.get("I18N_UI_TRANSLATIONS_PATH")
    return str(given) if given else str(Path(settings["THEME"]) / "translations")


def catalogue_languages(folder: Path, domain: str) -> list[str]:
    """The languages that have a catalogue: `<folder>/<lang>/LC_MESSAGES/<domain>.po`."""
    return sorted(p.parent.parent.name for p in folder.glob(f"*/LC_MESSAGES/{domain}.po"))


def site_languages(given: Iterable[str] | None, default: str, found: Iterable[str]) -> list[str]:
    """I18N_UI_LANGUAGES as given, else `default` first and then every catalogue's."""
    if given:
        return list(given)
    return [default, *(lang for lang in found if lang != default)]


def content_languages(settings: Mapping[str, Any]) -> list[str]:
    """The languages an article or page may be written in, for `make check`, the build and
    the CMS alike: CHECK_LANGUAGES (the rule book's), else `ui_languages`."""
    if settings.get("CHECK_LANGUAGES"):
        return list(settings["CHECK_LANGUAGES"])
    return ui_languages(settings)


def ui_languages(settings: Mapping[str, Any]) -> list[str]:
    """I18N_UI_LANGUAGES as given, else DEFAULT_LANG and then every language the
    catalogues have: what the build fills the setting in with."""
    if settings.get("I18N_UI_LANGUAGES"):
        return list(settings["I18N_UI_LANGUAGES"])
    default = str(settings.get("DEFAULT_LANG") or "en")
    folder = Path(translations_folder({"THEME": "", **settings}))
    try:
        stamp = folder.stat().st_mtime_ns  # a new language's folder changes it
    except OSError:
        stamp = 0
    domain = str(settings.get("I18N_UI_DOMAIN") or "messages")
    return list(_with_catalogues(default, folder, domain, stamp))


@functools.lru_cache(maxsize=8)
def _with_catalogues(default: str, folder: Path, domain: str, stamp: int) -> tuple[str, ...]:
    return tuple(site_languages(None, default, catalogue_languages(folder, domain)))


def prepare(settings: MutableMapping[str, Any]) -> None:
    """Every I18N_UI_* setting filled in: the defaults, the catalogues' folder and the
    site's languages (`ui_languages`). The build's start-up and `make check` both."""
    fill_defaults(settings, DEFAULTS)
    settings["I18N_UI_TRANSLATIONS_PATH"] = translations_folder(settings)
    settings["I18N_UI_LANGUAGES"] = ui_languages(settings)


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong I18N_UI_* setting (defaults filled in), with its value and the fix."""
    check = SettingsCheck(settings)
    languages = settings["I18N_UI_LANGUAGES"]
    if not isinstance(languages, list | tuple) or not all(
        isinstance(lang, str) and lang for lang in languages
    ):
        check.bad("I18N_UI_LANGUAGES", "must be a list of language codes, like ['zh', 'en']")
    elif settings.get("DEFAULT_LANG") not in languages:
        default = settings.get("DEFAULT_LANG")
        lowered = [lang.lower() for lang in languages]
        hint = f" (Pelican reads it in lower case: write {lowered!r})" if default in lowered else ""
        check.bad("I18N_UI_LANGUAGES", f"must include DEFAULT_LANG {default!r}{hint}")
    if not isinstance(settings["I18N_UI_DOMAIN"], str) or not settings["I18N_UI_DOMAIN"]:
        check.bad("I18N_UI_DOMAIN", "must be a catalogue name, like 'messages'")
    check.optional_path("I18N_UI_TRANSLATIONS_PATH")
    for key in _MAPPINGS:
        if not isinstance(settings[key], Mapping):
            check.bad(key, "must be a dict from language code to text, like {'en': '...'}")
    patterns = settings["I18N_UI_DATE_PATTERNS"]
    if not isinstance(patterns, Mapping) or not all(
        isinstance(p, Mapping) for p in patterns.values()
    ):
        check.bad("I18N_UI_DATE_PATTERNS", "must be a dict like {'en': {'full': 'EEEE d MMMM y'}}")
    return check.problems
