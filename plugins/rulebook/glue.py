"""The build's side of the rule book: the same `check_site` as `make check`, before
Pelican reads any content, so that every mistake the checker calls an error stops the
build too, named as the checker names it (``content/x.md:4: error: ...``).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from community_press import fill_defaults, stop_on_wrong_settings

from .memo import checked_site
from .settings import DEFAULTS, settings_problems

logger = logging.getLogger(__name__)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the RULEBOOK_*/CHECK_* settings and stop if one is wrong."""
    fill_defaults(pelican.settings, DEFAULTS)
    stop_on_wrong_settings("rulebook", settings_problems(pelican.settings))


def check_content(pelican: Any) -> None:
    """`get_generators` (after every plugin's `initialized`, before any content is read):
    log each problem, warnings first; stop the build when there is an error.

    Under `--fatal errors` Pelican's logger raises RuntimeError after each error record;
    every one is logged all the same, then the build stops with exit status 1 and no
    traceback (the messages say everything)."""
    settings = pelican.settings
    problems = checked_site(Path(settings["PATH"]), settings)
    stopped = False
    for problem in sorted(problems, key=lambda p: p.is_error):
        try:
            if problem.is_error:
                logger.error("%s", problem)
            else:
                logger.warning("%s", problem)
        except RuntimeError:
            stopped = True
    if stopped:
        raise SystemExit(1)
