"""Leaves with os._exit, which skips all exit processing, after enough
events that part of the log is still buffered."""

import os


def step(x):
    return x + 1


for i in range(30000):
    step(i)
try:
    os._exit("not a status")
except TypeError:
    print("bad status rejected", flush=True)
step(-1)
os._exit(5)
