"""Pelican glue: a Writer that records page writes, a Generator that renders them in forks.

Rendering at the end is rendering with the same context: Pelican's generators and ours
change the shared context only while building it (`generate_context`), never while
writing. The forked workers inherit the templates, the content objects and the context as
they are, so nothing is pickled; each renders its share with Pelican's own
`Writer.write_file` and reports back the files it wrote, or its error. The one thing
rendering changes in Pelican, an `{attach}`ed file's place, is settled here before any page
is rendered (`settle_content`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import threading
import traceback
import weakref
from collections.abc import Iterator
from typing import Any

from community_press import available_cores, settle
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator
from pelican.writers import Writer

from .settings import DEFAULTS, NAME, settings_problems
from .shares import assign

logger = logging.getLogger(__name__)

# Writers of running builds that may still hold recorded writes (see `flush_leftovers`).
_open_writers: weakref.WeakSet[ParallelWriter] = weakref.WeakSet()


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the PARALLEL_WRITE_* settings; stop on a wrong one, or when
    this plugin is not the last of PLUGINS."""
    settle(pelican.settings, NAME, DEFAULTS, settings_problems)


def _fork_guards() -> list[Any] | None:
    """The locks to hold while forking; None when a thread we do not know is running.

    A worker starts with a copy of every lock as it was at the fork: one held by another
    thread at that moment stays held in the worker for ever. Pelican shows "Generating..."
    with a rich live display, whose thread redraws it (and writes to the console) only while
    holding the display's lock; holding that lock while forking is enough. With any other
    thread (a live-reload server, say) the pages are rendered in this process.
    """
    guards = []
    for thread in threading.enumerate():
        if thread is threading.current_thread():
            continue
        live = getattr(thread, "live", None)
        lock = getattr(live, "_lock", None)
        if type(thread).__module__ != "rich.live" or lock is None:
            return None
        guards.append(lock)
    return guards


# Pelican works out `url` and `save_as` from the settings and metadata at every use
# (`Content.get_url_setting`): a fifth of the rendering time of a site whose listing pages
# link to a thousand articles. Nothing changes them once the generators have built the
# context, so while the recorded pages are rendered each is worked out once per object.
_REMEMBERED = ("url", "save_as")


def _remembering(name: str, worked_out: property, seen: list[Any]) -> property:
    memo = f"_parallel_write_{name}"

    def get(content: Any) -> Any:
        found = content.__dict__.get(memo, _MISSING)
        if found is _MISSING:
            found = content.__dict__[memo] = worked_out.__get__(content)
            seen.append(content)
        return found

    return property(get, doc=worked_out.__doc__)


_MISSING = object()


@contextlib.contextmanager
def urls_remembered() -> Iterator[None]:
    """While the recorded pages render: `Content.url` and `save_as` each worked out once
    per content object (`Static`, which has its own, is left as it is). Afterwards Pelican
    works them out again at every use, as always."""
    originals = {name: Content.__dict__[name] for name in _REMEMBERED}
    seen: list[Any] = []
    try:
        for name, worked_out in originals.items():
            setattr(Content, name, _remembering(name, worked_out, seen))
        yield
    finally:
        for name, worked_out in originals.items():
            setattr(Content, name, worked_out)
        for content in seen:
            for name in _REMEMBERED:
                content.__dict__.pop(f"_parallel_write_{name}", None)


def settle_content(static_generator: Any) -> None:
    """`static_generator_finalized`: the static files are known at last (Pelican's
    StaticGenerator comes after every other generator); make each page render against
    them, the same in every process, whatever the number of workers.

    First forget every content and summary rendered before now. A plugin that reads
    `summary` while it builds its context (the digest's news, the events' texts) gets
    its `{static}` and `{attach}` links left as written, and Pelican memoizes that HTML
    per site URL. A preview renders each page again with a relative URL of its own; with
    absolute URLs (`make publish`) every page asks for the same URL and gets that HTML back.

    Then place every `{attach}`ed file, here. Pelican moves such a file beside the first
    content whose links it replaces, as a side effect of replacing them: in a worker the
    move stayed in the worker, whose page linked the new place while StaticGenerator, in
    this process, copied the file to the old one. When two contents attach one file, the
    first read wins (Pelican warns about the other), in serial and parallel builds alike.
    """
    forget_rendered()
    generated = static_generator.context.get("generated_content") or {}
    for content in generated.values():
        place_attachments(content)


def forget_rendered() -> None:
    """Drop every content and summary HTML Pelican has memoized (one memo for all objects)."""
    for method in (Content.get_content, Content.get_summary):
        getattr(method, "cache", {}).clear()


def place_attachments(content: Any) -> None:
    """Resolve the file links of a content that attaches files, in their order, as
    rendering it would: each `{attach}`ed file takes its place beside this content
    (Pelican's `Static.attach_to`), unless a `{static}` link before it used its old place."""
    text = getattr(content, "_content", None)
    if not text or "attach" not in text or not hasattr(content, "_link_replacer"):
        return
    links = [
        link
        for link in content._get_intrasite_link_regex().finditer(text)
        if link.group("what") in ("static", "attach")
    ]
    if any(link.group("what") == "attach" for link in links):
        siteurl = content.get_siteurl()
        for link in links:
            content._link_replacer(siteurl, link)


class WorkerFailed(RuntimeError):
    """A worker process could not render its share; the message names the file."""


class ParallelWriter(Writer):
    """Pelican's Writer, except that `write_file` may be recorded and rendered in `flush`."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        s = self.settings or {}
        self.workers = int(s.get("PARALLEL_WRITE_WORKERS", 0)) or available_cores()
        self.min_pages = int(
            s.get("PARALLEL_WRITE_MIN_PAGES", DEFAULTS["PARALLEL_WRITE_MIN_PAGES"])
        )
        # Something listening to content_written would hear only the parent's share.
        self.deferring = (
            self.workers > 1 and hasattr(os, "fork") and not signals.content_written.receivers
        )
        self._pending: list[tuple[Any, ...]] = []
        self.used_workers = 0  # processes that rendered the last flush (for tests and logs)
        _open_writers.add(self)

    def write_file(self, name: Any, template: Any, context: Any, *args: Any, **kwargs: Any) -> None:
        if not self.deferring or not name:
            super().write_file(name, template, context, *args, **kwargs)
            return
        self._pending.append((name, template, context, args, kwargs))

    def _write(self, call: tuple[Any, ...]) -> None:
        name, template, context, args, kwargs = call
        Writer.write_file(self, name, template, context, *args, **kwargs)

    def flush(self) -> None:
        """Render every recorded write; from now on, write at once."""
        pending, self._pending = self._pending, []
        self.deferring = False
        if not pending:
            return
        with urls_remembered():
            self._render(pending)

    def _render(self, pending: list[tuple[Any, ...]]) -> None:
        workers = min(self.workers, len(pending))
        guards = _fork_guards()
        if workers <= 1 or len(pending) < self.min_pages or guards is None:
            self.used_workers = 1
            for call in pending:
                self._write(call)
            return
        self.used_workers = workers
        shares = assign([str(call[0]) for call in pending], workers)
        logger.debug("parallel_write: %d page writes in %d processes", len(pending), workers)
        sys.stdout.flush()
        sys.stderr.flush()
        children: list[tuple[int, int]] = []  # (pid, read end of its report pipe)
        try:
            for share in shares[1:]:
                read_end, write_end = os.pipe()
                for lock in guards:
                    lock.acquire()
                try:
                    pid = os.fork()
                finally:  # in the parent and in the worker alike
                    for lock in reversed(guards):
                        lock.release()
                if pid == 0:  # the worker: render, report, never return
                    os.close(read_end)
                    self._work([pending[i] for i in share], write_end)
                os.close(write_end)
                children.append((pid, read_end))
            for index in shares[0]:
                self._write(pending[index])
        finally:
            errors = self._collect(children)
        if errors:
            raise WorkerFailed("; ".join(errors))

    def _work(self, calls: list[tuple[Any, ...]], report: int) -> None:
        """In a forked worker: write `calls`, send what was written (or the error), exit."""
        code, result = 0, dict[str, Any]()
        current = None
        try:
            for call in calls:
                current = call[0]
                self._write(call)
            result = {
                "written": sorted(self._written_files),
                "overridden": sorted(self._overridden_files),
            }
        except BaseException as exc:  # anything: the parent must hear of it
            code = 1
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            result = {
                "error": f"writing {current!r} failed: {detail}",
                "traceback": traceback.format_exc(),
            }
        finally:
            try:
                with os.fdopen(report, "w", encoding="utf-8") as pipe:
                    json.dump(result, pipe)
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)

    def _collect(self, children: list[tuple[int, int]]) -> list[str]:
        """Wait for every worker; take in the files they wrote; return their errors."""
        errors = []
        for pid, read_end in children:
            with os.fdopen(read_end, encoding="utf-8") as pipe:
                text = pipe.read()
            _, status = os.waitpid(pid, 0)
            try:
                result = json.loads(text) if text else {}
            except ValueError:
                result = {}
            if "error" in result:
                logger.debug("parallel_write worker %d:\n%s", pid, result.get("traceback", ""))
                errors.append(result["error"])
            elif os.waitstatus_to_exitcode(status) != 0 or "written" not in result:
                errors.append(f"a page-writing process died (status {status}); run again")
            else:
                self._written_files.update(result["written"])
                self._overridden_files.update(result["overridden"])
        return errors


class FlushGenerator(Generator):
    """Runs after the generators of the plugins listed before this one: renders the pages."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer: Any) -> None:
        if isinstance(writer, ParallelWriter):
            writer.flush()


def get_writer(pelican: Any) -> type[ParallelWriter]:
    """`get_writer`: our writer instead of Pelican's."""
    return ParallelWriter


def get_generators(pelican: Any) -> type[FlushGenerator]:
    return FlushGenerator


def flush_leftovers(pelican: Any) -> None:
    """`finalized`: render what a generator running after ours recorded (none should)."""
    for writer in list(_open_writers):
        writer.flush()
