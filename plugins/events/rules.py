"""The rule book for events: which files are events, and every problem of one.

The build (`glue`, through `collection.read_events`) and the checker (`make check`) call
these same functions, so they cannot disagree about what is valid; the checker only adds
the line of each problem's field. Metadata is as Pelican hands it to plugins: lower-case
keys, strings (a list for a repeated key).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from community_press import WARNING, ContentErrors, Problem

from .ics import uid_for
from .kept import RULES, Kept, cache_folder
from .model import (
    Event,
    check_translation,
    closest_key,
    field_text,
    is_repeated,
    merge_translation,
    parse_event,
    placeless_zone,
    unknown_keys,
)
from .recurrence import rules_version, unclear_dates
from .settings import DEFAULTS, EventRules, rules_of

__all__ = [
    "Reading",
    "RulesRead",
    "event_problems",
    "has_event_fields",
    "in_event_folder",
    "is_event",
    "key_problems",
    "read_event",
    "rules_with_kept",
    "save_rules_read",
    "status_problems",
    "uid_problems",
]

_IGNORED = "the site ignores it, so its value is lost; the known fields are in README.md, 'Events'"


class RulesRead:
    """The RRULE texts icalendar has read, kept between builds in kept.RULES: a rule
    found here is not read again; one read now is added; `save` keeps this run's rules."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self._kept = Kept(cache_folder(settings), RULES, str, rules_version())

    def __contains__(self, rule: object) -> bool:
        if not isinstance(rule, str) or rule not in self._kept:
            return False
        self._kept.get(rule, lambda: "read")  # seen in this run: kept by `save`
        return True

    def add(self, rule: str) -> None:
        self._kept.get(rule, lambda: "read")

    def save(self) -> None:
        self._kept.save()


def rules_with_kept(settings: Mapping[str, Any], now: datetime | None = None) -> EventRules:
    """`rules_of`, knowing the RRULEs icalendar read in earlier builds (`RulesRead`), so
    that neither the build nor the checker imports icalendar for them again. Whoever
    calls this saves them at the end: `save_rules_read(rules)`."""
    return replace(rules_of(settings, now), rrules_read=RulesRead(settings))


def save_rules_read(rules: EventRules) -> None:
    """Keep the RRULEs this run read for the next one (rules from `rules_with_kept`)."""
    if isinstance(rules.rrules_read, RulesRead):
        rules.rrules_read.save()


def in_event_folder(relative_path: str, folders: Iterable[str]) -> bool:
    """Whether `relative_path` (to the content folder, posix) lies in one of `folders`."""
    parts = PurePosixPath(relative_path).parts
    for folder in folders:
        inside = PurePosixPath(folder).parts
        if inside and parts[: len(inside)] == inside and len(parts) > len(inside):
            return True
    return False


def _has_start(meta: Mapping[str, object] | None) -> bool:
    return meta is not None and bool(field_text(meta.get("event-start")))


def is_event(
    meta: Mapping[str, object],
    relative_path: str,
    settings: Mapping[str, Any],
    original: Mapping[str, object] | None = None,
) -> bool:
    """THE rule: a file under one of EVENTS_PATHS (`relative_path` is to the content
    folder, posix), or one whose own metadata or whose original's has `event-start`.
    A file in events/ without event-start is an event missing its start."""
    folders = settings.get("EVENTS_PATHS", DEFAULTS["EVENTS_PATHS"])
    return in_event_folder(relative_path, folders) or _has_start(meta) or _has_start(original)


def key_problems(meta: Mapping[str, object], source: str) -> list[Problem]:
    """`event-*` (and `event_*`) keys the plugin does not know, in any file: a mistyped key
    loses its value, so each one is an error."""
    problems = []
    for key in unknown_keys(meta):
        near = closest_key(key)
        hint = f": did you mean {near!r}?" if near else ""
        problems.append(
            Problem(source, key, field_text(meta[key]), f"unknown field{hint} ({_IGNORED})")
        )
    return problems


@dataclass(frozen=True)
class Reading:
    """One file read as an event: the Event when it has no problem, and its problems."""

    event: Event | None
    problems: tuple[Problem, ...]


def _parse(meta: Mapping[str, object], source: str, rules: EventRules) -> Event:
    return parse_event(
        meta,
        source,
        default_timezone=rules.timezone,
        default_duration=rules.default_duration,
        latest=rules.latest,
        rules_read=rules.rrules_read,
    )


def _read(meta: Mapping[str, object], source: str, rules: EventRules) -> Reading:
    try:
        return Reading(_parse(meta, source, rules), ())
    except ContentErrors as errors:
        return Reading(None, tuple(e.as_problem() for e in errors.errors))


def _read_translation(
    meta: Mapping[str, object],
    source: str,
    rules: EventRules,
    original: Mapping[str, object],
    first: Reading,
) -> Reading:
    """A translation's own `event-*` fields over its original's: only problems in its own
    fields (the original's are reported on the original), and where it differs from it."""
    own = {key for key in meta if key.startswith("event-")}
    if _has_start(meta) and not _has_start(original):
        problem = Problem(
            source,
            "event-start",
            field_text(meta["event-start"]),
            "the original has no event-start; a translation shares its original's dates, "
            "so give them in the original",
        )
        return Reading(None, (problem,))
    read = _read(merge_translation(original, meta), source, rules)
    if read.event is None:
        mine = (
            p for p in read.problems if p.field in own or (p.field == "event-start" and not p.value)
        )
        return Reading(None, tuple(mine))
    if first.event is None:
        return Reading(None, ())  # reported on the original
    mismatches = tuple(e.as_problem() for e in check_translation(first.event, read.event, meta))
    return Reading(None if mismatches else read.event, mismatches)


def _status(meta: Mapping[str, object]) -> str:
    return field_text(meta.get("status")).strip().lower() or "published"


def status_problems(
    meta: Mapping[str, object],
    source: str,
    original: Mapping[str, object],
    original_source: str = "",
) -> list[Problem]:
    """A translation that is shown while its original is a draft: the event it translates
    (its dates, its calendar entry) is not published, so neither can the translation be.
    (A translation of a hidden event is hidden with it: the build lists neither.)"""
    if _status(original) != "draft" or _status(meta) == "draft":
        return []
    problem = (
        f"the original, {original_source or 'the original'}, is a draft, so this "
        "translation has no published event to translate: make the translation a draft "
        "too (Status: draft), or publish the original"
    )
    return [Problem(source, "status", field_text(meta.get("status")), problem)]


def read_event(
    meta: Mapping[str, object],
    source: str,
    rules: EventRules,
    original: Mapping[str, object] | None = None,
    *,
    original_source: str = "",
    original_reading: Reading | None = None,
) -> Reading:
    """Read one event file (a translation when `original`, its original's metadata, is
    given; `original_source` names that file, `original_reading` saves reading it again).
    The Event is None when there is any problem."""
    keys = tuple(key_problems(meta, source))
    if original is None:
        read = _read(meta, source, rules)
    else:
        keys += tuple(status_problems(meta, source, original, original_source))
        first = original_reading or _read(original, original_source or "the original", rules)
        read = _read_translation(meta, source, rules, original, first)
    problems = keys + read.problems
    return Reading(None if problems else read.event, problems)


def has_event_fields(meta: Mapping[str, object]) -> bool:
    """Whether `meta` has an `event-*` line: what the build dates an undated file by
    (`glue.set_publication_date`: Pelican tells it no file's folder)."""
    return any(key.startswith("event-") for key in meta)


# Pelican reads no article without a date: the events plugin dates a translation by its
# original once it sees an event-* line.
UNDATED_TRANSLATION = (
    "a translation of an event needs one event line to be read with its original's dates "
    "(otherwise the build skips it: 'could not find information about date'): add its "
    "place, 'event-location: ...', in this language"
)


def event_problems(
    meta: Mapping[str, object],
    source: str,
    rules: EventRules,
    original: Mapping[str, object] | None = None,
    *,
    original_source: str = "",
) -> list[Problem]:
    """Every problem of one event file: unknown `event-*` keys, every field `parse_event`
    refuses (dates beyond EVENTS_MAX_YEARS_AHEAD included) and, for a translation, where
    it differs from its original. `line` is 0: the checker adds it. A series that meets
    a clock time the clocks skip or repeat is a warning (calendar programs disagree)."""
    reading = read_event(meta, source, rules, original, original_source=original_source)
    found = list(reading.problems)
    if original is not None and "date" not in meta and not has_event_fields(meta):
        found.append(Problem(source, None, None, UNDATED_TRANSLATION))
    if reading.event is not None and original is None:
        unclear = unclear_dates(reading.event, rules.horizon)
        if unclear:
            others = len(unclear) - 1
            more = f" (and {others} other date{'s' * (others > 1)})" if others else ""
            problem = (
                f"on {unclear[0]:%Y-%m-%d}{more} the series meets a time the clocks skip or "
                f"repeat in {reading.event.timezone}: calendar programs disagree on that "
                "moment, some show it off by the change; a time outside the change avoids it"
            )
            start = field_text(meta.get("event-start"))
            found.append(Problem(source, "event-start", start, problem, WARNING))
        elif reading.event.rule is None:
            found += _twice_problems(meta, source, reading.event)
    zone = field_text(meta.get("event-timezone"))
    refused = any(p.field == "event-timezone" for p in found)  # no zone at all: said so
    if zone and not refused and (placeless := placeless_zone(zone)):
        found.append(Problem(source, "event-timezone", zone, placeless, WARNING))
    return found


def _twice_problems(meta: Mapping[str, object], source: str, event: Event) -> list[Problem]:
    """A start or end at a clock time that happens twice that night (the clocks go back):
    the page, the poster and the digest show it alike for both moments."""
    found = []
    for key, when in (("event-start", event.start), ("event-end", event.end)):
        written = field_text(meta.get(key))  # an end worked out from a duration: the start's
        if not written or not isinstance(when, datetime) or not is_repeated(when):
            continue
        first, second = (when.replace(fold=f).isoformat(timespec="minutes") for f in (0, 1))
        problem = (
            f"{when:%Y-%m-%d %H:%M} happens twice in {event.timezone} (the clocks go back "
            f"that night): pages, posters and the digest show one time for both moments, "
            f"{first[11:]} and {second[11:]}; a time outside the change avoids it"
        )
        found.append(Problem(source, key, written, problem, WARNING))
    return found


def uid_problems(
    events: Iterable[tuple[str, str, Mapping[str, object]]], rules: EventRules
) -> list[Problem]:
    """Two events (source, slug, metadata of an original) with one UID: calendars would
    take them for one event."""
    by_uid: dict[str, list[tuple[str, str, Mapping[str, object]]]] = {}
    for source, slug, meta in events:
        uid = uid_for(field_text(meta.get("event-uid")), slug, rules.uid_domain)
        by_uid.setdefault(uid, []).append((source, slug, meta))
    problems = []
    for uid, same in by_uid.items():
        if len(same) < 2:
            continue
        for index, (source, slug, meta) in enumerate(same):
            own = field_text(meta.get("event-uid"))
            others = ", ".join(other[0] for at, other in enumerate(same) if at != index)
            problems.append(
                Problem(
                    source,
                    "event-uid" if own else "slug",
                    own or slug,
                    f"another event, {others}, has the same UID ({uid}); give each event "
                    "its own slug or event-uid",
                )
            )
    return problems
