"""Which language a page is in, and how to name and format things in it.

Pure core: plain mappings and values in, strings out. No Pelican here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime

__all__ = [
    "Alternate",
    "absolute",
    "alternates",
    "file_version",
    "format_date",
    "format_datetime",
    "html_lang",
    "lang_prefix",
    "page_lang_of",
    "url_of",
]


class Alternate(NamedTuple):
    """The same page in another language, for the language switch and `hreflang`."""

    lang: str  # Pelican's code: 'en'
    tag: str  # BCP 47 for hreflang / lang attributes: 'en', 'zh-Hans'
    name: str  # the language's own name: 'English', '中文'
    url: str  # below the site root: 'en/news/x/'
    is_translation: bool  # False when it only leads near: that language's home or index


def page_lang_of(values: Mapping[str, Any], default: str) -> str:
    """The language of the page being rendered, from its template context.

    An explicit `lang` variable (given by generators that render one page per language)
    wins; then the language of the `article` or `page` the template shows; else `default`.
    """
    explicit = values.get("lang")
    if isinstance(explicit, str) and explicit:
        return explicit
    for name in ("article", "page"):
        content = values.get(name)
        lang = getattr(content, "lang", None)
        if isinstance(lang, str) and lang:
            return lang
    return default


def html_lang(lang: str, tags: Mapping[str, str]) -> str:
    """The BCP 47 tag for `<html lang>` and `hreflang` (`zh` -> `zh-Hans`)."""
    return tags.get(lang, lang)


def lang_prefix(lang: str, default: str) -> str:
    """The URL prefix of a language's pages: '' for the default language, else 'en/'."""
    return "" if lang == default else f"{lang}/"


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


def url_of(output_file: str) -> str:
    """The URL below the site root of a written file: 'news/x/index.html' -> 'news/x/'."""
    if output_file == "index.html":
        return ""
    if output_file.endswith("/index.html"):
        return output_file[: -len("index.html")]
    return output_file


def absolute(site_url: str, path: str) -> str:
    """`site_url` + `path` when the site URL is absolute (http/https), else ''."""
    if not site_url.startswith(("http://", "https://")):
        return ""
    return f"{site_url.rstrip('/')}/{path.lstrip('/')}"


def alternates(
    *,
    current: str,
    languages: Iterable[str],
    default: str,
    translations: Mapping[str, str],
    names: Mapping[str, str],
    tags: Mapping[str, str],
    fallbacks: Mapping[str, str] | None = None,
) -> list[Alternate]:
    """Every language but `current`, each with its translation or, failing that, the
    nearest page in it (`fallbacks`: a tag page's index of tags) or else its home.

    Only a translation is the same content (`is_translation`, what `hreflang` may claim).
    """
    result = []
    for lang in languages:
        if lang == current:
            continue
        url = translations.get(lang)
        near = (fallbacks or {}).get(lang, lang_prefix(lang, default))
        result.append(
            Alternate(
                lang=lang,
                tag=html_lang(lang, tags),
                name=names.get(lang, lang),
                url=url if url is not None else near,
                is_translation=url is not None,
            )
        )
    return result


def file_version(path: Path) -> str:
    """A short content hash of a file, for cache-busting URLs ('' if it is missing)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    except OSError:
        return ""
