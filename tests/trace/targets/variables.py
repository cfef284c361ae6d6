def accumulate(items):
    total = 0
    seen = []
    for item in items:
        total += item
        seen.append(item)
    return total


accumulate([1, 2, 3])
