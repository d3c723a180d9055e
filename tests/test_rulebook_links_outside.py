"""Links in the content that lead out of it are refused, by `make check` and the build.

Found by a tester: `content/extra/shadow.txt -> /etc/shadow`, a folder link to a folder of
secrets and a `{static}` link to a link to /etc/passwd were all published, in silence:
Pelican follows links. The galleries already refused theirs; every other folder now does.
A link that stays inside the content is allowed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from agreement_helpers import (
    assert_no_traceback,
    assert_refused_naming,
    check_and_build,
    write_conf,
)
from conftest import FIXTURES

CLEAN = FIXTURES / "check_clean" / "content"
SECRET = "API_TOKEN=do-not-publish\n"


def _site(work: Path) -> Path:
    shutil.copytree(CLEAN, work / "content")
    outside = work / "outside"
    outside.mkdir()
    (outside / ".env").write_text(SECRET, encoding="utf-8")
    (outside / "notes.txt").write_text(SECRET, encoding="utf-8")
    return work / "content"


def _published(output: Path) -> list[Path]:
    if not output.is_dir():
        return []
    return [p for p in output.rglob("*") if p.is_file() and SECRET in p.read_text("latin-1")]


def test_a_link_to_a_file_outside_is_refused(tmp_path: Path) -> None:
    content = _site(tmp_path)
    (content / "extra").mkdir(exist_ok=True)
    (content / "extra" / "notes.txt").symlink_to(tmp_path / "outside" / "notes.txt")
    both = check_and_build(tmp_path, write_conf(tmp_path / "conf.py"))
    assert_no_traceback(both)
    assert_refused_naming(both, "extra/notes.txt")
    assert "outside the content folder" in both.checked
    assert _published(both.output) == []


def test_a_link_to_a_folder_outside_is_refused_and_not_walked(tmp_path: Path) -> None:
    content = _site(tmp_path)
    (content / "extra").mkdir(exist_ok=True)
    (content / "extra" / "docs").symlink_to(tmp_path / "outside", target_is_directory=True)
    (content / "articles" / "up").symlink_to(tmp_path, target_is_directory=True)  # a loop
    both = check_and_build(tmp_path, write_conf(tmp_path / "conf.py"))
    assert_no_traceback(both)
    assert_refused_naming(both, "extra/docs")
    assert "content/articles/up:1: error: a link to" in both.checked
    assert _published(both.output) == []


def test_a_link_inside_the_content_is_allowed(tmp_path: Path) -> None:
    content = _site(tmp_path)
    (content / "extra").mkdir(exist_ok=True)
    (content / "downloads").mkdir()
    (content / "downloads" / "rota.txt").write_text("Monday: Li\n", encoding="utf-8")
    (content / "extra" / "rota.txt").symlink_to(Path("..") / "downloads" / "rota.txt")
    both = check_and_build(tmp_path, write_conf(tmp_path / "conf.py"))
    assert_no_traceback(both)
    assert both.check.returncode == 0, both.checked
    assert both.build.returncode == 0, both.said
    assert (both.output / "extra" / "rota.txt").read_text(encoding="utf-8") == "Monday: Li\n"


def test_a_new_link_is_seen_by_a_check_that_remembers(tmp_path: Path) -> None:
    """The checker keeps its answer while no file changes: a new link is a change."""
    content = _site(tmp_path)
    conf = write_conf(tmp_path / "conf.py")
    first = check_and_build(tmp_path, conf, previous=False)
    assert first.check.returncode == 0, first.checked
    shutil.rmtree(tmp_path / "output")
    (content / "extra").mkdir(exist_ok=True)
    (content / "extra" / "env").symlink_to(tmp_path / "outside" / ".env")
    second = check_and_build(tmp_path, conf, previous=False)
    assert_refused_naming(second, "extra/env")
