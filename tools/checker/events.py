"""Event fields, checked by the events plugin's own parser so the rules live in one place.

`plugins/events/model.py` decides what a valid event is (`parse_event`), which keys exist
(`unknown_keys`, `closest_key`), what a translation inherits (`merge_translation`) and
where it must agree with its original (`check_translation`). This module only maps its
errors to lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from events.errors import ContentError, ContentErrors
from events.model import (
    check_translation,
    closest_key,
    merge_translation,
    parse_duration,
    parse_event,
    unknown_keys,
)

from .documents import Document
from .problems import ERROR, Problem

DEFAULT_DURATION = dt.timedelta(hours=2)


def metadata_of(doc: Document) -> dict[str, object]:
    """The metadata as Pelican hands it to plugins: lower-case keys, a list when repeated."""
    meta: dict[str, object] = {}
    for field in doc.meta.fields:
        values = field.value.split("\n")
        if field.key in meta:
            previous = meta[field.key]
            meta[field.key] = [*(previous if isinstance(previous, list) else [previous]), *values]
        else:
            meta[field.key] = values if len(values) > 1 else values[0]
    return meta


def is_event(doc: Document, original: Document | None) -> bool:
    """An event is a file in events/, or any file that has (or inherits) an event-start."""
    has_start = doc.meta.first("event-start") or (
        original is not None and original.meta.first("event-start")
    )
    return doc.is_event_file or bool(has_start)


def _settings_duration(settings: Mapping[str, Any]) -> dt.timedelta:
    value = settings.get("EVENTS_DEFAULT_DURATION", DEFAULT_DURATION)
    if isinstance(value, dt.timedelta):
        return value
    try:
        return parse_duration(str(value))
    except ValueError:
        return DEFAULT_DURATION


def _line(doc: Document, key: str | None) -> int:
    found = doc.meta.first(key) if key else None
    return found.line if found else 1


def _problem(doc: Document, error: ContentError) -> Problem:
    # The plugin's message names file, field and value; the path and line say the first two.
    message = f"field '{error.field}' = {error.value!r}: {error.problem}"
    if not error.value and error.problem.startswith("missing"):
        message = f"missing field '{error.field}' {error.problem.removeprefix('missing').strip()}"
    return Problem(doc.shown, _line(doc, error.field), ERROR, message)


def check_events(documents: list[Document], settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Unknown ``event-*`` keys, then every event through the plugin's parser."""
    default_lang = settings.get("DEFAULT_LANG", "en")
    timezone = settings.get("EVENTS_DEFAULT_TIMEZONE") or settings.get("TIMEZONE") or "UTC"
    duration = _settings_duration(settings)
    originals = {(d.kind, d.slug): d for d in documents if d.lang == default_lang}

    def parse(doc: Document, meta: Mapping[str, object]) -> Any:
        return parse_event(meta, doc.shown, default_timezone=timezone, default_duration=duration)

    for doc in documents:
        meta = metadata_of(doc)
        for key in unknown_keys(meta):
            close = closest_key(key)
            hint = f": did you mean '{close}'?" if close else ""
            yield Problem(
                doc.shown,
                _line(doc, key),
                ERROR,
                f"unknown field '{key}'{hint} (the site ignores it, so its value is lost)",
            )
        original = originals.get((doc.kind, doc.slug)) if doc.lang != default_lang else None
        if not is_event(doc, original):
            continue
        if original is None:
            try:
                parse(doc, meta)
            except ContentErrors as errors:
                yield from (_problem(doc, e) for e in errors.errors)
            continue
        # A translation: its own event-* keys over its original's, which are checked there.
        own = {k for k in meta if k.startswith("event-")}
        original_meta = metadata_of(original)
        try:
            translated = parse(doc, merge_translation(original_meta, meta))
        except ContentErrors as errors:
            for error in errors.errors:
                if error.field in own or (error.field == "event-start" and not error.value):
                    yield _problem(doc, error)
            continue
        try:
            first = parse(original, original_meta)
        except ContentErrors:
            continue  # reported on the original
        for error in check_translation(first, translated, meta):
            yield _problem(doc, error)
