"""Pelican glue for the gallery plugin: the signal receivers and the generator.

The only module of the plugin that imports Pelican. The order of a build:

1. `apply_defaults` (``initialized``) fills in and checks every GALLERY_* setting
   (`settings`).
2. `start_photos` (``initialized`` too) starts processing, in the background, every
   photo in content the cache lacks (`background`), while the rule book and Pelican
   read the content.
3. `GalleryGenerator.generate_context`, after Pelican has read every article and page:
   finds the folder and photos of each ``gallery:`` (`rules.find_gallery`, whose problems
   and those of `rules.folder_problems` the build refuses) and each ``<img>`` pointing
   into content (`renditions.local_images`), takes what it can from the cache (`digests`,
   `pipeline.load_entry`) and what the batch is making as it will be
   (`pipeline.expected`; with ``GALLERY_BROKEN_PHOTOS = "skip"`` it waits for the batch,
   to leave out a photo that fails), processes any other in a pool (`pool`), attaches
   ``content.gallery`` (`renditions.gallery_of`) and rewrites content images as
   ``<picture>`` (`renditions.rewrite_images`); a GIF named by a plain path becomes a
   ``{static}`` link, which Pelican publishes (`renditions.link_copied`). All problems
   are reported together.
4. `GalleryGenerator.generate_output` places derivatives into the output (hard links
   from the cache); while the batch is still making photos, `finish` (``finalized``)
   waits for it first (a photo it could not make fails the build there).
5. `sweep_output` (``finalized`` too, connected at ``initialized`` so that it runs after
   every plugin's own) strips metadata from any other image that reached the output
   (`sweep`), so no published file carries GPS; what the gallery and the share cards drew
   themselves (`made_here`) it leaves alone.

Project pages and the projects index belong to the projects plugin.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from community_press import (
    WARNING,
    ContentError,
    Problem,
    available_cores,
    link_or_copy,
    on_their_lines,
    report,
    settle,
    shown_path,
)
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator
from pelican.log import console

from . import background, markup, pipeline, pool, renditions, rules
from . import captions as captions_
from .digests import DIGESTS, DigestMemo
from .folders import photos_in
from .model import Picture, Rendition, Stats, cache_key
from .settings import DEFAULTS, processing_of, settings_problems
from .sweep import sweep

logger = logging.getLogger(__name__)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every GALLERY_* setting and stop if one is wrong."""
    settings = pelican.settings
    settle(settings, "gallery", DEFAULTS, settings_problems)
    formats = settings["GALLERY_FORMATS"]
    if "avif" in formats and not pipeline.can_write_avif():
        logger.warning("gallery: this Pillow cannot write AVIF; making WebP and JPEG only")
        settings["GALLERY_FORMATS"] = [f for f in formats if f != "avif"]
    # Connected here, after every plugin's own `finalized`: the sweep then sees all they
    # place then, in the build that places it.
    signals.finalized.connect(sweep_output)


def start_photos(pelican: Any) -> None:
    """`initialized`, after `apply_defaults`: start processing, in the background, every
    photo of the galleries folder whose derivatives the cache lacks (images elsewhere in
    content are processed when a page turns out to show them)."""
    settings = pelican.settings
    content = Path(settings["PATH"])
    galleries = content / settings["GALLERY_PATH"]
    inside = galleries.resolve()
    # A gallery's own photos: not those in folders within it, which no gallery shows (the
    # rule book says so; a page showing one has it processed then).
    photos = [
        p
        for p in photos_in(galleries)
        if len(p.relative_to(galleries).parts) == 2 and p.resolve().is_relative_to(inside)
    ]
    processing = processing_of(settings)
    cache_root = Path(settings["GALLERY_CACHE_PATH"]).resolve()
    digests = DigestMemo(cache_root / DIGESTS, content)
    digests.prefetch(photos, available_cores())
    tasks = []
    for path in photos:
        try:
            key = cache_key(digests.sha256(path), processing)
        except OSError:
            continue  # the rule book names it
        entry = cache_root / key[:2] / key
        if pipeline.load_entry(entry, key) is None:
            tasks.append(pipeline.Task(str(path), shown_path(path), key, str(entry), processing))
    digests.save()
    background.start(tasks, _workers(settings, len(tasks)))


def _workers(settings: dict[str, Any], tasks: int) -> int:
    workers = settings["GALLERY_WORKERS"] or available_cores()
    if multiprocessing.current_process().daemon:
        return 1  # a daemon process may not start a pool
    return max(1, min(workers, tasks))


def _same_file(a: str, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def get_generators(pelican: Any) -> type[GalleryGenerator]:
    """`get_generators`: our generator runs after Pelican's articles and pages."""
    return GalleryGenerator


# Generators whose photos were still being made when Pelican asked for their output.
_unfinished: list[GalleryGenerator] = []
# The derivatives this build placed in the output, and the share cards (paths as
# os.path.join makes them): the sweep skips these, and only these.
_placed: set[str] = set()


def made_here(path: str | os.PathLike[str]) -> None:
    """`path`, in this build's output, is an image another plugin drew itself and wrote
    without metadata (a share card), as the gallery writes its derivatives: the sweep
    leaves it alone."""
    _placed.add(os.path.abspath(path))


def finish(pelican: Any) -> None:
    """`finalized`: wait for the photos still being made and place them (a photo that
    could not be made fails the build here)."""
    while _unfinished:
        _unfinished.pop(0).finish()


def sweep_output(pelican: Any) -> None:
    """`finalized`, after every other plugin's: strip metadata from every image in the
    output we did not make."""
    settings = pelican.settings
    output = Path(pelican.output_path)
    cache = Path(settings.get("GALLERY_CACHE_PATH", DEFAULTS["GALLERY_CACHE_PATH"])) / "static"
    swept = sweep(output, frozenset(_placed), cache)
    _placed.clear()
    if swept.cleaned:
        logger.info("gallery: removed metadata from %d static image(s):", len(swept.cleaned))
        for line in swept.cleaned:
            logger.info("gallery:   %s", line)
    if swept.problems:
        logger.error("gallery: images in the output that may carry metadata:\n  %s",
                     "\n  ".join(swept.problems))  # fmt: skip


@dataclass
class _GalleryUse:
    """One content object's ``gallery:``, resolved to a folder and ordered photos."""

    content: Content
    name: str
    folder: Path
    photos: list[tuple[str, captions_.Caption | None]]
    captions_file: str | None


@dataclass
class _ImageUse:
    """One ``<img>`` in a content object pointing at an image file in content."""

    content: Content
    tag: markup.ImgTag
    path: Path


def _forget_rendered(content: Content) -> None:
    """Drop HTML Pelican may have memoized for `content` before we rewrote it."""
    for method in (Content.get_content, Content.get_summary):
        cache = getattr(method, "cache", {})
        for key in [k for k in cache if k and k[0] is content]:
            del cache[key]


class _FillSiteurl:
    """Wraps one content object's `_update_content` so that the URLs of our ``<picture>``
    get the same per-page site URL Pelican gives ``{static}`` links."""

    def __init__(self, content: Content) -> None:
        self.update = content._update_content
        self.relative = bool(content.settings["RELATIVE_URLS"])

    def __call__(self, text: str, siteurl: str) -> str:
        return markup.fill_siteurl(self.update(text, siteurl), siteurl, self.relative)


class GalleryGenerator(Generator):
    """Processes the photos of a build and places their derivatives into the output."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stats = Stats()
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []  # a broken photo skipped (GALLERY_BROKEN_PHOTOS)
        # output path below OUTPUT_PATH -> file in the cache
        self.placements: dict[str, Path] = {}
        self.renditions: dict[Path, Rendition] = {}
        self.broken: set[Path] = set()
        self.used_by: dict[Path, set[str]] = {}  # content image -> the articles showing it
        self.checked: set[Path] = set()  # gallery folders whose captions were checked
        self._last_progress = 0.0
        s = self.settings
        self.processing = processing_of(s)
        self.content_root = Path(self.path)
        self.gallery_root = self.content_root / s["GALLERY_PATH"]
        self.cache_root = Path(s["GALLERY_CACHE_PATH"]).resolve()
        self.batch = background.current()  # what `start_photos` set going
        self.expected: dict[str, Rendition | None] = {}  # key -> as the batch will make it
        self.keys: dict[str, list[Path]] = {}  # key -> the photos of this build with it

    # -- context ---------------------------------------------------------------------

    def generate_context(self) -> None:
        contents = self._contents()
        uses = [u for c in contents if (u := self._gallery_use(c)) is not None]
        images = self._image_uses(contents) if self.settings["GALLERY_CONTENT_IMAGES"] else []
        sources: dict[Path, str] = {}
        for use in uses:
            for filename, _ in use.photos:
                path = use.folder / filename
                sources.setdefault(path, self._name(path))
        for image in images:
            sources.setdefault(image.path, self._name(image.path))
            self.used_by.setdefault(image.path, set()).add(self._source(image.content))
        self._render(sources)
        for use in uses:
            self._attach(use)
        self._rewrite_images(images)
        self._link_copied(contents)
        self._report()

    def _contents(self) -> list[Content]:
        found = [
            c for c in self.context.get("generated_content", {}).values() if isinstance(c, Content)
        ]
        return sorted(found, key=lambda c: c.relative_source_path or "")

    def _name(self, path: Path) -> str:
        return shown_path(path)

    def _source(self, content: Content) -> str:
        return self._name(self.content_root / (content.relative_source_path or ""))

    def _refuse(self, problems: Iterable[Problem]) -> None:
        """The rule book's errors fail the build. Its warnings (alt text, heavy photos) are
        the rulebook plugin's to report, in the build as in `make check`."""
        self.errors += [p for p in problems if p.is_error]

    def _gallery_use(self, content: Content) -> _GalleryUse | None:
        if "gallery" not in content.metadata:
            return None
        content.gallery = None  # never the raw string: templates test `if page.gallery`
        found = rules.find_gallery(
            content.metadata, self._source(content), self.content_root, self.settings
        )
        self._refuse(found.problems)
        if found.folder is None or not found.photos:
            return None
        if found.folder not in self.checked:
            self.checked.add(found.folder)
            self._refuse(rules.folder_problems(found.folder, self.gallery_root, self.content_root))
        lang = getattr(content, "lang", self.settings["DEFAULT_LANG"])
        ordered, used = captions_.photo_order(found.folder, found.photos, lang)
        captions_file = self._name(used) if used is not None else None
        return _GalleryUse(content, found.name, found.folder, ordered, captions_file)

    def _image_uses(self, contents: Iterable[Content]) -> list[_ImageUse]:
        uses = []
        for content in contents:
            text = getattr(content, "_content", None)
            if not text:
                continue
            source = content.relative_source_path or ""
            for tag, path in renditions.local_images(text, source, self.content_root):
                uses.append(_ImageUse(content, tag, path))
        return uses

    def _render(self, sources: dict[Path, str]) -> None:
        """Take each photo from the cache, or process it (in a pool) into the cache."""
        tasks: list[pipeline.Task] = []
        keys: dict[str, list[Path]] = {}
        digests = DigestMemo(self.cache_root / DIGESTS, self.content_root)
        digests.prefetch(sorted(sources), available_cores())
        for path, name in sorted(sources.items()):
            try:
                digest = digests.sha256(path)
            except OSError as exc:
                self._broken(
                    path, Problem(name, None, None, f"cannot be read ({exc.strerror or exc})")
                )
                continue
            key = cache_key(digest, self.processing)
            keys.setdefault(key, []).append(path)
            if len(keys[key]) > 1:
                continue  # the same photo under another name: processed once
            entry = self.cache_root / key[:2] / key
            rendition = pipeline.load_entry(entry, key)
            if rendition is not None:
                self.stats.from_cache += 1
                self.renditions[path] = rendition
            elif self.batch is not None and key in self.batch:
                self._expect(path, name, key)
            else:
                tasks.append(pipeline.Task(str(path), name, key, str(entry), self.processing))
        digests.save()
        self.stats.photos = len(sources)
        self.keys = keys
        self._process(tasks, keys, sources)
        if self.settings["GALLERY_BROKEN_PHOTOS"] == "skip":
            self._settle()  # a photo that fails must be left out of the pages

    def _expect(self, path: Path, name: str, key: str) -> None:
        """Show a photo the batch is making as it will be (if its header can be read)."""
        try:
            self.renditions[path] = self.expected[key] = pipeline.expected(
                path, name, key, self.processing
            )
        except ContentError as error:  # what the batch's outcome will say: say it now
            self.expected[key] = None
            self._broken(path, error.as_problem())

    def _settle(self) -> None:
        """Wait for the batch; a photo it could not make is broken, used or not (the rule
        book, which left its decoding to the batch, would have refused it)."""
        batch, self.batch = self.batch, None
        if batch is None:
            return
        outcomes = batch.wait(self._progress)
        background.forget(batch)
        for key, outcome in sorted(outcomes.items()):
            self.stats.decoded += outcome.decoded
            self.stats.encoded += outcome.encoded
            paths = self.keys.get(key, [])
            if paths and key not in self.expected:
                continue  # made before its page looked for it: taken from the cache
            if outcome.rendition is None and paths and self.expected.get(key, 0) is None:
                continue  # its header was unreadable: reported already
            if outcome.rendition is None:
                entry = self.cache_root / key[:2] / key  # shown already: place nothing of it
                self.placements = {
                    url: file for url, file in self.placements.items() if file.parent != entry
                }
                problem = outcome.error or Problem(batch.tasks[key].display, None, None, "failed")
                for path in paths:
                    self.renditions.pop(path, None)
                    self._broken(path, problem)
                if not paths:
                    self._broken(Path(batch.tasks[key].source), problem)
            elif paths and outcome.rendition != self.expected.get(key):
                self.errors.append(
                    Problem(
                        batch.tasks[key].display,
                        None,
                        None,
                        f"made otherwise than expected ({outcome.rendition.size}): "
                        "please report this",
                    )
                )

    def _process(
        self, tasks: list[pipeline.Task], keys: dict[str, list[Path]], sources: dict[Path, str]
    ) -> None:
        """Process the photos the cache lacks (a photo it cannot read is `_broken`)."""
        if tasks:
            for outcome in pool.run_tasks(tasks, self._workers(len(tasks)), self._progress):
                self.stats.decoded += outcome.decoded
                self.stats.encoded += outcome.encoded
                for path in keys[outcome.key]:
                    if outcome.rendition is not None:
                        self.renditions[path] = outcome.rendition
                    else:
                        failed = Problem(sources[path], None, None, "failed")
                        self._broken(path, outcome.error or failed)
        for paths in keys.values():  # duplicates of a photo that came from the cache
            for path in paths[1:]:
                if paths[0] in self.renditions:
                    self.renditions[path] = self.renditions[paths[0]]

    def _workers(self, tasks: int) -> int:
        return _workers(self.settings, tasks)

    def _progress(self, done: int, total: int, elapsed: float) -> None:
        """One line a second while photos are processed (shown without --verbose)."""
        now = time.monotonic()
        if done == total or now - self._last_progress >= 1.0:
            self._last_progress = now
            console.print(f"gallery: {done}/{total} photos processed, {elapsed:.1f} s")

    def _broken(self, path: Path, problem: Problem) -> None:
        self.broken.add(path)
        if path in self.used_by:  # an image in an article: say which one
            problem = problem.but(f"{problem.problem} (in {', '.join(sorted(self.used_by[path]))})")
        if self.settings["GALLERY_BROKEN_PHOTOS"] == "skip":
            skipped = f"{problem.problem} (skipped: GALLERY_BROKEN_PHOTOS = 'skip')"
            self.warnings.append(problem.but(skipped, WARNING))
            self.stats.skipped.append(self._name(path))
        else:
            self.errors.append(problem)

    def _picture(self, path: Path) -> Picture | None:
        rendition = self.renditions.get(path)
        if rendition is None:
            return None
        picture, files = renditions.picture_of(
            rendition, path.name, self.settings["GALLERY_OUTPUT_PATH"], self.processing.formats
        )
        entry = self.cache_root / rendition.key[:2] / rendition.key
        for url, filename in files.items():
            self.placements[url] = entry / filename
        return picture

    def _attach(self, use: _GalleryUse) -> None:
        content = use.content
        pictures = {
            filename: picture
            for filename, _ in use.photos
            if (picture := self._picture(use.folder / filename)) is not None
        }
        gallery = renditions.gallery_of(
            use.name,
            content.lang,
            use.photos,
            pictures,
            eager=self.settings["GALLERY_EAGER_PHOTOS"],
            cover=content.metadata.get("cover"),
            captions_file=use.captions_file,
        )
        if gallery is not None:
            content.gallery = gallery
        elif self.settings["GALLERY_BROKEN_PHOTOS"] == "skip":
            # every photo broken; in "error" mode each one is reported already
            unread = "no photo of this gallery could be read (see the messages above)"
            self.errors.append(Problem(self._source(content), "gallery", use.name, unread))

    def _rewrite_images(self, images: list[_ImageUse]) -> None:
        """Replace each ``<img>`` into content by a ``<picture>`` of our derivatives."""
        by_content: dict[int, list[_ImageUse]] = {}
        for image in images:
            by_content.setdefault(id(image.content), []).append(image)
        sizes = self.settings["GALLERY_CONTENT_SIZES"]
        rewritten: set[str] = set()
        for group in by_content.values():
            content = group[0].content
            found = [(image.tag, self._picture(image.path)) for image in group]
            content._content = renditions.rewrite_images(content._content, found, sizes)
            rewritten |= {i.path.relative_to(self.content_root).as_posix() for i in group}
            if not isinstance(content._update_content, _FillSiteurl):
                content._update_content = _FillSiteurl(content)
            _forget_rendered(content)
        self._unlink_static(rewritten)

    def _link_copied(self, contents: Iterable[Content]) -> None:
        """Make each GIF a page shows a ``{static}`` link, which Pelican publishes (and the
        sweep cleans; a plain path would lead nowhere), with its width and height."""
        links = self.context.get("static_links")
        for content in contents:
            text = getattr(content, "_content", None)
            if not text:
                continue
            source = content.relative_source_path or ""
            linked = renditions.link_copied(text, source, self.content_root)
            if linked == text:
                continue
            content._content = linked
            _forget_rendered(content)
            if links is not None:  # Pelican listed the page's static links when it read it
                links.update(content.get_static_links())

    def _unlink_static(self, rewritten: set[str]) -> None:
        """Keep Pelican from copying originals we replaced, unless something still links them."""
        links = self.context.get("static_links")
        if not rewritten or links is None:
            return
        still: set[str] = set()
        for content in self._contents():
            still |= content.get_static_links()
        links.difference_update(rewritten - still)

    def _report(self) -> None:
        """Report what was found since the last report."""
        for warning in self.warnings:
            logger.warning("%s", warning.placed(), extra={"limit_msg": "More photos were skipped"})
        placed = {str(q): q for q in on_their_lines(self.errors)}  # each once
        errors = [placed[text] for text in sorted(placed)]
        self.warnings, self.errors = [], []
        report(logger, "gallery: %d problem(s) with photos and galleries", errors, with_lines=True)

    # -- output ----------------------------------------------------------------------

    def generate_output(self, writer: Any) -> None:
        """Place the photos, or, while the batch is still making some, leave that to
        `finish` (``finalized``): pages, feeds and cards are written meanwhile."""
        if self.batch is not None:
            _unfinished.append(self)
        else:
            self.finish()

    def finish(self) -> None:
        self._settle()
        self._report()
        for relative, cached in sorted(self.placements.items()):
            target = os.path.join(self.output_path, relative)
            if os.path.exists(target):
                if _same_file(target, cached):  # ours, from an earlier build in place
                    _placed.add(os.path.abspath(target))
                continue
            link_or_copy(cached, target)
            _placed.add(os.path.abspath(target))
            self.stats.placed += 1
        s = self.stats
        logger.info(
            "gallery: %s: %d photos, %d from cache, %d decoded, %d files encoded, "
            "%d placed, %d skipped",
            self.output_path,
            s.photos,
            s.from_cache,
            s.decoded,
            s.encoded,
            s.placed,
            len(s.skipped),
            extra={"gallery_stats": s},
        )
