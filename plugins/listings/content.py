"""Which content each language's listing pages show.

Pure core: content objects are only read through plain attributes (`lang`, `date`,
`category`, `tags`, `translations`, `relative_source_path`), so tests can pass stand-ins.
Which articles are events is the events plugin's rule (`events_of.is_event`), passed in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from projects.core import project_order

__all__ = [
    "LanguageListing",
    "Word",
    "all_versions",
    "article_words",
    "build_listing",
    "distinct_by_url",
    "in_language",
    "shared_urls",
]


def distinct_by_url(items: Iterable[Any], limit: int) -> list[Any]:
    """The first `limit` items with different `url`s: a weekly series shows up once."""
    seen: set[str] = set()
    result = []
    for item in items:
        url = str(getattr(item, "url", ""))
        if url in seen:
            continue
        seen.add(url)
        result.append(item)
        if len(result) == limit:
            break
    return result


def all_versions(listed: Iterable[Any]) -> list[Any]:
    """Every published version: Pelican's listed items plus their translations, once each."""
    seen: set[int] = set()
    result = []
    for item in listed:
        for version in (item, *getattr(item, "translations", ())):
            if id(version) not in seen:
                seen.add(id(version))
                result.append(version)
    return result


def in_language(
    lang: str, groups: Iterable[tuple[Any, Sequence[Any]]]
) -> list[tuple[Any, list[Any]]]:
    """Groups (a category or tag and its articles) with only the articles written in `lang`,
    in their order; a group left empty goes.

    Pelican's own listings (the default language's) count an article that has no version
    in the default language as an original: this keeps them to that language, as
    `build_listing` does for the others.
    """
    kept = ((key, [item for item in items if item.lang == lang]) for key, items in groups)
    return [(key, items) for key, items in kept if items]


def _same_word(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


@dataclass(frozen=True)
class Word:
    """A category or a tag as a file gives it, and the URL Pelican makes of it."""

    source: str
    field: str  # "category" or "tags"
    name: str
    url: str
    slug: str


def article_words(versions: Iterable[Any]) -> list[Word]:
    """The categories and tags of Pelican's articles (every version)."""
    words = []
    for item in versions:
        source = str(getattr(item, "relative_source_path", "") or "?")
        category = getattr(item, "category", None)
        pairs = [("category", category)] if category else []
        pairs += [("tags", tag) for tag in getattr(item, "tags", ()) or ()]
        words += [Word(source, name, str(w.name), str(w.url), str(w.slug)) for name, w in pairs]
    return words


def shared_urls(words: Iterable[Word]) -> list[tuple[Word, str]]:
    """Tags and categories that would get no page of their own, each with why: a name with
    no letter or digit (it makes an empty address), or different names with one URL.

    Pelican makes a tag's URL from its name without tones (实践 and 时间 are both
    `shi-jian`) and counts tags with one URL as one: a single page would list both,
    under one of the two names. Names that differ only in case or width are one word.
    """
    problems: list[tuple[Word, str]] = []
    seen: dict[tuple[str, str], dict[str, Word]] = {}  # url -> word -> first
    for word in words:
        if not word.slug:
            problems.append((word, "has no letter or digit to make its address from"))
            continue
        seen.setdefault((word.field, word.url), {}).setdefault(_same_word(word.name), word)
    for (_, url), names in seen.items():
        first, *others = names.values()
        problems += [
            (
                other,
                f"gets the URL {url} of {first.name!r} ({first.source}), so one page would "
                "list both under one name: use another word for one of them (URLs are made "
                "from pinyin without tones)",
            )
            for other in others
        ]
    return problems


@dataclass
class LanguageListing:
    """One language's articles, newest first, and the groups its listing pages show."""

    lang: str
    articles: list[Any] = field(default_factory=list)  # news and events
    news: list[Any] = field(default_factory=list)  # not events: the home page's stories
    categories: list[tuple[Any, list[Any]]] = field(default_factory=list)
    tags: list[tuple[Any, list[Any]]] = field(default_factory=list)
    projects: list[Any] = field(default_factory=list)


def _grouped(pairs: Iterable[tuple[Any, Any]]) -> list[tuple[Any, list[Any]]]:
    groups: dict[Any, list[Any]] = {}
    for key, item in pairs:
        groups.setdefault(key, []).append(item)
    return sorted(groups.items(), key=lambda kv: str(getattr(kv[0], "name", kv[0])).lower())


def build_listing(
    lang: str,
    articles: Iterable[Any],
    pages: Iterable[Any],
    is_event: Callable[[Any], bool],
    is_project: Callable[[Any], bool],
) -> LanguageListing:
    """What the listing pages of `lang` show: only content written in that language;
    `is_event(article)` tells the events apart from the news, `is_project(page)` the
    projects from the other pages (`events.rules` and `projects.core` decide both)."""
    own = sorted((a for a in articles if a.lang == lang), key=lambda a: a.date, reverse=True)
    listing = LanguageListing(lang=lang, articles=own)
    listing.news = [a for a in own if not is_event(a)]
    listing.categories = _grouped((a.category, a) for a in own if a.category)
    listing.tags = _grouped((tag, a) for a in own for tag in getattr(a, "tags", ()) or ())
    listing.projects = sorted(
        (p for p in pages if p.lang == lang and is_project(p)),
        key=lambda p: project_order(getattr(p, "metadata", {}), str(p.title)),
    )
    return listing
