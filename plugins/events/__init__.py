"""Events: event pages, month calendars, upcoming lists and iCalendar feeds.

An event is an article (or page) with `event-start`; see README.md, "Events". The core
modules (model, recurrence, calendar, ics, labels, views) do not import Pelican, so that
importing them for tests does not either.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (core modules stay importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.article_generator_context.connect(glue.set_publication_date)
    signals.article_generator_pretaxonomy.connect(glue.mark_events)
    signals.page_generator_finalized.connect(glue.mark_events)
    signals.get_generators.connect(glue.get_generators)
