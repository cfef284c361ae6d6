"""A list that grows in place, a rebound counter and a nested call."""


def helper(items):
    size = len(items)
    return size


def grow():
    items = []
    total = 0
    for value in (3, 5, 8):
        items.append(value)
        total += value
    count = helper(items)
    return total + count


answer = grow()
print("answer", answer)
