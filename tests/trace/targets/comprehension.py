"""Runs a list comprehension, a code object of its own before 3.12, on its
function's line."""


def squares(n):
    return [i * i for i in range(n)]


total = 0
for k in range(50):
    total += sum(squares(20))
print(total)
