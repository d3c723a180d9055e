"""Run `make check` and the real build on one content folder, and read what they said.

Shared by tests/test_rulebook_agreement.py (a hand-written table of inputs) and
tests/test_rulebook_mutations.py (inputs made by a seeded generator): both assert that the
checker (`tools/check.py`) and the build (`tools/build.py`) agree.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from conftest import run_build
from PIL import Image
from test_editor_check import findings, run_check

PREVIOUS = "the previous site"


def noise_photo(seed: int, exif: Image.Exif | None = None) -> bytes:
    """A 48×32 JPEG of noise (1.5 KB: its pixels, not its header, are most of it, so a
    copy cut short keeps a readable header)."""
    noise = random.Random(seed).randbytes(48 * 32 * 3)
    out = BytesIO()
    Image.frombytes("RGB", (48, 32), noise).save(out, "JPEG", exif=exif or Image.Exif())
    return out.getvalue()


def write_conf(path: Path, **settings: object) -> Path:
    """A settings file: the site's own (pelicanconf.py), then `settings` (by repr)."""
    lines = ["from pelicanconf import *  # noqa: F403\n"]
    lines += [f"{key} = {value!r}\n" for key, value in settings.items()]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def write_files(content: Path, files: Mapping[str, str | bytes | None]) -> None:
    """Write each file (a path under `content`: text as UTF-8, or bytes); None deletes it."""
    for name, data in files.items():
        target = content / name
        if data is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode() if isinstance(data, str) else data)


@dataclass(frozen=True)
class Both:
    """What the checker and the build said about one content folder."""

    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]
    output: Path

    @property
    def checked(self) -> str:
        return self.check.stdout + self.check.stderr

    @property
    def said(self) -> str:
        return self.build.stdout + self.build.stderr

    def errors(self) -> list[tuple[str, int]]:
        """The checker's errors, as (path, line)."""
        return [(p, n) for p, n, severity in findings(self.check.stdout) if severity == "error"]

    def refused(self) -> tuple[bool, bool]:
        """Whether the checker and the build refused it (a warning alone is no refusal)."""
        return self.check.returncode != 0, self.build.returncode != 0


def check_and_build(work: Path, conf: Path, *, previous: bool = True) -> Both:
    """Check and build `work`/content into `work`/output, as `make check` and `make html`
    do; with `previous`, an earlier site is in output/ first (a refusal must keep it)."""
    check = run_check(work, "-s", str(conf))
    output = work / "output"
    if previous:
        output.mkdir()
        (output / "index.html").write_text(PREVIOUS, encoding="utf-8")
    build = run_build(work / "content", output, conf=str(conf), env={"COLUMNS": "400"})
    return Both(check, build, output)


def assert_no_traceback(both: Both) -> None:
    assert "Traceback" not in both.checked, both.checked
    assert "Traceback" not in both.said, both.said


def assert_refused_naming(both: Both, named: str) -> None:
    """Both refused, each naming content/`named` (the checker with a line); the previous
    output (if any) is as it was, and no new one was left."""
    assert both.check.returncode == 1, both.checked
    assert any(p == f"content/{named}" and n >= 1 for p, n in both.errors()), both.checked
    assert both.build.returncode != 0, both.said
    assert f"content/{named}" in both.said, both.said
    assert_output_untouched(both)


def assert_output_untouched(both: Both) -> None:
    """After a refused build: output/ holds the previous site, or does not exist, and no
    staging folder is left beside it."""
    assert not list(both.output.parent.glob(f"{both.output.name}.*")), both.said
    if not both.output.exists():
        return
    assert sorted(p.name for p in both.output.iterdir()) == ["index.html"]
    assert (both.output / "index.html").read_text(encoding="utf-8") == PREVIOUS
