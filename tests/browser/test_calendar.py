"""The month calendar (events engineer's templates) in a real browser: previous/next."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def test_calendar_previous_and_next(page, goto) -> None:
    goto(page, "/events/")
    page.locator(".events-nav a").first.click()  # "Calendar: <this month>"
    page.wait_for_url(re.compile(r"/events/\d{4}/\d{2}/$"))
    start_url, start_title = page.url, page.locator("h1").inner_text()
    assert page.locator("table.cal caption").is_visible()

    with page.expect_navigation():
        page.locator('.cal-nav a[rel="next"]').click()
    assert page.url != start_url
    assert page.locator("h1").inner_text() != start_title

    page.locator('.cal-nav a[rel="prev"]').click()
    page.wait_for_url(start_url)
    assert page.locator("h1").inner_text() == start_title


def test_calendar_by_keyboard_on_a_phone(new_page, goto) -> None:
    page = new_page(width=360, height=740)
    goto(page, "/en/events/")
    page.locator(".events-nav a").first.click()
    page.wait_for_url(re.compile(r"/en/events/\d{4}/\d{2}/$"))
    start_url = page.url
    page.locator('.cal-nav a[rel="prev"]').focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/en/events/\d{4}/\d{2}/$", page.url)
    assert page.url != start_url
    assert page.locator("html").get_attribute("lang") == "en"
    # the language switch of a month page leads to the same month in Chinese
    month = re.search(r"/events/\d{4}/\d{2}/$", page.url)
    assert month is not None
    with page.expect_navigation():
        page.locator(".lang-switch a").click()
    assert page.url.endswith(month.group(0))
    assert "/en/" not in page.url
    assert page.locator("html").get_attribute("lang") == "zh-Hans"


def test_today_is_the_day_where_the_events_happen(new_page, goto) -> None:
    """A reader in Los Angeles at 11:00 on the 15th: in Shanghai (the site's zone) it is
    already 02:00 on the 16th, and the calendar marks the 16th as today."""
    probe = new_page()
    goto(probe, "/events/")
    probe.locator(".events-nav a").first.click()
    probe.wait_for_url(re.compile(r"/events/\d{4}/\d{2}/$"))
    year, month = re.search(r"/events/(\d{4})/(\d{2})/$", probe.url).groups()
    path = probe.url.split("/events/", 1)[1]
    page = new_page(timezone_id="America/Los_Angeles")
    page.clock.install(time=f"{year}-{month}-15T18:00:00Z")
    goto(page, f"/events/{path}")
    assert page.locator("table.cal").get_attribute("data-zone") == "Asia/Shanghai"
    today = page.locator('time[aria-current="date"]')
    assert today.count() == 1
    assert today.get_attribute("datetime") == f"{year}-{month}-16"
