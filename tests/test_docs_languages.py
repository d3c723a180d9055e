"""Every guide in docs/ that has a Chinese version (`X.zh.md` beside `X.md`) keeps the
same sections in both: the headings, paired by order, have the same levels and the same
`code` in them. A section added to one language and not the other fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
CODE = re.compile(r"`([^`]+)`")
# The guides volunteers read first must have a Chinese version.
REQUIRED = ("EDITING", "CMS")


def headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of every Markdown heading, outside fenced code blocks."""
    found = []
    fenced = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            found.append((len(match.group(1)), match.group(2)))
    return found


def _pairs() -> list[str]:
    return sorted(p.name.removesuffix(".zh.md") for p in DOCS.glob("*.zh.md"))


@pytest.mark.parametrize("name", REQUIRED)
def test_the_volunteer_guides_have_a_chinese_version(name: str) -> None:
    assert (DOCS / f"{name}.md").exists() and (DOCS / f"{name}.zh.md").exists()


@pytest.mark.parametrize("name", _pairs())
def test_both_languages_have_the_same_sections(name: str) -> None:
    english = headings(DOCS / f"{name}.md")
    chinese = headings(DOCS / f"{name}.zh.md")
    for index in range(max(len(english), len(chinese))):
        en = english[index] if index < len(english) else None
        zh = chinese[index] if index < len(chinese) else None
        where = f"{name}: heading {index + 1}: English {en!r}, Chinese {zh!r}"
        assert en is not None and zh is not None, f"{where}: a section is missing"
        assert en[0] == zh[0], f"{where}: not the same level"
        assert CODE.findall(en[1]) == CODE.findall(zh[1]), f"{where}: not the same `code`"


def test_headings_are_read_outside_code_blocks(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# One\n\n```markdown\n## Not a heading\n```\n\n## Two `make`\n")
    assert headings(page) == [(1, "One"), (2, "Two `make`")]
