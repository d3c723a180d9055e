"""Project pages: the pages under ``content/projects/``, their URLs and the projects index.

Which file holds what:

- `glue`: the only module importing Pelican: `set_project_urls` (``content_object_init``)
  gives a project its ``projects/<slug>/`` URL and the ``project`` template;
  `ProjectsGenerator` writes ``projects/`` (and ``<lang>/projects/``).
- `core`: DEFAULTS, `settings_problems`, `is_project` (the one answer to "is this a
  project?"), `project_order`.
- `rules`: the rule book the build and `make check` share: `project_problems`.

A project's photos are its ``gallery:``, which the gallery plugin handles like any other.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.content_object_init.connect(glue.set_project_urls)
    signals.get_generators.connect(glue.get_generators)
