first = input()
second = input()
print("got", first, second)
