def parse(text):
    number = int(text)
    return number


def load(items):
    total = 0
    for item in items:
        total += parse(item)
    return total


print("loading")
load(["1", "2", "x3"])
