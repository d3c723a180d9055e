"""Browser test harness: the sample site, served on 127.0.0.1, driven in Debian's Chromium.

Fixtures for every browser test (mark the tests `@pytest.mark.browser`):

- ``browser_site`` (session): the whole sample site, built once (``sample_site`` from
  tests/conftest.py, i.e. ``build_site`` on content/) -> ``Build`` (``.output`` is the folder).
- ``site_url`` (session): ``"http://127.0.0.1:<port>"`` (no trailing slash) serving that
  folder with ``python -m http.server``; started here, stopped by its PID at the end.
- ``browser`` (session): Playwright's sync ``Browser`` on /usr/bin/chromium (never a
  downloaded browser).
- ``page``: a fresh page (own context) at a 1280x800 viewport, closed after the test.
  ``page.set_viewport_size({"width": 360, "height": 740})`` for a phone.
- ``new_page(width, height)``: more pages, e.g. a phone and a desktop in one test.
- ``axe(page, **options) -> list[dict]``: runs axe-core (pinned in package.json) on the
  page and returns its violations (WCAG 2.x A/AA, best practices, plus target-size).
- ``goto(page, path)``: open ``site_url + path`` and fail on HTTP errors.
- ``published_url`` (session): ``"http://127.0.0.1:<port>"`` serving a ``make publish``
  build (publishconf.py: Pagefind index, minified pages, the Content-Security-Policy) of the
  small bilingual fixture site tests/fixtures/publish_basic, built for the address it is
  served at, as a real host would be. It runs in the same ``browser`` as everything else:
  a second Playwright in one session fails ("Sync API inside the asyncio loop").
- ``edge_url`` (session): the same for a preview build of tests/fixtures/theme_edge
  (content nobody planned for: tests/browser/test_theme_edge.py).
- ``rtl_url`` (session): a new Arabic-and-English site with tests/fixtures/theme_rtl
  (tests/browser/test_theme_rtl.py).

tests/browser is a package (``__init__.py``) so that this file is ``browser.conftest`` and
does not shadow tests/conftest.py, whose helpers (``build_site``, ``describe`` for axe
violations) every test imports with ``from conftest import ...``.

No Chromium: the tests FAIL with "Chromium not found: apt-get install chromium", or are
skipped with that message when CP_SKIP_BROWSER=1 is set.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, build_site

HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The site makes no external requests; make sure a mistake cannot either.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
NO_BROWSER = "Chromium not found: apt-get install chromium"


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CP_SKIP_BROWSER") == "1":
        pytest.skip(f"{NO_BROWSER} (skipped because CP_SKIP_BROWSER=1)")
    pytest.fail(f"{NO_BROWSER} (or set CP_SKIP_BROWSER=1 to skip the browser tests)")


@pytest.fixture(scope="session")
def browser_site(sample_site: Any) -> Any:
    """The sample site, built once per session (shared with the other build tests)."""
    errors = sample_site.problems()
    assert (sample_site.output / "index.html").exists(), errors
    return sample_site


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a port the kernel picks; stop it by PID."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
         "--directory", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )  # fmt: skip
    try:
        assert server.stdout is not None
        first = server.stdout.readline()  # "Serving HTTP on 127.0.0.1 port 41415 (http://...)"
        words = first.split()
        if "port" not in words:
            pytest.fail(f"http.server did not start: {first!r}")
        port = int(words[words.index("port") + 1])
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def site_url(browser_site: Any) -> Iterator[str]:
    """Serve the built sample site."""
    with _serve(browser_site.output) as url:
        yield url


@pytest.fixture(scope="session")
def published_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A publish build of tests/fixtures/publish_basic, served at the SITEURL it was built for.

    The server starts first (on an empty folder) so that the build knows its address.
    """
    output = tmp_path_factory.mktemp("published") / "output"
    output.mkdir()
    with _serve(output) as url:
        with pytest.MonkeyPatch.context() as env:  # publishconf.py reads SITEURL from here
            env.setenv("SITEURL", url)
            build = build_site(FIXTURES / "publish_basic" / "content", output, "publishconf.py")
        errors = build.problems(logging.ERROR)
        assert errors == [], "\n".join(errors)
        assert (output / "pagefind" / "pagefind.js").exists(), "no search index was built"
        yield url


@pytest.fixture(scope="session")
def edge_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A preview build of tests/fixtures/theme_edge (very long titles and words, a table,
    code, a wide image, one-language articles, Chinese tags, two pages of news), served."""
    output = tmp_path_factory.mktemp("edge") / "output"
    build = build_site(FIXTURES / "theme_edge" / "content", output)
    errors = build.problems(logging.ERROR)
    assert errors == [], "\n".join(errors)
    with _serve(output) as url:
        yield url


@pytest.fixture(scope="session")
def rtl_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A new site in Arabic and English (`make new-site`, Arabic first) with
    tests/fixtures/theme_rtl added (an article with a quote and a table, a gallery of
    three photos), built and served."""
    from test_new_site import new_community

    root = new_community(
        tmp_path_factory.mktemp("rtl") / "site", "حي الميناء", "ar,en", "Asia/Beirut"
    )
    shutil.copytree(FIXTURES / "theme_rtl" / "content", root / "content", dirs_exist_ok=True)
    dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Noto CJK has no Arabic
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"SHARECARDS_FONT = {dejavu!r}\nSHARECARDS_BOLD_FONT = {dejavu!r}\n")
    build = build_site(root / "content", root / "output", str(root / "pelicanconf.py"))
    errors = build.problems(logging.ERROR)
    assert errors == [], "\n".join(errors)
    with _serve(build.output) as url:
        yield url


# A dark red: of the brand colours an editor may choose, the hardest to lighten for dark
# mode (a light red reads as pink on white, a dark one as black on the dark background).
EDGE_BRAND = "#6b0f1a"


@pytest.fixture(scope="session")
def brand_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The same preview build of tests/fixtures/theme_edge with BRAND_COLOR = EDGE_BRAND,
    served: (its address, the colour)."""
    output = tmp_path_factory.mktemp("brand") / "output"
    build = build_site(FIXTURES / "theme_edge" / "content", output, BRAND_COLOR=EDGE_BRAND)
    errors = build.problems(logging.ERROR)
    assert errors == [], "\n".join(errors)
    with _serve(output) as url:
        yield url, EDGE_BRAND


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    contexts: list[Any] = []

    def make(width: int = 1280, height: int = 800, **options: Any) -> Any:
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()


@pytest.fixture
def goto(site_url: str) -> Callable[[Any, str], Any]:
    def open_path(page: Any, path: str) -> Any:
        response = page.goto(site_url + path)
        assert response is not None, path
        assert response.ok, f"{path}: HTTP {response.status}"
        return response

    return open_path


def _axe_source() -> str:
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm:
            subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                           cwd=HERE, check=False, capture_output=True)  # fmt: skip
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core missing ({AXE_JS}): run `cd tests/browser && npm ci --ignore-scripts`"
            " (needs npm: apt-get install npm)"
        )
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def axe_source() -> str:
    return _axe_source()


@pytest.fixture
def axe(axe_source: str) -> Callable[..., list[dict[str, Any]]]:
    """Run axe-core on a page; return the violations (each has id, impact, nodes)."""

    def run(page: Any, **options: Any) -> list[dict[str, Any]]:
        if not page.evaluate("typeof window.axe === 'object'"):
            page.evaluate(axe_source)  # through the DevTools protocol: no CSP in the way
        options = {"rules": {"target-size": {"enabled": True}}, **options}
        result = page.evaluate("options => axe.run(document, options)", options)
        return list(result["violations"])

    return run
