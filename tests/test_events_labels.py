"""Reader-facing dates in Chinese and English (Babel), the zone named only when foreign."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from events.labels import day_label, month_label, time_label, weekdays, when_label
from events.recurrence import Occurrence

SH = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
ZH, EN = "zh_Hans_CN", "en_GB"


def timed(start: datetime, end: datetime) -> Occurrence:
    return Occurrence(start, end, all_day=False)


def all_day(first: date, last: date) -> Occurrence:
    """Midnight of the first day to midnight after the last one."""
    begin = datetime(first.year, first.month, first.day, tzinfo=SH)
    return Occurrence(begin, begin + timedelta(days=(last - first).days + 1), all_day=True)


FATHERS_DAY = timed(datetime(2024, 6, 19, 15, tzinfo=SH), datetime(2024, 6, 19, 17, tzinfo=SH))
PRACTICE_WEEK = all_day(date(2024, 6, 15), date(2024, 6, 21))
OPEN_DAY = all_day(date(2024, 6, 19), date(2024, 6, 19))
OVERNIGHT = timed(datetime(2024, 6, 19, 20, tzinfo=SH), datetime(2024, 6, 21, 10, tzinfo=SH))
IN_LONDON = timed(
    datetime(2024, 6, 19, 19, tzinfo=LONDON), datetime(2024, 6, 19, 21, tzinfo=LONDON)
)


@pytest.mark.parametrize(
    ("occurrence", "locale", "label"),
    [
        (FATHERS_DAY, ZH, "2024年6月19日 星期三 15:00–17:00"),
        (FATHERS_DAY, EN, "Wednesday 19 June 2024, 3:00 – 5:00 pm"),
        (OPEN_DAY, ZH, "2024年6月19日 星期三"),
        (OPEN_DAY, EN, "Wednesday 19 June 2024"),
        (PRACTICE_WEEK, ZH, "2024年6月15日周六至21日周五"),
        (PRACTICE_WEEK, EN, "Saturday 15 June – Friday 21 June 2024"),
        (OVERNIGHT, ZH, "2024年6月19日 星期三 20:00 – 2024年6月21日 星期五 10:00"),
        (OVERNIGHT, EN, "Wednesday 19 June 2024, 8:00 pm – Friday 21 June 2024, 10:00 am"),
        # Not the site's zone: named, in the reader's language.
        (IN_LONDON, ZH, "2024年6月19日 星期三 19:00–21:00（英国夏令时间）"),
        (IN_LONDON, EN, "Wednesday 19 June 2024, 7:00 – 9:00 pm (British Summer Time)"),
    ],
)
def test_when_label(occurrence: Occurrence, locale: str, label: str) -> None:
    assert when_label(occurrence, locale, "Asia/Shanghai") == label


def test_same_zone_is_not_named() -> None:
    assert "(" not in when_label(IN_LONDON, EN, "Europe/London")


@pytest.mark.parametrize(
    ("locale", "time", "day", "month"),
    [(ZH, "15:00", "6月19日 星期三", "2024年6月"),
     (EN, "3:00 pm", "Wednesday 19 June", "June 2024")],
)  # fmt: skip
def test_short_labels(locale: str, time: str, day: str, month: str) -> None:
    assert time_label(FATHERS_DAY, locale) == time
    assert time_label(OPEN_DAY, locale) == ""
    assert day_label(date(2024, 6, 19), locale) == day
    assert month_label(2024, 6, locale) == month


def test_weekday_headings() -> None:
    zh = weekdays(ZH)
    assert (zh[0].short, zh[0].long, zh[6].long) == ("周一", "星期一", "星期日")
    en = weekdays(EN, first_weekday=6)
    assert (en[0].short, en[0].long, en[1].long) == ("Sun", "Sunday", "Monday")


def test_a_calendar_cell_gives_the_offset_of_another_zone() -> None:
    """The month grid has room for a time only: an event held in another zone says its
    offset there (summer time included), one in the site's zone says nothing more."""
    newfoundland = ZoneInfo("America/St_Johns")
    evening = timed(
        datetime(2024, 10, 27, 19, tzinfo=newfoundland),
        datetime(2024, 10, 27, 21, tzinfo=newfoundland),
    )
    assert time_label(evening, EN, site_zone="Australia/Lord_Howe") == "7:00 pm UTC\u22122:30"
    assert time_label(IN_LONDON, ZH, site_zone="Asia/Shanghai") == "19:00 UTC+1"
    assert time_label(IN_LONDON, EN, site_zone="Europe/London") == "7:00 pm"
    assert time_label(FATHERS_DAY, ZH, site_zone="Asia/Shanghai") == "15:00"
