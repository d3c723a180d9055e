"""The preview measurement of `make bench`: an edit saved, then served, ours against Hugo.

    python -m benchmarks.preview --size medium --edits 5        # 1,000 articles, 200 events
    python -m benchmarks.preview --size large                   # 10,000 articles

Both sides serve the same text-only corpus (`corpus.text_only`): ours with `make
devserver` (tools/devserver.py, the benchmark's settings), Hugo with `hugo server` on the
same corpus converted to a Hugo site (`hugo_site`: front matter from our metadata, a small
theme in benchmarks/hugo/ rendering articles, events, pages, sections, taxonomies, home
and feeds). Each edit adds a paragraph with a new word to the body of the corpus's edit
target; the time is from the moment the file is saved (closed) to the moment the edited
page, polled over HTTP on 127.0.0.1 every 2 ms, carries the new word. The sides alternate,
edit after edit; between two edits each side has finished its work (ours: the full build
that follows the fast page, whose time is reported as "the site follows").

Hugo is Debian's `hugo` package: if it is missing the bench installs it when it runs as
root (`apt-get install -y hugo`), else it says how to and leaves this measurement out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.corpus import CACHE_ROOT, ROOT, SIZES, ensure_corpus, text_only

HERE = Path(__file__).resolve().parent
HUGO_THEME = HERE / "hugo"
POLL_S = 0.002
TIMEOUT_S = 600.0
ZONE = "+08:00"  # the corpus's dates are Shanghai's


# -- the Hugo side's site ------------------------------------------------------------------


def read_pelican(text: str) -> tuple[dict[str, str], str]:
    """A Pelican Markdown file's metadata (lower-case keys) and body."""
    head, _, body = text.partition("\n\n")
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields, body


def hugo_date(value: str) -> str:
    day, _, clock = value.partition(" ")
    return f"{day}T{clock or '00:00'}:00{ZONE}"


def front_matter(fields: dict[str, str]) -> str:
    """YAML front matter (every value JSON-quoted, which YAML reads as it is)."""
    matter: dict[str, object] = {"title": fields.get("title", "")}
    if "date" in fields:
        matter["date"] = hugo_date(fields["date"])
    for key in ("slug", "summary"):
        if key in fields:
            matter[key] = fields[key]
    if "tags" in fields:
        matter["tags"] = [t.strip() for t in fields["tags"].split(",") if t.strip()]
    if "category" in fields:
        matter["categories"] = [fields["category"]]
    event = {k.removeprefix("event-"): v for k, v in fields.items() if k.startswith("event-")}
    if event:
        matter["event"] = event
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in matter.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def hugo_site(content: Path, dest: Path) -> None:
    """The corpus in `content` as a Hugo site in `dest` (replaced)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(HUGO_THEME, dest)
    for source in sorted(content.rglob("*.md")):
        relative = source.relative_to(content)
        if relative.parts[0] not in ("articles", "events", "pages"):
            continue
        fields, body = read_pelican(source.read_text(encoding="utf-8"))
        target = dest / "content" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front_matter(fields) + "\n" + body, encoding="utf-8")


def find_hugo() -> str | None:
    """Debian's hugo: found, or installed when this runs as root; None otherwise."""
    found = shutil.which("hugo")
    if found or not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return found
    print("  installing Debian's hugo (apt-get install -y hugo) ...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}

    def apt(*args: str) -> int:
        done = subprocess.run(["apt-get", *args], env=env, check=False,
                              stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # fmt: skip
        return done.returncode

    if apt("install", "-y", "hugo"):
        apt("update")
        apt("install", "-y", "hugo")
    return shutil.which("hugo")


# -- serving and timing --------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def wait_until(check: object, what: str, timeout: float = TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what}")
        time.sleep(0.05)


class Server:
    """One side's preview server, its page URL and the file the edits go to."""

    def __init__(  # noqa: PLR0917  (one call per side)
        self, name: str, command: list[str], cwd: Path, env: dict[str, str],
        url: str, edited: Path, log: Path,
    ) -> None:  # fmt: skip
        self.name, self.url, self.edited = name, url, edited
        self.base = url.split("/", 3)[:3]
        log.parent.mkdir(parents=True, exist_ok=True)
        self.log = log.open("wb")
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def status(self) -> dict[str, object]:
        text = fetch("/".join(self.base) + "/__devserver/status")
        return json.loads(text) if text else {}

    def text(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(encoding="utf-8", errors="replace")

    def idle(self) -> bool:
        """Ours: no build running or about to run (changes elsewhere, such as another
        program writing to plugins/, start builds too), for half a second."""

        def quiet() -> bool:
            text = self.text()
            ended = text.count("\n--- OK: ") + text.count("\n--- PROBLEM: ")
            read = text.count("--- reading the site into memory") == text.count("\n--- ready: ")
            return read and text.count("--- building the site") == ended

        if not quiet():
            return False
        before = self.text()
        time.sleep(0.5)
        return quiet() and self.text() == before

    def fast_pages(self) -> int:
        return self.text().count("\n--- shown: ")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()


def save_edit(path: Path, word: str) -> float:
    """Put a paragraph naming `word` at the top of the body (replacing the last edit's);
    the time the file was saved."""
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    if body.startswith("Preview edit "):
        body = body.partition("\n\n")[2]
    with path.open("w", encoding="utf-8") as out:
        out.write(f"{head}\n\nPreview edit {word}.\n\n{body}")
    return time.perf_counter()


def time_edit(server: Server, word: str) -> float:
    saved = save_edit(server.edited, word)
    deadline = saved + TIMEOUT_S
    while True:
        page = fetch(server.url)
        now = time.perf_counter()
        if page and f"Preview edit {word}." in page:
            return now - saved
        if now > deadline:
            raise TimeoutError(f"{server.name}: the edit never showed")
        time.sleep(POLL_S)


def settle(server: Server, built: int) -> tuple[int, float]:
    """Ours: wait for the full build that follows the fast page; its count and time."""
    started = time.perf_counter()
    if server.name != "ours":
        time.sleep(1.0)
        return built, 0.0
    wait_until(lambda: int(server.status().get("built", 0)) > built, "ours: the full build")
    return int(server.status()["built"]), time.perf_counter() - started


# -- the measurement -----------------------------------------------------------------------


def start_ours(work: Path, content: Path, site_python: str, target: str, port: int) -> Server:
    env = {**os.environ, "BENCH_CACHE_DIR": str(work / "cache"), "PYTHONUNBUFFERED": "1"}
    command = [os.path.abspath(site_python), str(ROOT / "tools" / "devserver.py"),
               "-s", str(HERE / "benchconf.py"), "-c", str(content), "-o", str(work / "output"),
               "--port", str(port)]  # fmt: skip
    slug = read_pelican((content / target).read_text(encoding="utf-8"))[0]["slug"]
    url = f"http://127.0.0.1:{port}/news/{slug}/"
    server = Server("ours", command, work, env, url, content / target, work / "ours.log")
    wait_until(lambda: int(server.status().get("built", 0)) >= 1, "ours: the first build")
    return server


def start_hugo(hugo: str, site: Path, target: str, port: int) -> Server:
    command = [hugo, "server", "--source", str(site), "--bind", "127.0.0.1",
               "--port", str(port), "--baseURL", f"http://127.0.0.1:{port}/"]  # fmt: skip
    slug = read_pelican_front(site / "content" / target)
    url = f"http://127.0.0.1:{port}/news/{slug}/"
    server = Server("hugo", command, site, dict(os.environ), url, site / "content" / target,
                    site.parent / "hugo.log")  # fmt: skip
    wait_until(lambda: fetch(url) is not None, "hugo: the first build")
    return server


def read_pelican_front(path: Path) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("slug:"):
            return str(json.loads(line.partition(":")[2]))
    raise ValueError(f"{path}: no slug")


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median_s": statistics.median(values),
        "min_s": min(values),
        "max_s": max(values),
    }


def measure(size_name: str, edits: int, site_python: str, seed: int = 1) -> dict[str, object]:
    """The preview measurement on the text-only corpus of `size_name` (needs hugo)."""
    hugo = find_hugo()
    if hugo is None:
        return {"skipped": "hugo is not installed: apt-get install hugo (Debian), then again"}
    size = text_only(SIZES[size_name])
    corpus, manifest = ensure_corpus(size, seed)
    work = CACHE_ROOT / f"preview-{size.name}"
    shutil.rmtree(work, ignore_errors=True)
    content = work / "ours" / "content"
    shutil.copytree(corpus / "ours" / "content", content)
    hugo_site(corpus / "reference" / "content", work / "hugo")
    target = str(manifest["edit_target"])
    print(f"  preview on {size.name}: {manifest['articles']} articles, {manifest['events']}"
          f" events; editing {target}", flush=True)  # fmt: skip
    servers = []
    try:
        servers.append(start_ours(work / "ours", content, site_python, target, free_port()))
        servers.append(start_hugo(hugo, work / "hugo", target, free_port()))
        return _alternate(servers, edits, size.name, manifest)
    finally:
        for server in servers:
            server.stop()


def _alternate(servers: list[Server], edits: int, size: str, manifest: dict) -> dict[str, object]:
    times: dict[str, list[float]] = {s.name: [] for s in servers}
    follows: list[float] = []
    built = int(servers[0].status().get("built", 0))
    fast = 0
    for edit in range(edits):
        for server in servers if edit % 2 == 0 else servers[::-1]:
            if server.name == "ours":
                wait_until(server.idle, "ours: the last build to end")
                built = int(server.status().get("built", 0))
                shown = server.fast_pages()
            seconds = time_edit(server, f"{server.name}{edit}x{os.getpid()}")
            times[server.name].append(seconds)
            if server.name == "ours":
                fast += server.fast_pages() > shown
                built, follow = settle(server, built)
                follows.append(seconds + follow)
            else:
                settle(server, 0)
            print(f"  edit {edit + 1}/{edits} {server.name:5} {seconds * 1000:8.1f} ms", flush=True)
    result: dict[str, object] = {
        "size": size,
        "articles": manifest["articles"],
        "events": manifest["events"],
        "edits": edits,
        "ours": summary(times["ours"]),
        "hugo": summary(times["hugo"]),
        "ours_site_follows": summary(follows),
        "ours_fast_path_edits": fast,
        "samples": times,
    }
    result["ratio"] = result["ours"]["median_s"] / result["hugo"]["median_s"]  # type: ignore[index]
    return result


def render(result: dict[str, object]) -> str:
    if "skipped" in result:
        return f"preview: not measured ({result['skipped']})"
    ours, hugo = result["ours"], result["hugo"]
    follows = result["ours_site_follows"]
    ratio = float(result["ratio"])  # type: ignore[arg-type]
    verdict = "met" if ratio <= 1.0 else "NOT met"

    def cell(entry: object) -> str:
        e = entry  # type: ignore[assignment]
        return f"{e['median_s'] * 1000:7.0f} ms ({e['min_s'] * 1000:.0f}-{e['max_s'] * 1000:.0f})"  # type: ignore[index]

    return "\n".join([
        f"preview, {result['size']} ({result['articles']} articles, {result['events']} events):"
        f" file saved -> edited page served, median of {result['edits']} edits",
        f"  ours (make devserver) {cell(ours)}; every page follows after"
        f" {follows['median_s']:.1f} s; fast path on {result['ours_fast_path_edits']} edit(s)",  # type: ignore[index]
        f"  hugo server           {cell(hugo)}",
        f"  ratio ours/hugo {ratio:.2f}  [target <= 1.0: {verdict}]",
    ])  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="medium")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--site-python", default=str(ROOT / ".venv" / "bin" / "python"))
    args = parser.parse_args(argv)
    result = measure(args.size, args.edits, args.site_python, args.seed)
    print(render(result))
    out = CACHE_ROOT / f"preview-{args.size}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"results: {out}")
    return 0 if "skipped" not in result else 1


if __name__ == "__main__":
    sys.exit(main())
