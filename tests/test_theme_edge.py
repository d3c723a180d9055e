"""The theme and both languages with content nobody planned for (tests/fixtures/theme_edge):
very long titles and words, rich Markdown, no summary, one-language articles and pages,
Chinese tags, a paginated /news/; and the whole sample site with English as the default."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, SAMPLE, Build, build_site, is_poster
from listings.content import Word, shared_urls

CONTENT = FIXTURES / "theme_edge" / "content"
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(CONTENT, tmp_path_factory.mktemp("edge") / "output")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(
        CONTENT,
        tmp_path_factory.mktemp("edge_pub") / "output",
        SITEURL="https://example.org",
        RELATIVE_URLS=False,
    )


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(path), "html5lib")


def html_files(build: Build) -> list[str]:
    return sorted(
        str(p.relative_to(build.output))
        for p in build.output.rglob("*.html")
        if not str(p.relative_to(build.output)).startswith(("theme/", "photos/"))
    )


def resolve(build: Build, page: str, href: str) -> Path:
    """The file a link on `page` leads to (as http.server would serve it)."""
    path = href.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0]
    if path.startswith("https://example.org"):
        path = path.removeprefix("https://example.org")
    base = build.output if path.startswith("/") else (build.output / page).parent
    target = Path(os.path.normpath(base / path.lstrip("/")))
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def switch(build: Build, page: str) -> Path:
    """Where the language switch of `page` leads (two languages: one link)."""
    links = soup(build, page).select(".lang-switch a")
    assert len(links) == 1, page
    return resolve(build, page, links[0]["href"]).relative_to(build.output)


def test_edge_site_builds_without_problems(site: Build) -> None:
    assert site.problems() == []


def test_long_titles_reach_the_page_whole(site: Build) -> None:
    zh = soup(site, "news/long/index.html")
    assert len(zh.h1.get_text()) > 80
    assert zh.select_one(".crumbs [aria-current]").get_text() == zh.h1.get_text()
    assert zh.title.get_text().startswith(zh.h1.get_text())


def test_an_article_without_summary_gets_one_from_its_text(site: Build) -> None:
    page = soup(site, "news/nosummary/index.html")
    assert page.select_one('meta[name="description"]')["content"].startswith("正文第一段")
    card = next(
        c for c in soup(site, "news/index.html").select(".card")
        if c.select_one(".card-title").get_text() == "没有摘要的文章"
    )  # fmt: skip
    assert card.select_one(".summary").get_text().startswith("正文第一段")


def test_rich_markdown_keeps_its_structure(site: Build) -> None:
    prose = soup(site, "news/rich/index.html").select_one("article.prose")
    assert prose.select("table thead th") and prose.select("table tbody tr")
    assert prose.select_one("pre code")
    assert prose.select_one("blockquote")
    assert prose.select_one("ul li ul li ul li ol li")
    for img in prose.select("img"):
        assert img["alt"] and resolve(site, "news/rich/index.html", img["src"]).exists()


def test_english_only_article_switches_to_the_chinese_home(site: Build) -> None:
    page = "en/news/enonly/index.html"
    assert soup(site, page).html["lang"] == "en"
    assert switch(site, page) == Path("index.html")
    assert "English only story" in site.read("en/news/index.html")
    assert "English only story" in site.read("en/tag/partners/index.html")


def test_chinese_pages_never_list_the_english_only_article(site: Build) -> None:
    for path in html_files(site):
        if not path.startswith("en/"):
            assert "enonly" not in site.read(path), path
            assert "English only story" not in site.read(path), path
    assert not (site.output / "tag" / "partners").exists()


@pytest.mark.parametrize(
    ("page", "target"),
    [
        ("news/zhonly/index.html", "en/index.html"),  # no English translation
        ("news/nosummary/index.html", "en/index.html"),
        ("about/index.html", "en/index.html"),  # a Chinese-only page
        ("en/partners/index.html", "index.html"),  # a page with `Lang: en` only
        ("news/long/index.html", "en/news/long/index.html"),
        ("en/news/long/index.html", "news/long/index.html"),
        ("tag/she-qu/page/2/index.html", "en/tag/index.html"),
        ("news/page/2/index.html", "en/news/index.html"),
    ],
)
def test_language_switch_of_one_language_content(site: Build, page: str, target: str) -> None:
    assert switch(site, page) == Path(target)


def test_the_english_only_page_is_english_and_not_listed_in_chinese(site: Build) -> None:
    page = soup(site, "en/partners/index.html")
    assert page.html["lang"] == "en"
    assert page.select_one(".site-nav a").get_text() == "News"
    assert not any("partners" in site.read(p) for p in html_files(site) if not p.startswith("en/"))


def test_chinese_tags_get_pinyin_urls_and_chinese_names(site: Build) -> None:
    tags = soup(site, "tag/index.html")
    names = {a.get_text(" ", strip=True).split()[0]: a["href"] for a in tags.select("main a")}
    assert names["社区"].endswith("tag/she-qu/")
    assert names["志愿服务"].endswith("tag/zhi-yuan-fu-wu/")
    page = soup(site, "tag/she-qu/index.html")
    assert page.h1.get_text() == "标签：社区"
    article = soup(site, "news/zhonly/index.html")
    link = article.select_one(".tags a")
    assert link.get_text() == "社区"
    assert resolve(site, "news/zhonly/index.html", link["href"]) == (
        site.output / "tag/she-qu/index.html"
    )


@pytest.mark.parametrize(
    ("first", "second", "count"),
    [("news/", "news/page/2/", 15), ("tag/she-qu/", "tag/she-qu/page/2/", 12)],
)
def test_pagination_links_there_and_back(site: Build, first: str, second: str, count: int) -> None:
    one, two = first + "index.html", second + "index.html"
    older = soup(site, one).select_one('.pager a[rel="next"]')
    assert resolve(site, one, older["href"]) == site.output / two
    newer = soup(site, two).select_one('.pager a[rel="prev"]')
    assert resolve(site, two, newer["href"]) == site.output / one
    assert soup(site, two).select_one('.pager a[rel="next"]') is None
    assert len(soup(site, one).select(".card")) + len(soup(site, two).select(".card")) == count
    # every page of a list has a title of its own
    assert "第 2 页" in soup(site, two).title.get_text()
    assert "页" not in soup(site, one).title.get_text()


@pytest.mark.parametrize("page", ["404.html", "en/404.html"])
def test_404_links_are_root_absolute_in_both_languages(site: Build, page: str) -> None:
    found = soup(site, page)
    refs = [a["href"] for a in found.select("a[href]")]
    refs += [link["href"] for link in found.select("link[href]")]
    refs += [script["src"] for script in found.select("script[src]")]
    assert all(ref.startswith(("/", "#")) for ref in refs), refs
    assert all(resolve(site, page, ref).exists() for ref in refs if ref.startswith("/theme/"))
    home = found.select_one(".not-found-links a")["href"]
    assert home == ("/en/" if page.startswith("en/") else "/")


def test_published_hreflang_only_names_the_same_content(published: Build) -> None:
    # A tag is a word of one language and page 2 of a list lists other articles: the
    # switch leads to the other language's index, but no hreflang claims it is the same.
    for page in ("tag/she-qu/index.html", "news/page/2/index.html", "en/tag/partners/index.html"):
        found = soup(published, page)
        canonical = found.select_one('link[rel="canonical"]')["href"]
        alternates = [link["href"] for link in found.select("link[hreflang]")]
        assert alternates == [canonical], page
        assert found.select_one(".lang-switch a").get("rel") is None, page
    # the same page in both languages: alternates both ways, and the switch says so
    found = soup(published, "news/index.html")
    assert [link["href"] for link in found.select("link[hreflang]")] == [
        "https://example.org/news/",
        "https://example.org/en/news/",
    ]
    assert found.select_one(".lang-switch a")["rel"] == ["alternate"]


def test_shared_urls_finds_homophone_tags() -> None:
    def word(source: str, name: str, slug: str) -> Word:
        return Word(source, "tags", name, f"tag/{slug}/", slug)

    words = [
        word("a.zh.md", "实践", "shi-jian"),
        word("a.zh.md", "社区", "she-qu"),
        word("b.zh.md", "时间", "shi-jian"),
        word("c.en.md", "Youth Home", "youth-home"),
        word("d.en.md", "youth home", "youth-home"),  # one word, two cases
        word("e.en.md", "🎉", ""),
    ]
    assert [(w.source, w.name, why) for w, why in shared_urls(words)] == [
        ("e.en.md", "🎉", "has no letter or digit to make its address from"),
        ("b.zh.md", "时间", "gets the URL tag/shi-jian/ of '实践' (a.zh.md), so one page would"
         " list both under one name: use another word for one of them (URLs are made from"
         " pinyin without tones)"),
    ]  # fmt: skip


def test_homophone_tags_fail_the_build_naming_both_files(tmp_path: Path) -> None:
    articles = tmp_path / "content" / "articles"
    articles.mkdir(parents=True)
    for slug, tag in (("a", "实践"), ("b", "时间")):
        (articles / f"{slug}.zh.md").write_text(
            f"Title: {slug}\nSlug: {slug}\nLang: zh\nDate: 2024-01-01\nTags: {tag}\n\n正文。\n",
            encoding="utf-8",
        )
    build = build_site(tmp_path / "content", tmp_path / "output")
    said = "\n".join(build.problems(logging.ERROR))
    # The rule book stops the build before Pelican reads a file (the listings plugin runs
    # the same rule again on Pelican's own tags).
    assert "articles/b.zh.md:5: error: field 'tags' = '时间': gets the URL" in said
    assert "articles/a.zh.md)" in said and "'实践'" in said
    assert "articles/a.zh.md:5" not in said


# The whole sample site with English as the default language (issue 8: "which language is
# the default is a setting"): Chinese moves under /zh/, nothing else may change.


@pytest.fixture(scope="module")
def english_first(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(
        SAMPLE,
        tmp_path_factory.mktemp("english_first") / "output",
        "publishconf.py",
        DEFAULT_LANG="en",
        SITEURL="https://example.org",
        PUBLISH_PAGEFIND=False,
        PUBLISH_PRECOMPRESS=False,
        CMS_ENABLED=False,  # /admin/ is the editor's page, not the theme's (plugins/cms)
    )


@pytest.mark.slow
def test_english_default_builds_without_problems(english_first: Build) -> None:
    assert english_first.problems() == []
    assert (english_first.output / "zh" / "index.html").exists()
    assert not (english_first.output / "en").exists()


@pytest.mark.slow
def test_english_default_pages_have_the_right_language(english_first: Build) -> None:
    for path in html_files(english_first):
        page = soup(english_first, path)
        chinese = path.startswith("zh/")
        assert page.html["lang"] == ("zh-Hans" if chinese else "en"), path
        if is_poster(page):
            continue
        nav = " ".join(a.get_text() for a in page.select(".site-nav a"))
        assert bool(CJK.search(nav)) == chinese, f"{path}: {nav}"
        assert page.select_one(".skip-link").get_text() == (
            "跳到正文" if chinese else "Skip to main content"
        ), path
        target = switch(english_first, path)
        other = soup(english_first, str(target))
        assert other.html["lang"] == ("en" if chinese else "zh-Hans"), f"{path} -> {target}"


@pytest.mark.slow
def test_english_default_homes_and_translations(english_first: Build) -> None:
    assert (
        soup(english_first, "index.html")
        .h1.get_text(" ", strip=True)
        .startswith("Qingquanshan Community")
    )
    assert (
        soup(english_first, "zh/index.html").h1.get_text(" ", strip=True).startswith("清泉山社区")
    )
    assert switch(english_first, "index.html") == Path("zh/index.html")
    assert switch(english_first, "news/march-visit/index.html") == Path(
        "zh/news/march-visit/index.html"
    )
    assert switch(english_first, "zh/events/index.html") == Path("events/index.html")


@pytest.mark.slow
def test_english_default_hreflang_is_absolute_and_mutual(english_first: Build) -> None:
    canonical: dict[str, tuple[str, str, dict[str, str]]] = {}
    for path in html_files(english_first):
        page = soup(english_first, path)
        link = page.select_one('link[rel="canonical"]')
        if link is None:
            assert path.endswith("404.html") or is_poster(page), path
            continue
        if is_poster(page):
            continue
        alternates = {a["hreflang"]: a["href"] for a in page.select("link[hreflang]")}
        canonical[link["href"]] = (path, page.html["lang"], alternates)
    for url, (path, lang, alternates) in canonical.items():
        assert url.startswith("https://example.org/"), path
        assert alternates[lang] == url, path
        for tag, other in alternates.items():
            assert other in canonical, f"{path}: hreflang {tag} -> {other}"
            other_path, other_lang, back = canonical[other]
            assert other_lang == tag, f"{path} -> {other_path}"
            assert back.get(lang) == url, f"{path} -> {other_path} does not link back"
