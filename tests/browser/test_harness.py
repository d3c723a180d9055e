"""The harness itself: the site is served, Chromium drives it, axe-core runs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_home_is_served_and_axe_runs(page, goto, axe) -> None:
    goto(page, "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    violations = axe(page, runOnly=["html-has-lang"])
    assert violations == []
