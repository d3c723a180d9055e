"""Run photo tasks across the machine's cores, one photo per task, or in this process.

A bounded pool (never one process per photo) keeps memory to `workers` decoded photos at a
time. If a pool cannot be started, or a worker dies, the remaining tasks run here instead.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from .pipeline import Outcome, Task, process

Progress = Callable[[int, int, float], None]


def run_tasks(
    tasks: Sequence[Task], workers: int, progress: Progress | None = None
) -> list[Outcome]:
    """Process every task and return their outcomes (in completion order).

    ``progress(done, total, elapsed_seconds)`` is called after each photo.
    """
    start = time.monotonic()
    total = len(tasks)
    outcomes: list[Outcome] = []

    def finished(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if progress:
            progress(len(outcomes), total, time.monotonic() - start)

    done: set[int] = set()
    # Fork, so that workers find this plugin's modules already imported: Pelican loads
    # plugins from PLUGIN_PATHS without putting them on sys.path, which spawn would need.
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers > 1 and total > 1 and can_fork:
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(min(workers, total), mp_context=context) as pool:
                futures: dict[Future[Outcome], int] = {
                    pool.submit(process, task): index for index, task in enumerate(tasks)
                }
                for future in as_completed(futures):
                    finished(future.result())
                    done.add(futures[future])
        except (OSError, BrokenProcessPool):
            pass  # no pool on this machine, or a worker died (out of memory): go on here
    for index, task in enumerate(tasks):
        if index not in done:
            finished(process(task))
    return outcomes
