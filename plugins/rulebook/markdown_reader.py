"""Pelican's Markdown reader, making one `markdown.Markdown` for all the files it reads.

Pelican's reader makes a new one for every file, and with the site's extensions (extra,
toc, codehilite, meta) making one is about a sixth of reading one of the bench's files
(0.5 ms of 2.8), for every file of a cold build and every edited file. Python-Markdown
reuses an instance with `reset()`, which clears what each extension kept from the last
document (footnotes, abbreviations, the table of contents, `Meta`). Pelican's reader turns
the `meta` preprocessor off to convert the formatted fields (`Summary`) and never on
again: it is put back for the next file, where the meta extension registers it.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader, Readers
from pelican.utils import pelican_open

__all__ = ["KeptMarkdownReader", "keep_one_markdown"]

# The priority markdown.extensions.meta registers its preprocessor with.
META_PRIORITY = 27


class KeptMarkdownReader(MarkdownReader):  # type: ignore[misc]
    """`MarkdownReader`, reading every file with the same Markdown instance."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._kept: Markdown | None = None
        self._meta: Any = None  # the meta extension's preprocessor

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        md = self._kept
        if md is None:
            md = self._kept = Markdown(**self.settings["MARKDOWN"])
            self._meta = md.preprocessors["meta"]
        else:
            md.reset()
            if "meta" not in md.preprocessors:
                md.preprocessors.register(self._meta, "meta", META_PRIORITY)
        self._source_path = source_path
        self._md = md
        with pelican_open(source_path) as text:
            content = md.convert(text)
        metadata = self._parse_metadata(md.Meta) if hasattr(md, "Meta") else {}
        return content, metadata


def keep_one_markdown(readers: Readers) -> None:
    """`readers_init`: our reader for the extensions Pelican's own Markdown reader reads
    (a site's own reader for them is left alone)."""
    for extension, reader in readers.reader_classes.items():
        if reader is MarkdownReader:
            readers.reader_classes[extension] = KeptMarkdownReader
