"""From processed photos to what pages show: `Picture`s, `Gallery`s and rewritten ``<img>``.

- `picture_of`: a photo's cached rendition as a `Picture`, with the output file of each
  of its URLs (the glue places them into the output).
- `gallery_of`: a page's `Gallery`: its photos in order, captions, alt text, cover.
- `local_images` and `rewrite_images`: ``<img>`` in content pointing at an image in
  content, and the text with each replaced by a ``<picture>`` of our derivatives.
- `link_copied`: a GIF in content named by a plain path made a ``{static}`` link.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

from community_press.suggest import name_key

from . import formats, markup, privacy
from .captions import Caption
from .model import EXTENSIONS, MIME_TYPES, Candidate, Gallery, Photo, Picture, Rendition, Source

__all__ = [
    "gallery_of",
    "link_copied",
    "local_images",
    "output_name",
    "picture_of",
    "rewrite_images",
]


def output_name(filename: str) -> str:
    """A safe, readable file name stem for URLs: ASCII letters, digits, '-' and '_'."""
    stem = Path(filename).stem
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "-" for c in stem)
    safe = "-".join(part for part in safe.split("-") if part).lower()
    return safe or "photo"


def picture_of(
    rendition: Rendition, filename: str, output_path: str, formats: Sequence[str]
) -> tuple[Picture, dict[str, str]]:
    """The `Picture` of a photo called `filename`, and for each of its URLs (below the
    site root, in `output_path`) the file of the rendition's cache entry it is."""
    folder = f"{output_path}/{rendition.key[:16]}"
    stem = output_name(filename)
    files: dict[str, str] = {}

    def candidates(fmt: str) -> tuple[Candidate, ...]:
        found = []
        for d in rendition.of_format(fmt):
            url = f"{folder}/{stem}-{d.width}.{EXTENSIONS[fmt]}"
            files[url] = d.filename
            found.append(Candidate(url, d.width, d.height))
        return tuple(found)

    sources = tuple(Source(MIME_TYPES[fmt], candidates(fmt)) for fmt in formats if fmt != "jpeg")
    jpegs = candidates("jpeg")
    # `src` for browsers without srcset: the width nearest 1024, a fair middle.
    middle = min(jpegs, key=lambda c: abs(c.width - 1024))
    picture = Picture(
        sources=sources,
        fallback=Source(MIME_TYPES["jpeg"], jpegs),
        width=middle.width,
        height=middle.height,
        src=middle.url,
        large=jpegs[-1],
    )
    return picture, files


def gallery_of(
    name: str,
    lang: str,
    photos: Sequence[tuple[str, Caption | None]],
    pictures: Mapping[str, Picture],
    *,
    eager: int,
    cover: object = None,
    captions_file: str | None = None,
) -> Gallery | None:
    """The gallery of the `photos` that have a picture (the others are broken), with the
    first `eager` photos not lazy-loaded; None if no photo has one. The cover is the photo
    ``cover:`` names (compared as `rules` compares it), else the first."""
    shown: list[Photo] = []
    for filename, caption in photos:
        picture = pictures.get(filename)
        if picture is None:
            continue
        text = caption.caption if caption else ""
        alt = (caption.alt if caption else "") or text
        loading = "eager" if len(shown) < eager else "lazy"
        shown.append(Photo(filename, text, alt, picture, loading))
    if not shown:
        return None
    key = name_key(str(cover).strip()) if cover is not None else None
    named = [p for p in shown if name_key(p.name) == key]
    chosen = named[0] if named else shown[0]
    return Gallery(name, lang, tuple(shown), chosen, captions_file)


def local_images(text: str, source: str, content_root: Path) -> list[tuple[markup.ImgTag, Path]]:
    """The ``<img>`` of a page's HTML `text` that point at a photo inside `content_root`
    (`formats.PHOTOS`); `source` is the page's path below it (relative URLs start there)."""
    return [
        (tag, content_root / relative)
        for tag, relative in _content_files(text, source, content_root)
        if posixpath.splitext(relative)[1].lower() in markup.IMAGE_SUFFIXES
    ]


def link_copied(text: str, source: str, content_root: Path) -> str:
    """`text` with each ``<img>`` of an image published as it is (`formats.COPIED`)
    written as a ``{static}`` link to it (Pelican publishes only the files such links
    name), with the image's width and height unless it gives them (the page keeps its
    place while the picture loads)."""
    found = [
        (tag, relative)
        for tag, relative in _content_files(text, source, content_root)
        if posixpath.splitext(relative)[1].lower() in formats.COPIED
    ]
    pieces: list[str] = []
    position = 0
    for tag, relative in found:
        size = {} if {"width", "height"} & set(tag.attrs) else _size(content_root / relative)
        pieces += [text[position : tag.start], markup.static_img(tag, relative, size)]
        position = tag.end
    return "".join(pieces) + text[position:]


def _size(path: Path) -> dict[str, int]:
    """A GIF's width and height, or nothing (unreadable: the rule book says why)."""
    try:
        width, height = privacy.gif_size(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return {"width": width, "height": height}


def _content_files(text: str, source: str, content_root: Path) -> list[tuple[markup.ImgTag, str]]:
    """Each ``<img>`` of `text` (in document order) whose source is a file inside
    `content_root`, with that file's path below it."""
    if "<img" not in text.lower():
        return []
    found = []
    real_root = content_root.resolve()
    folder = str(PurePosixPath(source).parent)
    for tag in markup.find_images(text):
        relative = markup.local_path(tag.attrs.get("src", ""), folder)
        if relative is None:
            continue
        path = content_root / relative
        if path.is_file() and path.resolve().is_relative_to(real_root):
            found.append((tag, relative))  # a missing {static} file: Pelican reports it itself
    return found


def rewrite_images(
    text: str, images: Sequence[tuple[markup.ImgTag, Picture | None]], sizes: str
) -> str:
    """`text` with each ``<img>`` (in document order) replaced by its ``<picture>``, or
    dropped when its photo is broken: the original is never published."""
    pieces: list[str] = []
    position = 0
    first = True
    for tag, picture in images:
        pieces.append(text[position : tag.start])
        if picture is not None:
            pieces.append(
                markup.picture_markup(
                    picture,
                    alt=tag.attrs.get("alt", ""),
                    sizes=sizes,
                    loading="eager" if first else "lazy",
                    extra=tag.attrs,
                )
            )
            first = False
        position = tag.end
    pieces.append(text[position:])
    return "".join(pieces)
