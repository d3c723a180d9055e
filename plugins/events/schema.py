"""schema.org `Event` data for search engines, as JSON-LD that is safe inside <script>."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from markupsafe import Markup

from .model import Event, Status
from .recurrence import Occurrence

__all__ = ["event_schema", "json_ld"]

_EVENT_STATUS = {
    Status.SCHEDULED: "EventScheduled",
    Status.TENTATIVE: "EventScheduled",
    Status.CANCELLED: "EventCancelled",
    Status.POSTPONED: "EventPostponed",
    Status.RESCHEDULED: "EventRescheduled",
    Status.MOVED_ONLINE: "EventMovedOnline",
}


def _when(value: datetime, all_day: bool) -> str:
    return value.date().isoformat() if all_day else value.isoformat()


def event_schema(
    event: Event,
    occurrence: Occurrence,
    *,
    name: str,
    description: str,
    location: str,
    page_url: str,
    language: str,
) -> dict[str, Any]:
    """One occurrence as a schema.org Event (startDate with its offset)."""
    online = event.status is Status.MOVED_ONLINE
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": name,
        "startDate": _when(occurrence.start, occurrence.all_day),
        "endDate": (
            occurrence.last_day.isoformat() if occurrence.all_day else occurrence.end.isoformat()
        ),
        "eventStatus": f"https://schema.org/{_EVENT_STATUS[event.status]}",
        "eventAttendanceMode": "https://schema.org/"
        + ("OnlineEventAttendanceMode" if online else "OfflineEventAttendanceMode"),
        "inLanguage": language,
    }
    if description:
        data["description"] = description
    if online and event.url:
        data["location"] = {"@type": "VirtualLocation", "url": event.url}
    elif location:
        place: dict[str, Any] = {"@type": "Place", "name": location, "address": location}
        if event.geo is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.geo[0],
                "longitude": event.geo[1],
            }
        data["location"] = place
    if event.organizer:
        data["organizer"] = {"@type": "Organization", "name": event.organizer}
    if page_url:
        data["url"] = page_url
    return data


def json_ld(data: Any) -> Markup:
    """JSON that cannot end its <script> element early, marked safe for Jinja."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return Markup(text)
