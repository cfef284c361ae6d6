"""Counts with calls until SIGTERM ends it, printing a tick every 20,000
calls."""

import sys


def step(x):
    return x + 1


count = 0
while True:
    count = step(count)
    if count % 20000 == 0:
        print("tick", count, flush=True)
    if count > 10**7:
        sys.exit("no SIGTERM came")
