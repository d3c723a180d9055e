"""`make publish` resolves every `{static}` and `{attach}` link, as a preview build does.

Plugins read an article's summary while they build their context (the digest lists the
news, the events plugin prints its texts), before Pelican has listed the static files:
that early HTML keeps its file links as written. A preview build renders each page again
with a site URL of its own, but a published one (absolute URLs) used to get the early HTML
back, and wrote `href={static}/downloads/flyer.pdf` into the live site.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import Build, build_site
from PIL import Image

SITE = "https://fair.example.org"

FAIR = """\
Title: Summer fair
Date: 2024-05-01

Download [the flyer]({static}/downloads/flyer.pdf), [the map]({static}/extra/map.pdf)
and [the programme]({attach}files/programme.pdf).

![The stalls]({static}/images/stalls.gif) [The route]({static}/images/route.svg)
"""

OPEN_DAY = """\
Title: Open day
Date: 2024-05-02
event-start: 2026-06-13 10:00
event-end: 2026-06-13 16:00

Bring [the form]({static}/downloads/form.pdf).
"""

FILES = (".pdf", ".gif", ".svg")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10"/></svg>'


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A published site whose article and event link files of every kind but photos."""
    work = tmp_path_factory.mktemp("publish-links")
    content = work / "content"
    files = {
        "articles/fair.md": FAIR,
        "events/open-day.md": OPEN_DAY,
        "downloads/flyer.pdf": "%PDF-1.4 flyer",
        "downloads/form.pdf": "%PDF-1.4 form",
        "extra/map.pdf": "%PDF-1.4 map",  # extra/ is in STATIC_PATHS
        "articles/files/programme.pdf": "%PDF-1.4 programme",
        "images/route.svg": SVG,
    }
    for relative, text in files.items():
        (content / relative).parent.mkdir(parents=True, exist_ok=True)
        (content / relative).write_text(text, encoding="utf-8")
    Image.new("P", (4, 4)).save(content / "images" / "stalls.gif")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", SITE)
        return build_site(
            content,
            work / "output",
            conf="publishconf.py",
            EVENTS_NOW="2026-06-01 12:00",
            PUBLISH_PAGEFIND=False,
            PUBLISH_PRECOMPRESS=False,
        )


def file_links(build: Build, page: str) -> dict[str, str]:
    """The page's links to files: link text (or alt text) -> href."""
    main = BeautifulSoup(build.read(page), "html5lib").find("main")
    assert main is not None, page
    links = {a.get_text(): a["href"] for a in main.select("a[href]")}
    links |= {img["alt"]: img["src"] for img in main.select("img[src]")}
    return {k: v for k, v in links.items() if PurePosixPath(urlsplit(v).path).suffix in FILES}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("news/summer-fair/index.html", {
            "the flyer": "downloads/flyer.pdf",
            "the map": "extra/map.pdf",
            # {attach}: the file moves beside the article that links it
            "the programme": "news/summer-fair/files/programme.pdf",
            "The stalls": "images/stalls.gif",
            "The route": "images/route.svg",
        }),
        ("events/open-day/index.html", {"the form": "downloads/form.pdf"}),
    ],
)  # fmt: skip
def test_file_links_point_at_the_published_files(
    site: Build, page: str, expected: dict[str, str]
) -> None:
    links = file_links(site, page)
    assert links == {text: f"{SITE}/{path}" for text, path in expected.items()}
    for href in links.values():
        assert (site.output / urlsplit(href).path.lstrip("/")).is_file(), href


def test_no_link_is_left_as_written(site: Build) -> None:
    assert site.problems(logging.ERROR) == []
    written = [
        path.relative_to(site.output).as_posix()
        for path in sorted(site.output.rglob("*"))
        if path.suffix in (".html", ".xml")
        and any(mark in path.read_text(encoding="utf-8") for mark in ("{static}", "{attach}"))
    ]
    assert written == []  # pages, and the feeds, which render the article too
    assert not (site.output / "articles").exists()  # the programme was moved, not copied


def test_a_preview_build_links_the_same_files(site: Build, tmp_path: Path) -> None:
    preview = build_site(
        site.output.parent / "content", tmp_path / "output", EVENTS_NOW="2026-06-01 12:00"
    )
    links = file_links(preview, "news/summer-fair/index.html")
    published = file_links(site, "news/summer-fair/index.html")
    assert {text: href.replace("../../", f"{SITE}/") for text, href in links.items()} == published


def test_no_false_alarm_about_files_that_are_there(site: Build) -> None:
    """The digest and the events read summaries before Pelican lists the static files;
    Pelican's 'Unable to find' for links that work in the built page is not said."""
    said = "\n".join(r.getMessage() for r in site.records)
    assert "Unable to find" not in said


def test_an_old_page_in_another_encoding_is_published_as_it_is(tmp_path: Path) -> None:
    """A community's old page saved in GBK, kept in extra/: the publish steps read every
    HTML file as UTF-8 and stopped with a traceback. It is published untouched."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "articles" / "a.md").write_text("Title: A\nDate: 2024-05-01\n\nText.\n")
    old = "<html><body><p>社区旧网页</p></body></html>".encode("gbk")
    (content / "extra").mkdir()
    (content / "extra" / "old.html").write_bytes(old)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITEURL", SITE)
        built = build_site(content, tmp_path / "output", conf="publishconf.py",
                           PUBLISH_PAGEFIND=False, PUBLISH_PRECOMPRESS=False)  # fmt: skip
    assert built.problems(logging.ERROR) == []
    assert (tmp_path / "output" / "extra" / "old.html").read_bytes() == old
    warned = "\n".join(built.problems(logging.WARNING))
    assert "extra/old.html is not UTF-8 text: published as it is" in warned
