"""The content checker (`make check`): every rule, on a fixture that triggers it, at its line.

Each fixture in tests/fixtures/check_*/ is a tiny content folder. The checker runs as editors
and CI run it (`python tools/check.py` in the fixture's folder), and each test compares the
exact set of `path:line: severity` it reports, then the gist of each message.
The fixture photos are a few hundred bytes, made with Pillow (`check_photos/checkconf.py`
lowers the limits so that they count as too large).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

CHECK = ROOT / "tools" / "check.py"


def run_check(
    folder: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run(
        [sys.executable, str(CHECK), *args],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        check=False,
    )


def findings(stdout: str) -> dict[tuple[str, int, str], list[str]]:
    """`path:line: severity: message` lines, grouped by where and how bad."""
    found: dict[tuple[str, int, str], list[str]] = {}
    for line in stdout.splitlines():
        path, number, severity, message = line.split(":", 3)
        found.setdefault((path, int(number), severity.strip()), []).append(message.strip())
    return found


# fixture, path, line, severity, words the message must contain
CASES = [
    # front matter
    ("check_metadata", "content/articles/no-title.zh.md", 1, "error", "missing field 'Title'"),
    ("check_metadata", "content/articles/no-date.zh.md", 1, "error", "missing field 'Date'"),
    ("check_metadata", "content/articles/empty-title.zh.md", 1, "error",
     "field 'title' is empty"),
    ("check_metadata", "content/articles/bad-date.zh.md", 3, "error",
     "field 'date' = '2024-13-02 10:00': not a date (use YYYY-MM-DD HH:MM"),
    ("check_metadata", "content/articles/bad-status.zh.md", 5, "error",
     "field 'status' = 'publish': not a status"),
    ("check_metadata", "content/articles/twice.zh.md", 4, "error",
     "field 'title' is set twice (first on line 1)"),
    ("check_metadata", "content/articles/bad-date.cn.md", 3, "error",  # the build stops too
     "field 'lang' = 'cn': this site is written in zh, en"),
    ("check_metadata", "content/articles/bad-slug.zh.md", 2, "warning",
     "field 'slug' = 'Open Day': use lower-case letters"),
    ("check_metadata", "content/articles/no-front-matter.zh.md", 1, "error", "no front matter"),
    ("check_metadata", "content/articles/gbk.zh.md", 1, "error",  # saved by Notepad as GBK
     "not UTF-8 text, so the site cannot read it"),
    ("check_metadata", "content/articles/todo.zh.md", 8, "warning",
     "field 'summary' still holds a TODO"),
    ("check_metadata", "content/articles/todo.zh.md", 10, "warning",
     "the text still holds a TODO"),
    # what volunteers do (the build's side of each: tests/test_editor_edge.py);
    # windows.zh.md (a BOM, CRLF, tabs) reports nothing
    ("check_volunteer", "content/articles/titel.zh.md", 1, "error",
     "missing field 'Title': 'titel' on this line looks like a typing mistake for 'title'"),
    ("check_volunteer", "content/articles/dat.zh.md", 3, "error",
     "missing field 'Date': 'dat' on this line looks like a typing mistake"),
    ("check_volunteer", "content/articles/catagory.zh.md", 6, "warning",
     "unknown field 'catagory': did you mean 'category'?"),
    ("check_volunteer", "content/articles/no-blank.zh.md", 6, "warning",
     "unknown field 'note' (the site ignores it): if this line belongs to the text, leave an "
     "empty line between the header and the text"),
    ("check_volunteer", "content/articles/feb30.zh.md", 4, "error",
     "field 'date' = '2024-02-30': not a date"),
    ("check_volunteer", "content/articles/dmy.zh.md", 4, "error",
     "field 'date' = '19/06/2024': not a date (use YYYY-MM-DD HH:MM"),
    ("check_volunteer", "content/articles/empty.zh.md", 1, "error", "the file is empty"),
    ("check_volunteer", "content/articles/indented.zh.md", 1, "error",
     "this line starts with spaces or a tab"),
    ("check_volunteer", "content/articles/upper.en.md", 3, "error",
     "field 'lang' = 'EN': this site is written in zh, en: write 'Lang: en'"),
    ("check_volunteer", "content/articles/locale.zh.md", 3, "error",
     "field 'lang' = 'zh-CN': this site is written in zh, en: write 'Lang: zh'"),
    ("check_volunteer", "content/articles/fancy.zh.md", 6, "error",
     "field 'template' = 'fancy': the theme has no such template (delete the line"),
    ("check_volunteer", "content/pages/capital.zh.md", 4, "error",
     "field 'template' = 'Page': the theme has no such template (did you mean 'page'?)"),
    ("check_volunteer", "content/articles/shouting.zh.MD", 1, "warning",
     "the site does not read this file: rename it shouting.zh.md"),
    ("check_volunteer", "content/articles/notepad.zh.md.txt", 1, "warning",
     "the site does not read this file: rename it notepad.zh.md"),
    ("check_volunteer", "content/articles/unpublished-links.zh.md", 6, "error",
     "link '{filename}/misc/notes.md' leads to no page: the site does not publish "
     "content/misc/notes.md as one"),
    ("check_volunteer", "content/articles/unpublished-links.zh.md", 8, "error",
     "link '{filename}photo.jpg' leads to no page: the site does not publish "
     "content/articles/photo.jpg as one (write '{static}photo.jpg'"),
    ("check_volunteer", "content/misc/notes.md", 1, "warning",
     "the site does not read this file (it is in no folder of pages): move it to one of "
     "content/articles/, content/events/, content/pages/, content/projects/"),
    # events, by the events plugin's own parser
    ("check_events", "content/events/bad-end.zh.md", 5, "error",
     "field 'event-end' = '2024-13-02 10:00': not a date or date-time"),
    ("check_events", "content/events/no-start.zh.md", 1, "error",
     "field 'event-start' = '': missing (use YYYY-MM-DD HH:MM"),
    ("check_events", "content/events/typo.zh.md", 6, "error",
     "field 'event-locaton' = '青年之家': unknown field: did you mean 'event-location'?"),
    ("check_events", "content/events/bad-status.zh.md", 5, "error",
     "field 'event-status' = 'called off': not a status"),
    ("check_events", "content/events/moved.en.md", 4, "error",
     "field 'event-start' = '2024-07-07 08:00': differs from the original, "
     "content/events/moved.zh.md"),
    ("check_events", "content/events/weekly.zh.md", 7, "error",
     "'2024-10-02': not a date of the series"),
    # slugs and translations
    ("check_slugs", "content/articles/second.zh.md", 4, "error",
     "slug 'same' (lang zh) is already used by content/articles/first.zh.md"),
    ("check_slugs", "content/pages/events-page.zh.md", 2, "error",
     "slug 'events' is the address of a section of the site"),
    ("check_slugs", "content/articles/lonely.en.md", 3, "warning",
     "translation (en) of content/articles/lonely.zh.md has 'Slug: lonely' but the "
     "original has 'Slug: lonely-zh'"),
    # links and images
    ("check_links", "content/articles/links.zh.md", 8, "error",
     "link '{filename}/articles/othr.zh.md' points nowhere: there is no file "
     "content/articles/othr.zh.md; did you mean 'other.zh.md'?"),
    ("check_links", "content/articles/links.zh.md", 10, "error",
     "link '{static}/extra/nope.png' points nowhere"),
    ("check_links", "content/articles/links.zh.md", 12, "error",
     "image 'photos/missing.jpg' points nowhere"),
    ("check_links", "content/articles/links.zh.md", 12, "error", "image 'missing.png' points"),
    ("check_links", "content/articles/links.zh.md", 14, "error",
     "link 'other.zh.md' goes to a Markdown file"),
    ("check_links", "content/articles/links.zh.md", 19, "error",
     "image '/extra/gone.png' points nowhere: there is no file content/extra/gone.png"),
    ("check_links", "content/articles/links.zh.md", 19, "warning",
     "image '/extra/gone.png' has no alt text"),
    # galleries
    ("check_galleries", "content/projects/no-folder.zh.md", 5, "error",
     "field 'gallery' = 'gardn': no such folder content/galleries/gardn/ (check the spelling); "
     "did you mean 'garden'?"),
    ("check_galleries", "content/projects/empty.zh.md", 5, "error",
     "content/galleries/empty/ has no photos"),
    ("check_galleries", "content/projects/escape.zh.md", 5, "error", "'..' would leave"),
    ("check_galleries", "content/projects/bad-cover.zh.md", 6, "error",
     "field 'cover' = 'a.jpeg': no such photo in content/galleries/garden/"),
    ("check_galleries", "content/projects/no-template.zh.md", 4, "warning",
     "field 'template' = 'page': a project page uses 'Template: project'"),
    ("check_galleries", "content/galleries/garden/captions.txt", 3, "warning",
     "'b.jpg' has no alt text (screen readers will read the caption instead)"),
    ("check_galleries", "content/galleries/garden/captions.txt", 4, "error",
     "field 'line 4' = 'e.jpeg': no such photo in this gallery folder"),
    ("check_galleries", "content/galleries/garden/captions.en.txt", 1, "error",
     "not a caption line"),
    # a photo nobody described is a warning (gallery.rules.ALT_TEXT_SEVERITY)
    ("check_galleries", "content/galleries/garden/c.jpg", 1, "warning",
     "photo has no alt text: add the line 'c.jpg: caption | alt text' to "
     "content/galleries/garden/captions.txt"),
    ("check_galleries", "content/galleries/nocaps/x.jpg", 1, "warning", "photo has no alt text"),
    ("check_galleries", "content/galleries/nocaps-gbk/captions.txt", 1, "error",
     "not UTF-8 text"),
    ("check_galleries", "content/galleries/todo/captions.txt", 1, "warning",
     "the caption still holds a TODO"),
    ("check_galleries", "content/galleries/twice/captions.txt", 2, "error",
     "this photo already has a caption on line 1"),
    # captions read as the gallery plugin reads them: UTF-16 (Notepad's "Unicode"), a BOM
    # and full-width '：'/'｜' are fine (utf16, utf8bom, fullwidth report nothing)
    ("check_captions", "content/galleries/gbkline3/captions.txt", 3, "error",
     "not UTF-8 text, so the site cannot read it"),
    ("check_captions", "content/galleries/upper/Captions.txt", 1, "error",
     "never read: rename it captions.txt"),
    ("check_captions", "content/galleries/double/captions.txt.txt", 1, "error",
     "never read: rename it captions.txt"),
    ("check_captions", "content/galleries/singular/caption.txt", 1, "error",
     "never read: rename it captions.txt"),
    # photos (check_photos/checkconf.py sets tiny limits; the build makes them small, so
    # too large is a warning)
    ("check_photos", "content/galleries/photos/heavy.png", 1, "warning",
     "photo is 10.7 KB, more than the 2.9 KB"),
    ("check_photos", "content/galleries/photos/wide.jpg", 1, "warning",
     "photo is 120×100 pixels (12,000 pixels), more than 10,000 pixels"),
    ("check_photos", "content/galleries/photos/gps.jpg", 1, "warning",
     "photo carries a GPS location"),
    ("check_photos", "content/galleries/photos/broken.jpg", 1, "error", "not an image"),
]  # fmt: skip
FIXTURE_NAMES = sorted({case[0] for case in CASES})


def _args(fixture: str) -> list[str]:
    conf = FIXTURES / fixture / "checkconf.py"
    return ["-s", str(conf)] if conf.exists() else []


@pytest.fixture(scope="module")
def reports() -> dict[str, subprocess.CompletedProcess[str]]:
    """The checker's run on every fixture, once per module."""
    return {name: run_check(FIXTURES / name, *_args(name)) for name in FIXTURE_NAMES}


@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_reports_exactly_the_expected_lines(fixture: str, reports: dict) -> None:
    result = reports[fixture]
    expected = {(path, line, sev) for name, path, line, sev, _ in CASES if name == fixture}
    assert set(findings(result.stdout)) == expected, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    has_error = any(sev == "error" for _, _, sev in expected)
    assert result.returncode == (1 if has_error else 0)


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c[0]}:{Path(c[1]).name}:{c[2]}:{c[4][:30]}" for c in CASES]
)
def test_message_says_what_and_how_to_fix(case: tuple, reports: dict) -> None:
    fixture, path, line, severity, words = case
    messages = findings(reports[fixture].stdout)[(path, line, severity)]
    assert any(words in message for message in messages), messages


def test_clean_content_passes_silently() -> None:
    result = run_check(FIXTURES / "check_clean")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    assert "no problems found" in result.stderr


def test_warnings_alone_pass_unless_strict(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    article = tmp_path / "content" / "articles" / "hello.en.md"
    article.write_text(article.read_text().replace("An article", "TODO: an article"))
    result = run_check(tmp_path)
    assert result.stdout.startswith("content/articles/hello.en.md:7: warning: ")
    assert result.returncode == 0
    assert run_check(tmp_path, "--strict").returncode == 1


def test_github_annotations_in_actions() -> None:
    result = run_check(FIXTURES / "check_events", env={"GITHUB_ACTIONS": "true"})
    assert (
        "::error file=content/events/typo.zh.md,line=6::field 'event-locaton' = '青年之家': unknown"
        in result.stdout
    )
    plain = run_check(FIXTURES / "check_events")
    assert "::error" not in plain.stdout


def test_the_sample_site_has_no_errors() -> None:
    """The content we ship is the example editors copy: it must pass its own checker."""
    result = run_check(ROOT)
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert errors == [], result.stdout
    assert result.returncode == 0


def test_a_mended_problem_is_gone_from_the_next_check(tmp_path: Path) -> None:
    """The per-file memo keeps a file's own problems; the problems found around them
    (a link's target, the gallery) must not be kept with them."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    article = tmp_path / "content" / "articles" / "hello.en.md"
    article.write_text(article.read_text() + "\n[The plan]({filename}/pages/plan.en.md)\n")
    first = run_check(tmp_path)
    assert first.returncode == 1
    assert "hello.en.md" in first.stdout and "plan.en.md" in first.stdout
    plan = tmp_path / "content" / "pages" / "plan.en.md"
    plan.write_text("Title: The plan\nSlug: plan\nLang: en\n\nWhat we will do.\n")
    mended = run_check(tmp_path)
    assert mended.returncode == 0, mended.stdout
    assert "hello.en.md" not in mended.stdout


def check_with_header_line(folder: Path, line: str) -> tuple[int, str]:
    """The clean site with `line` added at the end of an article's header, checked: the
    line's number and what the checker printed."""
    shutil.copytree(FIXTURES / "check_clean", folder, dirs_exist_ok=True)
    article = folder / "content" / "articles" / "hello.en.md"
    head, body = article.read_text().split("\n\n", 1)
    article.write_text(f"{head}\n{line}\n\n{body}")
    return head.count("\n") + 2, run_check(folder).stdout


@pytest.mark.parametrize(
    ("name", "example"),
    [("hello.en.md", "'Title: Family sports day'"), ("hello.zh.md", "'Title: 父亲节亲子活动'")],
)
def test_an_empty_title_is_shown_an_example_in_the_pages_language(
    tmp_path: Path, name: str, example: str
) -> None:
    """A Welsh or English page was shown a Chinese example."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    article = tmp_path / "content" / "articles" / name
    article.write_text(re.sub(r"(?m)^Title: .*$", "Title:", article.read_text("utf-8")), "utf-8")
    said = run_check(tmp_path).stdout
    assert (
        f"content/articles/{name}:1: error: field 'title' is empty (for example {example})" in said
    )


@pytest.mark.parametrize(
    ("line", "severity", "said"),
    [
        ("Tags : 活动", "warning", "'Tags' has a space before the colon, so the header ends here"),
        ("Tags：活动", "warning", "'Tags' has a full-width colon '：', so the header ends here"),
        # the page would be published at its usual address, not there: an error
        ("Save As: about/index.html", "error",
         "'Save As' has a space in its name, so the header ends"),
    ],
)  # fmt: skip
def test_a_field_that_ends_the_header_is_named(
    tmp_path: Path, line: str, severity: str, said: str
) -> None:
    """Pelican stops reading fields at the first line that is not `Key: value`: the
    tags would silently become the first words of the text."""
    number, said_by_check = check_with_header_line(tmp_path, line)
    assert f"content/articles/hello.en.md:{number}: {severity}: {said}" in said_by_check


@pytest.mark.parametrize(
    ("more", "severity"),
    [("\tLang: en", "error"), ("    Lang: en", "error"), ("    and friends", "warning")],
)
def test_a_field_carried_on_by_an_indented_line_is_named(
    tmp_path: Path, more: str, severity: str
) -> None:
    """Python-Markdown reads a line indented by a tab or four spaces as more of the field
    above: an indented 'Lang: en' under the title left the page without its language."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    article = tmp_path / "content" / "articles" / "hello.en.md"
    text = article.read_text("utf-8").replace("Lang: en\n", "")
    article.write_text(
        text.replace("Title: Hello, neighbours\n", f"Title: Hello, neighbours\n{more}\n"), "utf-8"
    )
    said = run_check(tmp_path).stdout
    expected = (
        f"content/articles/hello.en.md:2: {severity}: this indented line carries on field "
        f"'title', so it is read as part of it: write '{more.strip()}' on a line of its own"
    )
    assert expected in said, said


def test_a_yaml_list_of_tags_is_named(tmp_path: Path) -> None:
    """`Tags: [a, b]` (front matter written for another generator) would make the tags
    '[a' and 'b]'."""
    number, said = check_with_header_line(tmp_path, "Tags: [garden, volunteers]")
    assert (
        f"content/articles/hello.en.md:{number}: warning: field 'tags' = '[garden, volunteers]': "
        "write the words separated by commas, without brackets: 'garden, volunteers'"
    ) in said


@pytest.mark.parametrize("value", ['"Hugo post: with colon"', "'Single quoted'"])
def test_a_value_in_yaml_quotes_is_named(tmp_path: Path, value: str) -> None:
    """The quotes were shown in the heading, the page's title and the share card."""
    number, said = check_with_header_line(tmp_path, f"Summary: {value}")
    assert (
        f"content/articles/hello.en.md:{number}: warning: field 'summary' = {value!r}: "
        f"written with quotes, which would be shown: write '{value[1:-1]}'"
    ) in said


HUGO_LIST = (
    "---\ntitle: Hugo list tags\ndate: 2021-05-06\ntags:\n  - garden\n  - volunteers\n"
    "draft: true\nlang: en\n---\n\nSecret draft body.\n"
)
TWO_SPACES = "Title: Continued\nDate: 2020-08-06\nSummary: first line\n  second line\n{}\nbody\n"
INDENTED_CASES = [
    # a YAML list: the draft and its language would be lost, so it would be published
    (HUGO_LIST, 5, "error", "this line starts with 2 spaces, so the header ends here and this "
     "line and the rest are read as the text (a YAML list): write the list on one line, "
     "'Tags: garden, volunteers'; the page would be published without its 'draft', 'lang'"),
    # a summary carried on by 2 spaces: English text published as the default language
    (TWO_SPACES.format("Lang: en\n"), 4, "error", "write the summary on one line, or start "
     "each of its further lines with 4 spaces; the page would be published without its 'lang'"),
    # nothing that decides where the page goes is lost: a warning
    (TWO_SPACES.format("Category: News\n"), 4, "warning", "this line starts with 2 spaces, "
     "so the header ends here"),
    (TWO_SPACES.format("draft: false\n"), 4, "warning", "further lines with 4 spaces"),
    ("Title: Two\nDate: 2020-08-06\n  lines\nSlug: two\n\nbody\n", 3, "error",
     "write the value of 'date' on one line; the page would be published without its 'slug'"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "severity", "said"), INDENTED_CASES)
def test_an_indented_line_that_ends_the_header_is_named(
    tmp_path: Path, text: str, line: int, severity: str, said: str
) -> None:
    """Markdown carries a value on over lines indented by 4 spaces only: a YAML list or a
    line indented by 2 ends the header, and every field after it becomes text. An error
    when one of them decides whether, where or in what language the page is published."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    (tmp_path / "content" / "articles" / "cut.en.md").write_text(text, encoding="utf-8")
    result = run_check(tmp_path)
    assert f"content/articles/cut.en.md:{line}: {severity}: " in result.stdout, result.stdout
    assert said in result.stdout


def test_a_summary_carried_on_by_4_spaces_is_read_whole(tmp_path: Path) -> None:
    """What the message advises is what Markdown reads: no message."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    text = TWO_SPACES.format("Lang: en\n").replace("  second", "    second")
    (tmp_path / "content" / "articles" / "cut.en.md").write_text(text, encoding="utf-8")
    result = run_check(tmp_path)
    assert "cut.en.md" not in result.stdout, result.stdout


@pytest.mark.parametrize(
    ("line", "severity", "said"),
    [
        ("draft: true", "error", "field 'draft' = 'true': this site does not read it, so the "
         "page would be PUBLISHED as written: write 'Status: draft' instead"),
        ("published: false", "error", "field 'published' = 'false': this site does not read "
         "it, so the page would be PUBLISHED as written: write 'Status: draft' instead"),
        ("draft: false", "warning", "field 'draft' = 'false': this site does not read it (a "
         "page is published unless 'Status: draft'): delete it"),
    ],
)  # fmt: skip
def test_a_draft_written_for_hugo_or_jekyll_is_named(
    tmp_path: Path, line: str, severity: str, said: str
) -> None:
    """Pelican reads `Status: draft` only: a Hugo or Jekyll draft would be published."""
    number, said_by_check = check_with_header_line(tmp_path, line)
    assert f"content/articles/hello.en.md:{number}: {severity}: {said}" in said_by_check


def test_an_animation_in_a_gallery_is_named(tmp_path: Path) -> None:
    """An animated WebP becomes one still picture in the gallery: say so."""
    from PIL import Image

    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    frames = [Image.new("RGB", (40, 30), (60 * n, 120, 90)) for n in range(3)]
    garden = tmp_path / "content" / "galleries" / "garden"
    frames[0].save(garden / "wave.webp", save_all=True, append_images=frames[1:])
    result = run_check(tmp_path)
    assert (
        "content/galleries/garden/wave.webp:1: warning: an animation: the gallery shows its "
        "first picture only"
    ) in result.stdout


@pytest.mark.parametrize(
    ("pasted", "said"),
    [
        ('<div class="box">\n\nPasted text', "raw HTML <div> is never closed"),
        ("Pasted text\n\n</section>", "raw HTML </section> closes nothing opened here"),
        (
            '<p id="step">One</p><p id="step">Two</p>',
            "raw HTML id='step' is given to 2 elements (line",
        ),
    ],
)
def test_unbalanced_pasted_html_is_named(tmp_path: Path, pasted: str, said: str) -> None:
    """An unclosed <div> from Word swallows the rest of the page; a stray </section>
    closes the theme's own: the layout breaks (a warning, with the line)."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    article = tmp_path / "content" / "articles" / "hello.en.md"
    text = article.read_text()
    article.write_text(f"{text.rstrip()}\n\n{pasted}\n")
    number = text.rstrip().count("\n") + 3 + pasted[: pasted.index("<")].count("\n")
    result = run_check(tmp_path)
    assert f"content/articles/hello.en.md:{number}: warning: {said}" in result.stdout
    balanced = text.rstrip() + '\n\n<div class="box">\n\nPasted text\n\n</div>\n'
    article.write_text(balanced)
    assert "raw HTML" not in run_check(tmp_path).stdout


@pytest.mark.parametrize("date", ["2099-01-01 10:00", "2099-01-01T10:00+08:00"])
def test_an_article_dated_years_ahead_is_named(tmp_path: Path, date: str) -> None:
    """`Date: 2099` (2025 mistyped) would list the article as published now."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    article = tmp_path / "content" / "articles" / "hello.en.md"
    lines = article.read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines, 1) if line.startswith("Date:"))
    lines[number - 1] = f"Date: {date}\n"
    article.write_text("".join(lines))
    result = run_check(tmp_path)
    assert (
        f"content/articles/hello.en.md:{number}: warning: field 'date' = '{date}': more than "
        "a year from today: is the year mistyped?"
    ) in result.stdout


def test_a_link_to_a_draft_is_named(tmp_path: Path) -> None:
    """`{filename}` to a page still in Status: draft: Pelican links to its drafts/ copy, an
    unfinished page readers were not meant to see (a warning; a draft may link to one)."""
    shutil.copytree(FIXTURES / "check_clean", tmp_path, dirs_exist_ok=True)
    pages = tmp_path / "content" / "pages"
    pages.mkdir(exist_ok=True)
    (pages / "history.en.md").write_text(
        "Title: History\nSlug: history\nLang: en\nStatus: draft\n\nTo do.\n", encoding="utf-8"
    )
    article = tmp_path / "content" / "articles" / "hello.en.md"
    text = article.read_text().rstrip()
    article.write_text(f"{text}\n\nSee [our history]({{filename}}/pages/history.en.md).\n")
    result = run_check(tmp_path)
    line = text.count("\n") + 3
    assert (
        f"content/articles/hello.en.md:{line}: warning: link '{{filename}}/pages/history.en.md' "
        "leads to a draft"
    ) in result.stdout
    assert result.returncode == 0
    # A draft linking to another draft is no news to anyone.
    (pages / "notes.en.md").write_text(
        "Title: Notes\nSlug: notes\nLang: en\nStatus: draft\n\n"
        "[History]({filename}/pages/history.en.md)\n",
        encoding="utf-8",
    )
    assert "notes.en.md" not in run_check(tmp_path).stdout
