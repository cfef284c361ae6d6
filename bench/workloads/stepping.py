"""Stepping workload: line 26 calls work(): 750,000 line events and 250,000 calls.

The benchmark stops at line 26 and then either steps over it with `next`
or resumes with `continue`. The stamps taken on that same line measure
only the call, not the time spent stopped.
"""

import json
import os
import time

ITERATIONS = 250_000


def inner(i):
    return i % 5


def work():
    total = 0
    for i in range(ITERATIONS):
        total += inner(i)
    return total


start = time.perf_counter(); result = work(); end = time.perf_counter()  # noqa: E702
print("result:", result)
path = os.environ.get("BENCH_RESULT_FILE")
if path:
    with open(path, "a") as out:
        out.write(json.dumps({"elapsed": end - start, "result": str(result)}) + "\n")
