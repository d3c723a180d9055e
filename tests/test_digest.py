"""The weekly digest (issue 16): a page per ISO week, its plain text and its rich text.

A small site in New York time is built into tmp_path: an article at 23:30 on a Sunday
there is Monday in UTC, and must stay in its Sunday's week.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, Build, build_site
from digest.settings import DEFAULTS, settings_problems
from digest.text import columns
from digest.weeks import Week, week_of

SITEURL = "https://example.org"
SETTINGS = {
    "SITEURL": SITEURL,
    "RELATIVE_URLS": False,
    "TIMEZONE": "America/New_York",
    "EVENTS_NOW": "2024-06-26 12:00",
    "DIGEST_WEEKS": 3,
}
WIDTH = DEFAULTS["DIGEST_TEXT_WIDTH"]
LINK = re.compile(r"https?://\S+")


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def digest_site(root: Path) -> Path:
    content = root / "content"
    write(
        content / "articles" / "late.md",
        "Title: 周日深夜的新闻\nSlug: late\nDate: 2024-06-23 23:30\n\n正文。\n",
    )
    write(
        content / "articles" / "late.en.md",
        "Title: Late on Sunday\nSlug: late\nLang: en\nDate: 2024-06-23 23:30\n\nText.\n",
    )
    write(
        content / "articles" / "monday.md",
        "Title: 周一早上的新闻，标题很长很长很长，需要在纯文本里换行才能读\nSlug: monday\n"
        "Date: 2024-06-24 08:00\n\n正文。\n",
    )
    write(
        content / "events" / "soon.md",
        "Title: 社区大扫除\nSlug: soon\nevent-start: 2024-06-28 18:00\n"
        "event-location: 社区服务中心门前\n\n一起打扫。\n",
    )
    write(
        content / "events" / "later.md",
        "Title: 七月的读书会\nSlug: later\nevent-start: 2024-07-05 19:00\n\n读书。\n",
    )
    write(
        content / "events" / "off.md",
        "Title: 取消的晨练\nSlug: off\nevent-start: 2024-06-29 08:00\n"
        "event-status: cancelled\n\n下雨。\n",
    )
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    work = tmp_path_factory.mktemp("digest")
    return build_site(digest_site(work), work / "output", **SETTINGS)


def titles(site: Build, page: str) -> list[str]:
    soup = BeautifulSoup(site.read(page), "html.parser")
    return [a.get_text(strip=True) for a in soup.select("main a")]


def test_the_index_lists_one_digest_per_week_in_each_language(site: Build) -> None:
    for prefix in ("", "en/"):
        soup = BeautifulSoup(site.read(f"{prefix}digest/index.html"), "html.parser")
        links = [str(a["href"]) for a in soup.select(".digest-weeks a")]
        assert links == [f"{SITEURL}/{prefix}digest/2024-W{n}/" for n in (26, 25, 24)]
        for link in links:
            assert (site.output / link.removeprefix(SITEURL + "/") / "index.html").exists()


def test_weeks_follow_the_sites_clock() -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    new_york = ZoneInfo("America/New_York")
    sunday_late = datetime(2024, 6, 23, 23, 30, tzinfo=new_york)  # Monday 03:30 in UTC
    assert week_of(sunday_late, new_york) == Week(2024, 25)
    assert week_of(sunday_late, ZoneInfo("UTC")) == Week(2024, 26)
    assert Week(2024, 1).monday.isoformat() == "2024-01-01"
    assert Week(2020, 53).shifted(1) == Week(2021, 1)


def test_an_article_late_on_sunday_belongs_to_that_week(site: Build) -> None:
    w25, w26 = (
        titles(site, "digest/2024-W25/index.html"),
        titles(site, "digest/2024-W26/index.html"),
    )
    assert "周日深夜的新闻" in w25
    assert "周日深夜的新闻" not in w26
    assert any(t.startswith("周一早上的新闻") for t in w26)
    assert "Late on Sunday" in titles(site, "en/digest/2024-W25/index.html")


def test_events_of_the_fourteen_days_from_the_weeks_monday(site: Build) -> None:
    w25, w26 = (
        titles(site, "digest/2024-W25/index.html"),
        titles(site, "digest/2024-W26/index.html"),
    )
    assert "社区大扫除" in w25  # 28 June: within 17 June + 14 days
    assert "七月的读书会" not in w25  # 5 July: after 1 July
    assert {"社区大扫除", "七月的读书会"} <= set(w26)
    # The English digest lists them too, in their only version.
    assert "社区大扫除" in titles(site, "en/digest/2024-W25/index.html")


def text_of(site: Build, path: str) -> str:
    data = (site.output / path).read_bytes()
    return data.decode("utf-8")  # UTF-8, or this raises


def test_plain_text_has_short_lines_full_links_and_no_markdown(site: Build) -> None:
    for path in ("digest/2024-W26.txt", "en/digest/2024-W26.txt", "digest/2024-W25.txt"):
        text = text_of(site, path)
        links = LINK.findall(text)
        assert links, path
        for line in text.splitlines():
            if not LINK.search(line):
                assert columns(line) <= WIDTH, (path, line)
            assert not re.match(r"\s*(#|\*|- |>|\d+\. )", line), (path, line)
            assert "**" not in line and "](" not in line, (path, line)
        for link in links:
            assert link.startswith(f"{SITEURL}/"), link
            target = site.output / link.removeprefix(f"{SITEURL}/")
            assert (target / "index.html").exists() or target.is_file(), link
    text = text_of(site, "digest/2024-W26.txt")
    assert f"{SITEURL}/events/later/" in text
    assert "已取消" in text  # the cancelled event says so


def test_rich_text_has_inline_styles_and_no_script(site: Build) -> None:
    copy = json.loads(text_of(site, "digest/2024-W26.rich.json"))
    assert (copy["week"], copy["lang"]) == ("2024-W26", "zh")
    html = copy["html"]
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and "<script" not in html.lower()
    assert not soup.select("[class]"), "a class means nothing once pasted"
    styled = [tag for tag in soup.find_all(True) if tag.get("style")]
    assert len(styled) >= 10
    for tag in soup.find_all(["section", "h1", "h2", "p", "a"]):
        assert tag.get("style"), tag
    hrefs = [str(a["href"]) for a in soup.find_all("a")]
    assert f"{SITEURL}/news/monday/" in hrefs
    assert all(h.startswith(SITEURL) for h in hrefs)
    assert "社区大扫除" in soup.get_text()
    # Not an HTML file: the site's HTML files all pass its CSP and are indexed for search.
    assert [p.name for p in site.output.glob("digest/*.html")] == ["index.html"]


def test_page_has_the_copy_button_and_the_plain_text_link(site: Build) -> None:
    html = site.read("digest/2024-W26/index.html")
    soup = BeautifulSoup(html, "html.parser")
    button = soup.select_one("button[data-digest-copy]")
    assert button is not None and button.has_attr("hidden")  # shown by the script
    assert button["data-rich"] == f"{SITEURL}/digest/2024-W26.rich.json"
    assert button["data-text"] == f"{SITEURL}/digest/2024-W26.txt"
    links = [str(a["href"]) for a in soup.select("main a")]
    assert f"{SITEURL}/digest/2024-W26.txt" in links
    scripts = [str(s.get("src", "")) for s in soup.find_all("script")]
    assert any("/theme/js/digest.js" in s for s in scripts)
    assert (site.output / "theme/js/digest.js").exists()
    # The site's pages keep their policy: no inline style or script on this one.
    assert not soup.select("[style]")
    assert all(s.get("src") or s.get("type") == "application/ld+json" for s in soup("script"))


def test_language_switch_leads_to_the_same_week(site: Build) -> None:
    soup = BeautifulSoup(site.read("digest/2024-W25/index.html"), "html.parser")
    alternates = [str(a["href"]) for a in soup.select(".lang-switch a")]
    assert f"{SITEURL}/en/digest/2024-W25/" in alternates


def test_make_digest_prints_the_text_the_build_writes(site: Build, tmp_path: Path) -> None:
    work = site.output.parent
    conf = tmp_path / "conf.py"
    overrides = {**SETTINGS, "CACHE_PATH": str(work / "cache" / "pelican"),
                 "GALLERY_CACHE_PATH": str(work / "cache" / "gallery")}  # fmt: skip
    conf.write_text(
        "from pelicanconf import *\n"
        + "".join(f"{key} = {value!r}\n" for key, value in overrides.items()),
        encoding="utf-8",
    )
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "print_digest.py"),
            "-s",
            str(conf),
            "-c",
            str(work / "content"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == text_of(site, "digest/2024-W26.txt")  # this week, in New York
    english = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "print_digest.py"),
            "-s",
            str(conf),
            "-c",
            str(work / "content"),
            "--lang",
            "en",
            "--week",
            "2024-W25",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert english.stdout == text_of(site, "en/digest/2024-W25.txt")


def test_make_has_a_digest_target() -> None:
    run = subprocess.run(
        ["make", "-n", "digest"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert "tools/print_digest.py" in run.stdout, run.stderr


def test_settings_problems_name_the_key() -> None:
    assert settings_problems({**DEFAULTS, "DEFAULT_LANG": "zh"}) == []
    bad = {**DEFAULTS, "DIGEST_EVENT_DAYS": 0, "DIGEST_WEEKS": "4",
           "DIGEST_TEXT_SAVE_AS": "digest/week.txt"}  # fmt: skip
    problems = "\n".join(settings_problems(bad))
    for key in ("DIGEST_EVENT_DAYS", "DIGEST_WEEKS", "DIGEST_TEXT_SAVE_AS"):
        assert key in problems


def test_an_untranslated_events_dates_are_in_the_digests_language(site: Build) -> None:
    """The English digest listed the Chinese-only events with Chinese dates (the events
    index already gave them in English)."""
    english = text_of(site, "en/digest/2024-W25.txt")
    assert "社区大扫除" in english
    assert "Friday 28 June 2024" in english
    assert "星期五" not in english and "6月28日" not in english
    assert "6月28日" in text_of(site, "digest/2024-W25.txt")
