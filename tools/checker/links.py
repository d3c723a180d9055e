"""Links and images in a body that point at files the site does not have."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from gallery.markup import local_image_path

from .body import visible_lines
from .documents import Document
from .problems import ERROR, WARNING, Problem

# Pelican's intra-site link markers: {filename}, {static}, {attach} (and the old |filename|).
INTRASITE = re.compile(r"(?:\{|\|)(?P<what>filename|static|attach)(?:\}|\|)(?P<value>[^\s)\"'<>]+)")
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<value>[^)\s>]+)")
HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HTML_SRC = re.compile(r"\bsrc\s*=\s*[\"'](?P<value>[^\"']+)[\"']", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt\s*=\s*[\"'](?P<value>[^\"']*)[\"']", re.IGNORECASE)
MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<value>[^)\s>]+)")
EXTERNAL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|#|\{|\|)")


def resolve(doc: Document, content: Path, value: str) -> Path:
    """Where a link in ``doc`` points, as Pelican resolves ``{filename}``/``{static}``."""
    path = unquote(urlsplit(value).path)
    if path.startswith("/"):
        return content / path.lstrip("/")
    return doc.path.parent / path


def _nearby(target: Path) -> str:
    folder = target.parent
    if not folder.is_dir():
        return ""
    names = sorted(p.name for p in folder.iterdir())
    close = difflib.get_close_matches(target.name, names, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_links(
    doc: Document, content: Path, published: Callable[[Path], bool] = lambda _: True
) -> Iterator[Problem]:
    """Broken ``{filename}``/``{static}`` links, missing images, raw links to ``.md`` files.

    ``published(path)`` says whether Pelican makes a page or a static file of a path:
    ``{filename}`` finds nothing else, and the link is left as it was written."""
    for number, text in visible_lines(doc.meta.body):
        # The gallery plugin publishes an image's file wherever it is: `![]({filename}x.jpg)`.
        pictures = [m.span("value") for m in MD_IMAGE.finditer(text)]
        pictures += [m.span() for m in HTML_IMAGE.finditer(text)]
        for match in INTRASITE.finditer(text):
            written = match.group(0)
            picture = any(start <= match.start() < end for start, end in pictures)
            target = resolve(doc, content, match.group("value"))
            if not urlsplit(match.group("value")).path:
                continue  # "{filename}#section": a link within the same page
            if not target.is_file():
                yield Problem(
                    doc.shown,
                    number,
                    ERROR,
                    f"link '{written}' points nowhere: there is no file "
                    f"{_show(target, content)}{_nearby(target)}",
                )
            elif (
                match.group("what") == "filename"
                and not published(target.resolve())
                and not (picture and _is_image(doc, content, match.group("value")))
            ):
                markdown = target.name.lower().endswith((".md", ".markdown", ".mkd", ".mdown"))
                fix = (
                    "see the warning on that file"
                    if markdown
                    else f"write '{{static}}{match.group('value')}' to link to the file itself"
                )
                yield Problem(
                    doc.shown,
                    number,
                    ERROR,
                    f"link '{written}' leads to no page: the site does not publish "
                    f"{_show(target, content)} as one ({fix})",
                )
        images = [(m.group("value"), m.group("alt")) for m in MD_IMAGE.finditer(text)]
        for tag in HTML_IMAGE.finditer(text):
            src, alt = HTML_SRC.search(tag.group("attrs")), HTML_ALT.search(tag.group("attrs"))
            if src:
                images.append((src.group("value"), alt.group("value") if alt else ""))
        for value, alt in images:
            if not alt.strip():
                yield Problem(
                    doc.shown,
                    number,
                    WARNING,
                    f"image '{value}' has no alt text: describe what it shows, for example "
                    "![Children painting the Youth Home wall](mural.jpg)",
                )
            if value.startswith(("{", "|")):
                continue  # a {static} link: checked above
            # The gallery plugin publishes images that point into content: where it looks.
            folder = doc.path.parent.relative_to(content).as_posix()
            relative = local_image_path(value, folder)
            if relative is None:
                continue
            target = content / relative
            if not target.is_file():
                yield Problem(
                    doc.shown,
                    number,
                    ERROR,
                    f"image '{value}' points nowhere: there is no file "
                    f"{_show(target, content)}{_nearby(target)}",
                )
        for match in MD_LINK.finditer(text):
            value = match.group("value")
            if EXTERNAL.match(value):
                continue
            if urlsplit(value).path.lower().endswith((".md", ".markdown")):
                yield Problem(
                    doc.shown,
                    number,
                    ERROR,
                    f"link '{value}' goes to a Markdown file, which the site does not publish: "
                    f"write '{{filename}}{value}' so the build puts in the page's address",
                )


def _is_image(doc: Document, content: Path, value: str) -> bool:
    folder = doc.path.parent.relative_to(content).as_posix()
    return local_image_path(value, folder) is not None


def _show(target: Path, content: Path) -> str:
    try:
        relative = target.resolve().relative_to(content.resolve().parent)
    except ValueError:
        return str(target)
    return relative.as_posix()
