"""Pelican glue of the share cards: settings in; a card per article, event and project out.

1. `apply_defaults` (``initialized``) fills in and checks every SHARECARDS_* setting.
2. `install_helpers` (``generator_init``) gives templates `share_card_url()`: this page's
   card as an absolute URL (``?v=`` its key, so apps fetch a changed card again), or ""
   without an absolute SITEURL or a card (base.html then keeps its default).
3. `ShareCardsGenerator.generate_context` plans a card per content (text, fonts, cover)
   and names it by its cache key (`draw.card_key`); `generate_output` draws the cards the
   cache lacks, in several processes, and places every card into the output (hard links
   from the cache). It runs after the gallery's generator, which places the covers.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from community_press import (
    Problem,
    absolute_url,
    available_cores,
    link_or_copy,
    report,
    settle,
    shown_path,
)
from gallery.glue import made_here
from jinja2 import pass_context
from markupsafe import Markup
from pelican.generators import Generator, PelicanTemplateNotFound
from projects.core import is_project
from translations.settings import content_languages

from .draw import CardText, Job, card_key, make_all
from .fonts import CJK_PACKAGE, find_fonts
from .rules import date_label
from .settings import DEFAULTS, accent_of, settings_problems

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShareCard:
    """`content.share_card`: where the card is, below the site root, and its version."""

    url: str
    version: str

    @property
    def versioned(self) -> str:
        return f"{self.url}?v={self.version}"


@dataclass
class Stats:
    """What one build did: the proof that a warm build draws nothing."""

    cards: int = 0
    drawn: int = 0
    from_cache: int = 0
    placed: int = 0
    errors: list[Problem] = field(default_factory=list)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every SHARECARDS_* setting and stop if one is wrong."""
    settle(pelican.settings, "sharecards", DEFAULTS, settings_problems)


def install_helpers(generator: Any) -> None:
    """`generator_init`: `share_card_url()` for base.html's og:image."""
    site_url = str(generator.settings.get("SITEURL") or "")

    @pass_context
    def share_card_url(ctx: Any) -> str:
        content = ctx.get("article") or ctx.get("page")
        card = getattr(content, "share_card", None)
        return absolute_url(site_url, card.versioned) if card is not None else ""

    generator.env.globals["share_card_url"] = share_card_url


# Generators with cards whose cover photo was not in the output yet.
_unfinished: list[ShareCardsGenerator] = []


def finish(pelican: Any) -> None:
    """`finalized`: the cards left for the gallery's photos."""
    while _unfinished:
        _unfinished.pop(0).finish()


def get_generators(pelican: Any) -> type[Generator]:
    return ShareCardsGenerator


def _versions(items: list[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for item in items:
        for version in (item, *getattr(item, "translations", ())):
            seen.setdefault(id(version), version)
    return list(seen.values())


def _cover(content: Any) -> Any:
    """The cover's JPEG candidate that fills the photo panel with the fewest pixels."""
    gallery = getattr(content, "gallery", None)
    if not gallery:
        return None
    candidates = gallery.cover.picture.fallback.candidates
    big = [c for c in candidates if c.width >= 480 and c.height >= 630]
    return big[0] if big else candidates[-1]


class ShareCardsGenerator(Generator):
    """Plans, draws (when the cache lacks them) and places the share cards."""

    def generate_context(self) -> None:
        s = self.settings
        self.stats = Stats()
        self.jobs: list[Job] = []
        self.placements: dict[str, Path] = {}
        cache = s["SHARECARDS_CACHE_PATH"] or os.path.join(s["CACHE_PATH"], "sharecards")
        self.cache_root = Path(cache).resolve()
        self.fonts = find_fonts(
            s["SHARECARDS_FONT"], s["SHARECARDS_BOLD_FONT"], content_languages(s)
        )
        if self.fonts is None:
            report(logger, "sharecards: %d problem(s)", [
                f"no font to draw share cards with: install Debian's {CJK_PACKAGE} "
                f"(sudo apt-get install {CJK_PACKAGE}) or set SHARECARDS_FONT"
            ])  # fmt: skip
            return
        self.font_print = self.fonts.fingerprint()
        self.planned: set[str] = set()
        self.status_words: dict[tuple[str, str], str] = {}
        for content, kind in self._contents():
            self._plan(content, kind)

    def _contents(self) -> list[tuple[Any, str]]:
        found = []
        for content in _versions(self.context.get("articles") or []):
            found.append((content, "event" if getattr(content, "event", None) else "article"))
        for page in _versions(self.context.get("pages") or []):
            if getattr(page, "event", None):
                found.append((page, "event"))
            elif is_project(str(page.relative_source_path or ""), self.settings):
                found.append((page, "project"))
        return found

    def _text(self, content: Any, kind: str) -> CardText:
        s = self.settings
        lang = content.lang
        event = getattr(content, "event", None)
        title = " ".join(Markup(content.title).striptags().split())
        if event is not None:
            details: tuple[str, ...] = (event.when_label, event.location)
            status = self._status_word(event.status, lang)
            if status:  # a shared card of a cancelled event must say so
                title = f"[{status}] {title}"
        elif kind == "article":
            details = (date_label(content.date, lang, s),)
        else:
            details = ()
        names = s.get("I18N_UI_SITENAME") or {}
        return CardText(
            title=title,
            details=tuple(d for d in details if d),
            site_name=str(names.get(lang, s.get("SITENAME", ""))),
            lang=lang,
        )

    def _status_word(self, status: str, lang: str) -> str:
        """The theme's word for an event's status in `lang` (its `status_label` macro, as
        the event's page shows it); empty for a plain scheduled event. A theme without
        that macro gets the status itself, in English ("Moved online")."""
        if status == "scheduled":
            return ""
        key = (status, lang)
        if key not in self.status_words:
            try:
                parts = self.get_template("includes/event_parts").make_module({"lang": lang})
                word = Markup(parts.status_label(status)).striptags()
            except (PelicanTemplateNotFound, AttributeError):
                word = status.replace("-", " ").capitalize()
            self.status_words[key] = word
        return self.status_words[key]

    def _plan(self, content: Any, kind: str) -> None:
        s = self.settings
        text = self._text(content, kind)
        cover = _cover(content)
        accent = accent_of(s)
        quality = s["SHARECARDS_QUALITY"]
        assert self.fonts is not None
        # The cover's URL names its rendition by the photo's SHA-256 and the gallery's
        # processing (gallery.renditions.picture_of): it is the cover bytes' digest.
        key = card_key(text, self.font_print, cover.url if cover else "", accent, quality)
        save_as = s["SHARECARDS_SAVE_AS"].format(lang=content.lang, kind=kind, slug=content.slug)
        entry = self.cache_root / key[:2] / f"{key}.jpg"
        content.share_card = ShareCard(save_as, key[:12])
        self.stats.cards += 1
        self.placements[save_as] = entry
        if key in self.planned:  # the same card twice (same text and cover)
            return
        self.planned.add(key)
        if entry.exists():
            self.stats.from_cache += 1
            return
        cover_file = os.path.join(self.output_path, cover.url) if cover else None
        source = shown_path(content.source_path or "")
        self.jobs.append(
            Job(key, text, self.fonts, cover_file, accent, quality, str(entry), source)
        )

    def _workers(self) -> int:
        return int(self.settings["SHARECARDS_WORKERS"] or available_cores())

    def generate_output(self, writer: Any) -> None:
        """Draw and place the cards; those whose cover the gallery is still making (it
        places photos at ``finalized`` while its batch runs) are left to `finish`."""
        if self.fonts is None:
            return
        ready = [j for j in self.jobs if not j.cover or os.path.exists(j.cover)]
        self.jobs = [j for j in self.jobs if j not in ready]
        self._draw(ready)
        if self.jobs:
            _unfinished.append(self)
        else:
            self._place()

    def finish(self) -> None:
        """`finalized`, after the gallery's: the cards with a cover, then every card."""
        missing = [j.source for j in self.jobs if j.cover and not os.path.exists(j.cover)]
        if missing:
            report(logger, "sharecards: %d cover photo(s) not found in the output (list "
                   "sharecards after gallery in PLUGINS)", missing)  # fmt: skip
            return
        self._draw(self.jobs)
        self._place()

    def _draw(self, jobs: list[Job]) -> None:
        problems = []
        for outcome in make_all(jobs, self._workers()):
            if outcome.error:
                problems.append(outcome.error.placed())
            else:
                self.stats.drawn += 1
        self.stats.errors += problems
        report(logger, "sharecards: %d card(s) not drawn", problems, with_lines=True)

    def _place(self) -> None:
        output = Path(self.output_path)
        for relative, cached in sorted(self.placements.items()):
            if not cached.exists():  # not drawn: reported above
                continue
            target = output / relative
            target.unlink(missing_ok=True)
            link_or_copy(cached, target)
            made_here(target)  # drawn here, without metadata: not the sweep's to read
            self.stats.placed += 1
        s = self.stats
        logger.info(
            "sharecards: %d cards, %d drawn, %d from cache, %d placed",
            s.cards, s.drawn, s.from_cache, s.placed,
            extra={"sharecards_stats": s},
        )  # fmt: skip
