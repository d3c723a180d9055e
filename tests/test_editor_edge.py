"""What volunteers really do to content, through the checker and through the real build.

Each test writes one mistake (or one odd but valid file) into a copy of the clean fixture
site, runs `python tools/check.py` as editors do, and runs the real build (`tools/build.py`)
over a copy of an earlier good build. A mistake must be reported by both: the checker as
`path:line: error|warning: message`, the build by a message naming the file and the field,
with no Python traceback, and with the previous `output/` left byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, run_build
from test_editor_check import findings, run_check

from tools.new_content import ContentExists, create

CLEAN = FIXTURES / "check_clean" / "content"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): "dir"
        if p.is_dir()
        else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean fixture site, built once: the `output/` each test's build must not harm."""
    work = tmp_path_factory.mktemp("previous")
    shutil.copytree(CLEAN, work / "content")
    result = run_build(work / "content", work / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output"


@dataclass
class Attempt:
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str] | None
    unchanged: bool
    output: Path

    @property
    def found(self) -> dict[tuple[str, int, str], list[str]]:
        return findings(self.check.stdout)

    @property
    def said(self) -> str:
        """Everything the build printed, on one line."""
        assert self.build is not None
        text = self.build.stdout + self.build.stderr
        return " ".join(text.split())


def attempt(
    tmp_path: Path,
    previous: Path,
    files: dict[str, str | bytes],
    remove: tuple[str, ...] = (),
    build: bool = True,
) -> Attempt:
    """The clean site with `files` written (and `remove` deleted): check it, build it."""
    content = tmp_path / "content"
    shutil.copytree(CLEAN, content)
    for name in remove:
        (content / name).unlink()
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    check = run_check(tmp_path)
    assert "Traceback" not in check.stderr, check.stderr
    output = tmp_path / "output"
    if not build:
        return Attempt(check, None, True, output)
    shutil.copytree(previous, output)
    before = snapshot(output)
    result = run_build(content, output, env={"COLUMNS": "500"})  # Rich: one line a message
    return Attempt(check, result, snapshot(output) == before, output)


def assert_failed_cleanly(result: Attempt, *words: str) -> None:
    """The build failed, said `words`, showed no traceback and kept the previous site."""
    assert result.build is not None
    assert result.build.returncode != 0, result.said
    assert "Traceback" not in result.said, result.said
    for word in words:
        assert word in result.said, result.said
    assert result.unchanged
    assert "is unchanged" in result.build.stderr


def assert_built(result: Attempt) -> None:
    assert result.build is not None
    assert result.build.returncode == 0, result.said
    assert "Traceback" not in result.said, result.said


# --- captions: the checker reads them as the gallery plugin does ----------------------

CAPTIONS = FIXTURES / "check_captions" / "content" / "galleries"


def _project(slug: str, gallery: str) -> str:
    return f"Title: {slug}\nSlug: {slug}\nLang: zh\nTemplate: project\ngallery: {gallery}\n\nx\n"


def _gallery_files(*names: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for name in names:
        for path in (CAPTIONS / name).iterdir():
            files[f"galleries/{name}/{path.name}"] = path.read_bytes()
        files[f"projects/{name}.zh.md"] = _project(name, name)
    return files


def test_captions_the_build_reads_pass_the_checker(tmp_path: Path, previous: Path) -> None:
    """UTF-16 with a BOM (Notepad's "Unicode"), UTF-8 with a BOM, full-width '：' and '｜'."""
    result = attempt(tmp_path, previous, _gallery_files("utf16", "utf8bom", "fullwidth"))
    assert result.found == {}, result.check.stdout
    assert_built(result)
    for name in ("utf16", "utf8bom", "fullwidth"):
        html = BeautifulSoup(
            (result.output / "projects" / name / "index.html").read_text(), "html.parser"
        )
        alts = [img["alt"] for img in html.select(".gallery-grid figure img")]
        assert alts == ["一片开满花的花园", "花园里的一条石子路"], name


@pytest.mark.parametrize("name", ["upper", "double", "singular"])
def test_a_misnamed_captions_file_fails_check_and_build_alike(
    tmp_path: Path, previous: Path, name: str
) -> None:
    result = attempt(tmp_path, previous, _gallery_files(name))
    wrong = next(p.name for p in (CAPTIONS / name).iterdir() if p.suffix == ".txt")
    where = f"content/galleries/{name}/{wrong}"
    # One line, on the file to rename: not one per photo "has no alt text".
    assert list(result.found) == [(where, 1, "error")], result.check.stdout
    assert_failed_cleanly(result, f"{where}:1: error: never read: rename it captions.txt")


# --- front matter and files: the build fails as clearly as the checker -----------------

ARTICLE = (
    "Title: 测试\nSlug: test\nLang: zh\nDate: 2024-06-20 10:00\nCategory: News\n"
    "Summary: 摘要。\n\n正文。\n"
)
HELLO_EN = (CLEAN / "articles" / "hello.en.md").read_text(encoding="utf-8")

# name, files written, words the build must say: the checker's own line (both run
# plugins/rulebook), which the build logs as its error before Pelican reads any file
MISTAKES = [
    ("typo in Title", {"articles/t.zh.md": ARTICLE.replace("Title:", "Titel:")},
     ["content/articles/t.zh.md:1: error: missing field 'Title': 'titel' on this line"]),
    ("empty file", {"articles/t.zh.md": ""},
     ["content/articles/t.zh.md:1: error: the file is empty"]),
    ("February 30", {"articles/t.zh.md": ARTICLE.replace("2024-06-20 10:00", "2024-02-30")},
     ["content/articles/t.zh.md:4: error: field 'date' = '2024-02-30': not a date (use"]),
    ("saved as GBK", {"articles/t.zh.md": ARTICLE.encode("gbk")},
     ["content/articles/t.zh.md:1: error: not UTF-8 text, so the site cannot read it"]),
    ("saved as UTF-16", {"articles/t.zh.md": ARTICLE.encode("utf-16")},
     ["content/articles/t.zh.md:1: error: not UTF-8 text"]),
    ("same slug", {"articles/t.zh.md": ARTICLE.replace("Slug: test", "Slug: hello")},
     ["content/articles/t.zh.md:2: error: slug 'hello' (lang zh) is already used by "
      "content/articles/hello.zh.md"]),
    ("same page slug", {"pages/t.zh.md": "Title: 关于\nSlug: about\nLang: zh\n\n正文。\n"},
     ["content/pages/t.zh.md:2: error: slug 'about' (lang zh) is already used"]),
    ("Lang: zh-CN", {"articles/t.zh.md": ARTICLE.replace("Lang: zh", "Lang: zh-CN")},
     ["content/articles/t.zh.md:3: error: field 'lang' = 'zh-CN': this site is written in "
      "zh, en: write 'Lang: zh'"]),
    ("Lang: EN", {"articles/hello.en.md": HELLO_EN.replace("Lang: en", "Lang: EN")},
     ["content/articles/hello.en.md:3: error: field 'lang' = 'EN': this site is written in "
      "zh, en: write 'Lang: en'"]),
    ("empty Lang", {"articles/t.zh.md": ARTICLE.replace("Lang: zh", "Lang:")},
     ["content/articles/t.zh.md:3: error: field 'lang' = '': empty: write 'Lang: zh' or "
      "'Lang: en', or delete the line"]),
    ("unknown template",
     {"articles/t.zh.md": ARTICLE.replace("Category", "Template: fancy\nCategory")},
     ["content/articles/t.zh.md:5: error: field 'template' = 'fancy': the theme has no "
      "such template"]),
    ("template in capitals",
     {"pages/t.zh.md": "Title: 页\nSlug: pg\nLang: zh\nTemplate: Page\n\n正文。\n"},
     ["field 'template' = 'Page': the theme has no such template",
      "(did you mean 'page'?)"]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("files", "words"), [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES]
)
def test_a_mistake_fails_check_and_build_clearly(
    tmp_path: Path, previous: Path, files: dict[str, str | bytes], words: list[str]
) -> None:
    result = attempt(tmp_path, previous, files)
    assert result.check.returncode == 1, result.check.stdout
    assert "Traceback" not in result.check.stdout + result.check.stderr
    named = {path for path, _, severity in result.found if severity == "error"}
    assert {f"content/{name}" for name in files} & named, result.check.stdout
    assert_failed_cleanly(result, *words)


def test_odd_but_valid_files_build(tmp_path: Path, previous: Path) -> None:
    """A byte-order mark, Windows line endings and tabs; draft and hidden articles; a
    Markdown file in no section or misnamed; a `{static}` link to a photo in a gallery."""
    notepad = "\ufeffTitle:\t记事本保存的\nSlug:\tnotepad\nLang: zh\nDate: 2024-06-20 10:00\n"
    notepad += "Summary: 摘要。\n\n正文。\n\n-\t一\n\t- 二\n"
    link = "\n[花园的照片]({static}/galleries/garden/a.jpg)\n"
    files: dict[str, str | bytes] = {
        "articles/notepad.zh.md": notepad.replace("\n", "\r\n").encode("utf-8"),
        "articles/draft.zh.md": ARTICLE.replace("Slug: test", "Slug: draft").replace(
            "Category", "Status: draft\nCategory"
        ),
        "articles/hidden.zh.md": ARTICLE.replace("Slug: test", "Slug: hidden").replace(
            "Category", "Status: hidden\nCategory"
        )
        + link,
        "misc/notes.md": ARTICLE.replace("test", "notes"),
        "articles/shouting.zh.MD": ARTICLE.replace("test", "shouting"),
        "articles/notepad.zh.md.txt": ARTICLE.replace("test", "notepad-txt"),
    }
    result = attempt(tmp_path, previous, files)
    # The build skips these three: the checker warns about each.
    assert list(result.found) == [
        ("content/articles/notepad.zh.md.txt", 1, "warning"),
        ("content/articles/shouting.zh.MD", 1, "warning"),
        ("content/misc/notes.md", 1, "warning"),
    ], result.check.stdout
    assert_built(result)
    out = result.output
    page = BeautifulSoup((out / "news" / "notepad" / "index.html").read_text(), "html.parser")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "记事本保存的"
    assert (out / "drafts" / "draft" / "index.html").is_file()  # unlisted, not secret
    assert not (out / "news" / "draft").exists()
    hidden = BeautifulSoup((out / "news" / "hidden" / "index.html").read_text(), "html.parser")
    href = next(a["href"] for a in hidden.find_all("a") if "花园" in a.get_text())
    assert (out / "news" / "hidden" / href).resolve().is_file()
    listed = BeautifulSoup((out / "news" / "index.html").read_text(), "html.parser")
    assert not [a["href"] for a in listed.find_all("a") if "hidden" in a["href"]]
    assert not list(out.rglob("notes*"))
    assert not (out / "news" / "shouting").exists()
    assert not (out / "news" / "notepad-txt").exists()


# --- the scaffolder with odd titles ----------------------------------------------------


@pytest.mark.parametrize("title", ["🎉🎉🎉", "！？……", "???"])
def test_a_title_with_nothing_to_make_an_address_from_is_refused(
    tmp_path: Path, title: str
) -> None:
    with pytest.raises(ValueError, match="has no letters or digits") as refused:
        create("article", title, tmp_path / "content")
    assert "SLUG=" in str(refused.value)
    assert not (tmp_path / "content").exists()


@pytest.mark.parametrize(
    ("kind", "title", "owner"),
    [
        # Pelican gives articles and events one set of slugs: events/open-day.zh.md
        ("article", "Open Day", "content/events/open-day.zh.md"),
        ("event", "Hello", "content/articles/hello.zh.md"),
        # a file of another name with that Slug
        ("article", "你好", "content/articles/2024-greeting.md"),
    ],
)
def test_a_title_giving_a_slug_in_use_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, title: str, owner: str
) -> None:
    shutil.copytree(CLEAN, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content/articles/2024-greeting.md").write_text(
        ARTICLE.replace("Slug: test", "Slug: ni-hao"), encoding="utf-8"
    )
    before = snapshot(tmp_path / "content")
    with pytest.raises(ContentExists, match=f"is already used by {owner}"):
        create(kind, title, Path("content"), start="2024-06-19 15:00", slug=None)
    assert snapshot(tmp_path / "content") == before


def test_odd_titles_give_pages_that_build_and_pass_the_checker(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CLEAN, content)
    made = [
        create("article", "🎉 新年联欢 Party! 2025", content),
        create("article", "很" * 80, content),
        create("article", "x" * 100, content),  # one word longer than a slug may be
        create("event", "Ñandú & Café：周末 BBQ", content, start="2024-06-19 15:00"),
        create("project", "News", content),  # projects/news/, not the news section
    ]
    slugs = [c.url.rstrip("/").rsplit("/", 1)[1] for c in made]
    assert slugs[0] == "xin-nian-lian-huan-party-2025"
    assert all(len(s) <= 60 for s in slugs), slugs
    assert slugs[3] == "nandu-cafe-zhou-mo-bbq"
    result = run_check(tmp_path)
    assert ": error: " not in result.stdout, result.stdout  # TODO warnings only
    output = tmp_path / "output"
    built = run_build(content, output)
    assert built.returncode == 0, built.stdout + built.stderr
    for created in made:
        assert (output / created.url / "index.html").is_file(), created.url


def test_mistakes_pelican_would_publish_stop_the_build_too(tmp_path: Path, previous: Path) -> None:
    """Pelican alone publishes these (with a broken link or a guessed date); the rule book
    stops the build on them as the checker does, each with its line."""
    body = (
        "\n[活动]({filename}/events/open-dya.zh.md)\n"  # 10: a typo in a link
        "\n![标志](/extra/logoo.png)\n"  # 12: a typo in an image path
        "\n[笔记]({filename}/misc/notes.md)\n"  # 14: a file the site does not read
        "\n[照片]({filename}/galleries/garden/a.jpg)\n"  # 16: a photo is no page
    )
    files: dict[str, str | bytes] = {
        "articles/t.zh.md": ARTICLE.replace("2024-06-20 10:00", "19/06/2024") + body,
        "misc/notes.md": ARTICLE.replace("test", "notes"),
    }
    result = attempt(tmp_path, previous, files)
    errors = sorted((line, sev) for path, line, sev in result.found if "t.zh.md" in path)
    assert errors == [(4, "error"), (10, "error"), (12, "error"), (14, "error"), (16, "error")]
    assert result.check.returncode == 1
    where = "content/articles/t.zh.md"
    assert_failed_cleanly(
        result,
        *(f"{where}:{line}: error: " for line in (4, 10, 12, 14, 16)),
        f"{where}:4: error: field 'date' = '19/06/2024': not a date (use YYYY-MM-DD HH:MM",
    )


@pytest.mark.parametrize("tool", ["build.py", "devserver.py"])
def test_run_outside_the_site_folder_says_so(tmp_path: Path, tool: str) -> None:
    for args, missing in (([], "no settings file pelicanconf.py"), (
        ["-s", str(ROOT / "pelicanconf.py"), "-c", "content"], "no content folder at content"
    )):  # fmt: skip
        result = subprocess.run(
            [sys.executable, str(ROOT / "tools" / tool), *args],
            cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60,
        )  # fmt: skip
        assert result.returncode == 2
        assert f"{missing} (run this in the site's folder)" in result.stderr
        assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("tool", ["build.py", "check.py"])
def test_settings_naming_no_content_folder_say_so(tmp_path: Path, tool: str) -> None:
    """A site's settings whose PATH is missing (content/ not made yet): a sentence, not
    Pelican's traceback, and no site written."""
    (tmp_path / "pelicanconf.py").write_text(
        'from community_press.defaults import *  # noqa\nPATH = "content"\n', encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / tool)],
        cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    said = " ".join((result.stdout + result.stderr).split())  # the log wraps its lines
    assert "no content folder" in said
    assert "PATH names none" in said
    assert "Traceback" not in said
    assert not (tmp_path / "output").exists()
