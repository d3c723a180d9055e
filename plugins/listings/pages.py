"""Which listing pages each language gets, so the language switch links only to those.

Pure core: settings and listings in, URLs out. A tag of one language's articles may have
no counterpart in the other: its page exists in one language only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from community_press import lang_prefix

from .content import LanguageListing

__all__ = ["ListingPages", "listing_pages"]


@dataclass(frozen=True)
class ListingPages:
    """The sections rendered per language here, and the URLs written in each language."""

    sections: tuple[str, ...]  # below the language prefix: 'news/', 'category/'...
    urls: Mapping[str, frozenset[str]] = field(default_factory=dict)  # with the prefix

    def missing(self, lang: str, path: str, url: str) -> bool:
        """Whether `path` (below the prefix) is one of these sections but `url` was not
        written in `lang`."""
        return path.startswith(self.sections) and url not in self.urls.get(lang, frozenset())


def _fixed_part(pattern: str) -> str:
    """'category/{slug}/' -> 'category/': what every URL of a pattern starts with."""
    return pattern.split("{", 1)[0]


def listing_pages(
    listings: Mapping[str, LanguageListing], default: str, settings: Mapping[str, Any]
) -> ListingPages:
    """The pages `glue.LanguagePagesGenerator` writes for `listings` (language -> listing)."""
    s = settings
    sections = [s["I18N_UI_NEWS_URL"], s["I18N_UI_SEARCH_URL"], s["ARCHIVES_URL"]]
    sections += [s["CATEGORIES_URL"], s["TAGS_URL"]]
    sections += [_fixed_part(s["CATEGORY_URL"]), _fixed_part(s["TAG_URL"])]
    urls: dict[str, frozenset[str]] = {}
    for lang, listing in listings.items():
        written = ["", s["I18N_UI_NEWS_URL"], s["I18N_UI_SEARCH_URL"]]
        if listing.articles:
            written += [s["ARCHIVES_URL"], s["CATEGORIES_URL"], s["TAGS_URL"]]
        written += [c.url for c, _ in listing.categories]
        written += [t.url for t, _ in listing.tags]
        prefix = lang_prefix(lang, default)
        urls[lang] = frozenset(prefix + url for url in written)
    return ListingPages(tuple(dict.fromkeys(p for p in sections if p)), urls)
