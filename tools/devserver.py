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
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import signal
import sys
import threading
import time
from collections.abc import Iterable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import watchfiles

from tools.build import missing_inputs, safe_build
from tools.devserver_live import LiveState, build_problems, handler_class, tee_output
from tools.devserver_phone import WILDCARDS, phone_urls, print_phone_preview

ROOT = Path(__file__).resolve().parent.parent

INTERRUPTED = 130


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
    settings: str, output: Path, content: Path, extra: list[str], url: str, *, live: LiveState
) -> int:
    """One safe build, with a plain-language verdict for the editor and the open pages."""
    started = time.monotonic()
    print("\n--- building the site ...", flush=True)
    with tee_output() as tail:
        code = safe_build(settings, output, str(content), extra)
    seconds = time.monotonic() - started
    if code == 0:
        live.record(ok=True)
        print(f"--- OK: the site is rebuilt ({seconds:.1f} s). Preview: {url}", flush=True)
    elif code != INTERRUPTED:
        live.record(ok=False, problems=build_problems(settings, content), log=list(tail))
        still = "the last good site" if output.is_dir() else "no site yet"
        print(
            f"--- PROBLEM: the build failed (see the messages above). The preview still "
            f"shows {still} at {url}\n--- Fix the file and save it: the preview rebuilds "
            "by itself.",
            file=sys.stderr,
            flush=True,
        )
    return code


def describe(changes: Iterable[tuple[Any, str]]) -> str:
    names = sorted({Path(path).name for _, path in changes})
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"changed: {shown}"


def fingerprint(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def watch_and_build(
    paths: list[Path],
    settings_file: Path,
    rebuild: Any,
) -> None:
    """Rebuild on every change under ``paths`` or to ``settings_file``, until interrupted.

    The settings file is compared by content once a second rather than watched: editors
    that save by replacing the file would otherwise detach a file watch.
    """
    settings_seen = fingerprint(settings_file)
    for changes in watchfiles.watch(
        *paths,
        watch_filter=ChangeFilter(),
        rust_timeout=1000,
        yield_on_timeout=True,
        raise_interrupt=True,
    ):
        settings_now = fingerprint(settings_file)
        if not changes and settings_now == settings_seen:
            continue
        reason = describe(changes) if changes else f"changed: {settings_file.name}"
        settings_seen = settings_now
        print(f"\n{reason}", flush=True)
        if rebuild() == INTERRUPTED:
            raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-c", "--content", default="content")
    parser.add_argument("-o", "--output", default="output")
    parser.add_argument("extra", nargs="*", help="more Pelican arguments, after --")
    args = parser.parse_args(argv)

    # Stopping by PID (SIGTERM) ends the preview like Ctrl+C: a running build is stopped
    # and its staging folder removed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)

    missing = missing_inputs(args.settings, args.content)
    if missing:
        print(f"devserver: {missing}", file=sys.stderr)
        return 2
    content = Path(args.content)
    output = Path(args.output).resolve()
    settings_file = Path(args.settings).resolve()
    live = LiveState()
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
    rebuild = functools.partial(build, args.settings, output, content, args.extra, url, live=live)
    watched = [p for p in (content, ROOT / "theme", ROOT / "plugins") if p.is_dir()]
    try:
        if rebuild() != INTERRUPTED:
            print(
                f"--- Watching {', '.join(str(p) for p in watched)} and {settings_file.name}."
                " Press Ctrl+C to stop.",
                flush=True,
            )
            watch_and_build(watched, settings_file, rebuild)
    except KeyboardInterrupt:
        pass
    finally:
        live.stop()
        server.shutdown()
        server.server_close()
    print("\n--- preview stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
