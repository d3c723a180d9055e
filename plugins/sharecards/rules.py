"""The share cards' rule, shared by the build and `make check`: a card draws every letter.

A letter (or digit) the card's font lacks would show as a box, so the build refuses it;
a symbol it lacks (an emoji) is left out of the card. Plain values in, `Problem` lists out
(line 0: the checker adds the line of the field).
"""

from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from community_press import ERROR, Problem
from markupsafe import Markup
from theme_helpers.dates import format_date

from .fonts import CJK_PACKAGE, FontFile, Fonts, missing_glyphs
from .layout import is_wide

__all__ = ["CARD_FIELDS", "card_problems", "date_label", "is_letter", "no_glyph_message"]

# The fields of a file that its card draws (and the face each is drawn in). The rest of a
# card (dates, the site's name) comes from the site's own words.
CARD_FIELDS = (("title", "bold"), ("event-location", "regular"))


def is_letter(char: str) -> bool:
    """A letter or digit: missing from the font, it is an error, not something to drop."""
    return unicodedata.category(char)[0] in "LN"


def date_label(date: dt.date, lang: str, settings: Mapping[str, Any]) -> str:
    """An article's date as its card shows it, in its language (the theme's long form)."""
    locales = settings.get("I18N_UI_LOCALES") or {}
    patterns = settings.get("I18N_UI_DATE_PATTERNS")
    return str(format_date(date, lang, locales, "long", patterns))


def no_glyph_message(face: FontFile, letters: Sequence[str]) -> str:
    shown = "".join(letters[:10])
    fix = (
        f"install Debian's {CJK_PACKAGE} (sudo apt-get install {CJK_PACKAGE}), or set "
        "SHARECARDS_FONT to a font file that has them"
    )
    if not any(is_wide(c) for c in letters) and os.path.exists(face.path):
        # Not Chinese, and the font is here: it lacks the script, another font is needed.
        fix = (
            "set SHARECARDS_FONT and SHARECARDS_BOLD_FONT to font files that have them "
            f"(`fc-list ':charset={ord(letters[0]):x}'` lists this machine's)"
        )
    return (
        f"the share card font {face} has no glyph for {shown!r}, which would show as boxes: {fix}"
    )


def card_problems(
    meta: Mapping[str, object], source: str, fonts: Fonts | None, dated: str = ""
) -> list[Problem]:
    """The fields of a page with a share card that its font cannot draw (none without a
    font: the build says once that it has none); `dated`: an article's date as its card
    says it (`date_label`), refused on the Date line (the month's name in Arabic...)."""
    if fonts is None:
        return []
    problems = []
    fields = [(name, weight, meta.get(name)) for name, weight in CARD_FIELDS]
    if dated:
        fields.append(("date", "regular", dated))
    for name, weight, value in fields:
        if not isinstance(value, str):
            continue
        face: FontFile = getattr(fonts, weight)
        words = Markup(value).striptags()
        letters = [c for c in dict.fromkeys(missing_glyphs(face, words)) if is_letter(c)]
        if letters:
            problems.append(Problem(source, name, value, no_glyph_message(face, letters), ERROR))
    return problems
