# Program output written before a stop, even without a newline, comes
# before the stop's location line.
# args: -n {targets}/output_order.py
> {targets}/output_order.py(1)<module>()
-> import sys
(ctrace) b 6
Breakpoint 1 at {targets}/output_order.py:6
(ctrace) c
line one
partial without newline> {targets}/output_order.py(6)<module>()
-> count = 3
(ctrace) n
> {targets}/output_order.py(7)<module>()
-> print("after", count)
(ctrace) c
after 3
