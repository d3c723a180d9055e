"""What `tools/run_pelican.py` relies on in Pelican, pinned against the installed Pelican.

run_pelican puts Pelican's exceptions into words by matching its message strings and by
reading the local variables of traceback frames. Each test below makes Pelican itself
produce the thing matched (a real logger, reader, writer and generator, no copies of
their text), so that an upgrade that changes one of them fails here, naming it, instead
of turning a one-line content mistake back into a traceback.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from blinker import NamedSignal
from pelican import log as pelican_log
from pelican.generators import Generator, PelicanTemplateNotFound
from pelican.plugins import signals as pelican_signals
from pelican.readers import BaseReader
from pelican.settings import DEFAULT_CONFIG
from pelican.writers import Writer

from tools import run_pelican


@pytest.fixture(autouse=True)
def no_plugins() -> Iterator[None]:
    """Pelican itself, without the receivers earlier in-process builds of the suite left
    connected to its signals (blinker keeps them for the life of the process)."""
    with contextlib.ExitStack() as stack:
        for value in vars(pelican_signals).values():
            if isinstance(value, NamedSignal):
                stack.enter_context(value.muted())
        yield


@pytest.fixture
def fatal_errors():
    """Pelican's logging as `--fatal errors` sets it up, put back afterwards."""
    before = pelican_log.FatalLogger.fatal_lvl
    pelican_log.FatalLogger.fatal_lvl = logging.ERROR
    yield logging.getLogger("pelican.contract-test")
    pelican_log.FatalLogger.fatal_lvl = before


def test_fatal_logger_raises_the_message_run_pelican_matches(fatal_errors) -> None:
    assert isinstance(fatal_errors, pelican_log.FatalLogger)
    with pytest.raises(RuntimeError) as raised:
        fatal_errors.error("a content mistake")
    assert str(raised.value) == run_pelican.FATAL_MESSAGE


def test_metadata_errors_happen_in_process_metadata_with_name_and_value() -> None:
    reader = BaseReader(dict(DEFAULT_CONFIG))
    with pytest.raises(ValueError) as raised:
        reader.process_metadata("date", "19/13/2024")
    # The innermost frame of ours that has `name`, `value` and `self`: reading_problem.
    problem = run_pelican.reading_problem(raised.value, raised.tb)
    assert problem.startswith("field 'date' = '19/13/2024': not a date")


def test_a_file_that_is_not_utf8_is_named_by_the_reading_problem() -> None:
    try:
        b"\xff\xfe\xfa".decode("utf-8")
    except UnicodeDecodeError as error:
        assert run_pelican.reading_problem(error, sys.exc_info()[2]) == run_pelican.NOT_UTF8


def test_generators_log_unreadable_files_with_the_matched_message(tmp_path: Path) -> None:
    """The generator logs `Could not process %s` with the path as its only argument."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "broken.md").write_bytes(b"Title: x\nDate: 2024-01-01\n\n\xff\n")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    from pelican.generators import ArticlesGenerator
    from pelican.settings import read_settings

    settings = read_settings(
        override={
            "PATH": str(tmp_path / "content"),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        }
    )
    handler = Keep()
    logger = logging.getLogger("pelican.generators")
    logger.addHandler(handler)
    try:
        context = {**settings, "generated_content": {}, "static_content": {}}
        generator = ArticlesGenerator(
            context=context,
            settings=settings,
            path=settings["PATH"],
            theme=settings["THEME"],
            output_path=str(tmp_path / "output"),
        )
        generator.generate_context()
    finally:
        logger.removeHandler(handler)
    matched = [r for r in records if r.msg == run_pelican.COULD_NOT_PROCESS]
    assert matched, [r.msg for r in records]
    assert len(matched[0].args or ()) == 1


def test_writing_one_path_twice_fails_with_the_matched_message(tmp_path: Path) -> None:
    settings = dict(DEFAULT_CONFIG)
    writer = Writer(str(tmp_path), settings=settings)
    target = str(tmp_path / "news" / "x" / "index.html")
    Path(target).parent.mkdir(parents=True)
    with writer._open_w(target, "utf-8"):
        pass
    with pytest.raises(Exception) as raised:
        writer._open_w(target, "utf-8")
    found = run_pelican.OVERWRITE.search(str(raised.value))
    assert found and found["path"] == target


def test_a_missing_template_is_pelicans_own_exception(tmp_path: Path) -> None:
    from pelican.settings import read_settings

    settings = read_settings(override={"PATH": str(tmp_path)})
    generator = Generator(
        context=settings.copy(),
        settings=settings,
        path=str(tmp_path),
        theme=settings["THEME"],
        output_path=str(tmp_path / "output"),
    )
    with pytest.raises(PelicanTemplateNotFound) as raised:
        generator.get_template("no-such-template")
    assert type(raised.value).__name__ == "PelicanTemplateNotFound"
    assert run_pelican.fatal_problem(raised.value, raised.tb) is not None


def test_wrong_plugin_settings_stop_the_build_without_a_traceback(tmp_path: Path) -> None:
    """Every plugin stops on its settings with one SettingsError; run_pelican says it
    in words (Pelican's main() would log it with a traceback)."""
    from community_press import SettingsError

    error = SettingsError("demo", ["setting 'DEMO_COUNT' = -1: must be a whole number"])
    assert run_pelican.fatal_problem(error, None) == str(error)
    assert "DEMO_COUNT" in str(error)
