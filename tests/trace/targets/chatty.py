"""Prints to stdout and stderr between long runs of calls, so a log that
shares a pipe with the output is written while the program prints."""

import sys


def f(x):
    return x + 1


for burst in range(4):
    for i in range(40000):
        f(i)
    print("OUT-%d" % burst, flush=True)
    print("ERR-%d" % burst, file=sys.stderr, flush=True)
