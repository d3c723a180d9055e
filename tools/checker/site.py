"""Run every rule over a content folder: files one by one, then what needs them all."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pelican.settings import read_settings

from .documents import (
    MARKDOWN_EXTENSIONS,
    Document,
    find_documents,
    meant_markdown,
    shown_path,
    walk_files,
)
from .events import check_events
from .galleries import (
    check_gallery_folder,
    check_gallery_references,
    check_photo_file,
    gallery_root,
    is_photo,
)
from .links import check_links
from .metadata import check_metadata, site_languages
from .problems import ERROR, WARNING, Problem

# Page slugs that would collide with a section of the site (`events/`, `news/`, ...).
RESERVED_PAGE_SLUGS = (
    "news", "events", "projects", "category", "tag", "archives", "drafts", "theme", "feeds",
    "search", "static", "page",
)  # fmt: skip


def load_settings(conf: str | os.PathLike[str], content: str | os.PathLike[str]) -> dict[str, Any]:
    """The site's settings as Pelican reads them (no plugins run, nothing built)."""
    return dict(read_settings(str(conf), override={"PATH": str(Path(content).resolve())}))


def check_site(content: Path, settings: Mapping[str, Any]) -> list[Problem]:
    """Every problem in ``content``, sorted by file and line."""
    found = find_documents(content, settings)
    problems: list[Problem] = []
    for doc in found:
        problems += check_metadata(doc, settings)  # says when a file cannot be read at all
    documents = [d for d in found if not d.unreadable]
    pages = {d.path.resolve() for d in found}
    static = [(content / s).resolve() for s in settings.get("STATIC_PATHS", [])]

    def published(path: Path) -> bool:  # a page, or a static file `{filename}` may name
        return path in pages or any(path.is_relative_to(folder) for folder in static)

    for doc in documents:
        problems += check_gallery_references(doc, content, settings)
        problems += check_links(doc, content, published)
    problems += check_events(documents, settings)
    problems += check_unread(content, settings, found)
    problems += check_slugs(documents, settings)
    root = gallery_root(content, settings)
    if root.is_dir():
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            problems += check_gallery_folder(folder, root)
    for photo in _photos(content):
        problems += check_photo_file(photo, settings)
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.severity, p.message))


def check_slugs(documents: list[Document], settings: Mapping[str, Any]) -> Iterator[Problem]:
    """Two files with one address, pages on a section's address, translations with no original."""
    default_lang = settings.get("DEFAULT_LANG", "en")
    owners: dict[tuple[str, str, str], Document] = {}
    live = [d for d in documents if d.meta.get("status").lower() not in ("draft", "skip")]
    for doc in live:
        slug_field = doc.meta.first("slug")
        line = slug_field.line if slug_field else 1
        key = (doc.kind, doc.lang, doc.slug)
        if key in owners:
            yield Problem(
                doc.shown,
                line,
                ERROR,
                f"slug '{doc.slug}' (lang {doc.lang}) is already used by {owners[key].shown}: "
                "give one of them another Slug",
            )
        else:
            owners[key] = doc
        # A project's address is projects/<slug>/: only other pages sit beside sections.
        if doc.kind == "page" and not doc.is_project and doc.slug in RESERVED_PAGE_SLUGS:
            yield Problem(
                doc.shown,
                line,
                ERROR,
                f"slug '{doc.slug}' is the address of a section of the site: choose another",
            )
    languages = site_languages(settings)
    for doc in live:
        if doc.lang == default_lang or (doc.kind, default_lang, doc.slug) in owners:
            continue
        if doc.lang not in languages:
            continue  # `Lang: zh-CN`: reported as a wrong language, not a lost translation
        where = doc.meta.first("slug") or doc.meta.first("lang")
        yield Problem(
            doc.shown,
            where.line if where else 1,
            WARNING,
            f"translation ({doc.lang}) has no original in {default_lang} with 'Slug: {doc.slug}': "
            f"the two files must have the same Slug (or add the {default_lang} file)",
        )


def check_unread(
    content: Path, settings: Mapping[str, Any], documents: list[Document]
) -> Iterator[Problem]:
    """Markdown files outside the folders Pelican reads: never published as pages."""
    read = {d.path.resolve() for d in documents}
    folders = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
    where = ", ".join(f"{shown_path(content / f)}/" for f in folders)
    for path in walk_files(content, list(settings.get("IGNORE_FILES", []))):
        meant = meant_markdown(path.name)
        if meant:
            yield Problem(
                shown_path(path),
                1,
                WARNING,
                f"the site does not read this file: rename it {meant}",
            )
        elif path.name.endswith(MARKDOWN_EXTENSIONS) and path.resolve() not in read:
            yield Problem(
                shown_path(path),
                1,
                WARNING,
                f"the site does not read this file (it is in no folder of pages): move it to "
                f"one of {where}",
            )


def _photos(content: Path) -> Iterator[Path]:
    for here, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if is_photo(Path(name)) and not name.startswith("."):
                yield Path(here) / name
