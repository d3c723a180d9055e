"""The gallery lightbox (theme/static/js/lightbox.js) in Chromium, on the sample site.

Keyboard (Enter, Left, Right, Escape, Tab), pointer, swipe, focus kept inside the dialog
and given back to the thumbnail, and the plain links that work with no JavaScript.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import describe

pytestmark = pytest.mark.browser

DIALOG = "dialog.lightbox"
LINKS = ".gallery-grid a.gallery-link"


@pytest.fixture(scope="module")
def gallery_path(browser_site: Any) -> str:
    """The project page of the sample site whose gallery has the most photos."""
    output: Path = browser_site.output
    pages = sorted(output.glob("projects/*/index.html"))
    assert pages, "no project page in the sample site"
    best = max(pages, key=lambda p: p.read_text(encoding="utf-8").count('class="gallery-link"'))
    assert best.read_text(encoding="utf-8").count('class="gallery-link"') >= 3
    return "/" + str(best.relative_to(output)).removesuffix("index.html")


def counter(page: Any) -> str:
    return page.locator(f"{DIALOG} .lightbox-counter").inner_text()


def numbers(page: Any) -> tuple[int, int]:
    found = [int(n) for n in re.findall(r"\d+", counter(page))]
    assert len(found) == 2, counter(page)
    return found[0], found[1]


def active(page: Any) -> dict[str, Any]:
    """What has focus: inside the dialog?, its class, the href of a link."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const dialog = document.querySelector('dialog.lightbox');
            return {inside: !!(dialog && dialog.contains(el)), cls: el.className || '',
                    href: el.getAttribute('href')};
        }"""
    )


def captions(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".gallery-grid figure",
        "figures => figures.map(f => (f.querySelector('figcaption') || {textContent: ''})"
        ".textContent.trim())",
    )


def test_keyboard_opens_steps_and_closes(page, goto, gallery_path):
    goto(page, gallery_path)
    links = page.locator(LINKS)
    total = links.count()
    texts = captions(page)
    second_href = links.nth(1).get_attribute("href")
    links.nth(1).focus()
    page.keyboard.press("Enter")
    dialog = page.locator(DIALOG)
    dialog.wait_for(state="visible")
    assert page.evaluate("document.querySelector('dialog.lightbox').open")
    assert numbers(page) == (2, total)
    assert active(page)["cls"].find("lightbox-close") >= 0  # focus moves into the dialog
    assert page.locator(f"{DIALOG} .lightbox-caption").inner_text().strip() == texts[1]
    img = page.locator(f"{DIALOG} img")
    assert img.get_attribute("src") == second_href
    assert img.get_attribute("alt") == links.nth(1).locator("img").get_attribute("alt")
    assert page.locator(f"{DIALOG} source").count() == 2  # AVIF and WebP, then the JPEG

    page.keyboard.press("ArrowRight")
    assert numbers(page) == (3, total)
    assert page.locator(f"{DIALOG} .lightbox-caption").inner_text().strip() == texts[2]
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert numbers(page) == (1, total)
    page.keyboard.press("ArrowLeft")  # wraps round to the last photo
    assert numbers(page) == (total, total)

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert active(page)["href"] == second_href  # focus back on the thumbnail that opened it


def test_focus_stays_inside_while_open(page, goto, gallery_path):
    goto(page, gallery_path)
    page.locator(LINKS).first.focus()
    page.keyboard.press("Enter")
    page.locator(DIALOG).wait_for(state="visible")
    seen = set()
    for _ in range(7):
        page.keyboard.press("Tab")
        state = active(page)
        assert state["inside"], state
        seen.add(state["cls"])
    for _ in range(7):
        page.keyboard.press("Shift+Tab")
        assert active(page)["inside"]
    assert {"lightbox-button lightbox-close", "lightbox-button lightbox-next"} <= seen
    page.keyboard.press("Escape")
    assert active(page)["href"] == page.locator(LINKS).first.get_attribute("href")


def test_pointer_buttons_and_backdrop(page, goto, gallery_path):
    goto(page, gallery_path)
    links = page.locator(LINKS)
    total = links.count()
    third = links.nth(2)
    third.click()
    page.locator(DIALOG).wait_for(state="visible")
    assert numbers(page) == (3, total)
    page.locator(f"{DIALOG} .lightbox-next").click()
    assert numbers(page) == (4 if total >= 4 else 1, total)
    page.locator(f"{DIALOG} .lightbox-previous").click()
    page.locator(f"{DIALOG} .lightbox-close").click()
    page.locator(DIALOG).wait_for(state="hidden")
    assert active(page)["href"] == third.get_attribute("href")


def test_swipe_on_a_phone(new_page, goto, gallery_path):
    page = new_page(360, 740, has_touch=True, is_mobile=True)
    goto(page, gallery_path)
    total = page.locator(LINKS).count()
    page.locator(LINKS).first.tap()
    page.locator(DIALOG).wait_for(state="visible")
    swipe = """([fromX, toX]) => {
        const dialog = document.querySelector('dialog.lightbox');
        const touch = x => new Touch({identifier: 1, target: dialog, clientX: x, clientY: 300});
        dialog.dispatchEvent(new TouchEvent('touchstart', {touches: [touch(fromX)],
            changedTouches: [touch(fromX)], bubbles: true}));
        dialog.dispatchEvent(new TouchEvent('touchend', {touches: [],
            changedTouches: [touch(toX)], bubbles: true}));
    }"""
    page.evaluate(swipe, [300, 60])  # finger moves left: the next photo
    assert numbers(page) == (2, total)
    page.evaluate(swipe, [60, 300])
    page.evaluate(swipe, [60, 300])
    assert numbers(page) == (total, total)
    page.evaluate(swipe, [200, 190])  # a tap, not a swipe
    assert numbers(page) == (total, total)


def test_links_work_without_javascript(new_page, goto, gallery_path):
    page = new_page(java_script_enabled=False)
    goto(page, gallery_path)
    link = page.locator(LINKS).first
    href = link.get_attribute("href")
    assert href.endswith(".jpg")
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response.ok
    assert response.headers["content-type"] == "image/jpeg"


def test_open_lightbox_has_no_accessibility_violations(page, goto, axe, gallery_path):
    goto(page, gallery_path)
    page.locator(LINKS).first.click()
    page.locator(DIALOG).wait_for(state="visible")
    axe(page)  # loads axe-core into the page
    violations = page.evaluate(
        """() => axe.run(document.querySelector('dialog.lightbox'),
            {rules: {'target-size': {enabled: true}}}).then(r => r.violations)"""
    )
    assert violations == [], describe(violations)
