"""The live preview (`make devserver`): it rebuilds on a change, and a content error never
takes the last good site offline.

The server runs as editors run it, a subprocess on a free port of 127.0.0.1, stopped by its
PID. It builds with the bare settings of the safe-build tests, so that work in progress on
our plugins or theme (which the server also watches) cannot break this test.
"""

from __future__ import annotations

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
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

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


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    shutil.copytree(FIXTURES / "editor_build" / "content", tmp_path / "content")
    shutil.copy(CONF, tmp_path / "siteconf.py")
    port = free_port()
    log = tmp_path / "devserver.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "tools" / "devserver.py"), "-s", "siteconf.py",
             "-c", "content", "-o", "output", "--port", str(port)],
            cwd=tmp_path,
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


def test_preview_rebuilds_and_survives_a_content_error(preview: Preview, tmp_path: Path) -> None:
    content = tmp_path / "content"
    article = content / "news-1.md"
    wait_for(lambda: "Watching" in preview.text(), "the first build")
    status, html = preview.page("news-1.html")
    assert status == 200
    assert "第 1 篇新闻" in html

    # An edit shows up by itself.
    article.write_text(article.read_text(encoding="utf-8").replace("第 1 篇", "改过的"), "utf-8")
    wait_for(lambda: "改过的" in preview.page("news-1.html")[1], "the edit to show")

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
    status, html = preview.page("news-1.html")
    assert status == 200
    assert "改过的" in html
    assert "第三版" not in html
    assert preview.process.poll() is None  # still running

    # Fixing the mistake brings the preview up to date again.
    (content / "broken.md").unlink()
    wait_for(lambda: "第三版" in preview.page("news-1.html")[1], "the fixed site")

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
