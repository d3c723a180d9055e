"""Find the Markdown files Pelican would read, and what the checker needs to know of each."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.utils import slugify

from .frontmatter import FrontMatter, read_front_matter

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


@dataclass
class Document:
    """One content file: where it is, how it is shown, and its metadata."""

    path: Path  # absolute
    shown: str  # as printed in messages (relative to the working folder when possible)
    kind: str  # "article" or "page", as Pelican treats it
    section: str  # first folder under content/: "articles", "events", "pages", "projects"
    meta: FrontMatter
    lang: str
    slug: str
    unreadable: str = ""  # where the file stops being UTF-8, when it does

    @property
    def is_event_file(self) -> bool:
        return self.section == "events"

    @property
    def is_project(self) -> bool:
        return self.section == "projects"


def shown_path(path: Path, base: Path | None = None) -> str:
    """``path`` relative to ``base`` (the working folder) when it lies inside it."""
    base = base or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def walk_files(folder: Path, ignore: list[str]) -> Iterator[Path]:
    """Files under ``folder`` in a stable order, skipping IGNORE_FILES as Pelican does."""
    for here, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not _ignored(d, ignore))
        for name in sorted(files):
            if not _ignored(name, ignore):
                yield Path(here) / name


def walk_markdown(folder: Path, ignore: list[str]) -> Iterator[Path]:
    """The Markdown files under ``folder`` that Pelican reads (its extensions, in lower case)."""
    for path in walk_files(folder, ignore):
        if path.name.endswith(MARKDOWN_EXTENSIONS):
            yield path


def meant_markdown(name: str) -> str | None:
    """The name a Markdown file needs for Pelican to read it, when it has another:
    ``x.MD`` (Pelican's extensions are lower case), ``x.md.txt`` (an editor that adds
    ``.txt``, hidden by Windows)."""
    lowered = name.lower()
    while lowered.endswith(".txt"):
        lowered = lowered.removesuffix(".txt")
    if name.endswith(MARKDOWN_EXTENSIONS) or not lowered.endswith(MARKDOWN_EXTENSIONS):
        return None
    return name[: len(lowered) - len(Path(lowered).suffix)] + Path(lowered).suffix


def make_slug(title: str, settings: Mapping[str, Any]) -> str:
    """The slug Pelican derives from a title when the file sets none."""
    return slugify(
        title,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def find_documents(content: Path, settings: Mapping[str, Any]) -> list[Document]:
    """Every Markdown article and page under ``content`` with its front matter read."""
    ignore = list(settings.get("IGNORE_FILES", []))
    default_lang = settings.get("DEFAULT_LANG", "en")
    found: list[Document] = []
    seen: set[Path] = set()
    for kind, key in (("page", "PAGE_PATHS"), ("article", "ARTICLE_PATHS")):
        for sub in settings.get(key, []):
            folder = content / sub
            if not folder.is_dir():
                continue
            for path in walk_markdown(folder, ignore):
                resolved = path.resolve()
                if resolved in seen:  # pages win, as ARTICLE_EXCLUDES makes them
                    continue
                seen.add(resolved)
                try:
                    meta, unreadable = read_front_matter(path), ""
                except UnicodeDecodeError as error:
                    meta, unreadable = FrontMatter(), f"byte {error.start}"
                relative = path.relative_to(content).parts
                title = meta.get("title")
                slug = meta.get("slug") or (make_slug(title, settings) if title else path.stem)
                found.append(
                    Document(
                        path=path,
                        shown=shown_path(path),
                        kind=kind,
                        section=relative[0] if len(relative) > 1 else "",
                        meta=meta,
                        lang=meta.get("lang") or default_lang,
                        slug=slug,
                        unreadable=unreadable,
                    )
                )
    return found
