"""Forks halfway through a long log: only the parent may write it."""

import os


def before(x):
    return x + 1


def in_child(x):
    return x * 2


def after(x):
    return x - 1


for i in range(20000):
    before(i)
pid = os.fork()
if pid == 0:
    for i in range(5000):
        in_child(i)
    os._exit(0)
os.waitpid(pid, 0)
for i in range(20000):
    after(i)
print("forking done")
