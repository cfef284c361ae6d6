import sys

words = sys.argv[1:]
print("plain", __name__, words)
