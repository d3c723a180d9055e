"""Run Pelican's command line, minus the tracebacks of content mistakes.

With ``--fatal errors`` Pelican turns the first error message (``Skipping x.md: could not
find information about 'title'``) into an exception, and its ``main()`` then logs that
exception with a traceback of its own logging code: a page of Python under a one-line
content mistake. The message has already been printed, so for this one exception the
traceback is dropped.

A few content mistakes reach Pelican as exceptions, which it shows as a traceback, or, when
it fails to read a file, as ``Could not process x.md`` with the reason left out. Those are
put in words here, naming the file and the field where Pelican's exception lets us know them:

- a file that is not UTF-8, and a ``Date``/``Modified`` that is no date (the reason is
  added to ``Could not process x.md``);
- two pages with one Slug and Lang (Pelican fails writing the second one);
- a ``Template:`` that names no template of the theme;
- a wrong setting of one of our plugins (`community_press.SettingsError` lists them all).

Any other exception (a bug in a plugin) keeps its traceback. `tools/build.py` runs Pelican
through this file.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import FrameType, TracebackType
from typing import NoReturn

import pelican
from community_press import SettingsError
from pelican import main
from pelican.log import DEFAULT_LOG_HANDLER
from rulebook.fields import DATE_FORM, NOT_UTF8  # said in the rule book's words

from tools.build import NO_CONTENT, NO_CONTENT_PELICAN

# How tools/build.py (`build_here`) hands over the build it started (the same name there).
SWAP_JOB = "COMMUNITY_PRESS_SWAP_JOB"

FATAL_MESSAGE = "Warning or error encountered"  # pelican/log.py, FatalLogger._log
COULD_NOT_PROCESS = "Could not process %s"  # pelican/generators.py, reading a file
OVERWRITE = re.compile(r'Failed to overwrite "(?P<path>[^"]+)" as Pelican has already written')
STAGING = re.compile(r"^.*?\.new-\d+/")  # tools/build.py writes into output.new-<pid>/


def _frames(tb: TracebackType | None) -> list[dict[str, object]]:
    """The local variables of each frame of a traceback, innermost first."""
    return [frame.f_locals for frame, _ in reversed(list(traceback.walk_tb(tb)))]


def reading_problem(error: BaseException, tb: TracebackType | None) -> str:
    """Why Pelican could not read a file, as the editor can fix it."""
    if isinstance(error, UnicodeDecodeError):
        return NOT_UTF8
    for local in _frames(tb):
        # pelican/readers.py BaseReader.process_metadata(self, name, value)
        if isinstance(local.get("name"), str) and "value" in local and "self" in local:
            name, value = local["name"], local["value"]
            problem = f"not a date ({DATE_FORM})" if name in ("date", "modified") else error
            return f"field {name!r} = {value!r}: {problem}"
    return str(error) or type(error).__name__


def fatal_problem(error: BaseException, tb: TracebackType | None) -> str | None:
    """A content or settings mistake behind an exception that stopped the build, or None
    for a bug."""
    if isinstance(error, SettingsError):  # every plugin stops on its settings this way
        return str(error)
    text = str(error)
    if text.startswith(NO_CONTENT_PELICAN):
        return NO_CONTENT
    overwrite = OVERWRITE.search(text)
    if overwrite:  # pelican.writers.FileOverwriteFailedError, maybe from a worker
        target = STAGING.sub("", overwrite["path"])
        return (
            f"two pages would be written to {target}: two files have the same Slug and "
            "Lang (the warning above names them); give one of them another Slug"
        )
    if type(error).__name__ == "PelicanTemplateNotFound":
        for local in _frames(tb):
            for content in (local.get("article"), local.get("page")):
                source = getattr(content, "relative_source_path", None)
                if source:
                    return (
                        f"{source}: field 'template' = {content.template!r}: the theme has "
                        "no such template (delete the line to use the usual one)"
                    )
        return f"{text} (a 'Template:' line names a template the theme does not have)"
    return None


class ContentMistakes(logging.Filter):
    """On the log handler: every record passes, some in plainer words."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == COULD_NOT_PROCESS and len(record.args or ()) == 1:
            error, tb = sys.exc_info()[1:]  # logged inside Pelican's `except`
            if error is not None and str(error) != FATAL_MESSAGE:
                record.msg += ": %s"
                record.args = (*record.args, reading_problem(error, tb))  # type: ignore[misc]
            return True
        error = record.exc_info[1] if record.exc_info else None
        if error is None:
            return True
        if isinstance(error, RuntimeError) and str(error) == FATAL_MESSAGE:
            record.exc_info = None
            record.msg, record.args = "the build stopped at the error above", ()
            return True
        problem = fatal_problem(error, error.__traceback__)
        if problem:
            record.exc_info = None
            record.msg, record.args = "the build stopped: %s", (problem,)
        return True


YOUNG_COLLECTION = 20_000


def exit_now(code: int) -> NoReturn:
    """Leave without tearing the interpreter down, when nothing else runs here.

    Python frees every object of the build on its way out: 0.1 s or more, longer than some
    whole steps of a warm build, for memory the system takes back anyway. The `atexit`
    handlers still run and the logs and streams are flushed; with another thread or a
    child process still running, the ordinary exit waits for them as it always has.
    """
    if threading.active_count() > 1 or multiprocessing.active_children():
        sys.exit(code)
    atexit._run_exitfuncs()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def log_handler(terminal: bool) -> logging.Handler:
    """Pelican's handler for a terminal (Rich: colours, a table wrapped to its width); for a
    pipe or a file (CI's log, the devserver's overlay) one plain line per line of a
    message, level first, so that `path:line: error: ...` stays whole. Rich would wrap it
    at 80 columns and split file names."""
    if terminal:
        return DEFAULT_LOG_HANDLER
    plain = logging.StreamHandler(sys.stderr)
    plain.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))
    pelican.LOG_HANDLERS["rich"] = plain  # the handler `main()` installs
    return plain


def run() -> NoReturn:
    """Pelican's `main()` with our log filter; the exit status as Pelican gives it.

    Started by `tools/build.py` in its own process (`build_here`, job in the environment),
    it finishes that build: swaps the new site in, or drops it and says why.
    """
    handler = log_handler(sys.stderr.isatty())
    handler.addFilter(ContentMistakes())
    job = json.loads(os.environ.pop(SWAP_JOB, "null"))
    interrupted = []
    if job:  # Pelican takes Ctrl+C for an ending: remember it, or half a site goes live
        default = signal.getsignal(signal.SIGINT)

        def on_interrupt(signum: int, frame: FrameType | None) -> None:
            interrupted.append(signum)
            signal.signal(signal.SIGINT, default)
            raise KeyboardInterrupt

        signal.signal(signal.SIGINT, on_interrupt)
    # What importing Pelican made lives as long as the process: out of the garbage
    # collector's sight, its full collections skip it (20 ms of a small warm build).
    gc.freeze()
    # A build makes millions of short-lived objects and few cycles: a young collection
    # every 20,000 allocations instead of 700 (about 6% of a small warm build's CPU).
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])
    code = 0
    try:
        main()
    except SystemExit as stop:
        if not isinstance(stop.code, int | None):
            if not job:
                raise  # a message to print: the ordinary exit does that
            print(stop.code, file=sys.stderr)
            code = 1
        else:
            code = stop.code or 0
    except KeyboardInterrupt:
        if not job:
            raise
        interrupted.append(signal.SIGINT)
    if job:
        code = _finish(job, 130 if interrupted else code)
    exit_now(code)


def _finish(job: dict[str, str], code: int) -> int:
    """The end of `tools/build.py`'s build: swap in or clean up. (A failure has been
    explained already: the rule book prints every content mistake in the build.)"""
    import build  # noqa: PLC0415  (tools/build.py: this script's folder is on sys.path)

    build.finish(code, Path(job["staging"]), Path(job["output"]))
    return code


if __name__ == "__main__":
    run()
