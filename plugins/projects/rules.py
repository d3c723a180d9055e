"""The project pages' rule book, shared by the build and `make check`: `project_problems`.

Plain values in, `Problem` lists out (line 0: the checker adds the line of the field).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from community_press import WARNING, Problem

__all__ = ["PROJECT_TEMPLATE", "project_problems"]

PROJECT_TEMPLATE = "project"


def project_problems(
    meta: Mapping[str, object], source: str, templates: Sequence[str]
) -> list[Problem]:
    """A project page that would not show as one: another template, or no gallery.

    `templates` are the theme's template names; a template not among them is an error of
    its own, not reported here (an empty list: every template is checked).
    """
    problems = []
    template = meta.get("template")
    known = not templates or template in templates
    if template is not None and known and template != PROJECT_TEMPLATE:
        problems.append(
            Problem(
                source,
                "template",
                template,
                f"a project page uses 'Template: {PROJECT_TEMPLATE}' (or no Template line "
                "at all) to show its gallery",
                WARNING,
            )
        )
    if meta.get("gallery") is None:
        problems.append(
            Problem(
                source,
                None,
                None,
                "a project page has no 'gallery:' (the name of a folder of photos in the "
                "galleries folder)",
                WARNING,
            )
        )
    return problems
