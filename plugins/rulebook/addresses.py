"""Links an editor writes to the site's own addresses, as on any website: ``/events/``,
``/about/``, ``../news/``.

A site is often published below a folder (``https://example.github.io/village/``), where
``/events/`` leads to the host's root, not to the site; and a link relative to a page's
address leads elsewhere from the feeds and from the summaries on other pages. So:

- `anchor_root_links`: the build writes each address from the site's root (``/events/``)
  below the site's own address, as Hugo's canonical URLs do. An address that already
  names the site's folder (``/village/events/``) is written once, not twice.
- `address_problems`: after the build, each such link is checked against the files the
  build wrote (`Site`), from the page it is on (`Page`): an address the site does not
  have is an error with what it most likely meant; a relative one that works gets a
  warning with the address to write instead.

A path to a file beside the page (``report.pdf``) wants ``{static}``: `beside_message`
says so for the rule book (`links`, ``make check``) and the build alike, and
`static_form` writes the form Pelican publishes. Pure: strings in, findings out.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from html import escape
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from community_press import ERROR, WARNING, closest, text_lines
from community_press.problems import Severity
from publish.markup import hrefs

from .body import visible_lines

__all__ = [
    "HandLink",
    "Page",
    "Site",
    "address_problems",
    "anchor_root_links",
    "base_path",
    "beside_message",
    "hand_links",
    "link_lines",
    "output_addresses",
    "static_form",
    "static_prefix",
]

Finding = tuple[Severity, str]
# What only `make publish` writes (publishconf.py's feeds; the publish plugin's sitemap,
# robots.txt and search index): a preview cannot tell whether a link to them will work.
PUBLISHING_ONLY: tuple[str, ...] = ("feeds/", "sitemap.xml", "robots.txt", "pagefind/")


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
        try:
            parts = urlsplit(value)
        except ValueError:  # malformed: the rule book's (`links`)
            continue
        if parts.scheme or parts.netloc or not parts.path or value.startswith(("{", "|")):
            continue
        found.append(HandLink(value, href.start, href.end))
    return found


def _below_root(path: str, base: str) -> str:
    """A path from the host's root ('/village/events/', '/events/'), written as it is,
    without the site's folder: '/events/'. The folder counts however it is spelled
    ('/a%20b/' for '/a b/'), segment by segment."""
    folder = [unquote(s) for s in base.strip("/").split("/")] if base.strip("/") else []
    segments = path.split("/")  # '', then the path's segments
    if folder and [unquote(s) for s in segments[1 : 1 + len(folder)]] == folder:
        return "/" + "/".join(segments[1 + len(folder) :])
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


def _target(value: str, page_url: str, base: str) -> str | None:
    """The address below the site's root a link leads to from the page at `page_url`, or
    None when a relative one climbs out of the site's folder (a browser stops only at
    the host's root)."""
    path = unquote(urlsplit(value).path)
    folder = unquote(base).rstrip("/")
    if path.startswith("/"):
        path = _below_root(path, folder)
    else:
        path = posixpath.join(posixpath.dirname(folder + "/" + page_url), path)
        whole = posixpath.normpath(path)
        if folder and whole != folder and not whole.startswith(folder + "/"):
            return None
        path = _below_root(whole + ("/" if path.endswith("/") else ""), folder)
    normal = posixpath.normpath(path)
    if path.endswith("/") and normal != "/":
        normal += "/"
    return normal.lstrip("/")


def _stem(address: str) -> str:
    """The name an address ends in: 'open-day' of 'news/open-day/' or '2019/open-day.html'."""
    return posixpath.splitext(posixpath.basename(address.rstrip("/")))[0]


def _named(target: str, pages: Collection[str], near: str = "") -> str | None:
    """The page of the name `target` ends in (an old Pelican site's '2019/05/open-day.html'
    is now 'news/open-day/'): the one sharing most of the path, then the one in the
    language of the page at `near` (its first folder), then the shortest."""
    name = _stem(target)
    named = [p for p in pages if _stem(p) == name and not p.endswith("index.html")]
    if not name or not named:
        return None
    shared = {p: len(posixpath.commonprefix([p, target])) for p in named}
    here = near.split("/", 1)[0] + "/"
    return min(named, key=lambda p: (-shared[p], not p.startswith(here), p.count("/"), p))


def _draft_named(target: str, site: Site) -> str | None:
    """The draft of the name `target` ends in ('draftb' of 'news/draftb/'), at its drafts
    address: '/drafts/draftb/'."""
    drafts = [a for a in site.addresses if a.startswith(site.drafts or ("\0",))]
    found = _named(target, [a for a in drafts if a.endswith(("/", ".html"))])
    return f"/{found}" if found is not None else None


# What a link that is no path of this site was most likely meant to be.
_PHONE = re.compile(r"\+?[\d][\d ().-]{5,}")
_HOST = re.compile(r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}", re.IGNORECASE)


def _not_a_path(value: str) -> str | None:
    """Why `value`, read as a path of this site, is probably something else (another
    site's address, an e-mail address, a phone number), with the form to write."""
    first = value.split("/", 1)[0]
    if "\\" in value:
        return f"an address is written with '/', not '\\': '{value.replace(chr(92), '/')}'"
    if "@" in first and "/" not in value:
        return f"an e-mail address is linked as 'mailto:{value}'"
    if _PHONE.fullmatch(value):
        return f"a phone number is linked as 'tel:{value.replace(' ', '')}'"
    if _HOST.fullmatch(first) and (first.lower().startswith("www.") or "/" in value):
        return f"another site is linked by its full address, 'https://{value}'"
    return None


def beside_message(value: str) -> str:
    """What to write for a link to a file beside the page, written as a path: the rule
    book's message (`make check`) and the build's alike."""
    return (
        f"link '{value}' names a file beside this page, but a browser looks for it beside "
        f"the page's address, where the site does not put it: write '{static_form(value)}'"
    )


def static_form(path: str) -> str:
    """`{static}` and `path` as Pelican publishes the file: its name as it is, but for
    spaces, which end a Markdown link, as `%20` (the only escape Pelican reads back)."""
    return "{static}" + unquote(path).replace(" ", "%20")


@dataclass(frozen=True)
class Site:
    """What the build made, as `address_problems` needs it."""

    addresses: Collection[str]  # `output_addresses`
    base: str  # the folder the site is published below ('' at a host's root)
    preview: bool = False  # not publishing: no feeds, sitemap, search or admin page made
    publishing_only: tuple[str, ...] = PUBLISHING_ONLY  # what only publishing makes
    drafts: tuple[str, ...] = ()  # where drafts are written: 'drafts/'
    in_content: Callable[[str], bool] = lambda _: False  # a path below content/ is a file


@dataclass(frozen=True)
class Page:
    """The page a link is written on."""

    url: str  # below the site's root
    listed: bool = True  # its text is shown elsewhere too: the feeds, summaries (articles)
    draft: bool = False
    beside: Callable[[str], bool] = lambda _: False  # a relative link names a file there


def address_problems(links: Iterable[str], page: Page, site: Site) -> list[tuple[str, Finding]]:
    """What is wrong with each hand-written link of `page` (`links`, as written), given
    what the `site` made, as (link, finding)."""
    found: list[tuple[str, Finding]] = []
    pages = {
        a
        for a in site.addresses
        if a.endswith(("/", ".html", ".ics", ".xml"))
        and not a.endswith("index.html")
        and not a.startswith(site.drafts or ("\0",))
    }
    for value in links:
        finding = _finding(value, page, site, pages)
        if finding is not None:
            found.append((value, finding))
    return found


def _missing(
    value: str, target: str, from_root: str, *, page: Page, site: Site, pages: Collection[str]
) -> Finding:
    """A link to an address the site lacks: what it probably meant."""
    relative = not value.startswith("/")
    where = f" (from this page: '{from_root}')" if relative else ""
    parts = urlsplit(value)
    written = unquote(parts.path).lstrip("/")
    anchor = f"#{parts.fragment}" if parts.fragment else ""
    extension = posixpath.splitext(target)[1].lower()
    files = [a for a in site.addresses if posixpath.splitext(a)[1].lower() == extension]
    file = written if relative else target  # as it lies below content/, if it is a file
    if site.in_content(file):
        hint = (
            f": '{value}' is a file of the content, not an address of the site: "
            f"write '{static_form('/' + file)}'"
        )
    elif relative and (why := _not_a_path(value)):
        hint = f": {why}"
    elif (close := _named(target, pages, page.url)) is not None:
        hint = f"; did you mean '/{close}{anchor}'?"
    elif site.drafts and (draft := _draft_named(target, site)):
        hint = f": the page '{draft}' is still a draft (Status: draft); publish it first"
    elif extension not in ("", ".html", ".htm") and (close := closest(target, files)):
        hint = f"; did you mean '/{close}'?"
    elif (close := closest(target, pages, cutoff=0.75)) is not None:
        hint = f"; did you mean '/{close}{anchor}'?"
    else:
        hint = (
            " (a page of the same host that this site does not make, such as a forum, "
            "is linked by its full address, https://...)"
        )
    if page.draft:  # its link may lead to a draft to be published with it
        return WARNING, f"link '{value}' leads to no page of this site yet{where}{hint}"
    return ERROR, f"link '{value}' leads to no page of this site{where}{hint}"


def _finding(value: str, page: Page, site: Site, pages: Collection[str]) -> Finding | None:
    relative = not value.startswith("/")
    if relative and page.beside(value):
        return ERROR, beside_message(value)
    target = _target(value, page.url, site.base)
    if target is None:
        return (
            ERROR,
            f"link '{value}' climbs above the site's folder ('{site.base}/'), so a browser "
            "leaves the site: write it from the site's root, like '/news/'",
        )
    parts = urlsplit(value)
    from_root = "/" + target + (f"?{parts.query}" if parts.query else "")
    from_root += f"#{parts.fragment}" if parts.fragment else ""
    if target not in site.addresses:
        later = site.preview and (target + "/").startswith(site.publishing_only)
        return (
            None if later else _missing(value, target, from_root, page=page, site=site, pages=pages)
        )
    if site.drafts and target.startswith(site.drafts) and not page.draft:
        return (
            WARNING,
            f"link '{value}' leads to a draft: readers would open an unfinished page; "
            "publish it first, or link to it later",
        )
    if relative and page.listed:
        return (
            WARNING,
            f"link '{value}' is written from this page's address, so it leads elsewhere "
            "from the feeds and from the summaries on other pages: write it from the "
            f"site's root, '{from_root}'",
        )
    return None


# Where a link's address is written: after `](`, `href=` or a reference's `[id]:`, and
# before what ends it (so '/en/new' is not found in '/en/news/').
_AFTER = r"""(?:\]\(\s*<?|\b(?i:href)\s*=\s*["']?|^\s*(?:>\s*)*\[[^\]]+\]:\s*<?)"""
_END = r"""(?=[\s)>"']|$)"""


def link_lines(text: str, value: str) -> list[int]:
    """The lines of `text` where a link to `value` is written, in order: first outside
    code (fenced, or indented by four spaces), then in code, then where it is only text
    (none if it is nowhere as written: with character references, say)."""
    lines = text_lines(text)
    forms = "|".join(re.escape(v) for v in dict.fromkeys((value, escape(value, quote=False))))
    link = re.compile(f"{_AFTER}(?:{forms}){_END}")
    text_only = re.compile(f"(?:{forms}){_END}")
    numbered = list(enumerate(lines, 1))
    shown = {n for n, _ in visible_lines(numbered)}  # the rule book's reading of code
    code = {n for n, _ in numbered if n not in shown}
    links = [n for n, line in enumerate(lines, 1) if link.search(line)]
    mentions = [n for n, line in enumerate(lines, 1) if text_only.search(line)]
    ordered = [n for n in links if n not in code] + [n for n in links if n in code]
    return ordered + [n for n in mentions if n not in links]


def static_prefix(pattern: str) -> str:
    """The part of a URL setting before its first field: 'drafts/' of 'drafts/{slug}/'."""
    return pattern.split("{", 1)[0]
