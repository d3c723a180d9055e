"""Interface translations: gettext catalogues compiled with Babel, a language-aware `_`.

Templates call `{{ _("Upcoming events") }}`; the string comes from the catalogue of the
page's language (`language.page_lang_of`). Which file holds what:

- `settings.py`: the I18N_UI_* settings (languages, locales, names) and their check;
- `catalogues.py`: `.po` files compiled in memory, one per language;
- `language.py`: the page's language, and `_`/gettext installed into Jinja;
- `content_lang.py`: the rule that a `Lang` is one of the site's languages;
- `glue.py`: the Pelican signals. `tools/translations.py` (`make translations`) refreshes
  the catalogues from the templates.
"""

__all__ = ["register"]


def register() -> None:
    from pelican import signals  # noqa: PLC0415  (the core stays importable without it)

    from . import glue  # noqa: PLC0415

    signals.initialized.connect(glue.apply_defaults)
    signals.generator_init.connect(glue.install_gettext)
    signals.content_object_init.connect(glue.check_language)
    signals.get_generators.connect(glue.report_catalogues)
