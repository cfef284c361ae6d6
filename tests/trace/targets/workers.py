"""Two threads run the same functions at the same time, long enough for
the interpreter to switch between them many times."""

import threading


def small(x):
    return x + 1


def worker(n):
    for i in range(n):
        small(i)


threads = [threading.Thread(target=worker, args=(20000,)) for _ in range(2)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("workers done")
