"""Pelican glue of the listings plugin: the only module of it that imports Pelican.

- `apply_defaults` (`initialized`): the listing settings filled in and checked.
- `report_shared_urls`, `keep_default_language` (`article_generator_finalized`).
- `LanguagePagesGenerator` (`get_generators`): the pages themselves.
"""

from __future__ import annotations

import logging
from typing import Any

from community_press import lang_prefix, settle
from pelican.generators import Generator
from projects.core import is_project

from .content import (
    LanguageListing,
    all_versions,
    article_words,
    build_listing,
    distinct_by_url,
    in_language,
    shared_urls,
)
from .events_of import is_event
from .pages import listing_pages
from .settings import DEFAULTS, settings_problems

logger = logging.getLogger(__name__)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the listing settings, then stop on any wrong one."""
    settings = pelican.settings
    # Our news listing is paginated like Pelican's index.
    settings.setdefault("PAGINATED_TEMPLATES", {}).setdefault("news", None)
    settle(settings, "listings", DEFAULTS, settings_problems)


def keep_default_language(generator: Any) -> None:
    """`article_generator_finalized`: Pelican's archives, categories and tags (the default
    language's pages) list only articles in the default language, as those under /en/
    list only English ones.

    Pelican counts an article with no default-language version (an English text without
    a Chinese one) as an original. It stays in `articles`, since its own page, the feeds
    and the other plugins need it; only these listings leave it out.
    """
    lang = generator.settings["DEFAULT_LANG"]
    generator.dates = [a for a in generator.dates if a.lang == lang]
    generator.categories = in_language(lang, generator.categories)
    generator.tags = dict(in_language(lang, generator.tags.items()))
    for periods in generator.period_archives.values():  # empty unless *_ARCHIVE_SAVE_AS
        for period in periods:
            period["articles"] = [a for a in period["articles"] if a.lang == lang]
            period["dates"] = [a for a in period["dates"] if a.lang == lang]
        periods[:] = [p for p in periods if p["dates"]]
    generator.context.update(
        dates=generator.dates,
        categories=generator.categories,
        tags=list(generator.tags.items()),
    )


def report_shared_urls(generator: Any) -> None:
    """`article_generator_finalized`: tags or categories of different names that would
    share one page (every one in one error)."""
    problems = [
        f"{word.source}: field {word.field!r} = {word.name!r}: {why}"
        for word, why in shared_urls(article_words(all_versions(generator.articles)))
    ]
    if problems:
        logger.error("tags or categories share a URL:\n%s", "\n".join(f"  {p}" for p in problems))


def _is_project(page: Any, settings: dict[str, Any]) -> bool:
    return is_project(str(page.relative_source_path or ""), settings)


class LanguagePagesGenerator(Generator):
    """Home, news, search and 404 for every language; archives, categories and tags for
    the languages other than the default (Pelican renders those for the default one, kept
    to the default language's articles by `keep_default_language`)."""

    def generate_context(self) -> None:
        s = self.settings
        self.default: str = s["DEFAULT_LANG"]
        articles = all_versions(self.context.get("articles", []))
        pages = all_versions(
            [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        )
        self.listings = {
            lang: build_listing(
                lang, articles, pages, lambda a: is_event(a, s), lambda p: _is_project(p, s)
            )
            for lang in s["I18N_UI_LANGUAGES"]
        }
        self.context["listing_pages"] = listing_pages(self.listings, self.default, s)
        self.context["language_listings"] = self.listings

    def _write(self, writer: Any, save_as: str, template: str, lang: str, **kwargs: Any) -> None:
        prefix = lang_prefix(lang, self.default)
        kwargs.setdefault("relative_urls", self.settings["RELATIVE_URLS"])
        writer.write_file(
            prefix + save_as, self.get_template(template), self.context, lang=lang, **kwargs
        )

    def generate_output(self, writer: Any) -> None:
        s = self.settings
        for lang, listing in self.listings.items():
            self._write_home(writer, lang, listing)
            # Events are news too (issue 3): /news/ lists them by their Date, with a badge.
            self._write(
                writer, s["I18N_UI_NEWS_SAVE_AS"], "news", lang,
                paginated={"articles": listing.articles}, template_name="news",
                url=lang_prefix(lang, self.default) + s["I18N_UI_NEWS_URL"],
                articles=listing.articles,
            )  # fmt: skip
            self._write(writer, s["I18N_UI_SEARCH_SAVE_AS"], "search", lang)
            # Served for any missing path, so its links must not be relative.
            self._write(writer, s["I18N_UI_404_SAVE_AS"], "404", lang, relative_urls=False)
            if lang != self.default and listing.articles:
                self._write_lists(writer, lang, listing)

    def _write_home(self, writer: Any, lang: str, listing: LanguageListing) -> None:
        s = self.settings
        count = int(s["I18N_UI_HOME_NEWS"])
        self._write(
            writer, s["I18N_UI_HOME_SAVE_AS"], "index", lang,
            lead=listing.news[0] if listing.news else None,
            latest_news=listing.news[1 : 1 + count],
            projects=listing.projects,
            # plugins/events: the next occurrences in each language
            home_events=distinct_by_url(
                (self.context.get("upcoming_events_by_lang") or {}).get(lang, []),
                int(s["I18N_UI_HOME_EVENTS"]),
            ),
            language_articles=listing.articles,
        )  # fmt: skip

    def _write_lists(self, writer: Any, lang: str, listing: LanguageListing) -> None:
        """Archives, categories and tags of a language other than the default."""
        s = self.settings
        prefix = lang_prefix(lang, self.default)
        dates = listing.articles
        self._write(writer, s["ARCHIVES_SAVE_AS"], "archives", lang,
                    articles=dates, dates=dates)  # fmt: skip
        self._write(writer, s["CATEGORIES_SAVE_AS"], "categories", lang,
                    categories=listing.categories, articles=dates)  # fmt: skip
        self._write(writer, s["TAGS_SAVE_AS"], "tags", lang,
                    tags=listing.tags, articles=dates)  # fmt: skip
        for category, items in listing.categories:
            self._write(
                writer, category.save_as, "category", lang,
                paginated={"articles": items, "dates": items}, template_name="category",
                url=prefix + category.url, category=category, articles=items, dates=items,
            )  # fmt: skip
        for tag, items in listing.tags:
            self._write(
                writer, tag.save_as, "tag", lang,
                paginated={"articles": items, "dates": items}, template_name="tag",
                url=prefix + tag.url, tag=tag, articles=items, dates=items,
            )  # fmt: skip


def get_generators(pelican: Any) -> type[Generator]:
    """`get_generators`: the listing pages of every language."""
    return LanguagePagesGenerator
