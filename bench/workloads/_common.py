"""Timing and result reporting shared by the benchmark workloads.

Each workload calls run() with a function of one argument, the scale
(1.0 is the full size). run() times only that call with
time.perf_counter(), so interpreter and debugger start-up are not counted,
and a debugger that restarts the program does not add a second run.
"""

import json
import os
import sys
import time


def scale_from_argv():
    """Return the scale given as the first program argument (default 1.0)."""
    if len(sys.argv) > 1:
        return float(sys.argv[1])
    return 1.0


def run(work):
    """Time work(scale), print its result and append both to $BENCH_RESULT_FILE."""
    scale = scale_from_argv()
    start = time.perf_counter()
    result = work(scale)
    elapsed = time.perf_counter() - start
    print("result:", result)
    path = os.environ.get("BENCH_RESULT_FILE")
    if path:
        with open(path, "a") as out:
            out.write(json.dumps({"elapsed": elapsed, "result": str(result)}) + "\n")


def never_called():
    # The "other file" breakpoint goes on the next line. No workload calls
    # this function, so the breakpoint is never hit.
    return None  # BENCH-BREAK
