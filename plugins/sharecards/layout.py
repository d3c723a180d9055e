"""Lines of text broken to a width: Chinese per character, Latin per word.

Pure core: the text, a `measure(text) -> width` function (Pillow's, in the caller) and
a width in; lines out. Chinese has no spaces, so any two characters may be split, except
that closing punctuation (，。」) never starts a line and opening punctuation (「《) never
ends one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

__all__ = ["ELLIPSIS", "Measure", "is_wide", "tokens", "wrap"]

Measure = Callable[[str], float]
ELLIPSIS = "…"

_NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…·—,.;:?!)]}%")
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")


@cache  # asked for every character of every line tried, again and again
def is_wide(char: str) -> bool:
    """A character set on its own square (Chinese, Japanese, Korean, full-width forms)."""
    return unicodedata.east_asian_width(char) in ("W", "F")


def _pieces(text: str) -> list[str]:
    """Words and single wide characters, each with the spaces that follow it."""
    pieces: list[str] = []
    word = ""
    for char in text:
        if char.isspace():
            if word:
                word += " "
            elif pieces:
                pieces[-1] += " " if not pieces[-1].endswith(" ") else ""
            continue
        if is_wide(char):
            if word:
                pieces.append(word)
                word = ""
            pieces.append(char)
        elif word.endswith(" "):
            pieces.append(word)
            word = char
        else:
            word += char
    if word:
        pieces.append(word)
    return pieces


def tokens(text: str) -> list[str]:
    """The units a line may break between: a Latin word or one Chinese character (with
    the punctuation that must stay with it)."""
    result: list[str] = []
    for piece in _pieces(" ".join(text.split())):
        if result and (piece[0] in _NO_LINE_START or result[-1].rstrip()[-1] in _NO_LINE_END):
            result[-1] += piece
        else:
            result.append(piece)
    return result


def _split_long(token: str, measure: Measure, width: float) -> list[str]:
    """A word wider than a whole line, cut where it must be."""
    parts: list[str] = []
    part = ""
    for char in token:
        if part and measure(part + char) > width:
            parts.append(part)
            part = ""
        part += char
    return [*parts, part] if part else parts


def _shorten(line: str, measure: Measure, width: float) -> str:
    """`line` cut short with an ellipsis so that it fits."""
    text = line.rstrip()
    while text and measure(text + ELLIPSIS) > width:
        text = text[:-1].rstrip()
    return text + ELLIPSIS


def wrap(text: str, measure: Measure, width: float, max_lines: int = 0) -> list[str]:
    """`text` in lines no wider than `width` (as `measure` says); with `max_lines`, the
    last line kept ends in an ellipsis when text was left out."""
    lines: list[str] = []
    line = ""
    for token in tokens(text):
        candidate = line + token  # each string is measured once: measuring is the cost
        if measure(candidate.rstrip()) <= width:
            line = candidate
            continue
        if line:
            lines.append(line.rstrip())
            candidate = token
            if measure(candidate.rstrip()) <= width:
                line = candidate
                continue
        *whole, line = _split_long(candidate.rstrip(), measure, width)
        lines += whole
    if line.strip():
        lines.append(line.rstrip())
    if max_lines and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], _shorten(lines[max_lines - 1], measure, width)]
    return lines
