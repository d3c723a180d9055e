"""Pelican glue: settings in, a language-aware Jinja environment out.

The only module of this plugin that imports Pelican.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pelican.generators import Generator

from .catalogues import CatalogueError, Catalogues, load_catalogues
from .language import (
    Alternate,
    absolute,
    alternates,
    file_version,
    format_date,
    format_datetime,
    html_lang,
    lang_prefix,
    page_lang_of,
    url_of,
)
from .listings import all_versions, build_listing, distinct_by_url, in_language, shared_urls

logger = logging.getLogger(__name__)

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
    # None: EVENTS_PATHS, else ["events"]. Articles from there are events: /news/ lists
    # them with the news, the home page's lead story and latest news leave them out.
    "I18N_UI_EVENT_PATHS": None,
    # Listing pages rendered for every language ('en/' is put in front for English).
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

# The context variables `page_lang_of` reads.
_LANG_NAMES = frozenset(("lang", "article", "page"))
_LANG_MEMO = "_i18n_ui_lang"  # where `_Helpers.lang` keeps its answer on a Jinja context

# Sections whose pages this plugin renders for every language: the language switch links
# to the other language's version only where it exists (a tag of one language's articles
# may have no counterpart).
OWN_SECTIONS = ("news/", "archives/", "category/", "tag/", "search/")

# Compiled catalogues (and the errors of those that did not compile) by folder, domain and
# file stamps: a memo, not build state, since a changed .po file changes the key. Every
# generator of a build shares one compilation.
_compiled: dict[tuple[Any, ...], tuple[Catalogues, list[CatalogueError]]] = {}


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every I18N_UI_* setting and check them once."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if not settings["I18N_UI_TRANSLATIONS_PATH"]:
        settings["I18N_UI_TRANSLATIONS_PATH"] = str(Path(settings["THEME"]) / "translations")
    if not settings["I18N_UI_LANGUAGES"]:
        found = sorted(
            p.parent.parent.name
            for p in Path(settings["I18N_UI_TRANSLATIONS_PATH"]).glob(
                f"*/LC_MESSAGES/{settings['I18N_UI_DOMAIN']}.po"
            )
        )
        default = settings["DEFAULT_LANG"]
        settings["I18N_UI_LANGUAGES"] = [default, *(lang for lang in found if lang != default)]
    if not settings["I18N_UI_EVENT_PATHS"]:
        settings["I18N_UI_EVENT_PATHS"] = list(settings.get("EVENTS_PATHS") or ["events"])
    # Our news listing is paginated like Pelican's index.
    settings.setdefault("PAGINATED_TEMPLATES", {}).setdefault("news", None)
    if settings["DEFAULT_LANG"] not in settings["I18N_UI_LANGUAGES"]:
        logger.error(
            "pelicanconf.py: setting 'I18N_UI_LANGUAGES' = %r: must include DEFAULT_LANG %r",
            settings["I18N_UI_LANGUAGES"],
            settings["DEFAULT_LANG"],
        )


def compiled(settings: dict[str, Any]) -> tuple[Catalogues, list[CatalogueError]]:
    """The compiled catalogues of this build's translations folder (compiled once)."""
    directory = Path(settings.get("I18N_UI_TRANSLATIONS_PATH") or "")
    domain = settings.get("I18N_UI_DOMAIN", "messages")
    stamps = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(directory.glob(f"*/LC_MESSAGES/{domain}.po"))
    )
    key = (str(directory), domain, stamps)
    if key not in _compiled:
        _compiled.clear()
        _compiled[key] = load_catalogues(directory, domain)
    return _compiled[key]


class _Helpers:
    """The Jinja globals and filters of one generator, bound to its settings."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.default = settings.get("DEFAULT_LANG", "en")
        self.catalogues, _errors = compiled(settings)
        self._versions: dict[str, str] = {}
        self._dates: dict[tuple[Any, ...], str] = {}

    def version(self, path: str) -> str:
        if path not in self._versions:
            self._versions[path] = file_version(Path(self.settings["THEME"]) / "static" / path)
        return self._versions[path]

    def lang(self, ctx: Context) -> str:
        """`page_lang_of` the context, worked out once per context: every `_()` asks.

        A Jinja context looks a name up in `vars` (what the template set), then in
        `parent` (what it was rendered with). `parent` never changes during a render, so
        its answer is kept on the context; a template that sets `lang`, `article` or
        `page` itself is asked again every time.
        """
        if not _LANG_NAMES.isdisjoint(ctx.vars):
            return page_lang_of(ctx, self.default)
        known: str | None = getattr(ctx, _LANG_MEMO, None)
        if known is None:
            known = page_lang_of(ctx.parent, self.default)
            setattr(ctx, _LANG_MEMO, known)
        return known

    def format_date(self, value: Any, lang: str, fmt: str) -> str:
        """`language.format_date`, remembered: list pages print the same dates again and
        again. Only the date counts (a date-time's own, in its zone), as in there."""
        day = value.date() if isinstance(value, dt.datetime) else value
        key = (day, type(day), lang, fmt)
        found = self._dates.get(key)
        if found is None:
            s = self.settings
            found = self._dates[key] = format_date(
                day, lang, s.get("I18N_UI_LOCALES", {}), fmt, s.get("I18N_UI_DATE_PATTERNS")
            )
        return found

    def install(self, env: Any) -> None:
        s = self.settings
        cats = self.catalogues
        lang = self.lang

        @pass_context
        def gettext(ctx: Context, message: str) -> str:
            return cats.gettext(lang(ctx), message)

        @pass_context
        def ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
            return cats.ngettext(lang(ctx), singular, plural, n)

        @pass_context
        def pgettext(ctx: Context, context: str, message: str) -> str:
            return cats.pgettext(lang(ctx), context, message)

        @pass_context
        def npgettext(ctx: Context, context: str, singular: str, plural: str, n: int) -> str:
            return cats.npgettext(lang(ctx), context, singular, plural, n)

        @pass_context
        def page_lang(ctx: Context) -> str:
            return lang(ctx)

        @pass_context
        def page_html_lang(ctx: Context) -> str:
            return html_lang(lang(ctx), s.get("I18N_UI_HTML_LANG", {}))

        @pass_context
        def lang_url(ctx: Context, path: str = "", to_lang: str | None = None) -> str:
            """`path` (a default-language URL like 'news/') in the page's language."""
            return lang_prefix(to_lang or lang(ctx), self.default) + path

        @pass_context
        def date_filter(
            ctx: Context, value: Any, lang_: str | None = None, fmt: str = "long"
        ) -> str:
            """`value|format_date`, `|format_date("en")`, `|format_date(fmt="full")`."""
            return self.format_date(value, lang_ or lang(ctx), fmt)

        @pass_context
        def datetime_filter(
            ctx: Context, value: Any, lang_: str | None = None, fmt: str = "medium"
        ) -> str:
            """`value|format_datetime`, `|format_datetime("en", fmt="full_time")`."""
            return format_datetime(
                value,
                lang_ or lang(ctx),
                s.get("I18N_UI_LOCALES", {}),
                fmt,
                s.get("I18N_UI_DATE_PATTERNS"),
            )

        if not hasattr(env, "install_gettext_callables"):
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_callables(
            gettext, ngettext, newstyle=True, pgettext=pgettext, npgettext=npgettext
        )

        @pass_context
        def underscore(ctx: Context, message: str, **variables: Any) -> str:
            """`_()`: what the extension's `_` does (it looks up `gettext`, which wraps ours
            in the newstyle rules), in one call instead of three: a page makes dozens."""
            text = cats.gettext(lang(ctx), message)
            if ctx.eval_ctx.autoescape:
                text = Markup(text)
            return text % variables

        env.globals["_"] = underscore

        @pass_context
        def page_url(ctx: Context) -> str:
            """This page's URL below the site root ('news/x/'), from the file being written."""
            return url_of(str(ctx.get("output_file") or ""))

        def absolute_url(path: str = "") -> str:
            """`path` as an absolute URL, or '' when SITEURL is not absolute (a preview)."""
            return absolute(s.get("SITEURL", ""), path)

        @pass_context
        def lang_switch(ctx: Context) -> list[Alternate]:
            """The other languages of this page: its translation, else the nearest page
            (a tag's: the index of tags; page 2 of a list: the list), else the home."""
            languages = s.get("I18N_UI_LANGUAGES") or [self.default]
            same, near = translation_urls(ctx, lang(ctx), self.default, languages)
            return alternates(
                current=lang(ctx),
                languages=languages,
                default=self.default,
                translations=same,
                fallbacks=near,
                names=s.get("I18N_UI_LANGUAGE_NAMES", {}),
                tags=s.get("I18N_UI_HTML_LANG", {}),
            )

        @pass_context
        def is_current(ctx: Context, path: str) -> bool:
            """Whether this page is `path` (in the page's language) or below it."""
            here = url_of(str(ctx.get("output_file") or ""))
            target = lang_prefix(lang(ctx), self.default) + path
            return here == target or (bool(path) and here.startswith(target))

        @pass_context
        def site_name(ctx: Context) -> str:
            names = s.get("I18N_UI_SITENAME") or {}
            return str(names.get(lang(ctx), s.get("SITENAME", "")))

        @pass_context
        def asset_url(ctx: Context, path: str) -> str:
            """A theme file's URL with `?v=<hash>`, so a changed file is fetched again."""
            static = f"{s.get('THEME_STATIC_DIR', 'theme')}/{path}"
            return f"{ctx.get('SITEURL', '')}/{static}?v={self.version(path)}"

        env.globals.update(
            page_lang=page_lang,
            html_lang=page_html_lang,
            lang_url=lang_url,
            page_url=page_url,
            absolute_url=absolute_url,
            lang_switch=lang_switch,
            is_current=is_current,
            site_name=site_name,
            asset_url=asset_url,
        )
        env.filters.update(format_date=date_filter, format_datetime=datetime_filter)


def translation_urls(
    ctx: Context, current: str, default: str, languages: list[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """This page in other languages: (language -> URL of the same page, language -> URL
    of the nearest page where there is no same one).

    The same page: from the `lang_urls` mapping a generator puts in a page's context;
    else the translations of the `article` or `page`; else, for section pages (`events/`,
    `category/news/`), the same path under the other language's prefix, checked against
    the pages this plugin renders (`I18N_UI_PAGES`) for the sections it owns. Nearest
    only: a tag's page (tags are words of one language) leads to the other language's
    index of tags, page 2 of a list to the list's first page: neither is the same content,
    so neither is an `hreflang` alternate.
    """
    given = ctx.get("lang_urls")
    if isinstance(given, dict):
        return {str(k): str(v) for k, v in given.items()}, {}
    for name in ("article", "page"):
        content = ctx.get(name)
        if content is not None and hasattr(content, "translations"):
            urls = {t.lang: t.url for t in content.translations}
            urls[content.lang] = content.url
            return urls, {}
    here = url_of(str(ctx.get("output_file") or ""))
    prefix = lang_prefix(current, default)
    if not here.startswith(prefix) or here.endswith(".html"):
        return {}, {}
    section = here[len(prefix) :]
    base = re.sub(r"page/\d+/$", "", section)
    if ctx.get("tag") is not None:
        base = "tag/"
    known = ctx.get("I18N_UI_PAGES") or {}
    same: dict[str, str] = {}
    near: dict[str, str] = {}
    for lang in languages:
        url = lang_prefix(lang, default) + base
        if base.startswith(OWN_SECTIONS) and url not in known.get(lang, ()):
            continue
        if base == section or lang == current:
            same[lang] = url
        else:
            near[lang] = url
    return same, near


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
    problems = shared_urls(all_versions(generator.articles))
    if problems:
        logger.error("tags or categories share a URL:\n%s", "\n".join(f"  {p}" for p in problems))


def install_helpers(generator: Any) -> None:
    """`generator_init`: give every generator's Jinja environment `_`, `page_lang()` & co."""
    _Helpers(generator.settings).install(generator.env)


class LanguagePagesGenerator(Generator):
    """Home, news, search and 404 for every language; archives, categories and tags for
    the languages other than the default (Pelican renders those for the default one, kept
    to the default language's articles by `keep_default_language`)."""

    def generate_context(self) -> None:
        s = self.settings
        self.languages: list[str] = list(s["I18N_UI_LANGUAGES"])
        self.default: str = s["DEFAULT_LANG"]
        articles = all_versions(self.context.get("articles", []))
        pages = all_versions(
            [*self.context.get("pages", []), *self.context.get("hidden_pages", [])]
        )
        self.listings = {
            lang: build_listing(lang, articles, pages, s["I18N_UI_EVENT_PATHS"])
            for lang in self.languages
        }
        known: dict[str, set[str]] = {}
        for lang, listing in self.listings.items():
            urls = known.setdefault(lang, set())
            prefix = lang_prefix(lang, self.default)
            urls.update(prefix + u for u in ("", s["I18N_UI_NEWS_URL"], s["I18N_UI_SEARCH_URL"]))
            if listing.articles:
                urls.update(prefix + u for u in (s["ARCHIVES_URL"], s["CATEGORIES_URL"]))
                urls.update(prefix + u for u in (s["TAGS_URL"],))
            urls.update(prefix + c.url for c, _ in listing.categories)
            urls.update(prefix + t.url for t, _ in listing.tags)
        self.context["I18N_UI_PAGES"] = known
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
            prefix = lang_prefix(lang, self.default)
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
            # Events are news too (issue 3): /news/ lists them by their Date, with a badge.
            self._write(
                writer, s["I18N_UI_NEWS_SAVE_AS"], "news", lang,
                paginated={"articles": listing.articles},
                template_name="news", url=prefix + s["I18N_UI_NEWS_URL"],
                articles=listing.articles,
            )  # fmt: skip
            self._write(writer, s["I18N_UI_SEARCH_SAVE_AS"], "search", lang)
            # Served for any missing path, so its links must not be relative.
            self._write(writer, s["I18N_UI_404_SAVE_AS"], "404", lang, relative_urls=False)
            if lang == self.default or not listing.articles:
                continue
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
    """`get_generators` (once per build): report broken catalogues, add the listing pages."""
    _catalogues, errors = compiled(pelican.settings)
    if errors:
        logger.error(
            "interface translations do not compile:\n%s",
            "\n".join(f"  {error}" for error in errors),
        )
    return LanguagePagesGenerator
