import functools


def logged(func):
    @functools.wraps(func)
    def wrapper(*args):
        return func(*args)
    return wrapper


@logged
def decorated(value):
    inner = value + 1
    return inner


class Counter:
    def __init__(self):
        self.count = 0

    def bump(self, step):
        self.count += step
        return self.count


def branches(flag):
    """Pick a word.

    The docstring has several lines."""
    if flag:
        word = "yes"
    else:
        # a comment inside the else branch

        word = "no"
    return word


counter = Counter()
counter.bump(3)
first = decorated(1)
chosen = branches(False)
import bp_pkg.tools
result = bp_pkg.tools.double(first)
label = bp_pkg.tools.describe(result)
print(label, chosen, counter.count)
