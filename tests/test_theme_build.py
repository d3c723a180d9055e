"""The theme on a tiny bilingual site: languages, the switch, metadata, assets, markup."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, Build, build_site
from jinja2 import StrictUndefined

CONTENT = FIXTURES / "theme_basic" / "content"
# Only our plugin: these tests are about the theme, not the events or gallery pages.
# StrictUndefined: a misspelt variable in a template fails instead of printing nothing.
ONLY_THEME = {
    "PLUGINS": ["identity", "translations", "listings", "theme_helpers"],
    "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "undefined": StrictUndefined},
}
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(CONTENT, tmp_path_factory.mktemp("theme") / "output", **ONLY_THEME)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_site(
        CONTENT,
        tmp_path_factory.mktemp("theme_pub") / "output",
        SITEURL="https://example.org",
        RELATIVE_URLS=False,
        **ONLY_THEME,
    )


def soup(build: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(path), "html5lib")


def html_files(build: Build) -> list[str]:
    return sorted(str(p.relative_to(build.output)) for p in build.output.rglob("*.html"))


def resolve(build: Build, page: str, href: str) -> Path:
    """The file a link on `page` leads to (as http.server would serve it)."""
    path = href.split("?", maxsplit=1)[0].split("#", maxsplit=1)[0]
    base = build.output if path.startswith("/") else (build.output / page).parent
    target = Path(os.path.normpath(base / path.lstrip("/")))
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_builds_without_problems(site: Build) -> None:
    assert site.problems() == []


def test_every_language_has_its_pages(site: Build) -> None:
    files = set(html_files(site))
    for prefix in ("", "en/"):
        for page in ("index.html", "news/index.html", "search/index.html", "404.html"):
            assert prefix + page in files
    # English archives, categories and tags of English articles only
    assert {"en/archives/index.html", "en/category/news/index.html", "en/tag/index.html"} <= files
    assert "en/tag/youth-home/index.html" in files


def test_html_lang_matches_the_page(site: Build) -> None:
    for path in html_files(site):
        expected = "en" if path.startswith("en/") else "zh-Hans"
        assert soup(site, path).html["lang"] == expected, path


def test_interface_strings_follow_the_page_language(site: Build) -> None:
    zh, en = soup(site, "index.html"), soup(site, "en/index.html")
    assert zh.select_one(".skip-link").get_text() == "跳到正文"
    assert en.select_one(".skip-link").get_text() == "Skip to main content"
    assert [a.get_text() for a in zh.select(".site-nav a")][:3] == ["新闻", "活动", "项目"]
    assert [a.get_text() for a in en.select(".site-nav a")][:3] == ["News", "Events", "Projects"]
    # category names are translated in the Chinese interface
    assert soup(site, "category/news/index.html").h1.get_text() == "新闻"


def interface_text(page: BeautifulSoup) -> str:
    for switch in page.select(".lang-switch"):
        switch.decompose()
    parts = page.select("header, footer.site-footer, .crumbs li:first-child, title")
    return " ".join(p.get_text(" ") for p in parts)


def test_no_interface_string_leaks_into_the_other_language(site: Build) -> None:
    for path in html_files(site):
        text = interface_text(soup(site, path))
        if path.startswith("en/"):
            assert not CJK.search(text), f"{path}: Chinese in the English interface: {text}"
        else:
            words = re.findall(r"\b[A-Za-z]{3,}\b", text)
            assert words == [], f"{path}: English in the Chinese interface: {words}"


def switch_links(page: BeautifulSoup) -> dict[str, str]:
    return {a["hreflang"]: a["href"] for a in page.select(".lang-switch a")}


@pytest.mark.parametrize(
    ("page", "lang", "target"),
    [
        ("news/hello/index.html", "en", "en/news/hello/index.html"),  # the translation
        ("en/news/hello/index.html", "zh-Hans", "news/hello/index.html"),
        ("news/only-zh/index.html", "en", "en/index.html"),  # none: the English home
        ("about/index.html", "en", "en/about/index.html"),
        ("index.html", "en", "en/index.html"),
        ("en/index.html", "zh-Hans", "index.html"),
        ("news/index.html", "en", "en/news/index.html"),
        ("category/news/index.html", "en", "en/category/news/index.html"),
        ("tag/qing-nian-zhi-jia/index.html", "en", "en/tag/index.html"),  # tags differ
        ("en/archives/index.html", "zh-Hans", "archives/index.html"),
        ("404.html", "en", "en/index.html"),
    ],
)
def test_language_switch(site: Build, page: str, lang: str, target: str) -> None:
    href = switch_links(soup(site, page))[lang]
    assert resolve(site, page, href) == site.output / target


def test_every_language_switch_link_resolves(site: Build) -> None:
    for path in html_files(site):
        for href in switch_links(soup(site, path)).values():
            assert resolve(site, path, href).exists(), f"{path}: {href}"


def test_dates_read_in_the_page_language(site: Build) -> None:
    assert soup(site, "news/hello/index.html").select_one(".meta time").get_text() == (
        "2024年6月19日 星期三"
    )
    assert soup(site, "en/news/hello/index.html").select_one(".meta time").get_text() == (
        "Wednesday 19 June 2024"
    )


def test_preview_has_no_relative_canonical_or_hreflang(site: Build) -> None:
    # Relative canonical/hreflang URLs are invalid (and cost Lighthouse SEO points).
    page = soup(site, "news/hello/index.html")
    assert page.select('link[rel="canonical"], link[hreflang]') == []


def test_published_pages_have_canonical_and_hreflang(published: Build) -> None:
    page = soup(published, "news/hello/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://example.org/news/hello/"
    alternates = {a["hreflang"]: a["href"] for a in page.select('link[rel="alternate"][hreflang]')}
    assert alternates == {
        "zh-Hans": "https://example.org/news/hello/",
        "en": "https://example.org/en/news/hello/",
    }
    assert page.select_one('meta[property="og:url"]')["content"] == alternates["zh-Hans"]
    assert page.select_one('meta[property="og:image"]')["content"].startswith("https://")
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    # an untranslated page has no hreflang alternate, only its own
    only = soup(published, "news/only-zh/index.html")
    assert [a["hreflang"] for a in only.select("link[hreflang]")] == ["zh-Hans"]


def test_404_links_are_root_absolute(site: Build) -> None:
    page = soup(site, "404.html")
    assert page.select_one('link[rel="stylesheet"]')["href"].startswith("/theme/css/site.css?v=")
    assert all(a["href"].startswith("/") for a in page.select("a[href]") if a["href"][0] != "#")


def test_assets_are_cache_busted_with_their_hash(site: Build) -> None:
    href = soup(site, "index.html").select_one('link[rel="stylesheet"]')["href"]
    digest = hashlib.sha256((ROOT / "theme/static/css/site.css").read_bytes()).hexdigest()
    assert href == f"./theme/css/site.css?v={digest[:10]}"
    icons = soup(site, "index.html").select('link[rel="icon"], link[rel="apple-touch-icon"]')
    for icon in icons:
        assert re.search(r"\?v=[0-9a-f]{10}$", icon["href"]), icon
        assert resolve(site, "index.html", icon["href"]).exists()


def test_markup_basics_on_every_page(site: Build) -> None:
    for path in html_files(site):
        page = soup(site, path)
        assert len(page.find_all("h1")) == 1, path
        assert page.select_one("main#main"), path
        assert page.select_one('a.skip-link[href="#main"]'), path
        assert page.select_one('meta[name="description"]')["content"].strip(), path
        assert page.select_one('meta[name="viewport"]'), path
        assert page.select_one("nav.site-nav[aria-label]"), path
        assert page.find(style=True) is None, f"{path}: style attribute (CSP)"
        assert page.find("style") is None, f"{path}: <style> (CSP)"
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", path
        for img in page.find_all("img"):
            assert img.has_attr("alt"), f"{path}: {img}"


def test_no_external_requests_in_theme_files() -> None:
    for path in (ROOT / "theme").rglob("*"):
        if path.suffix in {".css", ".js", ".html", ".svg"}:
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(src|href|url)\(?=?[\"']?(https?:)?//", text), path
            assert "@import" not in text, path


def test_stylesheet_and_script_stay_small() -> None:
    assert (ROOT / "theme/static/css/site.css").stat().st_size < 24_000
    assert (ROOT / "theme/static/js/site.js").stat().st_size < 3_000


def test_a_broken_catalogue_fails_every_build(tmp_path: Path) -> None:
    translations = tmp_path / "translations"
    for lang in ("zh", "en"):
        po = translations / lang / "LC_MESSAGES" / "messages.po"
        po.parent.mkdir(parents=True)
        po.write_text('msgid "News"\nmsgstr "新闻"\n', encoding="utf-8")
    broken = translations / "zh" / "LC_MESSAGES" / "messages.po"
    broken.write_text('msgid "News"\nmsgstr "新闻"\nmsgid "Menu"\n', encoding="utf-8")
    for run in ("first", "second"):  # the compiled catalogues are cached between builds
        build = build_site(
            CONTENT, tmp_path / run / "output", I18N_UI_TRANSLATIONS_PATH=str(translations),
            **ONLY_THEME,
        )  # fmt: skip
        errors = build.problems(logging.ERROR)
        assert len(errors) == 1, errors
        assert str(broken) in errors[0]
        assert "Menu" in errors[0]
