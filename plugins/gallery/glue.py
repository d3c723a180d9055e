"""Pelican glue for the gallery plugin: settings in, models and files out.

The only module of the plugin that imports Pelican. The order of a build:

1. `apply_defaults` (``initialized``) fills in and checks every GALLERY_* setting.
2. `set_project_urls` (``content_object_init``) gives pages under ``content/projects/``
   their ``projects/<slug>/`` URL and the ``project`` template.
3. `GalleryGenerator.generate_context`, after Pelican has read every article and page:
   finds the photos of each ``gallery:`` and each ``<img>`` pointing into content, takes
   what it can from the cache, processes the rest in a pool, attaches ``content.gallery``
   and rewrites content images as ``<picture>``. All problems are reported together.
4. `GalleryGenerator.generate_output` places derivatives into the output (hard links
   from the cache) and writes the ``projects/`` index of every language.
5. `sweep_output` (``finalized``) strips metadata from any other image that reached the
   output (a static file), so no published file carries GPS.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pelican.contents import Content, Page
from pelican.generators import Generator
from pelican.log import console
from PIL import features

from . import captions as captions_
from . import folders, gitblobs, markup, pipeline, pool, privacy
from .model import (
    EXTENSIONS,
    FORMATS,
    MIME_TYPES,
    PIPELINE_VERSION,
    Candidate,
    ContentError,
    Gallery,
    Photo,
    Picture,
    Processing,
    Rendition,
    Source,
    Stats,
    cache_key,
    closest,
    did_you_mean,
    name_key,
)

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    # Folder of the galleries, inside PATH; Pelican must ignore it (IGNORE_FILES).
    "GALLERY_PATH": "galleries",
    # Derivatives are made here once and hard-linked into every build's output.
    "GALLERY_CACHE_PATH": ".cache/gallery",
    # Folder of the derivatives in the output (the plugin owns it).
    "GALLERY_OUTPUT_PATH": "photos",
    "GALLERY_WIDTHS": [320, 640, 1024, 1600],
    # Best first; JPEG is the fallback every browser shows. AVIF is dropped if Pillow lacks it.
    "GALLERY_FORMATS": ["avif", "webp", "jpeg"],
    "GALLERY_QUALITY": {"avif": 60, "webp": 80, "jpeg": 82},
    # libavif's speed, 0 (slowest, smallest files) to 10: on phone photos 9 encodes about
    # 3x faster than 8 and 15x faster than 6, for files a few per cent larger.
    "GALLERY_AVIF_SPEED": 9,
    # Processes for photos: 0 = one per core, 1 = none (in the build's own process).
    "GALLERY_WORKERS": 0,
    # "error": a photo that cannot be read fails the build; "skip": a warning, photo left out.
    "GALLERY_BROKEN_PHOTOS": "error",
    "GALLERY_MAX_PIXELS": 89_478_485,  # Pillow's own default limit
    # Keep the photo's EXIF copyright line (and nothing else) in published files.
    "GALLERY_KEEP_COPYRIGHT": False,
    # Rewrite <img> in articles and pages that points at an image in content.
    "GALLERY_CONTENT_IMAGES": True,
    # `sizes` of the gallery grid's thumbnails, of images in the text column (the theme's
    # .prose is 42rem wide at most) and of the covers on the projects index.
    "GALLERY_GRID_SIZES": "(min-width: 72rem) 12rem, (min-width: 40rem) 30vw, 45vw",
    "GALLERY_CONTENT_SIZES": "(min-width: 44rem) 42rem, calc(100vw - 2rem)",
    "GALLERY_CARD_SIZES": "(min-width: 72rem) 22rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)",
    # The first photos of a gallery are likely on screen: they are not lazy-loaded.
    "GALLERY_EAGER_PHOTOS": 4,
    # Pages in this folder (below PATH) are projects.
    "GALLERY_PROJECTS_PATH": "projects",
    "GALLERY_PROJECT_URL": "projects/{slug}/",
    "GALLERY_PROJECT_SAVE_AS": "projects/{slug}/index.html",
    "GALLERY_PROJECT_LANG_URL": "{lang}/projects/{slug}/",
    "GALLERY_PROJECT_LANG_SAVE_AS": "{lang}/projects/{slug}/index.html",
    "GALLERY_PROJECTS_URL": "projects/",
    "GALLERY_PROJECTS_SAVE_AS": "projects/index.html",
    "GALLERY_PROJECTS_LANG_URL": "{lang}/projects/",
    "GALLERY_PROJECTS_LANG_SAVE_AS": "{lang}/projects/index.html",
}

# Files in the output never opened by the sweep: what Pelican and the theme write by the
# hundred. Any other file is an image if its first bytes say so, whatever its name.
NOT_IMAGES = frozenset(
    {".html", ".htm", ".xml", ".css", ".js", ".json", ".ics", ".txt", ".svg", ".woff2"}
)


class SettingsError(ValueError):
    """A GALLERY_* setting that cannot work; stops the build before anything is done."""

    def __init__(self, key: str, value: object, problem: str) -> None:
        super().__init__(f"setting {key!r} = {value!r}: {problem}")


# --- settings -------------------------------------------------------------------------


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every GALLERY_* setting and check them once."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, copy.deepcopy(value))
    check_settings(settings)


def check_settings(settings: dict[str, Any]) -> None:
    """Raise SettingsError naming the first wrong setting and what it may be."""

    def positive_int(key: str) -> None:
        value = settings[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise SettingsError(key, value, "must be a whole number, 0 or more")

    widths = settings["GALLERY_WIDTHS"]
    if (
        not isinstance(widths, list | tuple)
        or not widths
        or not all(isinstance(w, int) and not isinstance(w, bool) and w > 0 for w in widths)
    ):
        raise SettingsError(
            "GALLERY_WIDTHS", widths, "must be a list of widths in pixels, like [320, 640]"
        )
    formats = settings["GALLERY_FORMATS"]
    if not isinstance(formats, list | tuple) or not set(formats) <= set(FORMATS):
        raise SettingsError("GALLERY_FORMATS", formats, f"must be a list drawn from {FORMATS}")
    if "jpeg" not in formats:
        raise SettingsError(
            "GALLERY_FORMATS", formats, "must include 'jpeg', the format every browser shows"
        )
    if "avif" in formats and not features.check("avif"):
        logger.warning("gallery: this Pillow cannot write AVIF; making WebP and JPEG only")
        settings["GALLERY_FORMATS"] = [f for f in formats if f != "avif"]
    quality = settings["GALLERY_QUALITY"]
    if not isinstance(quality, dict) or any(
        not isinstance(quality.get(f), int) or not 1 <= quality[f] <= 100
        for f in settings["GALLERY_FORMATS"]
    ):
        raise SettingsError(
            "GALLERY_QUALITY", quality, "must give each format a quality from 1 to 100"
        )
    positive_int("GALLERY_WORKERS")
    speed = settings["GALLERY_AVIF_SPEED"]
    if not isinstance(speed, int) or isinstance(speed, bool) or not 0 <= speed <= 10:
        raise SettingsError("GALLERY_AVIF_SPEED", speed, "must be a whole number from 0 to 10")
    positive_int("GALLERY_EAGER_PHOTOS")
    positive_int("GALLERY_MAX_PIXELS")
    if settings["GALLERY_MAX_PIXELS"] == 0:
        raise SettingsError("GALLERY_MAX_PIXELS", 0, "must be more than 0")
    if settings["GALLERY_BROKEN_PHOTOS"] not in {"error", "skip"}:
        raise SettingsError(
            "GALLERY_BROKEN_PHOTOS", settings["GALLERY_BROKEN_PHOTOS"], "must be 'error' or 'skip'"
        )
    for key in ("GALLERY_PATH", "GALLERY_OUTPUT_PATH", "GALLERY_PROJECTS_PATH"):
        value = settings[key]
        if not isinstance(value, str) or not value or ".." in PurePosixPath(value).parts:
            raise SettingsError(key, value, "must be a folder name, like the default")
        if PurePosixPath(value).is_absolute():
            raise SettingsError(key, value, "must be relative (to PATH or to the output)")
    if not isinstance(settings["GALLERY_CACHE_PATH"], str | os.PathLike):
        raise SettingsError("GALLERY_CACHE_PATH", settings["GALLERY_CACHE_PATH"], "not a path")


def processing_of(settings: dict[str, Any]) -> Processing:
    quality = settings["GALLERY_QUALITY"]
    formats = tuple(settings["GALLERY_FORMATS"])
    return Processing(
        widths=tuple(sorted(set(settings["GALLERY_WIDTHS"]))),
        formats=tuple(f for f in FORMATS if f in formats),  # modern first, JPEG last
        quality=tuple((f, int(quality[f])) for f in FORMATS if f in formats),
        keep_copyright=bool(settings["GALLERY_KEEP_COPYRIGHT"]),
        max_pixels=int(settings["GALLERY_MAX_PIXELS"]),
        avif_speed=int(settings["GALLERY_AVIF_SPEED"]),
    )


def display_path(settings: dict[str, Any], relative: str | os.PathLike[str]) -> str:
    """A content path as editors know it: ``content/projects/park.md``."""
    return str(PurePosixPath(Path(settings["PATH"]).name) / PurePosixPath(relative))


# --- projects -------------------------------------------------------------------------


def is_project(content: Any) -> bool:
    settings = content.settings
    source = getattr(content, "relative_source_path", None)
    if not isinstance(content, Page) or not source:
        return False
    return PurePosixPath(source).parts[0] == settings.get("GALLERY_PROJECTS_PATH", "projects")


def set_project_urls(content: Any) -> None:
    """`content_object_init`: ``projects/<slug>/`` URLs and the project template."""
    if not is_project(content) or getattr(content, "status", "") == "draft":
        return
    s = content.settings
    lang = "" if content.in_default_lang else "LANG_"
    values = content.url_format
    if not hasattr(content, "override_url"):
        content.override_url = s[f"GALLERY_PROJECT_{lang}URL"].format(**values)
    if not hasattr(content, "override_save_as"):
        content.override_save_as = s[f"GALLERY_PROJECT_{lang}SAVE_AS"].format(**values)
    if "template" not in content.metadata:
        content.template = "project"


# --- the generator --------------------------------------------------------------------


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


def _output_name(filename: str) -> str:
    """A safe, readable file name stem for URLs: ASCII letters, digits, '-' and '_'."""
    stem = Path(filename).stem
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in stem)
    safe = "-".join(part for part in safe.split("-") if part).lower()
    return safe or "photo"


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
    """Processes the photos of a build and writes the ``projects/`` indexes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stats = Stats()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        # output path below OUTPUT_PATH -> file in the cache
        self.placements: dict[str, Path] = {}
        self.renditions: dict[Path, Rendition] = {}
        self.broken: set[Path] = set()
        self.used_by: dict[Path, set[str]] = {}  # content image -> the articles showing it
        self.projects: dict[str, list[Content]] = {}
        self._last_progress = 0.0
        s = self.settings
        self.processing = processing_of(s)
        self.content_root = Path(self.path)
        self.gallery_root = self.content_root / s["GALLERY_PATH"]
        self.cache_root = Path(s["GALLERY_CACHE_PATH"]).resolve()
        self.display_root = display_path(s, s["GALLERY_PATH"])

    # -- context ---------------------------------------------------------------------

    def generate_context(self) -> None:
        contents = self._contents()
        uses = [u for c in contents if (u := self._gallery_use(c)) is not None]
        images = self._image_uses(contents) if self.settings["GALLERY_CONTENT_IMAGES"] else []
        sources: dict[Path, str] = {}
        for use in uses:
            for filename, _ in use.photos:
                path = use.folder / filename
                sources.setdefault(path, self._display(path))
        for image in images:
            sources.setdefault(image.path, self._display(image.path))
            self.used_by.setdefault(image.path, set()).add(
                display_path(self.settings, image.content.relative_source_path)
            )
        self._render(sources)
        for use in uses:
            self._attach(use)
        self._rewrite_images(images)
        self._collect_projects()
        self._report()

    def _contents(self) -> list[Content]:
        found = [
            c for c in self.context.get("generated_content", {}).values() if isinstance(c, Content)
        ]
        return sorted(found, key=lambda c: c.relative_source_path or "")

    def _display(self, path: Path) -> str:
        try:
            return display_path(self.settings, path.relative_to(self.content_root))
        except ValueError:
            return str(path)

    def _gallery_use(self, content: Content) -> _GalleryUse | None:
        if "gallery" not in content.metadata:
            return None
        content.gallery = None  # never the raw string: templates test `if page.gallery`
        source = display_path(self.settings, content.relative_source_path)
        name = content.metadata["gallery"]
        try:
            folder = folders.gallery_folder(self.gallery_root, name, source, self.display_root)
            shown = self._display(folder)
            names = folders.list_photos(folder, self.gallery_root, shown)
            if not names:
                raise ContentError(
                    source,
                    "gallery",
                    name,
                    f"{shown}/ has no photos (add JPEG, PNG or WebP files, or remove the field)",
                )
        except ContentError as exc:
            hint = ""
            if exc.field == "gallery" and "no such folder" in exc.problem:
                hint = self._folder_hint(name)
            self.errors.append(str(exc) + hint)
            return None
        except OSError as exc:
            self.errors.append(f"{source}: field 'gallery' = {name!r}: cannot be read ({exc})")
            return None
        lang = getattr(content, "lang", self.settings["DEFAULT_LANG"])
        ordered, captions_shown = self._ordered(folder, shown, names, lang)
        return _GalleryUse(content, str(name).strip(), folder, ordered, captions_shown)

    def _ordered(
        self, folder: Path, shown: str, names: list[str], lang: str
    ) -> tuple[list[tuple[str, captions_.Caption | None]], str | None]:
        """The photos in captions-file order, and the captions file used. A mistake in the
        captions is reported, and the photos still go on in name order, so that their own
        problems are reported in the same build."""
        captions_shown = None
        try:
            for wrong, right in captions_.misnamed_captions(p.name for p in folder.iterdir()):
                raise ContentError(
                    f"{shown}/{wrong}",
                    None,
                    None,
                    f"never read: rename it {right} (captions.txt, or captions.<lang>.txt "
                    "for pages in one language)",
                )
            captions_path = captions_.captions_file(folder, lang)
            if captions_path is None:
                return captions_.order_photos(names, [], shown), None
            captions_shown = self._display(captions_path)
            text = captions_.decode_captions(captions_path.read_bytes(), captions_shown)
            captions = captions_.parse_captions(text, captions_shown)
            try:
                return captions_.order_photos(names, captions, captions_shown), captions_shown
            except ContentError as exc:
                hint = did_you_mean(str(exc.value), names)
                raise ContentError(exc.source, exc.field, exc.value, exc.problem + hint) from exc
        except ContentError as exc:
            self.errors.append(str(exc))
        except OSError as exc:
            self.errors.append(f"{captions_shown or shown}: cannot be read ({exc})")
        return captions_.order_photos(names, [], shown), captions_shown

    def _folder_hint(self, name: object) -> str:
        """``; did you mean '2024/fair'?`` for a ``gallery:`` naming no folder."""
        value = PurePosixPath(str(name).strip().rstrip("/"))
        parent = self.gallery_root / value.parent
        if not parent.is_dir():
            return ""
        found = [p.name for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")]
        choice = closest(value.name, found)
        return f"; did you mean {str(value.parent / choice)!r}?" if choice else ""

    def _image_uses(self, contents: Iterable[Content]) -> list[_ImageUse]:
        uses = []
        real_root = self.content_root.resolve()
        for content in contents:
            text = getattr(content, "_content", None)
            if not text or "<img" not in text.lower():
                continue
            folder = str(PurePosixPath(content.relative_source_path or "").parent)
            for tag in markup.find_images(text):
                relative = markup.local_image_path(tag.attrs.get("src", ""), folder)
                if relative is None:
                    continue
                path = self.content_root / relative
                if not path.is_file() or not path.resolve().is_relative_to(real_root):
                    continue  # Pelican reports a missing {static} file itself
                uses.append(_ImageUse(content, tag, path))
        return uses

    def _render(self, sources: dict[Path, str]) -> None:
        """Take each photo from the cache, or process it (in a pool) into the cache."""
        tasks: list[pipeline.Task] = []
        keys: dict[str, list[Path]] = {}
        digests = _DigestMemo(self.cache_root / "digests.json", self.content_root)
        digests.prefetch(sorted(sources), pool.default_workers())
        for path, shown in sorted(sources.items()):
            try:
                digest = digests.sha256(path)
            except OSError as exc:
                self._broken(path, f"{shown}: cannot be read ({exc.strerror or exc})")
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
            else:
                tasks.append(pipeline.Task(str(path), shown, key, str(entry), self.processing))
        digests.save()
        self.stats.photos = len(sources)
        if tasks:
            for outcome in pool.run_tasks(tasks, self._workers(len(tasks)), self._progress):
                self.stats.decoded += outcome.decoded
                self.stats.encoded += outcome.encoded
                for path in keys[outcome.key]:
                    if outcome.rendition is not None:
                        self.renditions[path] = outcome.rendition
                    else:
                        self._broken(path, outcome.error or f"{sources[path]}: failed")
        for paths in keys.values():  # duplicates of a photo that came from the cache
            for path in paths[1:]:
                if paths[0] in self.renditions:
                    self.renditions[path] = self.renditions[paths[0]]

    def _workers(self, tasks: int) -> int:
        workers = self.settings["GALLERY_WORKERS"] or pool.default_workers()
        if multiprocessing.current_process().daemon:
            return 1  # a daemon process may not start a pool
        return min(workers, tasks)

    def _progress(self, done: int, total: int, elapsed: float) -> None:
        """One line a second while photos are processed (shown without --verbose)."""
        now = time.monotonic()
        if done == total or now - self._last_progress >= 1.0:
            self._last_progress = now
            console.print(f"gallery: {done}/{total} photos processed, {elapsed:.1f} s")

    def _broken(self, path: Path, message: str) -> None:
        self.broken.add(path)
        if path in self.used_by:  # an image in an article: say which one
            message += f" (in {', '.join(sorted(self.used_by[path]))})"
        if self.settings["GALLERY_BROKEN_PHOTOS"] == "skip":
            self.warnings.append(f"{message} (skipped: GALLERY_BROKEN_PHOTOS = 'skip')")
            self.stats.skipped.append(self._display(path))
        else:
            self.errors.append(message)

    def _picture(self, path: Path) -> Picture | None:
        rendition = self.renditions.get(path)
        if rendition is None:
            return None
        folder = f"{self.settings['GALLERY_OUTPUT_PATH']}/{rendition.key[:16]}"
        stem = _output_name(path.name)
        entry = self.cache_root / rendition.key[:2] / rendition.key

        def candidates(fmt: str) -> tuple[Candidate, ...]:
            found = []
            for d in rendition.of_format(fmt):
                url = f"{folder}/{stem}-{d.width}.{EXTENSIONS[fmt]}"
                self.placements[url] = entry / d.filename
                found.append(Candidate(url, d.width, d.height))
            return tuple(found)

        sources = tuple(
            Source(MIME_TYPES[fmt], candidates(fmt))
            for fmt in self.processing.formats
            if fmt != "jpeg"
        )
        jpegs = candidates("jpeg")
        # `src` for browsers without srcset: the width nearest 1024, a fair middle.
        middle = min(jpegs, key=lambda c: abs(c.width - 1024))
        return Picture(
            sources=sources,
            fallback=Source(MIME_TYPES["jpeg"], jpegs),
            width=middle.width,
            height=middle.height,
            src=middle.url,
            large=jpegs[-1],
        )

    def _attach(self, use: _GalleryUse) -> None:
        content = use.content
        source = display_path(self.settings, content.relative_source_path)
        eager = self.settings["GALLERY_EAGER_PHOTOS"]
        photos: list[Photo] = []
        for filename, caption in use.photos:
            picture = self._picture(use.folder / filename)
            if picture is None:
                continue
            text = caption.caption if caption else ""
            alt = (caption.alt if caption else "") or text
            loading = "eager" if len(photos) < eager else "lazy"
            photos.append(Photo(filename, text, alt, picture, loading))
        if not photos:  # every photo broken; in "error" mode each one is reported already
            if self.settings["GALLERY_BROKEN_PHOTOS"] == "skip":
                self.errors.append(
                    f"{source}: field 'gallery' = {use.name!r}: no photo of this gallery "
                    "could be read (see the messages above)"
                )
            return
        cover = photos[0]
        wanted = content.metadata.get("cover")
        if wanted is not None:
            key = name_key(str(wanted).strip())
            named = [p for p in photos if name_key(p.name) == key]
            if named:
                cover = named[0]
            elif key not in {name_key(f) for f, _ in use.photos}:
                self.errors.append(
                    str(
                        ContentError(
                            source,
                            "cover",
                            wanted,
                            f"no such photo in {self._display(use.folder)}/ "
                            "(give the file name of one of its photos)"
                            + did_you_mean(str(wanted).strip(), [f for f, _ in use.photos]),
                        )
                    )
                )
        content.gallery = Gallery(use.name, content.lang, tuple(photos), cover, use.captions_file)

    def _rewrite_images(self, images: list[_ImageUse]) -> None:
        """Replace each ``<img>`` into content by a ``<picture>`` of our derivatives."""
        by_content: dict[int, list[_ImageUse]] = {}
        for image in images:
            by_content.setdefault(id(image.content), []).append(image)
        sizes = self.settings["GALLERY_CONTENT_SIZES"]
        rewritten: set[str] = set()
        for group in by_content.values():
            content = group[0].content
            text: str = content._content
            pieces: list[str] = []
            position = 0
            first = True
            for image in group:  # in document order
                pieces.append(text[position : image.tag.start])
                picture = self._picture(image.path)
                if picture is None:  # broken: drop it, never publish the original
                    replacement = ""
                else:
                    loading = "eager" if first else "lazy"
                    first = False
                    replacement = markup.picture_markup(
                        picture,
                        alt=image.tag.attrs.get("alt", ""),
                        sizes=sizes,
                        loading=loading,
                        extra=image.tag.attrs,
                    )
                pieces.append(replacement)
                position = image.tag.end
                rewritten.add(image.path.relative_to(self.content_root).as_posix())
            pieces.append(text[position:])
            content._content = "".join(pieces)
            if not isinstance(content._update_content, _FillSiteurl):
                content._update_content = _FillSiteurl(content)
            _forget_rendered(content)
        self._unlink_static(rewritten)

    def _unlink_static(self, rewritten: set[str]) -> None:
        """Keep Pelican from copying originals we replaced, unless something still links them."""
        links = self.context.get("static_links")
        if not rewritten or links is None:
            return
        still: set[str] = set()
        for content in self._contents():
            still |= content.get_static_links()
        links.difference_update(rewritten - still)

    def _collect_projects(self) -> None:
        default = self.settings["DEFAULT_LANG"]
        originals = [
            p
            for p in self.context.get("pages", [])
            if is_project(p) and getattr(p, "status", "published") == "published"
        ]
        languages = {default}
        for c in self._contents():
            if getattr(c, "status", "") == "published" and getattr(c, "lang", None):
                languages.add(c.lang)
        languages.update(self.settings.get("I18N_UI_LANGUAGES") or [])
        for lang in sorted(languages):
            chosen = []
            for page in originals:
                versions = [page, *getattr(page, "translations", [])]
                match = [v for v in versions if v.lang == lang]
                chosen.append(match[0] if match else page)
            chosen.sort(key=_project_order)
            self.projects[lang] = chosen

    def _report(self) -> None:
        for message in self.warnings:
            logger.warning("%s", message, extra={"limit_msg": "More photos were skipped"})
        if self.errors:
            logger.error(
                "gallery: %d problem(s) with photos and galleries:\n%s",
                len(self.errors),
                "\n".join(f"  {e}" for e in sorted(set(self.errors))),
            )

    # -- output ----------------------------------------------------------------------

    def generate_output(self, writer: Any) -> None:
        output = Path(self.output_path)
        for relative, cached in sorted(self.placements.items()):
            target = output / relative
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(cached, target)
            except OSError:  # another file system, or links not allowed: copy
                shutil.copyfile(cached, target)
            self.stats.placed += 1
        self._write_projects(writer)
        s = self.stats
        logger.info(
            "gallery: %s: %d photos, %d from cache, %d decoded, %d files encoded, "
            "%d placed, %d skipped",
            output,
            s.photos,
            s.from_cache,
            s.decoded,
            s.encoded,
            s.placed,
            len(s.skipped),
            extra={"gallery_stats": s},
        )

    def _write_projects(self, writer: Any) -> None:
        s = self.settings
        default = s["DEFAULT_LANG"]
        template = self.get_template("projects")
        urls = {
            lang: s[
                "GALLERY_PROJECTS_URL" if lang == default else "GALLERY_PROJECTS_LANG_URL"
            ].format(lang=lang)
            for lang in self.projects
        }
        for lang, projects in self.projects.items():
            key = "GALLERY_PROJECTS_SAVE_AS" if lang == default else "GALLERY_PROJECTS_LANG_SAVE_AS"
            save_as = s[key].format(lang=lang)
            if not save_as:
                continue
            writer.write_file(
                save_as,
                template,
                self.context,
                relative_urls=s["RELATIVE_URLS"],
                projects=projects,
                lang=lang,
                lang_urls=urls,
                url=urls[lang],
                page_name="projects",
            )


def _project_order(page: Content) -> tuple[int, str]:
    """Projects by their ``order:`` metadata (smallest first), then by title."""
    try:
        order = int(page.metadata.get("order", 1000))
    except (TypeError, ValueError):
        order = 1000
    return order, str(getattr(page, "title", ""))


def _file_digests(path: Path) -> tuple[str, str]:
    """The file's SHA-256 (the cache key) and, from the same read, its git blob id (the
    SHA-1 of ``blob <size>\\0`` and the bytes: what git's index names an unfiltered file
    by), so that a later clone of a repository holding it finds it without reading it."""
    digest = hashlib.sha256()
    blob = hashlib.sha1(usedforsecurity=False)
    with path.open("rb") as f:
        blob.update(b"blob %d\0" % os.fstat(f.fileno()).st_size)
        while chunk := f.read(1 << 20):
            digest.update(chunk)
            blob.update(chunk)
    return digest.hexdigest(), blob.hexdigest()


class _DigestMemo:
    """Photo hashes remembered by (size, mtime, inode), kept in the gallery cache.

    Hashing every photo on every build read the whole gallery (1.3 GB, about 3 s, for the
    400-photo bench corpus). An unchanged file is now not read; a freshly cloned one is
    found by the blob id git's index gives it (`gitblobs`), and anything else is hashed
    again, in threads (hashlib lets go of the GIL).
    """

    # The key under which blob id -> digest is kept (no path contains a NUL).
    BLOBS = "\0git-blobs"

    def __init__(self, path: Path, content_root: Path | None = None) -> None:
        self.path = path
        self.content_root = content_root
        self.entries: dict[str, list[Any]] = {}
        self.by_blob: dict[str, str] = {}
        self._blobs: dict[Path, str] | None = None  # asked of git once, when first needed
        self.dirty = False
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                blobs = loaded.pop(self.BLOBS, {})
                self.entries = loaded
                if isinstance(blobs, dict):
                    self.by_blob = {str(k): str(v) for k, v in blobs.items()}
        except (OSError, ValueError):
            pass

    def _blob(self, path: Path) -> str | None:
        """Git's blob id for `path`, if git vouches for its content (see gitblobs)."""
        if self._blobs is None:
            self._blobs = gitblobs.clean_blobs(self.content_root) if self.content_root else {}
        return self._blobs.get(path)

    @staticmethod
    def _stamp(path: Path) -> list[int]:
        st = path.stat()
        return [st.st_size, st.st_mtime_ns, st.st_ino]

    def _known(self, path: Path) -> str | None:
        entry = self.entries.get(str(path))
        try:
            stamp = self._stamp(path)
        except OSError:
            return None
        if isinstance(entry, list) and entry[:3] == stamp:
            return str(entry[3])
        blob = self._blob(path)  # a fresh clone: new times, but git knows the content
        digest = self.by_blob.get(blob) if blob else None
        if digest is not None:
            self.entries[str(path)] = [*stamp, digest]
            self.dirty = True
        return digest

    def sha256(self, path: Path) -> str:
        known = self._known(path)
        if known is not None:
            return known
        stamp = self._stamp(path)
        digest, blob = _file_digests(path)
        self.entries[str(path)] = [*stamp, digest]
        self.by_blob[blob] = digest
        self.dirty = True
        return digest

    def prefetch(self, paths: list[Path], workers: int) -> None:
        """Hash the photos not known yet, several at a time (errors surface in `sha256`)."""
        missing = [p for p in paths if self._known(p) is None]
        if len(missing) < 2 or workers < 2:
            return

        def one(path: Path) -> None:
            with contextlib.suppress(OSError):
                self.sha256(path)

        with ThreadPoolExecutor(workers) as threads:
            list(threads.map(one, missing))

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f".tmp-{os.getpid()}-{self.path.name}")
            tmp.write_text(json.dumps({**self.entries, self.BLOBS: self.by_blob}), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass  # only a memo: the next build hashes again


def get_generators(pelican: Any) -> type[GalleryGenerator]:
    """`get_generators`: our generator runs after Pelican's articles and pages."""
    return GalleryGenerator


# --- the last line of defence: no metadata anywhere in the output -------------------


def sweep_output(pelican: Any) -> None:
    """`finalized`: strip metadata from every image in the output we did not make.

    Static files (``STATIC_PATHS``, ``{static}`` links to a photo) are copied by Pelican
    as they are; a phone photo among them would publish where it was taken. Checking reads
    headers only; a cleaned copy is kept in the cache, so the next build only links it.
    """
    settings = pelican.settings
    output = Path(pelican.output_path)
    ours = output / settings.get("GALLERY_OUTPUT_PATH", "photos")
    cache = Path(settings.get("GALLERY_CACHE_PATH", DEFAULTS["GALLERY_CACHE_PATH"])) / "static"
    cleaned: list[str] = []
    problems: list[str] = []
    for root, dirs, files in os.walk(output):
        if Path(root) == ours:
            dirs.clear()  # our derivatives: clean by construction
            continue
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() in NOT_IMAGES:
                continue
            shown = path.relative_to(output).as_posix()
            try:
                with path.open("rb") as f:
                    kind = privacy.image_format(f.read(12))
                if kind is None:
                    continue
                if kind == "HEIF":
                    problems.append(
                        f"{shown} (in the output): a HEIC photo, which may carry GPS and "
                        "cannot be cleaned here; export it as JPEG and link that instead"
                    )
                    continue
                found = privacy.file_metadata(path)
                if found:
                    _replace_with_clean_copy(path, cache)
                    cleaned.append(f"{shown} ({', '.join(found)})")
            except Exception as exc:  # a damaged file: say which, never a traceback
                problems.append(
                    f"{shown} (in the output): cannot be checked for GPS and other metadata "
                    f"({exc}); fix or remove the file it was copied from"
                )
    if cleaned:
        logger.info("gallery: removed metadata from %d static image(s):", len(cleaned))
        for line in cleaned:
            logger.info("gallery:   %s", line)
    if problems:
        logger.error("gallery: images in the output that may carry metadata:\n  %s",
                     "\n  ".join(problems))  # fmt: skip


def _replace_with_clean_copy(path: Path, cache: Path) -> None:
    """Put the cleaned version of `path` in its place, made once and kept in `cache`."""
    digest, _ = _file_digests(path)
    cached = cache / digest[:2] / f"{digest}-{PIPELINE_VERSION}{path.suffix.lower()}"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        privacy.write_clean_copy(path, cached)
    link = path.with_name(f".tmp-{path.name}")
    try:
        os.link(cached, link)
    except OSError:
        shutil.copyfile(cached, link)
    os.replace(link, path)
