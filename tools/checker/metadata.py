"""Front-matter rules for one file at a time: required fields, dates, status, language."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from i18n_ui.content_lang import unknown_language

from .body import visible_lines
from .documents import Document
from .frontmatter import META_RE
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
# The fields something reads: Pelican itself, then our plugins (`event-*` keys are the
# events plugin's, checked by it). CHECK_EXTRA_FIELDS adds those of another plugin.
KNOWN_FIELDS = (
    "title", "slug", "lang", "date", "modified", "category", "tags", "author", "authors",
    "summary", "status", "template", "translation", "save_as", "url",
    "gallery", "cover", "order",
)  # fmt: skip


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
        yield _no_front_matter(doc)
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

    known = (*KNOWN_FIELDS, *settings.get("CHECK_EXTRA_FIELDS", ()))
    unknown = [
        f for f in meta.fields if f.key not in known and not f.key.startswith(("event-", "event_"))
    ]
    for key in REQUIRED[doc.kind]:
        if key == "date" and (doc.is_event_file or meta.first("event-start")):
            continue  # the events plugin dates an event by its start
        found = meta.first(key)
        if found is None:
            typo = next((f for f in unknown if _closest(f.key, [key])), None)
            if typo:  # `Titel:`: say so on its line, once
                unknown.remove(typo)
                yield error(
                    typo.line,
                    f"missing field '{key.capitalize()}': '{typo.key}' on this line looks "
                    f"like a typing mistake for '{key}'",
                )
            else:
                yield error(1, f"missing field '{key.capitalize()}' ({_example(key)})")
        elif not found.value:
            yield error(found.line, f"field '{key}' is empty ({_example(key)})")
    for field in unknown:
        close = _closest(field.key, [k for k in known if not meta.first(k)])
        yield warning(
            field.line,
            f"unknown field '{field.key}': did you mean '{close}'? (the site ignores it)"
            if close
            else f"unknown field '{field.key}' (the site ignores it): if this line belongs to "
            "the text, leave an empty line between the header and the text",
        )

    template = meta.first("template")
    templates = theme_templates(settings)
    if template and template.value and templates and template.value not in templates:
        close = _closest(template.value, templates)
        fix = f"did you mean '{close}'?" if close else "delete the line to use the usual one"
        yield error(
            template.line,
            f"field 'template' = {template.value!r}: the theme has no such template ({fix})",
        )

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
    problem = unknown_language(lang.value, site_languages(settings)) if lang else None
    if lang and problem:  # the build stops on it too (plugins/i18n_ui)
        yield error(lang.line, f"field 'lang' = {lang.value!r}: {problem}")

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


def theme_templates(settings: Mapping[str, Any]) -> list[str]:
    """The names a `Template:` line may give: the theme's templates (and overrides)."""
    folders = [Path(settings.get("THEME", "")) / "templates"]
    folders += [Path(f) for f in settings.get("THEME_TEMPLATES_OVERRIDES", [])]
    extensions = tuple(settings.get("TEMPLATE_EXTENSIONS", [".html"]))
    return sorted(
        {
            p.name.removesuffix(p.suffix)
            for folder in folders
            if folder.is_dir()
            for p in folder.iterdir()
            if p.suffix in extensions
        }
    )


def _closest(value: str, choices: list[str]) -> str | None:
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:  # `Template: Project`
        return lowered[value.lower()]
    found = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def _no_front_matter(doc: Document) -> Problem:
    """Why the checker (and Pelican) found no `Key: value` lines at the top."""
    written = [(n, text) for n, text in doc.meta.body if text.strip()]
    if not written:
        return Problem(doc.shown, 1, ERROR, "the file is empty: start it with 'Title: ...' lines")
    number, text = written[0]
    if text[:1].isspace() and META_RE.match(text.strip()):
        return Problem(
            doc.shown,
            number,
            ERROR,
            "no front matter: this line starts with spaces or a tab; the 'Key: value' "
            "lines must start at the very beginning of the line",
        )
    return Problem(
        doc.shown,
        1,
        ERROR,
        "no front matter: the file must start with 'Title: ...' lines (no blank line before them)",
    )


def _example(key: str) -> str:
    return {
        "title": "for example 'Title: 父亲节亲子活动'",
        "date": "for example 'Date: 2024-06-19 15:00'",
    }.get(key, "")
