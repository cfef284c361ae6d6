"""Interrupts itself with SIGINT once the log is megabytes long."""

import os
import signal


def step(x):
    return x + 1


for i in range(30000):
    step(i)
try:
    os.kill(os.getpid(), signal.SIGINT)
    for i in range(1000000):
        step(i)
    print("never interrupted")
except KeyboardInterrupt:
    print("interrupted")
