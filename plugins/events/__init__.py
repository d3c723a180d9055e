"""Events: event pages, month calendars, upcoming lists and iCalendar feeds.

An event is a file in one of EVENTS_PATHS (events/) or one with `event-start`; see
README.md, "Events". Which file holds what:

- `glue`: the only module importing Pelican: the signal receivers and EventsGenerator.
- `rules`: the rule book: `is_event`, `event_problems`, `key_problems`, `uid_problems`
  (the build and `make check` call these same functions).
- `settings`: DEFAULTS, `settings_problems`, `EventRules` and `rules_of`.
- `collection`: a build's contents grouped as originals and translations, read by the rules.
- `model`: metadata to a typed Event (`parse_event`), event statuses, translations.
- `recurrence`: RRULEs and occurrences; `calendar`: month grids, upcoming/past.
- `ics`: VEVENTs, VTIMEZONEs and feed bodies; `zones`: a zone's yearly rules as
  calendar apps write them; `feeds`: which feeds a build writes; `kept`: values
  kept between builds and how they are versioned (CACHE_VERSION).
- `labels`: dates as readers see them (Babel); `views`: what templates print;
  `links`: "add to calendar" links; `schema`: schema.org JSON-LD.

The core modules do not import Pelican, so that importing them for tests does not either.
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
