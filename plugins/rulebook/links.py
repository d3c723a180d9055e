"""Links and images in a body that point at files the site does not have or cannot
publish (a picture in a format it does not publish, a linked file it could only publish
with its metadata), and images without alt text."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from community_press import ERROR, WARNING, Problem, did_you_mean
from community_press.problems import Severity
from gallery.formats import COPIED, PUBLISHED, refusal
from gallery.markup import leaves_content, local_image_path, local_path
from gallery.privacy import uncleanable

from .addresses import beside_message, static_form
from .documents import MARKDOWN_EXTENSIONS, Document

# Pelican's intra-site link markers: {filename}, {static}, {attach} (and the old |filename|).
INTRASITE = re.compile(r"(?:\{|\|)(?P<what>filename|static|attach)(?:\}|\|)(?P<value>[^\s)\"'<>]+)")
# `![alt](path)`, or `![alt](<path with spaces>)` as CommonMark and Python-Markdown allow.
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*(?:<(?P<angled>[^>\n]+)>|(?P<value>[^)\s>]+))")
HTML_IMAGE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HTML_SRC = re.compile(r"\bsrc\s*=\s*[\"'](?P<value>[^\"']+)[\"']", re.IGNORECASE)
HTML_ALT = re.compile(r"\balt\s*=\s*[\"'](?P<value>[^\"']*)[\"']", re.IGNORECASE)
MD_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<value>[^)\s>]+)")
EXTERNAL = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*:|//|#|\{|\|)")
ALT_EXAMPLE = "![Children painting a mural in the community hall](mural.jpg)"

Published = Callable[[Path], bool]
# ("tag", "category" or "author", name): "" when the site has that page, else why not
Listed = Callable[[str, str], str]
Finding = tuple[Severity, str]  # how bad, and the message


def resolve(doc: Document, content: Path, value: str) -> Path:
    """Where a link in ``doc`` points, as Pelican resolves ``{filename}``/``{static}``."""
    path = unquote(urlsplit(value).path)
    if path.startswith("/"):
        return content / path.lstrip("/")
    return doc.path.parent / path


def may_link(text: str) -> bool:
    """Whether a line may hold a link or an image (most lines of most files do not)."""
    return "](" in text or "{" in text or "|" in text or "<" in text or "]:" in text


def link_problems(
    doc: Document,
    content: Path,
    lines: list[tuple[int, str]],
    published: Published = lambda _: True,
    listed: Listed = lambda kind, name: "",
    *,
    drafted: Published = lambda _: False,
) -> list[Problem]:
    """Broken ``{filename}``/``{static}`` links, missing images, raw links to ``.md`` files,
    images without alt text, in ``lines`` (the body's visible lines).

    ``published(path)`` says whether Pelican makes a page or a static file of a path:
    ``{filename}`` finds nothing else, and the link is left as it was written."""
    found: list[Problem] = []
    for number, text in lines:
        if not may_link(text):
            continue  # no link, no image: most lines of most files
        messages = _intrasite(doc, content, text, published, drafted)
        messages += _images(doc, content, text)
        messages += _markdown_links(text)
        messages += _file_links(doc, text)
        messages += _unknown_markers(text)
        messages += _listings(text, listed)
        found += [
            Problem(doc.shown, None, None, message, severity, number)
            for severity, message in messages
        ]
    return found


def _intrasite(
    doc: Document,
    content: Path,
    text: str,
    published: Published,
    drafted: Published = lambda _: False,
) -> list[Finding]:
    # The gallery plugin publishes an image's file wherever it is: `![]({filename}x.jpg)`.
    pictures = [m.span("value") for m in MD_IMAGE.finditer(text)]
    pictures += [m.span() for m in HTML_IMAGE.finditer(text)]
    found: list[Finding] = []
    for match in INTRASITE.finditer(text):
        written, value = match.group(0), match.group("value")
        if not urlsplit(value).path:
            continue  # "{filename}#section": a link within the same page
        target = resolve(doc, content, value)
        picture = any(start <= match.start() < end for start, end in pictures)
        if not target.is_file():
            missing = _missing(target, content)
            found.append((ERROR, f"link '{written}' points nowhere: there is no file {missing}"))
        elif (
            match.group("what") != "filename"
            and not picture  # the gallery reads a picture's name itself
            and _escaped(urlsplit(value).path)
        ):
            found.append(
                (
                    ERROR,
                    f"link '{written}' names its file with escapes Pelican does not read "
                    "back, so the file would not be published: write "
                    f"'{static_form(urlsplit(value).path)}'",
                )
            )
        elif (
            match.group("what") != "filename"
            and not picture  # a picture: the gallery takes it, or `_images` refuses it
            and not published(target.resolve())  # in STATIC_PATHS: said of the file itself
            and (unclean := _uncleanable(target))
        ):
            found.append((ERROR, f"link '{written}': {unclean}"))
        elif (
            match.group("what") == "filename"
            and not published(target.resolve())
            and not (picture and _is_image(doc, content, value))
        ):
            markdown = target.name.lower().endswith(MARKDOWN_EXTENSIONS)
            fix = (
                "see the warning on that file"
                if markdown
                else f"write '{{static}}{value}' to link to the file itself"
            )
            found.append(
                (
                    ERROR,
                    f"link '{written}' leads to no page: the site does not publish "
                    f"{_show(target, content)} as one ({fix})",
                )
            )
        elif (
            match.group("what") == "filename"
            and drafted(target.resolve())
            and not drafted(doc.path)
        ):
            found.append(
                (
                    WARNING,
                    f"link '{written}' leads to a draft ({_show(target, content)} has Status: "
                    "draft): readers would open an unfinished page at its drafts/ address; "
                    "publish it first, or link to it later",
                )
            )
    return found


OUTSIDE = (
    "points outside the content folder, which the site does not publish: put the "
    "picture in the content folder (beside the article) and link it from there"
)


def _pictures(text: str) -> list[tuple[str, str]]:
    """The line's pictures, Markdown and HTML: (source as written, alt text)."""
    images = [(m["angled"] or m["value"], m["alt"]) for m in MD_IMAGE.finditer(text)]
    for tag in HTML_IMAGE.finditer(text):
        src = HTML_SRC.search(tag.group("attrs"))
        alt_text = HTML_ALT.search(tag.group("attrs"))
        if src:
            images.append((src.group("value"), alt_text.group("value") if alt_text else ""))
    return images


def _images(doc: Document, content: Path, text: str) -> list[Finding]:
    found: list[Finding] = []
    for value, alt in _pictures(text):
        if not alt.strip():
            found.append(
                (
                    WARNING,
                    f"image '{value}' has no alt text: describe what it shows, for example "
                    + ALT_EXAMPLE,
                )
            )
        cut = _cut_name(value)
        if cut:
            found.append((ERROR, cut))
            continue
        # The gallery plugin publishes images that point into content: where it looks.
        folder = doc.path.parent.relative_to(content).as_posix()
        relative = local_path(value, folder)
        if relative is None:
            if leaves_content(value, folder):
                found.append((ERROR, f"image '{value}' {OUTSIDE}"))
            continue  # another site's
        refused = refusal(relative) or _copied_refusal(content / relative)
        if refused:
            found.append((ERROR, f"image '{value}': {refused}"))
        elif value.startswith(("{", "|")):
            continue  # a {static} link: checked with the links
        elif _suffix(relative) in PUBLISHED and not (content / relative).is_file():
            where = _missing(content / relative, content)
            found.append((ERROR, f"image '{value}' points nowhere: there is no file {where}"))
    return found


# Pelican's link markers (`{tag}x`, `{category}x`, `{author}x`, `{index}` besides those
# INTRASITE checks): any other word in braces at the start of a link is published as typed.
MARKERS = ("filename", "static", "attach", "tag", "category", "author", "index")
LINK_MARKER = re.compile(r"\]\(\s*<?\{(?P<word>[A-Za-z_]+)\}")


def _unknown_markers(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in LINK_MARKER.finditer(text):
        word = match["word"]
        if word not in MARKERS:
            known = ", ".join(f"{{{m}}}" for m in MARKERS)
            hint = did_you_mean(word, list(MARKERS)) or f" (it knows {known})"
            found.append(
                (ERROR, f"link marker '{{{word}}}' is not one the site knows, so the link "
                 f"would be published as typed and lead nowhere{hint}")
            )  # fmt: skip
    return found


LISTING_LINK = re.compile(r"\{(?P<kind>tag|category|author)\}(?P<value>[^\s)\"'<>#]+)")


def _listings(text: str, listed: Listed) -> list[Finding]:
    """`{tag}x`, `{category}x` and `{author}x` links to a page the site does not make."""
    return [
        (ERROR, f"link '{m[0]}' points nowhere: {why}")
        for m in LISTING_LINK.finditer(text)
        if (why := listed(m["kind"], unquote(m["value"])))
    ]  # fmt: skip


def _cut_name(value: str) -> str:
    """Why a picture whose file name holds '#' or '?' would not show: in an address these
    start an anchor or a query, so the browser asks for the name cut short there."""
    if EXTERNAL.match(value) or not re.search(r"[#?]", value):
        return ""
    whole = unquote(value).lower()
    if not whole.endswith(tuple(PUBLISHED)):
        return ""
    sign = "#" if "#" in value else "?"
    return (
        f"image '{value}': the '{sign}' in its file name starts an anchor or a query in an "
        f"address, so the picture would not show: rename the file without '{sign}'"
    )


def _markdown_links(text: str) -> list[Finding]:
    found: list[Finding] = []
    for match in MD_LINK.finditer(text):
        value = match.group("value")
        if not EXTERNAL.match(value) and urlsplit(value).path.lower().endswith(
            (".md", ".markdown")
        ):
            found.append(
                (
                    ERROR,
                    f"link '{value}' goes to a Markdown file, which the site does not publish: "
                    f"write '{{filename}}{value}' so the build puts in the page's address",
                )
            )
    return found


def _file_links(doc: Document, text: str) -> list[Finding]:
    """Links written as a path to a file beside the page (``report.pdf``): a browser looks
    for it beside the page's address, where the site does not put it. Also addresses no
    browser can follow: a path on the writer's own computer, a malformed address."""
    found: list[Finding] = []
    links = _link_destinations(text)
    for value in links + [source for source, _alt in _pictures(text)]:
        if _COMPUTER.match(value):
            found.append((ERROR, f"link '{value}' {ON_A_COMPUTER}"))
            continue
        try:
            path = unquote(urlsplit(value).path)
        except ValueError as exc:  # 'https://[link to form]', a placeholder left in
            found.append((ERROR, f"link '{value}' is no address a browser can open ({exc})"))
            continue
        if EXTERNAL.match(value) or not path or path.startswith("/"):
            continue
        if path.lower().endswith((".md", ".markdown")):
            continue  # `_markdown_links`
        if value in links and (doc.path.parent / path).is_file():
            found.append((ERROR, beside_message(value)))
    for match in UNQUOTED_MARKER.finditer(text):
        found.append(
            (
                ERROR,
                f"address '{match['value']}' is not in quotes, so the build leaves it as "
                f'typed: write {match["name"]}="{match["value"]}"',
            )
        )
    return found


# A file on the writer's own computer: what Word and browsers paste ('file:///C:/...',
# 'C:\\Users\\...').
_COMPUTER = re.compile(r"(?:file:|[a-zA-Z]:[\\/])", re.IGNORECASE)
ON_A_COMPUTER = (
    "is a file on the writer's own computer, which no reader can open: put the file in "
    "content/ (beside the article) and link it with {static}"
)
# Pelican replaces its markers in quoted attributes only: `href={static}x` stays as typed.
UNQUOTED_MARKER = re.compile(
    r"\b(?P<name>href|src)\s*=\s*(?P<value>[{|](?:filename|static|attach)[}|][^\s>]*)",
    re.IGNORECASE,
)


# `](` and the destination after it: `<with spaces>` or up to a space or `)`.
DESTINATION = re.compile(r"\]\(\s*(?:<(?P<angled>[^>\n]+)>|(?P<value>[^)\s]+))")
# `[ref]: destination` (a reference definition), and `![alt][ref]` (a picture using one).
REFERENCE = re.compile(r"^\s{0,3}\[(?P<id>[^\]]+)\]:\s*(?:<(?P<angled>[^>\n]+)>|(?P<value>\S+))")
PICTURE_REFERENCE = re.compile(r"!\[(?P<alt>[^\]]*)\](?:\[(?P<id>[^\]]*)\])?")
HTML_LINK_HREF = re.compile(
    r"<(?:a|area)\b[^>]*?\bhref\s*=\s*(?:\"(?P<double>[^\"]+)\"|'(?P<single>[^']+)'|(?P<bare>[^\s>]+))",
    re.IGNORECASE,
)


def _link_destinations(text: str) -> list[str]:
    """Where a line's links lead, as written: Markdown links (not pictures), reference
    definitions of no picture, and raw HTML `<a>` and `<area>`."""
    found: list[str] = []
    for match in DESTINATION.finditer(text):
        if not _is_picture(text, match.start()):
            found.append(match["angled"] or match["value"])
    # A definition a picture uses may be on another line: one naming a picture is left
    # to `_images`.
    pictures = {(m["id"] or m["alt"]).casefold() for m in PICTURE_REFERENCE.finditer(text)}
    for match in REFERENCE.finditer(text):
        value = match["angled"] or match["value"]
        picture = _suffix(value.split("#", 1)[0].split("?", 1)[0]) in PUBLISHED | COPIED
        if match["id"].casefold() not in pictures and not picture:
            found.append(value)
    for match in HTML_LINK_HREF.finditer(text):
        found.append(match["double"] or match["single"] or match["bare"])
    return found


def _is_picture(text: str, close: int) -> bool:
    """Whether the `]` at `close` ends a picture's `![alt`, counting nested brackets."""
    depth = 0
    for index in range(close, -1, -1):
        if text[index] == "]":
            depth += 1
        elif text[index] == "[":
            depth -= 1
            if depth == 0:
                return index > 0 and text[index - 1] == "!"
    return False


def _escaped(path: str) -> bool:
    """Whether a `{static}` path holds an escape other than `%20`, which Pelican finds
    the file by but does not copy it under (it reads back `%20` alone)."""
    return unquote(path) != path.replace("%20", " ")


def _suffix(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


def _uncleanable(target: Path) -> str:
    """Why the file a ``{static}`` link names would reach the output with its metadata,
    which the build's last sweep then refuses ('' when it would not)."""
    try:
        why = uncleanable(target)
    except Exception as exc:  # damaged: the sweep cannot check it either
        why = f"cannot be checked for GPS and other metadata ({exc})"
    if not why:
        return ""
    return (
        f"the site cannot publish the file without its metadata ({why}): link a copy "
        "saved without it, as JPEG, PNG or PDF"
    )


def _copied_refusal(target: Path) -> str:
    """Why a picture the site publishes as it is (a GIF) cannot be: a bomb, cut short, or
    no GIF at all under that name ('' when it can, or is no such picture)."""
    if _suffix(target.name) not in COPIED or not target.is_file():
        return ""
    try:
        return uncleanable(target)
    except Exception as exc:  # cut short or damaged: the build's sweep would stop on it
        return f"cannot be read ({exc}): the file is damaged or cut short; copy it again"


def _is_image(doc: Document, content: Path, value: str) -> bool:
    folder = doc.path.parent.relative_to(content).as_posix()
    return local_image_path(value, folder) is not None


def _missing(target: Path, content: Path) -> str:
    """The missing file as the reader knows it, and the name they probably meant."""
    nearby = ""
    if target.parent.is_dir():
        nearby = did_you_mean(target.name, [p.name for p in target.parent.iterdir()])
    return _show(target, content) + nearby


def _show(target: Path, content: Path) -> str:
    try:
        relative = target.resolve().relative_to(content.resolve().parent)
    except ValueError:
        return str(target)
    return relative.as_posix()
