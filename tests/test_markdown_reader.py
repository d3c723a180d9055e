"""The rule book's Markdown reader (one Markdown instance for every file) against
Pelican's (a new one per file): the same HTML and metadata, file after file."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from community_press import defaults
from pelican import signals
from pelican.readers import MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG
from rulebook import glue
from rulebook.markdown_reader import KeptMarkdownReader

# What one file's conversion may leave behind for the next: a table of contents, an
# abbreviation, footnotes, Markdown inside HTML, a Summary converted with the meta
# preprocessor off, fields of its own.
FILES = {
    "a.md": """Title: First
Date: 2026-01-02
Summary: A *short* summary
Tags: one, two

[TOC]

## Heading

The HTML of a page, with a note.[^1]

*[HTML]: Hyper Text Markup Language

[^1]: The note.

<div markdown="1">*inside* a div</div>
""",
    "b.md": """Title: Second
Date: 2026-01-03
Author: 李华

## Heading

HTML again, no abbreviation defined here, and [^1] is plain text.

```python
print("code")
```
""",
    "c.md": """Title: Third
Date: 2026-01-04
Summary: Key: value, which is no field

Term
:   Definition

| a | b |
|---|---|
| 1 | 2 |
""",
    "d.md": """Title: Fourth

No date, no summary, nothing else.
""",
}


def _settings() -> dict[str, object]:
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["MARKDOWN"] = copy.deepcopy(defaults.MARKDOWN)
    settings["PLUGINS"] = ["rulebook"]
    return settings


def test_one_instance_reads_every_file_as_a_new_one_would(tmp_path: Path) -> None:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    kept = KeptMarkdownReader(_settings())
    order = ["a.md", "b.md", "c.md", "d.md", "a.md", "c.md", "b.md"]
    read = {}
    for name in order:
        path = str(tmp_path / name)
        content, metadata = kept.read(path)
        assert (content, metadata) == MarkdownReader(_settings()).read(path), name
        read[name] = content, metadata
    first, second, third = read["a.md"], read["b.md"], read["c.md"]
    assert "<abbr" in first[0] and 'class="footnote"' in first[0]
    assert "<abbr" not in second[0] and "[^1] is plain text" in second[0]
    assert 'id="heading"' in second[0]  # not "heading_1": the first file's ids are gone
    assert second[1]["author"].name == "李华" and "summary" not in second[1]
    assert third[1]["summary"] == "<p>Key: value, which is no field</p>"
    assert "tags" not in third[1] and "<dl>" in third[0] and "<table>" in third[0]
    assert kept._kept is not None  # and it was one instance throughout


@pytest.mark.parametrize(
    ("plugins", "expected"), [(["rulebook"], KeptMarkdownReader), ([], MarkdownReader)]
)
def test_the_rule_book_reads_markdown_with_it(plugins: list[str], expected: type) -> None:
    """Only a site that runs the rule book gets it (tests build many sites in one process);
    Pelican's other readers are left as they are."""
    settings = _settings()
    settings["PLUGINS"] = plugins
    signals.readers_init.connect(glue.read_with_one_markdown)
    try:
        readers = Readers(settings)
    finally:
        signals.readers_init.disconnect(glue.read_with_one_markdown)
    for extension in MarkdownReader.file_extensions:
        assert type(readers.readers[extension]) is expected
    assert type(readers.readers["html"]) is not KeptMarkdownReader
