"""The devserver's build engine (tools/preview/engine.py) replayed through sequences of
edits, additions, renames and deletions: the site it ends with is byte for byte the site a
fresh `tools/build.py` makes of the final content, and each page its fast path rendered
is byte for byte the page the full build then writes.

The engine is driven in this process, as the devserver drives it (`show_fast` on a change,
then the full build), with no timer: every full build runs to its end.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from gallery_helpers import make_photo

from tools.devserver import show_fast
from tools.devserver_live import LiveState
from tools.preview.engine import Engine

SETTINGS = """\
from pelicanconf import *  # noqa: F403

CACHE_PATH = {cache!r} + "/pelican"
GALLERY_CACHE_PATH = {cache!r} + "/gallery"
JINJA_BYTECODE_CACHE_PATH = {cache!r} + "/jinja"
THEME = {theme!r}
EVENTS_NOW = "2024-06-01 12:00"
SITEURL = ""
"""

ARTICLE = """\
Title: {title}
Slug: {slug}
Date: {date}
Category: News
Tags: news, {tag}

{body}
"""

EVENT = """\
Title: {title}
Slug: {slug}
Date: 2024-05-20 09:00
event-start: 2024-06-{day:02d} 15:00
event-duration: 2h
event-location: Hall {day}
event-rrule: FREQ=WEEKLY;COUNT={count}

{body}
"""

PAGE = """\
Title: {title}
Slug: {slug}

{body}
"""


def article(slug: str, title: str, body: str, date: str = "2024-05-01 10:00") -> str:
    return ARTICLE.format(title=title, slug=slug, date=date, body=body, tag=slug[:4])


class Site:
    """A small site in `root`, the engine on it, and what its fast path rendered."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        theme = root / "theme"
        shutil.copytree(ROOT / "theme", theme)
        self.theme = theme
        for name, cache in (("siteconf.py", "cache"), ("freshconf.py", "fresh-cache")):
            text = SETTINGS.format(cache=str(root / cache), theme=str(theme))
            (root / name).write_text(text, encoding="utf-8")
        self.write_initial()
        self.engine = Engine(root / "siteconf.py", self.content, root / "output")
        self.live = LiveState()
        self.fast: dict[str, bytes] = {}  # page -> bytes rendered by the fast path

    def write_initial(self) -> None:
        files = {
            "articles/first.md": article("first", "第一篇", "第一段。\n\n第二段。"),
            "articles/first.en.md": article("first", "First", "One.", "2024-05-01 10:00").replace(
                "Category: News", "Category: News\nLang: en"
            ),
            "articles/second.md": article("second", "第二篇", "正文。", "2024-05-03 10:00"),
            "events/club.md": EVENT.format(
                title="读书会", slug="club", day=5, count=4, body="每周。"
            ),
            "events/club.en.md": EVENT.format(
                title="Book club", slug="club", day=5, count=4, body="Weekly."
            ).replace("Title:", "Lang: en\nTitle:"),
            "pages/about.md": PAGE.format(title="关于", slug="about", body="我们是谁。"),
        }
        for name, text in files.items():
            self.put(name, text)

    def put(self, name: str, text: str) -> Path:
        path = self.content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def changed(self, *paths: Path) -> bool:
        """What the devserver does on a change: the fast path when it can."""
        before = self.live.fast
        show_fast(self.engine, {(None, str(p)) for p in paths}, self.live, "/")
        if self.live.fast == before:
            self.fast = {}  # this change may alter or remove what was rendered fast
            return False
        for page in self.live.pages:
            self.fast[page] = (self.engine.output / page).read_bytes()
        return True

    def full(self) -> None:
        assert self.engine.full_build() == 0
        if self.engine.needs_load:
            assert self.engine.load()
        for page, data in self.fast.items():  # the fast page is the full build's page
            assert (self.engine.output / page).read_bytes() == data, page
        self.fast = {}

    def fresh(self) -> Path:
        """A fresh `tools/build.py` of the content as it is now (caches of its own)."""
        target = self.root / "fresh"
        shutil.rmtree(self.root / "fresh-cache", ignore_errors=True)
        command = [sys.executable, str(ROOT / "tools" / "build.py"), "-s", "freshconf.py",
                   "-c", "content", "-o", str(target)]  # fmt: skip
        subprocess.run(command, cwd=self.root, check=True, capture_output=True, timeout=300)
        return target

    def assert_as_fresh(self) -> None:
        assert tree(self.engine.output) == tree(self.fresh())


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def edit_body(path: Path, words: str) -> Path:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    path.write_text(f"{head}\n\n{words}\n\n{body}", encoding="utf-8")
    return path


def set_field(path: Path, field: str, value: str) -> Path:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines = [f"{field}: {value}" if line.startswith(f"{field}:") else line for line in lines]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path: Path) -> Site:
    site = Site(tmp_path)
    site.full()
    assert site.engine.generators, "the engine reads the site into memory"
    return site


def test_hand_picked_sequence(site: Site) -> None:
    content = site.content
    # The common edit: a body, a title, a page, an event of a series, a translation.
    edits: list[Callable[[], Path]] = [
        lambda: edit_body(content / "articles/first.md", "新的一段。"),
        lambda: set_field(content / "articles/second.md", "Title", "第二篇（改）"),
        lambda: edit_body(content / "pages/about.md", "电话：123。"),
        lambda: edit_body(content / "events/club.md", "地点改在二楼。"),
        lambda: set_field(content / "events/club.en.md", "Title", "Reading club"),
        lambda: edit_body(content / "articles/first.en.md", "A new paragraph."),
    ]
    for edit in edits:
        path = edit()
        assert site.changed(path), f"{path.name}: fast path expected"
        assert site.fast, path
        fresh = site.fresh()  # before the full build: the fast pages alone
        for page, data in site.fast.items():
            assert (fresh / page).read_bytes() == data, page
        site.full()
    assert sorted(site.live.pages) == ["en/news/first/index.html", "news/first/index.html"]
    site.assert_as_fresh()

    # What the fast path leaves to the full build.
    unsure: list[Callable[[], list[Path]]] = [
        lambda: set_rule(content, "FREQ=WEEKLY;COUNT=6"),
        lambda: [set_field(content / "articles/second.md", "Date", "2024-05-09 10:00")],
        lambda: [site.put("articles/third.md", article("third", "第三篇", "新文章。"))],
        lambda: rename(content / "articles/second.md", content / "articles/second-renamed.md"),
        lambda: delete(content / "articles/first.en.md"),
        lambda: add_photo(site),
        lambda: change_template(site),
        lambda: add_image(site),
    ]
    for step in unsure:
        paths = step()
        assert not site.changed(*paths)
        site.full()
    site.assert_as_fresh()

    # After those, the engine has read the site again: the next edit is fast again.
    assert site.changed(edit_body(content / "articles/first.md", "再改一次。"))
    site.full()
    site.assert_as_fresh()


def test_failed_build_keeps_the_site_and_mends(site: Site) -> None:
    before = tree(site.engine.output)
    broken = set_field(site.content / "articles/second.md", "Date", "not a date")
    assert not site.changed(broken)
    assert site.engine.full_build() != 0
    assert tree(site.engine.output) == before
    # While the last build failed, no fast path: the next build must say whether it is mended.
    assert not site.changed(edit_body(site.content / "articles/first.md", "改了。"))
    assert not site.engine.needs_load  # a failed build: nothing to read yet
    set_field(broken, "Date", "2024-05-03 10:00")
    assert not site.changed(broken)
    site.full()
    assert site.changed(edit_body(site.content / "articles/first.md", "又改了。"))
    site.full()
    site.assert_as_fresh()


def set_rule(content: Path, rule: str) -> list[Path]:
    """A series changes: the original and its translation alike (the rule book wants so)."""
    return [set_field(content / f"events/{name}", "event-rrule", rule)
            for name in ("club.md", "club.en.md")]  # fmt: skip


def add_image(site: Site) -> list[Path]:
    image = make_photo(site.content / "images" / "x.png", fmt="PNG")
    return [image, edit_body(site.content / "articles/third.md", "![图]({static}/images/x.png)")]


def rename(old: Path, new: Path) -> list[Path]:
    old.rename(new)
    return [old, new]


def delete(path: Path) -> list[Path]:
    path.unlink()
    return [path]


def add_photo(site: Site) -> list[Path]:
    folder = site.content / "galleries" / "fair"
    folder.mkdir(parents=True, exist_ok=True)
    added = [folder / f"IMG_{len(list(folder.iterdir())):04d}.jpg"]
    make_photo(added[0])
    page = site.content / "pages/fair.md"
    if not page.exists():
        added.append(
            site.put("pages/fair.md", "Title: 义卖照片\nSlug: fair\ngallery: fair\n\n照片。\n")
        )
    return added


def change_template(site: Site) -> list[Path]:
    template = site.theme / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("<article", "<article data-edited", 1), encoding="utf-8")
    return [template]


@pytest.mark.parametrize("seed", [1, 2])
def test_random_sequences(site: Site, seed: int) -> None:
    rng = random.Random(seed)
    content = site.content
    made = 0

    def articles() -> list[Path]:
        return sorted((content / "articles").glob("*.md"))

    def step() -> list[Path]:
        nonlocal made
        choice = rng.choice(["body", "body", "title", "add", "rename", "delete", "event"])
        known = articles()
        if choice == "add" or len(known) < 2:
            made += 1
            slug = f"r{seed}-{made}"
            return [site.put(f"articles/{slug}.md", article(slug, f"随机 {made}", "正文。"))]
        target = rng.choice(known)
        if choice == "body":
            return [edit_body(target, f"第 {rng.randint(1, 99)} 次修改。")]
        if choice == "title":
            return [set_field(target, "Title", f"标题 {rng.randint(1, 99)}")]
        if choice == "rename":
            return rename(target, target.with_name(f"moved-{rng.randint(1, 999)}-{target.name}"))
        if choice == "delete":
            return delete(target)
        return set_rule(content, f"FREQ=WEEKLY;COUNT={rng.randint(2, 8)}")

    for _ in range(8):
        site.changed(*step())
        if rng.random() < 0.6:  # sometimes several changes before the full build runs
            site.full()
    site.full()
    site.assert_as_fresh()


def test_what_counts_as_one_edit(tmp_path: Path) -> None:
    """An editor's probe file made and removed within the same changes (Vim's 4913) is no
    change of the site; a deleted photo is."""
    from watchfiles import Change

    from tools.devserver import content_edit

    edited = tmp_path / "a.md"
    edited.write_text("Title: a\n\nx\n", encoding="utf-8")
    probe = str(tmp_path / "4913")
    saved = {(Change.added, probe), (Change.deleted, probe), (Change.modified, str(edited))}
    assert content_edit(saved, tmp_path) == edited
    replaced = {(Change.deleted, str(edited)), (Change.added, str(edited))}
    assert content_edit(replaced, tmp_path) == edited
    photo = {(Change.deleted, str(tmp_path / "p.jpg")), (Change.modified, str(edited))}
    assert content_edit(photo, tmp_path) is None
    assert content_edit({(Change.modified, str(edited))}, tmp_path / "elsewhere") is None


def test_an_edit_the_rule_book_refuses_is_never_shown(site: Site) -> None:
    """HTML the published site's CSP would block (a style attribute pasted from Word): the
    fast path does not show it, so output/ stays the last good site while the build fails."""
    before = tree(site.engine.output)
    pasted = edit_body(site.content / "articles/first.md", '<p style="color:red">红字</p>')
    assert not site.changed(pasted)
    assert tree(site.engine.output) == before
    assert site.engine.full_build() != 0
    assert tree(site.engine.output) == before
    # A plain edit of the body is shown at once again once the file is mended.
    text = pasted.read_text(encoding="utf-8")
    pasted.write_text(text.replace('<p style="color:red">红字</p>', "红字。"), encoding="utf-8")
    assert not site.changed(pasted)  # the last build failed: the next one must say
    site.full()
    assert site.changed(edit_body(pasted, "黑字。"))
    site.full()
    site.assert_as_fresh()
