"""`make new-site`: any community, any set of languages, nothing of the sample left.

Each site is made by tools/new_site.py in a folder of its own (as a fresh clone's root),
given an event of its own, checked by tools/check.py and built for publishing; the tests
read what came out: `<html lang>` on every page, the community's name in every title, no
word of the sample community, the languages it has and only those, and its time zone in
the calendar files.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import EXAMPLE, ROOT, Build, build_site
from icalendar import Calendar

from tools.new_site import move_aside

NEW_SITE = ROOT / "tools" / "new_site.py"
# Words of the demonstration community that must not reach another community's site.
SAMPLE_WORDS = re.compile(
    r"Qingquanshan|清泉山|Youth Home|青年之家|Hengyang|衡阳|Linghu|酃湖|Zhuhui|珠晖"
    r"|Hunan Institute|湖南工学院|qingquanshan\.example",
    re.IGNORECASE,
)
# name, languages (default first), time zone
SITES = {
    "en-only": ("Riverside Tenants' Association", "en", "Europe/London"),
    "zh-only": ("桂花社区 🌼", "zh", "Asia/Shanghai"),
    "en-first": ('Harbour Street "Neighbours"', "en,zh", "Europe/Dublin"),
    "new-language": ("Voisins du Port", "fr,en", "America/Montreal"),
}
EVENT = """Title: {title}
Slug: meeting
Lang: {lang}
Date: 2030-01-10 09:00
event-start: 2030-03-05 19:00
event-end: 2030-03-05 21:00
event-location: {place}

{title}.
"""


def new_site(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(NEW_SITE), "--root", str(root), *args],
        capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip


def make_site(root: Path, key: str) -> Path:
    return new_community(root, *SITES[key], key=key)


def new_community(root: Path, name: str, languages: str, zone: str, key: str = "site") -> Path:
    """A new site (`make new-site`) in `root`, with an event in each of its languages."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "publishconf.py", root)  # as the site's folder has it
    translations = root / "translations"  # a copy: a new language's catalogue lands here
    shutil.copytree(ROOT / "theme" / "translations", translations)
    args = ["--name", name, "--languages", languages, "--timezone", zone]
    args += ["--siteurl", f"https://{key}.example.net", "--translations", str(translations)]
    made = new_site(root, *args)
    assert made.returncode == 0, made.stderr
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"I18N_UI_TRANSLATIONS_PATH = {str(translations)!r}\n")
    for lang in languages.split(","):
        event = EVENT.format(title=f"Residents meeting {lang}", lang=lang, place="Hall")
        (root / "content" / "events" / f"meeting.{lang}.md").write_text(event, "utf-8")
    return root


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    """`make check` in the site's folder."""
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check.py")],
        capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip


_BUILT: dict[str, tuple] = {}


def built(key: str, factory: pytest.TempPathFactory) -> tuple:
    """Site `key` made, checked and built for publishing, once per test session."""
    if key not in _BUILT:
        root = make_site(factory.mktemp(key) / "site", key)
        checked = run_check(root)
        assert checked.returncode == 0, checked.stdout + checked.stderr
        build = build_site(
            root / "content",
            root / "output",
            str(root / "publishconf.py"),
            PUBLISH_PAGEFIND=False,
            PUBLISH_PRECOMPRESS=False,
            PUBLISH_MINIFY=False,
        )
        _BUILT[key] = (key, root, build)
    return _BUILT[key]


@pytest.fixture(params=list(SITES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple:
    return built(request.param, tmp_path_factory)


def pages(build: Build) -> list[Path]:
    return sorted(p for p in build.output.rglob("*.html") if "admin" not in p.parts)


def test_starter_has_every_page_in_every_language(site: tuple) -> None:
    key, root, build = site
    languages = SITES[key][1].split(",")
    for lang in languages:
        prefix = "" if lang == languages[0] else f"{lang}/"
        for slug in ("about", "contact", "volunteer", "news/welcome"):
            assert (build.output / prefix / slug / "index.html").is_file(), (lang, slug)
    for folder in ("events", "projects", "galleries"):
        assert (root / "content" / folder).is_dir()


def test_every_page_has_its_lang_and_the_name_in_its_title(site: tuple) -> None:
    key, _, build = site
    name, languages, _ = SITES[key]
    codes = languages.split(",")
    tags = {"zh": "zh-Hans"}
    for page in pages(build):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        lang = soup.html.get("lang") if soup.html else None
        assert lang in {tags.get(c, c) for c in codes}, page
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue
        assert name in soup.title.get_text(), page


def test_nothing_of_the_sample_community(site: tuple) -> None:
    _, root, build = site
    for path in [*build.output.rglob("*"), *(root / "content").rglob("*")]:
        if path.is_file() and path.suffix in {".html", ".xml", ".ics", ".txt", ".md", ".json"}:
            found = SAMPLE_WORDS.search(path.read_text("utf-8", errors="replace"))
            assert found is None, f"{path}: {found.group(0)!r}"
    assert SAMPLE_WORDS.search((root / "pelicanconf.py").read_text("utf-8")) is None


def test_only_the_sites_languages(site: tuple) -> None:
    key, _, build = site
    codes = SITES[key][1].split(",")
    tags = {"zh": "zh-Hans"}
    home = BeautifulSoup((build.output / "index.html").read_text("utf-8"), "html.parser")
    hreflangs = {link["hreflang"] for link in home.select("link[hreflang]")}
    assert hreflangs == {tags.get(c, c) for c in codes}
    switch = home.select(".lang-switch a")
    assert [a["hreflang"] for a in switch] == [tags.get(c, c) for c in codes[1:]]
    for other in ("en", "zh", "fr"):
        assert (build.output / other).is_dir() == (other in codes[1:]), other


def test_events_in_the_sites_time_zone(site: tuple) -> None:
    key, _, build = site
    zone = SITES[key][2]
    calendar = Calendar.from_ical((build.output / "events" / "calendar.ics").read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert events
    for event in events:
        start = event["DTSTART"]
        assert start.params.get("TZID") == zone
        assert (start.dt.hour, start.dt.minute) == (19, 0)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [zone]


@pytest.mark.parametrize("key", ["en-only", "zh-only"])
def test_a_single_language_site_has_no_other_language(
    key: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _, _, build = built(key, tmp_path_factory)
    codes = SITES[key][1].split(",")
    other = "zh" if codes == ["en"] else "en"
    home = (build.output / "index.html").read_text("utf-8")
    assert "lang-switch" not in home
    # Not one interface string of the other language: the menu's words are the site's own.
    soup = BeautifulSoup(home, "html.parser")
    menu = [a.get_text() for a in soup.select(".site-nav a")]
    expected = {"en": "News", "zh": "新闻"}[codes[0]]
    assert expected in menu
    assert {"en": "News", "zh": "新闻"}[other] not in menu
    # Every interface string is in the site's language: no catalogue gaps, and an English
    # site has not one Chinese character (the theme's other catalogue never leaks in).
    assert not [m for m in build.problems() if "not translated" in m]
    if codes == ["en"]:
        for page in pages(build):
            text = page.read_text("utf-8")
            assert not re.search(r"[\u4e00-\u9fff]", text), page


def test_a_new_language_warns_about_what_is_left_in_english(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _, root, build = built("new-language", tmp_path_factory)
    warnings = " ".join(build.problems())
    assert "not translated into 'fr'" in warnings
    assert (root / "translations" / "fr" / "LC_MESSAGES" / "messages.po").is_file()
    # `make check` says so too, once, on the catalogue (the build printed it once).
    checked = run_check(root)
    said = [line for line in checked.stdout.splitlines() if "not translated into 'fr'" in line]
    assert len(said) == 1 and said[0].startswith(str(Path("translations", "fr")))
    assert ": warning: " in said[0] and checked.returncode == 0
    assert warnings.count("not translated into 'fr'") == 1


def test_a_language_without_catalogue_stops_the_build(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    made = new_site(root, "--name", "Dorf", "--languages", "de", "--timezone", "Europe/Berlin",
                    "--no-catalogue")  # fmt: skip
    assert made.returncode == 0, made.stderr
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"I18N_UI_TRANSLATIONS_PATH = {str(tmp_path / 'empty')!r}\n")
    (tmp_path / "empty").mkdir()
    built = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build.py")],
        capture_output=True, text=True, check=False, cwd=root,
        env={"PATH": "/usr/bin:/bin", "COMMUNITY_PRESS_CACHE": str(tmp_path / "cache")},
    )  # fmt: skip
    assert built.returncode != 0
    assert "make translations ADD=de" in " ".join((built.stdout + built.stderr).split())
    assert "Traceback" not in built.stdout + built.stderr
    assert not (root / "output").exists()
    checked = run_check(root)
    assert checked.returncode == 1
    assert "make translations ADD=de" in checked.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--timezone", "Europe/Lundon"], "did you mean 'Europe/London'"),
        (["--timezone", "Asia/Shangai"], "did you mean 'Asia/Shanghai'"),
        (["--timezone", "EST"], "e.g. America/New_York"),  # UTC-5 even in summer
        (["--timezone", "Etc/GMT+5"], "sign the other way round"),
        (["--languages", "en,english"], "unknown language code 'english'"),
        # Pelican reads DEFAULT_LANG in lower case: 'EN' made a site the build refused.
        (["--languages", "EN"], "write it in lower case, 'en'"),
        (["--languages", "pt_BR,en"], "write the language alone, 'pt'"),
        (["--languages", "zh-Hant"], "write the language alone, 'zh'"),
        (["--siteurl", "riverside.org"], "must start with https://"),
        (["--name", "   "], "needs a name"),
    ],
)
def test_bad_values_are_refused_naming_them(tmp_path: Path, args: list[str], expected: str) -> None:
    given = {"--name": "Riverside", "--languages": "en", "--timezone": "Europe/London"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        given[flag] = value
    made = new_site(tmp_path, *(x for pair in given.items() for x in pair))
    assert made.returncode == 1
    assert expected in made.stderr
    assert not (tmp_path / "content").exists()
    assert not (tmp_path / "pelicanconf.py").exists()


def test_refuses_to_replace_a_site_unless_forced(tmp_path: Path) -> None:
    base = ["--languages", "en", "--timezone", "UTC"]
    assert new_site(tmp_path, "--name", "First", *base).returncode == 0
    (tmp_path / "content" / "articles" / "mine.en.md").write_text(
        "Title: Mine\nDate: 2025-01-01\n\nMine.\n", "utf-8"
    )
    refused = new_site(tmp_path, "--name", "Second", *base)
    assert refused.returncode == 1
    assert "content/articles/mine.en.md" in refused.stderr
    assert "FORCE=1" in refused.stderr
    assert "First" in (tmp_path / "pelicanconf.py").read_text("utf-8")
    forced = new_site(tmp_path, "--name", "Second", "--force", *base)
    assert forced.returncode == 0, forced.stderr
    assert "Second" in (tmp_path / "pelicanconf.py").read_text("utf-8")
    kept = list(tmp_path.glob("content.old-*/articles/mine.en.md"))
    assert len(kept) == 1  # moved aside, never deleted
    assert list(tmp_path.glob("pelicanconf.py.old-*"))


def test_two_forced_runs_in_one_second_keep_both_old_sites(tmp_path: Path) -> None:
    """The second run's dated name was the first's: its move replaced the first backup."""
    now = dt.datetime(2026, 12, 7, 13, 4, 19)
    for text in ("first", "second"):
        (tmp_path / "content").mkdir()
        (tmp_path / "content" / "mine.md").write_text(text, "utf-8")
        (tmp_path / "pelicanconf.py").write_text(f"SITENAME = {text!r}\n", "utf-8")
        move_aside(tmp_path, force=True, now=now)
    kept = sorted(p.read_text("utf-8") for p in tmp_path.glob("pelicanconf.py.old-*"))
    assert kept == ["SITENAME = 'first'\n", "SITENAME = 'second'\n"]
    contents = sorted(p.read_text("utf-8") for p in tmp_path.glob("content.old-*/mine.md"))
    assert contents == ["first", "second"]  # side by side, not one inside the other


def test_the_example_is_built_by_a_fresh_clone_and_not_mixed_in(tmp_path: Path) -> None:
    """The repository's own settings build the example until new-site replaces them."""
    text = (ROOT / "pelicanconf.py").read_text("utf-8")
    assert "examples.qingquanshan" in text
    assert (EXAMPLE / "content" / "pages").is_dir()
    made = new_site(tmp_path, "--name", "Elm Court", "--languages", "en", "--timezone", "UTC")
    assert made.returncode == 0
    assert "examples" not in (tmp_path / "pelicanconf.py").read_text("utf-8")


def test_theme_plugins_and_tools_hold_no_word_of_the_sample() -> None:
    for folder in ("theme", "plugins", "tools"):
        for path in (ROOT / folder).rglob("*"):
            if not path.is_file() or path.suffix not in {".py", ".html", ".js", ".css", ".cfg"}:
                continue
            found = SAMPLE_WORDS.search(path.read_text("utf-8", errors="replace"))
            assert found is None, f"{path.relative_to(ROOT)}: {found.group(0)!r}"
    for po in (ROOT / "theme" / "translations").rglob("*.po"):
        found = SAMPLE_WORDS.search(po.read_text("utf-8"))
        assert found is None, f"{po.relative_to(ROOT)}: {found.group(0)!r}"


def test_run_bare_in_a_terminal_it_asks_for_each_value(tmp_path: Path) -> None:
    """`make new-site` with no variables, in a terminal: four questions with defaults."""
    master, terminal = pty.openpty()
    answers = "Elm Court 🌳\nen,zh\n\nhttps://elm.example.org\n"
    process = subprocess.Popen(
        [sys.executable, str(NEW_SITE), "--root", str(tmp_path), "--no-catalogue"],
        stdin=terminal, stdout=terminal, stderr=terminal, cwd=tmp_path,
    )  # fmt: skip
    os.close(terminal)
    os.write(master, answers.encode())
    said = b""
    with contextlib.suppress(OSError):  # EIO once the program has ended
        while chunk := os.read(master, 4096):
            said += chunk
    os.close(master)
    assert process.wait(timeout=60) == 0, said.decode()
    shown = said.decode()
    for question in ("Community name", "Languages, the default first [en]", "Time zone ["):
        assert question in shown
    conf = (tmp_path / "pelicanconf.py").read_text("utf-8")
    assert "SITENAME = 'Elm Court 🌳'" in conf
    assert "I18N_UI_LANGUAGES = ['en', 'zh']" in conf
    assert "PUBLISH_SITEURL = 'https://elm.example.org'" in conf
    assert (tmp_path / "content" / "pages" / "about.zh.md").is_file()


def test_new_content_speaks_of_this_site(tmp_path: Path) -> None:
    """`make new-event` in another community's site: its help names the site's language
    and time zone, and its default end exists on the site's clock (two hours after 23:30
    on the night the clocks go forward is 02:30, not the skipped 01:30)."""
    root = make_site(tmp_path / "site", "en-only")
    made = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "new_content.py"), "event", "Spring eve",
         "--start", "2027-03-27 23:30"],
        capture_output=True, text=True, check=False, cwd=root,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = (root / "content" / "events" / "spring-eve.en.md").read_text("utf-8")
    assert "event-start: 2027-03-27 23:30\nevent-end: 2027-03-28 02:30\n" in text
    assert "event-timezone (default Europe/London)" in text
    assert "Lang      en (the site's language)" in text
    assert "Asia/Shanghai" not in text and ".zh.md" not in text


def test_a_language_the_card_font_cannot_write_is_named_by_check_and_build(
    tmp_path: Path,
) -> None:
    """No font on this machine writes both Chinese and Arabic, so the cards keep their
    default font (Noto Sans CJK), which has no Arabic letters: the welcome article's card
    would show its date as boxes. `make check` says so, as the build does, on the Date
    line, with a fix that works on a machine that has that font."""
    root = new_community(
        tmp_path / "site", "Harbour Street Residents", "zh,ar", "America/Los_Angeles"
    )
    checked = run_check(root)
    assert checked.returncode == 1
    (line,) = [x for x in checked.stdout.splitlines() if "welcome.ar.md" in x]
    assert ": error: field 'date' = " in line and "has no glyph for" in line
    assert "set SHARECARDS_FONT and SHARECARDS_BOLD_FONT" in line
    build = build_site(root / "content", root / "output", str(root / "publishconf.py"))
    said = "\n".join(build.problems(logging.ERROR))
    assert "welcome.ar.md" in said and "has no glyph for" in said


def test_pages_in_a_right_to_left_language_say_so(tmp_path: Path) -> None:
    """Arabic pages read from right to left (`dir="rtl"` on <html>); the English ones
    keep the default direction and no attribute. The share cards need no setting: the
    default font has no Arabic, so a font of this machine that writes both languages
    draws them (DejaVu Sans here), for `make check` as for the build."""
    root = new_community(
        tmp_path / "site", "Harbour Street Residents", "en,ar", "America/Los_Angeles"
    )
    checked = run_check(root)
    assert checked.returncode == 0, checked.stdout
    build = build_site(root / "content", root / "output", str(root / "pelicanconf.py"))
    assert build.problems(logging.ERROR) == []
    assert (build.output / "share" / "ar" / "article" / "welcome.jpg").is_file()
    arabic = BeautifulSoup((build.output / "ar" / "index.html").read_text("utf-8"), "html5lib")
    assert (arabic.html["lang"], arabic.html.get("dir")) == ("ar", "rtl")
    english = BeautifulSoup((build.output / "index.html").read_text("utf-8"), "html5lib")
    assert (english.html["lang"], english.html.get("dir")) == ("en", None)
