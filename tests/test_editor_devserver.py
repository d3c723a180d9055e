"""The live preview (`make devserver`): it rebuilds on a change, and a content error never
takes the last good site offline.

The server runs as editors run it, a subprocess on a free port of 127.0.0.1, stopped by its
PID. It builds with the bare settings of the safe-build tests, so that work in progress on
our plugins or theme (which the server also watches) cannot break this test.
"""

from __future__ import annotations

import io
import ipaddress
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from tools.devserver_live import LiveState, build_problems, inject, overlay_words
from tools.devserver_phone import (
    interface_addresses,
    lan_addresses,
    phone_urls,
    print_phone_preview,
)

CONF = str(FIXTURES / "editor_build" / "buildconf.py")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def wait_for(condition: Callable[[], bool], what: str, limit: float = 90.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.2)


class Preview:
    def __init__(self, process: subprocess.Popen[bytes], url: str, log: Path) -> None:
        self.process, self.url, self.log = process, url, log

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def page(self, path: str) -> tuple[int, str]:
        return fetch(self.url + path)


@contextmanager
def start_preview(folder: Path, settings_extra: str = "") -> Iterator[Preview]:
    """The devserver on the editor_build fixture copied into `folder`, on a free port of
    127.0.0.1 (`settings_extra` is added to its settings); killed by its PID at the end."""
    shutil.copytree(FIXTURES / "editor_build" / "content", folder / "content")
    settings = Path(CONF).read_text(encoding="utf-8") + settings_extra
    (folder / "siteconf.py").write_text(settings, encoding="utf-8")
    port = free_port()
    log = folder / "devserver.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "tools" / "devserver.py"), "-s", "siteconf.py",
             "-c", "content", "-o", "output", "--port", str(port)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    server = Preview(process, f"http://127.0.0.1:{port}/", log)
    try:
        yield server
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    with start_preview(tmp_path) as server:
        yield server


def status(preview: Preview) -> dict[str, object]:
    code, text = preview.page("__devserver/status")
    assert code == 200
    result: dict[str, object] = json.loads(text)
    return result


def check_lines(folder: Path) -> list[str]:
    """What `make check` prints for the site in `folder`."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check.py"), "-s", "siteconf.py", "-c", "content"],
        cwd=folder, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    return result.stdout.splitlines()


def assert_script_only_served(preview: Preview, html: str, output: Path) -> None:
    """Live reload: the page as served carries the devserver's script; the built files (the
    same safe build as `make html`) do not."""
    assert '<script src="/__devserver/reload.js"' in html
    assert html.rstrip().endswith("</html>")
    assert not [p for p in output.rglob("*.html") if "__devserver" in p.read_text("utf-8")]
    code, script = preview.page("__devserver/reload.js")
    assert code == 200
    assert "EventSource" in script


def test_preview_rebuilds_and_survives_a_content_error(preview: Preview, tmp_path: Path) -> None:
    content = tmp_path / "content"
    article = content / "news-1.md"
    wait_for(lambda: "Watching" in preview.text(), "the first build")
    code, html = preview.page("news-1.html")
    assert code == 200
    assert "第 1 篇新闻" in html
    assert_script_only_served(preview, html, tmp_path / "output")
    first = status(preview)
    assert first["ok"] is True
    assert first["problems"] == []

    # An edit shows up by itself.
    article.write_text(article.read_text(encoding="utf-8").replace("第 1 篇", "改过的"), "utf-8")
    wait_for(lambda: "改过的" in preview.page("news-1.html")[1], "the edit to show")
    # (Shown by the fast path first; the full build of the site follows.)
    wait_for(lambda: status(preview)["built"] == first["built"] + 1, "the full build to follow")

    # A mistake: the build fails, the terminal says so, the last good site stays online.
    (content / "broken.md").write_text("Slug: broken\nDate: 2024-06-19\n\nNo title.\n", "utf-8")
    article.write_text(article.read_text(encoding="utf-8").replace("改过的", "第三版"), "utf-8")
    wait_for(lambda: "--- PROBLEM" in preview.text(), "the failed build to be reported")
    log = preview.text()
    assert "broken.md" in log
    assert "'title'" in log
    # (These bare settings run no plugin of ours: with the rule book, the build's own
    # message is `make check`'s line, tested in test_rulebook_agreement.py.)
    assert "still shows the last good site" in log
    assert "Traceback" not in log
    code, html = preview.page("news-1.html")
    assert code == 200
    assert "改过的" in html
    assert "第三版" not in html
    assert preview.process.poll() is None  # still running
    # Open pages learn it: the problems as `make check` prints them (the rule book runs in
    # the devserver even though these settings do not run it in the build).
    failed = status(preview)
    assert failed["ok"] is False
    assert failed["built"] == first["built"] + 1
    problems = failed["problems"]
    assert isinstance(problems, list)
    assert [p["text"] for p in problems] == check_lines(tmp_path)
    assert problems[0]["source"] == "content/broken.md"
    assert problems[0]["line"] > 0

    # Fixing the mistake brings the preview up to date again.
    (content / "broken.md").unlink()
    wait_for(lambda: "第三版" in preview.page("news-1.html")[1], "the fixed site")
    assert status(preview)["ok"] is True
    assert status(preview)["problems"] == []

    # A change to the settings file rebuilds too.
    settings = tmp_path / "siteconf.py"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            'SITENAME = "Safe build"', 'SITENAME = "清泉山预览"'
        ),
        encoding="utf-8",
    )
    wait_for(lambda: "清泉山预览" in preview.page("news-1.html")[1], "the new site name")

    # Stopped by its PID, it ends cleanly and leaves no staging folder behind.
    os.kill(preview.process.pid, signal.SIGTERM)
    assert preview.process.wait(timeout=30) == 0
    assert "preview stopped" in preview.text()
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []


def test_busy_port_is_explained(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "devserver.py"), "-s", CONF,
             "-c", str(FIXTURES / "editor_build" / "content"), "-o", str(tmp_path / "out"),
             "--port", str(port)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert f"PORT={port + 1}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_script_goes_before_the_end_of_the_body() -> None:
    tag = b"<script src=x></script>"
    assert inject(b"<html><body>a</body></html>", tag) == b"<html><body>a" + tag + b"</body></html>"
    assert inject(b"<p>no body", tag) == b"<p>no body" + tag
    # A "</body>" in a code sample comes before the real one.
    page = b"<body><code>&lt;/body&gt;</code><pre></BODY></pre></body >"
    assert inject(page, tag).endswith(tag + b"</body >")


def test_state_wakes_waiting_pages() -> None:
    live = LiveState()
    version, state = live.snapshot()
    assert (state["built"], state["ok"]) == (0, True)
    assert live.wait(version, timeout=0.01) is None
    live.record(ok=False, problems=[], log=["CRITICAL template error"])
    changed = live.wait(version, timeout=1)
    assert changed is not None
    assert changed[1]["ok"] is False
    assert changed[1]["log"] == ["CRITICAL template error"]
    live.record(ok=True)
    assert live.snapshot()[1] | {"session": ""} == {
        "session": "", "built": 1, "fast": 0, "pages": [], "ok": True, "problems": [],
        "log": [],
    }  # fmt: skip


def write_catalogue(folder: Path, lang: str, strings: dict[str, str]) -> None:
    """A site's own interface catalogue (I18N_UI_TRANSLATIONS_PATH) for `lang`."""
    po = folder / lang / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{k}"\nmsgstr "{v}"\n\n' for k, v in strings.items())
    header = f'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n'
    header += '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    po.write_text(header + body, encoding="utf-8")


FRENCH = {
    "The preview is out of date: the last build failed": "L'aperçu n'est plus à jour",
    "Close": "Fermer",
}


def test_overlay_words_come_from_the_sites_catalogues(tmp_path: Path) -> None:
    write_catalogue(tmp_path / "cat", "fr", FRENCH)
    write_catalogue(tmp_path / "cat", "ar", {"Close": "إغلاق"})
    conf = tmp_path / "siteconf.py"
    conf.write_text(
        Path(CONF).read_text(encoding="utf-8")
        + f"\nI18N_UI_TRANSLATIONS_PATH = {str(tmp_path / 'cat')!r}\n"
        + "I18N_UI_HTML_LANG = {'fr': 'fr-FR'}\n",
        encoding="utf-8",
    )
    words = overlay_words(str(conf))

    french = words.for_page(b'<!DOCTYPE html>\n<html lang="fr-FR" class="x">')
    assert (french["title"], french["close"], french["lang"], french["dir"]) == (
        "L'aperçu n'est plus à jour",
        "Fermer",
        "fr",
        "",
    )
    # Untranslated words stay as written, in English.
    assert french["intro"] == "Fix these problems and save the file: this page updates by itself."
    # A regional tag falls back to its language; Arabic is set from the right.
    assert words.for_page(b"<html lang='fr-CA'>")["close"] == "Fermer"
    arabic = words.for_page(b"<HTML dir=rtl LANG=ar>")
    assert (arabic["close"], arabic["lang"], arabic["dir"]) == ("إغلاق", "ar", "rtl")
    # No catalogue for the page's language, or no language at all: English.
    for page in (b'<html lang="de">', b"<html>", b""):
        assert words.for_page(page)["close"] == "Close"
        assert words.for_page(page)["lang"] == "en"
    # The theme's own catalogues when the site has none; settings that do not load: English.
    conf.write_text(
        Path(CONF).read_text(encoding="utf-8") + f"\nTHEME = {str(ROOT / 'theme')!r}\n",
        encoding="utf-8",
    )
    theme = overlay_words(str(conf)).for_page(b'<html lang="zh-Hans">')
    assert theme["title"] == "预览没有更新：上一次生成网站失败"
    unreadable = overlay_words(str(tmp_path / "missing.py"))
    assert unreadable.for_page(b'<html lang="fr">')["close"] == "Close"


def test_no_rule_book_error_means_the_build_log_is_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "editor_build" / "content", tmp_path / "content")
    shutil.copy(CONF, tmp_path / "siteconf.py")
    monkeypatch.chdir(tmp_path)
    assert build_problems("siteconf.py", "content") == []
    assert build_problems("missing.py", "content") == []  # broken settings: the log says why
    (tmp_path / "content" / "bad.md").write_text("Title: x\nDate: 19/06/2024\n\nx\n", "utf-8")
    (line,) = [p["text"] for p in build_problems("siteconf.py", "content")]
    assert line.startswith("content/bad.md:2: error: field 'date' = '19/06/2024'")


def test_phone_preview_prints_the_lan_address_and_a_qr_code() -> None:
    urls = phone_urls("0.0.0.0", 8000, ["192.168.1.20", "10.0.0.5"])
    assert urls == ["http://192.168.1.20:8000/", "http://10.0.0.5:8000/"]
    assert phone_urls("127.0.0.1", 8000) == []
    assert phone_urls("localhost", 8000) == []
    assert phone_urls("192.168.1.20", 8001) == ["http://192.168.1.20:8001/"]
    out = io.StringIO()
    print_phone_preview(urls, out)
    text = out.getvalue()
    assert "open: http://192.168.1.20:8000/" in text
    assert "or: http://10.0.0.5:8000/" in text
    qr_lines = [line for line in text.splitlines() if "█" in line or "▀" in line]
    assert len(qr_lines) > 10  # segno's compact terminal code: two modules a character
    none = io.StringIO()
    print_phone_preview([], none)
    assert "No network address found" in none.getvalue()


def test_lan_addresses_are_reachable_ones() -> None:
    listed = interface_addresses()
    assert all(isinstance(ipaddress.ip_address(a), ipaddress.IPv4Address) for a in listed)
    for address in lan_addresses():
        assert not address.startswith(("127.", "169.254.", "0."))
    assert lan_addresses("localhost") == []


def test_a_missing_page_is_the_sites_404_page_with_the_live_script(
    preview: Preview, tmp_path: Path
) -> None:
    wait_for(lambda: "Watching" in preview.text(), "the first build")

    def missing() -> tuple[int, str]:
        try:
            with urllib.request.urlopen(preview.url + "gone/away.html", timeout=5):
                return 200, ""
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    code, body = missing()
    assert code == 404
    assert "Not found" in body and "/__devserver/reload.js" in body
    # The site's own 404 page when it has one (as our theme makes).
    (tmp_path / "output" / "404.html").write_text(
        "<html><body><h1>Page introuvable</h1></body></html>", encoding="utf-8"
    )
    code, body = missing()
    assert code == 404
    assert "Page introuvable" in body and body.index("reload.js") < body.index("</body>")


def test_a_save_before_the_watch_began_is_not_lost(tmp_path: Path) -> None:
    """The devserver takes a snapshot before its first build and compares it once the
    watcher runs: a file saved meanwhile (during the build, or as "Watching" is printed)
    is rebuilt, though the watcher itself never saw it."""
    from tools.devserver import tree_changes, tree_state

    folder = tmp_path / "content"
    (folder / "cache").mkdir(parents=True)
    kept, edited, gone = (folder / n for n in ("kept.md", "edited.md", "gone.md"))
    for path in (kept, edited, gone):
        path.write_text("x", encoding="utf-8")
    (folder / "notes.md.tmp").write_text("an editor's temporary file", encoding="utf-8")
    before = tree_state([folder])
    assert set(before) == {str(kept), str(edited), str(gone)}
    edited.write_text("longer now", encoding="utf-8")
    gone.unlink()
    (folder / "new.md").write_text("new", encoding="utf-8")
    assert {(c.name, Path(p).name) for c, p in tree_changes(before, tree_state([folder]))} == {
        ("modified", "edited.md"), ("deleted", "gone.md"), ("added", "new.md")
    }  # fmt: skip


def test_a_file_written_as_watching_is_printed_is_built(tmp_path: Path) -> None:
    with start_preview(tmp_path) as server:
        wait_for(lambda: "Watching" in server.text(), "the first build")
        (tmp_path / "content" / "early.md").write_text(
            "Title: Early\nSlug: early\nDate: 2024-06-19\n\nText.\n", "utf-8"
        )
        wait_for(lambda: server.page("early.html")[0] == 200, "the early page", limit=30)
