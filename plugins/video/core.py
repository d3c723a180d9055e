"""A page's video: metadata in, a `Video` (what the template prints) out.

No Pelican here. The files are only looked at (their size), never opened: the build
copies them as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

__all__ = [
    "CAPTIONS",
    "CAPTIONS_SUFFIXES",
    "FIELDS",
    "POSTER",
    "POSTER_SUFFIXES",
    "VIDEO",
    "VIDEO_TYPES",
    "Video",
    "VideoFile",
    "plan_video",
    "safe_path",
    "size_label",
    "video_folder",
]

VIDEO, POSTER, CAPTIONS = "video", "video-poster", "video-captions"
FIELDS = (VIDEO, POSTER, CAPTIONS)
# What browsers play without a plug-in, with its MIME type and the name readers know.
VIDEO_TYPES = {".mp4": ("video/mp4", "MP4"), ".webm": ("video/webm", "WebM")}
POSTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
CAPTIONS_SUFFIXES = (".vtt",)


@dataclass(frozen=True)
class VideoFile:
    path: str  # below VIDEO_PATH: promo.mp4
    url: str  # below the site root: videos/promo.mp4
    save_as: str  # below the output folder
    source: Path  # the file in the content folder


@dataclass(frozen=True)
class Video:
    file: VideoFile
    mime: str  # video/mp4
    format: str  # MP4, WebM
    size: str  # 12.4 MB
    poster: VideoFile | None  # None: no poster, or its file is missing (a warning)
    captions: VideoFile | None

    @property
    def files(self) -> tuple[VideoFile, ...]:
        return tuple(f for f in (self.file, self.poster, self.captions) if f is not None)


def video_folder(content: Path, settings: Mapping[str, Any]) -> Path:
    return content / str(settings["VIDEO_PATH"])


def safe_path(value: str) -> PurePosixPath | None:
    """`value` as a path below the videos folder; None when it would leave it (`..`, an
    absolute path, a drive, a web address) or is empty."""
    text = value.strip()
    if not text or "\\" in text or ":" in text or text.startswith(("/", "~")):
        return None
    path = PurePosixPath(text)
    if path.is_absolute() or ".." in path.parts or path.name in ("", "."):
        return None
    return path


def size_label(size: int) -> str:
    """A file size as a download link gives it: 850 kB, 12.4 MB."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB"


def _file(value: object, folder: Path, settings: Mapping[str, Any]) -> VideoFile | None:
    path = safe_path(value) if isinstance(value, str) else None
    if path is None or not (folder / path).is_file():
        return None
    name = path.as_posix()
    return VideoFile(
        path=name,
        url=str(settings["VIDEO_URL"]).format(path=name),
        save_as=str(settings["VIDEO_SAVE_AS"]).format(path=name),
        source=folder / path,
    )


def plan_video(
    meta: Mapping[str, object], content: Path, settings: Mapping[str, Any]
) -> Video | None:
    """The video a page's metadata names, when its file is there (the rule book reports
    every mistake; a page whose video is missing shows none)."""
    folder = video_folder(content, settings)
    file = _file(meta.get(VIDEO), folder, settings)
    kind = VIDEO_TYPES.get(PurePosixPath(file.path).suffix.lower()) if file else None
    if file is None or kind is None:
        return None
    return Video(
        file=file,
        mime=kind[0],
        format=kind[1],
        size=size_label(file.source.stat().st_size),
        poster=_file(meta.get(POSTER), folder, settings),
        captions=_file(meta.get(CAPTIONS), folder, settings),
    )
