"""Front-matter rules for one file at a time: required fields, dates, status, language,
slug form, template, unknown fields and TODO placeholders.

Each rule takes a `Document` (and the settings) and returns `Problem`s; a rule that knows
the line (a field it found) sets it, the others are put on their field's line by
`Document.place`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from community_press import ERROR, WARNING, Problem, closest
from community_press.frontmatter import END_RE, META_RE, Field
from community_press.problems import Severity
from translations.content_lang import unknown_language
from translations.settings import content_languages

from .documents import Document

REQUIRED = {"article": ("title", "date"), "page": ("title",)}
DATE_KEYS = ("date", "modified")
STATUSES = ("published", "hidden", "draft", "skip")
DATE_FORM = "use YYYY-MM-DD HH:MM, for example 2024-06-19 15:00"
NOT_UTF8 = (
    "not UTF-8 text, so the site cannot read it: save it again with the encoding "
    "'UTF-8' (in Notepad: File > Save as > Encoding)"
)
PLACEHOLDER = re.compile(r"\bTODO\b")
# Control characters (all but tab, line feed and carriage return): a feed, being XML 1.0,
# cannot carry them, and a page shows nothing for them. Word's line break is one (U+000B).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Fields the theme prints as they are, as Pelican's themes do: a tag in them is HTML.
PLAIN_FIELDS = ("title", "tags", "category", "author", "authors")
TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]*>")
# `Tags : a` or `Tags：a` (a full-width colon): the header ends on this line.
SPACED_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+)(?P<colon>[ \t]+:|[ \t]*：)")
# `Event Start: ...`: a field's name written in words, which ends the header there too.
WORDS_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+(?:[ \t]+[A-Za-z0-9_-]+){1,2})[ \t]*:")
# `  - garden` under `Tags:` (a YAML list) or `  second line` (a value carried on with
# fewer than 4 spaces, which Markdown's reading needs): the header ends on this line too.
SHORT_INDENT = re.compile(r"^(?P<indent>[ ]{1,3})(?P<rest>[^ \t].*)")
YAML_ITEM = re.compile(r"^[ ]*-[ ]+(?P<item>.*\S)")
# The fields that decide whether, where or in what language a page is published (Hugo's
# and Jekyll's `draft`/`published` too): a header cut short above one is an error.
PUBLISHING = ("status", "draft", "published", "lang", "slug", "save_as", "url", "date")
# YAML's words for false (`draft: false`, `published: no`).
FALSE_WORDS = ("false", "no", "off", "0", "")
SLUG_FORM = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# The fields something reads: Pelican itself, then our plugins (`event-*` keys are the
# events plugin's, checked by it). CHECK_EXTRA_FIELDS adds those of another plugin.
KNOWN_FIELDS = (
    "title", "slug", "lang", "date", "modified", "category", "tags", "author", "authors",
    "summary", "status", "template", "translation", "save_as", "url",
    "gallery", "cover", "order",
    "video", "video-poster", "video-captions",
)  # fmt: skip
# The theme's templates for one file, by kind; its others render listings (the home
# page, a tag, a month of events). 'event' needs an event (`article.event`).
CONTENT_TEMPLATES = {"article": ("article", "event"), "page": ("page", "project")}
EXAMPLES = {
    "title": "for example 'Title: Family sports day'",
    "date": "for example 'Date: 2024-06-19 15:00'",
}
# An example in the page's own language, where the site has one written.
LOCAL_EXAMPLES = {("title", "zh"): "for example 'Title: 父亲节亲子活动'"}


def _example(key: str, doc: Document, settings: Mapping[str, Any]) -> str:
    """How to fill in `key`, in the page's language where there is an example in it."""
    lang = str(doc.meta.get("lang") or settings.get("DEFAULT_LANG") or "").strip().lower()
    return LOCAL_EXAMPLES.get((key, lang), EXAMPLES[key])


def parse_date(value: str) -> dt.datetime | None:
    """A date as our content writes it (``YYYY-MM-DD``, ``YYYY-MM-DD HH:MM``, ISO 8601).

    Stricter than Pelican, which lets dateutil guess: ``June 19`` would silently take the
    year of the build, ``19/06/2024`` a day or a month.
    """
    text = re.sub(" +", " ", value.strip().replace("_", " "))
    if not re.match(r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?", text):
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def theme_templates(settings: Mapping[str, Any], *, overrides: bool = True) -> list[str]:
    """The names a `Template:` line may give: the theme's templates (and overrides)."""
    folders = [Path(settings.get("THEME", "")) / "templates"]
    if overrides:
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


def field_problems(
    doc: Document, settings: Mapping[str, Any], dated_elsewhere: bool = False
) -> list[Problem]:
    """Problems in one file's front matter that need no other file to see.

    ``dated_elsewhere``: the file is an event, which the events plugin dates by its start,
    so it needs no Date line.
    """
    if doc.unreadable:
        return [Problem(doc.shown, None, None, NOT_UTF8, ERROR, 1)]
    if not doc.meta.fields:
        return [_no_front_matter(doc)]
    rules: list[Callable[[Document, Mapping[str, Any]], list[Problem]]] = [
        _twice,
        _dates,
        _status,
        _lang,
        _slug,
        _save_as,
        _placeholders,
        _control_characters,
        _html_in_plain_fields,
        _bracketed_lists,
        _quoted_values,
        _continued,
        _header_cut_short,
    ]
    found = _required_and_unknown(doc, settings, dated_elsewhere)
    found += _template(doc, settings, event=dated_elsewhere)
    for rule in rules:
        found += rule(doc, settings)
    return found


def _problem(doc: Document, line: int, message: str, severity: str = ERROR) -> Problem:
    return Problem(doc.shown, None, None, message, ERROR if severity == ERROR else WARNING, line)


def _twice(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    seen: dict[str, int] = {}
    found = []
    for field in doc.meta.fields:
        if field.key in seen:
            message = (
                f"field '{field.key}' is set twice (first on line {seen[field.key]}); keep only one"
            )
            found.append(_problem(doc, field.line, message))
        else:
            seen[field.key] = field.line
    return found


def _required_and_unknown(
    doc: Document, settings: Mapping[str, Any], dated_elsewhere: bool
) -> list[Problem]:
    meta = doc.meta
    known = (*KNOWN_FIELDS, *settings.get("CHECK_EXTRA_FIELDS", ()))
    unknown = [
        f for f in meta.fields if f.key not in known and not f.key.startswith(("event-", "event_"))
    ]
    found = []
    for key in REQUIRED[doc.kind]:
        if key == "date" and dated_elsewhere:
            continue  # the events plugin dates an event by its start
        field = meta.first(key)
        typo = next((f for f in unknown if closest(f.key, [key])), None) if not field else None
        if typo:  # `Titel:`: say so on its line, once
            unknown.remove(typo)
            message = (
                f"missing field '{key.capitalize()}': '{typo.key}' on this line looks "
                f"like a typing mistake for '{key}'"
            )
            found.append(_problem(doc, typo.line, message))
        elif field is None:
            example = _example(key, doc, settings)
            found.append(_problem(doc, 1, f"missing field '{key.capitalize()}' ({example})"))
        elif not field.value:
            example = _example(key, doc, settings)
            found.append(_problem(doc, field.line, f"field '{key}' is empty ({example})"))
    return found + [_unknown(doc, f, known) for f in unknown]


def _unknown(doc: Document, field: Field, known: tuple[str, ...]) -> Problem:
    if field.key in ("draft", "published"):
        return _draft_of_another_generator(doc, field)
    close = closest(field.key, [k for k in known if not doc.meta.first(k)])
    message = (
        f"unknown field '{field.key}': did you mean '{close}'? (the site ignores it)"
        if close
        else f"unknown field '{field.key}' (the site ignores it): if this line belongs to "
        "the text, leave an empty line between the header and the text"
    )
    return _problem(doc, field.line, message, WARNING)


def _draft_of_another_generator(doc: Document, field: Field) -> Problem:
    """`draft: true` (Hugo) or `published: false` (Jekyll): Pelican reads neither, so the
    page is published."""
    value = field.value.strip().lower()
    hides = value not in FALSE_WORDS if field.key == "draft" else value in FALSE_WORDS
    if hides and doc.status not in ("draft", "hidden", "skip"):
        problem = (
            "this site does not read it, so the page would be PUBLISHED as written: "
            "write 'Status: draft' instead"
        )
        return Problem(doc.shown, field.key, field.value, problem, ERROR, field.line)
    problem = "this site does not read it (a page is published unless 'Status: draft'): delete it"
    return Problem(doc.shown, field.key, field.value, problem, WARNING, field.line)


def _template(doc: Document, settings: Mapping[str, Any], event: bool) -> list[Problem]:
    template = doc.meta.first("template")
    if not template:
        return []
    value = template.value
    if not value:  # Pelican would look for a template named ''
        problem = "empty (delete the line to use the usual template)"
    elif value in theme_templates(settings, overrides=False) and not _fits(value, doc, event):
        # The theme's other templates render listings (or the other kind): the page
        # would fail to render, or show nothing of the file.
        usable = " or ".join(f"'{t}'" for t in CONTENT_TEMPLATES[doc.kind] if _fits(t, doc, event))
        kind = "an event" if event else f"a {doc.kind}" if doc.kind == "page" else "an article"
        problem = f"not a template for {kind} (use {usable}, or delete the line)"
    else:
        return _unknown_template(doc, template, settings)
    return [Problem(doc.shown, "template", value, problem, ERROR, template.line)]


def _fits(template: str, doc: Document, event: bool) -> bool:
    """Whether the theme's `template` shows a file of this kind (`event`: only events)."""
    return template in CONTENT_TEMPLATES[doc.kind] and (template != "event" or event)


def _unknown_template(doc: Document, template: Field, settings: Mapping[str, Any]) -> list[Problem]:
    templates = theme_templates(settings)
    if not templates or template.value in templates:
        return []
    close = closest(template.value, templates)
    fix = f"did you mean '{close}'?" if close else "delete the line to use the usual one"
    problem = f"the theme has no such template ({fix})"
    return [Problem(doc.shown, "template", template.value, problem, ERROR, template.line)]


def _dates(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    found = []
    for key in DATE_KEYS:
        field = doc.meta.first(key)
        if field and field.value and parse_date(field.value) is None:
            problem = f"not a date ({DATE_FORM})"
            found.append(Problem(doc.shown, key, field.value, problem, ERROR, field.line))
    return found


def _status(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    status = doc.meta.first("status")
    if not status or status.value.lower() in STATUSES:
        return []
    problem = f"not a status (use one of: {', '.join(STATUSES)})"
    return [Problem(doc.shown, "status", status.value, problem, ERROR, status.line)]


def _lang(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    lang = doc.meta.first("lang")
    problem = unknown_language(lang.value, content_languages(settings)) if lang else None
    if lang is None or problem is None:
        return []
    return [Problem(doc.shown, "lang", lang.value, problem, ERROR, lang.line)]


def _slug(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    slug = doc.meta.first("slug")
    if not slug or not slug.value or SLUG_FORM.fullmatch(slug.value):
        return []
    problem = "use lower-case letters, digits and '-' only (it becomes the page's address)"
    severity = ERROR if _leaves_the_site(slug.value) else WARNING
    return [Problem(doc.shown, "slug", slug.value, problem, severity, slug.line)]


def _leaves_the_site(path: str) -> bool:
    """Whether a path given in a file would be written outside the output folder."""
    parts = path.replace("\\", "/").split("/")
    return path.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]


def _save_as(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    """`Save_as:`/`URL:` in a file: a path inside the site, as Pelican writes it."""
    found = []
    for key in ("save_as", "url"):
        field = doc.meta.first(key)
        if field and field.value and _leaves_the_site(field.value):
            problem = (
                "a path inside the site is needed, such as 'about/index.html' (no leading "
                "'/', no '..'); or delete the line"
            )
            found.append(Problem(doc.shown, key, field.value, problem, ERROR, field.line))
    return found


def _placeholders(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    found = [
        _problem(doc, f.line, f"field '{f.key}' still holds a TODO placeholder", WARNING)
        for f in doc.meta.fields
        if PLACEHOLDER.search(f.value)
    ]
    found += [
        _problem(doc, number, "the text still holds a TODO placeholder", WARNING)
        for number, text in doc.visible_lines()
        if PLACEHOLDER.search(text)
    ]
    return found


def _control_characters(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    lines = [(f.line, f.value) for f in doc.meta.fields] + doc.meta.body
    return [
        _problem(
            doc,
            number,
            f"an invisible control character (U+{ord(found[0]):04X}) that feeds cannot "
            "carry: delete it (text pasted from Word often brings one)",
        )
        for number, text in lines
        if (found := CONTROL.search(text))
    ]


def _html_in_plain_fields(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    found = []
    for field in doc.meta.fields:
        tag = TAG.search(field.value) if field.key in PLAIN_FIELDS else None
        if tag:
            problem = (
                f"{tag[0]!r} is read by browsers as HTML, not shown as written: "
                "write plain text here, without < >"
            )
            found.append(Problem(doc.shown, field.key, field.value, problem, ERROR, field.line))
    return found


def _bracketed_lists(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    """`Tags: [a, b]` (YAML's list): Pelican makes the tags '[a' and 'b]'."""
    found = []
    for field in doc.meta.fields:
        value = field.value.strip()
        if field.key in ("tags", "authors") and value.startswith("[") and value.endswith("]"):
            problem = f"write the words separated by commas, without brackets: '{value[1:-1]}'"
            found.append(Problem(doc.shown, field.key, field.value, problem, WARNING, field.line))
    return found


def _quoted_values(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    """`Title: "Hugo post: with colon"` (YAML's quotes): the quotes are part of the value,
    shown in the heading, the share card and the page's title."""
    found = []
    for field in doc.meta.fields:
        value = field.value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            problem = f"written with quotes, which would be shown: write '{value[1:-1]}'"
            found.append(Problem(doc.shown, field.key, field.value, problem, WARNING, field.line))
    return found


def _continued(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    """A field carried on by an indented line (four spaces or a tab): Python-Markdown reads
    the line as more of that field, so `Title: x` then an indented `Lang: en` makes no
    Lang (Pelican keeps a title's first line). Fine for the fields Pelican joins
    (FORMATTED_FIELDS: a summary); an error when the line sets a field that decides
    publishing, a warning otherwise."""
    joined = {str(name).lower() for name in settings.get("FORMATTED_FIELDS") or ["summary"]}
    found = []
    for field in doc.meta.fields:
        if not field.continued or field.key in joined:
            continue
        more = field.value.split("\n")[1]
        message = (
            f"this indented line carries on field '{field.key}', so it is read as part of it: "
            f"write '{more}' on a line of its own, not indented"
        )
        meant = META_RE.match(more)
        severity: Severity = WARNING
        if (
            meant
            and meant["key"].lower() in PUBLISHING
            and _decides(meant["key"].lower(), meant["value"])
        ):
            message += f"; the page would be published without its '{meant['key'].lower()}'"
            severity = ERROR
        found.append(_problem(doc, field.continued, message, severity))
    return found


def _header_cut_short(doc: Document, settings: Mapping[str, Any]) -> list[Problem]:
    """`Tags : a`, `Event Start:` or an indented line in the header: Pelican stops reading
    fields there, silently. An error when a field cut off decides whether, where or in
    what language the page is published (`Lang`, `Status`, `Slug`...), a warning otherwise."""
    if not doc.meta.ended_by_text:
        return []
    number, text = doc.meta.body[0]
    ended = _why_the_header_ends(doc, text)
    if ended is None:
        return []
    key, message = ended
    lost = _publishing_fields_lost(doc, key)
    if not lost:
        return [_problem(doc, number, message, WARNING)]
    names = ", ".join(f"'{name}'" for name in lost)
    return [_problem(doc, number, f"{message}; the page would be published without its {names}")]


def _why_the_header_ends(doc: Document, text: str) -> tuple[str, str] | None:
    """The field the line that ends the header meant to set (or ''), and what to write."""
    worded = WORDS_KEY.match(text)
    if worded:
        joined = "-".join(worded["key"].split()).lower()
        known = {name.replace("_", "-"): name for name in KNOWN_FIELDS}
        meant = known.get(joined) or (joined if joined.startswith("event-") else None)
        if meant:
            return meant, (
                f"'{worded['key']}' has a space in its name, so the header ends here and this "
                f"line and the rest are read as the text: write '{meant.capitalize()}: ...'"
            )
    spaced = SPACED_KEY.match(text)
    if spaced:
        colon = "a full-width colon '：'" if "：" in spaced["colon"] else "a space before the colon"
        return spaced["key"].lower(), (
            f"'{spaced['key']}' has {colon}, so the header ends here and this line and the "
            f"rest are read as the text: write '{spaced['key']}: ...'"
        )
    indented = SHORT_INDENT.match(text)
    if indented:
        return _indented_line(doc, indented["indent"], indented["rest"])
    return None


def _indented_line(doc: Document, indent: str, rest: str) -> tuple[str, str]:
    """`  - garden` (YAML's list) or `  more words` under a field: Markdown's reading
    carries a value on over lines indented by 4 spaces only."""
    above = doc.meta.fields[-1]
    spaces = f"{len(indent)} space{'s' if len(indent) > 1 else ''}"
    ends = (
        f"this line starts with {spaces}, so the header ends here and this line and the "
        "rest are read as the text"
    )
    if YAML_ITEM.match(rest) and not above.value:
        items = []
        for _, line in doc.meta.body:
            item = YAML_ITEM.match(line)
            if not item or not line.startswith(" "):
                break
            items.append(item["item"])
        fix = f"write the list on one line, '{above.key.capitalize()}: {', '.join(items)}'"
        return "", f"{ends} (a YAML list): {fix}"
    if above.key == "summary":  # Pelican joins a summary's lines: 4 spaces carry it on
        fix = "write the summary on one line, or start each of its further lines with 4 spaces"
    else:
        fix = f"write the value of '{above.key}' on one line"
    return "", f"{ends}: {fix}"


def _publishing_fields_lost(doc: Document, key: str) -> list[str]:
    """The fields that decide whether, where or in what language the page is published,
    among the line that ends the header (which meant to set ``key``) and the `Key: value`
    lines after it, up to the first empty line: read as text, all of them."""
    ending = doc.meta.body[0][1]
    lines = [(key, re.split("[:：]", ending, maxsplit=1)[-1])] if key else []
    for _, text in doc.meta.body[1:]:
        if not text.strip() or END_RE.match(text):
            break
        if field := META_RE.match(text):
            lines.append((field["key"].lower(), field["value"].strip()))
    lost = [name for name, value in lines if name in PUBLISHING and _decides(name, value)]
    return list(dict.fromkeys(lost))


def _decides(key: str, value: str) -> bool:
    """Whether a publishing field with this value changes the page from what Pelican
    does without it (`draft: false` changes nothing)."""
    value = value.strip().lower()
    if key == "draft":
        return value not in FALSE_WORDS
    if key == "published":
        return value in FALSE_WORDS
    return key != "status" or value != "published"


def _no_front_matter(doc: Document) -> Problem:
    """Why the checker (and Pelican) found no `Key: value` lines at the top."""
    written = [(n, text) for n, text in doc.meta.body if text.strip()]
    if not written:
        return _problem(doc, 1, "the file is empty: start it with 'Title: ...' lines")
    number, text = written[0]
    spaced = SPACED_KEY.match(text)
    if spaced and "：" in spaced["colon"]:
        return _problem(
            doc,
            number,
            f"no front matter: '{spaced['key']}' is followed by a full-width colon '：'; "
            f"write '{spaced['key']}: ...' with the colon of an English keyboard",
        )
    if text[:1].isspace() and META_RE.match(text.strip()):
        return _problem(
            doc,
            number,
            "no front matter: this line starts with spaces or a tab; the 'Key: value' "
            "lines must start at the very beginning of the line",
        )
    return _problem(
        doc,
        1,
        "no front matter: the file must start with 'Title: ...' lines (no blank line before them)",
    )
