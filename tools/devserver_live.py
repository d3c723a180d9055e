"""What the open preview page learns from `make devserver`: live reload and build errors.

- `LiveState`: the last build's outcome (how many builds were swapped in, and the problems
  while the last one failed), which request threads wait on.
- `PreviewHandler`: serves ``output/``, adding to every HTML page, as it is sent (never in
  the files on disk), one ``<script src="/__devserver/reload.js">``; serves that script
  (tools/devserver_client.js), its Server-Sent Events (``/__devserver/events``) and the
  same state as JSON (``/__devserver/status``).
- `OverlayWords`: the overlay's own words in the page's language, from the theme's
  catalogues (the strings are marked below with `N_` for `make translations`).
- `build_problems`: after a failed build, the problems as `make check` prints them (the rule
  book's, in this process), or else the build's last error lines.
- `tee_output`: copies what a build prints to the terminal and keeps its last lines.
"""

from __future__ import annotations

import collections
import html
import io
import json
import os
import re
import secrets
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLIENT_JS = Path(__file__).resolve().parent / "devserver_client.js"
PREFIX = "/__devserver/"
HEARTBEAT = 15.0  # seconds between SSE comments, so a closed tab frees its thread
TAIL_LINES = 20
_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_HTML_LANG = re.compile(rb"<html\b[^>]*?\slang\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


def N_(message: str) -> str:
    """Marks a string for the theme's catalogue; it is translated when a page is served."""
    return message


# The overlay's own words. Each page gets them in its language, from the theme's catalogue.
OVERLAY_TEXTS = {
    "title": N_("The preview is out of date: the last build failed"),
    "intro": N_("Fix these problems and save the file: this page updates by itself."),
    "log": N_("The build's last messages:"),
    "close": N_("Close"),
}


class OverlayWords:
    """The overlay's words for a page, by its ``<html lang>``: the catalogue of that
    language (through I18N_UI_HTML_LANG: `zh-Hans` is `zh`), else of its primary subtag
    (`fr-CA` is `fr`), else English as written above."""

    def __init__(self, catalogues: Any = None, html_tags: Mapping[str, str] | None = None):
        self.by_lang: dict[str, Any] = dict(getattr(catalogues, "by_lang", {}) or {})
        self.codes = {str(tag).lower(): code for code, tag in (html_tags or {}).items()}

    def language(self, tag: str) -> str | None:
        """The catalogue language of a page's `lang` attribute, or None."""
        tag = tag.strip()
        for code in (
            self.codes.get(tag.lower()),
            tag,
            tag.replace("-", "_"),
            tag.split("-")[0].split("_")[0],
        ):
            if code and code in self.by_lang:
                return code
        return None

    def for_page(self, page: bytes) -> dict[str, str]:
        from translations.language import text_direction  # noqa: PLC0415  (babel: lazily)

        found = _HTML_LANG.search(page[:4096])
        code = self.language(found.group(1).decode("ascii")) if found else None
        if code is None:
            return {**OVERLAY_TEXTS, "lang": "en", "dir": ""}
        words = {key: self.by_lang[code].gettext(text) for key, text in OVERLAY_TEXTS.items()}
        return {**words, "lang": code.replace("_", "-"), "dir": text_direction(code)}


def overlay_words(settings: str) -> OverlayWords:
    """The site's catalogues (I18N_UI_TRANSLATIONS_PATH, else the theme's), read again
    after every build: a translator's saved `.po` reaches the next overlay."""
    try:
        from translations.catalogues import compiled  # noqa: PLC0415
        from translations.settings import DEFAULTS, translations_folder  # noqa: PLC0415

        from tools.check import load_settings  # noqa: PLC0415

        values = {**DEFAULTS, **load_settings(settings)}
        folder = Path(translations_folder(values))
        catalogues, _errors = compiled(folder, str(values["I18N_UI_DOMAIN"] or "messages"))
        tags = values.get("I18N_UI_HTML_LANG") or DEFAULTS["I18N_UI_HTML_LANG"]
        return OverlayWords(catalogues, tags)
    except Exception:  # a settings file that does not load: the build says why
        return OverlayWords()


class LiveState:
    """The outcome of the last build, shared by the build loop and the request threads."""

    def __init__(self) -> None:
        self.session = secrets.token_hex(4)  # a new devserver: open pages reload
        self.built = 0  # builds swapped in so far
        self.fast = 0  # pages rendered by the fast path so far (tools/preview/engine.py)
        self.pages: list[str] = []  # the output paths the last fast render wrote
        self.ok = True
        self.problems: list[dict[str, Any]] = []
        self.log: list[str] = []
        self.stopping = False
        self.words = OverlayWords()  # set by the devserver from the site's catalogues
        self._changed = threading.Condition()
        self._version = 0

    def record(
        self, ok: bool, problems: list[dict[str, Any]] | None = None, log: list[str] | None = None
    ) -> None:
        """A build has finished: successful (swapped in) or failed with these problems."""
        with self._changed:
            self.built += 1 if ok else 0
            self.ok, self.problems, self.log = ok, problems or [], log or []
            self._version += 1
            self._changed.notify_all()

    def record_fast(self, pages: list[str]) -> None:
        """The fast path wrote these pages (output paths): open copies of them reload."""
        with self._changed:
            self.fast += 1
            self.pages = list(pages)
            self._version += 1
            self._changed.notify_all()

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()

    def snapshot(self) -> tuple[int, dict[str, Any]]:
        with self._changed:
            return self._version, self._as_dict()

    def wait(self, version: int, timeout: float) -> tuple[int, dict[str, Any]] | None:
        """The state once it differs from `version`; None after `timeout` without change."""
        with self._changed:
            self._changed.wait_for(
                lambda: self._version != version or self.stopping, timeout=timeout
            )
            if self._version == version:
                return None
            return self._version, self._as_dict()

    def _as_dict(self) -> dict[str, Any]:
        return {
            "session": self.session,
            "built": self.built,
            "fast": self.fast,
            "pages": self.pages,
            "ok": self.ok,
            "problems": self.problems,
            "log": self.log,
        }


# A missing page on a site without a 404.html of its own.
NOT_FOUND = (
    b'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Not found</title>'
    b"<body><h1>Not found</h1><p>No page at this address in the site as last built.</p>"
    b"</body></html>"
)


def inject(page: bytes, tag: bytes) -> bytes:
    """`page` with `tag` before its last ``</body>`` (at the end when it has none)."""
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + tag
    at = ends[-1].start()
    return page[:at] + tag + page[at:]


def script_tag(state: LiveState, page: bytes = b"") -> bytes:
    words = html.escape(json.dumps(state.words.for_page(page), ensure_ascii=False))
    return (
        f'<script src="{PREFIX}reload.js" data-session="{state.session}" '
        f'data-built="{state.built}" data-fast="{state.fast}" data-words="{words}" '
        "defer></script>"
    ).encode()


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the current ``output/``; quiet, and never cached by the browser."""

    live: LiveState  # set on the subclass `handler_class` makes

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path.startswith(PREFIX):
            self.devserver_route(self.path[len(PREFIX) :].partition("?")[0])
            return
        super().do_GET()

    def send_head(self) -> Any:
        if not Path(self.directory).is_dir():
            self.send_error(503, "No site built yet: the terminal running the preview says why")
            return None
        page = self.html_page()
        if page is None:
            return super().send_head()
        try:
            data = page.read_bytes()
            body = inject(data, script_tag(self.live, data))
        except OSError:  # swapped out between the look and the read
            return super().send_head()
        self.send_bytes(body, "text/html; charset=utf-8", head_only=True)
        return io.BytesIO(body)

    def html_page(self) -> Path | None:
        """The HTML file this request shows, if it is one (directories: their index.html)."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.partition("?")[0].endswith("/"):
                return None  # the parent class redirects to the slash first
            path = path / "index.html"
        return path if path.suffix in {".html", ".htm"} and path.is_file() else None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page is the site's own 404 page, with the live script: the address
        may come back (a file put back, a slug changed back), and the page must follow."""
        if code != 404 or self.path.startswith(PREFIX):
            super().send_error(code, message, explain)
            return
        try:
            page = (Path(self.directory) / "404.html").read_bytes()
        except OSError:
            page = NOT_FOUND
        body = inject(page, script_tag(self.live, page))
        head_only = self.command == "HEAD"
        self.send_bytes(body, "text/html; charset=utf-8", head_only=head_only, status=404)

    def devserver_route(self, name: str) -> None:
        if name == "reload.js":
            self.send_bytes(CLIENT_JS.read_bytes(), "text/javascript; charset=utf-8")
        elif name == "status":
            state = json.dumps(self.live.snapshot()[1], ensure_ascii=False)
            self.send_bytes(state.encode(), "application/json; charset=utf-8")
        elif name == "events":
            self.stream_events()
        else:
            self.send_error(404)

    def send_bytes(
        self, body: bytes, kind: str, *, head_only: bool = False, status: int = 200
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head_only:
            self.wfile.write(body)

    def stream_events(self) -> None:
        """Server-Sent Events: the state now, then after every build, until the tab closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        version, state = self.live.snapshot()
        try:
            while not self.live.stopping:
                if state is not None:
                    data = json.dumps(state, ensure_ascii=False)
                    self.wfile.write(f"data: {data}\n\n".encode())
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
                changed = self.live.wait(version, HEARTBEAT)
                version, state = changed if changed else (version, None)
        except OSError:  # the page was closed or reloaded
            pass
        self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Editors watch the terminal for build messages, not for every request."""


def handler_class(live: LiveState) -> type[PreviewHandler]:
    return type("LivePreviewHandler", (PreviewHandler,), {"live": live})


def build_problems(settings: str, content: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The errors and warnings `make check` prints for the site, one dict each (``text`` is
    its line); none when the rule book finds no error (the build failed elsewhere)."""
    try:
        from rulebook import check_content  # noqa: PLC0415  (Pelican's import: not at start-up)

        from tools.check import load_settings  # noqa: PLC0415

        problems = check_content(load_settings(settings, content))
    except Exception:
        return []
    if not any(p.is_error for p in problems):
        return []
    return [
        {"text": str(p), "source": p.source, "line": p.line, "severity": str(p.severity)}
        for p in problems
    ]


@contextmanager
def tee_output(lines: int = TAIL_LINES) -> Iterator[collections.deque[str]]:
    """Everything written to this process's stdout and stderr (its children's too) still
    reaches the terminal; the last `lines` lines are kept in the deque yielded."""
    tail: collections.deque[str] = collections.deque(maxlen=lines)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = {fd: os.dup(fd) for fd in (1, 2)}
    reader, writer = os.pipe()
    for fd in saved:
        os.dup2(writer, fd)
    os.close(writer)
    terminal = os.dup(saved[2])  # the copier's own: it may outlive this block
    copier = threading.Thread(target=_copy, args=(reader, terminal, tail), daemon=True)
    copier.start()
    try:
        yield tail
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, original in saved.items():
            os.dup2(original, fd)  # the pipe's last writer closes: the copier ends
        copier.join(timeout=5)
        for original in saved.values():
            os.close(original)


def _copy(reader: int, terminal: int, tail: collections.deque[str]) -> None:
    pending = b""
    with os.fdopen(reader, "rb", buffering=0) as pipe, os.fdopen(terminal, "wb", 0) as out:
        while chunk := pipe.read(65536):
            out.write(chunk)
            pending += chunk
            *done, pending = pending.split(b"\n")
            tail.extend(line.decode("utf-8", "replace") for line in done if line.strip())
    if pending.strip():
        tail.append(pending.decode("utf-8", "replace"))
