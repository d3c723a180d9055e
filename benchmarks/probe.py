"""Run one build command and write its wall time and rusage as JSON (stdlib only).

    python benchmarks/probe.py RESULT.json -- COMMAND...

A fresh probe per build, so `RUSAGE_CHILDREN` covers that build's process tree only:
`ru_maxrss` is the largest resident set of any one process in it (pool workers included,
once they are reaped) and the CPU times are the whole tree's.
"""

import json
import resource
import subprocess
import sys
import time


def main(argv: list[str]) -> int:
    result, separator, *command = argv
    if separator != "--" or not command:
        print(__doc__, file=sys.stderr)
        return 2
    started = time.perf_counter()
    code = subprocess.call(command)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(result, "w", encoding="utf-8") as out:
        json.dump(
            {
                "exit": code,
                "wall_s": wall,
                "cpu_s": usage.ru_utime + usage.ru_stime,
                "max_process_rss_kib": usage.ru_maxrss,
            },
            out,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
