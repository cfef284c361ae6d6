import sys


def descend(depth):
    if depth == 0:
        bottom = "reached"
        return bottom
    return descend(depth - 1)


def overflow(depth):
    return overflow(depth + 1)


def survive():
    try:
        overflow(0)
    except RecursionError:
        caught = True
    after = "still traced"
    return caught, after


sys.setrecursionlimit(2000)
print(descend(850))
print(survive())
