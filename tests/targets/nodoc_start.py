# Comment lines only, then code.
# ctrace must skip them and stop at line 4.

value = 10
print("value", value)
