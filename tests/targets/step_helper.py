def produce(limit):
    for value in range(limit):
        yield value * 10


def compute(value):
    result = value + 1
    return result
