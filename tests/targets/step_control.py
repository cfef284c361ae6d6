import sys


def area(width, height):
    product = width * height
    return product


def tally(limit):
    total = 0
    for number in range(limit):
        total += number
    total += 100
    return total


def chain():
    first = area(2, 3)
    second = area(4, 5)
    return first + second


print("args", sys.argv[1:])
count = 0
count += 1
count += 1
count += 1
summed = tally(4)
combined = chain()
print("done", count, summed, combined)
