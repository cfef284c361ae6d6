import sys

print("line one")
sys.stdout.write("partial without newline")
print("err line", file=sys.stderr)
count = 3
print("after", count)
