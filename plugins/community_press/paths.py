"""How a file is named in a message, and files written whole or not at all."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
from pathlib import Path


def shown_path(path: str | os.PathLike[str], base: str | os.PathLike[str] | None = None) -> str:
    """`path` as the person running the build would type it: relative to `base` (the
    working folder) when it lies inside it, else as given. ``content/events/x.md``. Its
    folders are resolved, its own name is kept (a linked file is named as the link)."""
    given = os.fspath(path)
    if not given:
        return ""
    folder, name = os.path.split(os.path.abspath(given))
    real = Path(_real(folder), name)
    try:
        return real.relative_to(_real(os.path.abspath(base or os.getcwd()))).as_posix()
    except ValueError:
        return Path(given).as_posix()


@functools.lru_cache(maxsize=8192)
def _real(path: str) -> str:
    """`path` with every symbolic link resolved; asked for every file a build names
    (hundreds of times), so remembered: the links of a content folder stay put while a
    build runs, and a stale answer would only change how a message names a file."""
    return os.path.realpath(path)


def atomic_write(path: str | os.PathLike[str], data: bytes) -> None:
    """Write `data` to `path` through a temporary sibling, so that a reader (or a build
    running beside this one) sees the old file or the new one, never half of one."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


def link_or_copy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Put a cached file at `target` (its folder made): a hard link, so that the output
    costs no second copy, else a copy (another file system, or links not allowed). The
    folder is made only when the first try finds it missing: a build places hundreds of
    photos into a few folders."""
    try:
        _link_else_copy(source, target)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _link_else_copy(source, target)


def _link_else_copy(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    try:
        os.link(source, target)
    except FileNotFoundError:
        raise  # no folder yet (or no source): the caller decides
    except OSError:
        shutil.copyfile(source, target)
