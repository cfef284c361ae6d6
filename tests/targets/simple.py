import sys

def add(a, b):
    c = a + b
    return c

def main():
    total = 0
    for i in range(3):
        total = add(total, i)
    print("total", total)
    return total

if __name__ == "__main__":
    main()
    print(sys.argv)
