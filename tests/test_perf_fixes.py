"""Behaviour of the fixes `make bench` led to in other plugins (not their speed)."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import run_build
from events import ics
from gallery.digests import DigestMemo, file_digests
from icalendar import Calendar, Event


def test_an_unchanged_photo_is_not_hashed_again(tmp_path: Path, hash_calls: list[Path]) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"one")
    memo_file = tmp_path / "cache" / "digests.json"
    first = DigestMemo(memo_file)
    digest = first.sha256(photo)
    first.save()
    assert DigestMemo(memo_file).sha256(photo) == digest
    assert hash_calls == [photo]  # the second build read the memo, not the photo


def test_a_changed_photo_is_hashed_again(tmp_path: Path, hash_calls: list[Path]) -> None:
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"one")
    memo_file = tmp_path / "digests.json"
    first = DigestMemo(memo_file)
    old = first.sha256(photo)
    first.save()
    photo.write_bytes(b"two")  # same size, new content
    stat = photo.stat()
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert DigestMemo(memo_file).sha256(photo) != old


def test_prefetch_hashes_the_unknown_photos_in_threads(
    tmp_path: Path, hash_calls: list[Path]
) -> None:
    photos = [tmp_path / f"{n}.jpg" for n in range(5)]
    for n, photo in enumerate(photos):
        photo.write_bytes(bytes([n]) * 100)
    memo = DigestMemo(tmp_path / "digests.json")
    memo.prefetch([*photos, tmp_path / "missing.jpg"], workers=2)
    assert sorted(hash_calls) == sorted(photos)
    assert [memo.sha256(p) for p in photos] == [file_digests(p)[0] for p in photos]
    with pytest.raises(OSError):
        memo.sha256(tmp_path / "missing.jpg")  # reported where the build reports it


def test_a_corrupt_memo_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "digests.json").write_text("{not json", encoding="utf-8")
    photo = tmp_path / "a.jpg"
    photo.write_bytes(b"x")
    assert DigestMemo(tmp_path / "digests.json").sha256(photo)


def test_feeds_share_one_vtimezone_per_zone_and_year_range() -> None:
    ics.vtimezone.cache_clear()
    zone = ZoneInfo("Europe/London")
    for day in (3, 4, 5):
        calendar = Calendar()
        event = Event()
        event.add("dtstart", datetime(2025, 3, day, 10, tzinfo=zone))
        calendar.add_component(event)
        ics.add_timezones(calendar, date(2024, 2, day), date(2026, 5, day))
        (timezone,) = calendar.walk("VTIMEZONE")
        assert timezone["TZID"] == "Europe/London"
        assert calendar.subcomponents.index(timezone) < calendar.subcomponents.index(event)
        assert not calendar.get_missing_tzids()
    assert ics.vtimezone.cache_info().misses == 1  # whole years: one component for all three


def test_templates_are_compiled_once_across_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import build_site
    from jinja2 import Environment

    from benchmarks.corpus import CorpusSize, generate

    generate(tmp_path / "corpus", CorpusSize("jc", 3, 2, 0, 0), seed=5)
    content = tmp_path / "corpus" / "ours" / "content"
    compiled: list[str | None] = []
    real = Environment.compile

    def counting(
        self: Environment, source: object, name: str | None = None, *a: object, **k: object
    ) -> object:
        compiled.append(name)
        return real(self, source, name, *a, **k)

    monkeypatch.setattr(Environment, "compile", counting)
    cache = tmp_path / "jinja"
    first = build_site(content, tmp_path / "one" / "output", JINJA_BYTECODE_CACHE_PATH=str(cache))
    assert any(name for name in compiled) and list(cache.iterdir())
    compiled.clear()
    second = build_site(content, tmp_path / "two" / "output", JINJA_BYTECODE_CACHE_PATH=str(cache))
    assert [name for name in compiled if name] == []
    assert (second.output / "index.html").read_bytes() == (first.output / "index.html").read_bytes()


def test_the_second_build_takes_the_rule_book_s_answer_from_its_memo(tmp_path: Path) -> None:
    """The first build has no reading cache to load, so it builds with LOAD_CONTENT_CACHE
    turned off; that setting is the build's, not the content's, and the next build with
    nothing changed must not check every file again for it (it did, once per cold cache:
    0.1 to 0.2 s of the small bench's first warm build)."""
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "news" / "fair.md").write_text(
        "Title: Spring fair\nDate: 2026-03-01 10:00\n\nStalls and [the events](/events/).\n",
        encoding="utf-8",
    )
    output = tmp_path / "output"
    first = run_build(content, output)
    assert first.returncode == 0, first.stderr
    (memo,) = tmp_path.rglob("rulebook-memo.pickle")
    kept = memo.read_bytes()
    second = run_build(content, output)
    assert second.returncode == 0, second.stderr
    assert memo.read_bytes() == kept  # the answer was found, not worked out and saved anew
    (content / "news" / "fair.md").write_text("Title: Spring fair\n\nNo date now.\n")
    third = run_build(content, output)
    assert third.returncode == 0, third.stderr
    assert memo.read_bytes() != kept  # a change of the content is checked again


def test_a_git_file_in_content_is_no_input_of_the_rule_book(tmp_path: Path) -> None:
    """Content checked out as a submodule, a worktree or a clone with its git folder
    elsewhere holds a `.git` file naming that folder, which moves from clone to clone:
    like a `.git` folder, no rule reads it, and the rule book's answer is kept."""
    content = tmp_path / "content"
    (content / "news").mkdir(parents=True)
    (content / "news" / "fair.md").write_text(
        "Title: Spring fair\nDate: 2026-03-01 10:00\n\nStalls.\n", encoding="utf-8"
    )
    (content / ".git").write_text("gitdir: /home/runner/work/site/.git/modules/content\n")
    output = tmp_path / "output"
    assert run_build(content, output).returncode == 0
    (memo,) = tmp_path.rglob("rulebook-memo.pickle")
    kept = memo.read_bytes()
    (content / ".git").write_text("gitdir: /tmp/another-clone/.git/modules/content\n")
    again = run_build(content, output)
    assert again.returncode == 0, again.stderr
    assert memo.read_bytes() == kept
