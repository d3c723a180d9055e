"""Listing pages in every language: the home page, /news/, search and 404, and the
archives, categories and tags of the languages other than the default.

Which file holds what:

- `settings.py`: where the pages go (I18N_UI_NEWS_URL...) and their check;
- `content.py`: which articles, pages, categories and tags each language lists;
- `events_of.py`: which articles are events (the events plugin's rule);
- `pages.py`: the URLs written per language, for the language switch;
- `glue.py`: the Pelican signals and `LanguagePagesGenerator`.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (the core stays importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.article_generator_finalized.connect(glue.report_shared_urls)
    signals.article_generator_finalized.connect(glue.keep_default_language)
    signals.get_generators.connect(glue.get_generators)
