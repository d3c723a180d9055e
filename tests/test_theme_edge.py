"""The theme and both languages with content nobody planned for."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

from conftest import build_site
from i18n_ui.listings import shared_urls


def test_shared_urls_finds_homophone_tags() -> None:
    def word(name: str, url: str) -> SimpleNamespace:
        return SimpleNamespace(name=name, url=url)

    def article(source: str, *tags: SimpleNamespace) -> SimpleNamespace:
        return SimpleNamespace(relative_source_path=source, category=None, tags=list(tags))

    items = [
        article("a.zh.md", word("实践", "tag/shi-jian/"), word("社区", "tag/she-qu/")),
        article("b.zh.md", word("时间", "tag/shi-jian/")),
        article("c.en.md", word("Youth Home", "tag/youth-home/")),
        article("d.en.md", word("youth home", "tag/youth-home/")),  # one word, two cases
    ]
    assert shared_urls(items) == [
        "b.zh.md: field 'tags' = '时间': gets the URL tag/shi-jian/ of '实践' (a.zh.md), so"
        " one page would list both under one name: use another word for one of them (URLs"
        " are made from pinyin without tones)"
    ]


def test_homophone_tags_fail_the_build_naming_both_files(tmp_path: Path) -> None:
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for slug, tag in (("a", "实践"), ("b", "时间")):
        (articles / f"{slug}.zh.md").write_text(
            f"Title: {slug}\nSlug: {slug}\nLang: zh\nDate: 2024-01-01\nTags: {tag}\n\n正文。\n",
            encoding="utf-8",
        )
    build = build_site(tmp_path / "content", tmp_path / "output")
    errors = build.problems(logging.ERROR)
    assert len(errors) == 1, errors
    assert "articles/b.zh.md: field 'tags' = '时间'" in errors[0]
    assert "'实践' (articles/a.zh.md)" in errors[0]
