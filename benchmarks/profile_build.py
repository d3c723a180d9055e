"""Profile one of our site's builds on a bench work folder, with cProfile (site venv).

    make bench SIZE=medium RUNS=1 BENCH_ARGS="--only ours"        # leaves the work folder
    .venv/bin/python -m benchmarks.profile_build --size medium --scenario warm
    .venv/bin/python -m benchmarks.profile_build --size medium --scenario edit

Runs Pelican in this process, as tools/build.py would run it (a fresh output folder, the
bench's caches), prints the functions that dominate and keeps the profile in
`.cache/bench/profile-<size>-<scenario>.prof` (open it with `python -m pstats` or snakeviz).
`--scenario edit` edits the bench's edit target first, as the bench does. `--cpu` counts
this process's CPU time rather than the clock: in a cold build the photo workers share the
cores, and a call the system paused would otherwise look slow.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pelican import main as pelican_main

from benchmarks.corpus import CACHE_ROOT

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--size", default="medium", help="the bench work folder: medium, medium-text..."
    )
    parser.add_argument("--scenario", choices=("warm", "edit", "cold"), default="warm")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument(
        "--serial",
        action="store_true",
        help="render pages in this process (PARALLEL_WRITE_WORKERS=1), so the profile sees them",
    )
    parser.add_argument(
        "--cpu", action="store_true", help="count CPU time, not wall time (see above)"
    )
    args = parser.parse_args(argv)

    work = CACHE_ROOT / f"work-{args.size}" / "ours"
    if not (work / "content").is_dir():
        parser.error(f"{work} has no content: run `make bench SIZE={args.size}` first")
    if args.scenario == "cold":
        shutil.rmtree(work / "cache", ignore_errors=True)
    if args.scenario == "edit":
        corpora = sorted(CACHE_ROOT.glob(f"corpus-{args.size}-seed*"))
        manifest = json.loads((corpora[-1] / "manifest.json").read_text(encoding="utf-8"))
        target = work / "content" / manifest["edit_target"]
        stamp = time.strftime("%H:%M:%S")
        target.write_text(target.read_text(encoding="utf-8") + f"\nProfiled at {stamp}.\n")

    os.environ["BENCH_CACHE_DIR"] = str(work / "cache")
    output = Path(tempfile.mkdtemp(prefix="profile-out-", dir=CACHE_ROOT))
    command = [str(work / "content"), "-s", str(HERE / "benchconf.py"), "-o", str(output)]
    command += ["--fatal", "errors", "-q"]
    if args.serial:
        command += ["-e", "PARALLEL_WRITE_WORKERS=1"]
    profiler = cProfile.Profile(time.process_time) if args.cpu else cProfile.Profile()
    started = time.perf_counter()
    try:
        profiler.runcall(pelican_main, command)
    except SystemExit as stop:
        if stop.code:
            print(f"pelican exited with {stop.code}", file=sys.stderr)
            return 1
    finally:
        shutil.rmtree(output, ignore_errors=True)
    wall = time.perf_counter() - started

    destination = CACHE_ROOT / f"profile-{args.size}-{args.scenario}.prof"
    profiler.dump_stats(destination)
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(args.top)
        print(f"--- by {order} ---")
        print("\n".join(text.getvalue().splitlines()[4:]))
    print(f"{args.scenario} build: {wall:.2f} s under the profiler; profile: {destination}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
