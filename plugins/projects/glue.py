"""Pelican glue for the projects plugin: the signal receivers and `ProjectsGenerator`.

1. `apply_defaults` (``initialized``) fills in and checks the settings (`core`).
2. `set_project_urls` (``content_object_init``) gives pages under ``content/projects/``
   their ``projects/<slug>/`` URL and the ``project`` template.
3. `ProjectsGenerator.generate_context` picks the projects of every language, in their
   order, and logs the warnings of `rules.project_problems`; `generate_output` writes the
   ``projects/`` index of every language. It runs after the gallery plugin's generator,
   which gives each project its ``gallery`` (and cover).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from community_press import lang_setting, settle
from pelican.contents import Content, Page
from pelican.generators import Generator

from .core import (
    DEFAULTS,
    OLD_PATH_SETTING,
    is_project,
    project_order,
    settings_problems,
)
from .rules import PROJECT_TEMPLATE, project_problems

logger = logging.getLogger(__name__)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the projects settings and stop if one is wrong."""
    settings = pelican.settings
    if OLD_PATH_SETTING in settings and "PROJECTS_PATH" not in settings:
        settings["PROJECTS_PATH"] = settings[OLD_PATH_SETTING]
    settle(settings, "projects", DEFAULTS, settings_problems)


def _is_project(content: Any) -> bool:
    source = getattr(content, "relative_source_path", None)
    return isinstance(content, Page) and bool(source) and is_project(str(source), content.settings)


def set_project_urls(content: Any) -> None:
    """`content_object_init`: ``projects/<slug>/`` URLs and the project template."""
    if not _is_project(content) or getattr(content, "status", "") == "draft":
        return
    s = content.settings
    lang = "" if content.in_default_lang else "LANG_"
    values = content.url_format
    if not hasattr(content, "override_url"):
        content.override_url = s[f"GALLERY_PROJECT_{lang}URL"].format(**values)
    if not hasattr(content, "override_save_as"):
        content.override_save_as = s[f"GALLERY_PROJECT_{lang}SAVE_AS"].format(**values)
    if "template" not in content.metadata:
        content.template = PROJECT_TEMPLATE


def get_generators(pelican: Any) -> type[ProjectsGenerator]:
    """`get_generators`: after Pelican's pages and the gallery plugin's generator."""
    return ProjectsGenerator


class ProjectsGenerator(Generator):
    """Writes the ``projects/`` index of every language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.projects: dict[str, list[Content]] = {}

    def generate_context(self) -> None:
        default = self.settings["DEFAULT_LANG"]
        originals = [
            p
            for p in self.context.get("pages", [])
            if _is_project(p) and getattr(p, "status", "published") == "published"
        ]
        self._warn(originals)
        languages = {default}
        for c in self.context.get("generated_content", {}).values():
            if getattr(c, "status", "") == "published" and getattr(c, "lang", None):
                languages.add(c.lang)
        languages.update(self.settings.get("I18N_UI_LANGUAGES") or [])
        for lang in sorted(languages):
            chosen = []
            for page in originals:
                versions = [page, *getattr(page, "translations", [])]
                match = [v for v in versions if v.lang == lang]
                chosen.append(match[0] if match else page)
            chosen.sort(key=lambda p: project_order(p.metadata, str(getattr(p, "title", ""))))
            self.projects[lang] = chosen

    def _warn(self, originals: list[Content]) -> None:
        """The rule book's warnings about project pages (all of them, in one message)."""
        root = Path(self.path)
        found = []
        for page in originals:
            for version in [page, *getattr(page, "translations", [])]:
                source = (Path(root.name) / version.relative_source_path).as_posix()
                found += project_problems(version.metadata, source, ())
        if found:
            logger.warning(
                "projects: %d warning(s) about project pages:\n%s",
                len(found),
                "\n".join(f"  {p.source}: {p.message}" for p in found),
            )

    def generate_output(self, writer: Any) -> None:
        s = self.settings
        default = s["DEFAULT_LANG"]
        template = self.get_template("projects")
        urls = {
            lang: s[lang_setting("GALLERY_PROJECTS_URL", lang, default)].format(lang=lang)
            for lang in self.projects
        }
        for lang, projects in self.projects.items():
            save_as = s[lang_setting("GALLERY_PROJECTS_SAVE_AS", lang, default)].format(lang=lang)
            if not save_as:
                continue
            writer.write_file(
                save_as,
                template,
                self.context,
                relative_urls=s["RELATIVE_URLS"],
                projects=projects,
                lang=lang,
                lang_urls=urls,
                url=urls[lang],
                page_name="projects",
            )
