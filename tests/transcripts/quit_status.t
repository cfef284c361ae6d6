# quit N ends the program with exit status N.
# args: -n {targets}/simple.py
# exit: 4
> {targets}/simple.py(1)<module>()
-> import sys
(ctrace) n
> {targets}/simple.py(3)<module>()
-> def add(a, b):
(ctrace) quit 4
