"""Pelican glue of the theme_helpers plugin: the only module of it that imports Pelican.

- `install_helpers` (`generator_init`): every generator's templates get the Jinja API of
  `api.ThemeHelpers`. The plugin has no settings of its own: it reads those of the
  translations and listings plugins, of Pelican and of the plugins whose sections it links.
- `site_clock` (`content_object_init`): an article's or page's date and modification date
  in the site's time zone, to the second (`dates.on_site_clock`); an event's date is its
  start, in its own zone (the events plugin's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from pelican.utils import strftime

from .api import ThemeHelpers
from .dates import on_site_clock


def install_helpers(generator: Any) -> None:
    """`generator_init`: `page_lang()`, `section_url()`, `|format_date` & co."""
    ThemeHelpers(generator.settings).install(generator.env)


def site_clock(content: Any) -> None:
    """`content_object_init`: dates as the site's readers count them."""
    settings = content.settings
    if any(key.startswith("event-") for key in content.metadata):
        return
    zone = ZoneInfo(settings["TIMEZONE"]) if settings.get("TIMEZONE") else None
    for name in ("date", "modified"):
        value = getattr(content, name, None)
        if isinstance(value, dt.datetime):
            setattr(content, name, on_site_clock(value, zone))
    if isinstance(getattr(content, "date", None), dt.datetime):
        content.locale_date = strftime(content.date, content.date_format)
