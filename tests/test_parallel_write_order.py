"""parallel_write must be the last of PLUGINS: a wrong order stops the build at start-up.

Its generator renders the pages the generators before it recorded; a plugin listed after
it would write its pages late. The message names the order to write instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from community_press import SettingsError
from conftest import FIXTURES, build_site, run_build
from parallel_write.settings import right_order, settings_problems

CONTENT = FIXTURES / "theme_basic" / "content"
WRONG = ["translations", "parallel_write", "listings", "theme_helpers"]
RIGHT = ["translations", "listings", "theme_helpers", "parallel_write"]


@pytest.mark.parametrize(
    ("plugins", "expected"),
    [
        (WRONG, RIGHT),
        (RIGHT, RIGHT),
        (["parallel_write"], ["parallel_write"]),
        # a module given by its full name counts as the plugin itself
        (["pelican.plugins.parallel_write", "events"], ["events", "parallel_write"]),
    ],
)
def test_right_order_moves_parallel_write_last(plugins: list[str], expected: list[str]) -> None:
    assert right_order(plugins) == expected


def test_settings_problems_name_every_wrong_setting() -> None:
    problems = settings_problems(
        {"PLUGINS": WRONG, "PARALLEL_WRITE_WORKERS": -1, "PARALLEL_WRITE_MIN_PAGES": 64}
    )
    assert problems == [
        "setting 'PARALLEL_WRITE_WORKERS' = -1: must be a whole number from 0 or more",
        f"setting 'PLUGINS' = {WRONG!r}: must end with 'parallel_write', whose generator"
        f" renders the pages the others recorded; write PLUGINS = {RIGHT!r}",
    ]
    fine = {"PLUGINS": RIGHT, "PARALLEL_WRITE_WORKERS": 0, "PARALLEL_WRITE_MIN_PAGES": 1}
    assert settings_problems(fine) == []


def test_a_build_with_the_wrong_order_stops_and_names_the_right_one(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        build_site(CONTENT, tmp_path / "output", PLUGINS=WRONG)
    assert caught.value.plugin == "parallel_write"
    assert f"write PLUGINS = {RIGHT!r}" in str(caught.value)
    assert not (tmp_path / "output").exists()  # nothing was written


def test_the_command_line_build_says_it_in_words(tmp_path: Path) -> None:
    conf = tmp_path / "conf.py"
    conf.write_text(
        "from pelicanconf import *\n"
        "PLUGINS = ['parallel_write', *(p for p in PLUGINS if p != 'parallel_write')]\n"
    )
    result = run_build(CONTENT, tmp_path / "output", conf=str(conf))
    log = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "must end with 'parallel_write'" in log
    assert "Traceback" not in log
    assert not (tmp_path / "output").exists()
