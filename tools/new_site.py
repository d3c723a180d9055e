"""Start a community's own site: its settings and a starter content folder.

    python tools/new_site.py --name "Riverside Tenants' Association" --languages en \\
        --timezone Europe/London --siteurl https://riverside.example.org
    make new-site NAME="桂花社区" LANGUAGES=zh TIMEZONE=Asia/Shanghai

Writes `pelicanconf.py` (who the community is: its name in every language, languages,
time zone, published address) and `content/` (About, Contact and Volunteer pages and a
welcome article in every language, empty `events/`, `projects/`, `galleries/`) in the
site's folder (`--root`, default: here). A language the theme has no catalogue for gets one
(`tools/update_translations.py --add`), to translate. The starter passes the rule book
before anything is written.

Run bare in a terminal, it asks for each value, with a default. It refuses to replace a
site that has content of its own unless `--force` (`FORCE=1`); even then nothing is
deleted: the old `content/` and `pelicanconf.py` are moved aside, and it says where.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale
from events.model import placeless_zone, zone_problem
from rulebook.site import text_problems
from translations.catalogues import SOURCE_LANGUAGE
from translations.settings import catalogue_languages

from tools import update_translations
from tools.check import load_settings
from tools.starter_text import starter_pages
from tools.update_translations import language_problem

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILE = "pelicanconf.py"
FOLDERS = ("articles", "events", "pages", "projects", "galleries")


class SiteError(Exception):
    """A value `new-site` cannot use, or a site it must not replace; the message says why."""


@dataclass(frozen=True)
class Community:
    name: str
    languages: tuple[str, ...]  # the default first
    timezone: str
    siteurl: str

    @property
    def default(self) -> str:
        return self.languages[0]


def timezone_problem(name: str) -> str | None:
    """Why `name` is no IANA time zone, naming the nearest one (the events plugin's rule)."""
    if name not in zoneinfo.available_timezones():
        return f"{name!r}: {zone_problem(name)}"
    placeless = placeless_zone(name)
    return f"{name!r}: {placeless}" if placeless else None


def community_of(name: str, languages: str, timezone: str, siteurl: str) -> Community:
    """The values checked: every problem at once, in one `SiteError`."""
    problems = []
    name = " ".join(name.split())
    if not name:
        problems.append('the community needs a name: NAME="Riverside Tenants\' Association"')
    langs = tuple(dict.fromkeys(p.strip() for p in languages.split(",") if p.strip()))
    if not langs:
        problems.append("LANGUAGES is empty: give one or more codes, default first: en,zh")
    problems += [p for p in map(language_problem, langs) if p]
    problems += [p for p in [timezone_problem(timezone)] if p]
    siteurl = siteurl.strip().rstrip("/")
    if siteurl and not siteurl.startswith(("https://", "http://")):
        problems.append(f"SITEURL {siteurl!r} must start with https:// (or be left out)")
    if problems:
        raise SiteError("\n".join(problems))
    return Community(name, langs, timezone, siteurl)


def own_content(root: Path) -> list[Path]:
    """What a new site would replace: the site's own settings and content files."""
    found = [p for p in sorted((root / "content").rglob("*")) if p.is_file()]
    settings = root / SETTINGS_FILE
    if settings.is_file() and "from examples." not in settings.read_text(encoding="utf-8"):
        found.insert(0, settings)
    return found


def settings_text(site: Community) -> str:
    """The community's `pelicanconf.py`."""
    names = {lang: language_name(lang) for lang in site.languages}
    others = {lang: site.name for lang in site.languages[1:]}
    lines = [
        "# This site's settings, written by `make new-site` for:",
        f"# {site.name}",
        "# Edit freely (docs/NEW-COMMUNITY.md explains each one). publishconf.py imports",
        "# everything from here and overrides only what publishing needs.",
        "",
        "from community_press.defaults import *  # noqa: F403",
        "",
        'PATH = "content"',
        f"AUTHOR = {site.name!r}",
        f"SITENAME = {site.name!r}",
        f"TIMEZONE = {site.timezone!r}",
        "# The site's languages, the default first; the others live under /<lang>/.",
        f"DEFAULT_LANG = {site.default!r}",
        f"I18N_UI_LANGUAGES = {list(site.languages)!r}",
        f"I18N_UI_LANGUAGE_NAMES = {names!r}",
        "# The site's name in the other languages (SITENAME is the default language's).",
        f"I18N_UI_SITENAME = {others!r}",
        "# Where `make publish` points links when the SITEURL variable is not set.",
        f"PUBLISH_SITEURL = {(site.siteurl or 'https://example.org')!r}",
        "",
        "# Who the community is: a text, or a dict with one text per language.",
        'SITE_SUBNAME = ""  # words under the name, e.g. your centre\'s name',
        'SITE_TAGLINE = ""  # the home page\'s motto',
        "COMMUNITY_ADDRESS = []  # the footer's address, one line per item",
        'COMMUNITY_HOURS = ""  # opening hours',
        'COMMUNITY_PARTNERS = ""  # who runs the site with you ("Run together with")',
        "SOCIAL = []  # contact links: [('Email', 'mailto:hello@example.org')]",
        'BRAND_COLOR = ""  # e.g. "#0b5f54": links and buttons',
    ]
    return "\n".join(lines) + "\n"


def language_name(lang: str) -> str:
    """The language's own name, for the language switch: 'English', '中文', 'français'."""
    return Locale.parse(lang).get_display_name(lang) or lang


def write_site(root: Path, site: Community, *, force: bool = False) -> list[Path]:
    """Write the settings and the starter content; returns what was moved aside."""
    existing = own_content(root)
    if existing and not force:
        shown = "\n".join(f"  {p.relative_to(root)}" for p in existing[:10])
        more = f"\n  … and {len(existing) - 10} more" if len(existing) > 10 else ""
        raise SiteError(
            f"{root} already has a site of its own; new-site would replace:\n{shown}{more}\n"
            "Run it again with FORCE=1 (or --force) to start over: nothing is deleted, "
            "the old files are moved aside."
        )
    files = starter_files(site, dt.datetime.now(zoneinfo.ZoneInfo(site.timezone)))
    check_starter(root, site, files)
    moved = move_aside(root, force=force)
    for relative, text in {SETTINGS_FILE: settings_text(site), **files}.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for folder in FOLDERS:
        (root / "content" / folder).mkdir(parents=True, exist_ok=True)
    return moved


def move_aside(root: Path, *, force: bool, now: dt.datetime | None = None) -> list[Path]:
    """With `force`, the old content folder and settings get a dated name beside them
    (without it there is nothing of the site's own: the settings file is replaced)."""
    if not force:
        return []
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    moved = []
    for name in ("content", SETTINGS_FILE):
        if (root / name).exists():
            aside = root / f"{name}.old-{stamp}"
            number = 1
            while aside.exists() or aside.is_symlink():  # two runs in one second
                number += 1
                aside = root / f"{name}.old-{stamp}-{number}"
            os.rename(root / name, aside)  # beside it: a rename, never into a folder
            moved.append(aside)
    return moved


def check_starter(root: Path, site: Community, files: dict[str, str]) -> None:
    """The rule book on every starter file, before anything is written."""
    settings: dict[str, Any] = load_settings(ROOT / SETTINGS_FILE, ROOT)
    settings |= {
        "PATH": str(root / "content"),
        "DEFAULT_LANG": site.default,
        "I18N_UI_LANGUAGES": list(site.languages),
        "TIMEZONE": site.timezone,
    }
    errors = []
    for relative, text in files.items():
        kind = "page" if "/pages/" in relative else "article"
        target = root / relative
        found = text_problems(text, target, root / "content", kind, settings)
        errors += [str(p) for p in found if p.is_error]
    if errors:
        raise SiteError("the starter site breaks the rule book:\n" + "\n".join(errors))


def missing_catalogues(languages: tuple[str, ...], folder: Path) -> list[str]:
    """The languages `folder` has no interface catalogue for (English needs none)."""
    have = set(catalogue_languages(folder, "messages"))
    return [lang for lang in languages if lang not in have and lang != SOURCE_LANGUAGE]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--name", default="")
    parser.add_argument("--languages", default="", help="codes, the default first: en,zh")
    parser.add_argument("--timezone", default="", help="an IANA zone: Europe/London")
    parser.add_argument("--siteurl", default="", help="the published address, https://…")
    parser.add_argument("--root", default=".", help="the site's folder (default: here)")
    parser.add_argument("--force", action="store_true", help="replace a site's own content")
    parser.add_argument(
        "--no-catalogue", action="store_true", help="do not start new languages' catalogues"
    )
    parser.add_argument(
        "--translations",
        default=str(update_translations.TRANSLATIONS),
        help="the interface catalogues' folder (default: the theme's)",
    )
    args = parser.parse_args(argv)
    if not args.name and sys.stdin.isatty():
        ask(args)
    try:
        site = community_of(args.name, args.languages or "en", args.timezone or "UTC", args.siteurl)
        root = Path(args.root).resolve()
        moved = write_site(root, site, force=args.force)
    except SiteError as error:
        print(f"new-site: {error}", file=sys.stderr)
        return 1
    report(root, site, moved)
    folder = Path(args.translations)
    new = missing_catalogues(site.languages, folder)
    if new and args.no_catalogue:
        print(f"No interface catalogue for {', '.join(new)} yet: make translations ADD=<lang>")
    elif new:
        print(f"Starting the interface catalogue of {', '.join(new)} (make translations):")
        update_translations.main(
            ["--brief", f"--folder={folder}", *(f"--add={lang}" for lang in new)]
        )
    return 0


def ask(args: argparse.Namespace) -> None:
    """Prompt for each value, with a default, when run bare in a terminal."""
    args.name = input("Community name: ").strip()
    args.languages = input("Languages, the default first [en]: ").strip() or "en"
    here = local_zone()
    args.timezone = input(f"Time zone [{here}]: ").strip() or here
    args.siteurl = input("Published address (https://…, or leave empty): ").strip()


def local_zone() -> str:
    """This machine's time zone name, else UTC."""
    link = Path("/etc/localtime")
    if link.is_symlink():
        parts = link.resolve().parts
        if "zoneinfo" in parts:
            return "/".join(parts[parts.index("zoneinfo") + 1 :])
    return "UTC"


def report(root: Path, site: Community, moved: list[Path]) -> None:
    shown = root if root != Path.cwd() else Path(".")
    print(f"Started the site of {site.name} in {shown}:")
    print(f"  {SETTINGS_FILE}  settings: languages {', '.join(site.languages)}, {site.timezone}")
    print("  content/         About, Contact, Volunteer and a welcome article")
    for path in moved:
        print(f"  moved aside: {path.name}")
    print("Next: make check && make html, then make devserver (docs/NEW-COMMUNITY.md).")


def starter_files(site: Community, now: dt.datetime) -> dict[str, str]:
    """Every starter file, by its path below the site's folder."""
    return starter_pages(site.name, site.languages, now)


if __name__ == "__main__":
    sys.exit(main())
