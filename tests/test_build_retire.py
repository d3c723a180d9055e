"""The safe build retires the previous site in the background (`tools/build.py`).

`swap_in` renames the old `output/` to `.output.old-<pid>`, named after a detached process
that deletes it, so the build does not wait for the deletion; `remove_stale` deletes only
folders whose process is gone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tools import build


def _site(folder: Path, text: str) -> Path:
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "index.html").write_text(text, encoding="utf-8")
    return folder


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _wait_until_gone(path: Path, limit: float = 20.0) -> None:
    deadline = time.monotonic() + limit
    while path.exists():
        if time.monotonic() > deadline:
            pytest.fail(f"{path} was never deleted")
        time.sleep(0.02)


def _retired(output: Path) -> list[Path]:
    return sorted(output.parent.glob(f".{output.name}.old-*"))


def test_swap_in_replaces_the_site_and_deletes_the_old_one_later(tmp_path: Path) -> None:
    output = _site(tmp_path / "output", "old")
    staging = _site(tmp_path / f"output.new-{os.getpid()}", "new")

    build.swap_in(staging, output)

    assert (output / "news" / "index.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists()
    assert sorted(p.name for p in tmp_path.glob("output.*")) == []  # nothing visible left
    for retired in _retired(output):  # at most the one being deleted
        _wait_until_gone(retired)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_swap_in_without_a_deleter_deletes_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "start_deleter", lambda: None)
    output = _site(tmp_path / "output", "old")
    staging = _site(tmp_path / "output.new-1", "new")

    build.swap_in(staging, output)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
    assert (output / "news" / "index.html").read_text(encoding="utf-8") == "new"


def test_swap_in_keeps_the_old_site_when_the_new_one_cannot_move_in(tmp_path: Path) -> None:
    output = _site(tmp_path / "output", "old")
    missing = tmp_path / "output.new-1"  # never built: the second rename fails

    with pytest.raises(OSError):
        build.swap_in(missing, output)

    assert (output / "news" / "index.html").read_text(encoding="utf-8") == "old"
    time.sleep(0.3)  # the deleter was told to delete nothing
    assert (output / "news" / "index.html").read_text(encoding="utf-8") == "old"
    assert _retired(output) == []


def test_swap_in_with_no_previous_site_just_renames(tmp_path: Path) -> None:
    output = tmp_path / "output"
    staging = _site(tmp_path / "output.new-1", "new")

    build.swap_in(staging, output)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_remove_stale_spares_folders_of_live_processes(tmp_path: Path) -> None:
    output = _site(tmp_path / "output", "site")
    dead = _dead_pid()
    live = os.getppid()  # the process that started the tests: alive
    gone = [
        _site(tmp_path / f".output.old-{dead}", "retired, deleter killed"),
        _site(tmp_path / f"output.old-{dead}", "retired by an older build"),
        _site(tmp_path / f"output.new-{dead}", "a killed build's staging"),
    ]
    kept = [
        _site(tmp_path / f".output.old-{live}", "being deleted"),
        _site(tmp_path / f"output.new-{live}", "being built"),
        _site(tmp_path / "output.backup", "not ours"),
    ]

    build.remove_stale(output)

    assert not any(path.exists() for path in gone)
    assert all(path.exists() for path in kept)
    assert output.exists()
