"""The build's side of the rule book: the same `check_site` as `make check`, before
Pelican reads any content, so that every mistake the checker calls an error stops the
build too, named as the checker names it (``content/x.md:4: error: ...``).
"""

from __future__ import annotations

import logging
from typing import Any

from community_press import report, settle
from community_press.readcache import forget_if_stale, keep_stamp

from .settings import DEFAULTS, settings_problems
from .site import check_content

logger = logging.getLogger(__name__)

# Warnings a build prints (every one of them, every build, would bury its errors and the
# rest of its output); `make check` prints them all.
WARNINGS_SHOWN = 10


def apply_defaults(pelican: Any) -> None:
    """`initialized`: fill in the RULEBOOK_* settings and stop if one is wrong."""
    settle(pelican.settings, "rulebook", DEFAULTS, settings_problems)


def forget_stale_reading(pelican: Any) -> None:
    """`initialized`: Pelican's cached HTML of the files is read only if it was made with
    these Markdown settings and versions (`community_press.readcache`)."""
    if forget_if_stale(pelican.settings):
        logger.info(
            "Markdown settings or versions changed since the last build: every file is read again"
        )


def keep_reading_stamp(pelican: Any) -> None:
    """`finalized`: the cache written is stamped with what it was made with."""
    keep_stamp(pelican.settings)


def check_before_reading(pelican: Any) -> None:
    """`get_generators` (after every plugin's `initialized`, before any content is read):
    report the problems, warnings first. Under `--fatal errors` (tools/build.py) an error
    stops the build there, with exit status 1 and no traceback. Only for a site that runs
    the rule book: a signal an earlier build left connected (tests build many sites in one
    process) is not this site's, and the translations plugin then reports its own."""
    if "rulebook" not in (pelican.settings.get("PLUGINS") or []):
        return
    problems = check_content(pelican.settings)
    # Warnings first, so that a run that stops ends on its errors; both as `make check`
    # prints them, path:line: severity: message.
    warnings = [p for p in problems if not p.is_error]
    report(
        logger,
        "%d warning(s) in content",
        warnings,
        logging.WARNING,
        with_lines=True,
        limit=WARNINGS_SHOWN,
        more="... and %d more: `make check` lists them all",
    )
    errors = [p for p in problems if p.is_error]
    report(logger, "%d error(s) in content: fix them and build again", errors, with_lines=True)
