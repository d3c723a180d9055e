"""The theme's Jinja API: every global and filter the templates call besides `_()`.

Pure core (Jinja, no Pelican): `ThemeHelpers(settings).install(env)`, settings read only.

Globals: `page_lang()`, `html_lang()`, `html_dir()` ('rtl' or ''), `site_name()`,
`lang_url(path="", to_lang=None)`,
`section_url(name)` (SECTIONS in urls.py: 'news', 'events', 'projects', 'search',
'archives', 'categories', 'tags'), `slug_url(slug)` (a page by its Slug), `page_url()`,
`absolute_url(path)`, `og_locale()`, `lang_switch()`, `is_current(url)`, `asset_url(path)`,
`search_bundle_url()`. Filters: `format_date`, `format_datetime`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from community_press import absolute_url, lang_prefix, url_of_file
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from translations.language import PageLanguage, html_lang, text_direction

from .dates import format_date, format_datetime, og_locale
from .urls import (
    Alternate,
    alternates,
    file_version,
    section_url,
    slug_url,
    translation_urls,
)

__all__ = ["ThemeHelpers"]


class ThemeHelpers:
    """The Jinja globals and filters of one generator, bound to its settings."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = settings
        self.default: str = settings.get("DEFAULT_LANG", "en")
        self.lang = PageLanguage(self.default)
        self._versions: dict[str, str] = {}
        self._dates: dict[tuple[Any, ...], str] = {}

    def version(self, path: str) -> str:
        """The theme file's content hash (once per build), for `asset_url`."""
        if path not in self._versions:
            self._versions[path] = file_version(Path(self.settings["THEME"]) / "static" / path)
        return self._versions[path]

    def format_date(self, value: dt.date | dt.datetime, lang: str, fmt: str) -> str:
        """`dates.format_date`, remembered: list pages print the same dates again and
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

    def lang_switch(self, ctx: Context) -> list[Alternate]:
        """The other languages of this page: its translation, else the nearest page
        (a tag's: the index of tags; page 2 of a list: the list), else the home."""
        s = self.settings
        lang = self.lang(ctx)
        languages = s.get("I18N_UI_LANGUAGES") or [self.default]
        tags_url = section_url("tags", self.default, self.default, s)
        same, near = translation_urls(ctx, lang, self.default, languages, tags_url)
        return alternates(
            current=lang,
            languages=languages,
            default=self.default,
            translations=same,
            fallbacks=near,
            names=s.get("I18N_UI_LANGUAGE_NAMES", {}),
            tags=s.get("I18N_UI_HTML_LANG", {}),
        )

    def is_current(self, ctx: Context, url: str) -> bool:
        """Whether this page is `url` (a section's, with its prefix) or below it."""
        here = url_of_file(str(ctx.get("output_file") or ""))
        home = lang_prefix(self.lang(ctx), self.default)
        return here == url or (url != home and here.startswith(url))

    def install(self, env: Environment) -> None:
        env.globals.update(self._globals())
        env.filters.update(format_date=self._date_filter(), format_datetime=self._time_filter())

    def _globals(self) -> dict[str, Any]:
        s = self.settings
        lang = self.lang
        default = self.default

        @pass_context
        def lang_url(ctx: Context, path: str = "", to_lang: str | None = None) -> str:
            """`path` (a default-language URL like 'news/') in the page's language."""
            return lang_prefix(to_lang or lang(ctx), default) + path

        @pass_context
        def section(ctx: Context, name: str) -> str:
            return section_url(name, lang(ctx), default, s)

        @pass_context
        def page_by_slug(ctx: Context, slug: str) -> str:
            return slug_url(slug, lang(ctx), default, s)

        @pass_context
        def site_name(ctx: Context) -> str:
            names = s.get("I18N_UI_SITENAME") or {}
            return str(names.get(lang(ctx), s.get("SITENAME", "")))

        @pass_context
        def asset_url(ctx: Context, path: str) -> str:
            """A theme file's URL with `?v=<hash>`, so a changed file is fetched again."""
            static = f"{s.get('THEME_STATIC_DIR', 'theme')}/{path}"
            return f"{ctx.get('SITEURL', '')}/{static}?v={self.version(path)}"

        @pass_context
        def page_lang(ctx: Context) -> str:
            return lang(ctx)

        @pass_context
        def page_og_locale(ctx: Context) -> str:
            return og_locale(lang(ctx), s.get("I18N_UI_LOCALES", {}))

        @pass_context
        def page_html_lang(ctx: Context) -> str:
            return html_lang(lang(ctx), s.get("I18N_UI_HTML_LANG", {}))

        @pass_context
        def page_dir(ctx: Context) -> str:
            return text_direction(lang(ctx))

        @pass_context
        def lang_switch(ctx: Context) -> list[Alternate]:
            return self.lang_switch(ctx)

        @pass_context
        def is_current(ctx: Context, url: str) -> bool:
            return self.is_current(ctx, url)

        @pass_context
        def search_bundle_url(ctx: Context) -> str:
            return self.search_bundle_url(ctx)

        return {
            "page_lang": page_lang,
            "html_lang": page_html_lang,
            "html_dir": page_dir,
            "og_locale": page_og_locale,
            "lang_url": lang_url,
            "section_url": section,
            "slug_url": page_by_slug,
            # This page's URL below the site root ('news/x/'), from the file being written.
            "page_url": pass_context(lambda ctx: url_of_file(str(ctx.get("output_file") or ""))),
            # `path` as an absolute URL, or '' when SITEURL is not absolute (a preview).
            "absolute_url": lambda path="": absolute_url(s.get("SITEURL", ""), path),
            "lang_switch": lang_switch,
            "is_current": is_current,
            "site_name": site_name,
            "asset_url": asset_url,
            "search_bundle_url": search_bundle_url,
        }

    def search_bundle_url(self, ctx: Context) -> str:
        """Where the search page loads Pagefind from: PUBLISH_PAGEFIND_BUNDLE (plugins/
        publish writes the index there; 'pagefind' when that plugin is not used)."""
        bundle = str(self.settings.get("PUBLISH_PAGEFIND_BUNDLE") or "pagefind").strip("/")
        return f"{ctx.get('SITEURL', '')}/{bundle}/"

    def _date_filter(self) -> Any:
        @pass_context
        def date_filter(
            ctx: Context, value: Any, lang_: str | None = None, fmt: str = "long"
        ) -> str:
            """`value|format_date`, `|format_date("en")`, `|format_date(fmt="full")`."""
            return self.format_date(value, lang_ or self.lang(ctx), fmt)

        return date_filter

    def _time_filter(self) -> Any:
        s = self.settings

        @pass_context
        def datetime_filter(
            ctx: Context, value: Any, lang_: str | None = None, fmt: str = "medium"
        ) -> str:
            """`value|format_datetime`, `|format_datetime("en", fmt="full_time")`."""
            return format_datetime(
                value,
                lang_ or self.lang(ctx),
                s.get("I18N_UI_LOCALES", {}),
                fmt,
                s.get("I18N_UI_DATE_PATTERNS"),
            )

        return datetime_filter
