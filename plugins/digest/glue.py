"""Pelican glue of the weekly digest: settings in; digest pages and their copies out.

1. `apply_defaults` (``initialized``) fills in and checks every DIGEST_* setting.
2. `DigestGenerator.generate_context` makes a `core.Digest` for every language and each of
   the last DIGEST_WEEKS weeks, from the published articles (news: those that are not
   events, by the events plugin's rule) and the events plugin's occurrences.
3. `generate_output` writes, per language, `/digest/` and each week's page (templates
   digest_index and digest), and beside each page its plain text (`text.to_text`) and
   the rich text the Copy button reads (`rich.to_rich`, in JSON), in the words of
   `includes/digest_words.html`.

`tools/print_digest.py` (`make digest`) prints the plain text this generator writes.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from community_press import atomic_write, lang_prefix, plain_reading, settle
from events.settings import resolve_now
from listings.events_of import is_event
from markupsafe import Markup
from pelican.generators import Generator
from theme_helpers.dates import format_date

from .core import Digest, EventEntry, NewsEntry, Words, build_digest
from .rich import to_clipboard, to_rich
from .settings import DEFAULTS, path_of, settings_problems
from .text import to_text
from .weeks import Week, weeks_until

logger = logging.getLogger(__name__)

_FALLBACK_LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every DIGEST_* setting and stop if one is wrong."""
    settle(pelican.settings, "digest", DEFAULTS, settings_problems)


def get_generators(pelican: Any) -> type[Generator]:
    return DigestGenerator


def _plain(text: Any) -> str:
    return " ".join(Markup(str(text or "")).striptags().split())


def _versions(items: list[Any]) -> Iterator[Any]:
    seen: set[int] = set()
    for item in items:
        for version in (item, *getattr(item, "translations", ())):
            if id(version) not in seen:
                seen.add(id(version))
                yield version


class DigestGenerator(Generator):
    """A digest per week and language: the pages, their plain text and rich text."""

    def generate_context(self) -> None:
        s = self.settings
        self.zone = ZoneInfo(s.get("TIMEZONE") or "UTC")
        self.now = resolve_now(s.get("EVENTS_NOW"), self.zone)
        self.langs: list[str] = list(s.get("I18N_UI_LANGUAGES") or [s["DEFAULT_LANG"]])
        self.weeks = weeks_until(self.now, self.zone, s["DIGEST_WEEKS"])
        articles = list(_versions(self.context.get("articles") or []))
        pages = list(_versions(self.context.get("pages") or []))
        self.digests: dict[str, list[Digest]] = {}
        for lang in self.langs:
            news = [self._news(a) for a in articles if a.lang == lang and not is_event(a, s)]
            events = list(self._events([*articles, *pages], lang))
            self.digests[lang] = [self._digest(week, lang, news, events) for week in self.weeks]
        # For a link from any page: `digest_index_urls[page_lang()]`.
        self.context["digest_index_urls"] = {
            lang: path_of(s, "DIGEST_INDEX_URL", lang) for lang in self.langs
        }

    def _locale(self, lang: str) -> str:
        locales = self.settings.get("I18N_UI_LOCALES") or {}
        return str(locales.get(lang) or _FALLBACK_LOCALES.get(lang) or lang)

    def _news(self, article: Any) -> NewsEntry:
        s = self.settings
        label = format_date(
            article.date,
            article.lang,
            s.get("I18N_UI_LOCALES") or {},
            "long",
            s.get("I18N_UI_DATE_PATTERNS"),
        )
        return NewsEntry(
            title=_plain(article.title),
            url=article.url,
            date=article.date,
            date_label=label,
            summary=self._summary(article),
            content=article,
        )

    def _summary(self, article: Any) -> str:
        with plain_reading():  # before the static files are known: links do not matter here
            return _plain(getattr(article, "summary", ""))

    def _events(self, contents: list[Any], lang: str) -> Iterator[EventEntry]:
        """Every occurrence of every event, in `lang`'s version of it (else its original's)."""
        groups: dict[frozenset[int], list[Any]] = {}
        for content in contents:
            if getattr(content, "event", None) is None:
                continue
            members = [content, *getattr(content, "translations", ())]
            groups.setdefault(frozenset(map(id, members)), members)
        default = self.settings["DEFAULT_LANG"]
        for members in groups.values():
            chosen = next((m for m in members if m.lang == lang), None)
            chosen = chosen or next((m for m in members if m.lang == default), members[0])
            # The event as the events index shows it in `lang`: dates in its words too.
            view = (getattr(chosen, "event_views", None) or {}).get(lang) or chosen.event
            for o in view.occurrences:
                yield EventEntry(
                    title=_plain(o.title),
                    url=o.url,
                    start=o.start,
                    end=o.end,
                    when_label=o.when_label,
                    location=o.location,
                    status=o.status,
                    occurrence=o,
                )

    def _digest(
        self, week: Week, lang: str, news: list[NewsEntry], events: list[EventEntry]
    ) -> Digest:
        s = self.settings
        return build_digest(
            week,
            lang,
            news=news,
            events=events,
            zone=self.zone,
            event_days=s["DIGEST_EVENT_DAYS"],
            locale=self._locale(lang),
            urls=(
                path_of(s, "DIGEST_URL", lang, week.label),
                path_of(s, "DIGEST_TEXT_SAVE_AS", lang, week.label),
                path_of(s, "DIGEST_RICH_SAVE_AS", lang, week.label),
                lang_prefix(lang, s["DEFAULT_LANG"]),
            ),
        )

    # output -------------------------------------------------------------------------

    def words(self, digest: Digest) -> Words:
        """The digest's words in its language, from `includes/digest_words.html`."""
        s = self.settings
        names = s.get("I18N_UI_SITENAME") or {}
        rendered = self.get_template("includes/digest_words").render(
            {
                **self.context,
                "lang": digest.lang,
                "site": names.get(digest.lang, s.get("SITENAME", "")),
                "number": digest.week.number,
                "dates": digest.dates_label,
                "days": digest.event_days,
            }
        )
        found: dict[str, str] = {}
        for line in rendered.splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().isidentifier():
                found[key.strip()] = html.unescape(value.strip())
        statuses = {k.removeprefix("status_").replace("_", "-"): v for k, v in found.items()
                    if k.startswith("status_")}  # fmt: skip
        fields = ("title", "week", "news", "no_news", "events", "no_events", "more")
        return Words(**{k: found[k] for k in fields}, statuses=statuses)

    def _write(self, writer: Any, path: str, template: str, lang: str, **values: Any) -> None:
        writer.write_file(
            path,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=lang,
            **values,
        )

    def generate_output(self, writer: Any) -> None:
        s = self.settings
        site_url = str(s.get("SITEURL") or "")
        index_urls = {lang: path_of(s, "DIGEST_INDEX_URL", lang) for lang in self.langs}
        for lang, digests in self.digests.items():
            self._write(writer, path_of(s, "DIGEST_INDEX_SAVE_AS", lang), "digest_index",
                        lang, digests=digests, lang_urls=index_urls)  # fmt: skip
            for digest in digests:
                words = self.words(digest)
                label = digest.week.label
                urls = {other: path_of(s, "DIGEST_URL", other, label) for other in self.langs}
                self._write(writer, path_of(s, "DIGEST_SAVE_AS", lang, label), "digest", lang,
                            digest=digest, digest_words=words, lang_urls=urls,
                            digest_index=index_urls[lang])  # fmt: skip
                text = to_text(digest, words, site_url, s["DIGEST_TEXT_WIDTH"])
                rich = to_clipboard(digest, to_rich(digest, words, site_url))
                for path, body in (
                    (digest.text_url, text.encode("utf-8")),
                    (digest.rich_url, rich),
                ):
                    atomic_write(os.path.join(self.output_path, path), body)
