"""What the theme's helpers remember while pages render, and that it is never stale.

`PageLanguage` keeps a context's language on the context, `format_date` keeps the text of
a (date, language, format), and `_` calls the catalogues directly: each is checked against
what the plain, unremembered code says.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as NS
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from jinja2 import Environment
from markupsafe import Markup
from theme_helpers.api import ThemeHelpers
from theme_helpers.dates import format_date
from translations.catalogues import load_catalogues
from translations.language import PageLanguage, install_gettext
from translations.settings import DEFAULTS

SETTINGS = {
    "DEFAULT_LANG": "zh",
    "THEME": str(ROOT / "theme"),
    "I18N_UI_TRANSLATIONS_PATH": str(ROOT / "theme" / "translations"),
    "I18N_UI_DOMAIN": "messages",
    "I18N_UI_LANGUAGES": ["zh", "en"],
    "I18N_UI_LOCALES": {"zh": "zh_Hans_CN", "en": "en_GB"},
    "I18N_UI_DATE_PATTERNS": DEFAULTS["I18N_UI_DATE_PATTERNS"],
}


def environment(autoescape: bool = False) -> Environment:
    env = Environment(autoescape=autoescape)
    catalogues, _errors = load_catalogues(ROOT / "theme" / "translations")
    install_gettext(env, catalogues, PageLanguage("zh"))
    ThemeHelpers(dict(SETTINGS)).install(env)
    return env


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, "新闻 zh"),
        ({"lang": "en"}, "News en"),
        ({"article": NS(lang="en")}, "News en"),
        ({"page": NS(lang="zh")}, "新闻 zh"),
    ],
)
def test_each_render_gets_its_own_language(values: dict, expected: str) -> None:
    template = environment().from_string('{{ _("News") }} {{ page_lang() }}')
    for _ in range(2):  # the same template, rendered again: nothing carried over
        assert template.render(**values) == expected
        assert template.render() == "新闻 zh"


def test_a_language_set_by_the_template_is_seen_at_once() -> None:
    template = environment().from_string(
        '{{ _("News") }} {% set lang = "en" %}{{ _("News") }} {{ page_lang() }}'
    )
    assert template.render() == "新闻 News en"


def test_an_include_and_a_loop_see_their_own_article() -> None:
    env = environment()
    env.globals["include_me"] = env.from_string('{{ _("News") }}/{{ page_lang() }}')
    template = env.from_string(
        "{{ page_lang() }}{% for article in items %} {% include include_me %}{% endfor %}"
    )
    items = [NS(lang="en"), NS(lang="zh")]
    assert template.render(items=items) == "zh News/en 新闻/zh"


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ('{{ _("Menu") }}', {}, "菜单"),
        ('{{ _("Articles in the category %(name)s.", name="活动") }}', {}, "“活动”分类下的文章。"),
        ('{{ _("100%% sure") }}', {"lang": "en"}, "100% sure"),  # newstyle: always formatted
        ('{{ _("<b>&") }}', {"lang": "en"}, "<b>&"),  # untranslated: as it is
    ],
)
def test_underscore_keeps_the_newstyle_rules(source: str, values: dict, expected: str) -> None:
    assert environment().from_string(source).render(**values) == expected


def test_underscore_output_is_markup_under_autoescape() -> None:
    env = environment(autoescape=True)
    assert env.from_string('{{ _("<b>&") }}').render(lang="en") == "<b>&"
    assert env.from_string('{{ _("x %(v)s", v="<i>") }}').render(lang="en") == "x &lt;i&gt;"
    assert Markup("<b>&") == env.from_string('{{ _("<b>&") }}').render(lang="en")


SH, UTC = ZoneInfo("Asia/Shanghai"), dt.UTC
LOCALES, PATTERNS = SETTINGS["I18N_UI_LOCALES"], SETTINGS["I18N_UI_DATE_PATTERNS"]


@pytest.mark.parametrize(
    "values",
    [
        # One instant, two zones: two different days, though the datetimes are equal.
        [dt.datetime(2024, 6, 19, 1, tzinfo=SH), dt.datetime(2024, 6, 18, 17, tzinfo=UTC)],
        [dt.date(2024, 6, 19), dt.datetime(2024, 6, 19, 23, 59, tzinfo=SH)],
        [dt.date(2024, 1, 1), dt.date(2024, 12, 31)],
    ],
)
def test_remembered_dates_are_the_dates_formatted_afresh(values: list) -> None:
    helpers = ThemeHelpers(dict(SETTINGS))
    for _ in range(2):
        for value in values:
            for lang in ("zh", "en"):
                for fmt in ("long", "full", "medium"):
                    fresh = format_date(value, lang, LOCALES, fmt, PATTERNS)
                    assert helpers.format_date(value, lang, fmt) == fresh


def test_the_date_filter_uses_the_pages_language() -> None:
    template = environment().from_string("{{ day|format_date(fmt='full') }}")
    day = dt.date(2024, 6, 19)
    assert template.render(day=day) == "2024年6月19日 星期三"
    assert template.render(day=day, lang="en") == "Wednesday 19 June 2024"
    assert template.render(day=day) == "2024年6月19日 星期三"
