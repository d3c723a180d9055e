"""Small HTML facts and rewrites: external links, inline code, robots meta.

Pure core: strings in, strings out. Uses the standard library's tokenizer, which is
forgiving like a browser and reports each start tag exactly as written, so a rewrite
touches nothing but the tags it changes.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import urlsplit

__all__ = [
    "Attribute",
    "Href",
    "add_noopener",
    "find_inline_code",
    "hrefs",
    "is_external",
    "is_noindex",
    "scan_start_tag",
]

# What to do about inline code the CSP blocks: the same words for a page's text (the rule
# book) and the theme's templates (the publishing build's own check).
NO_STYLES = "delete it: the site's own styles apply"
NO_SCRIPTS = "delete it: a page holds no scripts"
# Script types that browsers never execute, so a Content-Security-Policy ignores them.
DATA_SCRIPT_TYPES = frozenset({"application/ld+json", "application/json", "text/plain"})

# The tokenizer's whitespace is ASCII only: U+3000 and U+00A0 are text to it.
_WS = r"\t\n\f\r "
_TAG_NAME = re.compile(rf"[a-zA-Z][^{_WS}/>]*")
_BETWEEN_ATTRIBUTES = re.compile(rf"[{_WS}/]*")
_ATTRIBUTE = re.compile(
    rf"""(?P<name>[^{_WS}/>][^{_WS}/>=]*)"""
    rf"""(?:[{_WS}]*=[{_WS}]*(?:"([^"]*)"|'([^']*)'|([^{_WS}>]*)))?"""
)


class Attribute(NamedTuple):
    """One attribute of a start tag, by offsets into the text it was scanned in."""

    name: str  # lower-case
    start: int
    end: int
    value_start: int  # the value as written, without its quotes; -1 when it has none
    value_end: int


def scan_start_tag(html: str, start: int) -> tuple[str, list[Attribute], int]:
    """Read the start tag at html[start] ("<" and a letter) as the HTML tokenizer does.

    Returns its lower-case name, its attributes and where it ends (after its ">").
    Unlike `HTMLParser`, nothing is decoded: offsets point at the text as written.
    """
    name = _TAG_NAME.match(html, start + 1)
    if name is None:
        raise ValueError(f"no start tag at offset {start}: {html[start : start + 20]!r}")
    attributes: list[Attribute] = []
    position = name.end()
    while position < len(html):
        gap = _BETWEEN_ATTRIBUTES.match(html, position)
        position = gap.end() if gap else position  # it matches "" too
        if position < len(html) and html[position] == ">":
            return name.group().lower(), attributes, position + 1
        found = _ATTRIBUTE.match(html, position)
        if found is None:  # the end of the text
            break
        value = next((g for g in (2, 3, 4) if found.group(g) is not None), 0)
        attributes.append(
            Attribute(
                found.group("name").lower(),
                position,
                found.end(),
                found.start(value) if value else -1,
                found.end(value) if value else -1,
            )
        )
        position = found.end()
    return name.group().lower(), attributes, len(html)


def is_external(href: str, site_host: str) -> bool:
    """True for an absolute http(s) or protocol-relative link to another host."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:  # 'https://[link to form]': no host at all (the rule book says so)
        return False
    if parts.scheme and parts.scheme.lower() not in ("http", "https"):
        return False
    if not parts.netloc:
        return False
    return (parts.hostname or "").lower() != site_host.lower()


class _StartTags(HTMLParser):
    """Collect the offsets and attributes of chosen start tags."""

    def __init__(self, names: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.names = names
        self.found: list[tuple[int, int, str, list[tuple[str, str | None]]]] = []
        self._line_starts: list[int] = []

    def feed_text(self, text: str) -> None:
        # HTMLParser counts lines by "\n" only (not str.splitlines' other breaks).
        self._line_starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.names:
            line, column = self.getpos()
            start = self._line_starts[line - 1] + column
            raw = self.get_starttag_text() or ""
            self.found.append((start, start + len(raw), tag, attrs))

    handle_startendtag = handle_starttag


class Href(NamedTuple):
    """A link's address: as a browser reads it, and where it is written in the text."""

    value: str  # decoded
    start: int  # html[start:end] is the address as written, without its quotes
    end: int


def hrefs(html: str) -> list[Href]:
    """The addresses of the links (``<a>``, ``<area>``) in `html`, in order."""
    parser = _StartTags(frozenset({"a", "area"}))
    parser.feed_text(html)
    found: list[Href] = []
    for start, _end, _tag, attrs in parser.found:
        value = dict(attrs).get("href")
        if not value:
            continue
        _, attributes, _ = scan_start_tag(html, start)
        written = next((a for a in attributes if a.name == "href"), None)
        if written is not None and written.value_start >= 0:
            found.append(Href(value, written.value_start, written.value_end))
    return found


def add_noopener(html: str, site_host: str) -> str:
    """Give every link to another host `rel="noopener"`, keeping its other rel values.

    Only the rel attribute is written: the others stay exactly as written (decoding and
    re-encoding them would read "?a=1&reg=2" in an href as "?a=1®=2", as `HTMLParser`
    does, where a browser keeps the text).
    """
    parser = _StartTags(frozenset({"a", "area"}))
    parser.feed_text(html)
    pieces: list[str] = []
    last = 0
    for start, _end, _tag, attrs in parser.found:
        href = dict(attrs).get("href")
        if not href or not is_external(href, site_host):
            continue
        name, attributes, _ = scan_start_tag(html, start)
        old = next((a for a in attributes if a.name == "rel"), None)  # the first one counts
        rel: list[str] = []
        if old is not None and old.value_start >= 0:
            rel = unescape(html[old.value_start : old.value_end]).split()
        if "noopener" in rel:
            continue
        new = f'rel="{escape(" ".join([*rel, "noopener"]), quote=True)}"'
        if old is not None:
            pieces += [html[last : old.start], new]
            last = old.end
        else:
            after = attributes[-1].end if attributes else start + 1 + len(name)
            pieces += [html[last:after], " ", new]
            last = after
    pieces.append(html[last:])
    return "".join(pieces)


class _InlineCode(HTMLParser):
    """Find what a strict Content-Security-Policy would block: inline code and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = dict(attrs)
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"line {line}: <{tag} style=...> ({NO_STYLES})")
            elif name.startswith("on"):
                self.problems.append(f"line {line}: <{tag} {name}=...> ({NO_SCRIPTS})")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.problems.append(f"line {line}: <{tag} {name}='javascript:...'>")
        if tag == "style":
            self.problems.append(f"line {line}: <style> block ({NO_STYLES})")
        if tag == "script":
            kind = (values.get("type") or "").strip().lower()
            self._in_script = not values.get("src") and kind not in DATA_SCRIPT_TYPES
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script:
            if "".join(self._script_text).strip():
                line = self.getpos()[0]
                self.problems.append(f"line {line}: inline <script> ({NO_SCRIPTS})")
            self._in_script = False


def find_inline_code(html: str) -> list[str]:
    """What in `html` needs `'unsafe-inline'`: one line per problem, empty when none."""
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser.problems


class _Robots(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.noindex = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or "").lower() == "robots":
            tokens = (values.get("content") or "").lower().replace(",", " ").split()
            self.noindex = self.noindex or "noindex" in tokens or "none" in tokens


def is_noindex(html: str) -> bool:
    """True when the page asks search engines not to index it (`<meta name=robots>`)."""
    head, _, _ = html.partition("</head>")
    parser = _Robots()
    parser.feed(head)
    parser.close()
    return parser.noindex
