"""Pelican glue: settings in; event pages, month calendars and iCalendar feeds out.

The only module of the events plugin that imports Pelican. Receivers live at module level
(blinker holds them weakly); build state lives on the EventsGenerator, made fresh per build.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from dateutil.relativedelta import relativedelta
from markupsafe import Markup
from pelican.generators import Generator
from pelican.urlwrappers import Category
from pelican.utils import SafeDatetime

from .calendar import months_between, split
from .errors import ContentError, ContentErrors
from .ics import CalendarEntry, feed_body, feed_key, make_uid, stamp
from .kept import FEEDS, LABELS, RULES, Kept
from .labels import labels_version
from .model import (
    Event,
    check_translation,
    closest_key,
    merge_translation,
    parse_duration,
    parse_event,
    publication_date,
    unknown_keys,
)
from .recurrence import Occurrence, expand, rules_version
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

DEFAULTS: dict[str, Any] = {
    # The moment the build happens: None for the real time; tests fix it (a datetime or
    # ISO 8601 text; without an offset it is in TIMEZONE).
    "EVENTS_NOW": None,
    # A series without an end is expanded this many months after the build.
    "EVENTS_HORIZON_MONTHS": 12,
    # An event (or the last date of a series) further ahead is an error: most likely a
    # mistyped year, which would make a month page for every month up to it.
    "EVENTS_MAX_YEARS_AHEAD": 5,
    # For events with neither event-end nor event-duration.
    "EVENTS_DEFAULT_DURATION": "2h",
    # upcoming_events (for the home page): this many next occurrences.
    "EVENTS_UPCOMING_COUNT": 5,
    # /events/ lists every occurrence of the next this-many months (and the next one of
    # every event beyond them).
    "EVENTS_INDEX_MONTHS": 3,
    # An event page lists this many next dates of a series.
    "EVENTS_SERIES_PREVIEW": 5,
    # Month grids start on this weekday (0 Monday ... 6 Sunday).
    "EVENTS_FIRST_WEEKDAY": 0,
    # Babel locale per language; None: I18N_UI_LOCALES, else the language code itself.
    "EVENTS_LOCALES": None,
    # UIDs are <slug>@<domain>; None: the host of SITEURL (or events.invalid without one).
    "EVENTS_UID_DOMAIN": None,
    "EVENT_URL": "events/{slug}/",
    "EVENT_SAVE_AS": "events/{slug}/index.html",
    "EVENT_ICS_SAVE_AS": "events/{slug}/{slug}.ics",
    "EVENTS_INDEX_URL": "events/",
    "EVENTS_INDEX_SAVE_AS": "events/index.html",
    "EVENTS_MONTH_URL": "events/{year}/{month:02d}/",
    "EVENTS_MONTH_SAVE_AS": "events/{year}/{month:02d}/index.html",
    "EVENTS_CALENDAR_SAVE_AS": "events/calendar.ics",
    "EVENTS_CATEGORY_SAVE_AS": "events/category/{slug}.ics",
    # Put in front of every URL and path above for pages in a language other than the default.
    "EVENTS_LANG_PREFIX": "{lang}/",
    # Where .ics feed bodies and date labels are kept between builds; None:
    # <CACHE_PATH>/events when CACHE_CONTENT is on (else none); "": none.
    "EVENTS_CACHE_PATH": None,
}
_FALLBACK_LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}
_PATTERN_FIELDS = {
    "EVENT_URL": {"slug": "x", "lang": "en"},
    "EVENT_SAVE_AS": {"slug": "x", "lang": "en"},
    "EVENT_ICS_SAVE_AS": {"slug": "x", "lang": "en"},
    "EVENTS_INDEX_URL": {},
    "EVENTS_INDEX_SAVE_AS": {},
    "EVENTS_MONTH_URL": {"year": 2024, "month": 6},
    "EVENTS_MONTH_SAVE_AS": {"year": 2024, "month": 6},
    "EVENTS_CALENDAR_SAVE_AS": {},
    "EVENTS_CATEGORY_SAVE_AS": {"slug": "x"},
    "EVENTS_LANG_PREFIX": {"lang": "en"},
}
# Generator attributes that hold content, in Pelican's Articles and Pages generators.
_CONTENT_LISTS = (
    "articles", "translations", "hidden_articles", "hidden_translations", "drafts",
    "drafts_translations", "pages", "hidden_pages", "draft_pages", "draft_translations",
)  # fmt: skip

# The same, as Pelican puts them in the shared context (translations hang off these).
_CONTEXT_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")


class EventsSettingsError(ValueError):
    """A wrong EVENTS_* setting; the message names it and says what is allowed."""


def report(summary: str, problems: Iterable[object]) -> None:
    """Log every problem in one error record.

    Under `--fatal errors` Pelican's logger raises RuntimeError right after logging, and
    Pelican's main() prints a traceback for it; the message says everything already, so
    stop with exit status 1 instead.
    """
    lines = [str(p) for p in problems]
    try:
        logger.error("%s:\n%s", summary, "\n".join(f"  {line}" for line in lines))
    except RuntimeError:
        raise SystemExit(1) from None


# --- settings -----------------------------------------------------------------------


def _is_count(value: object, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def check_settings(settings: dict[str, Any]) -> list[str]:
    """Every wrong EVENTS_* setting, named with its value and what is allowed."""
    problems = []

    def bad(key: str, expected: str) -> None:
        problems.append(f"setting {key!r} = {settings[key]!r}: {expected}")

    for key, least in (
        ("EVENTS_HORIZON_MONTHS", 1),
        ("EVENTS_MAX_YEARS_AHEAD", 1),
        ("EVENTS_UPCOMING_COUNT", 0),
        ("EVENTS_INDEX_MONTHS", 1),
        ("EVENTS_SERIES_PREVIEW", 1),
    ):
        if not _is_count(settings[key], least):
            bad(key, f"must be a whole number of at least {least}")
    if settings["EVENTS_FIRST_WEEKDAY"] not in range(7):
        bad("EVENTS_FIRST_WEEKDAY", "must be 0 (Monday) to 6 (Sunday)")
    duration = settings["EVENTS_DEFAULT_DURATION"]
    if not isinstance(duration, timedelta):
        try:
            parse_duration(str(duration))
        except ValueError as error:
            bad("EVENTS_DEFAULT_DURATION", str(error))
    try:
        resolve_now(settings["EVENTS_NOW"], ZoneInfo(settings.get("TIMEZONE") or "UTC"))
    except (TypeError, ValueError):
        bad("EVENTS_NOW", "must be None, a datetime or ISO 8601 text (2024-06-19 15:00)")
    locales = settings["EVENTS_LOCALES"]
    if locales is not None:
        if not isinstance(locales, dict):
            bad("EVENTS_LOCALES", "must be None or a dict like {'zh': 'zh_Hans_CN'}")
        else:
            for lang, name in locales.items():
                try:
                    Locale.parse(name)
                except (UnknownLocaleError, ValueError, TypeError):
                    bad("EVENTS_LOCALES", f"{lang!r}: {name!r} is not a locale Babel knows")
    if not isinstance(settings["EVENTS_CACHE_PATH"], (str, os.PathLike, type(None))):
        bad("EVENTS_CACHE_PATH", "must be None, a folder or '' (no cache)")
    domain = settings["EVENTS_UID_DOMAIN"]
    if domain is not None and (not isinstance(domain, str) or not domain or " " in domain):
        bad("EVENTS_UID_DOMAIN", "must be None or a domain name such as example.org")
    for key, fields in _PATTERN_FIELDS.items():
        try:
            str(settings[key]).format(**fields)
        except (KeyError, IndexError, ValueError):
            names = ", ".join("{" + f + "}" for f in fields) or "no fields"
            bad(key, f"a pattern that may use {names}")
    return problems


def resolve_now(value: object, zone: ZoneInfo) -> datetime:
    """EVENTS_NOW as an aware date-time in `zone` (None: the real time)."""
    if value is None:
        return datetime.now(zone)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"not a datetime: {value!r}")
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every EVENTS_* setting and stop the build if one is wrong."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    if problems := check_settings(settings):
        report("events plugin settings are wrong", problems)
        raise EventsSettingsError("; ".join(problems))


# --- content: dates and URLs -------------------------------------------------------------


_INHERIT_DATE = "events_date_from_original"


def set_publication_date(generator: Any, metadata: dict[str, Any]) -> None:
    """`article_generator_context`: an event without `Date` is dated by its start.

    A translation with `event-*` fields but neither `Date` nor `event-start` gets its
    original's date in `mark_events`, once translations are known; until then it needs
    some date to be read at all.
    """
    if "date" in metadata or not any(key.startswith("event-") for key in metadata):
        return
    zone = ZoneInfo(generator.settings.get("TIMEZONE") or "UTC")
    when = publication_date(metadata, zone.key) if "event-start" in metadata else None
    if when is None:  # an unreadable start is reported later, with its file and field
        metadata[_INHERIT_DATE] = "event-start" not in metadata
        when = datetime.now(zone)
    when = when.astimezone(zone)
    metadata["date"] = SafeDatetime(*when.timetuple()[:6], tzinfo=when.tzinfo)


def _inherit_date(content: Any) -> None:
    """Give a translation that has no date of its own the date of its original."""
    for other in content.translations:
        if not other.metadata.get(_INHERIT_DATE):
            content.date = other.date
            content.locale_date = other.date.strftime(content.date_format)
            return


def _lang_prefix(settings: dict[str, Any], lang: str) -> str:
    if lang == settings["DEFAULT_LANG"]:
        return ""
    return str(settings["EVENTS_LANG_PREFIX"]).format(lang=lang)


def _is_event_group(content: Any) -> bool:
    return any("event-start" in c.metadata for c in (content, *content.translations))


def _all_contents(source: Any) -> Iterator[Any]:
    for name in _CONTENT_LISTS:
        yield from getattr(source, name, None) or []


def mark_events(generator: Any) -> None:
    """`article_generator_pretaxonomy` / `page_generator_finalized`: events (and every
    translation of one) get the event URL and template before anyone reads their URL."""
    settings = generator.settings
    for content in _all_contents(generator):
        if not _is_event_group(content):
            continue
        if content.metadata.get(_INHERIT_DATE):
            _inherit_date(content)
        if content.template == content.default_template:
            content.template = "event"
        if content.status == "draft":  # drafts keep Pelican's drafts/ address
            continue
        fields = {**content.url_format, "lang": content.lang}
        prefix = _lang_prefix(settings, content.lang)
        content.override_url = prefix + settings["EVENT_URL"].format(**fields)
        content.override_save_as = prefix + settings["EVENT_SAVE_AS"].format(**fields)


def get_generators(pelican: Any) -> type[Generator]:
    return EventsGenerator


# --- the generator ---------------------------------------------------------------------


@dataclass
class _Group:
    """One event: its original content and Event, every translation, all occurrences."""

    original: Any
    event: Event
    versions: list[tuple[Any, Event]]
    occurrences: list[Occurrence]
    listed: bool  # published: in the calendar, the index and the month pages
    views: dict[str, EventView] = field(default_factory=dict)  # language -> view

    def version_for(self, lang: str) -> tuple[Any, Event]:
        for content, event in self.versions:
            if content.lang == lang:
                return content, event
        return self.versions[0]


def _unmark(contents: Iterable[Any]) -> None:
    """Show broken events as plain articles (only builds without --fatal get this far)."""
    for content in contents:
        if content.template == "event":
            content.template = content.default_template


def _source_name(content: Any) -> str:
    """The file as the person running the build would type it: content/events/x.md."""
    path = content.source_path or ""
    relative = os.path.relpath(path) if path else ""
    return path if not relative or relative.startswith("..") else relative


class EventsGenerator(Generator):
    """Event views on every event's content; /events/, month pages and .ics feeds."""

    def generate_context(self) -> None:
        s = self.settings
        self.site_zone = ZoneInfo(s.get("TIMEZONE") or "UTC")
        self.now = resolve_now(s["EVENTS_NOW"], self.site_zone)
        self.horizon = self.now + relativedelta(months=s["EVENTS_HORIZON_MONTHS"])
        self.latest = self.now + relativedelta(years=s["EVENTS_MAX_YEARS_AHEAD"])
        duration = s["EVENTS_DEFAULT_DURATION"]
        self.default_duration = (
            duration if isinstance(duration, timedelta) else parse_duration(str(duration))
        )
        self.labels = Kept(self._cache_folder(), LABELS, str, labels_version())
        self.rules = Kept(self._cache_folder(), RULES, str, rules_version())
        self.groups = self._read_groups()
        self._remember_rules(self.groups)
        self.langs = self._languages()
        for group in self.groups:
            self._attach_views(group)
        listed = [g for g in self.groups if g.listed]
        self.months = self._months(listed)
        upcoming = {lang: self._upcoming(listed, lang) for lang in self.langs}
        self.context["upcoming_events"] = upcoming[s["DEFAULT_LANG"]]
        self.context["upcoming_events_by_lang"] = upcoming

    # reading ------------------------------------------------------------------------

    def _originals(self) -> Iterator[Any]:
        """Every event in the shared context but translations (they come with these)."""
        for name in _CONTEXT_LISTS:
            yield from filter(_is_event_group, self.context.get(name) or [])

    def _every_content(self) -> Iterator[Any]:
        """Every article and page in the shared context, translations included, once."""
        seen: set[int] = set()
        for name in _CONTEXT_LISTS:
            for content in self.context.get(name) or []:
                for member in (content, *content.translations):
                    if id(member) not in seen:
                        seen.add(id(member))
                        yield member

    def _parse(self, meta: dict[str, Any], content: Any) -> Event:
        return parse_event(
            meta,
            _source_name(content),
            default_timezone=self.site_zone.key,
            default_duration=self.default_duration,
            latest=self.latest,
            rules_read=self.rules,
        )

    def _remember_rules(self, groups: list[_Group]) -> None:
        """Keep the rules that parsed (so icalendar read them), for the next build."""
        for group in groups:
            for _content, event in group.versions:
                if event.rule is not None:
                    self.rules.get(event.rule.ical(), lambda: "read")
        self.rules.save()

    def _read_groups(self) -> list[_Group]:
        errors: list[ContentError] = []
        unknown: list[str] = []
        groups = []
        for content in self._every_content():
            unknown.extend(
                f"{_source_name(content)}: {key}"
                + (f" (did you mean {near}?)" if (near := closest_key(key)) else "")
                for key in unknown_keys(content.metadata)
            )
        for original in self._originals():
            members = [original, *original.translations]
            group = self._read_group(original, errors)
            if group is None:
                _unmark(members)
                continue
            groups.append(group)
        errors.extend(self._duplicate_uids(groups))
        if unknown:
            logger.warning(
                "unknown event fields, ignored (the known ones are in README.md, 'Events'):\n%s",
                "\n".join(f"  {line}" for line in unknown),
            )
        if errors:
            errors.sort(key=lambda e: e.source)  # stable: a file's problems stay in order
            report(f"{len(errors)} problem(s) in event content", errors)
            broken = {e.source for e in errors}
            for group in groups:
                if _source_name(group.original) in broken:
                    _unmark([content for content, _event in group.versions])
            groups = [g for g in groups if _source_name(g.original) not in broken]
        return groups

    def _read_group(self, original: Any, errors: list[ContentError]) -> _Group | None:
        try:
            event = self._parse(original.metadata, original)
        except ContentErrors as problem:
            errors.extend(problem.errors)
            return None
        twins = [t for t in original.translations if t.lang == original.lang]
        if twins:
            errors.extend(
                ContentError(
                    _source_name(original),
                    "slug",
                    original.slug,
                    f"{_source_name(twin)} has the same slug and language, so both would be "
                    "one page and one calendar entry; give each event its own Slug",
                )
                for twin in twins
            )
            return None
        versions = [(original, event)]
        failed = False
        for translation in original.translations:
            meta = merge_translation(original.metadata, translation.metadata)
            try:
                version = self._parse(meta, translation)
            except ContentErrors as problem:
                errors.extend(problem.errors)
                failed = True
                continue
            if mismatches := check_translation(event, version, translation.metadata):
                errors.extend(mismatches)
                failed = True
            versions.append((translation, version))
        if failed:
            return None
        return _Group(
            original=original,
            event=event,
            versions=versions,
            occurrences=expand(event, self.horizon),
            listed=original.status == "published",
        )

    def _duplicate_uids(self, groups: list[_Group]) -> list[ContentError]:
        by_uid: dict[str, list[_Group]] = {}
        for group in groups:
            by_uid.setdefault(self._uid(group), []).append(group)
        return [
            ContentError(
                _source_name(g.original),
                "event-uid" if g.event.uid else "slug",
                g.event.uid or g.original.slug,
                "another event, "
                + ", ".join(_source_name(o.original) for o in same if o is not g)
                + f", has the same UID ({uid}); give each event its own slug or event-uid",
            )
            for uid, same in by_uid.items()
            if len(same) > 1
            for g in same
        ]

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
        """A URL or path setting filled in, with the language prefix where it needs one."""
        prefix = _lang_prefix(self.settings, language or self.settings["DEFAULT_LANG"])
        return prefix + str(self.settings[key]).format(**fields)

    def _absolute(self, path: str) -> str:
        site = str(self.settings.get("SITEURL") or "")
        if not site.startswith(("http://", "https://")):
            return ""
        return f"{site.rstrip('/')}/{path}"

    def _uid(self, group: _Group) -> str:
        domain = self.settings["EVENTS_UID_DOMAIN"]
        if not domain:
            domain = urlsplit(str(self.settings.get("SITEURL") or "")).hostname or "events.invalid"
        return make_uid(group.event, group.original.slug, domain)

    def _ics_path(self, content: Any) -> str:
        return self._path("EVENT_ICS_SAVE_AS", content.lang, slug=content.slug, lang=content.lang)

    def _month_url(self, lang: str) -> Any:
        return lambda year, month: self._path("EVENTS_MONTH_URL", lang, year=year, month=month)

    # views ----------------------------------------------------------------------------

    def _texts(self, content: Any, event: Event) -> Texts:
        return Texts(
            title=Markup(content.title).striptags(),
            url=content.url,
            lang=content.lang,
            summary=Markup(getattr(content, "summary", "") or "").striptags(),
            event=event,
            ics_url="" if content.status == "draft" else self._ics_path(content),
            absolute_url=self._absolute(content.url),
        )

    def _view(self, group: _Group, content: Any, event: Event, lang: str) -> EventView:
        return build_event_view(
            self._texts(content, event),
            group.occurrences,
            locale=self._locale(lang),
            site_zone=self.site_zone.key,
            now=self.now,
            preview=self.settings["EVENTS_SERIES_PREVIEW"],
            memo=self.labels,
        )

    def _attach_views(self, group: _Group) -> None:
        """`content.event` on every version; one view per site language for listings."""
        for content, event in group.versions:
            content.event = self._view(group, content, event, content.lang)
        for lang in self.langs:
            content, event = group.version_for(lang)
            group.views[lang] = (
                content.event if content.lang == lang else self._view(group, content, event, lang)
            )

    def _months(self, groups: list[_Group]) -> list[tuple[int, int]]:
        days = [self.now.date()]
        for group in groups:
            if group.occurrences:
                days += [group.occurrences[0].first_day, group.occurrences[-1].last_day]
        return months_between(min(days), max(days))

    def _occurrences(self, groups: list[_Group], lang: str) -> list[OccurrenceView]:
        return [o for g in groups for o in g.views[lang].occurrences]

    def _upcoming(self, groups: list[_Group], lang: str) -> list[OccurrenceView]:
        upcoming, _past = split(self._occurrences(groups, lang), self.now)
        return upcoming[: self.settings["EVENTS_UPCOMING_COUNT"]]

    # output ---------------------------------------------------------------------------

    def _write_bytes(self, path: str, data: bytes) -> None:
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)
        logger.info('Writing "%s"', target)

    def _entry(self, group: _Group, lang: str) -> CalendarEntry:
        content, event = group.version_for(lang)
        texts = self._texts(content, event)
        description = "\n\n".join(
            part
            for part in (
                event.status_reason,
                event.description or texts.summary,
                texts.absolute_url,
            )
            if part
        )
        return CalendarEntry(
            event=event,
            uid=self._uid(group),
            summary=texts.title,
            description=description,
            location=event.location,
            url=texts.absolute_url,
            modified=getattr(content, "modified", None) or getattr(content, "date", None),
            categories=event.categories,
        )

    def _ics(self, entries: list[CalendarEntry], name: str) -> bytes:
        """`ics.to_ics`, with the body from the feed cache when nothing it says changed."""
        key = feed_key(entries, name=name, horizon=self.horizon)
        body = self.feeds.get(key, lambda: feed_body(entries, name=name, horizon=self.horizon))
        return stamp(body, self.now)

    def _cache_folder(self) -> Path | None:
        folder = self.settings["EVENTS_CACHE_PATH"]
        if folder is None and self.settings.get("CACHE_CONTENT"):
            folder = os.path.join(self.settings.get("CACHE_PATH") or "cache", "events")
        return Path(folder) if folder else None

    def _write_feeds(self, listed: list[_Group]) -> None:
        self.feeds = Kept(self._cache_folder(), FEEDS, bytes)
        self._write_feed_files(listed)
        self.feeds.save()

    def _write_feed_files(self, listed: list[_Group]) -> None:
        site = str(self.settings.get("SITENAME") or "")
        for lang in self.langs:
            entries = [self._entry(g, lang) for g in listed]
            path = self._path("EVENTS_CALENDAR_SAVE_AS", lang)
            self._write_bytes(path, self._ics(entries, site))
        for group in self.groups:
            if group.original.status == "draft":
                continue
            for content, _event in group.versions:
                entry = self._entry(group, content.lang)
                self._write_bytes(self._ics_path(content), self._ics([entry], entry.summary))
        for lang in self.langs:
            for name, groups in self._categories(listed, lang).items():
                entries = [self._entry(g, lang) for g in groups]
                path = self._category_path(name, lang)
                self._write_bytes(path, self._ics(entries, f"{site} · {name}"))

    def _categories(self, groups: list[_Group], lang: str) -> dict[str, list[_Group]]:
        """Category name -> its events, with the names of the language's versions."""
        by_name: dict[str, list[_Group]] = {}
        for group in groups:
            for name in group.version_for(lang)[1].categories:
                by_name.setdefault(name, []).append(group)
        return dict(sorted(by_name.items()))

    def _category_path(self, name: str, lang: str) -> str:
        # Pelican's own category slug, so that a name gets the same slug as a Category.
        slug = Category(name, self.settings).slug
        return self._path("EVENTS_CATEGORY_SAVE_AS", lang, slug=slug)

    def _webcal(self, path: str) -> str:
        absolute = self._absolute(path)
        return "webcal://" + absolute.split("://", 1)[1] if absolute else ""

    def generate_output(self, writer: Any) -> None:
        s = self.settings
        listed = [g for g in self.groups if g.listed]
        index_template = self.get_template("events")
        month_template = self.get_template("event_month")
        index_urls = {lang: self._path("EVENTS_INDEX_URL", lang) for lang in self.langs}
        for lang in self.langs:
            locale = self._locale(lang)
            calendar = self._path("EVENTS_CALENDAR_SAVE_AS", lang)
            index = build_index(
                [g.views[lang] for g in listed],
                now=self.now,
                window_end=self.now + relativedelta(months=s["EVENTS_INDEX_MONTHS"]),
                locale=locale,
                month_url=self._month_url(lang),
                calendar_url=calendar,
                webcal_url=self._webcal(calendar),
                categories=[
                    CategoryFeed(name, self._category_path(name, lang))
                    for name in self._categories(listed, lang)
                ],
                memo=self.labels,
            )
            writer.write_file(
                self._path("EVENTS_INDEX_SAVE_AS", lang),
                index_template,
                self.context,
                relative_urls=s["RELATIVE_URLS"],
                lang=lang,
                lang_urls=index_urls,
                events_index=index,
            )
            by_month = _by_month(self._occurrences(listed, lang))
            for year, month in self.months:
                page = build_month_page(
                    year,
                    month,
                    by_month.get((year, month), []),
                    locale=locale,
                    first_weekday=s["EVENTS_FIRST_WEEKDAY"],
                    months=self.months,
                    url=self._month_url(lang),
                    memo=self.labels,
                )
                writer.write_file(
                    self._path("EVENTS_MONTH_SAVE_AS", lang, year=year, month=month),
                    month_template,
                    self.context,
                    relative_urls=s["RELATIVE_URLS"],
                    lang=lang,
                    lang_urls={
                        other: self._path("EVENTS_MONTH_URL", other, year=year, month=month)
                        for other in self.langs
                    },
                    calendar_month=page,
                    events_index_url=index_urls[lang],
                )
        self._write_feeds(listed)
        self.labels.save()


def _by_month(
    occurrences: Iterable[OccurrenceView],
) -> dict[tuple[int, int], list[OccurrenceView]]:
    """(year, month) -> the occurrences on a day of it, in their order (one pass, rather
    than every occurrence looked at for every month page)."""
    months: dict[tuple[int, int], list[OccurrenceView]] = {}
    for occurrence in occurrences:
        for key in months_between(occurrence.first_day, occurrence.last_day):
            months.setdefault(key, []).append(occurrence)
    return months
