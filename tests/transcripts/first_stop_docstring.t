# The first stop is the module docstring line, after the leading comments.
# args: -n {targets}/docstring_start.py
> {targets}/docstring_start.py(5)<module>()
-> """Module docstring
(ctrace) n
> {targets}/docstring_start.py(8)<module>()
-> first = 1
(ctrace) n
> {targets}/docstring_start.py(9)<module>()
-> second = first + 1
(ctrace) c
second 2
