"""The theme_helpers plugin's core: URLs, section URLs, alternates, dates, asset versions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace as NS
from zoneinfo import ZoneInfo

import pytest
from community_press import absolute_url as absolute
from community_press import lang_prefix, url_of_file
from listings.pages import ListingPages
from theme_helpers.dates import format_date, format_datetime
from theme_helpers.urls import (
    alternates,
    file_version,
    section_url,
    slug_url,
    translation_urls,
)

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}
PATTERNS = {
    "en": {"full": "EEEE d MMMM y", "full_time": "EEEE d MMMM y, h:mm a"},
    "zh": {"full": "y年M月d日 EEEE", "full_time": "y年M月d日 EEEE HH:mm"},
}
SHANGHAI = ZoneInfo("Asia/Shanghai")


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
    assert url_of_file(output_file) == url


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


SETTINGS = {
    "I18N_UI_NEWS_URL": "news/",
    "EVENTS_INDEX_URL": "calendar/",
    "EVENTS_LANG_PREFIX": "{lang}-site/",
    "GALLERY_PROJECTS_URL": "projects/",
    "GALLERY_PROJECTS_LANG_URL": "{lang}/work/",
    "ARCHIVES_URL": "archives/",
    "PAGE_URL": "{slug}/",
    "PAGE_LANG_URL": "{lang}/{slug}/",
}


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("news", "zh", "news/"),
        ("news", "en", "en/news/"),
        ("events", "zh", "calendar/"),  # EVENTS_INDEX_URL, wherever it is
        ("events", "en", "en-site/calendar/"),  # with the events plugin's own prefix
        ("projects", "en", "en/work/"),  # a section with a URL of its own per language
        ("archives", "en", "en/archives/"),
        ("search", "en", "en/search/"),  # no setting (plugin not used): its default
    ],
)
def test_section_url_comes_from_the_settings(name: str, lang: str, expected: str) -> None:
    assert section_url(name, lang, "zh", SETTINGS) == expected


def test_section_url_names_a_mistyped_section() -> None:
    with pytest.raises(ValueError, match="no section 'event'; did you mean 'events'"):
        section_url("event", "zh", "zh", SETTINGS)


def test_slug_url_uses_the_page_url_settings() -> None:
    assert slug_url("about", "zh", "zh", SETTINGS) == "about/"
    assert slug_url("about", "en", "zh", SETTINGS) == "en/about/"


def test_translation_urls_link_only_listing_pages_that_exist() -> None:
    written = ListingPages(("news/", "tag/"), {"zh": frozenset({"tag/", "tag/a/"})})
    # a tag page leads near, to the other language's index of tags, if there is one
    values = {"output_file": "tag/a/index.html", "tag": NS(), "listing_pages": written}
    assert translation_urls(values, "zh", "zh", ["zh", "en"], "tag/") == ({"zh": "tag/"}, {})
    more = ListingPages(
        ("news/", "tag/"), {"zh": frozenset({"tag/"}), "en": frozenset({"en/tag/"})}
    )
    values["listing_pages"] = more
    same, near = translation_urls(values, "zh", "zh", ["zh", "en"], "tag/")
    assert (same, near) == ({"zh": "tag/"}, {"en": "en/tag/"})
    # not a listing section: the same path in every language
    values = {"output_file": "events/index.html", "listing_pages": written}
    same, near = translation_urls(values, "zh", "zh", ["zh", "en"], "tag/")
    assert (same, near) == ({"zh": "events/", "en": "en/events/"}, {})
    given = {"lang_urls": {"en": "en/x/"}, "article": NS(lang="zh", url="x/", translations=[])}
    assert translation_urls(given, "zh", "zh", ["zh", "en"], "tag/") == ({"en": "en/x/"}, {})
