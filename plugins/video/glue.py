"""Pelican glue of the video plugin: settings in; `content.video` and the copied files out.

`VideoGenerator.generate_context` gives every content with a `Video:` line its `video`
(`core.plan_video`) before any page is written; `generate_output` copies each file named
once, byte for byte. The rule book has already stopped the build on a missing video.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from community_press import settle
from pelican.generators import Generator

from .core import VIDEO, VideoFile, plan_video
from .settings import DEFAULTS, settings_problems

logger = logging.getLogger(__name__)

# Where Pelican's generators put contents in the shared context (translations hang off).
_CONTEXT_LISTS = ("articles", "hidden_articles", "drafts", "pages", "hidden_pages", "draft_pages")


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every VIDEO_* setting and stop the build if one is wrong."""
    settle(pelican.settings, "video", DEFAULTS, settings_problems)


def get_generators(pelican: Any) -> type[Generator]:
    return VideoGenerator


class VideoGenerator(Generator):
    """`video` on every content that names one; its files copied to the output."""

    def _contents(self) -> Iterator[Any]:
        seen: set[int] = set()
        for name in _CONTEXT_LISTS:
            for content in self.context.get(name) or []:
                for member in (content, *getattr(content, "translations", [])):
                    if id(member) not in seen:
                        seen.add(id(member))
                        yield member

    def generate_context(self) -> None:
        self.files: dict[str, VideoFile] = {}
        content_root = Path(self.settings["PATH"])
        for content in self._contents():
            if VIDEO not in content.metadata:
                continue
            video = plan_video(content.metadata, content_root, self.settings)
            content.video = video
            for file in video.files if video else ():
                self.files[file.save_as] = file

    def generate_output(self, writer: Any) -> None:
        for save_as, file in sorted(self.files.items()):
            target = Path(self.output_path) / save_as
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file.source, target)
            os.utime(target, (file.source.stat().st_atime, file.source.stat().st_mtime))
            logger.info('Copying "%s" to "%s"', file.source, target)
