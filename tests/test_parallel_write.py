"""The parallel page writer: the same site, byte for byte, whatever the number of workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from community_press import SettingsError
from conftest import build_site
from jinja2 import Environment
from parallel_write.glue import ParallelWriter
from parallel_write.shares import assign
from pelican import signals

from benchmarks.corpus import CorpusSize, generate


@pytest.mark.parametrize(
    ("names", "workers", "expected"),
    [
        ([], 2, [[], []]),
        (["a", "b", "c", "d", "e"], 2, [[0, 2, 4], [1, 3]]),
        (["a", "b", "c"], 1, [[0, 1, 2]]),
        # a name written twice stays in one share, in order (override_output rules)
        (["a", "b", "a", "c"], 2, [[0, 2, 3], [1]]),
        (["a", "b"], 4, [[0], [1], [], []]),  # more workers than writes
    ],
)
def test_assign_deals_names_out_in_turn(
    names: list[str], workers: int, expected: list[list[int]]
) -> None:
    assert assign(names, workers) == expected


def test_assign_needs_a_worker() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        assign(["a"], 0)


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A text-only site with listings over several pages, events and translations."""
    dest = tmp_path_factory.mktemp("pw")
    generate(dest, CorpusSize("pw", articles=24, events=6, photos=0, galleries=0), seed=3)
    return dest / "ours" / "content"


def test_parallel_build_writes_the_same_site(content: Path, tmp_path: Path) -> None:
    common = {"EVENTS_NOW": "2026-06-01 12:00", "PARALLEL_WRITE_MIN_PAGES": 1}
    serial = build_site(content, tmp_path / "serial" / "output", PARALLEL_WRITE_WORKERS=1, **common)
    parallel = build_site(content, tmp_path / "par" / "output", PARALLEL_WRITE_WORKERS=3, **common)
    assert not parallel.problems(), parallel.problems()
    pages = _tree(parallel.output)
    assert len([p for p in pages if p.endswith(".html")]) > 60
    assert pages == _tree(serial.output)


def _writer(tmp_path: Path, **settings: object) -> ParallelWriter:
    from pelican.settings import DEFAULT_CONFIG

    config = {**DEFAULT_CONFIG, "PARALLEL_WRITE_WORKERS": 2, "PARALLEL_WRITE_MIN_PAGES": 1}
    return ParallelWriter(str(tmp_path), settings={**config, **settings})


def test_writes_wait_for_flush_then_all_land(tmp_path: Path) -> None:
    template = Environment().from_string("page {{ n }}")
    writer = _writer(tmp_path)
    for n in range(10):
        writer.write_file(f"p{n}/index.html", template, {"n": n})
    assert not list(tmp_path.iterdir())  # recorded, not written
    writer.flush()
    assert sorted(p.read_text() for p in tmp_path.glob("p*/index.html")) == sorted(
        f"page {n}" for n in range(10)
    )
    # The parent knows every file written, so Pelican's overwrite check still works.
    assert len(writer._written_files) == 10
    writer.write_file("late.html", template, {"n": "late"})  # after the flush: at once
    assert (tmp_path / "late.html").read_text() == "page late"


def _in_a_fresh_python(body: str, tmp_path: Path) -> None:
    """Run `body` in a new interpreter: forking needs a process with no foreign threads.

    Earlier tests in the same session (the browser harness) leave threads running, and with
    any unknown thread the writer rightly renders in one process; the worker paths are
    therefore exercised where only the test's own thread exists.
    """
    import subprocess
    import sys
    import textwrap

    from conftest import ROOT

    script = tmp_path / "body.py"
    script.write_text(
        "import sys\n"
        f"sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'plugins')!r}]\n"
        "from pathlib import Path\n"
        "from jinja2 import Environment\n"
        "from pelican.settings import DEFAULT_CONFIG\n"
        "from parallel_write.glue import ParallelWriter, WorkerFailed\n"
        f"out = Path({str(tmp_path / 'out')!r}); out.mkdir()\n"
        "writer = ParallelWriter(str(out), settings={**DEFAULT_CONFIG,\n"
        "    'PARALLEL_WRITE_WORKERS': 2, 'PARALLEL_WRITE_MIN_PAGES': 1})\n" + textwrap.dedent(body)
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_failing_page_in_a_worker_fails_the_build_and_is_named(tmp_path: Path) -> None:
    _in_a_fresh_python(
        """
        import re
        env = Environment()
        good, bad = env.from_string("ok"), env.from_string("{{ 1 / 0 }}")
        writer.write_file("first.html", good, {})
        writer.write_file("broken/index.html", bad, {})  # the second share: a worker's
        try:
            writer.flush()
        except WorkerFailed as error:
            assert re.search(r"broken/index\\.html.*ZeroDivisionError", str(error)), error
        else:
            raise AssertionError("a failing worker passed unnoticed")
        assert writer.used_workers == 2
        assert (out / "first.html").read_text() == "ok"
        """,
        tmp_path,
    )


def _listener(sender: object, **kwargs: object) -> None:
    pass


def test_writes_at_once_when_someone_listens_to_content_written(tmp_path: Path) -> None:
    signals.content_written.connect(_listener)
    try:
        writer = _writer(tmp_path)
        writer.write_file("now.html", Environment().from_string("x"), {})
        assert (tmp_path / "now.html").read_text() == "x"
    finally:
        signals.content_written.disconnect(_listener)


def test_a_bad_worker_count_stops_the_build(content: Path, tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="'PARALLEL_WRITE_WORKERS' = -1: must be a whole"):
        build_site(content, tmp_path / "output", PARALLEL_WRITE_WORKERS=-1)


def test_renders_in_workers_under_pelicans_status_display(tmp_path: Path) -> None:
    """`pelican` builds inside `console.status(...)`, whose thread redraws the display."""
    _in_a_fresh_python(
        """
        from pelican.log import console
        template = Environment().from_string("page {{ n }}")
        for n in range(6):
            writer.write_file(f"p{n}.html", template, {"n": n})
        with console.status("Generating..."):
            writer.flush()
        assert writer.used_workers == 2, writer.used_workers
        assert len(list(out.glob("p*.html"))) == 6
        """,
        tmp_path,
    )


def test_renders_here_when_another_thread_runs(tmp_path: Path) -> None:
    import threading

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        writer = _writer(tmp_path)
        for n in range(4):
            writer.write_file(f"p{n}.html", Environment().from_string("x"), {})
        writer.flush()
        assert writer.used_workers == 1
        assert len(list(tmp_path.glob("p*.html"))) == 4
    finally:
        stop.set()
        other.join()
