"""Front-matter rules for one file at a time: required fields, dates, status, language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import Any

from .body import visible_lines
from .documents import Document
from .problems import ERROR, WARNING, Problem

REQUIRED = {"article": ("title", "date"), "page": ("title",)}
DATE_KEYS = ("date", "modified")
STATUSES = ("published", "hidden", "draft", "skip")
DATE_FORM = "use YYYY-MM-DD HH:MM, for example 2024-06-19 15:00"
NOT_UTF8 = (
    "not UTF-8 text, so the site cannot read it: save it again with the encoding "
    "'UTF-8' (in Notepad: File > Save as > Encoding)"
)
PLACEHOLDER = re.compile(r"\bTODO\b")


def parse_date(value: str) -> dt.datetime | None:
    """A date as our content writes it (``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM``, ISO 8601).

    Stricter than Pelican, which lets dateutil guess: ``June 19`` would silently take the
    year of the build.
    """
    text = re.sub(" +", " ", value.strip().replace("_", " "))
    if not re.match(r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?", text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def site_languages(settings: Mapping[str, Any]) -> list[str]:
    """The languages content may be written in."""
    default = settings.get("DEFAULT_LANG", "en")
    configured = settings.get("CHECK_LANGUAGES") or settings.get("I18N_UI_LANGUAGES")
    return list(configured) if configured else [default, "en"]


def check_metadata(doc: Document, settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Problems in one file's front matter that need no other file to see."""
    meta = doc.meta

    def error(line: int, message: str) -> Problem:
        return Problem(doc.shown, line, ERROR, message)

    def warning(line: int, message: str) -> Problem:
        return Problem(doc.shown, line, WARNING, message)

    if doc.unreadable:
        yield error(1, NOT_UTF8)
        return
    if not meta.fields:
        yield error(
            1,
            "no front matter: the file must start with 'Title: ...' lines "
            "(no blank line before them)",
        )
        return

    seen: dict[str, int] = {}
    for field in meta.fields:
        if field.key in seen:
            yield error(
                field.line,
                f"field '{field.key}' is set twice (first on line {seen[field.key]}); "
                "keep only one",
            )
        else:
            seen[field.key] = field.line

    for key in REQUIRED[doc.kind]:
        if key == "date" and (doc.is_event_file or meta.first("event-start")):
            continue  # the events plugin dates an event by its start
        found = meta.first(key)
        if found is None:
            yield error(1, f"missing field '{key.capitalize()}' ({_example(key)})")
        elif not found.value:
            yield error(found.line, f"field '{key}' is empty ({_example(key)})")

    for key in DATE_KEYS:
        found = meta.first(key)
        if found and found.value and parse_date(found.value) is None:
            yield error(found.line, f"field '{key}' = {found.value!r}: not a date ({DATE_FORM})")

    status = meta.first("status")
    if status and status.value.lower() not in STATUSES:
        yield error(
            status.line,
            f"field 'status' = {status.value!r}: not a status (use one of: {', '.join(STATUSES)})",
        )

    lang = meta.first("lang")
    languages = site_languages(settings)
    if lang and lang.value not in languages:
        yield warning(
            lang.line,
            f"field 'lang' = {lang.value!r}: this site is written in {', '.join(languages)}",
        )

    slug = meta.first("slug")
    if slug and slug.value and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug.value):
        yield warning(
            slug.line,
            f"field 'slug' = {slug.value!r}: use lower-case letters, digits and '-' only "
            "(it becomes the page's address)",
        )

    for field in meta.fields:
        if PLACEHOLDER.search(field.value):
            yield warning(field.line, f"field '{field.key}' still holds a TODO placeholder")
    for number, text in visible_lines(meta.body):
        if PLACEHOLDER.search(text):
            yield warning(number, "the text still holds a TODO placeholder")


def _example(key: str) -> str:
    return {
        "title": "for example 'Title: 父亲节亲子活动'",
        "date": "for example 'Date: 2024-06-19 15:00'",
    }.get(key, "")
