"""RRULEs icalendar has read, kept between builds: a known rule is not read again.

`parse_rrule` has icalendar read every rule it is not told about (`read_before`), so a
rule icalendar could not write into a feed is an error in the file; the build keeps the
rules that parsed (kept.RULES), and the next build imports no icalendar for them.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import FIXTURES, build_site
from events import recurrence
from events.kept import RULES, Kept
from events.recurrence import parse_rrule, rules_version

START = datetime(2024, 6, 4, 19, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Tuesday
RULE = "FREQ=WEEKLY;BYDAY=TU"


@pytest.fixture
def icalendar_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The rule texts given to icalendar; it refuses every one."""
    calls: list[str] = []

    def refuse(text: str) -> None:
        calls.append(text)
        raise ValueError("icalendar cannot read it")

    monkeypatch.setattr(recurrence, "icalendar_reads", refuse)
    return calls


def test_an_unknown_rule_is_read_by_icalendar(icalendar_calls: list[str]) -> None:
    with pytest.raises(ValueError, match="not a valid RRULE: icalendar cannot read it"):
        parse_rrule(RULE, START)
    assert icalendar_calls == [RULE]


def test_a_rule_read_before_is_not_read_again(icalendar_calls: list[str]) -> None:
    rule = parse_rrule(RULE, START, read_before={RULE})
    assert rule.ical() == RULE
    assert icalendar_calls == []
    with pytest.raises(ValueError):  # another rule is read
        parse_rrule("FREQ=WEEKLY;BYDAY=TU;COUNT=3", START, read_before={RULE})


def test_icalendar_reads_what_it_can_write() -> None:
    recurrence.icalendar_reads(RULE)
    with pytest.raises(ValueError):
        recurrence.icalendar_reads("FREQ=WEEKLY;BYDAY=XX")


SETTINGS = {"EVENTS_NOW": "2024-06-10 12:00", "EVENTS_HORIZON_MONTHS": 2}


def test_the_next_build_knows_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "events_basic" / "content", content)
    first = build_site(content, tmp_path / "one" / "output", **SETTINGS)
    kept = Kept(tmp_path / "one" / "cache" / "pelican" / "events", RULES, str, rules_version())
    assert "FREQ=WEEKLY;BYDAY=SA" in kept

    read: list[str] = []
    monkeypatch.setattr(recurrence, "icalendar_reads", read.append)
    second = build_site(content, tmp_path / "one" / "output2", **SETTINGS)
    assert read == []  # every rule was known
    assert (second.output / "events" / "calendar.ics").read_bytes() == (
        first.output / "events" / "calendar.ics"
    ).read_bytes()

    run = content / "events" / "morning-run.md"
    run.write_text(
        run.read_text("utf-8").replace("BYDAY=SA", "BYDAY=SA;COUNT=20"), encoding="utf-8"
    )
    build_site(content, tmp_path / "one" / "output3", **SETTINGS)
    assert read == ["FREQ=WEEKLY;BYDAY=SA;COUNT=20"]  # the edited rule, once
