"""`make check` stops on the settings the build stops on, in the same words.

Found by a tester: a site whose settings said I18N_UI_LANGUAGES = ['EN'] passed make check
('no problems found'), then make html stopped on it: make check ran the content rules
only, never the plugins' start-up checks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from agreement_helpers import assert_output_untouched, check_and_build, write_conf
from conftest import FIXTURES

CLEAN = FIXTURES / "check_clean" / "content"


@pytest.mark.parametrize(
    ("settings", "key", "said"),
    [
        ({"I18N_UI_LANGUAGES": ["ZH", "EN"]}, "I18N_UI_LANGUAGES",
         "translations: setting 'I18N_UI_LANGUAGES' = ['ZH', 'EN']: must include DEFAULT_LANG "
         "'zh' (Pelican reads it in lower case: write ['zh', 'en'])"),
        ({"GALLERY_WIDTHS": "big"}, "GALLERY_WIDTHS", "gallery: setting 'GALLERY_WIDTHS' = 'big'"),
        ({"DIGEST_WEEKS": -1}, "DIGEST_WEEKS", "digest: setting 'DIGEST_WEEKS' = -1"),
    ],
)  # fmt: skip
def test_a_wrong_setting_is_named_by_check_and_build(
    tmp_path: Path, settings: dict[str, object], key: str, said: str
) -> None:
    shutil.copytree(CLEAN, tmp_path / "content")
    conf = write_conf(tmp_path / "wrongconf.py", **settings)
    line = next(
        n for n, text in enumerate(conf.read_text().splitlines(), 1) if text.startswith(key)
    )
    both = check_and_build(tmp_path, conf)
    assert both.check.returncode == 1, both.checked
    assert f"wrongconf.py:{line}: error: {said}" in both.checked
    assert both.build.returncode != 0
    assert said.split(": ", 1)[1] in both.said  # the build's own words, without the plugin
    assert_output_untouched(both)


def test_right_settings_pass(tmp_path: Path) -> None:
    shutil.copytree(CLEAN, tmp_path / "content")
    both = check_and_build(tmp_path, write_conf(tmp_path / "conf.py"))
    assert both.check.returncode == 0, both.checked
