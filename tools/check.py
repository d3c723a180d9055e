"""Check the site's content for mistakes without building it.

    python tools/check.py                 # the content folder of pelicanconf.py (PATH)
    python tools/check.py -c content -s pelicanconf.py

Prints one line per problem, ``path:line: error|warning: message``, which editors and CI
understand; under GitHub Actions each problem is also printed as an annotation. Exits 1
when there is an error (warnings alone exit 0; ``--strict`` makes them count).

The rules are the build's own (`plugins/rulebook`, `rulebook.check_site`): every error
here stops the build too, and the other way round. Wrong settings first: what a plugin
would stop the build on at start-up (`rulebook.settings.plugin_settings_problems`), on the
line of the settings file that sets it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

from community_press import shown_path
from pelican.settings import read_settings
from rulebook import check_content
from rulebook.settings import plugin_settings_problems

from tools.build import NO_CONTENT, NO_CONTENT_PELICAN, default_content

ROOT = Path(__file__).resolve().parent.parent


def load_settings(
    conf: str | os.PathLike[str], content: str | os.PathLike[str] | None = None
) -> dict[str, Any]:
    """The site's settings as Pelican reads them (no plugins run, nothing built); with
    `content`, that folder instead of the settings' PATH."""
    override = {"PATH": str(Path(content).resolve())} if content else {}
    return dict(read_settings(str(conf), override=override))


def _line_of(conf: str, problem: str) -> int:
    """The line of the settings file that sets the setting `problem` names (else 1)."""
    named = re.search(r"setting '([A-Z0-9_]+)'", problem)
    try:
        lines = Path(conf).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    key = named.group(1) if named else ""
    return next((n for n, line in enumerate(lines, 1) if key and re.match(rf"{key}\s*=", line)), 1)


def default_settings() -> str:
    """The settings file when none is given: the site folder's, else the repository's."""
    here = Path("pelicanconf.py")
    return str(here if here.is_file() else ROOT / "pelicanconf.py")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-c", "--content", help="content folder (default: ./content, else PATH)")
    parser.add_argument("-s", "--settings", default=default_settings())
    parser.add_argument("--strict", action="store_true", help="warnings count as errors")
    parser.add_argument(
        "--github",
        action="store_true",
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="also print GitHub Actions annotations (on by default in GitHub Actions)",
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.settings, args.content or default_content())
    except ValueError as error:
        if not str(error).startswith(NO_CONTENT_PELICAN):
            raise
        print(f"check: {NO_CONTENT}", file=sys.stderr)
        return 2
    if not Path(settings["PATH"]).is_dir():
        print(f"check: no content folder at {settings['PATH']}", file=sys.stderr)
        return 2
    wrong = plugin_settings_problems(settings)
    if wrong:  # the build stops on these before it reads any content
        conf = shown_path(Path(args.settings))
        for problem in wrong:
            print(f"{conf}:{_line_of(args.settings, problem)}: error: {problem}")
        print(f"check: {len(wrong)} setting(s) wrong", file=sys.stderr)
        return 1
    problems = check_content(settings)
    for problem in problems:
        print(problem)
        if args.github:
            print(problem.github())
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if problems:
        print(f"check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    else:
        print("check: no problems found", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
