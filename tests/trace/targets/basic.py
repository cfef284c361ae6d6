import sys


def add(a, b):
    total = a + b
    return total


def countdown(n):
    while n > 0:
        yield n
        n -= 1


def fail(reason):
    raise ValueError(reason)


result = add(1, 2)
for step in countdown(2):
    result += step
try:
    fail("bad input")
except ValueError:
    result = -result
exec("copied = add(result, 10)\nassert copied == result + 10")
print("basic done", result)
sys.exit(3)
