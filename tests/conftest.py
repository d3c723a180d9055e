"""Shared test helpers: build a real site from a small content folder and read what came out."""

from __future__ import annotations

import importlib
import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The demonstration community, built by `make html` in a fresh clone.
EXAMPLE = ROOT / "examples" / "qingquanshan"
SAMPLE = EXAMPLE / "content"


@dataclass
class Build:
    """The result of one in-process Pelican run."""

    output: Path
    records: list[logging.LogRecord] = field(default_factory=list)

    def problems(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records if r.levelno >= level]

    def read(self, relative: str) -> str:
        return (self.output / relative).read_text(encoding="utf-8")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_site(
    content: Path,
    output: Path,
    conf: str = "pelicanconf.py",
    **overrides: object,
) -> Build:
    """Run Pelican in this process on `content` into `output` with our settings."""
    from pelican import Pelican
    from pelican.settings import read_settings

    work = output.parent
    settings = read_settings(
        str(ROOT / conf),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(work / "cache" / "pelican"),
            "GALLERY_CACHE_PATH": str(work / "cache" / "gallery"),
            "JINJA_BYTECODE_CACHE_PATH": str(work / "cache" / "jinja"),
            **overrides,
        },
    )
    # Pelican drops a message it has already logged once in this process (LimitFilter):
    # forget earlier builds so that this Build's records hold all of its own messages.
    from pelican.log import LimitFilter

    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    handler = _Collect()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        Pelican(settings).run()
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
    return Build(output=output, records=handler.records)


def run_build(
    content: Path, output: Path, conf: str = "pelicanconf.py", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command-line build (`tools/build.py`), as `make html` does."""
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build.py"), "-s", str(ROOT / conf),
         "-c", str(content), "-o", str(output)],
        cwd=output.parent,
        capture_output=True,
        text=True,
        # A wide console: messages stay on one line, as a test reads them.
        env={**os.environ, "COLUMNS": "400",
             "COMMUNITY_PRESS_CACHE": str(output.parent / "cache"), **(env or {})},
        check=False,
    )  # fmt: skip


def is_poster(page: object) -> bool:
    """A printable event poster (plugins/posters): a sheet of its own, with no site menu,
    language switch or footer, and noindex (so no hreflang): site-wide page checks that
    are about the site's chrome leave it to tests/test_posters.py."""
    body = getattr(page, "body", None)
    return body is not None and "poster-page" in (body.get("class") or [])


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The whole sample site, built once per test session."""
    work = tmp_path_factory.mktemp("sample")
    return build_site(SAMPLE, work / "output")


def describe(violations: list[dict[str, object]]) -> str:
    """A readable list of axe-core violations for an assertion message (tests/browser)."""
    lines = []
    for v in violations:
        nodes = v["nodes"] if isinstance(v["nodes"], list) else []
        targets = [", ".join(map(str, n["target"])) for n in nodes[:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


@pytest.fixture
def hash_calls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the gallery reads to hash them, in order, during the test."""
    digests = importlib.import_module("gallery.digests")
    calls: list[Path] = []
    real = digests.file_digests

    def counting(path: Path) -> tuple[str, str]:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(digests, "file_digests", counting)
    return calls
