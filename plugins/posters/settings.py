"""The posters plugin's settings: their defaults, what is wrong with them, and where a
poster goes (`poster_paths`). No Pelican here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from community_press import SettingsCheck

__all__ = ["DEFAULTS", "PAPERS", "PosterPaths", "poster_paths", "settings_problems"]

PAPERS = ("A4", "A5")

DEFAULTS: dict[str, Any] = {
    # The paper the poster is laid out for: "A4" or "A5", portrait.
    "POSTER_PAPER": "A4",
    # A series prints this many of its next dates.
    "POSTER_SERIES_DATES": 6,
    # Where a poster goes, from its event page's own URL ({base}: the event's folder,
    # `events/x/` for EVENT_URL `events/{slug}/`, `events/x/` for `events/{slug}.html`
    # too), so that a change to EVENT_URL moves the posters along.
    "POSTER_URL": "{base}poster/",
    "POSTER_SAVE_AS": "{base}poster/index.html",
}


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong POSTER_* setting, with its value and what is allowed."""
    check = SettingsCheck(settings)
    check.choice("POSTER_PAPER", PAPERS)
    check.count("POSTER_SERIES_DATES", 1, 20)
    for key in ("POSTER_URL", "POSTER_SAVE_AS"):
        check.pattern(key, {"base": "events/x/"})
        if not str(settings.get(key, "")).startswith("{base}"):
            check.bad(key, "must start with {base}, the event page's folder")
    return check.problems


class PosterPaths(NamedTuple):
    url: str  # below the site root: events/x/poster/
    save_as: str  # events/x/poster/index.html


def _folder(url: str) -> str:
    """The event page's folder: `events/x/` for `events/x/` and for `events/x.html`."""
    if not url or url.endswith("/"):
        return url
    head, _, name = url.rpartition("/")
    stem = name.rsplit(".", 1)[0] or name
    return f"{head}/{stem}/" if head else f"{stem}/"


def poster_paths(event_url: str, settings: Mapping[str, Any]) -> PosterPaths:
    """Where the poster of the event page at `event_url` (below the site root) goes."""
    base = _folder(event_url)
    return PosterPaths(
        str(settings["POSTER_URL"]).format(base=base),
        str(settings["POSTER_SAVE_AS"]).format(base=base),
    )
