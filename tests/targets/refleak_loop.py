import sys


def visit(i):
    values = [i] * 3
    return len(values)


marks = []
for i in range(300):
    visit(i)
    if i in (100, 250):
        marks.append(sys.gettotalrefcount() if hasattr(sys, "gettotalrefcount") else None)
print("growth", "unknown" if marks[0] is None else marks[1] - marks[0])
