def compute(n):
    doubled = n * 2
    breakpoint()
    return doubled + 1


print("before")
print("result", compute(5))
