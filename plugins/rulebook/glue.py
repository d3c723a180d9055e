"""The build's side of the rule book: the same `check_site` as `make check`, before
Pelican reads any content, so that every mistake the checker calls an error stops the
build too, named as the checker names it (``content/x.md:4: error: ...``).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from community_press import settle

from .fields import theme_templates
from .memo import fingerprint, load_memo, save_memo
from .settings import DEFAULTS, settings_problems, site_settings
from .site import check_site

logger = logging.getLogger(__name__)


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the RULEBOOK_* settings and stop if one is wrong."""
    settle(pelican.settings, "rulebook", DEFAULTS, settings_problems)


def check_content(pelican: Any) -> None:
    """`get_generators` (after every plugin's `initialized`, before any content is read):
    log each problem, warnings first; stop the build when there is an error.

    Under `--fatal errors` Pelican's logger raises RuntimeError after each error record;
    every one is logged all the same, then the build stops with exit status 1 and no
    traceback (the messages say everything)."""
    settings = pelican.settings
    cache = settings.get("CACHE_PATH") if settings.get("CACHE_CONTENT", True) else None
    key = fingerprint(site_settings(settings), theme_templates(settings), os.getcwd())
    memo = load_memo(cache, key) if cache else None
    problems = check_site(Path(settings["PATH"]), settings, memo)
    if cache and memo is not None:
        save_memo(cache, memo)
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
