"""The events rule book (events.rules): pure tables, a fixed `now`.

The build and `make check` both call these functions, so what these tables say is what
both of them refuse.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from community_press import Problem
from events.rules import event_problems, in_event_folder, is_event, key_problems, uid_problems
from events.settings import DEFAULTS, EventRules, rules_of, settings_problems

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 6, 1, 9, tzinfo=SH)
SETTINGS = {"TIMEZONE": "Asia/Shanghai", "SITEURL": "https://example.org"}
RULES = rules_of(SETTINGS, now=NOW)
START = {"event-start": "2026-06-19 15:00"}


@pytest.mark.parametrize(
    ("meta", "path", "original", "expected"),
    [
        (START, "events/fair.md", None, True),
        (START, "articles/fair.md", None, True),  # event-start makes an event anywhere
        ({}, "events/fair.md", None, True),  # in events/: an event missing its start
        ({}, "events/2026/fair.md", None, True),  # in a folder of events/
        ({}, "articles/fair.md", None, False),
        ({}, "articles/fair.en.md", START, True),  # a translation of an event
        ({}, "articles/fair.en.md", {}, False),
        ({}, "eventsx/fair.md", None, False),  # only the folder itself
        ({}, "events.md", None, False),
        ({"event-start": ""}, "articles/fair.md", None, False),  # an empty start is none
        ({"event_start": "2026-06-19"}, "articles/fair.md", None, False),  # a mistyped key
    ],
)
def test_is_event(
    meta: dict[str, object], path: str, original: dict[str, object] | None, expected: bool
) -> None:
    assert is_event(meta, path, SETTINGS, original) is expected


def test_event_folders_are_a_setting() -> None:
    settings = {**SETTINGS, "EVENTS_PATHS": ["calendar", "club/dates"]}
    assert is_event({}, "calendar/x.md", settings)
    assert is_event({}, "club/dates/x.md", settings)
    assert not is_event({}, "events/x.md", settings)
    assert not in_event_folder("club/x.md", ["club/dates"])
    assert RULES.event_paths == tuple(DEFAULTS["EVENTS_PATHS"]) == ("events",)


def found(problems: list[Problem]) -> list[tuple[str | None, object, str]]:
    return [(p.field, p.value, p.problem) for p in problems]


# (metadata, [(field, value, words in the problem)])
CASES: dict[str, tuple[dict[str, object], list[tuple[str, object, str]]]] = {
    "fine": (START, []),
    "all day": ({"event-start": "2026-06-19"}, []),
    "no start (a file in events/)": ({}, [("event-start", "", "missing (use YYYY-MM-DD")]),
    "day first": ({"event-start": "19/06/2026"}, [("event-start", "19/06/2026", "YYYY-MM-DD")]),
    "a mistyped year": (
        {"event-start": "2099-05-01 10:00"},
        [("event-start", "2099-05-01 10:00", "after 2031-06-01, the furthest ahead")],
    ),
    "a series past the limit": (
        {"event-start": "2026-06-19 15:00", "event-rrule": "FREQ=YEARLY;COUNT=10"},
        [("event-rrule", "FREQ=YEARLY;COUNT=10", "a date is after 2031-06-01")],
    ),
    "an endless series is cut at the horizon, not refused": (
        {"event-start": "2026-06-19 15:00", "event-rrule": "FREQ=WEEKLY"},
        [],
    ),
    "unknown key with a typo": (
        {**START, "event-locaton": "Hall"},
        [("event-locaton", "Hall", "unknown field: did you mean 'event-location'?")],
    ),
    "underscore key": (
        {**START, "event_end": "17:00"},
        [("event_end", "17:00", "unknown field: did you mean 'event-end'?")],
    ),
    "unknown key with nothing close": (
        {**START, "event-colour": "red"},
        [("event-colour", "red", "unknown field (the site ignores it")],
    ),
    "end before start": (
        {**START, "event-end": "14:00"},
        [("event-end", "14:00", "does not end after it starts")],
    ),
    "end and duration": (
        {**START, "event-end": "17:00", "event-duration": "2h"},
        [("event-duration", "2h", "not both")],
    ),
    "unknown zone": (
        {**START, "event-timezone": "asia/shanghai"},
        [("event-timezone", "asia/shanghai", "did you mean 'Asia/Shanghai'?")],
    ),
    "several problems at once": (
        {"event-start": "2026-06-19 15:00", "event-status": "perhaps", "event-geo": "north"},
        [("event-status", "perhaps", "not a status"), ("event-geo", "north", "not a position")],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_event_problems(case: str) -> None:
    meta, expected = CASES[case]
    problems = event_problems(meta, "content/events/x.md", RULES)
    assert all(p.source == "content/events/x.md" and p.line == 0 for p in problems)
    assert all(p.is_error for p in problems)
    said = found(problems)
    assert len(said) == len(expected), said
    for (field, value, problem), (want_field, want_value, words) in zip(
        said, expected, strict=True
    ):
        assert (field, value) == (want_field, want_value)
        assert words in problem, problem


def test_the_limit_moves_with_now_and_the_setting() -> None:
    far = {"event-start": "2099-05-01 10:00"}
    assert event_problems(far, "x.md", rules_of(SETTINGS, now=NOW)) != []
    generous = rules_of({**SETTINGS, "EVENTS_MAX_YEARS_AHEAD": 80}, now=NOW)
    assert event_problems(far, "x.md", generous) == []


ORIGINAL = {"event-start": "2026-06-19 15:00", "event-location": "礼堂"}

TRANSLATIONS: dict[str, tuple[dict[str, object], list[tuple[str, object, str]]]] = {
    "inherits everything": ({"event-location": "礼堂"}, []),
    "inherits everything, dated": ({"date": "2026-06-01"}, []),
    # Pelican would skip it: no date, and no event line for the events plugin to date it by
    "no event line, no date": ({}, [(None, None, "needs one event line")]),
    "translates the place": ({"event-location": "Hall"}, []),
    "repeats the same start": ({"event-start": "2026-06-19 15:00"}, []),
    "moves the event": (
        {"event-start": "2026-06-19 16:00"},
        [("event-start", "2026-06-19 16:00", "differs from the original, content/events/x.zh.md")],
    ),
    "a typo of its own": (
        {"event-locaton": "Hall"},
        [("event-locaton", "Hall", "unknown field: did you mean 'event-location'?")],
    ),
    "a wrong field of its own": (
        {"event-geo": "north"},
        [("event-geo", "north", "not a position")],
    ),
}


@pytest.mark.parametrize("case", TRANSLATIONS)
def test_a_translation_has_only_its_own_problems(case: str) -> None:
    meta, expected = TRANSLATIONS[case]
    problems = event_problems(
        meta, "content/events/x.en.md", RULES, ORIGINAL, original_source="content/events/x.zh.md"
    )
    said = found(problems)
    assert [(f, v) for f, v, _p in said] == [(f, v) for f, v, _w in expected]
    for (_f, _v, problem), (_wf, _wv, words) in zip(said, expected, strict=True):
        assert words in problem


def test_a_broken_original_is_reported_on_the_original_only() -> None:
    broken = {"event-start": "2026-13-01 10:00"}
    assert event_problems({"event-location": "Hall"}, "x.en.md", RULES, broken) == []
    assert event_problems(broken, "x.zh.md", RULES) != []


def test_a_translation_cannot_start_an_event_its_original_is_not() -> None:
    (problem,) = event_problems(START, "articles/x.en.md", RULES, {"title": "x"})
    assert problem.field == "event-start" and "the original has no event-start" in problem.problem


def test_key_problems_in_any_file() -> None:
    assert key_problems({"title": "x", "event-start": "2026-06-19"}, "a.md") == []
    (problem,) = key_problems({"event_start": "2026-06-19"}, "a.md")
    assert problem.field == "event_start" and "did you mean 'event-start'?" in problem.problem


def test_uid_problems() -> None:
    events = [
        ("a.md", "a", {"event-uid": "same@x"}),
        ("b.md", "b", {"event-uid": "same@x"}),
        ("c.md", "c", {}),
        ("d.md", "d", {"event-uid": "c@example.org"}),  # c's UID made from its slug
    ]
    said = [(p.source, p.field, p.value) for p in uid_problems(events, RULES)]
    assert said == [
        ("a.md", "event-uid", "same@x"),
        ("b.md", "event-uid", "same@x"),
        ("c.md", "slug", "c"),
        ("d.md", "event-uid", "c@example.org"),
    ]
    assert uid_problems(events[2:3], RULES) == []


def test_rules_of_the_settings() -> None:
    rules = rules_of({"TIMEZONE": "Europe/London", "EVENTS_NOW": "2026-01-01 00:00"})
    assert rules.timezone == "Europe/London"
    assert rules.now == datetime(2026, 1, 1, tzinfo=ZoneInfo("Europe/London"))
    assert rules.horizon == datetime(2027, 1, 1, tzinfo=ZoneInfo("Europe/London"))
    assert rules.latest == datetime(2031, 1, 1, tzinfo=ZoneInfo("Europe/London"))
    assert rules.uid_domain == "events.invalid"
    assert isinstance(rules, EventRules)
    assert rules_of({"EVENTS_UID_DOMAIN": "club.org"}).uid_domain == "club.org"
    assert RULES.uid_domain == "example.org"


def test_settings_problems_list_every_wrong_setting() -> None:
    wrong = {**DEFAULTS, "EVENTS_HORIZON_MONTHS": 0, "EVENTS_PATHS": "events"}
    said = settings_problems(wrong)
    assert [p.split(" = ")[0] for p in said] == [
        "setting 'EVENTS_HORIZON_MONTHS'",
        "setting 'EVENTS_PATHS'",
    ]
    assert settings_problems(dict(DEFAULTS)) == []


def test_a_series_at_a_time_the_clocks_skip_or_repeat_is_a_warning() -> None:
    """Weekly at 01:30 in London: the clocks skip 01:30 on 28 March and repeat it on
    31 October. ical.js takes the other moment than RFC 5545 (and our pages) there."""
    night = {
        "event-start": "2027-03-07 01:30",
        "event-duration": "1h",
        "event-rrule": "FREQ=WEEKLY;UNTIL=2027-11-28",
        "event-timezone": "Europe/London",
    }
    rules = rules_of(SETTINGS, now=datetime(2027, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    (problem,) = event_problems(night, "walk.md", rules)
    assert (problem.severity, problem.field) == ("warning", "event-start")
    assert problem.problem.startswith("on 2027-03-28 (and 1 other date) the series meets a time")
    morning = {**night, "event-start": "2027-03-07 10:00"}
    assert event_problems(morning, "walk.md", rules) == []


def test_a_single_event_at_a_time_that_happens_twice_is_a_warning() -> None:
    """01:30 on the night London's clocks go back happens twice; the page, the poster and
    the digest would show both moments alike. An end worked out from a duration, or any
    other night, says nothing."""
    rules = rules_of(SETTINGS, now=datetime(2027, 1, 1, tzinfo=SH))
    night = {"event-start": "2027-10-31 01:30", "event-timezone": "Europe/London"}
    (problem,) = event_problems({**night, "event-duration": "45m"}, "dance.md", rules)
    assert (problem.severity, problem.field, problem.value) == (
        "warning", "event-start", "2027-10-31 01:30",
    )  # fmt: skip
    assert "happens twice in Europe/London" in problem.problem
    assert "01:30+01:00 and 01:30+00:00" in problem.problem
    ends = {**night, "event-start": "2027-10-31 00:30", "event-end": "2027-10-31 01:15"}
    assert [p.field for p in event_problems(ends, "dance.md", rules)] == ["event-end"]
    other = {**night, "event-start": "2027-10-24 01:30"}
    assert event_problems(other, "dance.md", rules) == []


@pytest.mark.parametrize(
    ("zone", "words"),
    [
        ("EST", "e.g. America/New_York"),
        ("MST", "e.g. America/Denver"),
        ("Etc/GMT+5", "sign the other way round"),
        ("Etc/GMT-8", "sign the other way round"),
    ],
)
def test_a_zone_of_no_place_is_a_warning(zone: str, words: str) -> None:
    """EST is UTC-5 all year: a poster in New York says 19:00 in June, calendars 20:00."""
    meta = {"event-start": "2026-06-19 19:00", "event-timezone": zone}
    (problem,) = event_problems(meta, "talk.md", RULES)
    assert (problem.severity, problem.field) == ("warning", "event-timezone")
    assert words in problem.problem
    place = {**meta, "event-timezone": "America/Panama"}  # UTC-5 all year, and a place
    assert event_problems(place, "talk.md", RULES) == []
