"""Lines of a text file as Python-Markdown splits them (and so as editors number them)."""

from __future__ import annotations


def text_lines(text: str) -> list[str]:
    """`text`'s lines, ended by a line feed or a carriage return only: not at the other
    breaks `str.splitlines` knows (U+2028 pasted from a web page, a vertical tab from
    Word), which an editor shows inside a line and Markdown keeps there."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()  # the end of the last line, not a line
    return lines
