def helper(x):
    return deep(x) + 1


def deep(x):
    return deeper(x) * 2


def deeper(x):
    return x
