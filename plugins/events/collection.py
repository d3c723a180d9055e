"""Which contents of a build are events, grouped as originals with their translations,
and read through the rule book (`rules`) into Events or problems.

No Pelican here: a content is anything with the attributes of `Content` (Pelican's
articles and pages have them), so tests can hand in plain objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from community_press import Problem, plain_reading, shown_path
from markupsafe import Markup

from .model import Event
from .recurrence import Occurrence, expand
from .rules import Reading, is_event, key_problems, read_event, uid_problems
from .settings import EventRules
from .views import EventView, Texts

__all__ = [
    "Content",
    "EventGroup",
    "Found",
    "every_member",
    "is_event_content",
    "is_event_group",
    "read_events",
    "source_of",
    "texts_of",
    "twin_problems",
]


class Content(Protocol):
    """What this module reads of a Pelican article or page."""

    @property
    def metadata(self) -> Mapping[str, Any]: ...
    @property
    def lang(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def source_path(self) -> str: ...
    @property
    def relative_source_path(self) -> str: ...
    @property
    def translations(self) -> list[Any]: ...


C = TypeVar("C", bound=Content)


def source_of(content: Content) -> str:
    """The file as the person running the build would type it: content/events/x.md."""
    return shown_path(content.source_path or "")


def _relative(content: Content) -> str:
    return str(content.relative_source_path or "").replace("\\", "/")


def is_event_content(
    content: Content, settings: Mapping[str, Any], original: Content | None = None
) -> bool:
    """`rules.is_event` for a content (and its original, for a translation)."""
    first = original.metadata if original is not None else None
    return is_event(content.metadata, _relative(content), settings, first)


def is_event_group(content: Content, settings: Mapping[str, Any]) -> bool:
    """Whether `content` or one of its translations is an event: Pelican gives each member
    of a group all the others as `translations`, so this holds for every member alike."""
    return any(is_event_content(c, settings) for c in (content, *content.translations))


def every_member(originals: Iterable[C]) -> Iterator[C]:
    """Every content of `originals` and their translations, once each."""
    seen: set[int] = set()
    for content in originals:
        for member in (content, *content.translations):
            if id(member) not in seen:
                seen.add(id(member))
                yield member


@dataclass
class EventGroup:
    """One event: its original content and Event, every version (original first), all
    occurrences up to the horizon, and one view per site language (set by the glue)."""

    original: Any
    event: Event
    versions: list[tuple[Any, Event]]
    occurrences: list[Occurrence] = field(default_factory=list)
    views: dict[str, EventView] = field(default_factory=dict)  # language -> view
    # Translations with another status than the original's, which Pelican groups apart (a
    # draft translation of a published event): read with the original, shown on their
    # own page, never in the original's listings.
    strays: list[tuple[Any, Event]] = field(default_factory=list)

    @property
    def listed(self) -> bool:
        """Published: in the calendar, the index and the month pages."""
        return bool(self.original.status == "published")

    def version_for(self, lang: str) -> tuple[Any, Event]:
        """The version in `lang`, else the original."""
        for content, event in self.versions:
            if content.lang == lang:
                return content, event
        return self.versions[0]


@dataclass
class Found:
    """What reading a build's contents found: the events that have no problem, and the
    problems (sorted by file; a file's own in their order)."""

    groups: list[EventGroup] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def twin_problems(original: Content) -> list[Problem]:
    """Translations in the original's own language: two files with one slug and language
    would be one page and one calendar entry."""
    return [
        Problem(
            source_of(original),
            "slug",
            original.slug,
            f"{source_of(twin)} has the same slug and language, so both would be one page "
            "and one calendar entry; give each event its own Slug",
        )
        for twin in original.translations
        if twin.lang == original.lang
    ]


def _read_alone(content: Any, settings: Mapping[str, Any], rules: EventRules) -> list[Problem]:
    """The problems of a content read as an original of its own."""
    if is_event_content(content, settings):
        return list(read_event(content.metadata, source_of(content), rules).problems)
    return key_problems(content.metadata, source_of(content))


def _read_group(
    original: Any,
    settings: Mapping[str, Any],
    rules: EventRules,
    found: Found,
    strays: Iterable[Any] = (),
) -> EventGroup | None:
    """Read every event of one group (and `strays`: its translations Pelican put in
    another status's group); the group when none has a problem."""
    source = source_of(original)
    first: Reading | None = None
    if is_event_content(original, settings):
        first = read_event(original.metadata, source, rules)
    else:
        found.problems += key_problems(original.metadata, source)
    problems = [*(first.problems if first else ()), *twin_problems(original)]
    versions = [(original, first.event)] if first and first.event else []
    apart = {id(stray) for stray in strays}
    others: list[tuple[Any, Event]] = []
    for translation in [*original.translations, *strays]:
        if translation.lang == original.lang:  # a twin: read as its own original
            problems += _read_alone(translation, settings, rules)
            continue
        if not is_event_content(translation, settings, original):
            found.problems += key_problems(translation.metadata, source_of(translation))
            continue
        read = read_event(
            translation.metadata,
            source_of(translation),
            rules,
            original.metadata,
            original_source=source,
            original_reading=first,
        )
        problems += read.problems
        if read.event is not None:
            (others if id(translation) in apart else versions).append((translation, read.event))
    found.problems += problems
    if problems or first is None or first.event is None:
        return None
    occurrences = expand(first.event, rules.horizon)
    return EventGroup(original, first.event, versions, occurrences, strays=others)


def _strays(originals: list[Any], settings: Mapping[str, Any]) -> dict[int, list[Any]]:
    """Pelican groups translations within one status (published, hidden, draft): a
    translation whose original has another status heads a group of its own, with no
    original. By the rule book's own rule (`make check`), a translation's original is
    the content in DEFAULT_LANG of the same kind and slug: id of that original -> such
    translations (with the ones Pelican grouped with them)."""
    default = settings.get("DEFAULT_LANG")

    def kind(content: Any) -> tuple[str, str]:  # articles and pages have slugs apart
        return (str(getattr(content, "default_template", "")), str(content.slug))

    by_key = {kind(c): c for c in originals if c.lang == default}
    found: dict[int, list[Any]] = {}
    for content in originals:
        original = by_key.get(kind(content))
        if original is None or content.lang == default or not is_event_group(content, settings):
            continue
        found.setdefault(id(original), []).extend([content, *content.translations])
    return found


def read_events(originals: Iterable[Any], settings: Mapping[str, Any], rules: EventRules) -> Found:
    """Every original (translations hang off them) through the rule book: the events of
    the build, and every problem, in events and in `event-*` keys of other contents. A
    translation Pelican grouped apart from its original (another status) is read with it."""
    found = Found()
    events = []
    originals = list(originals)
    strays = _strays(originals, settings)
    apart = {id(c) for members in strays.values() for c in members}
    for original in originals:
        if id(original) in apart:
            continue
        group = _read_group(original, settings, rules, found, strays.get(id(original), ()))
        if group is not None:
            found.groups.append(group)
        if is_event_content(original, settings):
            events.append((source_of(original), original.slug, original.metadata))
    found.problems += uid_problems(events, rules)
    found.problems.sort(key=lambda p: p.source)  # stable: a file's problems stay in order
    broken = {p.source for p in found.problems if p.is_error}
    found.groups = [g for g in found.groups if source_of(g.original) not in broken]
    return found


def _plain_summary(content: Any) -> str:
    with plain_reading():  # before the static files are known: links do not matter here
        return Markup(getattr(content, "summary", "") or "").striptags()


def texts_of(content: Any, event: Event, *, ics_url: str, absolute_url: str) -> Texts:
    """What views and feeds print of one version: its title and summary as plain text."""
    return Texts(
        title=Markup(content.title).striptags(),
        url=content.url,
        lang=content.lang,
        summary=_plain_summary(content),
        event=event,
        ics_url=ics_url,
        absolute_url=absolute_url,
    )
