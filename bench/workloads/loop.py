"""Loop-heavy workload: a tight loop of a million iterations, run five times at scale 1."""

from _common import run

ITERATIONS = 1_000_000
FULL_REPEATS = 5


def loop(iterations):
    total = 0
    i = 0
    while i < iterations:
        total += i * 3 % 7
        i += 1
    if iterations < 0:
        total = -1  # BENCH-BREAK
    return total


def work(scale):
    total_iterations = max(1, round(ITERATIONS * FULL_REPEATS * scale))
    total = 0
    while total_iterations > 0:
        total += loop(min(ITERATIONS, total_iterations))
        total_iterations -= ITERATIONS
    return total


run(work)
