"""The preview measurement's pure parts (benchmarks/preview.py): the corpus as a Hugo site,
and the edit it saves. Nothing here runs Hugo or times anything."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.preview import front_matter, hugo_site, read_pelican, render, save_edit

ARTICLE = """\
Title: 一篇 "新闻"
Date: 2024-06-19 15:30
Category: News
Tags: a, b c
Slug: a0001-news
Summary: One line.

Body *text*.

More.
"""


def matter(text: str) -> dict[str, object]:
    head = text.split("---\n")[1]
    return {
        key: json.loads(value)
        for key, _, value in (line.partition(": ") for line in head.splitlines())
    }


def test_front_matter_carries_our_metadata() -> None:
    fields, body = read_pelican(ARTICLE)
    assert body.startswith("Body *text*.")
    got = matter(front_matter(fields))
    assert got == {
        "title": '一篇 "新闻"',
        "date": "2024-06-19T15:30:00+08:00",
        "slug": "a0001-news",
        "summary": "One line.",
        "tags": ["a", "b c"],
        "categories": ["News"],
    }
    event = matter(front_matter({"title": "x", "event-start": "2024-06-01 10:00"}))
    assert event["event"] == {"start": "2024-06-01 10:00"}


def test_hugo_site_converts_every_document(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "a0001-news.md").write_text(ARTICLE, encoding="utf-8")
    english = ARTICLE.replace("Slug:", "Lang: en\nSlug:")
    (content / "articles" / "a0001-news.en.md").write_text(english, encoding="utf-8")
    (content / "projects").mkdir()
    (content / "projects" / "p.md").write_text("Title: p\n\nx\n", encoding="utf-8")
    site = tmp_path / "hugo"
    hugo_site(content, site)
    assert (site / "hugo.toml").is_file()
    assert (site / "layouts" / "_default" / "single.html").is_file()
    made = sorted(str(p.relative_to(site / "content")) for p in (site / "content").rglob("*.md"))
    assert made == ["articles/a0001-news.en.md", "articles/a0001-news.md"]
    text = (site / "content" / "articles" / "a0001-news.md").read_text(encoding="utf-8")
    assert text.endswith("\nBody *text*.\n\nMore.\n")


def test_an_edit_replaces_the_last_one(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(ARTICLE, encoding="utf-8")
    save_edit(path, "first")
    save_edit(path, "second")
    text = path.read_text(encoding="utf-8")
    assert "Preview edit second." in text
    assert "first" not in text
    assert text.replace("Preview edit second.\n\n", "") == ARTICLE


def test_a_missing_hugo_is_said() -> None:
    said = render({"skipped": "hugo is not installed: apt-get install hugo"})
    assert "apt-get install hugo" in said
