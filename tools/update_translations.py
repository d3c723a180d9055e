"""Refresh the interface catalogues from the templates: `make translations`.

    python tools/update_translations.py [--check]

1. extracts every `_()` string of `theme/templates` (and the `N_()` labels of the default
   menu in `plugins/identity/settings.py` and of the preview's overlay in
   `tools/devserver_live.py`) into `theme/translations/messages.pot`;
2. merges it into each `<lang>/LC_MESSAGES/messages.po`; `--add fr` (`make translations
   ADD=fr`) starts the catalogue of a new language, every string still to translate;
3. fills the English catalogue with identity translations (msgstr = msgid);
4. compiles each `.po` to `.mo` next to it (the build compiles in memory, in
   plugins/translations; the `.mo` files are for other gettext tools) and lists what
   still needs a translator.

Exit status 1 when a catalogue has untranslated or fuzzy entries (`--check` changes
nothing and only reports).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import re
import sys
import tempfile
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po, write_po
from community_press import did_you_mean, shown_path
from translations.settings import catalogue_languages

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "theme" / "templates"
TRANSLATIONS = ROOT / "theme" / "translations"
BABEL_CFG = TRANSLATIONS / "babel.cfg"  # the theme's, whichever folder gets the catalogues
IDENTITY = ("en",)  # the templates' own language: its catalogue is msgid = msgstr
MARKED = ROOT / "plugins" / "identity"  # default labels marked with N_()
OVERLAY = ROOT / "tools" / "devserver_live.py"  # the preview's overlay, marked with N_()


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(pot: Path) -> None:
    # From the project folder, so that the .pot names templates as theme/templates/x.html.
    with contextlib.chdir(ROOT):
        pybabel(
            "extract", "-F", str(BABEL_CFG), "-o", str(pot), "-k", "_",
            "--project", "Community Press", "--version", "1", "--no-wrap",
            "--sort-by-file", "--add-comments", "Translators:", "-k", "N_",
            str(TEMPLATES.relative_to(ROOT)), str(MARKED.relative_to(ROOT)),
            str(OVERLAY.relative_to(ROOT)),
        )  # fmt: skip


def merge(pot: Path, lang: str) -> Path:
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    if po.exists():
        pybabel(
            "update", "-i", str(pot), "-o", str(po), "-l", lang, "--no-wrap", "--ignore-obsolete"
        )
    else:
        pybabel("init", "-i", str(pot), "-o", str(po), "-l", lang, "--no-wrap")
    return po


def fill_identity(po: Path, lang: str) -> None:
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    for message in catalog:
        if not message.id:
            continue
        # Always the msgid itself: `pybabel update` may have put a fuzzy guess from a
        # similar string here ("Where" -> "Newer"), which must not survive.
        message.string = message.id
        message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog, width=0, sort_by_file=True)


def missing(po: Path, lang: str) -> list[str]:
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"{shown_path(po)}: fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"{shown_path(po)}: untranslated: {message.id!r}")
    return problems


_DATES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*$', re.MULTILINE)


def keep_if_only_dates_changed(before: dict[Path, str]) -> None:
    """Put back files whose only change is a header date, so a run changes nothing in git."""
    for path, old in before.items():
        if path.exists() and _DATES.sub("", path.read_text("utf-8")) == _DATES.sub("", old):
            path.write_text(old, encoding="utf-8")


def languages() -> list[str]:
    """Every language that has a catalogue."""
    return catalogue_languages(TRANSLATIONS, "messages")


def language_problem(lang: str) -> str | None:
    """Why `lang` cannot have a catalogue (no language code, or one Babel does not know),
    with the nearest code. A site's language is a code alone, in lower case: Pelican reads
    DEFAULT_LANG in lower case, and pages live under /<code>/."""
    base = re.split(r"[-_]", lang, maxsplit=1)[0]
    if not base.isalpha() or not lang.replace("_", "").replace("-", "").isalnum():
        return f"language {lang!r} is not a language code like 'en', 'zh' or 'fr'"
    if lang != base:
        return (
            f"language {lang!r}: write the language alone, {base.lower()!r} (a site's "
            "languages are codes without a region or a script, like 'en', 'zh' or 'pt')"
        )
    if lang != lang.lower():
        return f"language {lang!r}: write it in lower case, {lang.lower()!r}"
    try:
        Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return f"unknown language code {lang!r}{did_you_mean(lang, locale_identifiers())}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    parser.add_argument("--add", action="append", default=[], help="start a language's catalogue")
    parser.add_argument("--folder", help="the catalogues' folder (default: the theme's)")
    parser.add_argument(
        "--brief", action="store_true", help="one line per catalogue, not one per string"
    )
    args = parser.parse_args(argv)
    if args.folder:  # a site's own copy of the catalogues (I18N_UI_TRANSLATIONS_PATH)
        global TRANSLATIONS  # noqa: PLW0603
        TRANSLATIONS = Path(args.folder).resolve()
    for lang in args.add:
        problem = language_problem(lang)
        if problem:
            print(f"translations: {problem}", file=sys.stderr)
            return 2
    problems: list[str] = []
    langs = sorted({*languages(), *args.add})
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            pot = Path(tmp) / "messages.pot"
            extract(pot)
            with pot.open("rb") as f:
                wanted = {m.id for m in read_po(f) if m.id}
        for lang in langs:
            po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
            with po.open("rb") as f:
                have = {m.id for m in read_po(f, locale=lang) if m.id}
            problems += [f"{shown_path(po)}: not extracted yet: {m!r}" for m in wanted - have]
            problems += missing(po, lang)
    else:
        pot = TRANSLATIONS / "messages.pot"
        catalogues = [
            pot,
            *(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po" for lang in langs),
        ]
        before = {p: p.read_text("utf-8") for p in catalogues if p.exists()}
        extract(pot)
        for lang in langs:
            po = merge(pot, lang)
            if lang in IDENTITY:
                fill_identity(po, lang)
            problems += missing(po, lang)
            pybabel("compile", "-i", str(po), "-o", str(po.with_suffix(".mo")), "-l", lang)
        keep_if_only_dates_changed(before)
    if args.brief:  # a new site: how many, and where to see them
        counts = collections.Counter(problem.split(": ", 1)[0] for problem in problems)
        problems_shown = [f"{po}: {n} string(s) to translate" for po, n in counts.items()]
    else:
        problems_shown = problems
    for problem in problems_shown:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} interface string(s) need a translator", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
