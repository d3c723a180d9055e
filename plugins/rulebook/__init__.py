"""The rule book: every rule about content, run alike by the build, `make check` and
`make new-*`, so that they cannot disagree about what is valid.

- `documents`: which files Pelican reads (`find_documents`), and each one's kind,
  section, language, slug and metadata (`Document`).
- `body`: the lines of a body that reach readers (no code, no HTML comments).
- `fields`: front-matter rules (required Title/Date, dates, status, lang, slug, template,
  unknown fields, TODO placeholders).
- `html`: raw HTML the publishing CSP blocks (scripts, styles, handlers, other sites'
  frames).
- `links`: `{filename}`/`{static}` links and images that point nowhere, alt text.
- `addresses`: links written by hand to the site's addresses (``/events/``), anchored
  below SITEURL and checked against what the build wrote.
- `site`: `check_site` (every rule, with the cross-file ones: slugs, translations, unread
  files, event UIDs, galleries); `document_problems`, `text_problems`.
- `settings`: RULEBOOK_*/CHECK_* defaults, `settings_problems`, `site_settings` (every
  plugin's defaults filled in).
- `glue`: the build's side; with `markdown_reader` (Pelican's Markdown reader, one
  Markdown instance for every file) the only modules importing Pelican.

Event, gallery and project rules are those plugins' own (`events.rules`, ...): called
here, written there.
"""

from .site import check_content, check_site, file_errors

__all__ = ["check_content", "check_site", "file_errors", "register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.initialized.connect(glue.forget_stale_reading)
    signals.readers_init.connect(glue.read_with_one_markdown)
    signals.get_generators.connect(glue.check_before_reading)
    signals.content_object_init.connect(glue.anchor_links)
    signals.finalized.connect(glue.keep_reading_stamp)
