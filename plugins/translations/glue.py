"""Pelican glue of the translations plugin: the only module of it that imports Pelican.

- `apply_defaults` (`initialized`): I18N_UI_* settings filled in (settings.py) and checked.
- `install_gettext` (`generator_init`): `_` and gettext in every generator's templates.
- `check_language` (`content_object_init`): a `Lang` the site is not written in.
- `report_catalogues` (`get_generators`): `.po` files that do not compile.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath
from typing import Any

from community_press import stop_on_wrong_settings

from .catalogues import compiled, site_catalogue_problems
from .content_lang import unknown_language
from .language import PageLanguage
from .language import install_gettext as install
from .settings import prepare, settings_problems

logger = logging.getLogger(__name__)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in every I18N_UI_* setting, then stop on any wrong one."""
    prepare(pelican.settings)
    stop_on_wrong_settings("translations", settings_problems(pelican.settings))


def _catalogues(settings: dict[str, Any]) -> Any:
    return compiled(Path(settings["I18N_UI_TRANSLATIONS_PATH"]), settings["I18N_UI_DOMAIN"])


def install_gettext(generator: Any) -> None:
    """`generator_init`: the generator's templates get `_()` in the page's language."""
    catalogues, _errors = _catalogues(generator.settings)
    install(generator.env, catalogues, PageLanguage(generator.settings["DEFAULT_LANG"]))


def check_language(content: Any) -> None:
    """`content_object_init`: an error naming the file when its `Lang` is not the site's.

    (A static file always has DEFAULT_LANG, which `apply_defaults` checks.)"""
    languages = content.settings.get("I18N_UI_LANGUAGES") or []
    problem = unknown_language(str(content.lang), languages) if languages else None
    if problem:
        folder = PurePosixPath(Path(content.settings["PATH"]).name)
        source = folder / PurePosixPath(content.relative_source_path or "")
        logger.error("%s: field 'lang' = %r: %s", str(source), content.lang, problem)


def report_catalogues(pelican: Any) -> None:
    """`get_generators` (once per build): every `.po` file that does not compile, at once;
    a site language without a catalogue (an error) or with strings left in English (a
    warning). With the rule book on, it reports them, as `make check` does."""
    if "rulebook" in (pelican.settings.get("PLUGINS") or []):
        return
    for problem in site_catalogue_problems(pelican.settings):
        (logger.error if problem.is_error else logger.warning)("%s", problem)
