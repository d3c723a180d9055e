"""A share card drawn with Pillow: 1200×630, title, date, site name and cover photo.

`card_key` names a card by everything that changes its pixels (so an unchanged card is
never drawn again); `draw` makes the picture; `make` is one unit of work for the pool:
a `Job` in, an `Outcome` out, never raising (an error travels back as text, which
pickles); `make_all` runs jobs in several processes.
"""

from __future__ import annotations

import hashlib
import io
import json
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from community_press import Problem, atomic_write
from PIL import Image, ImageDraw, ImageFont, ImageOps

from .fonts import FontFile, Fonts, load, missing_glyphs, right_to_left
from .layout import wrap
from .rules import is_letter, no_glyph_message

__all__ = [
    "DRAW_VERSION",
    "HEIGHT",
    "MAX_BYTES",
    "WIDTH",
    "CardText",
    "Job",
    "Outcome",
    "card_key",
    "draw",
    "make",
    "make_all",
    "unfit_text",
]

# Bump when the same text, fonts and cover give other pixels (a new layout, new colours):
# every card drawn by an older version is then drawn again.
DRAW_VERSION = 3
WIDTH, HEIGHT = 1200, 630
# Fewer cards than this are drawn here: starting workers would cost more.
FEW = 8
# WeChat refuses larger images for a link's preview.
MAX_BYTES = 300_000
_PHOTO_WIDTH = 480  # the cover photo's panel, on the right
_MARGIN = 72
_BAR = 14  # the coloured bar on the left edge
_TITLE_SIZES = (68, 60, 52, 46)  # the largest size that fits in _TITLE_LINES lines
_TITLE_LINES = 3
_TEXT = (29, 37, 39)
_MUTED = (84, 95, 99)
_BACKGROUND = (255, 255, 255)


@dataclass(frozen=True)
class CardText:
    """What a card says, in its page's language."""

    title: str
    details: tuple[str, ...]  # the date; for an event, when and where
    site_name: str
    lang: str


@dataclass(frozen=True)
class Job:
    """One card to draw into the cache."""

    key: str
    text: CardText
    fonts: Fonts
    cover: str | None  # a metadata-free JPEG of the gallery's cover
    accent: tuple[int, int, int]
    quality: int
    target: str  # the file in the cache
    source: str  # the content file, for messages


@dataclass(frozen=True)
class Outcome:
    key: str
    size: int = 0  # bytes written
    error: Problem | None = None


def card_key(
    text: CardText, fonts: str, cover_digest: str, accent: tuple[int, int, int], quality: int
) -> str:
    """The cache key of a card: its text, font files (`Fonts.fingerprint`), cover photo's
    digest, colour, quality and DRAW_VERSION; never its name or the time."""
    fields = {
        "version": DRAW_VERSION,
        "text": asdict(text),
        "fonts": fonts,
        "cover": cover_digest,
        "accent": list(accent),
        "quality": quality,
    }
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def unfit_text(text: CardText, fonts: Fonts) -> tuple[list[str], list[str]]:
    """(letters the fonts lack, which would show as boxes: the build refuses them;
    symbols such as emoji they lack, which the card leaves out)."""
    letters: list[str] = []
    symbols: list[str] = []
    for face, words in ((fonts.bold, text.title), (fonts.regular, _rest(text))):
        for char in missing_glyphs(face, words):
            found = letters if is_letter(char) else symbols
            if char not in found:
                found.append(char)
    return letters, symbols


def _rest(text: CardText) -> str:
    return " ".join((*text.details, text.site_name))


def _drop(words: str, chars: Sequence[str]) -> str:
    return " ".join("".join(c for c in words if c not in chars).split())


def _cover(path: str) -> Image.Image:
    """The cover photo cropped to its panel, decoded at the smallest size that serves."""
    with Image.open(path) as photo:
        photo.draft("RGB", (_PHOTO_WIDTH, HEIGHT))
        return ImageOps.fit(photo.convert("RGB"), (_PHOTO_WIDTH, HEIGHT))


def _title_lines(
    title: str, face: FontFile, width: int, shaped: bool = False
) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The title at the largest size that fits in _TITLE_LINES lines (else cut short)."""
    for size in _TITLE_SIZES:
        font = load(face, size, shaped)
        lines = wrap(title, font.getlength, width)
        if len(lines) <= _TITLE_LINES:
            return font, lines
    return font, wrap(title, font.getlength, width, _TITLE_LINES)


@dataclass(frozen=True)
class _Side:
    """Where a card's lines start: at the left margin, or, for text written from right to
    left, at the right end of the text's width (shaped and set in that direction)."""

    x: int
    rtl: bool

    def write(self, canvas: ImageDraw.ImageDraw, y: int, line: str, **style: Any) -> None:
        if self.rtl:
            style |= {"anchor": "ra", "direction": "rtl"}
        canvas.text((self.x, y), line, **style)


@lru_cache(maxsize=4)
def _frame(
    name: str, face: FontFile, accent: tuple[int, int, int], width: int, side: _Side
) -> Image.Image:
    """What every card of a site shares: the background, the bar, the site's name and the
    rule under it (the same for every card with a cover, and for every card without)."""
    frame = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    canvas = ImageDraw.Draw(frame)
    canvas.rectangle((0, 0, _BAR - 1, HEIGHT), fill=accent)
    small = load(face, 30, side.rtl)
    side.write(canvas, 56, "".join(wrap(name, small.getlength, width, 1)), font=small, fill=accent)
    rule = side.x - 72 if side.rtl else side.x
    canvas.rectangle((rule, 108, rule + 72, 113), fill=accent)
    return frame


def draw(job: Job, symbols: Sequence[str] = ()) -> Image.Image:
    """The card of `job`; `symbols` are characters the fonts lack, left out."""
    text_right = WIDTH - _MARGIN
    if job.cover:
        text_right = WIDTH - _PHOTO_WIDTH - _MARGIN * 2 // 3
    width = text_right - _MARGIN
    rtl = right_to_left(job.text.title, job.text.site_name, *job.text.details)
    side = _Side(text_right if rtl else _MARGIN, rtl)
    name = _drop(job.text.site_name, symbols)
    card = _frame(name, job.fonts.regular, job.accent, width, side).copy()
    if job.cover:  # right of the text's width, so it covers none of the frame's text
        card.paste(_cover(job.cover), (WIDTH - _PHOTO_WIDTH, 0))
    canvas = ImageDraw.Draw(card)
    small = load(job.fonts.regular, 30, rtl)
    font, lines = _title_lines(_drop(job.text.title, symbols), job.fonts.bold, width, rtl)
    step = round(font.size * 1.3)
    for number, line in enumerate(lines):
        side.write(canvas, 146 + number * step, line, font=font, fill=_TEXT)
    details = [
        line
        for detail in job.text.details
        if detail.strip()
        for line in wrap(_drop(detail, symbols), small.getlength, width, 2)
    ][-4:]
    for number, line in enumerate(reversed(details)):
        side.write(canvas, HEIGHT - 64 - 30 - number * 42, line, font=small, fill=_MUTED)
    return card


def _encode(card: Image.Image, quality: int) -> bytes:
    """JPEG at `quality`, lowered until it is under MAX_BYTES."""
    while True:
        buffer = io.BytesIO()
        card.save(buffer, "JPEG", quality=quality, optimize=True)
        if buffer.tell() < MAX_BYTES or quality <= 40:
            return buffer.getvalue()
        quality -= 10


def make(job: Job) -> Outcome:
    """Draw `job`'s card into the cache; a problem comes back as the outcome's error."""
    try:
        letters, symbols = unfit_text(job.text, job.fonts)
        if letters:
            message = no_glyph_message(job.fonts.bold, letters)
            return Outcome(job.key, error=Problem(job.source, None, None, message))
        data = _encode(draw(job, symbols), job.quality)
        atomic_write(job.target, data)
        return Outcome(job.key, size=len(data))
    except (OSError, ValueError) as error:
        message = f"share card not drawn: {error}"
        return Outcome(job.key, error=Problem(job.source, None, None, message))


def make_all(jobs: Sequence[Job], workers: int) -> list[Outcome]:
    """Every job's outcome, drawn in up to `workers` forked processes (or here)."""
    outcomes: dict[str, Outcome] = {}
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers > 1 and len(jobs) > FEW and can_fork:
        for job in jobs[:1]:  # the fonts, loaded once here, are the workers' too
            _title_lines(job.text.title, job.fonts.bold, WIDTH)
            load(job.fonts.regular, 30)
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context) as pool:
                for outcome in pool.map(make, jobs, chunksize=4):
                    outcomes[outcome.key] = outcome
        except (OSError, BrokenProcessPool):
            pass  # no pool here, or a worker died: draw the rest in this process
    return [outcomes.get(job.key) or make(job) for job in jobs]
