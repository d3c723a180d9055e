"""The translations plugin's core: the page's language and the compiled catalogues."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from translations.catalogues import CatalogueError, compile_po, load_catalogues
from translations.content_lang import unknown_language
from translations.language import page_lang_of
from translations.settings import DEFAULTS, settings_problems, site_languages


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


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh", None),
        ("EN", "this site is written in zh, en: write 'Lang: en'"),
        ("zh-CN", "this site is written in zh, en: write 'Lang: zh'"),
        (" ", "empty: write 'Lang: zh' or 'Lang: en', or delete the line"),
        ("fr", "this site is written in zh, en"),
    ],
)
def test_unknown_language(lang: str, expected: str | None) -> None:
    assert unknown_language(lang, ["zh", "en"]) == expected


def test_site_languages_put_the_default_first() -> None:
    assert site_languages(None, "zh", ["en", "zh"]) == ["zh", "en"]
    assert site_languages(["en", "zh"], "zh", []) == ["en", "zh"]  # as given


def test_settings_problems_lists_every_wrong_setting() -> None:
    settings = {**DEFAULTS, "DEFAULT_LANG": "zh", "I18N_UI_LANGUAGES": ["en"]}
    settings["I18N_UI_LOCALES"] = "en_GB"
    problems = settings_problems(settings)
    assert problems == [
        "setting 'I18N_UI_LANGUAGES' = ['en']: must include DEFAULT_LANG 'zh'",
        "setting 'I18N_UI_LOCALES' = 'en_GB': must be a dict from language code to text,"
        " like {'en': '...'}",
    ]
    assert settings_problems({**settings, "I18N_UI_LANGUAGES": ["zh", "en"],
                              "I18N_UI_LOCALES": {}}) == []  # fmt: skip
