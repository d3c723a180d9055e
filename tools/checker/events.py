"""Event fields, checked by the events plugin's own parser so the rules live in one place."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from typing import Any

from .documents import Document
from .problems import ERROR, Problem

# Until plugins/events/model.py lands: the keys issue 3 names.
KNOWN_KEYS = (
    "event-start", "event-end", "event-duration", "event-location", "event-geo",
    "event-timezone", "event-rrule", "event-exdate", "event-status", "event-status-reason",
    "event-url", "event-organizer", "event-cost", "event-uid", "event-categories",
    "event-description",
)  # fmt: skip


def check_event(doc: Document, settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Unknown ``event-*`` keys, a missing start in content/events/, and the parser's errors."""
    fields = [f for f in doc.meta.fields if f.key.startswith("event-")]
    for field in fields:
        if field.key not in KNOWN_KEYS:
            close = difflib.get_close_matches(field.key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f": did you mean '{close[0]}'?" if close else ""
            yield Problem(
                doc.shown,
                field.line,
                ERROR,
                f"unknown field '{field.key}'{hint} (the site ignores it, so its value is lost)",
            )
    if doc.is_event_file and doc.meta.first("event-start") is None:
        yield Problem(
            doc.shown,
            1,
            ERROR,
            "missing field 'event-start' (every file in events/ is an event; "
            "for example 'event-start: 2024-06-19 15:00')",
        )
