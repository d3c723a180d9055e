"""Which articles are events: the events plugin's one rule, asked of content objects.

`events.rules.is_event` takes metadata and a path, as the checker has them; a listing has
Pelican's content objects. An article is an event when it or a translation of it is one
(its other language version may carry the `event-start`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from events.rules import is_event as event_rule

__all__ = ["is_event"]


def is_event(article: Any, settings: Mapping[str, Any]) -> bool:
    """Whether `article` (a Pelican article or a stand-in) is an event of this site."""
    meta: Mapping[str, object] = getattr(article, "metadata", None) or {}
    path = PurePath(str(getattr(article, "relative_source_path", "") or "")).as_posix()
    others = [getattr(t, "metadata", None) or {} for t in getattr(article, "translations", ())]
    return any(event_rule(meta, path, settings, original) for original in others or [None])
