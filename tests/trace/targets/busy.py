import sys


def square(x):
    return x * x


total = 0
for i in range(20000):
    total += square(i)
print("busy done", total, file=sys.stderr)
sys.exit(4)
