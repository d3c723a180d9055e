"""The devserver's build engine: the fast path for one edit, then the safe full build.

`make devserver` used to run a full safe build (`tools/build.py`) on every change: seconds,
growing with the archive. The engine keeps one Pelican in this process, with what its
generators made of the site (settings, content objects, templates, the events and gallery
state), and handles the common edit, the text of one existing article, page or event
changed, in three steps:

1. `Engine.fast(path)`: read that one file again; when nothing but its body, title or
   summary changed (`refusal` says what else sends a change to the full build), update its
   content object in memory and render its page and its translations' pages exactly as the
   full build does (Pelican's own `Writer.write_file`, the generator's template and shared
   context), each swapped into the served ``output/`` by a rename. Cost: one file read and
   one or two pages rendered, whatever the size of the site.
2. The devserver tells the open pages (live reload).
3. `Engine.full_build()`: the same safe build as `make html`, in its own process, swapped in
   when it succeeds, so every listing, feed and calendar follows, and the site ends exactly
   as a fresh build makes it. Pages rendered fast while it ran are written again into the
   new site (it may have read the file before the edit). On a failure the last good site
   stays online, with the pages the fast path rendered since.

Anything the fast path cannot be sure of (a file added, deleted or renamed, a photo, a
template, a setting, a plugin, a changed date, slug, language, status, category, tag,
event field or gallery, a body with images) goes only to the full build, after which the
engine reads the whole site again (`load`, in the background: the next edit is fast again).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.build import _PRCTL, ROOT, _die_with_parent, _prepare, finish

logger = logging.getLogger(__name__)

# Templates whose pages depend only on their own content object and the shared context.
FAST_TEMPLATES = frozenset({"article", "page", "event"})
# Metadata an edit may change on the fast path (with Pelican's FORMATTED_FIELDS).
FREE_FIELDS = frozenset({"title", "summary"})
# Markup the gallery rewrites into renditions: such a body goes to the full build.
MEDIA_TAGS = ("<img", "<picture", "<video", "<audio", "<source")
PUBLIC = ("published", "hidden")
INTERRUPTED = 130


@dataclass
class FastResult:
    """What `Engine.fast` did: the source it read and the pages it wrote (output paths)."""

    source: str
    pages: list[str]
    seconds: float


def forget_rendered(content: Any) -> None:
    """Drop the HTML Pelican memoized for `content` (its memo is shared by every object)."""
    from pelican.contents import Content  # noqa: PLC0415

    for method in (Content.get_content, Content.get_summary):
        cache = getattr(method, "cache", {})
        for key in [k for k in cache if k and k[0] is content]:
            del cache[key]


def forget_all_rendered() -> None:
    from pelican.contents import Content  # noqa: PLC0415

    for method in (Content.get_content, Content.get_summary):
        getattr(method, "cache", {}).clear()


@contextlib.contextmanager
def quiet_logs() -> Iterator[None]:
    """Reading the site in memory repeats what the full build prints: keep it quiet."""
    logging.disable(logging.WARNING)
    try:
        yield
    finally:
        logging.disable(logging.NOTSET)


class Engine:
    """One site's Pelican in memory (`load`), its fast path (`fast`), its full build."""

    def __init__(
        self,
        settings: str | os.PathLike[str],
        content: str | os.PathLike[str],
        output: str | os.PathLike[str],
        extra: Iterable[str] = (),
    ) -> None:
        self.settings_file = str(settings)
        self.content = Path(content).resolve()
        self.output = Path(output).resolve()
        self.extra = list(extra)
        self.settings: dict[str, Any] = {}
        self.context: dict[str, Any] = {}
        self.generators: list[Any] = []
        self.state_lock = threading.Lock()  # the objects in memory
        self.output_lock = threading.Lock()  # files written into output/
        self.changes = 0  # changes the memory cannot follow (`invalidate`)
        self.loaded = -1  # `changes` when the memory was last read from disk
        self.last_ok = False  # the last full build succeeded
        self.fast_pages: dict[str, bytes] = {}  # written fast since the running build started
        self.process: subprocess.Popen[bytes] | None = None  # the running full build
        self.stopping = False

    # -- memory ------------------------------------------------------------------------

    @property
    def stale(self) -> bool:
        return self.loaded < self.changes

    def invalidate(self) -> None:
        """A change the fast path did not follow: read the site again after the next build."""
        self.changes += 1

    def load(self) -> bool:
        """Read the whole site into memory as Pelican's `run` does, without writing."""
        with self.state_lock:
            seen = self.changes
            try:
                with quiet_logs():
                    self._load()
            except BaseException as exc:  # a plugin stops on a settings error: SystemExit
                if isinstance(exc, KeyboardInterrupt):
                    raise
                logger.debug("preview: cannot read the site into memory", exc_info=True)
                self.generators = []
                return False
            self.loaded = seen
            return True

    def _load(self) -> None:
        from pelican import Pelican, signals  # noqa: PLC0415  (the devserver starts fast)
        from pelican.settings import read_settings  # noqa: PLC0415

        forget_all_rendered()
        self.generators = []
        override = {"PATH": str(self.content), "OUTPUT_PATH": str(self.output)}
        settings = read_settings(self.settings_file, override=override)
        pelican = Pelican(settings)
        context = settings.copy()
        context |= {"generated_content": {}, "static_links": set(), "static_content": {}}
        context["localsiteurl"] = settings["SITEURL"]
        generators = [
            cls(
                context=context,
                settings=settings,
                path=pelican.path,
                theme=pelican.theme,
                output_path=pelican.output_path,
            )
            for cls in pelican._get_generator_classes()
        ]
        for generator in generators:  # the full build's process keeps the caches
            generator.save_cache = _nothing
            if hasattr(generator, "readers"):
                generator.readers.save_cache = _nothing
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
        signals.all_generators_finalized.send(generators)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
        self.settings, self.context, self.generators = settings, context, generators

    # -- the fast path -----------------------------------------------------------------

    def fast(self, path: str | os.PathLike[str]) -> FastResult | None:
        """Render the pages of the one edited file `path` into output/; None when the
        change needs the full build (the memory is then marked stale)."""
        started = time.perf_counter()
        if self.extra or not self.last_ok or self.stale:
            return None
        if not self.state_lock.acquire(blocking=False):  # being read again: not yet
            self.invalidate()
            return None
        try:
            result = self._fast(Path(path))
        except Exception:
            logger.debug("preview: the fast path gave up", exc_info=True)
            result = None
        finally:
            self.state_lock.release()
        if result is None:
            self.invalidate()
            return None
        source, pages = result
        return FastResult(source, pages, time.perf_counter() - started)

    def _fast(self, path: Path) -> tuple[str, list[str]] | None:
        try:
            relative = str(path.resolve().relative_to(self.content))
        except ValueError:
            return None
        old = self.context.get("generated_content", {}).get(relative)
        generator = self._generator_of(old)
        if generator is None or not path.is_file():
            return None
        if self._refused(path, old):
            return None  # the full build fails and the open pages say why
        new = self._read(generator, relative, type(old))
        why = refusal(old, new, self.settings)
        if why:
            logger.debug("preview: %s: full build (%s)", relative, why)
            return None
        update(old, new, self.settings)
        self._refresh_event(old)
        shown = [c for c in (old, *old.translations) if c.status in PUBLIC]
        pages = self._render(shown)
        self._place(pages)
        return relative, sorted(pages)

    def _refused(self, path: Path, content: Any) -> bool:
        """Whether the rule book (when the site runs it) finds an error in the file by
        itself: then no page of it is shown before the build that would refuse it."""
        if "rulebook" not in (self.settings.get("PLUGINS") or []):
            return False
        from rulebook import file_errors  # noqa: PLC0415

        kind = type(content).__name__.lower()  # Article or Page: `_generator_of` checked
        return bool(file_errors(path.resolve(), self.content, kind, self.settings))

    def _generator_of(self, content: Any) -> Any:
        from pelican.contents import Article, Page  # noqa: PLC0415
        from pelican.generators import ArticlesGenerator, PagesGenerator  # noqa: PLC0415

        if type(content) not in (Article, Page):
            return None
        wanted = ArticlesGenerator if type(content) is Article else PagesGenerator
        return next((g for g in self.generators if type(g) is wanted), None)

    def _read(self, generator: Any, relative: str, kind: type) -> Any:
        from pelican import signals  # noqa: PLC0415
        from pelican.contents import Article  # noqa: PLC0415

        prefix = "article" if kind is Article else "page"
        return generator.readers.read_file(
            base_path=generator.path,
            path=relative,
            content_class=kind,
            context=self.context,
            preread_signal=getattr(signals, f"{prefix}_generator_preread"),
            preread_sender=generator,
            context_signal=getattr(signals, f"{prefix}_generator_context"),
            context_sender=generator,
        )

    def _refresh_event(self, content: Any) -> None:
        """An event's views (`content.event`, the upcoming list) carry its title and text:
        made again for its group, as plugins/events makes them."""
        events = next((g for g in self.generators if hasattr(g, "groups")), None)
        if events is None:
            return
        events.refresh(content)

    def _render(self, contents: list[Any]) -> dict[str, bytes]:
        """Each content's page as the full build writes it: output path -> bytes."""
        from pelican.contents import Article  # noqa: PLC0415
        from pelican.writers import Writer  # noqa: PLC0415

        with tempfile.TemporaryDirectory(prefix=".preview-", dir=self.output.parent) as folder:
            writer = Writer(folder, settings=self.settings)
            for content in contents:
                generator = self._generator_of(content)
                if type(content) is Article:
                    self._write_article(writer, generator, content)
                else:
                    self._write_page(writer, generator, content)
            root = Path(folder)
            return {
                str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()
            }

    def _write_article(self, writer: Any, generator: Any, article: Any) -> None:
        """As ArticlesGenerator.generate_articles writes one article."""
        from pelican import signals  # noqa: PLC0415

        signals.article_generator_write_article.send(generator, content=article)
        writer.write_file(
            article.save_as,
            generator.get_template(article.template),
            generator.context,
            article=article,
            category=getattr(article, "category", None),
            override_output=hasattr(article, "override_save_as"),
            url=article.url,
            blog=True,
            relative_urls=self.settings["RELATIVE_URLS"],
        )

    def _write_page(self, writer: Any, generator: Any, page: Any) -> None:
        """As PagesGenerator.generate_output writes one page."""
        from pelican import signals  # noqa: PLC0415

        signals.page_generator_write_page.send(generator, content=page)
        writer.write_file(
            page.save_as,
            generator.get_template(page.template),
            generator.context,
            page=page,
            relative_urls=self.settings["RELATIVE_URLS"],
            override_output=hasattr(page, "override_save_as"),
            url=page.url,
        )

    def _place(self, pages: dict[str, bytes]) -> None:
        """Swap each page into output/ (a rename: a request never sees half a page)."""
        with self.output_lock:
            for name, data in pages.items():
                write_atomically(self.output / name, data)
                self.fast_pages[name] = data

    # -- the full build ----------------------------------------------------------------

    def full_build(self) -> int:
        """The safe build of `make html` in its own process, swapped in on success (then the
        pages written fast meanwhile go in again). Then `load` if `needs_load`."""
        with self.output_lock:
            self.fast_pages = {}
        output, staging = _prepare(self.output)
        command = [
            sys.executable, str(ROOT / "tools" / "run_pelican.py"), str(self.content),
            "-s", self.settings_file, "-o", str(staging), "--fatal", "errors", *self.extra,
        ]  # fmt: skip
        guard = functools.partial(_die_with_parent, os.getpid()) if _PRCTL else None
        try:
            # The guard makes one system call (prctl) in the child: safe beside threads.
            with subprocess.Popen(command, preexec_fn=guard) as self.process:  # noqa: PLW1509
                code = self.process.wait()
        except KeyboardInterrupt:
            code = INTERRUPTED
        finally:
            self.process = None
        if self.stopping:
            code = INTERRUPTED
        with self.output_lock:
            code = finish(code, staging, output)
            self._after_build(code == 0)
        self.last_ok = code == 0
        return code

    @property
    def needs_load(self) -> bool:
        """After a good full build: the memory must be read again for the next fast edit."""
        return self.last_ok and (self.stale or not self.generators)

    def stop(self) -> None:
        """End the running full build, if any (its staging folder is removed)."""
        self.stopping = True
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()

    def _after_build(self, ok: bool) -> None:
        if ok:
            for name, data in self.fast_pages.items():  # edited while the build ran
                write_atomically(self.output / name, data)
        self.fast_pages = {}


def _nothing(*args: Any, **kwargs: Any) -> None:
    return None


def write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# -- what an edit may change on the fast path ----------------------------------------------


def free_fields(settings: dict[str, Any]) -> set[str]:
    return set(FREE_FIELDS) | {f.lower() for f in settings.get("FORMATTED_FIELDS", ())}


def refusal(old: Any, new: Any, settings: dict[str, Any]) -> str | None:
    """Why the edit from `old` (in memory) to `new` (just read) needs the full build; None
    when only what shows on the document's own pages changed."""
    from pelican.contents import SkipStub  # noqa: PLC0415

    if isinstance(new, SkipStub) or type(new) is not type(old) or not new.is_valid():
        return "not a valid document of the same kind"
    if old.status not in PUBLIC or new.status != old.status:
        return "status"
    if old.template not in FAST_TEMPLATES:
        return f"template {old.template}"
    changed = changed_metadata(old, new, settings)
    if changed:
        return f"metadata {', '.join(changed)}"
    if (new.slug, new.lang) != (old.slug, old.lang):
        return "slug or language"
    media = any(tag in text for tag in MEDIA_TAGS for text in (old._content, new._content))
    return "images in the body" if media else None


def changed_metadata(old: Any, new: Any, settings: dict[str, Any]) -> list[str]:
    """The fields other than title and summary whose value the edit changed."""
    free = free_fields(settings)
    before = {k: v for k, v in old.metadata.items() if k not in free}
    after = {k: v for k, v in new.metadata.items() if k not in free}
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def update(old: Any, new: Any, settings: dict[str, Any]) -> None:
    """Give the object in memory (every listing holds it) the edited text."""
    forget_rendered(old)
    old._content = new._content
    for key in free_fields(settings):
        if key in new.metadata:
            old.metadata[key] = new.metadata[key]
        else:
            old.metadata.pop(key, None)
    for key in free_fields(settings) - {"summary"}:
        if hasattr(new, key):
            setattr(old, key, getattr(new, key))
    if hasattr(new, "_summary"):
        old._summary = new._summary
    elif hasattr(old, "_summary"):
        del old._summary
    old.refresh_metadata_intersite_links()
    forget_rendered(old)
