"""Threaded workload: the fib.py work split evenly over four threads."""

import threading

from _common import run

UNIT_N = 20
FULL_REPEATS = 480
THREADS = 4


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def never_called():
    return None  # BENCH-BREAK


def work(scale):
    repeats = max(THREADS, round(FULL_REPEATS * scale))
    results = [0] * THREADS

    def worker(index):
        total = 0
        for _ in range(repeats // THREADS):
            total += fib(UNIT_N)
        results[index] = total

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(results)


run(work)
