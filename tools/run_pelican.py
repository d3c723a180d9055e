"""Run Pelican's command line, minus the traceback when ``--fatal errors`` stops a build.

With ``--fatal errors`` Pelican turns the first error message (``Skipping x.md: could not
find information about 'title'``) into an exception, and its ``main()`` then logs that
exception with a traceback of its own logging code: a page of Python under a one-line
content mistake. The message has already been printed, so for this one exception the
traceback is dropped. Any other exception (a bug in a plugin) keeps its traceback.
`tools/build.py` runs Pelican through this file.
"""

from __future__ import annotations

import logging
import sys

from pelican import main

FATAL_MESSAGE = "Warning or error encountered"  # pelican/log.py, FatalLogger._log


class NoTracebackForFatal(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, RuntimeError) and str(error) == FATAL_MESSAGE:
            record.exc_info = None
            record.msg, record.args = "the build stopped at the error above", ()
        return True


if __name__ == "__main__":
    logging.getLogger("pelican").addFilter(NoTracebackForFatal())
    sys.exit(main())
