"""Dates for readers, in the page's language: Babel with the site's own patterns.

Pure core: values, a language and the I18N_UI_LOCALES / I18N_UI_DATE_PATTERNS mappings in,
text out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache, lru_cache

from babel import Locale
from babel.core import get_global
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime

__all__ = ["format_date", "format_datetime", "og_locale", "on_site_clock"]


def _locale(lang: str, locales: Mapping[str, str]) -> Locale:
    return _parsed(locales.get(lang, lang))


@cache
def _parsed(name: str) -> Locale:
    """Babel parses a locale name given as text on every call: parse each one once."""
    return Locale.parse(name)


def og_locale(lang: str, locales: Mapping[str, str]) -> str:
    """Open Graph's `language_TERRITORY` for `lang` (`zh_CN`, `en_GB`, `fr_FR`): the
    territory of the site's locale, else the language's most likely one."""
    locale = _locale(lang, locales)
    territory = locale.territory
    if not territory:
        likely = Locale.parse(get_global("likely_subtags").get(locale.language, lang))
        territory = likely.territory
    return f"{locale.language}_{territory}" if territory else locale.language


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
    return _formatted_date(value, _pattern(fmt, lang, patterns), _locale(lang, locales))


# A site shows each date many times over (its page, listings, feeds, share cards, the
# calendar), and Babel works each one out afresh: about 30 us a call.
@lru_cache(maxsize=8192)
def _formatted_date(value: dt.date, pattern: str, locale: Locale) -> str:
    return babel_format_date(value, format=pattern, locale=locale)


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


def on_site_clock(value: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """A content's date as the site shows it: in the site's time zone `zone` when it was
    written with another offset ('2019-03-05T23:00:00-05:00' on a Kathmandu site is
    6 March there), and to the second (HTML's datetime takes at most 3 decimals; a
    fraction of a second is no reader's business)."""
    if (
        zone is not None
        and value.tzinfo is not None
        and value.utcoffset() != value.astimezone(zone).utcoffset()
    ):
        value = value.astimezone(zone)
    return value.replace(microsecond=0)
