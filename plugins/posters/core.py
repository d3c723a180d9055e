"""What a poster prints: an event's view (from the events plugin) in, a `Poster` out.

No Pelican here. Labels come from the events plugin (`EventView`, made with Babel in the
page's language); this module only chooses what fits on one sheet.
"""

from __future__ import annotations

from dataclasses import dataclass

from events.views import EventView
from markupsafe import Markup

from .qr import qr_svg

__all__ = ["Poster", "PosterDate", "build_poster", "shown_address"]


@dataclass(frozen=True)
class PosterDate:
    label: str  # 2024年6月19日 星期三 15:00–17:00
    iso: str  # for <time datetime>


@dataclass(frozen=True)
class Poster:
    """One poster in one language; everything the template prints."""

    title: str
    lang: str
    status: str  # an events Status value: scheduled, cancelled, ...
    status_reason: str
    is_called_off: bool  # cancelled or postponed: the poster says so, large
    is_past: bool  # every date has gone by
    is_series: bool
    when: PosterDate  # the next date (else the last one)
    dates: tuple[PosterDate, ...]  # a series' next dates, the first being `when`
    location: str
    cost: str
    organizer: str
    summary: str  # plain text
    event_url: str  # below the site root
    address: str  # the event page's published address; "" in a preview build
    shown_address: str  # the same, as printed under the QR code
    qr: Markup  # inline SVG of `address`; empty without one
    paper: str  # "A4" or "A5"


def shown_address(address: str) -> str:
    """An address as people type it: without `https://` and a trailing slash."""
    return address.split("://", 1)[-1].rstrip("/")


def build_poster(
    view: EventView,
    *,
    summary: str,
    address: str,
    paper: str,
    series_dates: int,
) -> Poster:
    """The poster of the event `view` (one language). `address` is the event page's
    absolute URL ("" when the site's address is unknown: no QR code then)."""
    upcoming = [o for o in view.occurrences if not o.is_past]
    dates = tuple(PosterDate(o.when_label, o.start_iso) for o in upcoming[:series_dates])
    return Poster(
        title=view.title,
        lang=view.lang,
        status=view.status,
        status_reason=view.status_reason,
        is_called_off=view.is_called_off,
        is_past=view.is_past,
        is_series=view.is_series,
        when=PosterDate(view.when_label, view.when_iso),
        dates=dates if view.is_series else (),
        location=view.location,
        cost=view.cost,
        organizer=view.organizer,
        summary=" ".join(summary.split()),
        event_url=view.url,
        address=address,
        shown_address=shown_address(address),
        qr=qr_svg(address) if address else Markup(),
        paper=paper,
    )
