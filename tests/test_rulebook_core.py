"""The rule book's pure core: raw-HTML rules, the per-file memo, Pelican's metadata shape."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from community_press.frontmatter import parse_front_matter
from conftest import ROOT
from pelican.settings import read_settings
from rulebook import memo as memo_module
from rulebook import site
from rulebook.body import visible_lines
from rulebook.documents import document_of
from rulebook.html import html_problems
from rulebook.memo import FileMemo, load_memo, save_memo

HOSTS = ["player.bilibili.com"]


def _html(body: str) -> list[tuple[int, str]]:
    lines = [(number + 10, text) for number, text in enumerate(body.splitlines())]
    found = html_problems("x.md", visible_lines(lines), HOSTS)
    return [(p.line, p.message) for p in found]


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("<script>alert(1)</script>", 10, "inline <script>"),
        ("a\n<script src='https://cdn.example/x.js'></script>", 11, "<script> from cdn.example"),
        ("<button onclick='go()'>x</button>", 10, "onclick"),
        ('<a href="javascript:go()">x</a>', 10, "javascript:"),
        ('<p style="color:red">x</p>', 10, "style=..."),
        ("<style>p{}</style>", 10, "<style> block"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', 10,
         "add its host to TRUSTED_FRAME_HOSTS"),
        ('<embed src="//flash.example/x.swf">', 10, "<embed> from flash.example"),
        ('<object data="https://x.example/a.pdf"></object>', 10, "<object> from x.example"),
        # pictures and video from another site: img-src and media-src are 'self' only
        ('<img src="https://mmbiz.qpic.cn/x.jpg" alt="a">', 10,
         "<img> from mmbiz.qpic.cn: the published site's Content-Security-Policy blocks it"),
        ("text\n![合影](https://mmbiz.qpic.cn/y.jpg)", 11,
         "picture 'https://mmbiz.qpic.cn/y.jpg' from mmbiz.qpic.cn"),
        ('<video controls><source src="https://v.example/a.mp4"></video>', 10,
         "save the file in content/images/"),
        # Markdown attribute lists write the same attributes
        ('A red paragraph\n{: style="color:red" }', 11, "attribute list {: style=... } "
         "(delete it: the site's own styles apply): the published site's Content-Security"),
        ('[link](https://example.org){: onclick="alert(2)" }', 10,
         "attribute list {: onclick=... } (delete it: a page holds no scripts)"),
        ("# Heading { #top style=color:red }", 10, "attribute list {: style=... }"),
        # indented lines that are no code block: Markdown passes their HTML on
        ("A paragraph\n    <script>alert(1)</script>", 11, "inline <script>"),  # lazy line
        ("- an item\n\n    <script>alert(1)</script>", 12, "inline <script>"),  # the item's
        ("<div>\n\n    <script>alert(1)</script>\n\n</div>", 12, "inline <script>"),  # HTML
        ("    shown\n\n<script>alert(1)</script>", 12, "inline <script>"),  # after the code
    ],
)  # fmt: skip
def test_raw_html_the_csp_blocks(body: str, line: int, words: str) -> None:
    (found,) = _html(body)
    assert found[0] == line and words in found[1], found


@pytest.mark.parametrize(
    "body",
    [
        '<iframe src="https://player.bilibili.com/player.html?bvid=1"></iframe>',  # allowed
        "<table><tr><td style-less>1</td></tr></table>",
        "```\n<script>alert(1)</script>\n```",  # code
        # an indented code block (4 spaces or a tab, after an empty line): shown, escaped
        "To add a counter:\n\n    <script>alert(1)</script>\n"
        "    <p style='color:red'>x</p>\n\nDone.",
        "\t<script>alert(1)</script>",
        "    <b>a</b>\n\n    <p style='x'>still the same block</p>\n",
        "- an item\n\nA paragraph\n\n    <script>alert(1)</script>",  # the list has ended
        "<!-- <script>alert(1)</script> -->",  # a comment
        "`<p style='x'>` in inline code",
        '<script type="application/ld+json">{"a": 1}</script>',  # data, not code
        "Hello <world> and a < b",
        "![合影]({static}/images/y.jpg) and ![本地](photos/z.jpg)",  # the site's own files
        '<img src="/images/x.jpg" alt="a">',
        "[a link, not a picture](https://mp.weixin.qq.com/s/x)",
        '{: .note #intro } and { "style": 1 }',  # classes and ids; braces in text
    ],
)
def test_html_that_publishes_as_written(body: str) -> None:
    assert _html(body) == []


def test_metadata_as_pelican_hands_it_to_plugins(tmp_path: Path) -> None:
    text = "Title: 活动\nTags: a\nevent-exdate: 2024-10-01\nevent-exdate: 2024-10-08\n\nx\n"
    doc = document_of(
        tmp_path / "events" / "x.md", tmp_path, "article", parse_front_matter(text), {}
    )
    assert doc.metadata() == {
        "title": "活动",
        "tags": "a",
        "event-exdate": ["2024-10-01", "2024-10-08"],
    }
    assert doc.line_of("event-exdate") == 3 and doc.line_of("nothing") == 1
    assert doc.relative == "events/x.md"


def test_memo_recomputes_only_a_changed_file(tmp_path: Path) -> None:
    page = tmp_path / "a.md"
    page.write_text("one", encoding="utf-8")
    calls: list[str] = []

    def read() -> str:
        calls.append("read")
        return page.read_text(encoding="utf-8")

    memo = FileMemo("key")
    assert memo.get(page, "text", read) == "one"
    save_memo(tmp_path / "cache", memo)
    again = load_memo(tmp_path / "cache", "key")
    assert again.get(page, "text", read) == "one"
    assert calls == ["read"]
    page.write_text("two!", encoding="utf-8")
    assert again.get(page, "text", read) == "two!"
    assert load_memo(tmp_path / "cache", "other settings").entries == {}
    assert len(calls) == 2
    # A fresh clone: every file has a new time, the same bytes: nothing is read again.
    save_memo(tmp_path / "cache", again)
    os.utime(page, ns=(1, 1))
    cloned = load_memo(tmp_path / "cache", "key")
    assert cloned.get(page, "text", read) == "two!" and len(calls) == 2
    # Other bytes of the same size under a new time: read again (next run).
    save_memo(tmp_path / "cache", cloned)
    page.write_text("ten!", encoding="utf-8")
    os.utime(page, ns=(3, 3))
    assert load_memo(tmp_path / "cache", "key").get(page, "text", read) == "ten!"
    assert len(calls) == 3


def test_a_site_with_nothing_changed_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check_content` keeps the whole site's problems under a stamp of everything the
    rules read: the same answer without running them while nothing changed; any change
    to a file, a setting or the date runs them again."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    page = content / "articles" / "a.md"
    page.write_text("Title: A\nDate: 2024-01-01\nLang: en\n\n<b onclick='x()'>Hi</b>\n", "utf-8")
    cache = tmp_path / "cache"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "CACHE_PATH": str(cache / "pelican"),
            "GALLERY_CACHE_PATH": str(cache / "gallery"),
        },
    )
    runs: list[Path] = []
    real = site.check_site

    def counted(*args: object, **kwargs: object) -> list[object]:
        runs.append(args[0])  # type: ignore[arg-type]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(site, "check_site", counted)
    first = site.check_content(settings)
    assert any("onclick" in str(p) for p in first)
    assert site.check_content(settings) == first and len(runs) == 1
    os.utime(page, ns=(5, 5))  # a fresh clone: new times, the same bytes
    assert site.check_content(settings) == first and len(runs) == 1

    page.write_text("Title: A\nDate: 2024-01-01\nLang: en\n\nHi\n", encoding="utf-8")
    assert site.check_content(settings) == [] and len(runs) == 2
    (content / "articles" / "b.md").write_text("Title: B\nDate: 2024-13-01\n\nB\n", "utf-8")
    assert any("b.md" in str(p) for p in site.check_content(settings)) and len(runs) == 3
    assert (
        len(site.check_content({**settings, "TRUSTED_FRAME_HOSTS": ["x.org"]})) and len(runs) == 4
    )

    monkeypatch.setattr(memo_module, "_today", lambda: "2999-01-01 2999-01-01")
    site.check_content(settings)
    assert len(runs) == 5


def test_author_links_lead_to_a_page_only_when_the_site_makes_one(tmp_path: Path) -> None:
    """`{author}x` links: Pelican links to the author's page whether it exists or not."""
    settings = dict(read_settings(str(ROOT / "pelicanconf.py")))
    with_pages = {**settings, "AUTHOR_SAVE_AS": "author/{slug}.html", "AUTHOR": "Site Team"}
    text = "Title: a\nAuthor: Li Ming, Ana Ruiz\n\nx\n"
    doc = document_of(tmp_path / "a.md", tmp_path, "article", parse_front_matter(text), {})
    authors = site._authors([doc], with_pages)
    assert authors == {"Li Ming", "Ana Ruiz", "Site Team"}
    listed = site.listed_words([], with_pages, authors)
    assert listed("author", "Ana Ruiz") == ""
    assert listed("author", "Site Team") == ""
    assert listed("author", "Nobody") == "no article has the author 'Nobody'"
    # The default settings make no author pages: every such link is broken.
    assert "makes no author pages" in site.listed_words([], settings, authors)("author", "Li Ming")
