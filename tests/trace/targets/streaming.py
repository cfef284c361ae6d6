"""Prints a marker between two bursts of events, with pauses, so a log
sent to a pipe shows events on both sides of it."""

import sys
import time


def tick(x):
    return x


for i in range(400):
    tick(i)
time.sleep(0.15)
for i in range(400):
    tick(i)
time.sleep(0.3)
print("marker", file=sys.stderr, flush=True)
for i in range(10):
    tick(i)
