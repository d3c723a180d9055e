"""Raw HTML in a Markdown body that the published site would block or blank out.

The publishing build sends a Content-Security-Policy (PUBLISH_CSP in publishconf.py) that
blocks inline scripts and styles, `on*=` handlers and `javascript:` URLs, and frames from
other sites. A preview shows them all, so without these rules a volunteer's page works in
`make devserver` and breaks only once published. `publish.markup.find_inline_code` is the
publishing build's own test of the final HTML; this module runs it over the body as
written (code blocks and HTML comments left out) and adds frames and scripts from other
sites, unless TRUSTED_FRAME_HOSTS lists their host, and pictures, video and sound from
other sites (img-src and media-src are the site's own).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from html.parser import HTMLParser
from urllib.parse import urlsplit

from community_press import ERROR, WARNING, Problem
from publish.markup import DATA_SCRIPT_TYPES, NO_SCRIPTS, NO_STYLES, find_inline_code

# `find_inline_code` says "line N: what (how to fix it)".
_FOUND = re.compile(r"line (?P<line>\d+): (?P<what>.*)")
EMBEDS = {"iframe": "src", "embed": "src", "object": "data", "script": "src"}
# Pictures, sound and video the page would load from another site: the CSP's img-src and
# media-src allow the site's own files only (a picture pasted from a WeChat article is one).
MEDIA = {"img": "src", "video": "src", "audio": "src", "source": "src"}
MD_PICTURE = re.compile(r"!\[[^\]]*\]\(\s*<?(?P<url>[a-zA-Z][a-zA-Z0-9+.-]*://[^)\s>]+)")
# A reference-style picture, `![alt][label]`, `![alt][]` or `![alt]`, and the reference
# definitions, `[label]: https://...` (the usual form in older Pelican and Jekyll posts).
MD_PICTURE_REF = re.compile(r"!\[(?P<alt>[^\]]*)\](?:\[(?P<label>[^\]]*)\])?(?![(\[])")
MD_DEFINITION = re.compile(
    r"^[ ]{0,3}\[(?P<label>[^\]]+)\]:\s*<?(?P<url>[a-zA-Z][a-zA-Z0-9+.-]*://[^\s>]+)"
)
# A Markdown link, or a reference definition, to a `javascript:` URL (Markdown writes it
# into an href just as raw HTML would).
MD_SCRIPT_LINK = re.compile(
    r"\]\(\s*<?\s*javascript:|^[ ]{0,3}\[[^\]]+\]:\s*<?\s*javascript:", re.IGNORECASE
)
# Markdown's attribute lists (attr_list, in markdown.extensions.extra): `{: style="..." }`
# after a paragraph or heading, `[link](url){: onclick="..." }` after an element. They
# write the same attributes raw HTML would.
ATTR_LIST = re.compile(r"\{:?[ ]*(?P<attrs>[^}\n]+?)[ ]*\}")
ATTR_BLOCKED = re.compile(r"(?:^|\s)(?P<name>style|on[a-z]+)[ ]*=", re.IGNORECASE)
ATTR_FIX = {"style": NO_STYLES}
BLOCKED = "the published site's Content-Security-Policy blocks it (it works in the preview only)"


class _Embeds(HTMLParser):
    """Frames, embeds and scripts that load something from another site."""

    def __init__(self, allowed: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = {host.lower() for host in allowed}
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        refresh = tag == "meta" and (values.get("http-equiv") or "").strip().lower() == "refresh"
        if refresh or tag == "base":
            what = "<meta http-equiv=refresh>" if refresh else "<base>"
            self.found.append((self.getpos()[0], f"{what}: {TAKEOVER}"))
            return
        if tag in MEDIA:
            self._media(tag, (values.get(MEDIA[tag]) or "").strip())
            for candidate in (values.get("srcset") or "").split(","):  # "x.jpg 2x, ..."
                self._media(tag, (candidate.strip().split() or [""])[0])
            if tag == "video":
                self._media("video poster", (values.get("poster") or "").strip())
            return
        if tag == "link" and "stylesheet" in (values.get("rel") or "").lower().split():
            href = (values.get("href") or "").strip()
            host = (urlsplit(href).hostname or "").lower() if href else ""
            if host:
                self.found.append(
                    (self.getpos()[0], f"<link rel=stylesheet> from {host}: {STYLE_FIX}")
                )
            return
        url = (values.get(EMBEDS.get(tag, "")) or "").strip()
        host = (urlsplit(url).hostname or "").lower() if url else ""
        if tag == "script" and (values.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES:
            return
        if host and host not in self.allowed:
            self.found.append((self.getpos()[0], _embed_problem(tag, host)))
        elif tag == "script" and not host and url:
            self.found.append((self.getpos()[0], f"<script src={url!r}>: {SCRIPT_FIX}"))

    handle_startendtag = handle_starttag

    def _media(self, tag: str, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower() if url else ""
        if host:
            self.found.append((self.getpos()[0], media_problem(f"<{tag}>", host)))


def media_problem(what: str, host: str) -> str:
    """Why a picture or video from `host` would not show, and what to do instead."""
    return (
        f"{what} from {host}: {BLOCKED}, so readers would see nothing there; save the file "
        "in content/images/ and write {static}/images/<its name> instead"
    )


STYLE_FIX = (
    f"{BLOCKED}, so the page would show without it; leave it out (the theme's styles "
    "apply to every page)"
)


# A page's text that would send its readers elsewhere, or change where its links go: the
# CSP does not stop either (a refresh is no script).
TAKEOVER = (
    "it would send readers to another address, or change where every link of the page "
    "goes; write a link instead"
)
SCRIPT_FIX = "a page's text holds no scripts: delete it (a developer adds scripts to the theme)"


def _embed_problem(tag: str, host: str) -> str:
    if tag == "script":
        return f"<script> from {host}: {BLOCKED}; {SCRIPT_FIX}"
    return (
        f"<{tag}> from {host}: {BLOCKED}, so readers would see an empty box; write a link "
        "to the video instead, or add its host to TRUSTED_FRAME_HOSTS in pelicanconf.py"
    )


# Containers whose end tag HTML never implies: one left open swallows the rest of the page
# (footer and all), one closed too often closes the theme's own. Pasted from Word or a
# web page, they often are.
CONTAINERS = frozenset(
    {"div", "section", "article", "aside", "header", "footer", "nav", "main", "table",
     "ul", "ol", "blockquote", "figure", "details", "form"}
)  # fmt: skip


class _Balance(HTMLParser):
    """Container tags opened and never closed, or closed without being opened; ids given
    to more than one element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, int]] = []
        self.stray: list[tuple[str, int]] = []
        self.ids: dict[str, list[int]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = next((value for name, value in attrs if name == "id"), None)
        if given and given.strip():
            self.ids.setdefault(given.strip(), []).append(self.getpos()[0])
        if tag in CONTAINERS:
            self.open.append((tag, self.getpos()[0]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in CONTAINERS:
            return
        for at in range(len(self.open) - 1, -1, -1):
            if self.open[at][0] == tag:
                del self.open[at:]
                return
        self.stray.append((tag, self.getpos()[0]))


def _lines(found: list[int], numbers: list[int]) -> str:
    """Lines of the parsed text as lines of the file: "line 12" or "lines 10, 12"."""
    shown = sorted({numbers[min(n, len(numbers)) - 1] for n in found})
    return f"line{'s' if len(shown) > 1 else ''} {', '.join(map(str, shown))}"


def balance_problems(source: str, lines: list[tuple[int, str]]) -> list[Problem]:
    """Raw HTML containers (``<div>``, ``<table>``...) in ``lines`` left open or closed
    too often: the page's layout would break; and an id given twice (warnings)."""
    if not any("<" in text for _, text in lines):
        return []
    parser = _Balance()
    parser.feed("\n".join(line for _, line in lines))
    parser.close()
    numbers = [number for number, _ in lines]
    found = [
        (line, f"raw HTML <{tag}> is never closed: the rest of the page, footer and all, "
               f"would be inside it; add </{tag}> where it ends")
        for tag, line in parser.open
    ] + [
        (line, f"raw HTML </{tag}> closes nothing opened here, so it would close part of the "
               "page around the text; delete it")
        for tag, line in parser.stray
    ] + [
        (where[1], f"raw HTML id={name!r} is given to {len(where)} elements "
                   f"({_lines(where, numbers)}): a link to #{name} reaches only the first; "
                   "give each its own id")
        for name, where in parser.ids.items()
        if len(where) > 1
    ]  # fmt: skip
    return [
        Problem(source, None, None, message, WARNING, numbers[min(line, len(numbers)) - 1])
        for line, message in sorted(found)
    ]


def _referenced_pictures(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Reference-style pictures whose definition names another site: on the picture's line."""
    defined = {
        " ".join(m["label"].lower().split()): m["url"]
        for _, line in lines
        if (m := MD_DEFINITION.match(line))
    }
    if not defined:
        return []
    found = []
    for index, (_, line) in enumerate(lines, 1):
        for match in MD_PICTURE_REF.finditer(line):
            label = " ".join((match["label"] or match["alt"]).lower().split())
            url = defined.get(label, "")
            host = (urlsplit(url).hostname or "").lower()
            if host:
                found.append((index, media_problem(f"picture {url!r}", host)))
    return found


def html_problems(
    source: str, lines: list[tuple[int, str]], frame_hosts: Collection[str] = ()
) -> list[Problem]:
    """Raw HTML in ``lines`` (a body's visible lines, numbered as in the file) that the
    publishing build's CSP blocks: inline scripts and styles, event handlers,
    ``javascript:`` URLs, frames or scripts from hosts not in ``frame_hosts``, the same
    attributes in Markdown attribute lists (``{: style="..." }``), and
    pictures, video or sound from other sites (HTML or Markdown ``![](https://...)``)."""
    found: list[tuple[int, str]] = [
        (index, media_problem(f"picture {match['url']!r}", host))
        for index, (_, line) in enumerate(lines, 1)
        for match in MD_PICTURE.finditer(line)
        if (host := (urlsplit(match["url"]).hostname or "").lower())
    ]
    found += _referenced_pictures(lines)
    found += [
        (index, f"a javascript: link: {BLOCKED}; link to a page or a file instead")
        for index, (_, line) in enumerate(lines, 1)
        if MD_SCRIPT_LINK.search(line)
    ]
    found += [
        (index, f"attribute list {{: {name}=... }} ({fix}): {BLOCKED}")
        for index, (_, line) in enumerate(lines, 1)
        for listed in ATTR_LIST.finditer(line)
        for attr in ATTR_BLOCKED.finditer(listed["attrs"])
        if (name := attr["name"].lower()) and (fix := ATTR_FIX.get(name, NO_SCRIPTS))
    ]
    if not found and not any("<" in text for _, text in lines):
        return []
    text = "\n".join(line for _, line in lines)
    numbers = [number for number, _ in lines]
    for said in find_inline_code(text):
        match = _FOUND.fullmatch(said)
        if match:
            found.append((int(match["line"]), f"raw HTML {match['what']}: {BLOCKED}"))
    parser = _Embeds(frame_hosts)
    parser.feed(text)
    parser.close()
    found += [(line, f"raw HTML {what}") for line, what in parser.found]
    return [
        Problem(source, None, None, message, ERROR, numbers[min(line, len(numbers)) - 1])
        for line, message in sorted(set(found))
    ]
