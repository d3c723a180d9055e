"""'Add to calendar' links for web calendars that take an event in the URL."""

from __future__ import annotations

from datetime import UTC
from urllib.parse import urlencode

from .recurrence import Occurrence

__all__ = ["google_calendar_url", "outlook_calendar_url"]


def google_calendar_url(occurrence: Occurrence, title: str, details: str, location: str) -> str:
    """Google Calendar's 'create event' page, filled in (times in UTC, all-day as dates)."""
    if occurrence.all_day:
        dates = f"{occurrence.start:%Y%m%d}/{occurrence.end:%Y%m%d}"  # end is exclusive
    else:
        start, end = (t.astimezone(UTC) for t in (occurrence.start, occurrence.end))
        dates = f"{start:%Y%m%dT%H%M%SZ}/{end:%Y%m%dT%H%M%SZ}"
    query = {"action": "TEMPLATE", "text": title, "dates": dates}
    if details:
        query["details"] = details
    if location:
        query["location"] = location
    zone = getattr(occurrence.start.tzinfo, "key", None)
    if zone:
        query["ctz"] = zone
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


def outlook_calendar_url(occurrence: Occurrence, title: str, details: str, location: str) -> str:
    """Outlook on the web's compose form, filled in (ISO 8601 times with their offset)."""
    if occurrence.all_day:
        start, end = occurrence.start.date().isoformat(), occurrence.end.date().isoformat()
    else:
        start, end = occurrence.start.isoformat(), occurrence.end.isoformat()
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": title,
        "startdt": start,
        "enddt": end,
        "allday": "true" if occurrence.all_day else "false",
    }
    if details:
        query["body"] = details
    if location:
        query["location"] = location
    return "https://outlook.live.com/calendar/0/action/compose?" + urlencode(query)
