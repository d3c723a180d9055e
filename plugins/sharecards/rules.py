"""The share cards' rule, shared by the build and `make check`: a card draws every letter.

A letter (or digit) the card's font lacks would show as a box, so the build refuses it;
a symbol it lacks (an emoji) is left out of the card. Plain values in, `Problem` lists out
(line 0: the checker adds the line of the field).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from community_press import ERROR, Problem
from markupsafe import Markup

from .fonts import CJK_PACKAGE, FontFile, Fonts, missing_glyphs

__all__ = ["CARD_FIELDS", "card_problems", "is_letter", "no_glyph_message"]

# The fields of a file that its card draws (and the face each is drawn in). The rest of a
# card (dates, the site's name) comes from the site's own words.
CARD_FIELDS = (("title", "bold"), ("event-location", "regular"))


def is_letter(char: str) -> bool:
    """A letter or digit: missing from the font, it is an error, not something to drop."""
    return unicodedata.category(char)[0] in "LN"


def no_glyph_message(face: FontFile, letters: Sequence[str]) -> str:
    shown = "".join(letters[:10])
    return (
        f"the share card font {face} has no glyph for {shown!r}, which would show as "
        f"boxes: install Debian's {CJK_PACKAGE} (sudo apt-get install {CJK_PACKAGE}), "
        "or set SHARECARDS_FONT to a font file that has them"
    )


def card_problems(meta: Mapping[str, object], source: str, fonts: Fonts | None) -> list[Problem]:
    """The fields of a page with a share card that its font cannot draw (none without a
    font: the build says once that it has none)."""
    if fonts is None:
        return []
    problems = []
    for name, weight in CARD_FIELDS:
        value = meta.get(name)
        if not isinstance(value, str):
            continue
        face: FontFile = getattr(fonts, weight)
        words = Markup(value).striptags()
        letters = [c for c in dict.fromkeys(missing_glyphs(face, words)) if is_letter(c)]
        if letters:
            problems.append(Problem(source, name, value, no_glyph_message(face, letters), ERROR))
    return problems
