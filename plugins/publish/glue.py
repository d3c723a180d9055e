"""Pelican glue: settings in, published files out.

The only module of this plugin that imports Pelican; the settings are in settings.py. The
steps run on `finalized`, after every generator has written its files into OUTPUT_PATH
(the safe build's staging folder), so a step that fails leaves the live site untouched.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from community_press import settle

from .compress import precompress
from .markup import add_noopener, find_inline_code, is_noindex
from .minify import MINIFIERS
from .policy import allow_frames
from .search import build_index
from .settings import DEFAULTS, settings_problems
from .sitemap import SitemapEntry, is_excluded, page_url, to_robots, to_sitemap

logger = logging.getLogger(__name__)

# Where the content map of one build waits for `finalize` (reset by every run).
_CONTENT_KEY = "_PUBLISH_CONTENT"


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every PUBLISH_* setting, then stop on any wrong one."""
    settings = pelican.settings
    settle(settings, "publish", DEFAULTS, settings_problems)
    frames = settings.get("TRUSTED_FRAME_HOSTS") or ()
    settings["PUBLISH_CSP"] = allow_frames(settings["PUBLISH_CSP"], frames)


def mark_external_links(content: Any) -> None:
    """`content_object_init`: rel="noopener" on the content's links to other hosts."""
    settings = content.settings
    if not settings.get("PUBLISH_NOOPENER") or not getattr(content, "_content", None):
        return
    host = urlsplit(settings.get("SITEURL") or "").hostname or ""
    content._content = add_noopener(content._content, host)


class Published(NamedTuple):
    """An article or page as written to the output: where from, and when last changed."""

    source: str  # 'articles/x.md', below PATH
    lastmod: dt.datetime | None


def _published(content: Any) -> Published:
    """Its last change is its Modified, else its Date, unless that is still to come: an
    event without a Date is dated by its start, and a sitemap's lastmod in the future is
    invalid (search engines then distrust every lastmod of the site)."""
    value = getattr(content, "modified", None) or getattr(content, "date", None)
    lastmod = value if isinstance(value, dt.datetime) else None
    if lastmod is not None and lastmod > dt.datetime.now(lastmod.tzinfo and dt.UTC):
        lastmod = None
    return Published(str(getattr(content, "relative_source_path", "") or ""), lastmod)


def collect_content(generators: list[Any]) -> None:
    """`all_generators_finalized`: note which output files are articles and pages.

    They are what site search indexes, and their dates are the sitemap's `lastmod`.
    """
    found: dict[str, Published] = {}
    settings = None
    for generator in generators:
        settings = generator.settings
        for attribute in ("articles", "pages", "translations"):
            for content in getattr(generator, attribute, None) or []:
                items = [content, *getattr(content, "translations", [])]
                for item in items:
                    save_as = getattr(item, "save_as", "")
                    if save_as and save_as.endswith(".html"):
                        found[save_as.replace(os.sep, "/")] = _published(item)
    if settings is not None:
        settings[_CONTENT_KEY] = found


def _prepare_html(
    output: Path, settings: dict[str, Any], content: dict[str, Published]
) -> tuple[list[str], set[str]]:
    """One pass over every HTML file: check it, note `noindex`.

    Returns all HTML paths and the `noindex` ones.
    """
    check = bool(settings["PUBLISH_CSP"])
    html_files: list[str] = []
    noindex: set[str] = set()
    inline: list[str] = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:  # a static file: an old page in GBK, or no page at all
            logger.warning(
                "publish: %s is not UTF-8 text: published as it is (not minified, checked "
                "or searched)",
                relative,
            )
            continue
        html_files.append(relative)
        if check:
            source = content.get(relative)
            where = f"{relative} (from {source.source})" if source else relative
            inline += [f"{where}: {problem}" for problem in find_inline_code(text)]
        if is_noindex(text):
            noindex.add(relative)
    if inline:
        shown = inline[:20] + ([f"... and {len(inline) - 20} more"] if len(inline) > 20 else [])
        logger.error(
            "publish: the Content-Security-Policy (PUBLISH_CSP) would block %d inline"
            " scripts or styles:\n%s",
            len(inline),
            "\n".join(f"  {line}" for line in shown),
        )
    return html_files, noindex


def _minify_pages(output: Path, html_files: list[str]) -> None:
    minify = MINIFIERS[".html"]
    for relative in html_files:
        path = output / relative
        path.write_text(minify(path.read_text(encoding="utf-8")), encoding="utf-8")


def _minify_assets(output: Path, bundle: str, as_is: list[str]) -> int:
    """Minify CSS and JavaScript files in place (not Pagefind's, which come minified)."""
    count = 0
    for path in sorted(output.rglob("*")):
        minifier = MINIFIERS.get(path.suffix)
        relative = path.relative_to(output).as_posix()
        if path.suffix == ".html" or minifier is None or not path.is_file():
            continue
        if relative.startswith(f"{bundle}/") or is_excluded(relative, as_is):
            continue
        path.write_text(minifier(path.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count


def finalize(pelican: Any) -> None:
    """`finalized`: run the enabled steps on the freshly written site (of a site that
    lists the plugin: a signal an earlier build left connected is not this site's)."""
    settings = pelican.settings
    if "publish" not in (settings.get("PLUGINS") or []):
        return
    output = Path(pelican.output_path)
    content: dict[str, Published] = settings.get(_CONTENT_KEY) or {}
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    bundle = settings["PUBLISH_PAGEFIND_BUNDLE"].strip("/")

    html_files, noindex = _prepare_html(output, settings, content)
    exclude = [*settings["PUBLISH_EXCLUDE"], f"{bundle}/*"]
    pages = [r for r in html_files if r not in noindex and not is_excluded(r, exclude)]
    if settings["PUBLISH_SITEMAP_SAVE_AS"]:
        _write_sitemap(output, settings, pages, content, siteurl)

    # Indexed before minifying: minified, `<td>Hall</td><td>Flats</td>` has no space left
    # between its words, and Pagefind's excerpts and words would run them together.
    if settings["PUBLISH_PAGEFIND"]:
        # Pagefind wants paths below the site root ('/news/x/'); it finds the root itself.
        searchable = [(rel, page_url(rel, "")) for rel in pages if rel in content]
        try:
            indexed = build_index(
                output, searchable, output / bundle, settings["PUBLISH_PAGEFIND_EXCLUDE_SELECTORS"]
            )
        except Exception as error:  # the binary or its service failed: say so, stop
            logger.error("publish: Pagefind could not index %s: %s", output, error)
        else:
            logger.info("publish: Pagefind indexed %d pages into %s/", len(indexed), bundle)

    if settings["PUBLISH_MINIFY"]:
        _minify_pages(output, html_files)
        assets = _minify_assets(output, bundle, settings["PUBLISH_AS_IS"])
        logger.info("publish: minified %d HTML, %d CSS and JS files", len(html_files), assets)

    if settings["PUBLISH_PRECOMPRESS"]:
        extensions = tuple(settings["PUBLISH_PRECOMPRESS_EXTENSIONS"])
        quality = settings["PUBLISH_BROTLI_QUALITY"]
        as_is = settings["PUBLISH_AS_IS"]
        files = [
            p
            for p in sorted(output.rglob("*"))
            if p.is_file()
            and p.suffix in extensions
            and not is_excluded(p.relative_to(output).as_posix(), as_is)
        ]
        for path in files:
            precompress(path, quality)
        logger.info("publish: wrote .gz and .br beside %d files", len(files))


def _write_sitemap(
    output: Path,
    settings: dict[str, Any],
    pages: list[str],
    content: dict[str, Published],
    siteurl: str,
) -> None:
    entries = [
        SitemapEntry(page_url(rel, siteurl), content[rel].lastmod if rel in content else None)
        for rel in pages
    ]
    sitemap_as = settings["PUBLISH_SITEMAP_SAVE_AS"]
    (output / sitemap_as).parent.mkdir(parents=True, exist_ok=True)
    (output / sitemap_as).write_bytes(to_sitemap(entries))
    robots_as = settings["PUBLISH_ROBOTS_SAVE_AS"]
    if robots_as:
        site_path = urlsplit(siteurl).path
        text = to_robots(f"{siteurl}/{sitemap_as}", settings["PUBLISH_ROBOTS_DISALLOW"], site_path)
        (output / robots_as).write_text(text, encoding="utf-8")
    logger.info("publish: %s lists %d pages", sitemap_as, len(entries))
