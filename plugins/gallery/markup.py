"""Turn a plain ``<img>`` in content HTML into a responsive, private ``<picture>``.

Markdown writes ``![alt]({static}/images/x.jpg)`` as
``<img alt="alt" src="{static}/images/x.jpg">``.
`find_images` finds such tags and the content file they point at; `picture_markup` writes
the replacement. URLs in the replacement start with `SITEURL_TOKEN`, which `fill_siteurl`
turns into the page's own site URL when Pelican renders the content (a page may be shown
at several depths, so the prefix is known only then).
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from .formats import PHOTOS
from .model import Picture

SITEURL_TOKEN = "@@gallery-siteurl@@"
IMAGE_SUFFIXES = frozenset(PHOTOS)  # the images made into a <picture>
# Pelican's link syntax: {static}/x.jpg, {attach}x.jpg, {filename}/x.jpg, and the old |static|.
_INDICATOR = re.compile(r"^[{|](static|attach|filename)[}|]")
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_PICTURE = re.compile(r"<(/?)picture\b", re.IGNORECASE)
# We set these ourselves; the rest (title, class, id ...) is kept.
_REPLACED = frozenset({"src", "srcset", "sizes", "width", "height", "loading", "decoding", "alt"})


@dataclass(frozen=True)
class ImgTag:
    """An ``<img>`` found in HTML: where it is and its attributes, unescaped."""

    start: int
    end: int
    attrs: Mapping[str, str]


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs = {name: value or "" for name, value in attrs}


def _parse_attrs(tag: str) -> dict[str, str]:
    parser = _Attrs()
    parser.feed(tag)
    parser.close()
    return parser.attrs


def find_images(text: str) -> list[ImgTag]:
    """Every ``<img>`` not already inside a ``<picture>``."""
    inside: list[tuple[int, int]] = []
    opened: int | None = None
    for m in _PICTURE.finditer(text):
        if not m.group(1):
            opened = m.start() if opened is None else opened
        elif opened is not None:
            inside.append((opened, m.end()))
            opened = None
    tags = []
    for m in _IMG.finditer(text):
        if any(a <= m.start() < b for a, b in inside):
            continue
        tags.append(ImgTag(m.start(), m.end(), _parse_attrs(m.group(0))))
    return tags


def local_image_path(src: str, content_dir: str) -> str | None:
    """The path below the content folder of the photo `src` names, or None if it is not
    a photo of ours (one `IMAGE_SUFFIXES` says we make a ``<picture>`` of)."""
    normal = local_path(src, content_dir)
    if normal is None or posixpath.splitext(normal)[1].lower() not in IMAGE_SUFFIXES:
        return None
    return normal


def local_path(src: str, content_dir: str) -> str | None:
    """The path below the content folder that `src` names, whatever the file, or None if
    it names another site or leaves the content folder.

    `content_dir` is the folder of the Markdown file, relative to the content folder
    ("articles"); relative links are resolved from there, ``/x`` from the content folder.
    """
    path = _site_path(src)
    if path is None:
        return None
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(content_dir, path)
    normal = posixpath.normpath(joined)
    if normal == ".." or normal.startswith("../") or normal.startswith("/"):
        return None
    return normal


def _site_path(src: str) -> str | None:
    """The path `src` names on this site (a ``{static}`` marker dropped, unquoted), or
    None when it names another site or no path."""
    src = src.strip()
    indicator = _INDICATOR.match(src)
    if indicator:
        src = src[indicator.end() :]
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return unquote(parts.path)


def leaves_content(src: str, content_dir: str) -> bool:
    """Whether `src` names a file of this site outside the content folder
    (``../../x.jpg``, ``{static}/../x.jpg``), which nothing publishes."""
    return _site_path(src) is not None and local_path(src, content_dir) is None


def static_img(tag: ImgTag, path: str, extra: Mapping[str, int] | None = None) -> str:
    """`tag` written again with its source a ``{static}`` link to `path` (below the
    content folder, as `local_path` gives it), so that Pelican publishes the file and puts
    in its address: Pelican copies only the files ``{static}`` links name. `extra`:
    attributes to add (a width and height)."""
    attrs: dict[str, str | int] = {**tag.attrs, "src": "{static}/" + path, **(extra or {})}
    return "<img" + "".join(_attr(name, value) for name, value in attrs.items()) + ">"


def _attr(name: str, value: str | int) -> str:
    return f' {name}="{html.escape(str(value), quote=True)}"'


def picture_markup(
    picture: Picture,
    *,
    alt: str,
    sizes: str,
    loading: str,
    siteurl: str = SITEURL_TOKEN,
    extra: Mapping[str, str] | None = None,
) -> str:
    """The ``<picture>`` for one image: modern formats first, then a JPEG ``<img>``."""
    out = ["<picture>"]
    for source in picture.sources:
        out.append(
            "<source"
            + _attr("type", source.type)
            + _attr("srcset", source.srcset(siteurl))
            + _attr("sizes", sizes)
            + ">"
        )
    img = (
        "<img"
        + _attr("src", picture.src_url(siteurl))
        + _attr("srcset", picture.srcset(siteurl))
        + _attr("sizes", sizes)
        + _attr("width", picture.width)
        + _attr("height", picture.height)
        + _attr("alt", alt)
    )
    for name, value in (extra or {}).items():
        if name.lower() not in _REPLACED:
            img += _attr(name, value)
    if loading == "lazy":
        img += _attr("loading", "lazy")
    img += _attr("decoding", "async") + ">"
    out.append(img)
    out.append("</picture>")
    return "".join(out)


def fill_siteurl(text: str, siteurl: str, relative: bool) -> str:
    """Put the page's site URL where `picture_markup` left the token, as Pelican would
    for a ``{static}`` link (``os.path.join`` for relative URLs, else ``urljoin``)."""
    if SITEURL_TOKEN not in text:
        return text
    prefix = siteurl.rstrip("/") + "/"
    if relative:  # "" is the site root itself: no prefix at all
        prefix = f"{siteurl}/" if siteurl else ""
    return text.replace(f"{SITEURL_TOKEN}/", prefix)
