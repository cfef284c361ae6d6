import sys


def probe(x):
    y = x + 1
    return y


old = sys.gettrace()
sys.settrace(None)
sys.settrace(old)
print("probe", probe(1))
