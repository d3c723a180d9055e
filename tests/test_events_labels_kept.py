"""Date labels kept between builds (`labels` with a memo, `kept.Kept`): never stale.

A kept label must be the label made afresh: the keys hold every value a label depends
on, and a build that edits an event shows the new time.
"""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, build_site
from events import labels
from events.kept import LABELS, Kept
from events.recurrence import Occurrence

SH, LONDON, NY = ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/London"), ZoneInfo("America/New_York")


def at(zone: ZoneInfo, *parts: int) -> datetime:
    return datetime(*parts, tzinfo=zone)  # type: ignore[misc]


OCCURRENCES = [
    Occurrence(at(SH, 2024, 6, 19, 15), at(SH, 2024, 6, 19, 17), False),
    Occurrence(at(SH, 2024, 6, 19, 15), at(SH, 2024, 6, 19, 18), False),  # other end
    Occurrence(at(SH, 2024, 6, 19, 15), at(SH, 2024, 6, 21, 10), False),  # several days
    Occurrence(at(SH, 2024, 6, 15), at(SH, 2024, 6, 22), True),  # all day, a week
    Occurrence(at(SH, 2024, 6, 15), at(SH, 2024, 6, 16), True),  # all day, one day
    # One instant in three zones: equal datetimes, three labels.
    Occurrence(at(LONDON, 2024, 10, 8, 12), at(LONDON, 2024, 10, 8, 14), False),
    Occurrence(at(SH, 2024, 10, 8, 19), at(SH, 2024, 10, 8, 21), False),
    Occurrence(at(NY, 2024, 10, 8, 7), at(NY, 2024, 10, 8, 9), False),
    # Summer and winter time: the zone's name changes.
    Occurrence(at(LONDON, 2024, 10, 29, 19), at(LONDON, 2024, 10, 29, 21), False),
]


class Counting(Kept[str]):
    def __init__(self, folder: Path | None = None) -> None:
        super().__init__(folder, LABELS, str, labels.labels_version())


@pytest.mark.parametrize("locale", ["zh_Hans_CN", "en_GB"])
def test_a_kept_label_is_the_label_made_afresh(locale: str, tmp_path: Path) -> None:
    first = Counting(tmp_path)
    for _ in range(2):
        for o in OCCURRENCES:
            assert labels.when_label(o, locale, "Asia/Shanghai", first) == labels.when_label(
                o, locale, "Asia/Shanghai"
            )
            assert labels.time_label(o, locale, first) == labels.time_label(o, locale)
        for day in (date(2024, 2, 29), date(2024, 6, 19), date(2025, 1, 1)):
            assert labels.day_label(day, locale, first) == labels.day_label(day, locale)
        assert labels.month_label(2024, 6, locale, first) == labels.month_label(2024, 6, locale)
    first.save()
    made = first.made
    again = Counting(tmp_path)
    assert [labels.when_label(o, locale, "Asia/Shanghai", again) for o in OCCURRENCES] == [
        labels.when_label(o, locale, "Asia/Shanghai") for o in OCCURRENCES
    ]
    assert again.made == 0
    assert made == len({*again.used, *first.used})  # each label made once


def test_the_same_instant_in_other_zones_gets_its_own_label() -> None:
    memo = Counting()
    said = {labels.when_label(o, "en_GB", "Asia/Shanghai", memo) for o in OCCURRENCES[5:8]}
    assert len(said) == 3


def test_the_site_zone_is_part_of_the_key() -> None:
    memo = Counting()
    london = OCCURRENCES[5]
    shanghai_site = labels.when_label(london, "en_GB", "Asia/Shanghai", memo)
    london_site = labels.when_label(london, "en_GB", "Europe/London", memo)
    assert "British Summer Time" in shanghai_site  # another zone than the site's is named
    assert london_site == labels.when_label(london, "en_GB", "Europe/London")
    assert "British" not in london_site


def test_labels_of_another_version_are_not_used(tmp_path: Path) -> None:
    old = Kept(tmp_path, LABELS, str, "an older labels.py")
    old.get(f"day|en_GB|date|{date(2024, 6, 19).isoformat()}", lambda: "stale")
    old.save()
    memo = Counting(tmp_path)
    assert labels.day_label(date(2024, 6, 19), "en_GB", memo) == "Wednesday 19 June"


SETTINGS = {"EVENTS_NOW": "2024-06-10 12:00", "EVENTS_HORIZON_MONTHS": 2}


def test_an_edited_time_shows_up_in_the_next_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "events_basic" / "content", content)
    versions = [content / "events" / f"parents-evening.{lang}.md" for lang in ("zh", "en")]
    for version in versions:
        assert "event-start: 2024-06-19 15:00" in version.read_text(encoding="utf-8")

    def when(output: Path) -> str:
        html = (output / "events" / "parents-evening" / "index.html").read_text("utf-8")
        page = BeautifulSoup(html, "html.parser")
        return page.select_one("dd time").get_text()

    first = build_site(content, tmp_path / "one" / "output", **SETTINGS).output
    assert (tmp_path / "one" / "cache" / "pelican" / "events" / LABELS).is_file()
    for version in versions:  # both versions, or the translation would disagree
        text = version.read_text(encoding="utf-8")
        version.write_text(text.replace("2024-06-19 15:00", "2024-06-19 16:30"), "utf-8")
    shutil.copytree(tmp_path / "one" / "cache", tmp_path / "two" / "cache")  # kept labels
    second = build_site(content, tmp_path / "two" / "output", **SETTINGS).output

    assert "15:00" in when(first)
    assert "16:30" in when(second)
    assert "15:00" not in when(second)
