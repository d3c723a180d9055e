"""Try the editor locally: build the site, serve it and /admin/ with a local backend.

    python tools/cms_server.py                   # http://127.0.0.1:8000/admin/
    make cms PORT=8001

The editor (Decap CMS, cms/node_modules after `make cms-install`) normally commits to
GitHub. Here it talks to Decap's own local proxy, `decap-server` (pinned in
cms/package-lock.json), which reads and writes the files of this checkout's content
folder directly: nothing is committed, `git status` shows what the editor wrote. The
proxy listens on 127.0.0.1 only, at a port of its own; this server forwards the editor's
`/api/v1` requests to it, so the page talks to one address only. `/admin/config.yml` is
served with `local_backend` pointing there (and without the editorial workflow, which the
local proxy cannot do). After every save the site is built again (safely: a failed build
keeps the last good site), so the new page is a click away. Press Ctrl+C to stop.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cms.glue import repository_root

from tools.check import load_settings

ROOT = Path(__file__).resolve().parent.parent
DECAP_SERVER = ROOT / "cms" / "node_modules" / "decap-server" / "dist" / "index.js"
CHANGES = ("persistEntry", "persistMedia", "deleteFile", "deleteFiles")


def local_config(text: str, api: str) -> str:
    """config.yml as the local editor needs it: the local proxy, no editorial workflow."""
    lines = [line for line in text.splitlines() if not line.startswith("publish_mode:")]
    lines += ["local_backend:", f'  url: "{api}"']
    return "\n".join(lines) + "\n"


class Builder:
    """Builds the site with tools/build.py; one build at a time, one more queued."""

    def __init__(self, settings: str, content: str | None, output: str) -> None:
        self.command = [sys.executable, str(ROOT / "tools" / "build.py"), "-s", settings]
        self.command += [*(["-c", content] if content else []), "-o", output]
        self.command += ["--", "-e", "CMS_ENABLED=true"]  # /admin/ is for publishing only
        self.lock = threading.Lock()
        self.wanted = threading.Event()

    def build(self) -> int:
        with self.lock:
            return subprocess.run(self.command, check=False).returncode

    def later(self) -> None:
        """Build again soon (several saves in a row make one build)."""
        if self.wanted.is_set():
            return
        self.wanted.set()

        def run() -> None:
            time.sleep(1.0)
            self.wanted.clear()
            self.build()

        threading.Thread(target=run, daemon=True).start()


class Handler(SimpleHTTPRequestHandler):
    """The built site, `/admin/config.yml` for the local proxy, `/api/v1` forwarded."""

    proxy = ""
    builder: Builder | None = None

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("CMS_SERVER_QUIET") != "1":
            super().log_message(format, *args)

    def do_GET(self) -> None:
        if self.path.split("?")[0].endswith("/admin/config.yml"):
            self._config()
            return
        super().do_GET()

    def _config(self) -> None:
        path = Path(self.translate_path(self.path.split("?")[0]))
        if not path.is_file():
            self.send_error(404)
            return
        host = self.headers.get("Host") or "127.0.0.1"
        body = local_config(path.read_text(encoding="utf-8"), f"http://{host}/api/v1")
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/yaml; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        if self.path.split("?")[0] != "/api/v1":
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length)
        request = urllib.request.Request(
            self.proxy, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                status, data = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, data = error.code, error.read()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        if status == 200 and self.builder and any(c.encode() in body[:200] for c in CHANGES):
            self.builder.later()


def _free_port() -> int:
    import socket  # noqa: PLC0415

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_proxy(root: Path, port: int) -> subprocess.Popen[bytes]:
    """decap-server on 127.0.0.1:`port`, reading and writing files below `root`."""
    node = shutil.which("node") or shutil.which("nodejs")
    if not node or not DECAP_SERVER.is_file():
        sys.exit("the editor is not installed: run `make cms-install` (needs npm)")
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "MODE": "fs",
        "GIT_REPO_DIRECTORY": str(root),
        "LOG_LEVEL": "warn",
    }
    proxy = subprocess.Popen([node, str(DECAP_SERVER)], env=env, cwd=root)
    for _ in range(100):
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1",
                data=b'{"action":"info"}',
                headers={"Content-Type": "application/json"},
            )
            with urllib.request.urlopen(request, timeout=1):
                return proxy
        except OSError:
            if proxy.poll() is not None:
                sys.exit("decap-server stopped at start")
            time.sleep(0.1)
    proxy.terminate()
    sys.exit("decap-server did not answer")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-c", "--content", help="content folder (default: the settings' PATH)")
    parser.add_argument("-o", "--output", default="output")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-build", action="store_true", help="serve the output as it is")
    args = parser.parse_args(argv)
    settings = load_settings(args.settings, args.content)
    root = repository_root(settings)
    builder = Builder(args.settings, args.content, args.output)
    if not args.no_build and builder.build() != 0:
        return 1
    port = _free_port()
    proxy = start_proxy(root, port)
    Handler.proxy = f"http://127.0.0.1:{port}/api/v1"
    Handler.builder = builder
    output = str(Path(args.output).resolve())
    server = ThreadingHTTPServer((args.host, args.port), partial(Handler, directory=output))
    print(f"The editor: http://{args.host}:{server.server_port}/admin/", flush=True)
    print(f"It writes into {Path(settings['PATH']).resolve()}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        proxy.terminate()
        try:
            proxy.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proxy.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
