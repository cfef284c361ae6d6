"""Values with odd reprs for the inspection tests."""


class BadRepr:
    def __repr__(self):
        raise ValueError("no repr here")


class NotString:
    def __repr__(self):
        return 42


class Recursive:
    def __repr__(self):
        return repr(self)


class ExitRepr:
    def __repr__(self):
        raise SystemExit(9)


class InterruptRepr:
    def __repr__(self):
        raise KeyboardInterrupt


def describe(name, count=2, *rest, flag=True, **options):
    label = name * count
    return label


bad = BadRepr()
not_string = NotString()
recursive = Recursive()
exits = ExitRepr()
interrupts = InterruptRepr()
huge = "x" * 1500000
thousand = "y" * 1000
nested = {"servers": [{"name": "alpha-%d" % i, "ports": [8000 + i, 9000 + i], "tags": ("web", "db")} for i in range(3)]}
escapes = "bell\x07esc\x1b[31mred\x1b[0m"
result = describe("ab", 3, "extra", flag=False, mode="fast")
print("done", result)
