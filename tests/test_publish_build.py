"""`make publish` on a tiny bilingual site: feeds, sitemap, robots.txt, search index,
minified and precompressed files, the Content-Security-Policy and external links."""

from __future__ import annotations

import gzip
import json
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import brotli
import feedparser
import html5lib
import pytest
from bs4 import BeautifulSoup
from community_press import SettingsError
from conftest import FIXTURES, ROOT, Build, build_site, run_build
from publish.markup import find_inline_code

SITE = "https://press.example.net"
CONTENT = FIXTURES / "publish_basic" / "content"
# Events (their "Add to calendar" links) and content with "&" in URLs and text.
AMPERSANDS = FIXTURES / "publish_events" / "content"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TEXT = (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    work = tmp_path_factory.mktemp("publish")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", SITE + "/")
        yield build_site(CONTENT, work / "output", conf="publishconf.py")


def soup(build: Build, relative: str) -> BeautifulSoup:
    return BeautifulSoup(build.read(relative), "html5lib")


def test_builds_without_errors(site: Build) -> None:
    assert site.problems(logging.ERROR) == []
    assert any("Pagefind indexed" in m for m in site.problems(logging.INFO))


@pytest.mark.parametrize(
    ("feed", "links"),
    [
        ("feeds/all.atom.xml", ["news/fathers-day-live/", "news/youth-home-murals/",
                                "en/news/youth-home-murals/"]),
        ("feeds/all-zh.atom.xml", ["news/fathers-day-live/", "news/youth-home-murals/"]),
        ("feeds/all-en.atom.xml", ["en/news/youth-home-murals/"]),
        ("feeds/category/xin-wen.atom.xml", ["news/youth-home-murals/"]),
        ("feeds/category/huo-dong-hui-gu.atom.xml", ["news/fathers-day-live/"]),
    ],
)  # fmt: skip
def test_feeds_parse_and_list_their_articles(site: Build, feed: str, links: list[str]) -> None:
    parsed = feedparser.parse(site.read(feed))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert sorted(e.link for e in parsed.entries) == sorted(f"{SITE}/{link}" for link in links)
    assert all(e.get("published") and e.get("title") for e in parsed.entries)


def test_only_the_expected_feeds_exist(site: Build) -> None:
    feeds = sorted(p.relative_to(site.output).as_posix() for p in site.output.rglob("*.xml"))
    assert [f for f in feeds if f.startswith("feeds/")] == [
        "feeds/all-en.atom.xml",
        "feeds/all-zh.atom.xml",
        "feeds/all.atom.xml",
        "feeds/category/huo-dong-hui-gu.atom.xml",
        "feeds/category/xin-wen.atom.xml",
    ]


def sitemap(build: Build) -> dict[str, str | None]:
    """loc -> lastmod of every URL in sitemap.xml, in order."""
    root = ET.fromstring((build.output / "sitemap.xml").read_bytes())
    assert root.tag == f"{SM}urlset"
    return {u.findtext(f"{SM}loc") or "": u.findtext(f"{SM}lastmod") for u in root}


def test_sitemap_lists_every_page_and_only_pages(site: Build) -> None:
    root = ET.fromstring((site.output / "sitemap.xml").read_bytes())
    locs = [u.findtext(f"{SM}loc") for u in root]
    assert len(locs) == len(set(locs))
    html = {p.relative_to(site.output).as_posix() for p in site.output.rglob("*.html")}
    not_pages = {"404.html", "en/404.html", "search/index.html", "en/search/index.html",
                 "drafts/draft-note/index.html"}  # fmt: skip
    assert not_pages <= html  # they exist, and are left out on purpose
    html.discard("admin/index.html")  # the editor (plugins/cms), noindex, when installed
    expected = set()
    for relative in html - not_pages:
        folder = relative.removesuffix("index.html")
        expected.add(f"{SITE}/{folder}")
    assert set(locs) == expected
    assert f"{SITE}/news/youth-home-murals/" in locs
    assert f"{SITE}/en/news/youth-home-murals/" in locs
    assert f"{SITE}/en/about/" in locs


def test_sitemap_dates_articles(site: Build) -> None:
    dates = sitemap(site)
    assert dates[f"{SITE}/news/fathers-day-live/"] == "2024-06-19T15:00:00+08:00"
    assert dates[f"{SITE}/tag/"] is None


def test_robots_points_to_the_sitemap(site: Build) -> None:
    lines = site.read("robots.txt").splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /drafts/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_every_text_file_has_gz_and_br_copies_of_itself(site: Build) -> None:
    files = [p for p in site.output.rglob("*") if p.is_file() and p.suffix in TEXT]
    assert len(files) > 30
    for path in files:
        original = path.read_bytes()
        gz = path.with_name(path.name + ".gz")
        br = path.with_name(path.name + ".br")
        assert gzip.decompress(gz.read_bytes()) == original, gz
        assert brotli.decompress(br.read_bytes()) == original, br
    assert not list(site.output.rglob("*.gz.gz")) and not list(site.output.rglob("*.br.gz"))


def test_pages_are_minified_and_still_parse(site: Build) -> None:
    for path in site.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "\n  <" not in text, f"{path} is not minified"
        parser = html5lib.HTMLParser(namespaceHTMLElements=False)
        doc = parser.parse(text)
        assert doc.find("body") is not None and doc.get("lang") in ("zh-Hans", "en"), path
        assert doc.find(".//title").text, path
    css = (site.output / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert css.count("\n") < 5 and "/*" not in css.replace("/*!", "")


def test_every_page_carries_the_policy_and_passes_it(site: Build) -> None:
    from publishconf import PUBLISH_CSP

    assert "unsafe-inline" not in PUBLISH_CSP
    for path in site.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        meta = BeautifulSoup(text, "html5lib").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"}
        )
        assert find_inline_code(text) == [], path
        if path.relative_to(site.output).parts[0] == "admin":
            continue  # the editor has a policy of its own (plugins/cms/bundle.py)
        assert meta is not None and meta["content"] == PUBLISH_CSP, path


def test_external_links_in_content_get_noopener(site: Build) -> None:
    for page in ("news/youth-home-murals/index.html", "en/news/youth-home-murals/index.html"):
        links = {a["href"]: a.get("rel") for a in soup(site, page).select("main a[href]")}
        assert links["https://channels.weixin.qq.com/"] == ["noopener"]
    about = soup(site, "en/news/youth-home-murals/index.html").find("a", string="about us")
    assert about is not None and about.get("rel") is None


def test_search_index_has_one_index_per_language(site: Build) -> None:
    entry = json.loads((site.output / "pagefind" / "pagefind-entry.json").read_text())
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    # zh: two articles and the About page; en: one article and About. No lists, no drafts.
    assert counts == {"zh-hans": 3, "en": 2}
    assert (site.output / "pagefind" / "pagefind.js").is_file()


def parse_errors(html: str) -> list[str]:
    """What html5lib (the HTML parsing algorithm) reports on a document, as 'line:col: text'."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    parser.parse(html)
    return [
        f"{line}:{column}: {html5lib.constants.E.get(code, code) % (data or {})}"
        for (line, column), code, data in parser.errors
    ]


def test_published_pages_parse_without_errors(tmp_path: Path) -> None:
    # minify-html writes "&amp;" back as a bare "&" where a browser would not mistake it,
    # which the HTML parsing algorithm still reports; the minifier escapes it again.
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", SITE)
        build = build_site(AMPERSANDS, tmp_path / "output", conf="publishconf.py")
    assert build.problems(logging.ERROR) == []
    pages = sorted(build.output.rglob("*.html"))
    assert len(pages) > 20
    errors = {
        path.relative_to(build.output).as_posix(): found
        for path in pages
        if (found := parse_errors(path.read_text(encoding="utf-8")))
    }
    assert errors == {}
    # ... and every URL and text still says what the source said.
    event = soup(build, "en/events/open-day/index.html")
    hrefs = [a["href"] for a in event.select("a[href]")]
    assert "https://forms.example.org/signup?event=open-day&lang=en&copy=1&not=2" in hrefs
    google = [h for h in hrefs if h.startswith("https://calendar.google.com/")]
    assert len(google) == 1 and "&text=Open+day+%26+charity+sale&dates=" in google[0]
    assert "?action=TEMPLATE&amp;text=" in build.read("en/events/open-day/index.html")
    article = soup(build, "news/links/index.html").find("main")
    assert article is not None
    links = {a.get_text(): a["href"] for a in article.select("a[href]")}
    assert links["地图"] == "https://maps.example.org/?q=青年之家&z=16&lang=zh"
    assert links["HTML in Markdown"] == "https://example.org/?a=1&b=2&reg=3"
    assert "版权 © 2024，AT&T，©，R&D" in article.get_text()


def test_inline_styles_in_content_fail_the_build(tmp_path: Path) -> None:
    result = run_build(
        FIXTURES / "publish_inline" / "content",
        tmp_path / "output",
        conf="publishconf.py",
        env={"SITEURL": SITE},
    )
    assert result.returncode != 0
    log = " ".join((result.stdout + result.stderr).split())
    # The preview's rule book (plugins/rulebook) refuses it first; publish's own CSP
    # check names the page and its source the same way for inline code in templates.
    assert "articles/red-notice.md" in log
    assert "style=" in log
    assert not (tmp_path / "output").exists()  # the safe build kept nothing


def test_bad_settings_are_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        build_site(
            CONTENT,
            tmp_path / "output",
            conf="publishconf.py",
            PUBLISH_BROTLI_QUALITY=12,
            PUBLISH_EXCLUDE="drafts/*",
            PUBLISH_PAGEFIND_BUNDLE="../up",
        )
    assert caught.value.plugin == "publish"
    assert caught.value.problems == [  # every one, at start-up
        "setting 'PUBLISH_EXCLUDE' = 'drafts/*': use a list of strings",
        "setting 'PUBLISH_BROTLI_QUALITY' = 12: must be a whole number from 0 to 11",
        "setting 'PUBLISH_PAGEFIND_BUNDLE' = '../up': use a folder below the site root,"
        " like 'pagefind'",
    ]
    # No step ran on the wrong settings: the build stopped before writing anything.
    assert not (tmp_path / "output").exists()


def test_preview_builds_publish_nothing_extra(tmp_path: Path) -> None:
    build = build_site(CONTENT, tmp_path / "output")
    out = build.output
    assert not (out / "sitemap.xml").exists() and not (out / "pagefind").exists()
    assert not list(out.rglob("*.gz")) and not (out / "feeds").exists()
    assert "Content-Security-Policy" not in build.read("index.html")
    assert ROOT.joinpath("publishconf.py").is_file()


def test_a_trusted_video_frame_publishes_with_the_policy_allowing_it(tmp_path: Path) -> None:
    """The rule book accepts a frame from TRUSTED_FRAME_HOSTS; the published page's CSP
    must then let the browser show it (frame-src), or readers see an empty box."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "video.md").write_text(
        "Title: 宣传片\nDate: 2024-06-19 15:00\n\n"
        '<iframe src="https://player.bilibili.com/player.html?bvid=BV1xx" '
        'title="宣传片"></iframe>\n',
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", SITE)
        build = build_site(
            content,
            tmp_path / "output",
            conf="publishconf.py",
            TRUSTED_FRAME_HOSTS=["player.bilibili.com"],
            PUBLISH_PAGEFIND=False,
            PUBLISH_PRECOMPRESS=False,
        )
    assert build.problems(logging.ERROR) == []
    page = soup(build, "news/xuan-chuan-pian/index.html")
    assert page.find("iframe")["src"].startswith("https://player.bilibili.com/")
    policy = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    frame_src = next(d.split() for d in policy.split(";") if d.split()[:1] == ["frame-src"])
    assert "https://player.bilibili.com" in frame_src
