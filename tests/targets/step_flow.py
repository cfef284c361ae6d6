import asyncio
import contextlib

from step_helper import compute, produce


def numbers():
    yield 1
    yield 2


def consume():
    seen = []
    for item in numbers():
        seen.append(item)
    return seen


def squares(values):
    total = 0
    for square in (v * v for v in values):
        total += square
    return total


async def inner():
    await asyncio.sleep(0)
    return 5


async def outer():
    got = await inner()
    doubled = got * 2
    return doubled


def comprehension():
    items = [n + 1 for n in range(3)]
    size = len(items)
    return size


def with_lambda():
    key = lambda n: -n
    ordered = sorted([3, 1, 2], key=key)
    return ordered


@contextlib.contextmanager
def guard(name):
    yield name


def nested():
    with guard("a") as first:
        with guard("b") as second:
            pair = first + second
    after = pair
    return after


consume()
squares([1, 2, 3])
asyncio.run(outer())
comprehension()
with_lambda()
nested()
from_helper = compute(4)
print("end", from_helper, list(produce(2)))
