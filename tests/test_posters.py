"""Real builds of event posters (plugins/posters): where they are, what they print, in which
language; parsed HTML and the QR code read back from the inline SVG, never whole files.

The fixture (tests/fixtures/posters_basic) is built as of 10 June 2024, 12:00 in Shanghai:
- summer-fair: 22 June 09:00-12:00, zh + en, with place, cost and organiser;
- choir: 18 June, cancelled with a reason (zh only);
- tai-chi: Tuesdays and Saturdays 07:00 from 1 June to 31 August (a series);
- long-title: English only, a title, place and summary far too long for one sheet;
- plan: a draft; news-item: an article that is no event.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from community_press import SettingsError
from conftest import FIXTURES, Build, build_site
from jinja2 import StrictUndefined
from poster_helpers import decode_svg, resolve
from posters.settings import DEFAULTS, poster_paths

CONTENT = FIXTURES / "posters_basic" / "content"
SITEURL = "https://example.org/community"
SETTINGS = {
    "EVENTS_NOW": "2024-06-10 12:00",
    "EVENTS_HORIZON_MONTHS": 3,
    "SITEURL": SITEURL,
    "SITENAME": "示例社区",
    "I18N_UI_SITENAME": {"en": "Example Community"},
    "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True,
                          "undefined": StrictUndefined, "extensions": []},
}  # fmt: skip
POSTERS = {
    "events/summer-fair/": "zh",
    "en/events/summer-fair/": "en",
    "events/choir/": "zh",
    "events/tai-chi/": "zh",
    "en/events/long-title/": "en",
}


def _build(tmp_path: Path, **overrides: object) -> Build:
    build = build_site(CONTENT, tmp_path / "output", **{**SETTINGS, **overrides})
    # Interface strings other work has not translated yet are not this test's business.
    problems = [p for p in build.problems() if "interface string(s) not translated" not in p]
    assert problems == []
    return build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return _build(tmp_path_factory.mktemp("posters"))


def html(site: Build, path: str) -> BeautifulSoup:
    return BeautifulSoup(site.read(path), "html5lib")


def poster(site: Build, event: str) -> BeautifulSoup:
    return html(site, event + "poster/index.html")


def text(node: object) -> str:
    return " ".join(node.get_text(" ").split())  # type: ignore[attr-defined]


def facts(page: BeautifulSoup) -> dict[str, str]:
    """A poster's facts: the text of each <dd> under its <dt>."""
    found = {}
    for dt in page.select(".poster-facts dt"):
        found[text(dt)] = text(dt.find_next_sibling("dd"))
    return found


def test_every_event_and_no_other_page_has_a_poster(site: Build) -> None:
    written = {
        p.parent.parent.relative_to(site.output).as_posix() + "/"
        for p in site.output.rglob("poster/index.html")
    }
    assert written == set(POSTERS)


@pytest.mark.parametrize("event", POSTERS)
def test_the_event_page_links_to_its_poster(site: Build, event: str) -> None:
    page = event + "index.html"
    link = html(site, page).select_one(".event-poster a")
    assert link is not None
    assert resolve(page, link["href"]) == event + "poster/"
    words = {"zh": "打印海报", "en": "Print a poster"}[POSTERS[event]]
    assert text(link) == words


@pytest.mark.parametrize("event", POSTERS)
def test_a_poster_is_in_its_event_language(site: Build, event: str) -> None:
    page = poster(site, event)
    lang = POSTERS[event]
    assert page.html["lang"] == {"zh": "zh-Hans", "en": "en"}[lang]
    title = {"zh": "海报：", "en": "Poster: "}[lang] + text(page.h1)
    assert page.title is not None and text(page.title).startswith(title)
    back = page.select_one(".poster-bar a")
    assert resolve(event + "poster/index.html", back["href"]) == event


def test_a_poster_prints_what_the_event_page_says(site: Build) -> None:
    event = html(site, "en/events/summer-fair/index.html")
    page = poster(site, "en/events/summer-fair/")
    when = event.select_one(".event-facts time")
    assert text(page.select_one("h1")) == "Summer neighbours' market"
    assert facts(page) == {
        "When": text(when),
        "Where": "Community square",
        "Cost": "Free",
        "Organised by": "Residents' committee",
    }
    assert page.select_one(".poster-when time")["datetime"] == when["datetime"]
    assert text(when).startswith("Saturday 22 June 2024")  # Babel's words, not digits
    assert text(page.select_one(".poster-summary")).startswith("Second-hand finds")
    assert text(page.select_one(".poster-site")) == "Example Community"
    mark = page.select_one("img.poster-mark")
    assert resolve("en/events/summer-fair/poster/", mark["src"]) == "theme/img/favicon.svg"
    assert mark["alt"] == ""  # the site's name is printed beside it
    assert page.select(".poster-status") == []


def test_the_chinese_poster_is_in_chinese(site: Build) -> None:
    page = poster(site, "events/summer-fair/")
    assert facts(page) == {
        "时间": text(html(site, "events/summer-fair/index.html").select_one(".event-facts time")),
        "地点": "社区广场",
        "费用": "免费",
        "主办方": "社区居委会",
    }
    assert "2024年6月22日" in text(page.select_one(".poster-when"))
    assert text(page.select_one(".poster-site")) == "示例社区"
    assert "用手机扫码" in text(page.select_one(".poster-scan"))


@pytest.mark.parametrize("event", POSTERS)
def test_the_qr_code_opens_the_event_page(site: Build, event: str) -> None:
    page = poster(site, event)
    qr = page.select_one(".poster-qr")
    assert decode_svg(str(qr.svg)) == [f"{SITEURL}/{event}"]
    assert qr["role"] == "img" and f"{SITEURL}/{event}" in qr["aria-label"]
    assert text(page.select_one(".poster-address")) == f"example.org/community/{event}".rstrip("/")


def test_a_cancelled_event_says_so_large(site: Build) -> None:
    page = poster(site, "events/choir/")
    status = page.select_one(".poster-status")
    assert "poster-status--off" in status["class"]
    assert text(status.strong) == "已取消"
    assert "活动室维修" in text(status)
    assert "poster--cancelled" in page.select_one("main")["class"]


def test_a_series_prints_its_next_dates(site: Build) -> None:
    page = poster(site, "events/tai-chi/")
    dates = [text(t) for t in page.select(".poster-dates time")]
    shown = [
        text(t) for t in html(site, "events/tai-chi/index.html").select(".event-dates-list time")
    ]
    assert len(dates) == 6  # POSTER_SERIES_DATES
    assert dates[: len(shown)] == shown  # the event page's next dates (EVENTS_SERIES_PREVIEW)
    assert dates[0].startswith("2024年6月11日 星期二")  # the first date after the build
    assert [t["datetime"][:10] for t in page.select(".poster-dates time")] == [
        "2024-06-11", "2024-06-15", "2024-06-18", "2024-06-22", "2024-06-25", "2024-06-29",
    ]  # fmt: skip
    assert page.select(".poster-when") == []


def test_posters_stay_out_of_search_and_sitemaps(site: Build) -> None:
    page = poster(site, "events/choir/")
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_a_poster_has_no_inline_style_or_script(site: Build) -> None:
    page = poster(site, "events/tai-chi/")
    assert page.select("[style], style, script") == []
    sheets = [
        resolve("events/tai-chi/poster/", link["href"])
        for link in page.select('link[rel="stylesheet"]')
    ]
    assert sheets == ["theme/css/poster.css", "theme/css/poster-a4.css"]
    for sheet in sheets:
        assert (site.output / sheet).is_file()
    assert "@page { size: A4 portrait" in (site.output / sheets[1]).read_text(encoding="utf-8")


def test_a5_paper_is_a_setting(tmp_path: Path) -> None:
    build = _build(tmp_path, POSTER_PAPER="A5", POSTER_SERIES_DATES=2)
    page = poster(build, "events/tai-chi/")
    assert page.select('link[href*="poster-a5.css"]')
    assert len(page.select(".poster-dates time")) == 2
    assert "A5" in text(page.select_one(".poster-bar"))


def test_a_preview_build_says_it_has_no_qr_code(tmp_path: Path) -> None:
    build = _build(tmp_path, SITEURL="")
    page = poster(build, "events/summer-fair/")
    assert page.select("svg") == []
    assert "SITEURL" in text(page.select_one(".poster-no-qr"))


def test_posters_follow_the_event_url_setting(tmp_path: Path) -> None:
    build = _build(
        tmp_path, EVENT_URL="happenings/{slug}.html", EVENT_SAVE_AS="happenings/{slug}.html"
    )
    page = "happenings/choir.html"
    link = html(build, page).select_one(".event-poster a")
    assert resolve(page, link["href"]) == "happenings/choir/poster/"
    qr = poster(build, "happenings/choir/").select_one(".poster-qr svg")
    assert decode_svg(str(qr)) == [f"{SITEURL}/happenings/choir.html"]
    assert (build.output / "en/happenings/summer-fair/poster/index.html").is_file()


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [("POSTER_PAPER", "Letter", "must be one of 'A4', 'A5'"),
     ("POSTER_SERIES_DATES", 0, "whole number from 1 to 20"),
     ("POSTER_URL", "posters/{slug}/", "{base}"),
     ("POSTER_SAVE_AS", "poster.html", "must start with {base}")],
)  # fmt: skip
def test_wrong_settings_stop_the_build(key: str, value: object, words: str, tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        build_site(CONTENT, tmp_path / "output", **{**SETTINGS, key: value})
    assert f"setting {key!r} = {value!r}: " in str(caught.value)
    assert words in str(caught.value)


def test_a_published_poster_keeps_the_policy_and_its_qr_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make publish`: the site's CSP on the poster (no inline style or script needed) and
    the QR code still readable after the page is minified."""
    monkeypatch.setenv("SITEURL", SITEURL)
    build = build_site(CONTENT, tmp_path / "output", "publishconf.py", **SETTINGS)
    assert [p for p in build.problems() if "error" in p.lower()] == []
    page = poster(build, "events/choir/")
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "style-src 'self';" in policy
    assert decode_svg(str(page.select_one(".poster-qr svg"))) == [f"{SITEURL}/events/choir/"]
    sitemap = (build.output / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITEURL}/events/choir/<" in sitemap and "/poster/" not in sitemap


def test_the_site_logo_is_the_posters_mark(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    logo = content / "extra" / "logo.svg"
    logo.parent.mkdir()
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"></svg>\n')
    build = build_site(content, tmp_path / "output", **SETTINGS, SITELOGO="extra/logo.svg")
    mark = poster(build, "events/choir/").select_one("img.poster-mark")
    assert resolve("events/choir/poster/", mark["src"]) == "extra/logo.svg"
    assert (build.output / "extra" / "logo.svg").is_file()


@pytest.mark.parametrize(
    ("event_url", "url", "save_as"),
    [("events/x/", "events/x/poster/", "events/x/poster/index.html"),
     ("en/events/x/", "en/events/x/poster/", "en/events/x/poster/index.html"),
     ("events/x.html", "events/x/poster/", "events/x/poster/index.html"),  # a file: its stem
     ("x.html", "x/poster/", "x/poster/index.html"),
     ("events/x", "events/x/poster/", "events/x/poster/index.html")],  # no slash, no suffix
)  # fmt: skip
def test_a_posters_place_follows_its_event(event_url: str, url: str, save_as: str) -> None:
    assert poster_paths(event_url, DEFAULTS) == (url, save_as)
