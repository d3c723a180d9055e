"""The editor at /admin/, used in Chromium as a volunteer would (tools/cms_server.py).

A copy of tests/fixtures/cms_site is served by `tools/cms_server.py` (the same server as
`make cms`: the built site, /admin/, and Decap's local proxy writing into the copy's
content folder). The tests sign in, fill the forms, upload photos through the media
library and publish; then they read the files the editor wrote, run `tools/check.py` on
them and build the site.

Every request the page makes is recorded: one to another host fails the test, and so does
anything the page's Content-Security-Policy refused.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURES, ROOT
from PIL import Image

from tools.check import load_settings

pytestmark = pytest.mark.browser
CONSOLE: list[str] = []

FIXTURE = FIXTURES / "cms_site" / "content"
CMS = ROOT / "cms"
BUNDLE = CMS / "node_modules" / "decap-cms" / "dist" / "decap-cms.js"


def _install_cms() -> None:
    if BUNDLE.exists():
        return
    npm = shutil.which("npm")
    if npm:
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                       cwd=CMS, check=False, capture_output=True)  # fmt: skip
    if not BUNDLE.exists():
        pytest.fail("the editor is not installed: run `make cms-install` (needs npm)")


@dataclass
class Editor:
    """A running tools/cms_server.py on a copy of the fixture site."""

    url: str
    site: Path
    process: subprocess.Popen[str]
    requests: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def content(self) -> Path:
        return self.site / "content"


def _start(site: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "COMMUNITY_PRESS_CACHE": str(site / "cache"), "CMS_SERVER_QUIET": "1"}
    command = [
        sys.executable, "-u", str(ROOT / "tools" / "cms_server.py"),
        "-s", str(ROOT / "pelicanconf.py"), "-c", str(site / "content"),
        "-o", str(site / "output"), "--port", "0",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        if line.startswith("The editor: "):
            url = line.split()[-1].removesuffix("/admin/")
            # Keep reading what it prints (rebuilds after saves), or its pipe fills up.
            threading.Thread(target=process.stdout.read, daemon=True).start()
            return process, url
    pytest.fail("tools/cms_server.py did not start:\n" + "".join(seen[-30:]))


def _stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Editor]:
    """The server on a fresh copy of the fixture (skipped like every browser test)."""
    _install_cms()
    site = tmp_path_factory.mktemp("cms")
    shutil.copytree(FIXTURE, site / "content")
    process, url = _start(site)
    try:
        yield Editor(url, site, process)
    finally:
        _stop(process)


@pytest.fixture
def cms(editor: Editor, new_page: Any) -> Iterator[Any]:
    """/admin/ signed in to the local backend; requests and CSP refusals recorded."""
    page = new_page(1280, 900)
    editor.requests.clear()
    editor.refused.clear()
    page.on("request", lambda request: editor.requests.append(request.url))
    page.on("console", lambda message: CONSOLE.append(f"{message.type}: {message.text}"))
    page.on(
        "console",
        lambda message: (
            editor.refused.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(editor.url + "/admin/")
    page.get_by_role("button", name="登录").click()
    page.get_by_text("新闻 News").first.wait_for()
    yield page
    others = {
        urlsplit(u).netloc for u in editor.requests if urlsplit(u).scheme in ("http", "https")
    }
    assert others <= {urlsplit(editor.url).netloc}, f"requests to other hosts: {others}"
    assert editor.refused == [], editor.refused


def _publish(page: Any) -> None:
    page.get_by_role("button", name="发布", exact=True).click(timeout=10000)
    page.get_by_role("menuitem", name="立即发布").click()
    try:
        page.get_by_role("button", name="已发布", exact=True).wait_for(timeout=15000)
    except Exception:
        print("\n".join(CONSOLE[-30:]), "\n", page.inner_text("body")[:1000])  # what went wrong
        raise


def _field(page: Any, name: str, nth: int = 0) -> Any:
    return page.locator(f"[id^='{name}-field-']").nth(nth)


def _fill(page: Any, name: str, nth_or_value: Any, value: str | None = None) -> None:
    nth, text = (0, nth_or_value) if value is None else (nth_or_value, value)
    _type(page, _field(page, name, nth), text, name)


def _type(page: Any, locator: Any, text: str, name: str) -> None:
    """Type into a field, again if the form was drawn anew meanwhile (a new entry's form
    is set up once more when its draft is ready)."""
    for _ in range(20):
        locator.fill(text)
        page.wait_for_timeout(100)
        if locator.input_value() == text:
            return
    raise AssertionError(f"{name} keeps losing {text!r}")


def _when(page: Any, name: str, day: str, time: str = "") -> None:
    """A "when" field (admin/cms-setup.js): its day picker, and its time picker unless
    the event lasts all day."""
    _type(page, page.locator(f"[id^='{name}-field-']:not([id$='-time'])").first, day, name)
    if time:
        _type(page, page.locator(f"[id^='{name}-field-'][id$='-time']").first, time, name)


def _upload(page: Any, photo: Path) -> None:
    """The media library is open: upload `photo` and choose it."""
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.get_by_text(photo.name).first.wait_for()
    page.get_by_role("button", name="选用已选中项目").click()


def _photo(folder: Path, name: str, colour: tuple[int, int, int]) -> Path:
    path = folder / name
    Image.new("RGB", (900, 600), colour).save(path, quality=85)
    return path


def _open(page: Any, editor: Editor, hash_path: str) -> None:
    page.goto(f"{editor.url}/admin/#/{hash_path}")
    _field(page, "title").or_(_field(page, "name")).first.wait_for()
    # The form is drawn before the entry (and a new entry's draft) has loaded: wait until
    # the editor has stopped asking the server for anything.
    page.wait_for_load_state("networkidle")


def test_admin_page_is_private_and_strict(editor: Editor) -> None:
    page = (editor.site / "output" / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Content-Security-Policy" in page
    assert "<script>" not in page and "<style" not in page
    config = (editor.site / "output" / "admin" / "config.yml").read_text(encoding="utf-8")
    assert 'folder: "content/events"' in config
    assert (editor.site / "output" / "admin" / "decap-cms.js.LICENSE.txt").exists()


def test_create_event_news_and_project(editor: Editor, cms: Any, tmp_path: Path) -> None:
    """Through the forms: the files appear, `make check` is clean, the build shows them."""
    _create_event(cms, editor)
    _create_news(cms, editor, tmp_path)
    _create_gallery_and_project(cms, editor, tmp_path)
    _check_and_build(editor, tmp_path / "built")


def _create_event(page: Any, editor: Editor) -> None:
    """A Chinese event with its English translation."""
    _open(page, editor, "collections/events/new")
    _fill(page, "title", 0, "夏日音乐会")
    _fill(page, "slug", 0, "summer-concert")
    _when(page, "date", "2024-06-01", "10:00")
    _fill(page, "summary", 0, "社区广场上的夏日音乐会。")
    _when(page, "event-start", "2030-07-01", "19:30")
    _fill(page, "event-duration", 0, "2h")
    _fill(page, "event-location", 0, "社区广场")
    _fill(page, "title", 1, "Summer concert")
    _fill(page, "summary", 1, "A summer concert on the community square.")
    _fill(page, "event-location", 1, "Community square")
    _publish(page)
    events = editor.content / "events"
    zh = (events / "summer-concert.zh.md").read_text(encoding="utf-8")
    en = (events / "summer-concert.en.md").read_text(encoding="utf-8")
    assert "Title: 夏日音乐会\n" in zh and "Lang: zh\n" in zh
    assert "event-start: 2030-07-01 19:30\n" in zh
    assert "Title: Summer concert\n" in en and "Lang: en\n" in en


def _create_news(page: Any, editor: Editor, tmp_path: Path) -> None:
    """A news article with a photo in its text."""
    _open(page, editor, "collections/news/new")
    _fill(page, "title", 0, "新长椅到了")
    _fill(page, "slug", 0, "new-benches")
    _when(page, "date", "2024-06-02", "09:00")
    _fill(page, "summary", 0, "花园里多了三张长椅。")
    _fill(page, "title", 1, "New benches")
    _fill(page, "summary", 1, "Three new benches in the garden.")
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type("花园里多了三张长椅。")
    page.locator("button[title='添加组件']").first.click()
    page.get_by_role("menuitem", name="Image").first.click()
    page.get_by_role("button", name="选择图片").first.click()
    _upload(page, _photo(tmp_path, "benches.jpg", (200, 90, 60)))
    _fill(page, "alt", 0, "花园里的三张木头长椅")
    _publish(page)
    news = (editor.content / "articles" / "new-benches.zh.md").read_text(encoding="utf-8")
    assert "![花园里的三张木头长椅](/images/articles/benches.jpg" in news
    assert (editor.content / "images" / "articles" / "benches.jpg").is_file()


def _create_gallery_and_project(page: Any, editor: Editor, tmp_path: Path) -> None:
    """A gallery of two photos with captions, and the project that shows it."""
    _open(page, editor, "collections/galleries/new")
    _fill(page, "name", "playground")
    for index, (name, colour, caption, alt) in enumerate(
        [
            ("slide.jpg", (60, 90, 200), "新滑梯", "蓝色的滑梯"),
            ("swings.jpg", (60, 160, 90), "秋千", "两架秋千"),
        ]
    ):
        page.get_by_role("button", name="新增照片 Photo").click()
        page.get_by_role("button", name="选择图片").nth(0).click()
        _upload(page, _photo(tmp_path, name, colour))
        _fill(page, "caption", index, caption)
        _fill(page, "alt", index, alt)
    _publish(page)
    gallery = editor.content / "galleries" / "playground"
    assert any(u.split("?")[0].endswith("/theme/css/site.css") for u in editor.requests)
    captions = (gallery / "captions.txt").read_text(encoding="utf-8")
    assert captions == "slide.jpg: 新滑梯 | 蓝色的滑梯\nswings.jpg: 秋千 | 两架秋千\n"
    assert (gallery / "slide.jpg").is_file() and (gallery / "swings.jpg").is_file()

    _open(page, editor, "collections/projects/new")
    _fill(page, "title", 0, "儿童乐园")
    _fill(page, "slug", 0, "playground")
    _fill(page, "gallery", 0, "playground")
    _fill(page, "cover", 0, "slide.jpg")
    _fill(page, "summary", 0, "居民一起建的儿童乐园。")
    _fill(page, "title", 1, "Playground")
    _fill(page, "summary", 1, "A playground the residents built together.")
    _publish(page)
    project = (editor.content / "projects" / "playground.zh.md").read_text(encoding="utf-8")
    assert "Template: project\n" in project and "gallery: playground\n" in project


def _check_strict(editor: Editor, env: dict[str, str] | None = None) -> None:
    """`make check --strict` on the files the editor wrote: clean."""
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check.py"), "-s", str(ROOT / "pelicanconf.py"),
         "-c", str(editor.content), "--strict"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr


def _check_and_build(editor: Editor, output: Path) -> None:
    env = {**os.environ, "COMMUNITY_PRESS_CACHE": str(editor.site / "cache")}
    _check_strict(editor, env)
    build = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build.py"), "-s", str(ROOT / "pelicanconf.py"),
         "-c", str(editor.content), "-o", str(output)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout + build.stderr
    event = (output / "events" / "summer-concert" / "index.html").read_text(encoding="utf-8")
    assert "夏日音乐会" in event
    assert "Summer concert" in (
        output / "en" / "events" / "summer-concert" / "index.html"
    ).read_text(encoding="utf-8")
    calendar = (output / "events" / "calendar.ics").read_text(encoding="utf-8")
    assert "SUMMARY:夏日音乐会" in calendar
    news = (output / "news" / "new-benches" / "index.html").read_text(encoding="utf-8")
    assert 'alt="花园里的三张木头长椅"' in news
    project = (output / "projects" / "playground" / "index.html").read_text(encoding="utf-8")
    for words in ("新滑梯", "蓝色的滑梯", "秋千", "两架秋千"):
        assert words in project, words


def _sample_files() -> list[Path]:
    """Every Markdown file and captions file of the sample site (the settings' PATH)."""
    content = Path(load_settings(ROOT / "pelicanconf.py")["PATH"])
    files = [p for p in content.rglob("*.md") if "galleries" not in p.relative_to(content).parts]
    return sorted(files + list(content.rglob("captions*.txt")))


def test_every_sample_file_round_trips(cms: Any) -> None:
    """What the editor reads and writes back unchanged is the same file, byte for byte, so
    the built site cannot change (Decap saves an entry with its format's toFile(fromFile))."""
    files = _sample_files()
    assert len(files) > 20
    changed = []
    for path in files:
        kind = "captions" if path.suffix == ".txt" else "pelican"
        text = path.read_text(encoding="utf-8")
        written = cms.evaluate(
            "([text, kind]) => { const f = CMS.getCustomFormatsFormatters()[kind];"
            " return f.toFile(f.fromFile(text), ['title', 'slug', 'lang', 'date']); }",
            [text, kind],
        )
        if written != text:
            changed.append(path.name)
    assert changed == []


@pytest.mark.parametrize(
    ("entry", "files"),
    [
        ("collections/news/entries/spring-cleanup", ["articles/spring-cleanup.zh.md"]),
        ("collections/events/entries/repair-cafe", ["events/repair-cafe.zh.md"]),
        ("collections/projects/entries/garden", ["projects/garden.zh.md"]),
        ("collections/galleries/entries/garden/captions", ["galleries/garden/captions.txt"]),
        ("collections/galleries/entries/garden/captions.en", ["galleries/garden/captions.en.txt"]),
    ],
)
def test_saving_unchanged_changes_nothing(
    editor: Editor, cms: Any, entry: str, files: list[str]
) -> None:
    """Open an entry, change a field and save, open it again and change the field back
    (the editor saves only changed entries), save: the files are as they were, to the
    byte."""
    before = {name: (editor.content / name).read_bytes() for name in files}
    _open(cms, editor, entry)
    field = "caption" if "galleries" in entry else "title"
    box = _field(cms, field, 0)
    original = box.input_value()
    _fill(cms, field, 0, original + "x")
    _publish(cms)
    cms.goto(editor.url + "/admin/#/")  # the editor compares with the entry as opened
    _open(cms, editor, entry)
    _fill(cms, field, 0, original)
    _publish(cms)
    after = {name: (editor.content / name).read_bytes() for name in files}
    assert after == before
    # a page without an English version still has none (no empty translation appears)
    for name in files:
        if name.endswith(".zh.md"):
            english = editor.content / name.replace(".zh.md", ".en.md")
            assert english.exists() == (FIXTURE / english.relative_to(editor.content)).exists()


def test_a_new_gallery_needs_its_folder_name(editor: Editor, cms: Any) -> None:
    """The editor says so instead of saving nowhere (or failing without a word)."""
    _open(cms, editor, "collections/galleries/new")
    _fill(cms, "name", "Not A Name")
    cms.get_by_role("button", name="发布", exact=True).click()
    cms.get_by_role("menuitem", name="立即发布").click()
    cms.get_by_text("Folder name: a-z, 0-9 and -").first.wait_for()
    assert not (editor.content / "galleries" / "Not A Name").exists()


def test_a_repeating_event_through_the_helper(editor: Editor, cms: Any) -> None:
    """The repeat helper writes a rule the events plugin accepts, and the left-out dates
    are a list; `make check` takes the file as it is."""
    _open(cms, editor, "collections/events/new")
    _fill(cms, "title", 0, "作业辅导")
    _fill(cms, "slug", 0, "homework-help")
    _when(cms, "date", "2024-06-01", "10:00")
    _fill(cms, "summary", 0, "每周二、周四下午的作业辅导。")
    _when(cms, "event-start", "2030-07-02", "16:30")
    _fill(cms, "event-duration", 0, "90 min")
    rule = _field(cms, "event-rrule", 0)
    rule.select_option("WEEKLY")
    helper = rule.locator("xpath=ancestor::div[2]")
    helper.get_by_label("二 Tu").check()
    helper.get_by_label("四 Th").check()
    helper.locator("input[type=date]").fill("2030-12-31")
    _fill(cms, "event-exdate", 0, "2030-10-01, 2030-10-03")
    _fill(cms, "title", 1, "Homework help")
    _fill(cms, "summary", 1, "Homework help on Tuesday and Thursday afternoons.")
    _publish(cms)
    text = (editor.content / "events" / "homework-help.zh.md").read_text(encoding="utf-8")
    assert "event-rrule: FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20301231\n" in text
    assert "event-exdate: 2030-10-01, 2030-10-03\n" in text
    _check_strict(editor)


def test_an_all_day_event_is_written_without_a_time(editor: Editor, cms: Any) -> None:
    """A day with the time left empty: the file says only the day, which the events
    plugin reads as an all-day event; `make check` takes it as it is."""
    _open(cms, editor, "collections/events/new")
    _fill(cms, "title", 0, "社区义卖")
    _fill(cms, "slug", 0, "charity-sale")
    _when(cms, "date", "2024-06-04", "09:00")
    _fill(cms, "summary", 0, "两天的社区义卖。")
    _when(cms, "event-start", "2030-07-05")
    _when(cms, "event-end", "2030-07-06")
    _fill(cms, "event-location", 0, "社区广场")
    _publish(cms)
    text = (editor.content / "events" / "charity-sale.zh.md").read_text(encoding="utf-8")
    assert "event-start: 2030-07-05\n" in text and "event-end: 2030-07-06\n" in text
    assert "Date: 2024-06-04 09:00\n" in text
    _check_strict(editor)


def test_a_page_in_one_language_is_one_file(editor: Editor, cms: Any) -> None:
    """A Chinese page nobody translated gets no English file (the editor would write one
    with only the copied fields, which the checker refuses)."""
    _open(cms, editor, "collections/news/new")
    _fill(cms, "title", 0, "只有中文")
    _fill(cms, "slug", 0, "chinese-only")
    _when(cms, "date", "2024-06-03", "09:00")
    _fill(cms, "summary", 0, "这一篇没有英文版。")
    _publish(cms)
    articles = editor.content / "articles"
    assert (articles / "chinese-only.zh.md").exists()
    assert not (articles / "chinese-only.en.md").exists()
