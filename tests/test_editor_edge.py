"""What volunteers really do to content, through the checker and through the real build.

Each test writes one mistake (or one odd but valid file) into a copy of the clean fixture
site, runs `python tools/check.py` as editors do, and runs the real build (`tools/build.py`)
over a copy of an earlier good build. A mistake must be reported by both: the checker as
`path:line: error|warning: message`, the build by a message naming the file and the field,
with no Python traceback, and with the previous `output/` left byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, run_build
from test_editor_check import findings, run_check

CLEAN = FIXTURES / "check_clean" / "content"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): "dir"
        if p.is_dir()
        else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean fixture site, built once: the `output/` each test's build must not harm."""
    work = tmp_path_factory.mktemp("previous")
    shutil.copytree(CLEAN, work / "content")
    result = run_build(work / "content", work / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "output"


@dataclass
class Attempt:
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str] | None
    unchanged: bool
    output: Path

    @property
    def found(self) -> dict[tuple[str, int, str], list[str]]:
        return findings(self.check.stdout)

    @property
    def said(self) -> str:
        """Everything the build printed, on one line."""
        assert self.build is not None
        text = self.build.stdout + self.build.stderr
        return " ".join(text.split())


def attempt(
    tmp_path: Path,
    previous: Path,
    files: dict[str, str | bytes],
    remove: tuple[str, ...] = (),
    build: bool = True,
) -> Attempt:
    """The clean site with `files` written (and `remove` deleted): check it, build it."""
    content = tmp_path / "content"
    shutil.copytree(CLEAN, content)
    for name in remove:
        (content / name).unlink()
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    check = run_check(tmp_path)
    assert "Traceback" not in check.stderr, check.stderr
    output = tmp_path / "output"
    if not build:
        return Attempt(check, None, True, output)
    shutil.copytree(previous, output)
    before = snapshot(output)
    result = run_build(content, output, env={"COLUMNS": "500"})  # Rich: one line a message
    return Attempt(check, result, snapshot(output) == before, output)


def assert_failed_cleanly(result: Attempt, *words: str) -> None:
    """The build failed, said `words`, showed no traceback and kept the previous site."""
    assert result.build is not None
    assert result.build.returncode != 0, result.said
    assert "Traceback" not in result.said, result.said
    for word in words:
        assert word in result.said, result.said
    assert result.unchanged
    assert "is unchanged" in result.build.stderr


def assert_built(result: Attempt) -> None:
    assert result.build is not None
    assert result.build.returncode == 0, result.said
    assert "Traceback" not in result.said, result.said


# --- captions: the checker reads them as the gallery plugin does ----------------------

CAPTIONS = FIXTURES / "check_captions" / "content" / "galleries"


def _project(slug: str, gallery: str) -> str:
    return f"Title: {slug}\nSlug: {slug}\nLang: zh\nTemplate: project\ngallery: {gallery}\n\nx\n"


def _gallery_files(*names: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for name in names:
        for path in (CAPTIONS / name).iterdir():
            files[f"galleries/{name}/{path.name}"] = path.read_bytes()
        files[f"projects/{name}.zh.md"] = _project(name, name)
    return files


def test_captions_the_build_reads_pass_the_checker(tmp_path: Path, previous: Path) -> None:
    """UTF-16 with a BOM (Notepad's "Unicode"), UTF-8 with a BOM, full-width '：' and '｜'."""
    result = attempt(tmp_path, previous, _gallery_files("utf16", "utf8bom", "fullwidth"))
    assert result.found == {}, result.check.stdout
    assert_built(result)
    for name in ("utf16", "utf8bom", "fullwidth"):
        html = BeautifulSoup(
            (result.output / "projects" / name / "index.html").read_text(), "html.parser"
        )
        alts = [img["alt"] for img in html.select(".gallery-grid figure img")]
        assert alts == ["一片开满花的花园", "花园里的一条石子路"], name


@pytest.mark.parametrize("name", ["upper", "double", "singular"])
def test_a_misnamed_captions_file_fails_check_and_build_alike(
    tmp_path: Path, previous: Path, name: str
) -> None:
    result = attempt(tmp_path, previous, _gallery_files(name))
    wrong = next(p.name for p in (CAPTIONS / name).iterdir() if p.suffix == ".txt")
    where = f"content/galleries/{name}/{wrong}"
    # One line, on the file to rename: not one per photo "has no alt text".
    assert list(result.found) == [(where, 1, "error")], result.check.stdout
    assert_failed_cleanly(result, f"{where}: never read: rename it captions.txt")
