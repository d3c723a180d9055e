"""Read a gallery's captions file and put its photos in order.

One line per photo, as the Pelican photos plugin writes them, with optional alt text:

    park-01.jpg: The new benches | Three wooden benches under plane trees
    park-02.jpg: Opening day

Blank lines and lines starting with ``#`` are ignored (but a line naming a photo whose
name starts with ``#``). ``captions.<lang>.txt`` (say
``captions.en.txt``) is used for pages in that language, ``captions.txt`` otherwise.
A Chinese keyboard's full-width colon and bar (``：``, ``｜``) work like ``:`` and ``|``.
The file is UTF-8 (with or without a byte-order mark) or UTF-16 with one (what Windows
Notepad calls "Unicode").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from community_press import ContentError, text_lines
from community_press.suggest import name_key

from .folders import PHOTO_SUFFIXES

# The file name is everything up to the first photo suffix followed by a colon; a line
# with no photo suffix is split at its first colon (and then names no photo).
_NAMED = re.compile(
    r"^(?P<name>.*?(?:"
    + "|".join(re.escape(s) for s in sorted(PHOTO_SUFFIXES))
    + r"))\s*[:\uff1a](?P<rest>.*)$",
    re.IGNORECASE,
)
_COLON = re.compile(r"[:\uff1a]")
_BAR = re.compile(r"[|\uff5c]")
NOT_UTF8 = (
    "not UTF-8 text, so the site cannot read it: save it again with the encoding "
    "'UTF-8' (in Notepad: File > Save as > Encoding)"
)


@dataclass(frozen=True)
class Caption:
    """One line of a captions file."""

    filename: str
    caption: str
    alt: str
    line: int


def parse_captions(text: str, source: str, photos: Iterable[str] = ()) -> list[Caption]:
    """The caption lines of a file, in order; `source` names the file in errors. A line
    starting with '#' is a comment, unless it names one of `photos` ('#1 tag day.jpg:
    ...', which `make new-project` writes for such a photo)."""
    captions: list[Caption] = []
    seen: dict[str, int] = {}
    own = {name_key(name) for name in photos}
    for number, raw in enumerate(text_lines(text), start=1):
        line = raw.strip().lstrip("\ufeff")
        named = _NAMED.match(line)
        if not line or (
            line.startswith("#") and not (named and name_key(named["name"].strip()) in own)
        ):
            continue
        if named:
            filename, colon, rest = named["name"].strip(), ":", named["rest"]
        else:
            parts = _COLON.split(line, maxsplit=1)
            filename, colon = parts[0].strip(), ":" if len(parts) == 2 else ""
            rest = parts[1] if colon else ""
        if not colon or not filename:
            raise ContentError(
                source,
                f"line {number}",
                raw.strip(),
                "not a caption line (write 'photo.jpg: caption | alt text')",
            )
        if name_key(filename) in seen:
            raise ContentError(
                source,
                f"line {number}",
                filename,
                f"this photo already has a caption on line {seen[name_key(filename)]} "
                "(keep one line)",
            )
        seen[name_key(filename)] = number
        caption, *alt = _BAR.split(rest, maxsplit=1)
        captions.append(Caption(filename, caption.strip(), "".join(alt).strip(), number))
    return captions


def decode_captions(data: bytes, source: str) -> str:
    """The text of a captions file; one that is not UTF-8 is an error naming its line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: report it as not UTF-8 below
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        number = data.count(b"\n", 0, exc.start) + 1
        line = data.splitlines()[number - 1] if data.splitlines() else data
        shown = line.decode("utf-8", "replace").strip().lstrip("\ufeff")
        raise ContentError(source, f"line {number}", shown, NOT_UTF8) from exc


_CAPTIONS_NAME = re.compile(r"^captions(?:\.(?P<lang>[A-Za-z_-]+))?\.txt$")


def is_captions_name(name: str) -> bool:
    """``captions.txt`` or ``captions.<lang>.txt``: a name the build reads."""
    match = _CAPTIONS_NAME.match(name)
    return match is not None and (match["lang"] or "").casefold() != "txt"


def misnamed_captions(names: Iterable[str]) -> list[tuple[str, str]]:
    """Files meant as a captions file but named so that no build reads them, with the
    name they need: ``Captions.txt`` (read on a Mac, whose disk ignores case, and
    nowhere else), ``captions.txt.txt`` (Windows hides the first ``.txt``), ``caption.txt``."""
    found = []
    for name in names:
        if is_captions_name(name):
            continue
        wanted = name.casefold()
        while wanted.endswith(".txt.txt"):
            wanted = wanted.removesuffix(".txt")
        if wanted.startswith("caption."):
            wanted = "captions." + wanted.removeprefix("caption.")
        if is_captions_name(wanted):
            found.append((name, wanted))
    return sorted(found)


def captions_file(folder: Path, lang: str) -> Path | None:
    """``captions.<lang>.txt`` if there is one, else ``captions.txt``, else None."""
    for name in (f"captions.{lang}.txt", "captions.txt"):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def natural_key(name: str) -> list[tuple[int, int | str]]:
    """Sort ``img2.jpg`` before ``img10.jpg``; case does not matter."""
    return [
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", name)
        if part
    ]


def order_photos(
    filenames: Iterable[str], captions: Sequence[Caption], source: str
) -> list[tuple[str, Caption | None]]:
    """Photos in captions-file order, then the rest by name; a caption for a photo that is
    not in the folder is an error naming the line. Names are the folder's, as stored."""
    present: Mapping[str, str] = {name_key(name): name for name in filenames}
    for caption in captions:
        if name_key(caption.filename) not in present:
            raise ContentError(
                source,
                f"line {caption.line}",
                caption.filename,
                "no such photo in this gallery folder (check the file name, or remove the line)",
            )
    ordered = [(present[name_key(c.filename)], c) for c in captions]
    captioned = {name for name, _ in ordered}
    rest = sorted(set(present.values()) - captioned, key=natural_key)
    return ordered + [(name, None) for name in rest]


def photo_order(
    folder: Path, names: Sequence[str], lang: str
) -> tuple[list[tuple[str, Caption | None]], Path | None]:
    """The photos of `folder` in the order of its captions file for `lang`, and that file;
    in name order when it cannot be read (`rules.folder_problems` says why), so that the
    photos' own problems are reported in the same build."""
    path = captions_file(folder, lang)
    if path is None:
        return order_photos(names, [], ""), None
    try:
        captions = parse_captions(decode_captions(path.read_bytes(), ""), "", names)
        return order_photos(names, captions, ""), path
    except (ContentError, OSError):
        return order_photos(names, [], ""), path
