def work():
    total = 0
    for i in range(5):
        total += i
        total *= 1
    return total


print(work())
