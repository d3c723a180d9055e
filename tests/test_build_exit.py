"""`tools/run_pelican.py` leaves without tearing the interpreter down (`exit_now`).

What must survive the shortcut: the exit status, every line of the log (even into a
pipe), `atexit` handlers, and threads still running (then it exits the ordinary way).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

CONF = str(FIXTURES / "editor_build" / "buildconf.py")


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("code", [0, 1, 3])
def test_the_status_atexit_handlers_and_buffered_output_survive(code: int) -> None:
    result = python(
        "import atexit, sys\n"
        "from tools.run_pelican import exit_now\n"
        "atexit.register(print, 'atexit ran')\n"
        "sys.stdout.write('buffered, no newline')\n"
        f"exit_now({code})\n"
    )
    assert result.returncode == code
    assert result.stdout == "buffered, no newlineatexit ran\n"


def test_a_running_thread_is_waited_for() -> None:
    result = python(
        "import threading, time\n"
        "from tools.run_pelican import exit_now\n"
        "def late():\n"
        "    time.sleep(0.3)\n"
        "    print('thread finished', flush=True)\n"
        "threading.Thread(target=late).start()\n"
        "exit_now(4)\n"
    )
    assert result.returncode == 4
    assert result.stdout == "thread finished\n"


def _run_pelican(content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "run_pelican.py"), str(content),
         "-s", CONF, "-o", str(output), "--fatal", "errors"],
        capture_output=True, text=True, check=False, cwd=content.parent,
    )  # fmt: skip


def test_a_build_ends_with_its_summary_and_status_0(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("Title: A\nDate: 2024-06-01\n\nText.\n", encoding="utf-8")
    result = _run_pelican(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert "Done: Processed 1 article" in result.stdout  # the last line, through a pipe
    assert (tmp_path / "output" / "a.html").is_file()


def test_a_content_mistake_still_fails_the_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text("Date: 2024-06-01\n\nNo title.\n", encoding="utf-8")
    result = _run_pelican(content, tmp_path / "output")
    assert result.returncode != 0
    assert "a.md" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
