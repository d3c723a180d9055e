"""What a project is and how projects are ordered; the projects plugin's settings.

No Pelican here: plain values in, plain values out. The URL settings keep their first
names (``GALLERY_PROJECT_URL`` ...), from when the gallery plugin made project pages;
``PROJECTS_PATH`` was ``GALLERY_PROJECTS_PATH``, which is still read when set alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from community_press import SettingsCheck

__all__ = ["DEFAULTS", "is_project", "project_order", "projects_path", "settings_problems"]

DEFAULTS: dict[str, Any] = {
    # Pages in this folder (below PATH) are projects.
    "PROJECTS_PATH": "projects",
    "GALLERY_PROJECT_URL": "projects/{slug}/",
    "GALLERY_PROJECT_SAVE_AS": "projects/{slug}/index.html",
    "GALLERY_PROJECT_LANG_URL": "{lang}/projects/{slug}/",
    "GALLERY_PROJECT_LANG_SAVE_AS": "{lang}/projects/{slug}/index.html",
    "GALLERY_PROJECTS_URL": "projects/",
    "GALLERY_PROJECTS_SAVE_AS": "projects/index.html",
    "GALLERY_PROJECTS_LANG_URL": "{lang}/projects/",
    "GALLERY_PROJECTS_LANG_SAVE_AS": "{lang}/projects/index.html",
}
OLD_PATH_SETTING = "GALLERY_PROJECTS_PATH"
# What a project's URL may use: Pelican's `url_format` of a page.
_PAGE_FIELDS = {"slug": "x", "lang": "en", "category": "", "date": "", "path": "", "author": ""}


def projects_path(settings: Mapping[str, Any]) -> str:
    """The projects folder below PATH: PROJECTS_PATH, else the old GALLERY_PROJECTS_PATH."""
    value = settings.get("PROJECTS_PATH", settings.get(OLD_PATH_SETTING, DEFAULTS["PROJECTS_PATH"]))
    return str(value)


def is_project(relative_path: str, settings: Mapping[str, Any]) -> bool:
    """Whether the page at `relative_path` (below PATH) is a project: it is in the
    projects folder. Only pages are projects; the caller knows which files are pages."""
    parts = PurePosixPath(relative_path).parts
    return bool(parts) and parts[0] == projects_path(settings)


def project_order(metadata: Mapping[str, object], title: str) -> tuple[int, str]:
    """Projects by their ``order:`` metadata (smallest first), then by title."""
    try:
        order = int(str(metadata.get("order", 1000)))
    except ValueError:
        order = 1000
    return order, title


def settings_problems(settings: Mapping[str, Any]) -> list[str]:
    """Every wrong projects setting, each with its value and what it must be."""
    check = SettingsCheck({**settings, "PROJECTS_PATH": projects_path(settings)})
    check.folder("PROJECTS_PATH")
    for key in DEFAULTS:
        if key != "PROJECTS_PATH":
            fields = _PAGE_FIELDS if "_PROJECT_" in key else {"lang": "en"}
            check.pattern(key, fields)
    return check.problems
