"""Bad event content fails the build: one message per problem, naming file, field, value
and the expected form; all problems together; no traceback; the previous site untouched."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from community_press import SettingsError
from conftest import FIXTURES, Build, build_site, run_build
from icalendar import Calendar

GOOD = "Title: Fine\nSlug: fine\nDate: 2024-06-01\nevent-start: 2024-06-19 15:00\n"


def write(content: Path, files: dict[str, str]) -> None:
    for name, text in {"fine.md": GOOD, **files}.items():
        path = content / "events" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def event_file(slug: str, **fields: str) -> str:
    head = f"Title: {slug}\nSlug: {slug}\nDate: 2024-06-01\n"
    return head + "".join(f"{k.replace('_', '-')}: {v}\n" for k, v in fields.items())


def events_errors(build: Build) -> list[logging.LogRecord]:
    """The events plugin's error records (the rulebook plugin reports the same problems
    before Pelican reads any content, in the checker's words)."""
    return [r for r in build.records if r.levelno >= logging.ERROR and r.name == "events.glue"]


def named(said: str, path: Path | str, field: str, value: str) -> bool:
    """Whether the build output names the file, field and value: as the events plugin
    reports it, or with the line and severity, as the rulebook plugin does."""
    where = re.escape(str(path)) + r"(:\d+: error)?"
    return (
        re.search(f"{where}: field {re.escape(repr(field))} = {re.escape(value)}: ", said)
        is not None
    )


CASES = {
    "unparseable date": (
        {"bad.md": event_file("bad", event_start="2024-13-02 10:00")},
        [("bad.md", "event-start", "'2024-13-02 10:00'", "YYYY-MM-DD HH:MM")],
    ),
    "unparseable date, no Date either": (
        {"bad.md": "Title: bad\nSlug: bad\nevent-start: 19/06/2024\n"},
        [("bad.md", "event-start", "'19/06/2024'", "YYYY-MM-DD HH:MM")],
    ),
    "a dot for the colon": (
        {"bad.md": event_file("bad", event_start="2024-06-19 15.30")},
        [("bad.md", "event-start", "'2024-06-19 15.30'", "with a colon (2024-06-19 15:30)")],
    ),
    "an end with a comma for the colon": (
        {"bad.md": event_file("bad", event_start="2024-06-19 15:00",
                              event_end="2024-06-19 17,45")},
        [("bad.md", "event-end", "'2024-06-19 17,45'", "with a colon (2024-06-19 17:45)")],
    ),
    "an hour alone": (
        {"bad.md": event_file("bad", event_start="2024-06-19 15")},
        [("bad.md", "event-start", "'2024-06-19 15'", "YYYY-MM-DD HH:MM")],
    ),
    "a week date": (
        {"bad.md": event_file("bad", event_start="2024-W25-3")},
        [("bad.md", "event-start", "'2024-W25-3'", "YYYY-MM-DD HH:MM")],
    ),
    "end before start": (
        {"bad.md": event_file("bad", event_start="2024-06-19 15:00", event_end="14:00")},
        [("bad.md", "event-end", "'14:00'", "does not end after it starts")],
    ),
    "unknown zone": (
        {"bad.md": event_file("bad", event_start="2024-06-19 15:00",
                              event_timezone="Asia/Hengyang")},
        [("bad.md", "event-timezone", "'Asia/Hengyang'", "IANA name")],
    ),
    "invalid rrule": (
        {"bad.md": event_file("bad", event_start="2024-06-18 19:00",
                              event_rrule="FREQ=FORTNIGHTLY")},
        [("bad.md", "event-rrule", "'FREQ=FORTNIGHTLY'", "DAILY, WEEKLY, MONTHLY, YEARLY")],
    ),
    "invalid exdate": (
        {"bad.md": event_file("bad", event_start="2024-06-18 19:00",
                              event_rrule="FREQ=WEEKLY;BYDAY=TU", event_exdate="2024-06-26")},
        [("bad.md", "event-exdate", "'2024-06-26'", "nearest are 2024-06-25 and 2024-07-02")],
    ),
    "every date of the series skipped": (
        {"bad.md": event_file("bad", event_start="2024-06-18 19:00",
                              event_rrule="FREQ=WEEKLY;COUNT=2",
                              event_exdate="2024-06-18, 2024-06-25")},
        [("bad.md", "event-exdate", "'2024-06-18, 2024-06-25'",
          "leaves no date of the series")],
    ),
    "every date of an all-day series skipped": (
        {"bad.md": event_file("bad", event_start="2024-06-18",
                              event_rrule="FREQ=DAILY;UNTIL=2024-06-19",
                              event_exdate="2024-06-18, 2024-06-19")},
        [("bad.md", "event-exdate", "'2024-06-18, 2024-06-19'", "event-status: cancelled")],
    ),
    "unknown status": (
        {"bad.md": event_file("bad", event_start="2024-06-19 15:00", event_status="perhaps")},
        [("bad.md", "event-status", "'perhaps'", "scheduled, tentative, cancelled")],
    ),
    "translation moves the event": (
        {"bad.zh.md": event_file("bad", event_start="2024-06-19 15:00"),
         "bad.en.md": event_file("bad", event_start="2024-06-19 16:00") + "Lang: en\n"},
        [("bad.en.md", "event-start", "'2024-06-19 16:00'", "differs from the original")],
    ),
    "two events share a UID": (
        {"a.md": event_file("a", event_start="2024-06-19", event_uid="same@x"),
         "b.md": event_file("b", event_start="2024-06-20", event_uid="same@x")},
        [("a.md", "event-uid", "'same@x'", "same UID"),
         ("b.md", "event-uid", "'same@x'", "same UID")],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_each_problem_is_named(case: str, tmp_path: Path) -> None:
    files, expected = CASES[case]
    write(tmp_path / "content", files)
    build = build_site(tmp_path / "content", tmp_path / "output", EVENTS_NOW="2024-06-10 12:00")
    errors = events_errors(build)
    assert len(errors) == 1, [r.getMessage() for r in errors]  # all problems in one report
    lines = errors[0].getMessage().splitlines()
    assert lines[0] == f"{len(expected)} problem(s) in event content:"
    for line, (name, field, value, words) in zip(lines[1:], expected, strict=True):
        where = re.escape(str(tmp_path / "content" / "events" / name))
        assert re.match(f"{where}:[0-9]+: error: ", line.strip()), line  # make check's shape
        assert f": field {field!r} = {value}: " in line
        assert words in line
    # The broken event is left out of the calendar; the good one is still in it.
    calendar = Calendar.from_ical((tmp_path / "output/events/calendar.ics").read_bytes())
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Fine"]


def test_unknown_event_field_is_an_error(tmp_path: Path) -> None:
    """A mistyped key loses its value: the build refuses it, as `make check` does."""
    write(tmp_path / "content", {"typo.md": event_file("typo", event_start="2024-06-19",
                                                        event_locaton="Hall")})  # fmt: skip
    build = build_site(tmp_path / "content", tmp_path / "output", EVENTS_NOW="2024-06-10 12:00")
    (error,) = (r.getMessage() for r in events_errors(build))
    # On the field's line (5), as `make check` prints it.
    assert "typo.md:5: error: field 'event-locaton' = 'Hall': unknown field: did you mean " in error
    assert "'event-location'?" in error


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [("EVENTS_HORIZON_MONTHS", 0, "from 1 or more"),
     ("EVENTS_DEFAULT_DURATION", "a while", "duration"),
     ("EVENTS_NOW", "yesterday", "ISO 8601"),
     ("EVENTS_FIRST_WEEKDAY", 7, "0 (Monday) to 6 (Sunday)"),
     ("EVENTS_PATHS", "events", "a list of folders"),
     ("EVENTS_LOCALES", {"zh": "xx_YY"}, "not a locale"),
     ("EVENTS_MONTH_URL", "events/{yr}/", "{year}, {month}")],
)  # fmt: skip
def test_wrong_settings_stop_the_build(key: str, value: object, words: str, tmp_path: Path) -> None:
    write(tmp_path / "content", {})
    with pytest.raises(SettingsError) as caught:
        build_site(tmp_path / "content", tmp_path / "output", **{key: value})
    assert f"setting {key!r} = {value!r}: " in str(caught.value) and words in str(caught.value)


def test_the_real_build_fails_whole_and_clean(tmp_path: Path) -> None:
    """`make html`: exit status 1, every problem listed, no traceback, old site kept."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the previous site", encoding="utf-8")
    content = FIXTURES / "events_bad" / "content"
    result = run_build(content, output, env={"COLUMNS": "400"})
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in said
    for name, field, value in [
        ("bad-date.md", "event-start", "'2024-13-02 10:00'"),
        ("end-before-start.md", "event-end", "'2024-06-19 14:00'"),
        ("bad-zone.md", "event-timezone", "'Asia/Hengyang'"),
        ("bad-rrule.md", "event-rrule", "'FREQ=WEEKLY;BYDAY=TUESDAY'"),
        ("bad-exdate.md", "event-exdate", "'2024-06-26'"),
        ("bad-status.md", "event-status", "'perhaps'"),
    ]:
        assert named(said, content / "events" / name, field, value), name
    assert (output / "index.html").read_text(encoding="utf-8") == "the previous site"
    # No half-written site beside it (the build caches live in cache/, outside the site).
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "cache") == ["output"]
