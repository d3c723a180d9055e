"""The new-content scaffolder: readable slugs, no overwriting, and files that build and pass
the checker as they come out of it (TODOs are warnings, never errors)."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, build_site

from tools.new_content import (
    ContentExists,
    ContentRefused,
    create,
    parse_start,
    render,
    slug_from_title,
)

NOW = dt.datetime(2024, 6, 10, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
CHECK = ROOT / "tools" / "check.py"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("父亲节亲子活动", "fu-qin-jie-qin-zi-huo-dong"),  # Chinese: pinyin, one word a syllable
        ("清泉山社区 Youth Home", "qing-quan-shan-she-qu-youth-home"),  # mixed scripts
        ("“双减”课后托管！", "shuang-jian-ke-hou-tuo-guan"),  # Chinese punctuation dropped
        ("Father's Day 2024", "fathers-day-2024"),  # apostrophes joined, not a dash
        ("Café crème", "cafe-creme"),  # accents transliterated
        ("  --Open   day--  ", "open-day"),  # no leading, trailing or double dashes
        ("长" * 80, "chang-" * 9 + "chang"),  # cut at a syllable, at most 60 characters
    ],
)
def test_slug_from_title(title: str, slug: str) -> None:
    assert slug_from_title(title) == slug
    assert len(slug_from_title(title)) <= 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-06-19 15:00", dt.datetime(2024, 6, 19, 15, 0)),
        ("2024-06-19T15:00", dt.datetime(2024, 6, 19, 15, 0)),
        ("2024-06-19", dt.date(2024, 6, 19)),  # all day
    ],
)
def test_parse_start(text: str, expected: dt.date) -> None:
    assert parse_start(text) == expected


@pytest.mark.parametrize("text", ["19/06/2024 15:00", "2024-06-19 25:00", "tomorrow"])
def test_parse_start_refuses_other_forms(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD HH:MM"):
        parse_start(text)


def test_every_field_is_filled_and_explained() -> None:
    text = render("event", "开放日", "open-day", "zh", NOW, start=dt.datetime(2024, 6, 19, 15))
    head, _, body = text.partition("\n\n")
    keys = [line.split(":", 1)[0] for line in head.splitlines()]
    assert keys == [
        "Title", "Slug", "Lang", "Date", "Category", "Tags", "Author", "Status", "Summary",
        "event-start", "event-end", "event-location", "event-status", "event-organizer",
        "event-cost",
    ]  # fmt: skip
    assert all(line.split(":", 1)[1].strip() for line in head.splitlines())
    assert "event-start: 2024-06-19 15:00" in head
    assert "event-end: 2024-06-19 17:00" in head
    assert "Date: 2024-06-10 09:30" in head
    assert body.startswith("<!--")
    for key in keys:
        assert key in body.split("-->")[0]  # each field is explained in the help block
    assert "--" not in body.split("<!--", 1)[1].split("-->")[0]  # a valid HTML comment


def test_refuses_to_overwrite(tmp_path: Path) -> None:
    created = create("article", "社区开放日", tmp_path, now=NOW)
    path = created.files[0]
    path.write_text(path.read_text(encoding="utf-8") + "\n编辑写的正文。\n", encoding="utf-8")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ContentExists, match="already exists"):
        create("article", "社区开放日", tmp_path, now=NOW)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_command_line_says_where_and_how_to_preview(tmp_path: Path) -> None:
    run = [sys.executable, str(ROOT / "tools" / "new_content.py"), "event", "父亲节亲子活动",
           "--start", "2024-06-19 15:00", "--content", str(tmp_path)]  # fmt: skip
    first = subprocess.run(run, capture_output=True, text=True, check=False)
    assert first.returncode == 0, first.stderr
    assert "events/fu-qin-jie-qin-zi-huo-dong.zh.md" in first.stdout
    assert "make devserver" in first.stdout
    assert "http://127.0.0.1:8000/events/fu-qin-jie-qin-zi-huo-dong/" in first.stdout
    again = subprocess.run(run, capture_output=True, text=True, check=False)
    assert again.returncode == 1
    assert "already exists: nothing was changed" in again.stderr
    assert "Traceback" not in again.stderr
    no_start = subprocess.run(run[:4] + run[6:], capture_output=True, text=True, check=False)
    assert no_start.returncode == 1
    assert 'START="YYYY-MM-DD HH:MM"' in no_start.stderr


def test_make_target_quotes_the_title(tmp_path: Path) -> None:
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "-o", ".venv/.site-installed", "new-article",
         "TITLE=Father's Day; echo oops", f"INPUTDIR={tmp_path}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    made = tmp_path / "articles" / "fathers-day-echo-oops.zh.md"
    assert "Title: Father's Day; echo oops" in made.read_text(encoding="utf-8")
    assert "\noops\n" not in result.stdout


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site made only by the scaffolder: each kind, in Chinese and in English."""
    root = tmp_path_factory.mktemp("scaffold")
    content = root / "content"
    create("article", "社区开放日回顾", content, now=NOW)
    create("article", "Open day, looking back", content, lang="en",
           slug="she-qu-kai-fang-ri-hui-gu", now=NOW)  # fmt: skip
    create("event", "父亲节亲子活动", content, start="2024-06-19 15:00", now=NOW)
    create("event", "Father's Day", content, lang="en", slug="fu-qin-jie-qin-zi-huo-dong", now=NOW)
    create("event", "社区开放日", content, start="2024-12-12", now=NOW)  # all day
    create("project", "青年之家共建", content, now=NOW)
    create("project", "Youth Home", content, lang="en", slug="qing-nian-zhi-jia-gong-jian", now=NOW)
    return root


def test_scaffolded_translation_shares_the_schedule(scaffolded: Path) -> None:
    folder = scaffolded / "content/events"
    chinese = (folder / "fu-qin-jie-qin-zi-huo-dong.zh.md").read_text("utf-8")
    english = (folder / "fu-qin-jie-qin-zi-huo-dong.en.md").read_text("utf-8")
    assert "Lang: en" in english
    # The schedule is written once, in the original; the events plugin shares it.
    head = english.split("\n\n", 1)[0]
    assert "event-start" not in head
    assert "event-status" not in head
    assert "event-location: TODO" in head  # the words are translated
    assert "Date: 2024-06-10 09:30" in chinese
    assert "Date: 2024-06-10 09:30" in head
    captions = scaffolded / "content/galleries/qing-nian-zhi-jia-gong-jian"
    assert sorted(p.name for p in captions.iterdir()) == [
        "captions.en.txt", "captions.txt", "example.jpg",
    ]  # fmt: skip


@pytest.mark.parametrize("status", ["draft", "hidden"])
def test_a_translation_takes_its_originals_status(tmp_path: Path, status: str) -> None:
    content = tmp_path / "content"
    made = create("event", "Picnic", content, start="2027-05-01 12:00", now=NOW).files[0]
    text = made.read_text("utf-8").replace("Status: published", f"Status: {status}")
    made.write_text(text, "utf-8")
    translation = create("event", "Picnic EN", content, lang="en", slug=made.name.split(".")[0],
                         now=NOW).files[0]  # fmt: skip
    head = translation.read_text("utf-8").split("\n\n", 1)[0]
    assert f"Status: {status}" in head.splitlines()


def test_scaffolded_content_passes_the_checker(scaffolded: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(CHECK)], cwd=scaffolded, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout
    assert ": error: " not in result.stdout
    assert ": warning: " in result.stdout  # the TODOs are pointed out


def test_scaffolded_content_builds(scaffolded: Path) -> None:
    build = build_site(scaffolded / "content", scaffolded / "output")
    assert build.problems(logging.ERROR) == []
    pages = {
        "news/she-qu-kai-fang-ri-hui-gu/index.html": "社区开放日回顾",
        "en/news/she-qu-kai-fang-ri-hui-gu/index.html": "Open day, looking back",
        "events/fu-qin-jie-qin-zi-huo-dong/index.html": "父亲节亲子活动",
        "en/events/fu-qin-jie-qin-zi-huo-dong/index.html": "Father's Day",
        "events/she-qu-kai-fang-ri/index.html": "社区开放日",
        "projects/qing-nian-zhi-jia-gong-jian/index.html": "青年之家共建",
        "en/projects/qing-nian-zhi-jia-gong-jian/index.html": "Youth Home",
    }
    english = BeautifulSoup(
        build.read("en/events/fu-qin-jie-qin-zi-huo-dong/index.html"), "html5lib"
    )
    assert "19 June 2024" in english.get_text()  # the original's date, on the English page
    for path, title in pages.items():
        soup = BeautifulSoup(build.read(path), "html5lib")
        assert title in soup.find("h1").get_text(), path
        main = soup.find("main") or soup.body
        # The help block is an HTML comment: at most in the source, never on the page.
        assert "HOW TO FILL IN THIS FILE" not in main.get_text()


def test_refuses_to_write_what_the_build_would_refuse(tmp_path: Path) -> None:
    """The scaffolder runs the rule book on the text it is about to write: an event in
    2099 (a mistyped year, beyond EVENTS_MAX_YEARS_AHEAD) is refused, and nothing written."""
    content = tmp_path / "content"
    with pytest.raises(ContentRefused) as refused:
        create("event", "父亲节亲子活动", content, start="2099-06-19 15:00", now=NOW)
    assert "event-start" in str(refused.value) and "2099-06-19 15:00" in str(refused.value)
    assert all(": error: " in line for line in refused.value.problems)
    assert not (content / "events").exists()
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "new_content.py"), "event", "活动",
         "--start", "2099-06-19 15:00", "--content", str(content)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "nothing was written" in result.stderr and "Traceback" not in result.stderr


def test_a_gallery_folder_linked_from_elsewhere_is_refused(tmp_path: Path) -> None:
    """The scaffold writes captions into the project's gallery folder: never through a link
    to a folder outside the content (the build would refuse those photos anyway)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    galleries = tmp_path / "content" / "galleries"
    galleries.mkdir(parents=True)
    (galleries / "garden").symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="is a link to a folder outside"):
        create("project", "Garden", tmp_path / "content", slug="garden", now=NOW)
    assert list(outside.iterdir()) == []
