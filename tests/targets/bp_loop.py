def measure(index):
    size = index * 3
    return size


def collect(limit):
    sizes = []
    for index in range(limit):
        size = measure(index)
        sizes.append(size)
    return sizes


def finish(sizes):
    total = sum(sizes)
    return total


sizes = collect(6)
total = finish(sizes)
print("total", total)
