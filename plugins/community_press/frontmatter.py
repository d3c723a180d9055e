"""Read a Markdown file's metadata the way Pelican's Markdown reader does, keeping line numbers.

Pelican hands Markdown files to Python-Markdown's ``meta`` extension: ``Key: value`` lines at
the top, continuation lines indented by four spaces, an optional ``---`` first line, and the
first blank line (or ``---``/``...``) ends the block. The regular expressions below are that
extension's, so the checker sees exactly the keys the build will see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .lines import text_lines
from .problems import Problem

META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")
TAB_LENGTH = 4  # Python-Markdown's: a tab is read as spaces to the next multiple of 4


@dataclass(frozen=True)
class Field:
    """One metadata key as written: lower-case name, value, and the line it starts on."""

    key: str
    value: str
    line: int
    # The first line that carries the value on (indented by four spaces or a tab), 0 if none.
    continued: int = 0


@dataclass
class FrontMatter:
    """A file's metadata fields in order, and its body lines numbered from the file's top."""

    fields: list[Field] = field(default_factory=list)
    body: list[tuple[int, str]] = field(default_factory=list)
    # The header ended at a line that is no `Key: value` line, not at an empty line: the
    # body starts there (Python-Markdown's reading, which the checker warns about).
    ended_by_text: bool = False

    def first(self, key: str) -> Field | None:
        """The first field called ``key`` (lower case), as Pelican keeps for single keys."""
        return next((f for f in self.fields if f.key == key), None)

    def get(self, key: str, default: str = "") -> str:
        found = self.first(key)
        return found.value if found else default

    def all(self, key: str) -> list[Field]:
        return [f for f in self.fields if f.key == key]

    def line_of(self, key: str | None) -> int:
        """The line a field starts on; 1 (the top) when the file has no such field."""
        found = self.first(key.lower()) if key else None
        return found.line if found else 1

    def place(self, problem: Problem) -> Problem:
        """A rule's problem in this file, on the line of its field unless it has one."""
        return problem if problem.line else problem.at(self.line_of(problem.field))


def parse_front_matter(text: str) -> FrontMatter:
    """Split Markdown source into metadata fields and body lines (1-based line numbers).

    Lines end where Python-Markdown ends them, at a line feed (or a carriage return): not
    at the other breaks `str.splitlines` knows (U+2028 pasted from a web page, a vertical
    tab from Word), which Markdown keeps inside a line."""
    lines = text_lines(text)
    result = FrontMatter()
    index = 0
    if lines and BEGIN_RE.match(lines[0]):
        index = 1
    current: list[str] | None = None
    start = more_at = 0
    key = ""

    def close() -> None:
        if current is not None:
            result.fields.append(Field(key, "\n".join(current), start, more_at))

    while index < len(lines):
        line = lines[index].expandtabs(TAB_LENGTH)  # as Python-Markdown reads the source
        if line.strip() == "" or END_RE.match(line):
            index += 1
            break
        head = META_RE.match(line)
        more = META_MORE_RE.match(line)
        if head:
            close()
            key, start, more_at = head.group("key").lower().strip(), index + 1, 0
            current = [head.group("value").strip()]
        elif more and current is not None:
            current.append(more.group("value").strip())
            more_at = more_at or index + 1
        else:
            result.ended_by_text = True
            break
        index += 1
    close()
    result.body = [(number + 1, lines[number]) for number in range(index, len(lines))]
    return result


def read_front_matter(path: Path) -> FrontMatter:
    """Read ``path`` as Pelican does (UTF-8, a byte-order mark ignored)."""
    return parse_front_matter(path.read_text(encoding="utf-8-sig"))


def on_their_lines(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem with its line, as `make check` prints it: a field's on the line where
    its file sets the field (each file read once), any other on line 1 (the whole file)."""
    fronts: dict[str, FrontMatter | None] = {}
    placed = []
    for problem in problems:
        if not problem.line and problem.field and problem.source not in fronts:
            try:
                fronts[problem.source] = read_front_matter(Path(problem.source))
            except (OSError, ValueError):  # gone, or no text: the whole file
                fronts[problem.source] = None
        front = None if problem.line else fronts.get(problem.source)
        placed.append(front.place(problem) if front else problem.placed())
    return placed
