"""Find the Markdown files Pelican reads, and what the rules need to know of each.

A `Document` is one content file: where it is, how Pelican treats it (article or page),
its section, language and slug, and its front matter with line numbers. `metadata()` gives
the metadata as Pelican hands it to plugins, so plugin rules see what the build sees.
"""

from __future__ import annotations

import fnmatch
import functools
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from community_press import Problem, shown_path
from community_press.frontmatter import FrontMatter, read_front_matter

from .body import visible_lines

if TYPE_CHECKING:
    from .memo import FileMemo

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
    relative: str = ""  # below the content folder, posix: "events/open-day.zh.md"
    unreadable: str = ""  # where the file stops being UTF-8, when it does
    _visible: list[tuple[int, str]] | None = dataclass_field(
        default=None, repr=False, compare=False
    )

    def visible_lines(self) -> list[tuple[int, str]]:
        """The body's lines that reach readers (`body.visible_lines`), worked out once."""
        if self._visible is None:
            self._visible = visible_lines(self.meta.body)
        return self._visible

    @property
    def status(self) -> str:
        return self.meta.get("status").lower()

    def metadata(self) -> dict[str, object]:
        """The metadata as Pelican hands it to plugins: lower-case keys, a list when a key
        is repeated or a value runs over several lines."""
        meta: dict[str, object] = {}
        for field in self.meta.fields:
            values = field.value.split("\n")
            if field.key in meta:
                previous = meta[field.key]
                earlier = previous if isinstance(previous, list) else [previous]
                meta[field.key] = [*earlier, *values]
            else:
                meta[field.key] = values if len(values) > 1 else values[0]
        return meta

    def line_of(self, key: str | None) -> int:
        return self.meta.line_of(key)

    def place(self, problem: Problem) -> Problem:
        return self.meta.place(problem)


def _ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)


def walk_files(folder: Path, ignore: list[str], within: Path | None = None) -> Iterator[Path]:
    """Files under ``folder`` in a stable order, skipping IGNORE_FILES as Pelican does,
    and following links to folders only where they stay `within` (``folder``): a link out
    of the content is an error of its own (`links_outside`), never walked."""
    root = (within or folder).resolve()
    for here, dirs, files in os.walk(folder, followlinks=True):
        dirs[:] = sorted(
            d for d in dirs if not _ignored(d, ignore) and not leads_outside(Path(here) / d, root)
        )
        for name in sorted(files):
            if not _ignored(name, ignore):
                yield Path(here) / name


def walk_markdown(folder: Path, ignore: list[str], within: Path | None = None) -> Iterator[Path]:
    """The Markdown files under ``folder`` that Pelican reads (its extensions, in lower case)."""
    for path in walk_files(folder, ignore, within):
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
    """The slug Pelican derives from a title when the file sets none.

    Pelican's own `slugify` (a pure function), so that the slug is the very one the build
    gives; imported here only, and only when a file has no Slug line.
    """
    from pelican.utils import slugify  # noqa: PLC0415

    return str(
        slugify(
            title,
            regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
            preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
            use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
        )
    )


def read_text(path: Path) -> tuple[FrontMatter, str]:
    """A Markdown file's front matter as Pelican reads it (UTF-8, a byte-order mark
    ignored), and where it stops being UTF-8 when it does."""
    try:
        return read_front_matter(path), ""
    except UnicodeDecodeError as error:
        return FrontMatter(), f"byte {error.start}"


def read_document(
    path: Path,
    content: Path,
    kind: str,
    settings: Mapping[str, Any],
    memo: FileMemo | None = None,
) -> Document:
    """One Markdown file, read (or remembered by `memo`, if unchanged)."""
    meta, unreadable = memo.get(path, "read", lambda: read_text(path)) if memo else read_text(path)
    return document_of(path, content, kind, meta, settings, unreadable=unreadable)


@functools.lru_cache(maxsize=8)
def _shown_folder(content: Path, cwd: str) -> str:
    return shown_path(content, cwd)


def document_of(
    path: Path,
    content: Path,
    kind: str,
    meta: FrontMatter,
    settings: Mapping[str, Any],
    *,
    unreadable: str = "",
) -> Document:
    """A `Document` for front matter already read (or about to be written)."""
    relative = path.relative_to(content).parts
    top = _shown_folder(content, os.getcwd())  # resolving every file's path costs
    shown = "/".join((top, *relative)) if top != content.as_posix() else shown_path(path)
    title = meta.get("title")
    slug = meta.get("slug") or (make_slug(title, settings) if title else path.stem)
    return Document(
        path=path,
        shown=shown,
        kind=kind,
        section=relative[0] if len(relative) > 1 else "",
        meta=meta,
        lang=meta.get("lang") or settings.get("DEFAULT_LANG", "en"),
        slug=slug,
        relative="/".join(relative),
        unreadable=unreadable,
    )


def markdown_files(content: Path, settings: Mapping[str, Any]) -> list[tuple[Path, str]]:
    """Every Markdown file Pelican reads, with its kind ("page" or "article")."""
    ignore = list(settings.get("IGNORE_FILES", []))
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for kind, key in (("page", "PAGE_PATHS"), ("article", "ARTICLE_PATHS")):
        for sub in settings.get(key, []):
            folder = content / sub
            if not folder.is_dir():
                continue
            for path in walk_markdown(folder, ignore, within=content):
                if path not in seen:  # pages win, as ARTICLE_EXCLUDES makes them
                    seen.add(path)
                    found.append((path, kind))
    return found


def find_documents(
    content: Path, settings: Mapping[str, Any], memo: FileMemo | None = None
) -> list[Document]:
    """Every Markdown file Pelican reads under ``content``, read."""
    return [
        read_document(p, content, k, settings, memo) for p, k in markdown_files(content, settings)
    ]


# Version control's own folders, which no rule reads (content kept as a repository of
# its own has one; hashing its packs after a clone would cost more than the check). Git
# writes `.git` as a file instead, naming the folder elsewhere, in a submodule, a worktree
# or a clone with a separate git folder: no rule reads that either.
VCS_FOLDERS = frozenset({".git", ".hg", ".svn"})


def leads_outside(path: Path, root: Path) -> bool:
    """Whether `path` is a link (to a file or a folder) that leads out of `root`
    (resolved). A loop leads nowhere: not outside (the galleries name it)."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return False


def links_outside(content: Path, skip: Path | None = None) -> Iterator[Path]:
    """Each link under `content` (not in `skip`) that leads out of it, in a stable order;
    links are not followed here, so a link to a parent folder ends nothing."""
    root = content.resolve()
    for here, dirs, files in os.walk(content):  # does not enter a folder that is a link
        dirs[:] = sorted(d for d in dirs if d not in VCS_FOLDERS)
        for name in sorted([*dirs, *files]):
            path = Path(here) / name
            if (skip is None or not path.is_relative_to(skip)) and leads_outside(path, root):
                yield path
