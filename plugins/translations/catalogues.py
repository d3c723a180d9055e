"""Interface-string catalogues: `.po` files compiled with Babel, one per language.

Pure core: paths in, `gettext.NullTranslations` objects out. No Pelican here.

    theme/translations/messages.pot
    theme/translations/zh/LC_MESSAGES/messages.po
    theme/translations/en/LC_MESSAGES/messages.po
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from community_press import WARNING, ContentError, Problem, shown_path

__all__ = [
    "CatalogueError",
    "Catalogues",
    "catalogue_problems",
    "compile_po",
    "compiled",
    "load_catalogues",
    "site_catalogue_problems",
    "untranslated",
]


class CatalogueError(ContentError):
    """A `.po` file that cannot be compiled, named with the line and the fix."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(source, None, None, problem)


def compile_po(po_path: Path, lang: str, domain: str = "messages") -> gettext.GNUTranslations:
    """Compile one `.po` file with Babel (in memory) and return its translations.

    Fuzzy entries are left out, as `pybabel compile` does: a guess is not a translation.
    The translations know how many strings have none (`untranslated`): those show in the
    templates' own language, English.
    """
    try:
        with po_path.open("rb") as fileobj:
            catalog = read_po(fileobj, locale=lang, domain=domain, abort_invalid=True)
    except PoFileError as error:
        raise CatalogueError(
            str(po_path), f"{error} (fix the entry, then run `make translations`)"
        ) from error
    except (OSError, ValueError) as error:
        raise CatalogueError(str(po_path), f"cannot read: {error}") from error
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    translations.untranslated = sum(  # type: ignore[attr-defined]
        1 for m in catalog if m.id and (m.fuzzy or not all(_strings(m.string)))
    )
    return translations


def _strings(value: Any) -> tuple[Any, ...]:
    return value if isinstance(value, tuple) else (value,)


def untranslated(translations: gettext.NullTranslations) -> int:
    """How many interface strings a compiled catalogue leaves in English."""
    return int(getattr(translations, "untranslated", 0))


@dataclass
class Catalogues:
    """The compiled catalogue of every interface language; unknown languages pass through."""

    by_lang: dict[str, gettext.NullTranslations] = field(default_factory=dict)

    def get(self, lang: str) -> gettext.NullTranslations:
        return self.by_lang.get(lang) or gettext.NullTranslations()

    def gettext(self, lang: str, message: str) -> str:
        return self.get(lang).gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, n: int) -> str:
        return self.get(lang).ngettext(singular, plural, n)

    def pgettext(self, lang: str, context: str, message: str) -> str:
        return self.get(lang).pgettext(context, message)

    def npgettext(self, lang: str, context: str, singular: str, plural: str, n: int) -> str:
        return self.get(lang).npgettext(context, singular, plural, n)


def load_catalogues(
    directory: Path, domain: str = "messages"
) -> tuple[Catalogues, list[CatalogueError]]:
    """Compile `<directory>/<lang>/LC_MESSAGES/<domain>.po` for every language found.

    Returns the catalogues that compiled and the errors of those that did not, so that
    the caller can report every broken file at once.
    """
    catalogues = Catalogues()
    errors: list[CatalogueError] = []
    for po_path in sorted(directory.glob(f"*/LC_MESSAGES/{domain}.po")):
        lang = po_path.parent.parent.name
        try:
            catalogues.by_lang[lang] = compile_po(po_path, lang, domain)
        except CatalogueError as error:
            errors.append(error)
    return catalogues, errors


# Compiled catalogues (and the errors of those that did not compile) by folder, domain and
# file stamps: a memo, not build state, since a changed .po file changes the key. Every
# generator of a build shares one compilation.
_compiled: dict[tuple[Any, ...], tuple[Catalogues, list[CatalogueError]]] = {}


def compiled(directory: Path, domain: str = "messages") -> tuple[Catalogues, list[CatalogueError]]:
    """`load_catalogues`, compiled once until a `.po` file of the folder changes."""
    stamps = tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(directory.glob(f"*/LC_MESSAGES/{domain}.po"))
    )
    key = (str(directory), domain, stamps)
    if key not in _compiled:
        _compiled.clear()
        _compiled[key] = load_catalogues(directory, domain)
    return _compiled[key]


# The language of the templates' own strings: it needs no catalogue.
SOURCE_LANGUAGE = "en"


def catalogue_problems(cats: Catalogues, languages: list[str], folder: Path) -> list[Problem]:
    """A site language with no catalogue (an error naming the command that makes one), or
    with strings its catalogue leaves in English (a warning naming how many)."""
    problems = []
    for lang in languages:
        po = shown_path(folder / lang / "LC_MESSAGES" / "messages.po")
        if lang not in cats.by_lang:
            if lang != SOURCE_LANGUAGE and not Path(po).exists():
                problems.append(
                    Problem(
                        po, "lang", lang,
                        f"the site is in {lang!r} but the theme has no interface catalogue "
                        f"for it: run `make translations ADD={lang}`, then translate it",
                    )
                )  # fmt: skip
            continue
        count = untranslated(cats.by_lang[lang])
        if count and lang != SOURCE_LANGUAGE:
            problems.append(
                Problem(
                    po, "lang", lang,
                    f"{count} interface string(s) not translated into {lang!r} yet; they show "
                    "in English (`make translations` lists them)",
                    severity=WARNING,
                )
            )  # fmt: skip
    return problems


def site_catalogue_problems(settings: Mapping[str, Any]) -> list[Problem]:
    """Every problem of the site's interface catalogues, for the build and `make check`
    alike: a `.po` file that does not compile, a site language without a catalogue
    (errors), strings a catalogue leaves in English (a warning)."""
    from .settings import DEFAULTS, translations_folder, ui_languages  # noqa: PLC0415

    values = {**DEFAULTS, **settings}
    folder = Path(translations_folder(values))
    catalogues, errors = compiled(folder, str(values["I18N_UI_DOMAIN"]))
    found = [error.as_problem() for error in errors]
    return found + catalogue_problems(catalogues, ui_languages(values), folder)
