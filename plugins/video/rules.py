"""The rule book for videos: `video_problems`, shared by the build and `make check`.

A missing or unsafe video is an error (the page would show a broken player, or the build
would publish a file from outside the videos folder); a missing poster image or captions
file is a warning (the video still plays). Problems have line 0: the rule book adds the
line of the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from community_press import ERROR, WARNING, Problem, shown_path

from .core import (
    CAPTIONS,
    CAPTIONS_SUFFIXES,
    POSTER,
    POSTER_SUFFIXES,
    VIDEO,
    VIDEO_TYPES,
    safe_path,
    video_folder,
)

__all__ = ["video_problems"]

_KINDS = {
    VIDEO: (tuple(VIDEO_TYPES), "a video file", "promo.mp4"),
    POSTER: (POSTER_SUFFIXES, "a picture shown before the video plays", "promo.jpg"),
    CAPTIONS: (CAPTIONS_SUFFIXES, "WebVTT captions", "promo.vtt"),
}


def video_problems(
    meta: Mapping[str, object], source: str, content: Path, settings: Mapping[str, Any]
) -> list[Problem]:
    """Every problem of a page's `video`, `video-poster` and `video-captions` fields."""
    folder = video_folder(content, settings)
    where = shown_path(folder)
    found: list[Problem] = []
    for field in (VIDEO, POSTER, CAPTIONS):
        if field in meta:
            found += _field_problems(field, meta[field], source, folder, where)
    if VIDEO not in meta:
        found += [
            Problem(
                source, field, meta[field], "the site ignores it without a 'Video:' line", WARNING
            )
            for field in (POSTER, CAPTIONS)
            if field in meta
        ]
    return found


def _field_problems(
    field: str, value: object, source: str, folder: Path, where: str
) -> list[Problem]:
    suffixes, what, example = _KINDS[field]
    if not isinstance(value, str):  # the key given twice
        return [Problem(source, field, value, "give one file, on one line")]
    path = safe_path(value)
    if path is None:
        return [
            Problem(
                source,
                field,
                value,
                f"not a file name in {where}/: put the file there and write its name "
                f"(for example '{field.capitalize()}: {example}'), without '..' or a "
                "leading '/'",
            )
        ]
    if PurePosixPath(path).suffix.lower() not in suffixes:
        kinds = ", ".join(suffixes)
        return [Problem(source, field, value, f"not {what}: the file must end in {kinds}")]
    if (folder / path).is_file():
        return []
    severity = ERROR if field == VIDEO else WARNING
    return [
        Problem(
            source,
            field,
            value,
            f"no such file: {where}/{path.as_posix()} (names are case-sensitive)",
            severity,
        )
    ]
