"""Every rule over a content folder: each file on its own, then what needs them all.

`check_site` is what `make check` prints and what the build stops on (`glue`). Rules of
one file are `document_problems`; `text_problems` runs them on a file not yet written
(`make new-*`). Cross-file rules live here: two files with one slug, pages on a section's
address, translations without an original, Markdown files the site never reads, two
events with one UID, gallery folders and photos.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Set
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.core import UnknownLocaleError
from community_press import ERROR, WARNING, Problem, available_cores, lang_setting, shown_path
from community_press.frontmatter import parse_front_matter
from community_press.problems import Severity
from events.rules import (
    event_problems,
    is_event,
    key_problems,
    rules_with_kept,
    save_rules_read,
    uid_problems,
)
from events.settings import EventRules
from events.settings import path_of as event_path
from gallery.background import decoded_by_gallery
from gallery.digests import DIGESTS, DigestMemo
from gallery.folders import photos_in
from gallery.privacy import quiet, uncleanable
from gallery.rules import folder_problems, gallery_problems, photo_problems
from listings.content import Word, shared_urls
from projects.core import is_project
from projects.rules import project_problems
from sharecards.fonts import Fonts, find_fonts
from sharecards.rules import card_problems, date_label
from translations.catalogues import site_catalogue_problems
from translations.settings import content_languages
from video.rules import video_problems

from .body import visible_lines
from .documents import (
    MARKDOWN_EXTENSIONS,
    VCS_FOLDERS,
    Document,
    document_of,
    find_documents,
    leads_outside,
    links_outside,
    meant_markdown,
    read_document,
    walk_files,
)
from .fields import field_problems, parse_date, theme_templates
from .html import balance_problems, html_problems
from .links import Listed, link_problems, may_link
from .memo import FileMemo, fingerprint, load_memo, save_memo, site_stamp
from .settings import site_settings

__all__ = [
    "RESERVED_PAGE_SLUGS",
    "Site",
    "check_site",
    "document_problems",
    "file_errors",
    "text_problems",
]

# Page slugs that would collide with a section of the site (`events/`, `news/`, ...);
# `reserved_slugs` adds the folders the site's settings write to and its languages.
RESERVED_PAGE_SLUGS = (
    "news", "events", "projects", "category", "tag", "archives", "drafts", "theme", "feeds",
    "search", "static", "page",
)  # fmt: skip


def _save_as_values(settings: Mapping[str, Any]) -> list[str]:
    """Where the site's own pages go: the value of every *_SAVE_AS setting."""
    return [v for k, v in settings.items() if k.endswith("_SAVE_AS") and isinstance(v, str)]


def reserved_slugs(settings: Mapping[str, Any]) -> frozenset[str]:
    """The addresses a page may not take: the sections above, the first folder of every
    *_SAVE_AS setting (`digest/`, `share/`, `admin/`...) and the site's languages (the
    `/<lang>/` trees)."""
    firsts = (value.split("/", 1)[0] for value in _save_as_values(settings))
    folders = {first for first in firsts if "{" not in first}
    return frozenset({*RESERVED_PAGE_SLUGS, *folders, *content_languages(settings)} - {""})


@dataclass
class Site:
    """What the rules of one file may need to know of the others."""

    content: Path
    settings: Mapping[str, Any]
    documents: list[Document] = field(default_factory=list)
    published: Callable[[Path], bool] = lambda _: True
    listed: Listed = lambda kind, name: ""
    drafted: Callable[[Path], bool] = lambda _: False
    memo: FileMemo | None = None
    _originals: dict[tuple[str, str], Document] | None = None
    _templates: list[str] | None = None
    _event_rules: EventRules | None = None

    def original_of(self, doc: Document) -> Document | None:
        """The default-language file a translation translates (same kind and slug)."""
        default = self.settings.get("DEFAULT_LANG", "en")
        if doc.lang == default:
            return None
        if self._originals is None:
            self._originals = {(d.kind, d.slug): d for d in self.documents if d.lang == default}
        return self._originals.get((doc.kind, doc.slug))

    def relative(self, doc: Document) -> str:
        return doc.relative

    @functools.cached_property
    def card_fonts(self) -> tuple[Fonts, str] | None:
        """The share cards' fonts and their fingerprint, found once; None when the site
        draws no cards (or this machine has no font: the build says so once)."""
        s = self.settings
        drawn = "sharecards" in (s.get("PLUGINS") or [])
        if not drawn:
            return None
        fonts = find_fonts(s["SHARECARDS_FONT"], s["SHARECARDS_BOLD_FONT"], content_languages(s))
        return (fonts, fonts.fingerprint()) if fonts else None

    def event_rules(self) -> EventRules:
        """The events plugin's rules for this run, made once (they read its kept RRULEs)."""
        if self._event_rules is None:
            self._event_rules = rules_with_kept(self.settings)
        return self._event_rules

    def templates(self) -> list[str]:
        """The theme's template names (`fields.theme_templates`), listed once."""
        if self._templates is None:
            self._templates = theme_templates(self.settings)
        return self._templates


def _order(problem: Problem) -> tuple[str, int, str, str]:
    """How `make check` lists problems: by file, line, severity and message."""
    return (problem.source, problem.line, problem.severity, problem.message)


def check_site(
    content: Path, settings: Mapping[str, Any], memo: FileMemo | None = None
) -> list[Problem]:
    """Every problem in ``content``, sorted by file and line. ``settings`` as Pelican read
    them; every plugin's defaults are filled in here. With a `memo` (the build keeps one),
    files unchanged since it was made are not read again."""
    settings = site_settings(settings)
    content = content.resolve()  # once: every path below it is then as resolved
    site = Site(content, settings, find_documents(content, settings, memo), memo=memo)
    pages = {d.path for d in site.documents}
    static = [content / s for s in settings.get("STATIC_PATHS", [])]

    def published(path: Path) -> bool:  # a page, or a static file `{filename}` may name
        return path in pages or any(path.is_relative_to(folder) for folder in static)

    site.published = published
    drafts = {d.path for d in site.documents if (d.meta.get("status") or "").lower() == "draft"}
    site.drafted = drafts.__contains__
    readable = [d for d in site.documents if not d.unreadable]
    plain = dict(settings)  # what Pelican's URL wrappers take, made once
    words, lines = site_words(readable, plain, memo)
    site.listed = listed_words(words, plain, _authors(readable, settings))
    problems: list[Problem] = []
    for doc in site.documents:
        problems += document_problems(doc, site)
    problems += slug_problems(readable, settings)
    problems += word_problems(words, lines)
    problems += unread_problems(content, settings, site.documents)
    problems += outside_problems(content, settings)
    problems += _uid_problems(readable, site)
    problems += galleries_problems(content, settings, memo)
    problems += static_image_problems(content, settings, memo)
    if site._event_rules is not None:
        save_rules_read(site._event_rules)  # the build's events plugin reads them next
    # A file's problem without a line (a photo, a folder) is about the whole file: line 1.
    # Each once, keyed on its text: a repeated key's value is a list, which has no hash.
    placed = {str(q): q for q in (p.placed() for p in problems)}
    return sorted(placed.values(), key=_order)


def document_problems(doc: Document, site: Site) -> list[Problem]:
    """The problems of one file: its front matter, its text, its event fields and its
    gallery; each on its line."""
    if doc.unreadable:
        return field_problems(doc, site.settings)
    meta = doc.metadata()
    original = site.original_of(doc)
    event = is_event(
        meta, site.relative(doc), site.settings, original.metadata() if original else None
    )

    # The summary is Markdown too, shown in lists and feeds: the body's HTML and link
    # rules apply to it.
    summary = doc.meta.first("summary")
    said = list(enumerate(summary.value.split("\n"), summary.line)) if summary else []

    def own() -> list[Problem]:  # decided by the file's own text
        found = field_problems(doc, site.settings, dated_elsewhere=event)
        hosts = site.settings["TRUSTED_FRAME_HOSTS"]
        body = doc.visible_lines()
        found += balance_problems(doc.shown, body)
        return found + html_problems(doc.shown, [*said, *body], hosts)

    def linking() -> list[tuple[int, str]]:  # the lines that may hold a link or image
        return [(n, text) for n, text in [*said, *doc.visible_lines()] if may_link(text)]

    memo = site.memo
    found = list(memo.get(doc.path, f"own:{event}", own) if memo else own())  # kept: a copy
    linked = memo.get(doc.path, "linking", linking) if memo else linking()
    found += link_problems(
        doc, site.content, linked, site.published, site.listed, drafted=site.drafted
    )
    found += _event_problems(doc, meta, event, original, site)
    found += [] if event else _far_ahead(doc)
    found += gallery_problems(meta, doc.shown, site.content, site.settings)
    found += video_problems(meta, doc.shown, site.content, site.settings)
    project = doc.kind == "page" and is_project(doc.relative, site.settings)
    if project:
        found += project_problems(meta, doc.shown, site.templates())
    card = site.card_fonts
    if card is not None and (doc.kind == "article" or event or project):  # with a card
        dated = ""
        if doc.kind == "article" and not event and (written := parse_date(doc.meta.get("date"))):
            with contextlib.suppress(ValueError, UnknownLocaleError):  # no such language:
                # said above, by the language rule
                dated = date_label(written, doc.lang, site.settings)
        drawable = functools.partial(card_problems, meta, doc.shown, card[0], dated)
        found += memo.get(doc.path, f"card:{card[1]}", drawable) if memo else drawable()
    return [doc.place(p) for p in found]


def text_problems(
    text: str, path: Path, content: Path, kind: str, settings: Mapping[str, Any]
) -> list[Problem]:
    """The problems of a file about to be written at ``path`` (``make new-*``): its front
    matter, raw HTML and event fields (the rest needs the file on disk)."""
    settings = site_settings(settings)
    doc = document_of(path, content, kind, parse_front_matter(text), settings)
    site = Site(content, settings, [*find_documents(content, settings), doc])
    meta = doc.metadata()
    original = site.original_of(doc)
    event = is_event(meta, site.relative(doc), settings, original.metadata() if original else None)
    found = field_problems(doc, settings, dated_elsewhere=event)
    found += html_problems(doc.shown, visible_lines(doc.meta.body), settings["TRUSTED_FRAME_HOSTS"])
    found += _event_problems(doc, meta, event, original, site)
    return sorted((doc.place(p) for p in found), key=lambda p: (p.line, p.message))


def file_errors(path: Path, content: Path, kind: str, settings: Mapping[str, Any]) -> list[Problem]:
    """The errors one file on disk shows by itself (its front matter, raw HTML), without
    reading the rest of the site: what the devserver's fast path asks before it shows an
    edit, so that it never shows a page the build will refuse. Rules that need other files
    (links, a translation's original, an event's dates) wait for the full build."""
    settings = site_settings(settings)
    doc = read_document(path, content, kind, settings)
    found = field_problems(doc, settings, dated_elsewhere=True)
    found += html_problems(doc.shown, visible_lines(doc.meta.body), settings["TRUSTED_FRAME_HOSTS"])
    return [p for p in found if p.is_error]


# An article dated further ahead than this is most likely a mistyped year (2052 for 2025).
FAR_AHEAD = dt.timedelta(days=366)


def _far_ahead(doc: Document) -> list[Problem]:
    """An article's Date more than a year after today (judged today, so never memoised)."""
    field = doc.meta.first("date")
    written = parse_date(field.value) if field else None
    if field is None or written is None or written - dt.datetime.now(written.tzinfo) <= FAR_AHEAD:
        return []
    problem = (
        "more than a year from today: is the year mistyped? (the site lists the article as "
        "published now, dated then)"
    )
    return [Problem(doc.shown, "date", field.value, problem, WARNING, field.line)]


def _event_problems(
    doc: Document,
    meta: Mapping[str, object],
    event: bool,
    original: Document | None,
    site: Site,
) -> list[Problem]:
    if not event:
        return key_problems(meta, doc.shown)
    return event_problems(
        meta,
        doc.shown,
        site.event_rules(),
        original.metadata() if original else None,
        original_source=original.shown if original else "",
    )


def _uid_problems(documents: Iterable[Document], site: Site) -> list[Problem]:
    """Two events with one UID, among the originals (a translation shares its original's)."""
    events = []
    byshown = {d.shown: d for d in documents}
    for doc in byshown.values():
        meta = doc.metadata()
        if site.original_of(doc) is None and is_event(meta, site.relative(doc), site.settings):
            events.append((doc.shown, doc.slug, meta))
    return [byshown[p.source].place(p) for p in uid_problems(events, site.event_rules())]


def slug_problems(documents: list[Document], settings: Mapping[str, Any]) -> list[Problem]:
    """Two files with one address, pages on a section's address, translations with no
    original."""
    owners: dict[tuple[str, str, str], Document] = {}
    live = [d for d in documents if d.status not in ("draft", "skip")]
    reserved = reserved_slugs(settings)
    folded: dict[tuple[str, str, str], Document] = {}
    found = _save_as_problems(live, settings)
    for doc in live:
        line = doc.line_of("slug")
        if not doc.slug:
            problem = (
                "the title has no letter or digit to make the page's address from: add a "
                "line 'Slug: ...' (lower-case letters, digits and '-')"
            )
            found.append(Problem(doc.shown, None, None, problem, ERROR, line))
            continue
        key = (doc.kind, doc.lang, doc.slug)
        twin = folded.setdefault((doc.kind, doc.lang, doc.slug.casefold()), doc)
        if twin is not doc and twin.slug != doc.slug:
            problem = (
                f"slug '{doc.slug}' differs from {twin.shown}'s '{twin.slug}' only in capitals: "
                "on Windows and macOS one folder would hold both pages; give it another Slug"
            )
            found.append(Problem(doc.shown, None, None, problem, ERROR, line))
        if key in owners:
            problem = (
                f"slug '{doc.slug}' (lang {doc.lang}) is already used by {owners[key].shown}: "
                "give one of them another Slug"
            )
            found.append(Problem(doc.shown, None, None, problem, ERROR, line))
        else:
            owners[key] = doc
        # A project's address is projects/<slug>/: only other pages sit beside sections.
        project = is_project(doc.relative, settings)
        if doc.kind == "page" and not project and doc.slug in reserved:
            problem = f"slug '{doc.slug}' is the address of a section of the site: choose another"
            found.append(Problem(doc.shown, None, None, problem, ERROR, line))
    return found + _orphans(live, owners, settings)


def _save_as_problems(live: list[Document], settings: Mapping[str, Any]) -> list[Problem]:
    """`Save_as:` lines that would overwrite another file's page, or one of the site's own
    pages (Pelican lets them, without a word)."""
    own = {value for value in _save_as_values(settings) if value and "{" not in value}
    first: dict[str, Document] = {}
    found = []
    natural = {
        target: doc
        for doc in live
        if doc.meta.first("save_as") is None and (target := _natural_save_as(doc, settings))
    }
    for doc in live:
        field = doc.meta.first("save_as")
        if field is None or not field.value:
            continue
        target = field.value.strip("/")
        if target in natural and natural[target] is not doc:
            problem = (
                f"the page of {natural[target].shown} is written there, so one would overwrite "
                "the other: give this one another Save_as (or delete the line)"
            )
            found.append(Problem(doc.shown, "save_as", field.value, problem, ERROR, field.line))
        elif target in first:
            problem = (
                f"{first[target].shown} is saved there too, so one would overwrite the other: "
                "give one of them another Save_as (or delete the line)"
            )
            found.append(Problem(doc.shown, "save_as", field.value, problem, ERROR, field.line))
        elif target in own:
            problem = "this file replaces the site's own page there (delete the line to keep it)"
            found.append(Problem(doc.shown, "save_as", field.value, problem, WARNING, field.line))
        first.setdefault(target, doc)
    return found


def _natural_save_as(doc: Document, settings: Mapping[str, Any]) -> str | None:
    """Where the build writes `doc`'s page without a Save_as line (None when its setting
    needs more than the slug and the language)."""
    fields = {"slug": doc.slug, "lang": doc.lang}
    try:
        if doc.section == "events" or doc.meta.first("event-start") is not None:
            return event_path(settings, "EVENT_SAVE_AS", doc.lang, **fields).strip("/")
        if doc.kind == "page":
            project = is_project(doc.relative, settings)
            key = "GALLERY_PROJECT_SAVE_AS" if project else "PAGE_SAVE_AS"
        else:
            key = "ARTICLE_SAVE_AS"
        key = lang_setting(key, doc.lang, str(settings.get("DEFAULT_LANG", "en")))
        return str(settings[key]).format(**fields).strip("/")
    except (KeyError, IndexError, ValueError, AttributeError):
        return None


def site_words(
    documents: list[Document], settings: dict[str, Any], memo: FileMemo | None = None
) -> tuple[list[Word], dict[tuple[str, str], int]]:
    """The categories and tags of every live article, with the line of each file's field.
    Each file's words (and their URLs, made by Pelican's slugify: the costly part) are
    remembered while it is unchanged."""
    words: list[Word] = []
    lines: dict[tuple[str, str], int] = {}
    for doc in documents:
        if doc.kind != "article" or doc.status in ("draft", "skip"):
            continue
        made = functools.partial(_words_of, doc, settings)
        words += memo.get(doc.path, "words", made) if memo else made()
        lines.update({(doc.shown, name): doc.line_of(name) for name in ("category", "tags")})
    return words, lines


def word_problems(words: list[Word], lines: Mapping[tuple[str, str], int]) -> list[Problem]:
    """Categories and tags that would get no page of their own (`listings.shared_urls`,
    which the build runs again on Pelican's own tags)."""
    return [
        Problem(word.source, word.field, word.name, why, ERROR, lines[(word.source, word.field)])
        for word, why in shared_urls(words)
    ]


def listed_words(
    words: list[Word], settings: dict[str, Any], authors: Collection[str] = ()
) -> Listed:
    """Why a `{tag}x`, `{category}x` or `{author}x` link would lead nowhere ("" when it
    leads to a page): Pelican links to the page whether or not it makes one, and makes
    one only for a name some article has, when the site makes such pages at all
    (TAG_SAVE_AS, CATEGORY_SAVE_AS, AUTHOR_SAVE_AS; author pages are off by default)."""
    known = {(w.field, w.slug) for w in words}
    author_slugs = {str(_wrapped("author", a, settings).slug) for a in authors}

    def listed(kind: str, name: str) -> str:
        if not settings.get(f"{kind.upper()}_SAVE_AS"):
            return f"this site makes no {kind} pages ({kind.upper()}_SAVE_AS is empty)"
        slug = str(_wrapped(kind, name, settings).slug)
        if kind == "author":
            return "" if slug in author_slugs else f"no article has the author '{name}'"
        field_name = "tags" if kind == "tag" else "category"
        return "" if (field_name, slug) in known else f"no article has the {kind} '{name}'"

    return listed


def _authors(documents: Iterable[Document], settings: Mapping[str, Any]) -> set[str]:
    """Every author an article names (Author or Authors, comma-separated), and AUTHOR."""
    found = {str(settings["AUTHOR"])} if settings.get("AUTHOR") else set()
    for doc in documents:
        if doc.kind != "article":
            continue
        for key in ("author", "authors"):
            field = doc.meta.first(key)
            if field is not None:
                found.update(a.strip() for a in field.value.split(",") if a.strip())
    return found


def _wrapped(field_name: str, name: str, settings: dict[str, Any]) -> Any:
    """Pelican's Category, Tag or Author of `name`: its URL and slug, as the build makes
    them."""
    from pelican.urlwrappers import Author, Category, Tag  # noqa: PLC0415 - only when needed

    kinds = {"category": Category, "author": Author}
    return kinds.get(field_name, Tag)(name, settings)


def _words_of(doc: Document, settings: dict[str, Any]) -> list[Word]:
    category = doc.meta.get("category")
    pairs = [("category", category)] if category else []
    pairs += [("tags", t.strip()) for t in doc.meta.get("tags").split(",") if t.strip()]
    found = []
    for name, value in pairs:
        wrapper = _wrapped(name, value, settings)
        found.append(Word(doc.shown, name, value, str(wrapper.url), str(wrapper.slug)))
    return found


def _name_stem(doc: Document) -> tuple[str, str]:
    """A file's folder and name without its extension and language: ``hello.en.md`` and
    ``hello.zh.md`` (or ``hello.md``) are versions of one text by their names."""
    stem = doc.path.name.rsplit(".", 1)[0]
    head, _, tail = stem.rpartition(".")
    return str(doc.path.parent), head if head and tail == doc.lang else stem


def _orphans(
    live: list[Document],
    owners: Mapping[tuple[str, str, str], Document],
    settings: Mapping[str, Any],
) -> list[Problem]:
    """A translation named like a default-language file (``x.en.md`` beside ``x.zh.md``)
    but with another Slug: the site shows them as two unrelated texts. A text in one
    language only, with no such sibling, is no mistake."""
    default_lang = settings.get("DEFAULT_LANG", "en")
    languages = content_languages(settings)
    siblings = {(d.kind, *_name_stem(d)): d for d in live if d.lang == default_lang}
    found = []
    for doc in live:
        if doc.lang == default_lang or (doc.kind, default_lang, doc.slug) in owners:
            continue
        if doc.lang not in languages:
            continue  # `Lang: zh-CN`: reported as a wrong language, not a lost translation
        sibling = siblings.get((doc.kind, *_name_stem(doc)))
        if sibling is None:
            continue
        where = doc.meta.first("slug") or doc.meta.first("lang")
        problem = (
            f"translation ({doc.lang}) of {sibling.shown} has 'Slug: {doc.slug}' but the "
            f"original has 'Slug: {sibling.slug}': give both the same Slug, or the site shows "
            "them as two unrelated texts"
        )
        found.append(Problem(doc.shown, None, None, problem, WARNING, where.line if where else 1))
    return found


# Pelican's other readers, which the site turns off (community_press.defaults.READERS):
# a file in a folder of pages in one of these formats would silently not be published.
OTHER_FORMATS = {
    ".rst": "reStructuredText", ".rest": "reStructuredText", ".html": "HTML", ".htm": "HTML",
}  # fmt: skip


def unread_problems(
    content: Path, settings: Mapping[str, Any], documents: list[Document]
) -> list[Problem]:
    """Markdown files outside the folders Pelican reads: never published as pages; and
    pages written in another format (from an older Pelican site), which the site does not
    read, wherever they are but in the folders published as they are (STATIC_PATHS)."""
    read = {d.path for d in documents}
    folders = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
    where = ", ".join(f"{shown_path(content / f)}/" for f in folders)
    static = [content / f for f in settings.get("STATIC_PATHS", [])]
    found = []
    for path in walk_files(content, list(settings.get("IGNORE_FILES", []))):
        meant = meant_markdown(path.name)
        other = OTHER_FORMATS.get(path.suffix.lower())
        severity: Severity = WARNING
        if meant:
            problem = f"the site does not read this file: rename it {meant}"
        elif path.name.endswith(MARKDOWN_EXTENSIONS) and path not in read:
            problem = (
                "the site does not read this file (it is in no folder of pages): move it to "
                f"one of {where}"
            )
        elif other and not any(path.is_relative_to(folder) for folder in static):
            severity = ERROR
            problem = (
                f"a page in {other}, which this site does not read, so it would not be "
                f"published: write it in Markdown as {path.stem}.md, its fields as "
                "'Key: value' lines at the top (':date: 2020-01-01' becomes "
                "'Date: 2020-01-01')"
            )
        else:
            continue
        found.append(Problem(shown_path(path), None, None, problem, severity, 1))
    return found


def outside_problems(content: Path, settings: Mapping[str, Any]) -> list[Problem]:
    """Links in the content that lead out of it: Pelican follows them, so a link to
    /etc/passwd, a home folder or a parent of the repository would publish the building
    machine's files. The galleries say the same of their own links."""
    galleries = content / str(settings["GALLERY_PATH"])
    found = []
    for path in links_outside(content, skip=galleries):
        what = "folder" if path.is_dir() else "file"
        problem = (
            f"a link to {path.resolve()}, outside the content folder: the site would publish "
            f"that {what} of the computer that builds it; put a copy of what you mean to "
            "publish in the content folder instead"
        )
        found.append(Problem(shown_path(path), None, None, problem, ERROR, 1))
    return found


def galleries_problems(
    content: Path, settings: Mapping[str, Any], memo: FileMemo | None = None
) -> list[Problem]:
    """Each gallery folder (captions, alt text) and each photo (size, GPS, whether it
    decodes; remembered by `memo` while the photo's bytes are the same: `memo.digests`
    has its digest, from the gallery's own memo, which knows a fresh clone's photos)."""
    found: list[Problem] = []
    root = content / str(settings["GALLERY_PATH"])
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            found += folder_problems(folder, root, content)
    photos = list(photos_in(content))
    if memo is None:
        checked = _check_photos(photos, settings, content)
        return found + [p for photo in photos for p in checked[photo]]
    stamps: dict[Path, object] = {}
    for photo in photos:
        try:
            stamps[photo] = memo.digest(photo)
        except OSError:
            stamps[photo] = None  # unreadable: photo_problems says so
    # A photo whose bytes the gallery has decoded, or is decoding in this build, is not
    # decoded here as well (the gallery refuses a broken one with the same words); its
    # other problems are remembered apart, so that `make check` still decodes it.
    name = {p: _memo_name(stamps[p], settings) for p in photos}
    new = [p for p in photos if stamps[p] is None or not memo.has(p, name[p], stamps[p])]
    checked = _check_photos(new, settings, content, {p for p in new if name[p] != "photo"})
    for photo in photos:
        found += memo.get(
            photo, name[photo], functools.partial(checked.__getitem__, photo), stamps[photo]
        )
    return found


def static_image_problems(
    content: Path, settings: Mapping[str, Any], memo: FileMemo | None = None
) -> list[Problem]:
    """Images in the static folders (STATIC_PATHS) the build would have to publish with
    their metadata: it refuses them after the build (the sweep); this says it first."""
    ignore = list(settings.get("IGNORE_FILES", []))
    found = []
    for folder in settings.get("STATIC_PATHS", []):
        if not (content / folder).is_dir():
            continue
        for path in walk_files(content / folder, ignore, within=content):
            if leads_outside(path, content):
                continue  # refused as such, not read
            why = functools.partial(_uncleanable, path)
            reason = memo.get(path, "static-image", why) if memo else why()
            if reason:
                problem = f"{reason}; the site cannot publish it without its metadata"
                found.append(Problem(shown_path(path), None, None, problem, ERROR, 1))
    return found


def _uncleanable(path: Path) -> str:
    try:
        return uncleanable(path)
    except Exception as exc:  # damaged: the sweep cannot check it either
        return f"cannot be checked for GPS and other metadata ({exc})"


def _memo_name(digest: object, settings: Mapping[str, Any]) -> str:
    known = isinstance(digest, str) and decoded_by_gallery(digest, settings)
    return "photo-header" if known else "photo"


def _check_photos(
    photos: list[Path],
    settings: Mapping[str, Any],
    content: Path,
    undecoded: Set[Path] = frozenset(),
) -> dict[Path, list[Problem]]:
    """`photo_problems` of each photo (those in `undecoded` from their header only),
    several at a time: decoding lets go of the GIL. Pillow's warnings are silenced around
    the threads, once (see `gallery.privacy.quiet`: each thread's own silencing would
    otherwise undo another's)."""

    def one(photo: Path) -> list[Problem]:
        return photo_problems(photo, settings, content, decode=photo not in undecoded)

    if len(photos) - len(undecoded) < 2:
        return {photo: one(photo) for photo in photos}
    with quiet(), ThreadPoolExecutor(available_cores()) as threads:
        return dict(zip(photos, threads.map(one, photos), strict=True))


def check_content(settings: Mapping[str, Any]) -> list[Problem]:
    """`check_site` on the site's content folder (PATH), as the build and `make check` both
    run it: files unchanged since the last run (kept in CACHE_PATH when CACHE_CONTENT is
    on) are not read again. With the translations plugin, its catalogues' problems too
    (outside the memo: the `.po` files are no content)."""
    found = _content_problems(settings)
    if "translations" not in (settings.get("PLUGINS") or []):
        return found
    catalogues = [p.placed() for p in site_catalogue_problems(settings)]
    return sorted(found + catalogues, key=_order)


def _content_problems(settings: Mapping[str, Any]) -> list[Problem]:
    cache = settings.get("CACHE_PATH") if settings.get("CACHE_CONTENT", True) else None
    content = Path(settings["PATH"]).resolve()
    if not cache:
        return check_site(content, settings)
    full = site_settings(settings)
    templates = theme_templates(settings)
    memo = load_memo(cache, fingerprint(full, templates, os.getcwd()))
    digests = _file_digests(content, settings)
    memo.digests = {path: d for path, d in digests.items() if d is not None}
    files = [(Path(path).relative_to(content).as_posix(), d) for path, d in digests.items()]
    stamp = site_stamp({**full, "templates": templates}, files)
    if memo.site is not None and memo.site[0] == stamp:
        return list(memo.site[1])  # nothing any rule reads has changed
    problems = check_site(content, settings, memo)
    memo.site = (stamp, problems)
    save_memo(cache, memo)
    return problems


def _file_digests(content: Path, settings: Mapping[str, Any]) -> dict[str, str | None]:
    """Every file under `content`, by path, with the SHA-256 of its bytes (None if it
    cannot be read), from the gallery's memo of digests: unchanged files are not read, a
    fresh clone's are known from git's index."""
    files: list[Path] = []
    outside: set[Path] = set()  # links out of the content: listed (a new one is a change)
    for root, folders, names in os.walk(content, followlinks=True):
        folders[:] = [f for f in folders if f not in VCS_FOLDERS]  # a content repository's
        named = [Path(root) / name for name in names if name not in VCS_FOLDERS]
        away = [Path(root) / f for f in folders if leads_outside(Path(root) / f, content)]
        outside.update(away)
        outside.update(path for path in named if leads_outside(path, content))
        folders[:] = [f for f in folders if Path(root) / f not in outside]  # never walked
        files += named + away
    files.sort()
    digests = DigestMemo(Path(settings["GALLERY_CACHE_PATH"]) / DIGESTS, content)
    digests.prefetch([path for path in files if path not in outside], available_cores())
    found: dict[str, str | None] = {}
    for path in files:
        if path in outside:
            found[str(path)] = None  # never read
            continue
        try:
            found[str(path)] = digests.sha256(path)
        except OSError:
            found[str(path)] = None
    digests.save()  # the gallery plugin reads the same memo next
    return found
