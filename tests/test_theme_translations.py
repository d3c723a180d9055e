"""The interface catalogues: complete, current with the templates, and sane."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tools import update_translations as maintain

TRANSLATIONS = Path(__file__).resolve().parent.parent / "theme" / "translations"
PLACEHOLDER = re.compile(r"%\(\w+\)s")
CJK = re.compile(r"[\u3400-\u9fff]")
# Names that stay as they are in Chinese.
SAME_IN_CHINESE = {"Outlook"}


def catalogue(lang: str) -> list:
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return [m for m in read_po(f, locale=lang) if m.id]


def test_every_template_string_is_extracted_and_translated() -> None:
    # Extracts the templates into a temporary .pot and compares: changes no file.
    assert maintain.main(["--check"]) == 0, "run `make translations` and translate"


def test_english_is_the_identity() -> None:
    wrong = [(m.id, m.string) for m in catalogue("en") if m.string != m.id]
    assert wrong == []


@pytest.mark.parametrize("message", catalogue("zh"), ids=lambda m: str(m.id)[:40])
def test_chinese_translation_is_chinese_and_keeps_placeholders(message) -> None:
    assert not message.fuzzy
    assert message.string
    if message.id not in SAME_IN_CHINESE:
        assert CJK.search(message.string), message.string
    assert sorted(PLACEHOLDER.findall(message.id)) == sorted(PLACEHOLDER.findall(message.string))
