"""Links an editor writes to the site's own addresses, as on any website: ``/events/``,
``/about/``, ``../news/``.

A site is often published below a folder (``https://example.github.io/village/``), where
``/events/`` leads to the host's root, not to the site; and a link relative to a page's
address leads elsewhere from the news feed and from the summaries on other pages. So:

- `anchor_root_links`: the build writes each address from the site's root (``/events/``)
  below the site's own address, as Hugo's canonical URLs do. An address that already
  names the site's folder (``/village/events/``) is written once, not twice.
- `address_problems`: after the build, each such link is checked against the files the
  build wrote: an address the site does not have is an error; a relative one that works
  gets a warning with the address to write instead.

Links to files of the content (``report.pdf`` beside the page) are the rule book's
(`links`): they want ``{static}``. Pure: strings in, findings out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterable
from html import escape
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from community_press import ERROR, WARNING, closest
from community_press.problems import Severity
from publish.markup import hrefs

__all__ = [
    "HandLink",
    "address_problems",
    "anchor_root_links",
    "base_path",
    "hand_links",
    "output_addresses",
]

Finding = tuple[Severity, str]
# What only `make publish` writes (publishconf.py's feeds; the publish plugin's sitemap,
# robots.txt and search index): a preview cannot tell whether a link to them will work.
PUBLISHING_ONLY = ("feeds/", "sitemap.xml", "robots.txt", "pagefind/")


class HandLink(NamedTuple):
    """A link to one of the site's addresses, written by hand."""

    value: str  # as a browser reads it: '/events/', '../news/#may'
    start: int  # where the address is written in the HTML
    end: int


def base_path(site_url: str) -> str:
    """The folder a site is published below: '/village' for https://x.org/village/."""
    return urlsplit(site_url).path.rstrip("/")


# An href that may hold a path: not another site's address, a marker or an anchor. Most
# pages have none, and then are not parsed (this runs on every page of every build).
_MAYBE_PATH = re.compile(
    r"""href\s*=\s*["']?\s*(?![a-zA-Z][a-zA-Z0-9+.-]*:|//|#|\{|\||["'>\s])""", re.IGNORECASE
)


def hand_links(html: str) -> list[HandLink]:
    """The links in `html` to an address of this site written as a path: not to another
    site, not a Pelican marker (``{filename}``...), not an anchor within the page."""
    if not _MAYBE_PATH.search(html):
        return []
    found: list[HandLink] = []
    for href in hrefs(html):
        value = href.value.strip()
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path or value.startswith(("{", "|")):
            continue
        found.append(HandLink(value, href.start, href.end))
    return found


def _below_root(path: str, base: str) -> str:
    """A path from the site's root ('/village/events/' or '/events/') without the site's
    folder: '/events/'."""
    if base and (path == base or path.startswith(base + "/")):
        return path[len(base) :] or "/"
    return path


def anchor_root_links(html: str, site_url: str, base: str) -> str:
    """`html` with every hand-written link from the site's root below `site_url` (an
    absolute SITEURL; "" for a preview served at its own root). Only the addresses change,
    and only their start: the rest is kept as written."""
    root = site_url.rstrip("/") if site_url.startswith(("http://", "https://")) else ""
    pieces: list[str] = []
    last = 0
    for link in hand_links(html):
        written = html[link.start : link.end].strip()
        if not written.startswith("/"):
            continue  # relative: see address_problems
        new = escape(root, quote=True) + _below_root(written, base)
        if new != written:
            pieces += [html[last : link.start], new]
            last = link.end
    pieces.append(html[last:])
    return "".join(pieces)


def output_addresses(files: Iterable[str]) -> set[str]:
    """The addresses a site's files answer to, from their paths below the output folder:
    'news/x/index.html' answers to 'news/x/' and 'news/x'; '' is the home page."""
    found: set[str] = set()
    for name in files:
        found.add(name)
        if name == "index.html":
            found.add("")
        elif name.endswith("/index.html"):
            folder = name.removesuffix("index.html")
            found |= {folder, folder.rstrip("/")}
    return found


def _target(value: str, page_url: str, base: str) -> str:
    """The address below the site's root a link leads to from the page at `page_url`."""
    path = unquote(urlsplit(value).path)
    if not path.startswith("/"):
        path = posixpath.join(posixpath.dirname("/" + page_url), path)
    normal = posixpath.normpath(path)
    if path.endswith("/") and normal != "/":
        normal += "/"
    return _below_root(normal, base).lstrip("/")


def _suggestion(target: str, pages: Collection[str]) -> str | None:
    """The address an old or mistyped one most likely meant: the page of the same name
    (an old Pelican site's '2019/05/open-day.html' is now 'news/open-day/'; in the default
    language when translations share the name), else the closest spelling."""
    name = posixpath.splitext(posixpath.basename(target.rstrip("/")))[0]
    named = [p for p in pages if p.endswith("/") and posixpath.basename(p[:-1]) == name]
    if name and named:
        return min(named, key=lambda p: (p.count("/"), p))
    return closest(target, pages)


def address_problems(
    links: Iterable[str],
    page_url: str,
    base: str,
    addresses: Collection[str],
    beside_source: Callable[[str], bool] = lambda _: False,
    *,
    in_content: Callable[[str], bool] = lambda _: False,
    preview: bool = False,
) -> list[tuple[str, Finding]]:
    """What is wrong with each hand-written link (`links`, as written) of the page at
    `page_url`, given the `addresses` the build made (`output_addresses`), as (link,
    finding). `beside_source(value)` says a relative link names a file of the content,
    which the rule book has already reported; `in_content(path)` says a path from the
    root names one (a content path, where the site has no such address: it wants
    ``{static}``). A `preview` makes no feeds, sitemap or search index: links to those are
    left to the publishing build."""
    found: list[tuple[str, Finding]] = []
    for value in links:
        relative = not value.startswith("/")
        if relative and beside_source(value):
            continue
        target = _target(value, page_url, base)
        parts = urlsplit(value)
        written_root = "/" + target + (f"?{parts.query}" if parts.query else "")
        written_root += f"#{parts.fragment}" if parts.fragment else ""
        if preview and target not in addresses and target.startswith(PUBLISHING_ONLY):
            continue
        if target not in addresses:
            pages = {
                a
                for a in addresses
                if a.endswith(("/", ".html", ".ics", ".xml")) and not a.endswith("index.html")
            }
            close = _suggestion(target, pages)
            hint = (
                f"; did you mean '/{close}'?"
                if close is not None
                else " (a page of the same host that this site does not make, such as a "
                "forum, is linked by its full address, https://...)"
            )
            where = f" (from this page: '{written_root}')" if relative else ""
            if not relative and in_content(target):
                hint = (
                    f": '{value}' is a file of the content, not an address of the site: "
                    f"write '{{static}}{value}'"
                )
            found.append(
                (value, (ERROR, f"link '{value}' leads to no page of this site{where}{hint}"))
            )
        elif relative:
            found.append(
                (
                    value,
                    (
                        WARNING,
                        f"link '{value}' is written from this page's address, so it leads "
                        "elsewhere from the news feed and from the summaries on other "
                        f"pages: write it from the site's root, '{written_root}'",
                    ),
                )
            )
    return found
