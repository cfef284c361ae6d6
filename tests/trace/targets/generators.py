def numbers():
    yield 1
    yield 2
    return 3


async def answer():
    return 42


async def main():
    value = await answer()
    return value


gen = numbers()
first = next(gen)
second = next(gen)
try:
    next(gen)
except StopIteration as stop:
    final = stop.value
coro = main()
try:
    coro.send(None)
except StopIteration as stop:
    awaited = stop.value
print("generators done", first, second, final, awaited)
