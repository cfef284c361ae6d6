"""Calls and returns of every shape the trace log writes, repeated as many
times as the first argument (default 3), so a large run goes through the
background writer."""

import sys
import threading


def add(a, b):
    return a + b


def ints(a, b=-7, *rest, key=None, **extra):
    return a + b


def huge(n):
    return n * 10**30


def text(s):
    return s.upper()


def flags(x):
    return not x


def nothing():
    pass


def closure(v):
    def inner():
        return v

    return inner()


def counter(n):
    for i in range(n):
        yield i


class Box:
    def __repr__(self):
        return "Box()"

    def method(self, q):
        return q


def raiser(x):
    if x % 2:
        raise ValueError("odd %d" % x)
    return x


rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
for i in range(rounds):
    add(i, -7)
    ints(i, 2, 3, 4, key=5, z=6)
    ints(-i)
    huge(i)
    text("a\"b\\c\x01:")
    flags(i % 2 == 0)
    nothing()
    closure(i)
    list(counter(2))
    Box().method(i)
    try:
        raiser(i)
    except ValueError:
        pass
side = threading.Thread(target=ints, args=(1,), name="side")
side.start()
side.join()
ints(10**20)
add(-(2**63), 0)
print("shapes done")
