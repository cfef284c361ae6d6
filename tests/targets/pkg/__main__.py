import sys

label = "main of " + __name__
print(label, __spec__.name, sys.argv[1:])
