"""How a plugin's glue tells the person running the build what is wrong: one record.

Pelican's logger, under ``--fatal errors``, raises RuntimeError right after an error record,
and Pelican's ``main()`` would print a traceback for it; the record says everything already,
so the build stops with exit status 1 instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .frontmatter import on_their_lines
from .problems import Problem


def report(
    logger: logging.Logger,
    summary: str,
    problems: Iterable[Problem | str],
    level: int = logging.ERROR,
    *,
    with_lines: bool = False,
    limit: int | None = None,
    more: str = "... and %d more",
) -> None:
    """Log `problems` in one record at `level`: `summary` (``%d`` is their count), then one
    indented line each, a Problem as ``source: field 'x' = 'v': problem`` (with
    `with_lines`, as `make check` prints it: ``source:line: severity: ...``); past `limit`
    lines, `more` (``%d`` is how many are left out). Nothing to report, no record."""
    if with_lines:  # each Problem on its line, as `make check` prints it
        problems = [*on_their_lines(p for p in problems if isinstance(p, Problem)),
                    *(p for p in problems if isinstance(p, str))]  # fmt: skip
    lines = [_line(p, with_lines) for p in problems]
    if not lines:
        return
    shown = lines if limit is None or len(lines) <= limit else lines[:limit]
    if len(shown) < len(lines):
        shown.append(more % (len(lines) - len(shown)))
    try:
        logger.log(level, "%s:\n%s", summary % len(lines), "\n".join(f"  {x}" for x in shown))
    except RuntimeError:  # pelican.log.FatalLogger under --fatal errors
        raise SystemExit(1) from None


def _line(problem: Problem | str, with_lines: bool) -> str:
    if isinstance(problem, str):
        return problem
    return str(problem) if with_lines else problem.brief
