"""Which font files draw a card's text, and which characters a font cannot show.

The cards use Debian's `fonts-noto-cjk` (Noto Sans CJK, SIL Open Font License), installed
as a package rather than shipped: a subset made today would lack the characters of
tomorrow's titles. A site may name its own font files instead (SHARECARDS_FONT). When a
card's text has a character the font lacks, the card is not drawn with boxes: the build
stops and says which package to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import ImageFont, features

__all__ = [
    "CJK_PACKAGE",
    "FontFile",
    "Fonts",
    "find_fonts",
    "has_glyph",
    "load",
    "missing_glyphs",
    "parse_font",
    "right_to_left",
]

CJK_PACKAGE = "fonts-noto-cjk"
# Noto Sans CJK collections hold one face per region: 2 is Simplified Chinese.
_NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-{}.ttc"
_KNOWN = (
    (_NOTO.format("Regular"), _NOTO.format("Bold"), 2),
    ("/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
     "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
     "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
)  # fmt: skip
# Without any CJK font, Latin text can still be drawn (a Chinese title then stops the build).
_LATIN = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)
# No font has a glyph here (the last private-use code point): it draws as the font's box.
_NEVER = "\U0010fffd"


@dataclass(frozen=True)
class FontFile:
    """One face of a font file (a .ttc holds several)."""

    path: str
    index: int = 0

    def fingerprint(self) -> str:
        """What identifies this face's glyphs for the cache key: its file, face, size and
        modification time (a package upgrade changes the last two)."""
        stat = os.stat(self.path)
        return f"{self.path}#{self.index}:{stat.st_size}:{stat.st_mtime_ns}"

    def __str__(self) -> str:
        return self.path if not self.index else f"{self.path}:{self.index}"


@dataclass(frozen=True)
class Fonts:
    """The faces of a card: titles in `bold`, the rest in `regular`."""

    regular: FontFile
    bold: FontFile

    def fingerprint(self) -> str:
        return f"{self.regular.fingerprint()}|{self.bold.fingerprint()}"


def parse_font(value: str) -> FontFile:
    """A SHARECARDS_FONT value: a path, with `:N` for the Nth face of a collection."""
    path, _, index = value.rpartition(":")
    if path and index.isdigit():
        return FontFile(path, int(index))
    return FontFile(value)


def _fc_list() -> list[FontFile]:
    """Chinese fonts fontconfig knows, regular before bold, if fc-list is there."""
    if shutil.which("fc-list") is None:
        return []
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh-cn", "file", "index", "style"],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for row in sorted(listed.splitlines()):
        path, _, rest = row.partition(":")
        index = rest.split("index=")[-1].split(":")[0] if "index=" in rest else "0"
        if path and index.isdigit():
            found.append(FontFile(path, int(index)))
    return found


# The known CJK faces, and the languages (fontconfig's names) they write in full, as
# fontconfig says: a site in those needs no question to fontconfig.
_CJK = frozenset(FontFile(plain, index) for plain, _, index in _KNOWN)
_CJK_WRITES = frozenset({"zh-cn", "zh-tw", "ja", "ko", "en"})


def find_fonts(
    regular: str | None = None, bold: str | None = None, languages: Sequence[str] = ()
) -> Fonts | None:
    """The site's fonts (SHARECARDS_FONT / SHARECARDS_BOLD_FONT), else a CJK font found
    on this machine, else DejaVu (Latin only); None when there is no font at all.

    With the site's `languages`, a default that cannot write one of them (Noto Sans CJK has
    no Arabic) gives way to a font fontconfig says writes them all, when the machine has
    one; if none does, the default stays and the cards' rule names what it lacks."""
    if regular:
        face = parse_font(regular)
        return Fonts(face, parse_font(bold) if bold else face)
    default = _default_fonts()
    wanted = {_fc_lang(lang) for lang in languages}
    if not wanted or (default is not None and default.regular in _CJK and wanted <= _CJK_WRITES):
        return default  # no need to ask fontconfig (it takes 8 ms a build)
    covering = _covering(tuple(sorted(wanted)))
    if not covering or (default is not None and default.regular in covering):
        return default
    return _pick(covering)


def _default_fonts() -> Fonts | None:
    for plain, heavy, index in _KNOWN:
        if os.path.exists(plain) and os.path.exists(heavy):
            return Fonts(FontFile(plain, index), FontFile(heavy, index))
    listed = _fc_list()
    if listed:
        return Fonts(listed[0], listed[0])
    if all(os.path.exists(p) for p in _LATIN):
        return Fonts(FontFile(_LATIN[0]), FontFile(_LATIN[1]))
    return None


def _fc_lang(lang: str) -> str:
    """fontconfig's name for a site language: `zh_Hant` is zh-tw, `pt_BR` is pt."""
    tag = lang.replace("_", "-").lower()
    if tag.startswith("zh"):
        return "zh-tw" if any(t in tag for t in ("hant", "-tw", "-hk", "-mo")) else "zh-cn"
    return tag.split("-")[0]


@cache
def _covering(langs: tuple[str, ...]) -> dict[FontFile, tuple[str, str]]:
    """Every face that writes all of `langs`, by fontconfig (nothing without fc-list)."""
    if shutil.which("fc-list") is None or not langs:
        return {}
    pattern = ":" + ":".join(f"lang={lang}" for lang in langs)
    try:
        listed = subprocess.run(
            ["fc-list", pattern, "file", "index", "family", "style"],
            capture_output=True, text=True, check=True, timeout=10,
        ).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    faces = {}
    for row in listed.splitlines():
        path, _, rest = row.partition(": ")
        fields = dict(part.partition("=")[::2] for part in rest.split(":") if "=" in part)
        family = rest.split(":")[0].split(",")[0]
        index = fields.get("index", "0")
        if path and index.isdigit():
            faces[FontFile(path, int(index))] = (family, fields.get("style", "").split(",")[0])
    return faces


def _pick(faces: dict[FontFile, tuple[str, str]]) -> Fonts:
    """A plain sans-serif face and the bold of its family (the plain one if it has none):
    a family with both first, then a sans-serif one, then one neither monospaced,
    condensed, serif nor for mathematics."""
    with_bold = {family for family, style in faces.values() if style == "Bold"}

    def plainness(face: FontFile) -> tuple[object, ...]:
        family, style = faces[face]
        odd = sum(w in f"{family} {style}" for w in ("Mono", "Condensed", "Serif", "Math"))
        return (
            family not in with_bold, "Sans" not in family, odd,
            style not in ("Regular", "Book"), family, face.path, face.index,
        )  # fmt: skip

    regular = min(faces, key=plainness)
    family = faces[regular][0]
    bolds = [f for f, (fam, style) in faces.items() if fam == family and style == "Bold"]
    return Fonts(regular, min(bolds, key=plainness) if bolds else regular)


# Pillow's complex text layout (libraqm with FriBiDi and HarfBuzz): joins Arabic letters
# and sets right-to-left text in order. Without it, such text cannot be drawn readably.
SHAPING = bool(features.check_feature("raqm"))


@cache
def load(face: FontFile, size: int, shaped: bool = False) -> ImageFont.FreeTypeFont:
    """The face at `size` pixels (loaded once per process); `shaped`: laid out by raqm,
    for text that needs it (the basic layout, for the rest, draws as it always has)."""
    engine = ImageFont.Layout.RAQM if shaped and SHAPING else ImageFont.Layout.BASIC
    return ImageFont.truetype(face.path, size, index=face.index, layout_engine=engine)


def right_to_left(*texts: str) -> bool:
    """Whether text of a script written from right to left (Arabic, Hebrew...) is among
    `texts`, and this Pillow can shape it."""
    return SHAPING and any(unicodedata.bidirectional(c) in ("R", "AL") for t in texts for c in t)


# Glyphs are told from the box at a small size: the outlines differ at any size.
_CHECK_SIZE = 24


def _mask(face: FontFile, char: str) -> tuple[tuple[int, int], bytes]:
    mask = load(face, _CHECK_SIZE).getmask(char)
    return mask.size, bytes(mask)


@cache
def has_glyph(face: FontFile, char: str) -> bool:
    """Whether `face` draws `char` as itself rather than as its missing-glyph box
    (remembered: titles share most of their characters)."""
    return _mask(face, char) != _mask(face, _NEVER)


def missing_glyphs(face: FontFile, text: str) -> list[str]:
    """The characters of `text` that `face` has no glyph for (it would draw its box),
    each once, in order."""
    return [
        char
        for char in dict.fromkeys(text)
        if not char.isspace() and char.isprintable() and not has_glyph(face, char)
    ]
