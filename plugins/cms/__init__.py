"""The editor at /admin/: Decap CMS configured from the site's own settings.

Which file holds what:

- `glue`: the only module importing Pelican: the signal receivers (settings, the
  categories and tags in use, writing admin/).
- `settings`: DEFAULTS (CMS_*) and `settings_problems`.
- `config`: `cms_config(Site)`, the whole config.yml as a mapping: collections for news,
  events (a widget for every key of `events.model.KNOWN_KEYS`), pages, projects and
  galleries, in every language of the site.
- `help`: the help text of every field, in Chinese and English.
- `yamltext`: writes the mapping as YAML; `bundle`: which files of Decap's dist/ are
  served, and admin/index.html with its own Content-Security-Policy.
- admin/cms-setup.js: the file formats (Pelican's `Key: value`, captions.txt), the
  language and repeat widgets, and the preview stylesheet.

docs/CMS.md explains it for the people who run a site.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.all_generators_finalized.connect(glue.note_taxonomy)
    signals.finalized.connect(glue.write_admin)
