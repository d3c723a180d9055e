"""The safe build (`tools/build.py`): nothing is lost when a build fails or is killed.

These tests use bare Pelican settings (tests/fixtures/editor_build/buildconf.py) so that they
test the staging and the swap, whatever state our plugins and theme are in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_build

FIXTURE = FIXTURES / "editor_build"
CONF = str(FIXTURE / "buildconf.py")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder`, with a SHA-256 of each file's bytes."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        found[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.glob(f"{output.name}.*"))


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the fixture content, built once into `output/`."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    output = tmp_path / "output"
    first = run_build(content, output, CONF)
    assert first.returncode == 0, first.stderr
    assert (output / "news-1.html").is_file()
    return content, output


def test_failing_build_leaves_previous_output_byte_for_byte(site: tuple[Path, Path]) -> None:
    content, output = site
    before = snapshot(output)
    (content / "news-2.md").write_text("Slug: news-2\nDate: 2024-06-12\n\nThe title is gone.\n")
    (content / "news-4.md").write_text("Title: 新的\nDate: 2024-06-14\n\nA new article.\n")

    result = run_build(content, output, CONF)

    assert result.returncode != 0
    assert snapshot(output) == before
    assert leftovers(output) == []
    said = result.stdout + result.stderr  # Pelican's log goes to stdout
    assert "news-2.md" in said  # the message names the file ...
    assert "'title'" in said  # ... and the field
    assert "Traceback" not in said
    assert "the previous site in" in result.stderr
    assert "is unchanged" in result.stderr


def test_successful_build_replaces_the_whole_site(site: tuple[Path, Path]) -> None:
    content, output = site
    (content / "news-3.md").unlink()
    (content / "news-1.md").write_text(
        (content / "news-1.md").read_text(encoding="utf-8").replace("第 1 篇", "改过的第一篇"),
        encoding="utf-8",
    )

    result = run_build(content, output, CONF)

    assert result.returncode == 0, result.stderr
    assert "改过的第一篇" in (output / "news-1.html").read_text(encoding="utf-8")
    assert not (output / "news-3.html").exists()  # a fresh folder: nothing stale stays
    assert leftovers(output) == []


def _wait_for(condition, what: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child stays a zombie until its (dead) parent's parent reaps it.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def test_killed_build_leaves_no_mixed_site_and_is_cleaned_next_time(
    site: tuple[Path, Path], tmp_path: Path
) -> None:
    content, output = site
    before = snapshot(output)
    (content / "news-1.md").write_text(
        (content / "news-1.md").read_text(encoding="utf-8").replace("第 1 篇", "第二版"),
        encoding="utf-8",
    )
    marker = tmp_path / "paused"
    build = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "build.py"), "-s", CONF,
         "-c", str(content), "-o", str(output)],
        cwd=tmp_path,
        env={**os.environ, "EDITOR_SLOW_MARKER": str(marker)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait_for(marker.exists, "the build to write its first file")
        pelican_pid = int(marker.read_text().split()[0])
        staging = tmp_path / f"output.new-{build.pid}"
        assert staging.is_dir()  # half-way: a staging folder with some of the site
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        # The Pelican child dies with its build rather than writing on as an orphan.
        _wait_for(lambda: not _alive(pelican_pid), "the Pelican child to die", 10)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()

    assert snapshot(output) == before  # the old site, untouched: no mixed site
    assert leftovers(output) == [f"output.new-{build.pid}"]

    result = run_build(content, output, CONF)

    assert result.returncode == 0, result.stderr
    assert leftovers(output) == []  # the stale staging folder is gone
    assert "第二版" in (output / "news-1.html").read_text(encoding="utf-8")
