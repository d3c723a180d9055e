"""The events plugin's settings: their defaults, what is wrong with them, and the rules
they make for reading events (`EventRules`).

No Pelican here: the glue fills in `DEFAULTS` and stops on `settings_problems` in
``initialized``; the build and the checker both read events through `rules_of`.
"""

from __future__ import annotations

from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from community_press import SettingsCheck, lang_prefix
from dateutil.relativedelta import relativedelta

from .model import parse_duration

__all__ = [
    "DEFAULTS",
    "EventRules",
    "path_of",
    "resolve_now",
    "rules_of",
    "settings_problems",
    "uid_domain",
]

DEFAULTS: dict[str, Any] = {
    # Folders (under PATH) whose every file is an event: one without event-start is an
    # event missing its start, not a plain article. Elsewhere, a file with event-start.
    "EVENTS_PATHS": ["events"],
    # The moment the build happens: None for the real time; tests fix it (a datetime or
    # ISO 8601 text; without an offset it is in TIMEZONE).
    "EVENTS_NOW": None,
    # A series without an end is expanded this many months after the build.
    "EVENTS_HORIZON_MONTHS": 12,
    # An event (or the last date of a series) further ahead is an error: most likely a
    # mistyped year, which would make a month page for every month up to it.
    "EVENTS_MAX_YEARS_AHEAD": 5,
    # For events with neither event-end nor event-duration.
    "EVENTS_DEFAULT_DURATION": "2h",
    # upcoming_events (for the home page): this many next occurrences.
    "EVENTS_UPCOMING_COUNT": 5,
    # /events/ lists every occurrence of the next this-many months (and the next one of
    # every event beyond them).
    "EVENTS_INDEX_MONTHS": 3,
    # An event page lists this many next dates of a series.
    "EVENTS_SERIES_PREVIEW": 5,
    # Month grids start on this weekday (0 Monday ... 6 Sunday).
    "EVENTS_FIRST_WEEKDAY": 0,
    # Babel locale per language; None: I18N_UI_LOCALES, else the language code itself.
    "EVENTS_LOCALES": None,
    # UIDs are <slug>@<domain>; None: the host of SITEURL (or events.invalid without one).
    "EVENTS_UID_DOMAIN": None,
    "EVENT_URL": "events/{slug}/",
    "EVENT_SAVE_AS": "events/{slug}/index.html",
    "EVENT_ICS_SAVE_AS": "events/{slug}/{slug}.ics",
    "EVENTS_INDEX_URL": "events/",
    "EVENTS_INDEX_SAVE_AS": "events/index.html",
    "EVENTS_MONTH_URL": "events/{year}/{month:02d}/",
    "EVENTS_MONTH_SAVE_AS": "events/{year}/{month:02d}/index.html",
    "EVENTS_CALENDAR_SAVE_AS": "events/calendar.ics",
    "EVENTS_CATEGORY_SAVE_AS": "events/category/{slug}.ics",
    # Put in front of every URL and path above for pages in a language other than the default.
    "EVENTS_LANG_PREFIX": "{lang}/",
    # Where .ics feed bodies and date labels are kept between builds; None:
    # <CACHE_PATH>/events when CACHE_CONTENT is on (else none); "": none.
    "EVENTS_CACHE_PATH": None,
}

_PATTERN_FIELDS: dict[str, dict[str, object]] = {
    "EVENT_URL": {"slug": "x", "lang": "en"},
    "EVENT_SAVE_AS": {"slug": "x", "lang": "en"},
    "EVENT_ICS_SAVE_AS": {"slug": "x", "lang": "en"},
    "EVENTS_INDEX_URL": {},
    "EVENTS_INDEX_SAVE_AS": {},
    "EVENTS_MONTH_URL": {"year": 2024, "month": 6},
    "EVENTS_MONTH_SAVE_AS": {"year": 2024, "month": 6},
    "EVENTS_CALENDAR_SAVE_AS": {},
    "EVENTS_CATEGORY_SAVE_AS": {"slug": "x"},
    "EVENTS_LANG_PREFIX": {"lang": "en"},
}
_COUNTS = (
    ("EVENTS_HORIZON_MONTHS", 1),
    ("EVENTS_MAX_YEARS_AHEAD", 1),
    ("EVENTS_UPCOMING_COUNT", 0),
    ("EVENTS_INDEX_MONTHS", 1),
    ("EVENTS_SERIES_PREVIEW", 1),
)


def resolve_now(value: object, zone: ZoneInfo) -> datetime:
    """EVENTS_NOW as an aware date-time in `zone` (None: the real time)."""
    if value is None:
        return datetime.now(zone)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if not isinstance(value, datetime):
        raise TypeError(f"not a datetime: {value!r}")
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _site_zone(settings: Mapping[str, Any]) -> ZoneInfo:
    return ZoneInfo(settings.get("TIMEZONE") or "UTC")


def _duration(value: object) -> timedelta:
    return value if isinstance(value, timedelta) else parse_duration(str(value))


def _check_locales(check: SettingsCheck, locales: object) -> None:
    if locales is None:
        return
    if not isinstance(locales, dict):
        check.bad("EVENTS_LOCALES", "must be None or a dict like {'zh': 'zh_Hans_CN'}")
        return
    for lang, name in locales.items():
        try:
            Locale.parse(name)
        except (UnknownLocaleError, ValueError, TypeError):
            check.bad("EVENTS_LOCALES", f"{lang!r}: {name!r} is not a locale Babel knows")


def _check_paths(check: SettingsCheck, paths: object) -> None:
    if not isinstance(paths, list | tuple) or not all(isinstance(p, str) and p for p in paths):
        check.bad("EVENTS_PATHS", "must be a list of folders under PATH, like ['events']")


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong EVENTS_* setting, named with its value and what is allowed (the
    settings have their defaults filled in)."""
    check = SettingsCheck(settings)
    for key, least in _COUNTS:
        check.count(key, least)
    if settings["EVENTS_FIRST_WEEKDAY"] not in range(7):
        check.bad("EVENTS_FIRST_WEEKDAY", "must be 0 (Monday) to 6 (Sunday)")
    try:
        _duration(settings["EVENTS_DEFAULT_DURATION"])
    except ValueError as error:
        check.bad("EVENTS_DEFAULT_DURATION", str(error))
    try:
        resolve_now(settings["EVENTS_NOW"], _site_zone(settings))
    except (TypeError, ValueError):
        check.bad("EVENTS_NOW", "must be None, a datetime or ISO 8601 text (2024-06-19 15:00)")
    _check_locales(check, settings["EVENTS_LOCALES"])
    _check_paths(check, settings["EVENTS_PATHS"])
    check.optional_path("EVENTS_CACHE_PATH")
    domain = settings["EVENTS_UID_DOMAIN"]
    if domain is not None and (not isinstance(domain, str) or not domain or " " in domain):
        check.bad("EVENTS_UID_DOMAIN", "must be None or a domain name such as example.org")
    for key, fields in _PATTERN_FIELDS.items():
        check.pattern(key, fields)
    return check.problems


@dataclass(frozen=True)
class EventRules:
    """What reading an event depends on besides its own file, from the site's settings."""

    timezone: str  # TIMEZONE: for events without event-timezone
    default_duration: timedelta  # for events with neither event-end nor event-duration
    now: datetime  # aware, in `timezone`
    horizon: datetime  # series without an end are expanded up to here
    max_years_ahead: int  # EVENTS_MAX_YEARS_AHEAD
    event_paths: tuple[str, ...] = ("events",)  # EVENTS_PATHS
    uid_domain: str = "events.invalid"  # <slug>@<uid_domain> for events without event-uid
    # RRULE texts icalendar has read in an earlier build (`recurrence.parse_rrule`).
    rrules_read: Container[str] = field(default=(), compare=False, repr=False)

    @property
    def latest(self) -> datetime:
        """Dates after this are refused: most likely a mistyped year."""
        return self.now + relativedelta(years=self.max_years_ahead)


def path_of(
    settings: Mapping[str, Any], key: str, lang: str | None = None, /, **fields: Any
) -> str:
    """A URL or path setting filled in, with the language prefix where it needs one."""
    default = settings["DEFAULT_LANG"]
    prefix = lang_prefix(lang or default, default, settings["EVENTS_LANG_PREFIX"])
    return prefix + str(settings[key]).format(**fields)


def uid_domain(settings: Mapping[str, Any]) -> str:
    """EVENTS_UID_DOMAIN, else the host of SITEURL, else events.invalid."""
    domain = settings.get("EVENTS_UID_DOMAIN")
    if domain:
        return str(domain)
    return urlsplit(str(settings.get("SITEURL") or "")).hostname or "events.invalid"


def rules_of(settings: Mapping[str, Any], now: datetime | None = None) -> EventRules:
    """The rules `settings` make (unset EVENTS_* keys take their defaults); `now` overrides
    EVENTS_NOW. Raises ValueError or TypeError for a wrong setting (`settings_problems`
    says which)."""
    full = {**DEFAULTS, **settings}
    zone = _site_zone(full)
    now = resolve_now(full["EVENTS_NOW"] if now is None else now, zone)
    return EventRules(
        timezone=zone.key,
        default_duration=_duration(full["EVENTS_DEFAULT_DURATION"]),
        now=now,
        horizon=now + relativedelta(months=full["EVENTS_HORIZON_MONTHS"]),
        max_years_ahead=full["EVENTS_MAX_YEARS_AHEAD"],
        event_paths=tuple(full["EVENTS_PATHS"]),
        uid_domain=uid_domain(full),
    )
