"""Photos processed while the rest of the build goes on: `Batch`.

The gallery starts a batch as soon as the settings are known, with every photo in content
whose derivatives the cache lacks, so that photos are decoded and encoded while the rule
book checks the content and Pelican reads and renders it (a cold build's photos are most
of its time). Pages show a photo before it is made (`pipeline.expected`); the gallery's
generator waits for the batch before it places files, and a photo that failed fails the
build then, with the message the rule book would have given.

At most two photos per worker are handed to the pool at a time, so a build that stops
early waits for those only. If the pool cannot start, or a worker dies, what is left is
processed in this process by `wait`.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import pickle
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from importlib.machinery import PathFinder
from pathlib import Path
from typing import Any

from .model import cache_key
from .pipeline import Outcome, Task, load_entry, process
from .settings import processing_of

__all__ = ["Batch", "current", "decoded_by_gallery", "forget", "pending", "start"]

Progress = Callable[[int, int, float], None]
IN_FLIGHT_PER_WORKER = 2

# The batch of the build under way (one per process: a build runs its plugins once).
_running: list[Batch] = []


class Batch:
    """Tasks handed to a pool of `workers` processes by a feeder thread.

    The pool's workers are started here, in the caller's thread, before the feeder
    thread exists: a process forked while another thread holds a lock (one importing a
    module, say) inherits that lock held for ever. Where other threads already run (the
    devserver's), they come from a fork server instead, which costs each worker a fresh
    interpreter.
    """

    def __init__(self, tasks: Sequence[Task], workers: int) -> None:
        unique = {task.key: task for task in tasks}
        self.tasks = unique
        self.outcomes: dict[str, Outcome] = {}
        self.started = time.monotonic()
        self._queue = deque(unique.values())
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._stopped = False
        self._feeder: threading.Thread | None = None
        daemon = multiprocessing.current_process().daemon  # a daemon may not start a pool
        if workers > 1 and len(unique) > 1 and not daemon:
            self._start_pool(min(workers, len(unique)))

    def _start_pool(self, workers: int) -> None:
        methods = multiprocessing.get_all_start_methods()
        method = "fork" if threading.active_count() == 1 else "forkserver"
        if method not in methods or (method == "forkserver" and not _main_reloadable()):
            return  # `wait` processes every photo here
        context = multiprocessing.get_context(method)
        if method == "forkserver":
            _reachable(process.__module__)
            context.set_forkserver_preload([process.__module__])
        running: dict[Future[Outcome], Task] = {}
        try:
            pool = ProcessPoolExecutor(workers, mp_context=context)
            self._submit(pool, running, workers)  # starts every worker, from this thread
        except OSError:
            with self._lock:
                self._queue.extendleft(running.values())
            return
        self._feeder = threading.Thread(
            target=self._feed, args=(pool, running, workers), name="gallery-batch", daemon=True
        )
        self._feeder.start()

    def __contains__(self, key: str) -> bool:
        return key in self.tasks

    def _take(self) -> Task | None:
        with self._lock:
            return None if self._stopped or not self._queue else self._queue.popleft()

    def _record(self, outcome: Outcome) -> None:
        with self._changed:
            self.outcomes[outcome.key] = outcome
            self._changed.notify_all()

    def _submit(
        self, pool: ProcessPoolExecutor, running: dict[Future[Outcome], Task], workers: int
    ) -> None:
        while len(running) < workers * IN_FLIGHT_PER_WORKER:
            task = self._take()
            if task is None:
                return
            running[pool.submit(process, task)] = task

    def _feed(
        self, pool: ProcessPoolExecutor, running: dict[Future[Outcome], Task], workers: int
    ) -> None:
        try:
            with pool:
                while running:
                    done, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        outcome = future.result()  # a broken pool raises: the task stays
                        running.pop(future)
                        self._record(outcome)
                    self._submit(pool, running, workers)
        except (OSError, BrokenProcessPool, pickle.PicklingError, RuntimeError):
            # A worker died (out of memory, say), or the interpreter is exiting (a build
            # stopped by an error: no new task may start): `wait` goes on, if it is called.
            with self._lock:
                self._queue.extendleft(running.values())
        finally:
            with self._changed:
                self._feeder = None
                self._changed.notify_all()

    def wait(self, progress: Progress | None = None) -> dict[str, Outcome]:
        """Every task's outcome, once all are done; ``progress(done, total, seconds)``
        after each one that finishes while waiting."""
        total = len(self.tasks)
        with self._changed:
            while self._feeder is not None and len(self.outcomes) < total:
                seen = len(self.outcomes)
                self._changed.wait()
                if progress and len(self.outcomes) > seen:
                    progress(len(self.outcomes), total, time.monotonic() - self.started)
        while (task := self._take()) is not None:  # no pool, or it broke
            self._record(process(task))
            if progress:
                progress(len(self.outcomes), total, time.monotonic() - self.started)
        return dict(self.outcomes)

    def stop(self) -> None:
        """Hand no more tasks to the pool (those running finish)."""
        with self._lock:
            self._stopped = True

    def join(self) -> None:
        """Wait until the pool is shut down (after `stop`, once the running tasks end)."""
        with self._changed:
            while self._feeder is not None:
                self._changed.wait()


def _main_reloadable() -> bool:
    """Whether a forkserver's worker can load this program's `__main__` again, as each
    does before its first task: a module, or a script file, but not code given on the
    command line's standard input (`python -`), whose workers would fail to start."""
    main = sys.modules.get("__main__")
    if getattr(main, "__spec__", None) is not None:
        return True
    path = getattr(main, "__file__", None)
    return path is None or os.path.isfile(path)


def _reachable(module: str) -> None:
    """Make sure a new interpreter (the fork server) can import `module`: Pelican loads
    plugins from PLUGIN_PATHS without putting those folders on sys.path."""
    package = module.partition(".")[0]
    if PathFinder.find_spec(package) is None:
        folder = Path(sys.modules[package].__file__ or "").resolve().parent.parent
        sys.path.append(str(folder))


def start(tasks: Sequence[Task], workers: int) -> Batch:
    """A new batch, which `pending` then knows of (the previous one is stopped)."""
    while _running:
        _running.pop().stop()
    batch = Batch(tasks, workers)
    _running.append(batch)
    return batch


@atexit.register
def _stop_at_exit() -> None:
    """A build that stops early (an error in content) lets the photos under way finish,
    into the cache, rather than leave the pool's workers starting as it exits."""
    while _running:
        batch = _running.pop()
        batch.stop()
        batch.join()


def current() -> Batch | None:
    return _running[-1] if _running else None


def forget(batch: Batch) -> None:
    """`batch` is done with: `pending` no longer knows of it."""
    batch.stop()
    if batch in _running:
        _running.remove(batch)


def pending(key: str) -> bool:
    """Whether the running batch will process the photo whose cache key is `key` (and so
    decode it, refusing it with the rule book's words if it cannot)."""
    batch = current()
    return batch is not None and key in batch


def decoded_by_gallery(digest: str, settings: Mapping[str, Any]) -> bool:
    """Whether the gallery has decoded these bytes (its cache holds their derivatives for
    the present settings) or its running batch will: then the rule book need not decode
    the photo again to know that it can be read."""
    key = cache_key(digest, processing_of(settings))
    if pending(key):
        return True
    entry = Path(settings["GALLERY_CACHE_PATH"]).resolve() / key[:2] / key
    return load_entry(entry, key) is not None
