"""Where things are: section URLs from the settings, this page's URL, its other languages.

Pure core: settings mappings and template values in, URLs below the site root out
('news/', 'en/events/'; the templates put SITEURL in front).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from community_press import did_you_mean, lang_prefix, lang_setting, url_of_file
from translations.language import Lookup, html_lang

__all__ = [
    "SECTIONS",
    "Alternate",
    "Section",
    "alternates",
    "file_version",
    "section_url",
    "slug_url",
    "translation_urls",
]


class Section(NamedTuple):
    """Where a section's index page is, by the settings of the plugin that writes it."""

    url: str  # the setting of its URL in the default language
    fallback: str  # that plugin's default, for a site that does not use the plugin
    lang_url: str = ""  # the setting of its URL in other languages ('{lang}/...'), if any
    prefix: str = ""  # the setting of its own language prefix ('{lang}/'), if any


# The sections templates link to by name: `section_url("events")`. A change to one of these
# settings changes every link to the section.
SECTIONS: dict[str, Section] = {
    "news": Section("I18N_UI_NEWS_URL", "news/"),  # plugins/listings
    "search": Section("I18N_UI_SEARCH_URL", "search/"),  # plugins/listings
    "digest": Section("DIGEST_INDEX_URL", "digest/"),  # plugins/digest
    "events": Section("EVENTS_INDEX_URL", "events/", prefix="EVENTS_LANG_PREFIX"),
    "projects": Section("GALLERY_PROJECTS_URL", "projects/", lang_url="GALLERY_PROJECTS_LANG_URL"),
    "archives": Section("ARCHIVES_URL", "archives.html"),  # Pelican's own, always set
    "categories": Section("CATEGORIES_URL", "categories.html"),
    "tags": Section("TAGS_URL", "tags.html"),
}


def section_url(name: str, lang: str, default: str, settings: Mapping[str, Any]) -> str:
    """The URL of section `name`'s index in `lang`, from the settings."""
    section = SECTIONS.get(name)
    if section is None:
        raise ValueError(f"no section {name!r}{did_you_mean(name, SECTIONS)}")
    own = settings.get(section.lang_url) if section.lang_url else None
    if lang != default and own:
        return str(own).format(lang=lang)
    pattern = settings.get(section.prefix) if section.prefix else None
    path = settings.get(section.url, section.fallback)
    return lang_prefix(lang, default, str(pattern or "{lang}/")) + str(path)


def slug_url(slug: str, lang: str, default: str, settings: Mapping[str, Any]) -> str:
    """The URL of the page with this `Slug` in `lang` (PAGE_URL / PAGE_LANG_URL)."""
    return str(settings[lang_setting("PAGE_URL", lang, default)]).format(slug=slug, lang=lang)


class Alternate(NamedTuple):
    """The same page in another language, for the language switch and `hreflang`."""

    lang: str  # Pelican's code: 'en'
    tag: str  # BCP 47 for hreflang / lang attributes: 'en', 'zh-Hans'
    name: str  # the language's own name: 'English', '中文'
    url: str  # below the site root: 'en/news/x/'
    is_translation: bool  # False when it only leads near: that language's home or index


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


def _given_translations(values: Lookup) -> dict[str, str] | None:
    """The translations a generator or the page's content names, if any."""
    given = values.get("lang_urls")
    if isinstance(given, dict):
        return {str(k): str(v) for k, v in given.items()}
    for name in ("article", "page"):
        content = values.get(name)
        if content is not None and hasattr(content, "translations"):
            urls = {t.lang: t.url for t in content.translations}
            urls[content.lang] = content.url
            return urls
    return None


def translation_urls(
    values: Lookup, current: str, default: str, languages: Sequence[str], tags_url: str
) -> tuple[dict[str, str], dict[str, str]]:
    """This page in other languages: (language -> URL of the same page, language -> URL
    of the nearest page where there is no same one).

    The same page: from the `lang_urls` mapping a generator puts in a page's context;
    else the translations of the `article` or `page`; else, for section pages (`events/`,
    `category/news/`), the same path under the other language's prefix, checked against
    the pages plugins/listings writes (`listing_pages`) for the sections it owns. Nearest
    only: a tag's page (tags are words of one language) leads to the other language's
    index of tags (`tags_url`), page 2 of a list to the list's first page: neither is the
    same content, so neither is an `hreflang` alternate.
    """
    given = _given_translations(values)
    if given is not None:
        return given, {}
    here = url_of_file(str(values.get("output_file") or ""))
    prefix = lang_prefix(current, default)
    if not here.startswith(prefix) or here.endswith(".html"):
        return {}, {}
    section = here[len(prefix) :]
    base = tags_url if values.get("tag") is not None else re.sub(r"page/\d+/$", "", section)
    written = values.get("listing_pages")
    same: dict[str, str] = {}
    near: dict[str, str] = {}
    for lang in languages:
        url = lang_prefix(lang, default) + base
        if written is not None and written.missing(lang, base, url):
            continue
        if base == section or lang == current:
            same[lang] = url
        else:
            near[lang] = url
    return same, near


def file_version(path: Path) -> str:
    """A short content hash of a file, for cache-busting URLs ('' if it is missing)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:10]
    except OSError:
        return ""
