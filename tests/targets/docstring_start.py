# A target whose first lines are comments and a module docstring.
# The docstring is the first executed line: the compiler stores it in
# __doc__ with the line number of its opening quotes.

"""Module docstring
spread over two lines."""

first = 1
second = first + 1
print("second", second)
