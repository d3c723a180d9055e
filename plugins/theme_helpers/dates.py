"""Dates for readers, in the page's language: Babel with the site's own patterns.

Pure core: values, a language and the I18N_UI_LOCALES / I18N_UI_DATE_PATTERNS mappings in,
text out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime

__all__ = ["format_date", "format_datetime"]


def _locale(lang: str, locales: Mapping[str, str]) -> Locale:
    return _parsed(locales.get(lang, lang))


@cache
def _parsed(name: str) -> Locale:
    """Babel parses a locale name given as text on every call: parse each one once."""
    return Locale.parse(name)


def _pattern(fmt: str, lang: str, patterns: Mapping[str, Mapping[str, str]] | None) -> str:
    """A named format ('full') replaced by the site's own pattern for `lang`, if any."""
    return (patterns or {}).get(lang, {}).get(fmt, fmt)


def format_date(
    value: dt.date | dt.datetime,
    lang: str,
    locales: Mapping[str, str],
    fmt: str = "long",
    patterns: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """A date for readers: `2024年6月19日` (zh), `19 June 2024` (en)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_format_date(
        value, format=_pattern(fmt, lang, patterns), locale=_locale(lang, locales)
    )


def format_datetime(
    value: dt.datetime,
    lang: str,
    locales: Mapping[str, str],
    fmt: str = "medium",
    patterns: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """A date and time for readers, in the value's own time zone."""
    return babel_format_datetime(
        value,
        format=_pattern(fmt, lang, patterns),
        tzinfo=value.tzinfo,
        locale=_locale(lang, locales),
    )
