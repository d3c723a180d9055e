"""Pelican glue: settings in; event pages, month calendars and iCalendar feeds out.

The only module of the events plugin that imports Pelican: the signal receivers and the
EventsGenerator. What is an event and what is wrong with one is decided in `rules` (the
checker calls the same functions), contents are grouped and read in `collection`, feeds
planned in `feeds`, pages shaped in `views`. Receivers live at module level (blinker holds
them weakly); build state lives on the EventsGenerator, made fresh per build.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from community_press import (
    Problem,
    absolute_url,
    atomic_write,
    report,
    settle,
)
from dateutil.relativedelta import relativedelta
from pelican.generators import Generator
from pelican.urlwrappers import Category
from pelican.utils import SafeDatetime

from .calendar import by_month, months_between, split
from .collection import EventGroup, is_event_group, read_events, texts_of
from .feeds import categories, entry_of, feed_bytes, feed_plan
from .ics import CalendarEntry, feeds_version, make_uid
from .kept import FEEDS, LABELS, Kept, cache_folder
from .labels import labels_version
from .model import Event, publication_date
from .rules import has_event_fields, rules_with_kept, save_rules_read
from .settings import DEFAULTS, path_of, settings_problems
from .views import (
    CategoryFeed,
    EventView,
    OccurrenceView,
    Texts,
    build_event_view,
    build_index,
    build_month_page,
)

logger = logging.getLogger(__name__)

_FALLBACK_LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}
# Generator attributes that hold content, in Pelican's Articles and Pages generators.
_CONTENT_LISTS = (
    "articles", "translations", "hidden_articles", "hidden_translations", "drafts",
    "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations",
)  # fmt: skip
# The same, as Pelican puts them in the shared context (translations hang off these).
_CONTEXT_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")
_INHERIT_DATE = "events_date_from_original"


def report_events(problems: Iterable[Problem]) -> None:
    """Every problem of the run's events: the warnings in one record, the errors in one."""
    found = list(problems)
    warnings = [p for p in found if not p.is_error]
    errors = [p for p in found if p.is_error]
    report(logger, "%d problem(s) in event content", warnings, logging.WARNING, with_lines=True)
    report(logger, "%d problem(s) in event content", errors, with_lines=True)


# --- receivers -------------------------------------------------------------------------


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every EVENTS_* setting and stop the build if one is wrong."""
    settle(pelican.settings, "events", DEFAULTS, settings_problems)


def set_publication_date(generator: Any, metadata: dict[str, Any]) -> None:
    """`article_generator_context`: an event without `Date` is dated by its start.

    A translation with `event-*` fields but neither `Date` nor `event-start` gets its
    original's date in `mark_events`, once translations are known; until then it needs
    some date to be read at all.
    """
    if "date" in metadata or not has_event_fields(metadata):
        return
    zone = ZoneInfo(generator.settings.get("TIMEZONE") or "UTC")
    when = publication_date(metadata, zone.key) if "event-start" in metadata else None
    if when is None:  # an unreadable start is reported later, with its file and field
        metadata[_INHERIT_DATE] = "event-start" not in metadata
        when = datetime.now(zone)
    when = when.astimezone(zone)
    # fold: the second of two equal clock times (the night the clocks go back) keeps its
    # own offset; timetuple() alone would make it the first.
    metadata["date"] = SafeDatetime(*when.timetuple()[:6], tzinfo=when.tzinfo, fold=when.fold)


def _inherit_date(content: Any) -> None:
    """Give a translation that has no date of its own the date of its original."""
    for other in content.translations:
        if not other.metadata.get(_INHERIT_DATE):
            content.date = other.date
            content.locale_date = other.date.strftime(content.date_format)
            return


def mark_events(generator: Any) -> None:
    """`article_generator_pretaxonomy` / `page_generator_finalized`: events (and every
    translation of one) get the event URL and template before anyone reads their URL."""
    settings = generator.settings
    _hide_with_original(generator)
    for name in _CONTENT_LISTS:
        for content in getattr(generator, name, None) or []:
            if is_event_group(content, settings):
                _mark(content, settings)


def _hide_with_original(generator: Any) -> None:
    """A published translation of a hidden event is hidden with it: Pelican groups each
    status apart, so it would be listed alone, with no original to take its dates from.
    Hidden means published but unlisted; the translation becomes a hidden translation
    of its original (each names the other as a translation), before Pelican lists it."""
    hidden = getattr(generator, "hidden_articles", None)
    if hidden is None:  # pages: Pelican's page generator has no such signal before lists
        return
    settings = generator.settings
    default = settings["DEFAULT_LANG"]
    originals = {c.slug: c for c in hidden if c.lang == default and is_event_group(c, settings)}
    for content in list(generator.articles):
        original = originals.get(content.slug)
        if original is None or content.lang == default:
            continue
        generator.articles.remove(content)
        members = [content, *content.translations]
        for member in members:
            if member in generator.translations:
                generator.translations.remove(member)
            member.status = "hidden"
            generator.hidden_translations.append(member)
        group = [original, *original.translations, *members]
        for member in group:
            member.translations = [other for other in group if other is not member]


def _mark(content: Any, settings: dict[str, Any]) -> None:
    if content.metadata.get(_INHERIT_DATE):
        _inherit_date(content)
    if content.template == content.default_template:
        content.template = "event"
    if content.status == "draft":  # drafts keep Pelican's drafts/ address
        return
    fields = {**content.url_format, "lang": content.lang}
    content.override_url = path_of(settings, "EVENT_URL", content.lang, **fields)
    content.override_save_as = path_of(settings, "EVENT_SAVE_AS", content.lang, **fields)


def get_generators(pelican: Any) -> type[Generator]:
    return EventsGenerator


def _unmark(contents: Iterable[Any]) -> None:
    """Show broken events as plain articles (only builds without --fatal get this far)."""
    for content in contents:
        if content.template == "event":
            content.template = content.default_template


# --- the generator ---------------------------------------------------------------------


class EventsGenerator(Generator):
    """Event views on every event's content; /events/, month pages and .ics feeds."""

    def generate_context(self) -> None:
        s = self.settings
        self.rules = rules_with_kept(s)
        self.now = self.rules.now
        self.labels = Kept(cache_folder(s), LABELS, str, labels_version())
        self.groups = self._read_groups()
        save_rules_read(self.rules)  # parsing added the RRULEs it read
        self.langs = self._languages()
        for group in self.groups:
            self._attach_views(group)
        self.months = self._months([g for g in self.groups if g.listed])
        self._publish_upcoming()

    def _publish_upcoming(self) -> None:
        """The upcoming occurrences, in the context, for every page's sidebar."""
        listed = [g for g in self.groups if g.listed]
        upcoming = {lang: self._upcoming(listed, lang) for lang in self.langs}
        self.context["upcoming_events"] = upcoming[self.settings["DEFAULT_LANG"]]
        self.context["upcoming_events_by_lang"] = upcoming

    def refresh(self, content: Any) -> bool:
        """After `content`, an event's page, was read again (the preview's fast path): its
        group's views and the upcoming lists made anew. False when it is no event here."""
        for group in self.groups:
            if any(version is content for version, _ in group.versions):
                self._attach_views(group)
                self._publish_upcoming()
                return True
        return False

    # reading ------------------------------------------------------------------------

    def _originals(self) -> Iterator[Any]:
        for name in _CONTEXT_LISTS:
            yield from self.context.get(name) or []

    def _read_groups(self) -> list[EventGroup]:
        """Every event through the rule book; all problems of the run in one report."""
        originals = list(self._originals())
        found = read_events(originals, self.settings, self.rules)
        if found.problems:
            report_events(found.problems)
        kept = {id(g.original) for g in found.groups}
        kept |= {id(content) for g in found.groups for content, _ in g.strays}
        for original in originals:
            if id(original) not in kept and is_event_group(original, self.settings):
                _unmark([original, *original.translations])
        return found.groups

    def _languages(self) -> list[str]:
        default = self.settings["DEFAULT_LANG"]
        found = set(self.settings.get("I18N_UI_LANGUAGES") or [])
        for name in ("articles", "pages"):
            for content in self.context.get(name) or []:
                found.update(c.lang for c in (content, *content.translations))
        return [default, *sorted(found - {default})]

    # naming -----------------------------------------------------------------------------

    def _locale(self, lang: str) -> str:
        own = self.settings["EVENTS_LOCALES"] or {}
        shared = self.settings.get("I18N_UI_LOCALES") or {}
        return own.get(lang) or shared.get(lang) or _FALLBACK_LOCALES.get(lang) or lang

    def _path(self, key: str, language: str | None = None, /, **fields: Any) -> str:
        return path_of(self.settings, key, language, **fields)

    def _absolute(self, path: str) -> str:
        return absolute_url(str(self.settings.get("SITEURL") or ""), path)

    def _uid(self, group: EventGroup) -> str:
        return make_uid(group.event, group.original.slug, self.rules.uid_domain)

    # the FeedPaths of `feeds.feed_plan`
    def calendar(self, lang: str) -> str:
        return self._path("EVENTS_CALENDAR_SAVE_AS", lang)

    def event(self, content: Any) -> str:
        return self._path("EVENT_ICS_SAVE_AS", content.lang, slug=content.slug, lang=content.lang)

    def category(self, name: str, lang: str) -> str:
        return self._path("EVENTS_CATEGORY_SAVE_AS", lang, slug=self.category_slug(name))

    def category_slug(self, name: str) -> str:
        # Pelican's own category slug, so that a name gets the same slug as a Category.
        return str(Category(name, self.settings).slug)

    def _month_url(self, lang: str) -> Callable[[int, int], str]:
        return lambda year, month: self._path("EVENTS_MONTH_URL", lang, year=year, month=month)

    # views ----------------------------------------------------------------------------

    def _texts(self, content: Any, event: Event, *, own_feed: bool = True) -> Texts:
        """`own_feed`: the version has its own .ics (drafts and strays have none)."""
        ics_url = self.event(content) if own_feed and content.status != "draft" else ""
        return texts_of(content, event, ics_url=ics_url, absolute_url=self._absolute(content.url))

    def _view(
        self, group: EventGroup, content: Any, event: Event, lang: str, *, own_feed: bool = True
    ) -> EventView:
        return build_event_view(
            self._texts(content, event, own_feed=own_feed),
            group.occurrences,
            locale=self._locale(lang),
            site_zone=self.rules.timezone,
            now=self.now,
            preview=self.settings["EVENTS_SERIES_PREVIEW"],
            memo=self.labels,
        )

    def _attach_views(self, group: EventGroup) -> None:
        """`content.event` on every version; one view per site language for listings."""
        for content, event in group.versions:
            content.event = self._view(group, content, event, content.lang)
        for content, event in group.strays:  # its own page only: no feed of its own
            content.event = self._view(group, content, event, content.lang, own_feed=False)
        for lang in self.langs:
            content, event = group.version_for(lang)
            group.views[lang] = (
                content.event if content.lang == lang else self._view(group, content, event, lang)
            )
        for content, _ in group.versions:  # for listings made by other plugins (the digest)
            content.event_views = group.views

    def _months(self, groups: list[EventGroup]) -> list[tuple[int, int]]:
        days = [self.now.date()]
        for group in groups:
            if group.occurrences:
                days += [group.occurrences[0].first_day, group.occurrences[-1].last_day]
        return months_between(min(days), max(days))

    def _occurrences(self, groups: list[EventGroup], lang: str) -> list[OccurrenceView]:
        return [o for g in groups for o in g.views[lang].occurrences]

    def _upcoming(self, groups: list[EventGroup], lang: str) -> list[OccurrenceView]:
        upcoming, _past = split(self._occurrences(groups, lang), self.now)
        return upcoming[: self.settings["EVENTS_UPCOMING_COUNT"]]

    # output ---------------------------------------------------------------------------

    def _entry(self, group: EventGroup, lang: str) -> CalendarEntry:
        content, event = group.version_for(lang)
        modified = getattr(content, "modified", None) or getattr(content, "date", None)
        if modified is not None and modified > self.now:
            modified = None  # an undated event is dated by its start: no change yet to come
        return entry_of(self._texts(content, event), self._uid(group), modified)

    def _write_feeds(self) -> None:
        memo = Kept(cache_folder(self.settings), FEEDS, bytes, feeds_version())
        site = str(self.settings.get("SITENAME") or "")
        for feed in feed_plan(
            self.groups, self.langs, site_name=site, entry=self._entry, paths=self
        ):
            target = os.path.join(self.output_path, feed.path)
            atomic_write(
                target, feed_bytes(feed, horizon=self.rules.horizon, now=self.now, memo=memo)
            )
            logger.info('Writing "%s"', target)
        memo.save()

    def _webcal(self, path: str) -> str:
        absolute = self._absolute(path)
        return "webcal://" + absolute.split("://", 1)[1] if absolute else ""

    def _write(self, writer: Any, path: str, template: Any, lang: str, **values: Any) -> None:
        writer.write_file(
            path,
            template,
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=lang,
            **values,
        )

    def _write_index(self, writer: Any, listed: list[EventGroup], lang: str) -> None:
        calendar = self.calendar(lang)
        index = build_index(
            [g.views[lang] for g in listed],
            now=self.now,
            window_end=self.now + relativedelta(months=self.settings["EVENTS_INDEX_MONTHS"]),
            locale=self._locale(lang),
            month_url=self._month_url(lang),
            calendar_url=calendar,
            webcal_url=self._webcal(calendar),
            categories=[
                CategoryFeed(name, self.category(name, lang))
                for name in categories(listed, lang, self.category_slug)
            ],
            memo=self.labels,
        )
        self._write(
            writer,
            self._path("EVENTS_INDEX_SAVE_AS", lang),
            self.get_template("events"),
            lang,
            lang_urls={other: self._path("EVENTS_INDEX_URL", other) for other in self.langs},
            events_index=index,
        )

    def _write_months(self, writer: Any, listed: list[EventGroup], lang: str) -> None:
        template = self.get_template("event_month")
        months = by_month(self._occurrences(listed, lang))
        for year, month in self.months:
            page = build_month_page(
                year,
                month,
                months.get((year, month), []),
                locale=self._locale(lang),
                first_weekday=self.settings["EVENTS_FIRST_WEEKDAY"],
                months=self.months,
                url=self._month_url(lang),
                memo=self.labels,
            )
            urls = {other: self._month_url(other)(year, month) for other in self.langs}
            self._write(
                writer,
                self._path("EVENTS_MONTH_SAVE_AS", lang, year=year, month=month),
                template,
                lang,
                lang_urls=urls,
                calendar_month=page,
                events_index_url=self._path("EVENTS_INDEX_URL", lang),
            )

    def generate_output(self, writer: Any) -> None:
        listed = [g for g in self.groups if g.listed]
        for lang in self.langs:
            self._write_index(writer, listed, lang)
            self._write_months(writer, listed, lang)
        self._write_feeds()
        self.labels.save()
