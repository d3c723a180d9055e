"""The i18n_ui plugin's pure core: page language, alternates, dates, catalogues, listings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace as NS
from zoneinfo import ZoneInfo

import pytest
from i18n_ui.catalogues import CatalogueError, compile_po, load_catalogues
from i18n_ui.language import (
    absolute,
    alternates,
    file_version,
    format_date,
    format_datetime,
    lang_prefix,
    page_lang_of,
    url_of,
)
from i18n_ui.listings import all_versions, build_listing, distinct_by_url, in_language, is_event

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}
PATTERNS = {
    "en": {"full": "EEEE d MMMM y", "full_time": "EEEE d MMMM y, h:mm a"},
    "zh": {"full": "y年M月d日 EEEE", "full_time": "y年M月d日 EEEE HH:mm"},
}
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "zh"),  # nothing known: the default language
        ({"article": NS(lang="en")}, "en"),
        ({"page": NS(lang="en")}, "en"),
        ({"lang": "en"}, "en"),
        # a generator's explicit `lang` wins over an `article` a loop or include left behind
        ({"lang": "zh", "article": NS(lang="en")}, "zh"),
        ({"article": NS(lang="en"), "page": NS(lang="zh")}, "en"),
        ({"lang": "", "page": NS(lang="en")}, "en"),  # empty is not a language
        ({"article": NS()}, "zh"),  # an object without lang
    ],
)
def test_page_lang_of(values: dict, expected: str) -> None:
    assert page_lang_of(values, "zh") == expected


@pytest.mark.parametrize(
    ("output_file", "url"),
    [
        ("index.html", ""),
        ("en/index.html", "en/"),
        ("news/x/index.html", "news/x/"),
        ("404.html", "404.html"),
        ("news/page/2/index.html", "news/page/2/"),
    ],
)
def test_url_of(output_file: str, url: str) -> None:
    assert url_of(output_file) == url


def test_absolute_only_for_absolute_site_urls() -> None:
    assert absolute("https://example.org/", "/news/x/") == "https://example.org/news/x/"
    assert absolute("http://example.org/sub", "") == "http://example.org/sub/"
    assert absolute("", "news/") == ""  # preview builds: no absolute URL to give
    assert absolute("../..", "news/") == ""  # a relative SITEURL


def test_lang_prefix() -> None:
    assert lang_prefix("zh", "zh") == ""
    assert lang_prefix("en", "zh") == "en/"


def test_alternates_prefer_translation_else_home() -> None:
    common = {
        "languages": ["zh", "en", "fr"],
        "default": "zh",
        "names": {"en": "English", "zh": "中文"},
        "tags": {"zh": "zh-Hans"},
    }
    result = alternates(current="zh", translations={"en": "en/news/x/"}, **common)
    assert [(a.lang, a.url, a.is_translation) for a in result] == [
        ("en", "en/news/x/", True),
        ("fr", "fr/", False),  # no translation: that language's home
    ]
    assert result[0].name == "English"
    assert result[1].name == "fr"  # no name configured: the code
    back = alternates(current="en", translations={}, **common)
    assert (back[0].lang, back[0].tag, back[0].url) == ("zh", "zh-Hans", "")


@pytest.mark.parametrize(
    ("lang", "fmt", "expected"),
    [
        ("zh", "long", "2024年6月19日"),
        ("en", "long", "19 June 2024"),
        ("zh", "full", "2024年6月19日 星期三"),
        ("en", "full", "Wednesday 19 June 2024"),  # our pattern: no comma
        ("en", "medium", "19 Jun 2024"),
    ],
)
def test_format_date(lang: str, fmt: str, expected: str) -> None:
    value = dt.datetime(2024, 6, 19, 15, 0, tzinfo=SHANGHAI)
    assert format_date(value, lang, LOCALES, fmt, PATTERNS) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", "2024年6月19日 星期三 15:00"),
        ("en", "Wednesday 19 June 2024, 3:00 pm"),
    ],
)
def test_format_datetime_in_the_values_time_zone(lang: str, expected: str) -> None:
    value = dt.datetime(2024, 6, 19, 15, 0, tzinfo=SHANGHAI)
    assert format_datetime(value, lang, LOCALES, "full_time", PATTERNS) == expected


def test_file_version_changes_with_content(tmp_path: Path) -> None:
    css = tmp_path / "a.css"
    css.write_text("a{}")
    first = file_version(css)
    css.write_text("b{}")
    assert len(first) == 10
    assert file_version(css) != first
    assert file_version(tmp_path / "missing.css") == ""


PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=utf-8\\n"

msgid "News"
msgstr "新闻"

#, fuzzy
msgid "Events"
msgstr "活动（猜的）"

msgid "Menu"
msgstr ""
"""


def write_po(root: Path, lang: str, text: str) -> Path:
    po = root / lang / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(text, encoding="utf-8")
    return po


def test_compile_po_leaves_out_fuzzy_and_empty(tmp_path: Path) -> None:
    translations = compile_po(write_po(tmp_path, "zh", PO), "zh")
    assert translations.gettext("News") == "新闻"
    assert translations.gettext("Events") == "Events"  # a fuzzy guess is not used
    assert translations.gettext("Menu") == "Menu"


def test_load_catalogues_reports_every_broken_file(tmp_path: Path) -> None:
    write_po(tmp_path, "zh", PO)
    bad = write_po(tmp_path, "en", 'msgid "News"\nmsgstr "News"\nmsgid "x"\n"unterminated\n')
    write_po(tmp_path, "fr", 'msgid "News"\nmsgstr "Nouvelles"\nmsgid "Menu"\n')  # no msgstr
    catalogues, errors = load_catalogues(tmp_path)
    assert catalogues.gettext("zh", "News") == "新闻"
    assert catalogues.gettext("de", "News") == "News"  # no catalogue: the msgid
    assert {Path(e.source).parent.parent.name for e in errors} == {"en", "fr"}
    assert any(str(bad) in str(e) for e in errors)
    assert all(isinstance(e, CatalogueError) for e in errors)


def test_the_theme_catalogues_compile() -> None:
    root = Path(__file__).resolve().parent.parent / "theme" / "translations"
    catalogues, errors = load_catalogues(root)
    assert errors == []
    assert catalogues.gettext("zh", "News") == "新闻"
    assert catalogues.gettext("en", "News") == "News"


def item(lang: str, day: int, source: str = "articles/a.md", **more: object) -> NS:
    return NS(
        lang=lang,
        date=dt.datetime(2024, 6, day),
        category="News",  # Pelican's Category is hashable and has .name; a str will do
        tags=[f"t{day}"],
        relative_source_path=source,
        translations=[],
        **more,
    )


def test_is_event() -> None:
    assert is_event(item("zh", 1, "events/x.md"), ["events"])
    assert is_event(item("zh", 1, event=object()), ["events"])
    assert not is_event(item("zh", 1, "articles/events-recap.md"), ["events"])


def test_build_listing_keeps_one_language_newest_first() -> None:
    zh_old, zh_new = item("zh", 1), item("zh", 9)
    en = item("en", 5)
    zh_old.translations = [en]
    event = item("zh", 20, "events/e.md")
    project = NS(lang="zh", template="project", title="B", order="")
    other_page = NS(lang="zh", template="page", title="A", order="")
    articles = all_versions([zh_old, zh_new, event])
    assert en in articles
    listing = build_listing("zh", articles, [project, other_page], ["events"])
    assert listing.articles == [event, zh_new, zh_old]
    assert listing.news == [zh_new, zh_old]  # events are not news
    assert listing.projects == [project]
    assert [c for c, _ in listing.categories] == ["News"]
    assert build_listing("en", articles, [], ["events"]).news == [en]


def test_distinct_by_url_shows_a_series_once() -> None:
    weekly = [NS(url="events/club/"), NS(url="events/club/"), NS(url="events/day/")]
    assert [i.url for i in distinct_by_url(weekly, 4)] == ["events/club/", "events/day/"]
    assert len(distinct_by_url(weekly, 1)) == 1


def test_in_language_keeps_one_languages_articles_and_drops_empty_groups() -> None:
    zh_new, zh_old, en_only = item("zh", 9), item("zh", 1), item("en", 5)
    groups = [("News", [zh_new, en_only, zh_old]), ("Notices", [en_only]), ("Empty", [])]
    assert in_language("zh", groups) == [("News", [zh_new, zh_old])]  # order kept
    assert in_language("en", groups) == [("News", [en_only]), ("Notices", [en_only])]
    assert in_language("zh", {"t": [en_only]}.items()) == []  # a dict's items will do
