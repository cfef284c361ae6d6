def scale(value, factor):
    result = value * factor
    return result


def run(count):
    total = 0
    for index in range(count):
        total += scale(index, 10)
    return total


answer = run(5)
print("answer", answer)
