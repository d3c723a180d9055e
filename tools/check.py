"""Check the site's content for mistakes without building it.

    python tools/check.py                 # content/ with pelicanconf.py
    python tools/check.py -c content -s pelicanconf.py

Prints one line per problem, ``path:line: error|warning: message``, which editors and CI
understand; under GitHub Actions each problem is also printed as an annotation. Exits 1
when there is an error (warnings alone exit 0; ``--strict`` makes them count).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for extra in (ROOT, ROOT / "plugins"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from tools.checker import ERROR, check_site, load_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--content", default="content", help="content folder")
    parser.add_argument("-s", "--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--strict", action="store_true", help="warnings count as errors")
    parser.add_argument(
        "--github",
        action="store_true",
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="also print GitHub Actions annotations (on by default in GitHub Actions)",
    )
    args = parser.parse_args(argv)
    content = Path(args.content)
    if not content.is_dir():
        print(f"check: no content folder at {content}", file=sys.stderr)
        return 2
    settings = load_settings(args.settings, content)
    problems = check_site(content, settings)
    for problem in problems:
        print(problem)
        if args.github:
            print(problem.github())
    errors = sum(p.severity == ERROR for p in problems)
    warnings = len(problems) - errors
    if problems:
        print(f"check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    else:
        print("check: no problems found", file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
