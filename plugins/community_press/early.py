"""Reading a page's text before Pelican knows the static files, without false alarms.

Pelican's StaticGenerator builds its context after every other generator's. A plugin that
reads a page's `summary` while building its own (the digest's news, the events' texts)
makes Pelican replace the page's `{static}` links before the files are listed, and it
warns "Unable to find ..." for each one, although the link works in the built page.
Such a plugin wants plain text, where links do not show: it reads inside `plain_reading`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

PELICAN_CONTENTS = "pelican.contents"  # the logger of pelican/contents.py
UNRESOLVED = "Unable to find '%s', skipping url replacement."  # its words for such a link


def _not_unresolved(record: logging.LogRecord) -> bool:
    return record.msg != UNRESOLVED


@contextmanager
def plain_reading() -> Iterator[None]:
    """Within: Pelican's warnings about `{static}` links it cannot resolve yet are dropped.
    The page itself is rendered again later (its early HTML is forgotten once the static
    files are known: parallel_write's `settle_content`), and warns then if a file is
    really missing."""
    logger = logging.getLogger(PELICAN_CONTENTS)
    logger.addFilter(_not_unresolved)
    try:
        yield
    finally:
        logger.removeFilter(_not_unresolved)
