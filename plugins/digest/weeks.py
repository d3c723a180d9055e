"""ISO weeks in the site's time zone: which week a moment falls in, and its days.

Pure core. A week runs from Monday 00:00 to the next Monday 00:00 on the site's clocks,
so an article dated Sunday 23:30 there belongs to that Sunday's week, whatever UTC says.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

__all__ = ["Week", "week_of", "weeks_until"]


class Week(NamedTuple):
    """An ISO week: (year, number), in order."""

    year: int
    number: int

    @property
    def label(self) -> str:
        """`2024-W25`, as in ISO 8601 and in the digest's URLs."""
        return f"{self.year}-W{self.number:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.number, 1)

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    def start(self, zone: ZoneInfo) -> datetime:
        """Monday 00:00 in `zone`."""
        return datetime.combine(self.monday, time(), zone)

    def end(self, zone: ZoneInfo) -> datetime:
        """The next Monday 00:00 in `zone` (not included)."""
        return datetime.combine(self.monday + timedelta(days=7), time(), zone)

    def shifted(self, weeks: int) -> Week:
        return week_of(self.monday + timedelta(weeks=weeks))


def week_of(moment: datetime | date, zone: ZoneInfo | None = None) -> Week:
    """The week of `moment` (an aware date-time is first put on `zone`'s clocks)."""
    if isinstance(moment, datetime) and zone is not None:
        moment = moment.astimezone(zone)
    year, number, _ = moment.isocalendar()
    return Week(year, number)


def weeks_until(now: datetime, zone: ZoneInfo, count: int) -> list[Week]:
    """The `count` weeks up to the week of `now`, newest first."""
    this = week_of(now, zone)
    return [this.shifted(-back) for back in range(count)]
