"""`tools/run_pelican.py` leaves without tearing the interpreter down (`exit_now`).

What must survive the shortcut: the exit status, every line of the log (even into a
pipe), `atexit` handlers, and threads still running (then it exits the ordinary way).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_build
from PIL import Image

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


def test_into_a_pipe_each_problem_is_one_whole_line(tmp_path: Path) -> None:
    """CI's log is a pipe 80 columns wide: a problem stays one line, its file name whole,
    as `make check` prints it (editors, CI annotations and grep read it so)."""
    content = tmp_path / "content" / "articles" / "a-rather-long-folder-name-for-the-news"
    content.mkdir(parents=True)
    (content / "summer-fair.md").write_text("Title: Fair\nDate: 2024-13-01\n\nText.\n")
    result = run_build(tmp_path / "content", tmp_path / "output", env={"COLUMNS": "80"})
    assert result.returncode != 0
    line = (
        f"  {content.relative_to(tmp_path) / 'summer-fair.md'}:2: error: field 'date' = "
        "'2024-13-01': not a date "
        "(use YYYY-MM-DD HH:MM, for example 2024-06-19 15:00)"
    )
    assert line in result.stderr.splitlines(), result.stderr
    assert "ERROR    1 error(s) in content: fix them and build again:" in result.stderr


# --- tools/build.py runs Pelican in its own process (`build_here`) ----------------------


def _site(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "editor_build" / "content", content)
    output = tmp_path / "output"
    first = run_build(content, output, CONF)
    assert first.returncode == 0, first.stderr
    return content, output


def _paused_build(content: Path, output: Path, marker: Path) -> subprocess.Popen[bytes]:
    build = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "build.py"), "-s", CONF,
         "-c", str(content), "-o", str(output)],
        cwd=output.parent, env={**os.environ, "EDITOR_SLOW_MARKER": str(marker)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert time.monotonic() < deadline, "the build never wrote its first file"
        assert build.poll() is None, build.communicate()
        time.sleep(0.05)
    return build


def test_pelican_runs_in_the_build_process_and_swaps_the_site_in(tmp_path: Path) -> None:
    content, output = _site(tmp_path)
    marker = tmp_path / "paused"
    build = _paused_build(content, output, marker)
    try:
        assert int(marker.read_text().split()[0]) == build.pid  # no second Python
        assert (tmp_path / f"output.new-{build.pid}").is_dir()
    finally:
        build.kill()
        build.wait()
    marker.unlink()  # the next build runs through
    (content / "news-1.md").write_text(
        (content / "news-1.md").read_text("utf-8").replace("第 1 篇", "换过的"), "utf-8"
    )
    result = run_build(content, output, CONF)
    assert result.returncode == 0, result.stderr
    assert "换过的" in (output / "news-1.html").read_text("utf-8")
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []


def test_ctrl_c_keeps_the_previous_site(tmp_path: Path) -> None:
    content, output = _site(tmp_path)
    before = (output / "news-1.html").read_bytes()
    (content / "news-1.md").write_text(
        (content / "news-1.md").read_text("utf-8").replace("第 1 篇", "半途"), "utf-8"
    )
    build = _paused_build(content, output, tmp_path / "paused")
    build.send_signal(signal.SIGINT)
    _out, err = build.communicate(timeout=60)
    assert build.returncode == 130, err
    assert (output / "news-1.html").read_bytes() == before  # half a site never goes live
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []
    assert b"is unchanged" in err
    assert b"content checker" not in err  # Ctrl+C is no mistake to explain


def test_a_build_stopped_by_an_error_while_photos_are_made_says_only_that(
    tmp_path: Path,
) -> None:
    """The gallery starts on photos before the rule book has read the content: a content
    error then ends the build while workers are busy. It exits 1 naming the file, with no
    traceback from the photo pool shutting down, and the photos under way reach the
    cache."""
    content = tmp_path / "content"
    (content / "galleries" / "g").mkdir(parents=True)
    (content / "articles").mkdir()
    first = content / "galleries" / "g" / "p0.jpg"
    Image.effect_noise((3000, 2000), 60).convert("RGB").save(first, quality=90)
    for number in range(1, 12):  # other bytes after the image's end: other photos
        target = content / "galleries" / "g" / f"p{number}.jpg"
        target.write_bytes(first.read_bytes() + bytes([number]))
    for name in ("a", "b"):
        (content / "articles" / f"{name}.md").write_text(
            "Title: Hello\nDate: 2024-01-01\nSlug: hello\nLang: en\ngallery: g\n\nText.\n",
            encoding="utf-8",
        )
    result = run_build(content, tmp_path / "output")
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    assert "content/articles/b.md" in said and "already used" in said, said
    assert "Traceback" not in said, said
    assert not (tmp_path / "output").exists()
    assert list((tmp_path / "cache" / "gallery").rglob("manifest.json")), "no photo kept"
