"""Pelican glue of the posters plugin: settings in, one poster page per event out.

`PostersGenerator` runs after the events plugin's generator (PLUGINS order), whose
`generate_context` gives every event content its view (`content.event`); it gives each
one `poster_url` (the event page links to it) and writes the posters with the theme's
`poster.html`. Build state lives on the generator, made fresh per build.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from community_press import absolute_url, settle
from events.collection import every_member
from events.views import EventView
from markupsafe import Markup
from pelican.generators import Generator

from .core import Poster, build_poster
from .settings import DEFAULTS, PosterPaths, poster_paths, settings_problems

# Where Pelican's generators put contents in the shared context (translations hang off).
_CONTEXT_LISTS = ("articles", "hidden_articles", "pages", "hidden_pages")


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every POSTER_* setting and stop the build if one is wrong."""
    settle(pelican.settings, "posters", DEFAULTS, settings_problems)


def get_generators(pelican: Any) -> type[Generator]:
    return PostersGenerator


class PostersGenerator(Generator):
    """A poster for every published (or hidden) event, in each of its languages."""

    def generate_context(self) -> None:
        self.posters: list[tuple[PosterPaths, Poster]] = []
        for content in every_member(self._originals()):
            view = getattr(content, "event", None)
            if isinstance(view, EventView) and content.status != "draft":
                paths = poster_paths(content.url, self.settings)
                content.poster_url = paths.url
                self.posters.append((paths, self._poster(content, view)))

    def _originals(self) -> Iterator[Any]:
        for name in _CONTEXT_LISTS:
            yield from self.context.get(name) or []

    def _poster(self, content: Any, view: EventView) -> Poster:
        s = self.settings
        return build_poster(
            view,
            summary=Markup(getattr(content, "summary", "") or "").striptags(),
            address=absolute_url(str(s.get("SITEURL") or ""), content.url),
            paper=s["POSTER_PAPER"],
            series_dates=s["POSTER_SERIES_DATES"],
        )

    def generate_output(self, writer: Any) -> None:
        template = self.get_template("poster")
        for paths, poster in self.posters:
            writer.write_file(
                paths.save_as,
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                lang=poster.lang,
                poster=poster,
            )
