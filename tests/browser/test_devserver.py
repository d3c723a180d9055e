"""The live preview in a browser (`make devserver`): an open page follows the editor's saves
by itself, keeps its scroll position, and shows a failed build's problems over the page
until the file is mended.

The devserver runs as in tests/test_editor_devserver.py (a subprocess on a free port of
127.0.0.1, killed by its PID), with the bare test settings plus the rule book, so that a
wrong date stops the build as it does on the real site.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from test_editor_devserver import Preview, start_preview, status, wait_for, write_catalogue

pytestmark = pytest.mark.browser

WITH_RULE_BOOK = f'\nPLUGIN_PATHS = [{str(ROOT / "plugins")!r}]\nPLUGINS = ["rulebook"]\n'
# The overlay's words come from our theme's catalogues (the pages from Pelican's own theme).
WITH_CATALOGUES = f"I18N_UI_TRANSLATIONS_PATH = {str(ROOT / 'theme' / 'translations')!r}\n"
WAIT_MS = 60_000
OVERLAY = "#devserver-problems"
LONG_BODY = "改过的新闻。\n\n" + "\n\n".join(f"第 {n} 段。" for n in range(120))


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Preview]:
    with start_preview(tmp_path, WITH_RULE_BOOK + WITH_CATALOGUES) as server:
        wait_for(lambda: "Watching" in server.text(), "the first build")
        yield server


def save(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def wait_text(page: Any, text: str) -> None:
    page.wait_for_function("t => document.body.innerText.includes(t)", arg=text, timeout=WAIT_MS)


def wait_settled(page: Any, live: Preview, built_before: object) -> None:
    """Wait until the full build after a save is in and the open page has reloaded onto it.

    A save reloads the page twice: once for the fast path's page, once for the full build.
    Scrolling between the two would be undone by the second reload, which keeps the place
    the reader had when it began.
    """
    wait_for(lambda: status(live)["built"] != built_before, "the full build after a save")
    built = status(live)["built"]
    page.wait_for_function(
        "b => document.readyState === 'complete' && "
        "document.querySelector('script[data-built]')?.dataset.built === String(b)",
        arg=built,
        timeout=WAIT_MS,
    )


def open_long_article(live: Preview, tmp_path: Path, page: Any) -> Path:
    """news-1 made long enough to scroll, built, and open in `page`; its file."""
    article = tmp_path / "content" / "news-1.md"
    built_before = status(live)["built"]
    save(article, "第 1 篇新闻。", LONG_BODY)
    wait_for(lambda: status(live)["built"] != built_before, "the long article")
    page.goto(live.url + "news-1.html")
    return article


def test_page_follows_edits_and_shows_build_errors(
    live: Preview, tmp_path: Path, new_page: Callable[..., Any]
) -> None:
    page = new_page(360, 740)  # a phone
    article = tmp_path / "content" / "news-1.md"
    response = page.goto(live.url + "news-1.html")
    assert response is not None
    assert response.ok
    wait_text(page, "第 1 篇新闻")

    # A save reaches the open page with no action of its own (a long article, to scroll).
    built_before = status(live)["built"]
    save(article, "第 1 篇新闻。", LONG_BODY)
    wait_text(page, "第 119 段")
    wait_settled(page, live, built_before)

    # The next save reloads it where the reader was.
    page.evaluate("window.scrollTo(0, 1500)")
    page.wait_for_function("window.scrollY >= 1400")
    save(article, "改过的新闻", "第三版新闻")
    wait_text(page, "第三版新闻")
    page.wait_for_function("window.scrollY >= 1400", timeout=WAIT_MS)

    # A wrong date: the build fails and the page says where, in its language.
    broken = tmp_path / "content" / "broken.md"
    broken.write_text("Title: 坏的\nSlug: broken\nDate: 19/06/2024\n\n内容。\n", "utf-8")
    overlay = page.locator(OVERLAY)
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    assert overlay.get_attribute("role") == "alert"
    text = overlay.inner_text()
    assert "预览没有更新" in text
    assert "content/broken.md:3: error: field 'date' = '19/06/2024'" in text
    box = overlay.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360  # readable on the phone: nothing off screen
    assert "第三版新闻" in page.inner_text("body")  # the last good page is still there

    # The close button hides it until something changes.
    overlay.get_by_role("button", name="关闭").click()
    assert page.locator(OVERLAY).count() == 0

    # Mended: the next good build reloads the page, without the overlay.
    save(broken, "19/06/2024", "2024-06-19")
    save(article, "第三版新闻", "第四版新闻")
    wait_text(page, "第四版新闻")
    assert page.locator(OVERLAY).count() == 0


def test_reader_who_scrolls_while_the_page_loads_keeps_their_place(
    live: Preview, tmp_path: Path, new_page: Callable[..., Any]
) -> None:
    page = new_page(360, 740)
    article = open_long_article(live, tmp_path, page)
    page.evaluate("window.scrollTo(0, 1500)")

    # Hold the page's font, so that the reloaded page stays loading (no `load` event yet)
    # after the live script has put it back at 1500.
    held: list[Any] = []
    holding = [True]
    page.route("**/*.woff*", lambda route: held.append(route) if holding[0] else route.continue_())
    built_before = status(live)["built"]
    save(article, "改过的新闻", "第五版新闻")
    wait_text(page, "第五版新闻")
    page.wait_for_function("window.scrollY >= 1400", timeout=WAIT_MS)
    assert page.evaluate("document.readyState") != "complete"

    # The reader scrolls up before the page has loaded: neither its `load` nor the full
    # build's reload may take them back.
    page.evaluate("window.scrollTo(0, 300)")
    holding[0] = False
    for route in held:
        route.continue_()
    wait_settled(page, live, built_before)
    assert page.evaluate("window.scrollY") == 300


def test_the_place_is_kept_on_a_theme_that_scrolls_smoothly(
    live: Preview, tmp_path: Path, new_page: Callable[..., Any]
) -> None:
    # Our theme (like many) has `html { scroll-behavior: smooth }`: here it is added to
    # the page's stylesheet as it is served. A restore that animated would still be near
    # the top when the page is ready, and a second reload then would save that place.
    page = new_page(360, 740)

    def smooth(route: Any) -> None:
        served = route.fetch()
        route.fulfill(response=served, body=served.text() + "\nhtml{scroll-behavior:smooth}")

    page.route("**/theme/css/main.css", smooth)
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => { window.yAtReady = scrollY })"
    )
    article = open_long_article(live, tmp_path, page)
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
    page.evaluate("window.scrollTo({top: 1500, behavior: 'instant'})")

    built_before = status(live)["built"]
    save(article, "改过的新闻", "第六版新闻")
    wait_text(page, "第六版新闻")
    page.wait_for_function("window.yAtReady !== undefined", timeout=WAIT_MS)
    assert page.evaluate("window.yAtReady") == 1500
    wait_settled(page, live, built_before)
    assert page.evaluate("window.scrollY") == 1500


def test_a_page_whose_file_goes_and_comes_back_follows(
    live: Preview, tmp_path: Path, page: Any
) -> None:
    # Deleted (or its slug changed): the open page reloads onto a "not found" page that
    # still listens, so that putting the file back brings the page back by itself.
    article = tmp_path / "content" / "news-1.md"
    text = article.read_text(encoding="utf-8")
    page.goto(live.url + "news-1.html")
    wait_text(page, "第 1 篇新闻")
    article.unlink()
    page.wait_for_function("document.title.includes('Not found')", timeout=WAIT_MS)
    assert page.locator("script[src='/__devserver/reload.js']").count() == 1
    article.write_text(text.replace("第 1 篇新闻。", "回来的新闻。"), encoding="utf-8")
    wait_text(page, "回来的新闻")


def test_overlay_speaks_the_pages_language(live: Preview, tmp_path: Path, page: Any) -> None:
    content = tmp_path / "content"
    (content / "hello.md").write_text(
        "Title: Hello\nSlug: hello\nDate: 2024-06-19\nLang: en\n\nText.\n", "utf-8"
    )
    wait_for(lambda: live.page("hello-en.html")[0] == 200, "the English page")
    (content / "broken.md").write_text(
        "Title: Broken\nSlug: broken\nDate: 2024-06-19\nLang: english\n\nText.\n", "utf-8"
    )
    wait_for(lambda: "--- PROBLEM" in live.text(), "the failed build")

    # A page opened while the last build has failed shows it at once.
    page.goto(live.url + "hello-en.html")
    assert page.evaluate("document.documentElement.lang") == "en"
    overlay = page.locator(OVERLAY)
    overlay.wait_for(state="visible", timeout=WAIT_MS)
    text = overlay.inner_text()
    assert "The preview is out of date: the last build failed" in text
    assert "content/broken.md:4: error: field 'lang' = 'english'" in text
    assert overlay.get_by_role("button", name="Close").is_visible()

    (content / "broken.md").unlink()
    page.locator(OVERLAY).wait_for(state="detached", timeout=WAIT_MS)


def test_overlay_in_a_language_written_from_the_right(
    tmp_path: Path, page: Any, axe: Callable[..., list[dict[str, Any]]]
) -> None:
    # A site that added Arabic to the theme's catalogues (`make translations ADD=ar`).
    catalogues = tmp_path / "catalogues"
    shutil.copytree(ROOT / "theme" / "translations", catalogues)
    write_catalogue(catalogues, "ar", {
        "The preview is out of date: the last build failed": "المعاينة قديمة: فشل آخر بناء",
        "Close": "إغلاق",
    })  # fmt: skip
    conf = WITH_RULE_BOOK + f"I18N_UI_TRANSLATIONS_PATH = {str(catalogues)!r}\n"
    with start_preview(tmp_path, conf) as live:
        wait_for(lambda: "Watching" in live.text(), "the first build")
        content = tmp_path / "content"
        (content / "ahlan.md").write_text(
            "Title: أهلا\nSlug: ahlan\nDate: 2024-06-19\nLang: ar\n\nنص.\n", "utf-8"
        )
        wait_for(lambda: live.page("ahlan-ar.html")[0] == 200, "the Arabic page")
        broken = "Title: x\nSlug: broken\nDate: 2024-13-01\n\nx\n"
        (content / "broken.md").write_text(broken, "utf-8")
        wait_for(lambda: "--- PROBLEM" in live.text(), "the failed build")

        page.goto(live.url + "ahlan-ar.html")
        overlay = page.locator(OVERLAY)
        overlay.wait_for(state="visible", timeout=WAIT_MS)
        assert (overlay.get_attribute("lang"), overlay.get_attribute("dir")) == ("ar", "rtl")
        assert "المعاينة قديمة" in overlay.inner_text()
        # The close button starts the line on the right; the problem reads left to right.
        close = overlay.get_by_role("button", name="إغلاق")
        box, button = overlay.bounding_box(), close.bounding_box()
        assert box is not None and button is not None
        assert button["x"] < box["x"] + box["width"] / 2
        problem = overlay.locator("li").first
        assert problem.inner_text().startswith("content/broken.md:3: error: field 'date'")
        assert problem.evaluate("li => getComputedStyle(li).direction") == "ltr"
        # The overlay itself passes axe (the page under it is Pelican's own theme).
        in_overlay = [
            (v["id"], node["target"])
            for v in axe(page)
            for node in v["nodes"]
            if str(node["target"][0]).startswith(OVERLAY)
        ]
        assert in_overlay == []


def test_built_files_carry_no_devserver_script(live: Preview, tmp_path: Path) -> None:
    pages = list((tmp_path / "output").rglob("*.html"))
    assert pages
    assert [p for p in pages if "__devserver" in p.read_text(encoding="utf-8")] == []
