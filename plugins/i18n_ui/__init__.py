"""Interface language: gettext catalogues compiled with Babel, a language-aware `_`.

Templates call `{{ _("Upcoming events") }}` and `{{ page_lang() }}`; the string comes
from the catalogue of the page's language (see `language.page_lang_of`).
"""

from pelican import signals

from . import content_lang, glue

__all__ = ["register"]


def register() -> None:
    signals.initialized.connect(glue.apply_defaults)
    signals.generator_init.connect(glue.install_helpers)
    signals.content_object_init.connect(content_lang.check_language)
    signals.article_generator_finalized.connect(glue.report_shared_urls)
    signals.article_generator_finalized.connect(glue.keep_default_language)
    signals.get_generators.connect(glue.get_generators)
