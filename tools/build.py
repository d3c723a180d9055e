"""Build the site without ever leaving a half-written one.

Pelican writes into a fresh sibling folder (``output.new-<pid>``); only when it exits
cleanly is that folder swapped in for ``output/``. A failed build leaves the previous
``output/`` exactly as it was, and a build killed half-way leaves only a staging folder
that the next build removes.

    python tools/build.py                       # pelicanconf.py -> output/
    python tools/build.py -s publishconf.py     # publishing settings
    python tools/build.py -o /tmp/site -- --debug
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

ROOT = Path(__file__).resolve().parent.parent
PR_SET_PDEATHSIG = 1


def _load_prctl() -> object | None:
    # Looked up before any fork: the child may only make the call itself.
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()


def _die_with_parent(parent: int) -> None:
    """In the Pelican child: be killed when this build dies, even by SIGKILL, so a killed
    build leaves no orphan still writing into its staging folder."""
    _PRCTL(PR_SET_PDEATHSIG, signal.SIGKILL)  # type: ignore[operator]
    if os.getppid() != parent:  # the build died before the call above
        os._exit(1)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale_siblings(output: Path) -> list[tuple[Path, int]]:
    """Staging (``output.new-<pid>``) and retired (``.output.old-<pid>``, and the
    ``output.old-<pid>`` of older builds) folders beside ``output``, with their pids."""
    found = []
    for pattern in (f"{output.name}.*-*", f".{output.name}.old-*"):
        for sibling in output.parent.glob(pattern):
            kind, _, pid = sibling.name.rpartition("-")
            if kind.endswith((".new", ".old")) and pid.isdigit():
                found.append((sibling, int(pid)))
    return found


def remove_stale(output: Path) -> None:
    """Remove staging and retired folders whose process is gone (a killed build, or a
    retired site whose deleter was killed). Each folder is named after the process that
    writes or deletes it, so one still in use is left alone."""
    for sibling, pid in _stale_siblings(output):
        if pid != os.getpid() and not _pid_alive(pid):
            shutil.rmtree(sibling, ignore_errors=True)


# The detached deleter: it reads the folder's path on stdin once the folder has its name,
# and deletes it at the lowest priority, so that it slows no build that starts meanwhile.
_DELETER = (
    "import os, shutil, sys\n"
    "if hasattr(os, 'nice'):\n"
    "    os.nice(19)\n"
    "folder = os.fsdecode(sys.stdin.buffer.read())\n"
    "if folder:\n"
    "    shutil.rmtree(folder, ignore_errors=True)\n"
)


def start_deleter() -> subprocess.Popen[bytes] | None:
    """A process in a session of its own (Ctrl+C and the end of this build leave it
    running) that deletes one folder; None if it cannot be started."""
    try:
        return subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _DELETER],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging`` with two renames on the same file system.

    The previous site is retired as ``.output.old-<pid>`` (hidden, and named after the
    process that deletes it, so `remove_stale` leaves it alone meanwhile) and deleted in
    the background: deleting a big site here took up to 0.7 s of every build.
    """
    if not output.exists():
        os.replace(staging, output)
        return
    deleter = start_deleter()
    owner = deleter.pid if deleter is not None else os.getpid()
    retired = output.with_name(f".{output.name}.old-{owner}")
    shutil.rmtree(retired, ignore_errors=True)  # left by a dead process with that pid
    try:
        os.replace(output, retired)
        try:
            os.replace(staging, output)
        except OSError:
            os.replace(retired, output)  # keep the previous site
            raise
    except OSError:
        _hand_over(deleter, None)
        raise
    if not _hand_over(deleter, retired):
        shutil.rmtree(retired, ignore_errors=True)


def _hand_over(deleter: subprocess.Popen[bytes] | None, folder: Path | None) -> bool:
    """Tell the deleter which folder to delete (None: nothing); False if it cannot hear."""
    if deleter is None or deleter.stdin is None:
        return False
    try:
        deleter.stdin.write(os.fsencode(folder) if folder else b"")
        deleter.stdin.close()
    except OSError:  # it died: its pid is dead, so the next build's remove_stale deletes
        return folder is not None
    return True


def safe_build(
    settings: str = "pelicanconf.py",
    output: str | os.PathLike[str] = "output",
    content: str | None = None,
    extra: list[str] | None = None,
) -> int:
    """Run Pelican into a staging folder and swap it in on success; return its exit code.
    Without `content`, the settings' own PATH is the content folder."""
    output_path, staging = _prepare(output)
    command = [
        sys.executable, str(ROOT / "tools" / "run_pelican.py"), *_content_arg(content),
        "-s", settings, "-o", str(staging), "--fatal", "errors",
        *(extra or []),
    ]  # fmt: skip
    try:
        guard = functools.partial(_die_with_parent, os.getpid()) if _PRCTL else None
        code = subprocess.call(command, preexec_fn=guard)
    except KeyboardInterrupt:
        code = 130
    return finish(code, staging, output_path)


# Pelican's words when the settings' PATH is no folder, and ours.
NO_CONTENT_PELICAN = "You need to specify a path containing the content"
NO_CONTENT = (
    "no content folder: the settings' PATH names none (run this in the site's folder, "
    "or start a site with make new-site)"
)


def default_content() -> str | None:
    """The content folder when none is given: `content/` here if there is one (a site's
    folder), else None: the settings' PATH (a fresh clone builds its example)."""
    return "content" if Path("content").is_dir() else None


def _content_arg(content: str | None) -> list[str]:
    """Pelican's content argument: none, so that the settings' PATH counts, unless given."""
    return [content] if content else []


def _prepare(output: str | os.PathLike[str]) -> tuple[Path, Path]:
    """The output folder and this process's staging folder beside it, stale ones gone."""
    output_path = Path(output).resolve()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(output_path)
    staging = output_path.with_name(f"{output_path.name}.new-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    return output_path, staging


def finish(code: int, staging: Path, output_path: Path) -> int:
    """After Pelican: swap the new site in (exit status 0), else drop it and say so."""
    if code != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = (
            f"the previous site in {output_path} is unchanged"
            if output_path.exists()
            else "there was no previous site"
        )
        print(f"build failed (exit {code}); {kept}", file=sys.stderr)
        return code
    swap_in(staging, output_path)
    return 0


# How `build_here` tells tools/run_pelican.py where the new site goes (JSON; the same
# name there).
SWAP_JOB = "COMMUNITY_PRESS_SWAP_JOB"


def build_here(settings: str, output: str, content: str | None, extra: list[str]) -> NoReturn:
    """`safe_build` without a second Python: this process becomes tools/run_pelican.py,
    which swaps the site in itself (`finish`), so the staging folder is still named after
    a live process. One interpreter start-up and this file's imports fewer (0.05 s)."""
    output_path, staging = _prepare(output)
    job = {"staging": str(staging), "output": str(output_path)}
    job |= {"settings": settings}
    os.environ[SWAP_JOB] = json.dumps(job)
    sys.stdout.flush()
    sys.stderr.flush()
    script = str(ROOT / "tools" / "run_pelican.py")
    command = [*_content_arg(content), "-s", settings, "-o", str(staging), "--fatal", "errors"]
    command += extra
    os.execv(sys.executable, [sys.executable, script, *command])


def missing_inputs(settings: str, content: str | os.PathLike[str] | None) -> str | None:
    """What is missing when the tools run outside the site's folder (Pelican would answer
    with a traceback)."""
    if not Path(settings).is_file():
        return f"no settings file {settings} (run this in the site's folder)"
    if content and not Path(content).is_dir():
        return f"no content folder at {content} (run this in the site's folder)"
    return None


def main(argv: list[str] | None = None, *, here: bool = False) -> int:
    """The command line; with `here` (run as a script, on POSIX) Pelican runs in this
    very process (`build_here`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", default="output")
    parser.add_argument("-c", "--content", help="content folder (default: ./content, else PATH)")
    parser.add_argument("extra", nargs="*", help="more Pelican arguments, after --")
    args = parser.parse_args(argv)
    args.content = args.content or default_content()
    missing = missing_inputs(args.settings, args.content)
    if missing:
        print(f"build: {missing}", file=sys.stderr)
        return 2
    if here and os.name == "posix":
        build_here(args.settings, args.output, args.content, args.extra)
    return safe_build(args.settings, args.output, args.content, args.extra)


if __name__ == "__main__":
    sys.exit(main(here=True))
