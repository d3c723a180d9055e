"""The build's side of the rule book: the same `check_site` as `make check`, before
Pelican reads any content, so that every mistake the checker calls an error stops the
build too, named as the checker names it (``content/x.md:4: error: ...``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from community_press import Problem, report, settle, shown_path
from community_press.readcache import forget_if_stale, keep_stamp
from pelican import signals

from .addresses import (
    PUBLISHING_ONLY,
    Page,
    Site,
    address_problems,
    anchor_root_links,
    base_path,
    hand_links,
    link_lines,
    output_addresses,
    static_prefix,
)
from .markdown_reader import keep_one_markdown
from .settings import DEFAULTS, settings_problems
from .site import check_content

logger = logging.getLogger(__name__)

# Warnings a build prints (every one of them, every build, would bury its errors and the
# rest of its output); `make check` prints them all.
WARNINGS_SHOWN = 10


# The hand-written links of this build's pages, by source file, for `check_addresses`.
_HAND_LINKS = "_RULEBOOK_HAND_LINKS"


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the RULEBOOK_* settings and stop if one is wrong. Connects
    `check_addresses` to `finalized` here, after every plugin has connected its own, so
    that it sees the files they write then (photos, search, the admin page)."""
    settle(pelican.settings, "rulebook", DEFAULTS, settings_problems)
    pelican.settings[_HAND_LINKS] = {}
    signals.finalized.connect(check_addresses)


def _runs_here(settings: dict[str, Any]) -> bool:
    """Whether this build runs the rule book: a signal an earlier build left connected
    (tests build many sites in one process) is not this site's."""
    return "rulebook" in (settings.get("PLUGINS") or [])


def _site_base(settings: dict[str, Any]) -> str:
    """The folder the site is published below, from SITEURL, else from PUBLISH_SITEURL."""
    site_url = settings.get("SITEURL") or ""
    if not site_url.startswith(("http://", "https://")):
        site_url = settings.get("PUBLISH_SITEURL") or ""
    return base_path(site_url)


def anchor_links(content: Any) -> None:
    """`content_object_init` (before the other plugins add links of their own): note the
    page's hand-written links to the site's addresses, in its text and its summary, and
    write those from the site's root below SITEURL (`addresses.anchor_root_links`)."""
    settings = content.settings
    if not _runs_here(settings):
        return
    values: list[str] = []
    site_url, base = settings.get("SITEURL") or "", _site_base(settings)
    for attribute in ("_summary", "_content"):  # in the order of the file's lines
        html = getattr(content, attribute, None)
        if not isinstance(html, str) or "href" not in html:
            continue
        links = hand_links(html)
        if links:
            values += [link.value for link in links]
            setattr(content, attribute, anchor_root_links(html, site_url, base))
    if "_summary" in vars(content) and "summary" in content.metadata:
        content.metadata["summary"] = content._summary
    if values:
        settings.setdefault(_HAND_LINKS, {})[content.source_path] = (content, values)


def _site_made(settings: dict[str, Any]) -> Site:
    output = Path(settings["OUTPUT_PATH"])
    content = Path(settings["PATH"])
    drafts = (settings.get(k) or "" for k in ("DRAFT_URL", "DRAFT_LANG_URL", "DRAFT_PAGE_URL",
                                              "DRAFT_PAGE_LANG_URL"))  # fmt: skip
    publishing_only = PUBLISHING_ONLY
    if "cms" in (settings.get("PLUGINS") or []):  # its admin page: CMS_ENABLED when publishing
        publishing_only += (str(settings.get("CMS_SAVE_AS") or "admin").strip("/") + "/",)
    return Site(
        addresses=output_addresses(
            Path(folder, name).relative_to(output).as_posix()
            for folder, _dirs, files in os.walk(output)
            for name in files
        ),
        base=_site_base(settings),
        preview="publish" not in (settings.get("PLUGINS") or []),  # `make digest` too
        publishing_only=publishing_only,
        drafts=tuple(sorted({p for p in map(static_prefix, drafts) if p.strip("/")})),
        in_content=lambda target: (content / target).is_file(),
    )


def check_addresses(pelican: Any) -> None:
    """`finalized`, after every other plugin's step: each hand-written link leads to a
    file the build wrote (an error if not), from the site's root (a warning if not)."""
    settings = pelican.settings
    noted = settings.get(_HAND_LINKS) or {}
    if not _runs_here(settings) or not noted:
        return
    site = _site_made(settings)
    problems: list[Problem] = []
    for source, (content, links) in sorted(noted.items()):
        folder = os.path.dirname(source)

        def beside(value: str, folder: str = folder) -> bool:
            return os.path.isfile(os.path.join(folder, unquote(urlsplit(value).path)))

        page = Page(
            url=content.url,
            listed=type(content).__name__ == "Article",
            draft=getattr(content, "status", "") == "draft",
            beside=beside,
        )
        found = address_problems(links, page, site)
        if not found:
            continue
        try:
            text = Path(source).read_text(encoding="utf-8", errors="replace")
        except OSError:  # a page a plugin made, of no file
            text = ""
        seen: dict[str, int] = {}
        shown = shown_path(source)
        for value, (severity, message) in found:
            lines = link_lines(text, value)
            nth = seen[value] = seen.get(value, -1) + 1  # its nth link to `value`
            line = lines[min(nth, len(lines) - 1)] if lines else 0
            problem = Problem(shown, None, None, message, severity, line)
            if problem not in problems:
                problems.append(problem)
    problems.sort(key=lambda p: (p.source, p.line))
    _report(problems, limit=None)  # no other command lists them


def _report(problems: list[Problem], limit: int | None = WARNINGS_SHOWN) -> None:
    """Warnings first, so that a run that stops ends on its errors; both as `make check`
    prints them, path:line: severity: message."""
    warnings = [p for p in problems if not p.is_error]
    report(
        logger,
        "%d warning(s) in content",
        warnings,
        logging.WARNING,
        with_lines=True,
        limit=limit,
        more="... and %d more: `make check` lists them all",
    )
    errors = [p for p in problems if p.is_error]
    report(logger, "%d error(s) in content: fix them and build again", errors, with_lines=True)


def forget_stale_reading(pelican: Any) -> None:
    """`initialized`: Pelican's cached HTML of the files is read only if it was made with
    these Markdown settings and versions (`community_press.readcache`)."""
    if forget_if_stale(pelican.settings):
        logger.info(
            "Markdown settings or versions changed since the last build: every file is read again"
        )


def keep_reading_stamp(pelican: Any) -> None:
    """`finalized`: the cache written is stamped with what it was made with."""
    keep_stamp(pelican.settings)


def read_with_one_markdown(readers: Any) -> None:
    """`readers_init`: every Markdown file read with one Markdown instance
    (`markdown_reader`)."""
    if _runs_here(readers.settings):
        keep_one_markdown(readers)


def check_before_reading(pelican: Any) -> None:
    """`get_generators` (after every plugin's `initialized`, before any content is read):
    report the problems, warnings first. Under `--fatal errors` (tools/build.py) an error
    stops the build there, with exit status 1 and no traceback. Only for a site that runs
    the rule book: a signal an earlier build left connected (tests build many sites in one
    process) is not this site's, and the translations plugin then reports its own."""
    if not _runs_here(pelican.settings):
        return
    _report(check_content(pelican.settings))
