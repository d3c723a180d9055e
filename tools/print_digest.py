"""Print a week's plain-text digest in the terminal: `make digest`.

    python tools/print_digest.py -s publishconf.py            # this week, the default language
    python tools/print_digest.py -s publishconf.py --lang en --week 2024-W25

The text is the one the build writes beside the digest page (`/digest/YYYY-Www.txt`):
the site is built with the same settings into a temporary folder (caches kept, so a
second run is quick), and the digest plugin makes the text there with the very function
the build uses (`digest.text.to_text`). Use the publishing settings, so that links are
full addresses.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
_WEEK = re.compile(r"\d{4}-W\d{2}")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--settings", default=str(ROOT / "publishconf.py"))
    parser.add_argument("-c", "--content", help="the content folder (default: PATH)")
    parser.add_argument("--lang", help="the digest's language (default: DEFAULT_LANG)")
    parser.add_argument("--week", help="an ISO week such as 2024-W25 (default: this week)")
    return parser.parse_args(argv)


def _settings(args: argparse.Namespace, output: str) -> dict[str, object]:
    from pelican.settings import read_settings  # noqa: PLC0415  (after argparse: --help is quick)

    override: dict[str, object] = {"OUTPUT_PATH": output}
    if args.content:
        override["PATH"] = str(Path(args.content).resolve())
    settings = read_settings(args.settings, override=override)
    # Publishing steps (search index, minifying, compression) make no digest.
    settings["PLUGINS"] = [p for p in settings["PLUGINS"] if p != "publish"]
    return settings


def _build(settings: dict[str, object]) -> None:
    """Pelican's run, its messages out of the way: only problems, on stderr."""
    from pelican import Pelican  # noqa: PLC0415

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger().setLevel(logging.WARNING)
    with contextlib.redirect_stdout(sys.stderr):
        Pelican(settings).run()


def _week(settings: dict[str, object], given: str | None) -> str:
    from digest.weeks import week_of  # noqa: PLC0415
    from events.settings import resolve_now  # noqa: PLC0415

    if given:
        return given
    zone = ZoneInfo(str(settings.get("TIMEZONE") or "UTC"))
    return week_of(resolve_now(settings.get("EVENTS_NOW"), zone), zone).label


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.week and not _WEEK.fullmatch(args.week):
        print(f"digest: --week {args.week!r}: write an ISO week such as 2024-W25", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="digest-") as output:
        settings = _settings(args, output)
        _build(settings)
        from digest.settings import path_of  # noqa: PLC0415

        lang = args.lang or str(settings["DEFAULT_LANG"])
        week = _week(settings, args.week)
        text = Path(output) / path_of(settings, "DIGEST_TEXT_SAVE_AS", lang, week)
        if not text.exists():
            print(
                f"digest: no digest for {week} in {lang!r} (DIGEST_WEEKS and"
                " I18N_UI_LANGUAGES say which weeks and languages get one)",
                file=sys.stderr,
            )
            return 1
        sys.stdout.write(text.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
