"""Preview the site while you edit: rebuild safely on every change and serve it locally.

    python tools/devserver.py                  # http://127.0.0.1:8000/
    python tools/devserver.py --port 8001
    make devserver PORT=8001
    make devserver HOST=0.0.0.0                # and on a phone: prints its address, a QR code

Every change in content/, theme/, plugins/ or the settings file starts a safe build
(`tools/build.py`): the new site replaces the old one only when the build succeeds. When
it fails, the problem is printed here and the last good site stays online, so the preview
never shows a half-built site. Press Ctrl+C to stop.

Open pages follow by themselves: they reload when a new site is swapped in, and while
the last build has failed they show its problems over the page (tools/devserver_live.py
serves that, tools/devserver_client.js shows it; tools/devserver_phone.py finds the
address for a phone).

The common edit is faster (tools/preview/engine.py): when only the text of one existing
article, page or event changed, the devserver, which keeps the site in memory, renders that
document's pages at once and the open copies reload; the full safe build follows in the
background and brings every listing, feed and calendar up to date.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import watchfiles

from tools.build import NO_CONTENT, NO_CONTENT_PELICAN, default_content, missing_inputs
from tools.devserver_live import (
    LiveState,
    build_problems,
    handler_class,
    overlay_words,
    tee_output,
)
from tools.devserver_phone import WILDCARDS, phone_urls, print_phone_preview
from tools.preview.engine import Engine

ROOT = Path(__file__).resolve().parent.parent

INTERRUPTED = 130
# How long the watcher waits for more changes before it reports them (watchfiles' `step`,
# 50 ms by default): an editor's save is one write.
STEP_MS = 20


class ChangeFilter(watchfiles.DefaultFilter):
    """Skip editor backups and files a build writes itself (compiled catalogues, caches)."""

    ignore_entity_patterns = (
        *watchfiles.DefaultFilter.ignore_entity_patterns,
        r"\.mo$",
        r"\.tmp$",
        r"^\.#",
        r"^#.*#$",
    )


def start_server(output: Path, host: str, port: int, live: LiveState) -> ThreadingHTTPServer:
    """Serve ``output`` from a background thread. The folder is looked up on every request,
    so a build that swaps in a new ``output/`` is served at once."""
    handler = functools.partial(handler_class(live), directory=str(output))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    return server


def build(
    engine: Engine, settings: str, url: str, *, live: LiveState, then_read: bool = True
) -> int:
    """One safe build, with a plain-language verdict for the editor and the open pages;
    then (`then_read`) the site read into memory again if the fast path needs it."""
    started = time.monotonic()
    print("\n--- building the site ...", flush=True)
    with tee_output() as tail:
        code = engine.full_build()
    seconds = time.monotonic() - started
    live.words = overlay_words(settings)  # a catalogue or the settings may have changed
    if code == 0:
        live.record(ok=True)
        print(f"--- OK: the site is rebuilt ({seconds:.1f} s). Preview: {url}", flush=True)
        if then_read and engine.needs_load:
            read_again(engine)
    elif code != INTERRUPTED:
        live.record(ok=False, problems=build_problems(settings, engine.content), log=list(tail))
        still = "the last good site" if engine.output.is_dir() else "no site yet"
        print(
            f"--- PROBLEM: the build failed (see the messages above). The preview still "
            f"shows {still} at {url}\n--- Fix the file and save it: the preview rebuilds "
            "by itself.",
            file=sys.stderr,
            flush=True,
        )
    return code


def read_again(engine: Engine) -> None:
    """Read the site into memory again, so that the next edit is shown at once."""
    started = time.monotonic()
    print("--- reading the site into memory for fast edits ...", flush=True)
    ok = engine.load()
    seconds = time.monotonic() - started
    verdict = "the next edit shows at once" if ok else "the next edits wait for full builds"
    print(f"--- ready: {verdict} ({seconds:.1f} s)", flush=True)


class Builds:
    """Full builds in a thread of their own, one after the other: an edit is shown by the
    fast path while the site's full build runs."""

    def __init__(self, rebuild: Callable[[], int], first: Callable[[], None] | None = None) -> None:
        self.rebuild = rebuild
        self.first = first  # run in the thread before any build (reading the site)
        self.code = 0
        self._wanted = threading.Condition()
        self._pending = False
        self._running = False
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="preview-builds", daemon=True)
        self._thread.start()

    def request(self) -> None:
        with self._wanted:
            self._pending = True
            self._wanted.notify_all()

    def idle(self, timeout: float | None = None) -> bool:
        """Wait until no build runs or is wanted; False after `timeout`."""
        with self._wanted:
            return self._wanted.wait_for(
                lambda: not (self._pending or self._running) or self._stopping, timeout
            )

    def stop(self, timeout: float = 30) -> None:
        with self._wanted:
            self._stopping = True
            self._wanted.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        if self.first is not None:
            with self._wanted:
                self._running = True
            try:
                self.first()
            finally:
                with self._wanted:
                    self._running = False
                    self._wanted.notify_all()
        while True:
            with self._wanted:
                self._wanted.wait_for(lambda: self._pending or self._stopping)
                if self._stopping:
                    return
                self._pending, self._running = False, True
            try:
                self.code = self.rebuild()
            finally:
                with self._wanted:
                    self._running = False
                    self._wanted.notify_all()


def content_edit(changes: Iterable[tuple[Any, str]], content: Path) -> Path | None:
    """The one file under `content` that changed and still exists (an editor may save by
    replacing the file: deleted and added), or None for anything else. A file made and
    removed again within the same changes (an editor's probe or temporary copy, such as
    Vim's ``4913``) is not a change of the site."""
    kinds: dict[Path, set[str]] = {}
    for change, path in changes:
        kinds.setdefault(Path(path), set()).add(getattr(change, "name", ""))
    paths = {p for p, seen in kinds.items() if p.exists() or "added" not in seen}
    if len(paths) != 1:
        return None
    path = paths.pop()
    inside = path.resolve().is_relative_to(content.resolve())
    return path if inside and path.suffix in {".md", ".markdown"} and path.is_file() else None


def show_fast(engine: Engine, changes: set[tuple[Any, str]], live: LiveState, url: str) -> bool:
    """Render the edited document's pages now when the fast path can; True if it did."""
    edited = content_edit(changes, engine.content)
    result = engine.fast(edited) if edited is not None else None
    if result is None:
        engine.invalidate()
        return False
    live.record_fast(result.pages)
    shown = ", ".join(url + page.removesuffix("index.html") for page in result.pages)
    print(
        f"--- shown: {shown} ({result.seconds * 1000:.0f} ms); the rest of the site follows",
        flush=True,
    )
    return True


def describe(changes: Iterable[tuple[Any, str]]) -> str:
    names = sorted({Path(path).name for _, path in changes})
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"changed: {shown}"


def fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


Snapshot = dict[str, tuple[int, int]]  # file -> (modification time, size)


def tree_state(paths: Iterable[Path]) -> Snapshot:
    """Every file under ``paths`` the watcher would report on, with its time and size."""
    keep = ChangeFilter()
    state: Snapshot = {}
    for root in paths:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if keep(watchfiles.Change.added, os.path.join(folder, d))]
            for name in files:
                path = os.path.join(folder, name)
                try:
                    if keep(watchfiles.Change.modified, path):
                        st = os.stat(path)
                        state[path] = (st.st_mtime_ns, st.st_size)
                except OSError:  # gone meanwhile
                    continue
    return state


def tree_changes(before: Snapshot, after: Snapshot) -> set[tuple[Any, str]]:
    """What changed between two snapshots, as the watcher says it."""
    change = watchfiles.Change
    return (
        {(change.added, p) for p in after.keys() - before.keys()}
        | {(change.deleted, p) for p in before.keys() - after.keys()}
        | {(change.modified, p) for p in before.keys() & after.keys() if before[p] != after[p]}
    )


def watch_and_build(
    paths: list[Path],
    settings_file: Path,
    changed: Callable[[set[tuple[Any, str]]], None],
    since: tuple[Snapshot, str] | None = None,
) -> None:
    """Call `changed` on every change under ``paths`` or to ``settings_file``, until
    interrupted.

    The settings file is compared by content once a second rather than watched: editors
    that save by replacing the file would otherwise detach a file watch. `since` (a
    `tree_state` and the settings' fingerprint, taken before the first build) catches
    what changed before the watch began: a save during the first build, or just after
    "Watching" was printed, which the watcher never sees.
    """
    missed, settings_seen = since if since else (None, fingerprint(settings_file))
    for changes in watchfiles.watch(
        *paths,
        watch_filter=ChangeFilter(),
        rust_timeout=1000,
        yield_on_timeout=True,
        raise_interrupt=True,
        step=STEP_MS,
    ):
        found = set(changes)
        if missed is not None:  # the watch runs now: compare once with before it
            found |= tree_changes(missed, tree_state(paths))
            missed = None
        settings_now = fingerprint(settings_file)
        if not found and settings_now == settings_seen:
            continue
        if settings_now != settings_seen:
            found.add((None, str(settings_file)))
        settings_seen = settings_now
        print(f"\n{describe(found)}", flush=True)
        changed(found)


def content_folder(settings: str, given: str | None) -> Path | str:
    """The folder to watch and build: the one given, ./content, else the settings' PATH
    (a fresh clone previews its example); what is missing, in words, when there is none."""
    given = given or default_content()
    missing = missing_inputs(settings, given)
    if missing or given:
        return missing or Path(given or "content")
    from tools.check import load_settings  # noqa: PLC0415  (Pelican's settings reader)

    try:
        return Path(load_settings(settings)["PATH"])
    except ValueError as error:
        if str(error).startswith(NO_CONTENT_PELICAN):
            return NO_CONTENT
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-c", "--content", help="content folder (default: ./content, else PATH)")
    parser.add_argument("-o", "--output", default="output")
    parser.add_argument("extra", nargs="*", help="more Pelican arguments, after --")
    args = parser.parse_args(argv)

    # Stopping by PID (SIGTERM) ends the preview like Ctrl+C: a running build is stopped
    # and its staging folder removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    content = content_folder(args.settings, args.content)
    if isinstance(content, str):  # what is missing, in words
        print(f"devserver: {content}", file=sys.stderr)
        return 2
    output = Path(args.output).resolve()
    settings_file = Path(args.settings).resolve()
    live = LiveState()
    live.words = overlay_words(args.settings)
    try:
        server = start_server(output, args.host, args.port, live)
    except OSError as error:
        print(
            f"devserver: cannot listen on {args.host}:{args.port} ({error.strerror}); "
            f"is another preview running? Try another port: make devserver PORT={args.port + 1}",
            file=sys.stderr,
        )
        return 2
    port = server.server_address[1]
    url = f"http://{'127.0.0.1' if args.host in WILDCARDS else args.host}:{port}/"
    phones = phone_urls(args.host, port)
    if phones or args.host in WILDCARDS:
        print_phone_preview(phones, sys.stdout)
    engine = Engine(args.settings, content, output, args.extra)
    rebuild = functools.partial(build, engine, args.settings, url, live=live)
    watched = [p for p in (content, ROOT / "theme", ROOT / "plugins") if p.is_dir()]
    builds = None
    since = (tree_state(watched), fingerprint(settings_file))  # before the first build
    try:
        if rebuild(then_read=False) != INTERRUPTED:
            print(
                f"--- Watching {', '.join(str(p) for p in watched)} and {settings_file.name}."
                " Press Ctrl+C to stop.",
                flush=True,
            )
            # The site is read into memory while the watch starts: an edit meanwhile
            # waits for a full build.
            builds = Builds(
                rebuild, first=lambda: read_again(engine) if engine.needs_load else None
            )

            def changed(changes: set[tuple[Any, str]]) -> None:
                show_fast(engine, changes, live, url)
                builds.request()

            watch_and_build(watched, settings_file, changed, since)
    except KeyboardInterrupt:
        pass
    finally:
        engine.stop()
        if builds is not None:
            builds.stop()
        live.stop()
        server.shutdown()
        server.server_close()
    print("\n--- preview stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
