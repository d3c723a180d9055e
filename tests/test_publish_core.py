"""The publish plugin's pure core: URLs, sitemap, robots.txt, links, inline code, files."""

from __future__ import annotations

import datetime as dt
import gzip
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import brotli
import html5lib
import pytest
from publish.compress import compress_bytes, precompress
from publish.glue import _published
from publish.markup import add_noopener, find_inline_code, is_external, is_noindex, scan_start_tag
from publish.minify import (
    escape_bare_ampersands,
    escape_bare_ampersands_in_html,
    minify_css,
    minify_html_text,
    minify_js,
)
from publish.sitemap import SitemapEntry, is_excluded, page_url, to_robots, to_sitemap

SITE = "https://qingquanshan.example.org"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize(
    ("relative", "expected"),
    [
        ("index.html", f"{SITE}/"),
        ("news/youth-home/index.html", f"{SITE}/news/youth-home/"),
        ("en/index.html", f"{SITE}/en/"),
        ("404.html", f"{SITE}/404.html"),  # a file that is not a folder's index keeps its name
        ("en\\about\\index.html", f"{SITE}/en/about/"),  # Windows separators
        ("myindex.html", f"{SITE}/myindex.html"),  # only a whole "index.html" is dropped
    ],
)
def test_page_url(relative: str, expected: str) -> None:
    assert page_url(relative, SITE) == expected
    assert page_url(relative, SITE + "/") == expected


def test_page_url_below_a_project_path() -> None:
    assert page_url("news/x/index.html", "https://org.github.io/press") == (
        "https://org.github.io/press/news/x/"
    )


@pytest.mark.parametrize(
    ("relative", "excluded"),
    [
        ("drafts/note/index.html", True),
        ("drafts/en/note/index.html", True),  # "*" crosses folders, like the drafts' lang
        ("en/search/index.html", True),
        ("search/index.html", True),
        ("404.html", True),
        ("en/404.html", True),
        ("news/search/index.html", True),  # an article slugged "search" would hide: documented
        ("news/x/index.html", False),
        ("searching/index.html", False),
    ],
)
def test_is_excluded(relative: str, excluded: bool) -> None:
    patterns = ["404.html", "*/404.html", "drafts/*", "search/index.html", "*/search/index.html"]
    assert is_excluded(relative, patterns) is excluded


def test_sitemap_is_valid_xml_with_escaped_urls_and_dates() -> None:
    shanghai = dt.timezone(dt.timedelta(hours=8))
    xml = to_sitemap(
        [
            SitemapEntry(f"{SITE}/"),
            SitemapEntry(f"{SITE}/tag/a&b/", dt.datetime(2024, 6, 19, 15, 0, tzinfo=shanghai)),
            SitemapEntry(f"{SITE}/x/", dt.datetime(2024, 6, 19, 15, 0)),  # naive: date only
        ]
    )
    root = ET.fromstring(xml)
    assert root.tag == f"{SM}urlset"
    urls = root.findall(f"{SM}url")
    assert [u.findtext(f"{SM}loc") for u in urls] == [
        f"{SITE}/",
        f"{SITE}/tag/a&b/",
        f"{SITE}/x/",
    ]
    assert [u.findtext(f"{SM}lastmod") for u in urls] == [
        None,
        "2024-06-19T15:00:00+08:00",
        "2024-06-19",
    ]


def test_a_date_still_to_come_is_no_last_change() -> None:
    """An event without a Date is dated by its start: its sitemap lastmod said 2027 (a
    date in the future, which the sitemap protocol does not allow)."""
    shanghai = dt.timezone(dt.timedelta(hours=8))
    now = dt.datetime.now(shanghai)
    soon = SimpleNamespace(relative_source_path="events/fair.md", date=now + dt.timedelta(days=30))
    past = SimpleNamespace(relative_source_path="articles/a.md", date=now - dt.timedelta(days=1))
    edited = SimpleNamespace(
        relative_source_path="events/old.md",
        date=now + dt.timedelta(days=30),
        modified=now - dt.timedelta(hours=2),
    )
    naive = SimpleNamespace(relative_source_path="b.md", date=dt.datetime(2999, 1, 1))
    assert _published(soon).lastmod is None
    assert _published(past).lastmod == past.date
    assert _published(edited).lastmod == edited.modified
    assert _published(naive).lastmod is None


@pytest.mark.parametrize(
    ("disallow", "site_path", "expected_lines"),
    [
        (["drafts/"], "", ["User-agent: *", "Disallow: /drafts/"]),
        (["drafts/"], "/press", ["User-agent: *", "Disallow: /press/drafts/"]),
        ([], "", ["User-agent: *", "Disallow:"]),  # an empty Disallow allows everything
    ],
)
def test_robots(disallow: list[str], site_path: str, expected_lines: list[str]) -> None:
    text = to_robots(f"{SITE}/sitemap.xml", disallow, site_path)
    lines = text.splitlines()
    assert lines[: len(expected_lines)] == expected_lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


@pytest.mark.parametrize(
    ("href", "external"),
    [
        ("https://channels.weixin.qq.com/x", True),
        ("http://example.com", True),
        ("//example.com/a", True),  # protocol-relative
        ("HTTPS://QINGQUANSHAN.EXAMPLE.ORG/news/", False),  # our own host, any case
        ("/about/", False),
        ("../news/", False),
        ("#top", False),
        ("mailto:volunteer@example.org", False),
        ("tel:+867340000000", False),
    ],
)
def test_is_external(href: str, external: bool) -> None:
    assert is_external(href, "qingquanshan.example.org") is external


def test_add_noopener_touches_only_external_links() -> None:
    html = (
        '<p>See <a href="https://channels.weixin.qq.com/" class="x">视频号</a>,\n'
        '<a href="/about/">about</a>, <a rel="external" href="//other.org/a?b=1&amp;c=2">o</a>,'
        ' <a href="https://other.org/" rel="noopener">done</a> and <area href="http://m.org/">'
        '\r\n<a href="https://qingquanshan.example.org/x/">ours</a>.</p>'
    )
    out = add_noopener(html, "qingquanshan.example.org")
    doc = html5lib.parse(out, namespaceHTMLElements=False)
    rels = {a.get("href"): a.get("rel") for a in doc.iter() if a.tag in ("a", "area")}
    assert rels == {
        "https://channels.weixin.qq.com/": "noopener",
        "/about/": None,
        "//other.org/a?b=1&c=2": "external noopener",
        "https://other.org/": "noopener",
        "http://m.org/": "noopener",
        "https://qingquanshan.example.org/x/": None,
    }
    # Everything but the changed tags stays byte for byte the same.
    undone = out.replace("external noopener", "external").replace(' rel="noopener"', "")
    assert undone == html.replace(' rel="noopener"', "")


def test_add_noopener_keeps_other_attributes_as_written() -> None:
    # HTMLParser reads "&reg=2" in an attribute as "®=2"; a browser keeps the text.
    html = (
        "<a href='https://x.org/?a=1&reg=2&amp;b' title=R&amp;D>x</a>"
        '<a href=https://y.org/ rel=external>y</a><a href="https://z.org/"rel="">z</a>'
    )
    out = add_noopener(html, "qingquanshan.example.org")
    assert out == (
        "<a href='https://x.org/?a=1&reg=2&amp;b' title=R&amp;D rel=\"noopener\">x</a>"
        '<a href=https://y.org/ rel="external noopener">y</a>'
        '<a href="https://z.org/"rel="noopener">z</a>'
    )
    doc = html5lib.parse(out, namespaceHTMLElements=False)
    assert doc.find(".//a").get("href") == "https://x.org/?a=1&reg=2&b"


def test_scan_start_tag_reads_attributes_as_written() -> None:
    html = "<p>x</p><IMG SRC=\"a&amp;b.png\" alt='' hidden\tdata-x=1/>rest"
    name, attributes, end = scan_start_tag(html, 8)
    assert name == "img" and html[end:] == "rest"
    values = [
        (a.name, html[a.value_start : a.value_end] if a.value_start >= 0 else None)
        for a in attributes
    ]
    assert values == [("src", "a&amp;b.png"), ("alt", ""), ("hidden", None), ("data-x", "1/")]


def test_add_noopener_leaves_text_without_links_alone() -> None:
    text = "<p>清泉山社区 &amp; 青年之家</p>\n<pre>  a\n  b</pre>"
    assert add_noopener(text, "qingquanshan.example.org") == text


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<p style="color:red">x</p>', "style="),
        ("<style>p{}</style>", "<style>"),
        ("<script>alert(1)</script>", "inline <script>"),
        ('<script type="module">import "x"</script>', "inline <script>"),
        ('<button onclick="go()">x</button>', "onclick="),
        ('<a href="javascript:void(0)">x</a>', "javascript:"),
    ],
)
def test_find_inline_code_reports_what_a_strict_policy_blocks(html: str, problem: str) -> None:
    found = find_inline_code(f"<body>\n{html}\n</body>")
    assert len(found) == 1
    assert problem in found[0]
    assert found[0].startswith("line 2:")


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/theme/js/site.js" defer></script>',
        '<script type="application/ld+json">{"@type": "Event"}</script>',
        "<script></script>",  # empty: nothing to run
        '<p class="style">on the onion</p>',  # words, not attributes
        '<link rel="stylesheet" href="/theme/css/site.css">',
    ],
)
def test_find_inline_code_allows_what_the_policy_allows(html: str) -> None:
    assert find_inline_code(html) == []


@pytest.mark.parametrize(
    ("head", "noindex"),
    [
        ('<meta name="robots" content="noindex">', True),
        ('<meta name="ROBOTS" content="noindex, follow">', True),
        ('<meta name="robots" content="none">', True),
        ('<meta name="robots" content="index,follow">', False),
        ('<meta name="description" content="noindex">', False),
        ("", False),
    ],
)
def test_is_noindex(head: str, noindex: bool) -> None:
    assert is_noindex(f"<html><head>{head}</head><body><p>noindex</p></body></html>") is noindex


def test_minify_html_keeps_meaning() -> None:
    html = (
        '<!DOCTYPE html>\n<html lang="zh-Hans">\n<head>\n  <meta charset="utf-8">\n'
        "  <title> 清泉山社区 </title>\n</head>\n<body>\n  <p>  a   b  </p>\n"
        "  <pre>  keep\n    this</pre>\n"
        '  <script type="application/ld+json">{"name": "青年之家"}</script>\n</body>\n</html>\n'
    )
    out = minify_html_text(html)
    assert len(out) < len(html)
    assert out.lower().startswith("<!doctype html>")
    doc = html5lib.parse(out, namespaceHTMLElements=False)
    assert doc.get("lang") == "zh-Hans"
    assert doc.find(".//pre").text == "  keep\n    this"
    assert '{"name": "青年之家"}' in out


def parsed(html: str) -> tuple[list[tuple[str, dict[str, str], str]], list[object]]:
    """What a document means to the HTML parsing algorithm (html5lib): each element's name,
    attributes and own text (white space collapsed, as minifying does), and the parse errors."""
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    tree = parser.parse(html)
    meaning = [(e.tag, dict(e.attrib), " ".join((e.text or "").split())) for e in tree.iter()]
    return meaning, parser.errors


AMPERSANDS = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n  <title>Tom &amp; Jerry</title>\n'
    '  <script type="application/ld+json">{"url": "https://x.example/?a=1&b=2"}</script>\n'
    "</head>\n<body>\n"
    '  <a href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Open'
    '+day&amp;dates=20261212%2F20261213">Google</a>\n'
    '  <a href="?a=1&amp;copy=2&amp;not=3&amp;lang=en" title="R&amp;D &amp;amp; more">x</a>\n'
    "  <p>AT&amp;T &amp;copy &copy; 2024 &#169; &#xA9; &amp;#169; &lt;b&gt; &amp;</p>\n"
    "  <textarea>a &amp;b</textarea>\n</body>\n</html>\n"
)


def test_minify_html_keeps_ampersands_escaped_and_the_meaning() -> None:
    out = minify_html_text(AMPERSANDS)
    assert len(out) < len(AMPERSANDS)
    tree, errors = parsed(out)
    assert errors == []
    assert tree == parsed(AMPERSANDS)[0]
    assert "?action=TEMPLATE&amp;text=Open+day&amp;dates=" in out
    assert '{"url": "https://x.example/?a=1&b=2"}' in out  # raw text stays raw


@pytest.mark.parametrize(
    ("text", "in_attribute", "expected"),
    [
        ("?a=1&text=2&b", True, "?a=1&amp;text=2&amp;b"),  # no such names: plain "&"
        ("AT&T & R&D", False, "AT&amp;T &amp; R&amp;D"),
        ("&amp; &lt; &notin; &#169; &#xA9;", False, "&amp; &lt; &notin; &#169; &#xA9;"),
        ("&# &#x; &", False, "&amp;# &amp;#x; &amp;"),  # no digits: no reference
        # A legacy name without ";" is a reference in text ("©=2"), but in an attribute
        # followed by "=", a letter or a digit it is text ("?a=1&copy=2").
        ("&copy=2 &copy2 &copy 2", False, "&copy=2 &copy2 &copy 2"),
        ("?a=1&copy=2&not3&reg", True, "?a=1&amp;copy=2&amp;not3&reg"),
        ("&notit;", False, "&notit;"),  # the longest name is "not": "¬it;"
    ],
)
def test_escape_bare_ampersands(text: str, in_attribute: bool, expected: str) -> None:
    assert escape_bare_ampersands(text, in_attribute) == expected


def test_escape_bare_ampersands_in_html_touches_only_text_and_values() -> None:
    html = (
        "<p title=a&b data-x='&copy=1' hidden>A&B</p><script>if (a && b) {}</script>"
        "<STYLE>p{}/* & */</STYLE><!-- & --><svg><![CDATA[ & ]]></svg><p>3 < 4 & 5</p>"
    )
    out = escape_bare_ampersands_in_html(html)
    assert out == (
        "<p title=a&amp;b data-x='&amp;copy=1' hidden>A&amp;B</p><script>if (a && b) {}"
        "</script><STYLE>p{}/* & */</STYLE><!-- & --><svg><![CDATA[ & ]]></svg>"
        "<p>3 < 4 &amp; 5</p>"
    )
    assert parsed(out)[0] == parsed(html)[0]
    assert escape_bare_ampersands_in_html(out) == out


def test_minify_css_and_js() -> None:
    assert minify_css("a {  color : red ; }\n/* note */\n") == "a{color:red}"
    assert minify_js("function f ( a ) {\n  // note\n  return a + 1 ;\n}\n") == (
        "function f(a){return a+1;}"
    )


def test_compressed_copies_decompress_to_the_original(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(("<p>清泉山社区 Youth Home</p>\n" * 50).encode("utf-8"))
    gz, br = precompress(page)
    assert (gz.name, br.name) == ("index.html.gz", "index.html.br")
    assert gzip.decompress(gz.read_bytes()) == page.read_bytes()
    assert brotli.decompress(br.read_bytes()) == page.read_bytes()
    assert gz.stat().st_size < page.stat().st_size


def test_compression_is_reproducible() -> None:
    data = b"same bytes every build" * 10
    assert compress_bytes(data) == compress_bytes(data)


@pytest.mark.parametrize(
    ("csp", "hosts", "expected"),
    [
        # no hosts, or no policy: nothing to allow
        ("default-src 'self'", [], "default-src 'self'"),
        ("", ["player.bilibili.com"], ""),
        # a policy without frame-src gets one that keeps the site's own frames
        (
            "default-src 'self'; img-src 'self'",
            ["player.bilibili.com"],
            "default-src 'self'; img-src 'self'; frame-src 'self' https://player.bilibili.com",
        ),
        # an existing frame-src is extended, without repeating a source
        (
            "default-src 'self'; frame-src 'self' https://a.example",
            ["a.example", "b.example"],
            "default-src 'self'; frame-src 'self' https://a.example https://b.example",
        ),
    ],
)
def test_trusted_frame_hosts_join_the_policy(csp: str, hosts: list[str], expected: str) -> None:
    from publish.policy import allow_frames

    assert allow_frames(csp, hosts) == expected


@pytest.mark.parametrize(
    ("key", "lang", "expected"),
    [
        ("PAGE_URL", "zh", "PAGE_URL"),  # the default language keeps Pelican's own setting
        ("PAGE_URL", "en", "PAGE_LANG_URL"),
        ("GALLERY_PROJECTS_SAVE_AS", "en", "GALLERY_PROJECTS_LANG_SAVE_AS"),
    ],
)
def test_a_language_setting_is_named_as_pelican_names_it(
    key: str, lang: str, expected: str
) -> None:
    from community_press import lang_setting

    assert lang_setting(key, lang, "zh") == expected


@pytest.mark.parametrize(
    ("written", "url"),
    [("index.html", ""), ("news/x/index.html", "news/x/"),
     ("feeds/all.atom.xml", "feeds/all.atom.xml"),
     ("en\\news\\x\\index.html", "en/news/x/")],
)  # fmt: skip
def test_a_written_file_has_one_url(written: str, url: str) -> None:
    from community_press import url_of_file

    assert url_of_file(written) == url
