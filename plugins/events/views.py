"""What templates print: events, occurrences, the index and month pages in one language.

Everything is computed here (labels, links, flags), so templates only loop and print.
URLs are below the site root (`events/x/`), as Pelican's `article.url`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from markupsafe import Markup

from . import labels
from .calendar import Day, add_months, month_grid, split
from .links import google_calendar_url, outlook_calendar_url, series_rule
from .model import Event, Status
from .recurrence import Occurrence
from .schema import event_schema, json_ld

__all__ = [
    "CategoryFeed",
    "DayCell",
    "EventView",
    "EventsIndex",
    "MonthLink",
    "MonthPage",
    "OccurrenceView",
    "Texts",
    "UpcomingMonth",
    "build_event_view",
    "build_index",
    "build_month_page",
]

_CALLED_OFF = (Status.CANCELLED, Status.POSTPONED)


@dataclass(frozen=True)
class Texts:
    """One language version of an event, as its Pelican content gives it."""

    title: str
    url: str
    lang: str
    summary: str  # plain text
    event: Event  # parsed from this version's metadata: its location etc. are translated
    ics_url: str
    absolute_url: str = ""  # the page's full address, when the site's is known


@dataclass(eq=False)
class OccurrenceView:
    title: str
    url: str
    when_label: str  # 2024年6月19日 星期三 15:00–17:00
    time_label: str  # 15:00 (empty for all-day)
    location: str
    status: str  # a Status value: scheduled, cancelled, ...
    status_reason: str
    is_called_off: bool  # cancelled or postponed
    is_past: bool  # ended before the build
    start_iso: str
    end_iso: str
    start: datetime
    end: datetime
    first_day: date
    last_day: date
    event: EventView = field(repr=False)


@dataclass(eq=False)
class EventView:
    title: str
    url: str
    lang: str
    status: str
    status_reason: str
    is_called_off: bool
    location: str
    geo: tuple[float, float] | None
    organizer: str
    cost: str
    info_url: str  # event-url: registration or details elsewhere
    categories: tuple[str, ...]
    description: str
    is_series: bool
    ics_url: str
    when_label: str = ""  # the next occurrence, else the last one
    when_iso: str = ""  # its start, for <time datetime>
    is_past: bool = False  # every occurrence has ended
    occurrences: list[OccurrenceView] = field(default_factory=list)
    next_occurrences: list[OccurrenceView] = field(default_factory=list)
    google_url: str = ""
    outlook_url: str = ""
    google_adds_series: bool = False  # else it adds the date shown, as Outlook does
    json_ld: Markup = field(default_factory=Markup)


def build_event_view(
    texts: Texts,
    occurrences: Sequence[Occurrence],
    *,
    locale: str,
    site_zone: str,
    now: datetime,
    preview: int,
    memo: labels.Memo | None = None,
) -> EventView:
    """An event in one language, with every occurrence labelled for that language
    (`memo`: labels kept from earlier builds). `occurrences` has at least one: `expand`
    gives one for every event the rule book accepts."""
    event = texts.event
    view = EventView(
        title=texts.title,
        url=texts.url,
        lang=texts.lang,
        status=event.status.value,
        status_reason=event.status_reason,
        is_called_off=event.status in _CALLED_OFF,
        location=event.location,
        geo=event.geo,
        organizer=event.organizer,
        cost=event.cost,
        info_url=event.url,
        categories=event.categories,
        description=event.description,
        is_series=event.is_series,
        ics_url=texts.ics_url,
    )
    view.occurrences = [
        OccurrenceView(
            title=texts.title,
            url=texts.url,
            when_label=labels.when_label(o, locale, site_zone, memo),
            time_label=labels.time_label(o, locale, memo, site_zone),
            location=event.location,
            status=view.status,
            status_reason=view.status_reason,
            is_called_off=view.is_called_off,
            is_past=o.end.timestamp() <= now.timestamp(),
            start_iso=(o.start.date() if o.all_day else o.start).isoformat(),
            end_iso=o.end.isoformat(),
            start=o.start,
            end=o.end,
            first_day=o.first_day,
            last_day=o.last_day,
            event=view,
        )
        for o in occurrences
    ]
    plain = {id(v): o for v, o in zip(view.occurrences, occurrences, strict=True)}
    upcoming, past = split(view.occurrences, now)
    view.next_occurrences = upcoming[:preview]
    view.is_past = not upcoming
    shown = upcoming[0] if upcoming else past[0]
    view.when_label, view.when_iso = shown.when_label, shown.start_iso
    chosen = plain[id(shown)]
    details = event.description or texts.summary
    if texts.absolute_url:
        details = f"{details}\n\n{texts.absolute_url}".strip()
    rule = series_rule(event, chosen, occurrences)
    view.google_adds_series = bool(rule)
    view.google_url = google_calendar_url(chosen, texts.title, details, event.location, rule)
    view.outlook_url = outlook_calendar_url(chosen, texts.title, details, event.location)
    in_schema = view.next_occurrences or [shown]
    view.json_ld = json_ld(
        [
            event_schema(
                event,
                plain[id(o)],
                name=texts.title,
                description=event.description or texts.summary,
                location=event.location,
                page_url=texts.absolute_url,
                language=texts.lang,
            )
            for o in in_schema
        ]
    )
    return view


@dataclass(frozen=True)
class MonthLink:
    year: int
    month: int
    label: str  # 2024年6月, June 2024
    url: str


@dataclass(frozen=True)
class DayCell:
    iso: str  # 2024-06-19, for <time datetime> and the script that marks today
    number: int
    label: str  # 6月19日 星期三, Wednesday 19 June
    in_month: bool
    occurrences: tuple[OccurrenceView, ...]


@dataclass(frozen=True)
class MonthPage:
    link: MonthLink
    weekdays: list[labels.Weekday]
    weeks: list[list[DayCell]]
    previous: MonthLink | None
    next: MonthLink | None
    occurrence_count: int


def month_link(
    year: int,
    month: int,
    locale: str,
    url: Callable[[int, int], str],
    memo: labels.Memo | None = None,
) -> MonthLink:
    return MonthLink(year, month, labels.month_label(year, month, locale, memo), url(year, month))


def _cell(day: Day[OccurrenceView], locale: str, memo: labels.Memo | None) -> DayCell:
    return DayCell(
        iso=day.date.isoformat(),
        number=day.date.day,
        label=labels.day_label(day.date, locale, memo),
        in_month=day.in_month,
        occurrences=day.items,
    )


def build_month_page(
    year: int,
    month: int,
    occurrences: Sequence[OccurrenceView],
    *,
    locale: str,
    first_weekday: int,
    months: Sequence[tuple[int, int]],
    url: Callable[[int, int], str],
    memo: labels.Memo | None = None,
) -> MonthPage:
    """One month's calendar: weeks of days, each with the occurrences on it."""
    ordered = sorted(occurrences, key=lambda o: (o.start.timestamp(), o.title))
    grid = month_grid(year, month, ((o.first_day, o.last_day, o) for o in ordered), first_weekday)
    before, after = add_months(year, month, -1), add_months(year, month, 1)
    return MonthPage(
        link=month_link(year, month, locale, url, memo),
        weekdays=labels.weekdays(locale, first_weekday),
        weeks=[[_cell(day, locale, memo) for day in week] for week in grid],
        previous=month_link(*before, locale, url, memo) if before in months else None,
        next=month_link(*after, locale, url, memo) if after in months else None,
        occurrence_count=sum(len(day.items) for week in grid for day in week if day.in_month),
    )


@dataclass(frozen=True)
class UpcomingMonth:
    link: MonthLink
    occurrences: list[OccurrenceView]


@dataclass(frozen=True)
class CategoryFeed:
    name: str
    url: str


@dataclass(frozen=True)
class EventsIndex:
    upcoming: list[UpcomingMonth]  # soonest first, grouped by month
    past: list[OccurrenceView]  # the last occurrence of each finished event, latest first
    current_month: MonthLink
    calendar_url: str  # the .ics, below the site root
    webcal_url: str  # webcal://..., or '' when the site's address is not known
    categories: list[CategoryFeed]


def build_index(
    events: Sequence[EventView],
    *,
    now: datetime,
    window_end: datetime,
    locale: str,
    month_url: Callable[[int, int], str],
    calendar_url: str,
    webcal_url: str,
    categories: Sequence[CategoryFeed],
    memo: labels.Memo | None = None,
) -> EventsIndex:
    """Upcoming occurrences until `window_end` (and the next one of every later event),
    then the events that are over."""
    upcoming: list[OccurrenceView] = []
    past: list[OccurrenceView] = []
    for event in events:
        coming, gone = split(event.occurrences, now)
        if not coming:
            past.append(gone[0])
            continue
        within = [o for o in coming if o.start < window_end]
        upcoming.extend(within or coming[:1])
    upcoming.sort(key=lambda o: (o.start.timestamp(), o.title))
    past.sort(key=lambda o: (o.start.timestamp(), o.title), reverse=True)
    groups: dict[tuple[int, int], list[OccurrenceView]] = {}
    for occurrence in upcoming:
        key = (occurrence.start.year, occurrence.start.month)
        groups.setdefault(key, []).append(occurrence)
    return EventsIndex(
        upcoming=[
            UpcomingMonth(month_link(y, m, locale, month_url, memo), items)
            for (y, m), items in groups.items()
        ],
        past=past,
        current_month=month_link(now.year, now.month, locale, month_url, memo),
        calendar_url=calendar_url,
        webcal_url=webcal_url,
        categories=list(categories),
    )
