"""Call-heavy workload: recursive Fibonacci, about 10.5 million calls at scale 1."""

from _common import run

UNIT_N = 20  # fib(20) makes 21,891 calls
FULL_REPEATS = 480


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def never_called():
    return None  # BENCH-BREAK


def work(scale):
    total = 0
    for _ in range(max(1, round(FULL_REPEATS * scale))):
        total += fib(UNIT_N)
    return total


run(work)
