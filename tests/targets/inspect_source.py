"""Functions, a class and an imported module to show with `source`."""
import inspect_shapes


class Counter:
    """Count calls."""

    def __init__(self):
        self.calls = 0

    def bump(self, step=1):
        self.calls += step
        return self.calls


def total_sides(names):
    counter = Counter()
    result = 0
    for name in names:
        result += inspect_shapes.sides(name)
        counter.bump()
    return result


print("sides", total_sides(["triangle", "square"]))
