# A breakpoint added to a function that is already running fires; on
# 3.12+ this runs through the sys.monitoring fast path after `continue`.
# args: -n {targets}/running_loop.py
> {targets}/running_loop.py(1)<module>()
-> def work():
(ctrace) b 4
Breakpoint 1 at {targets}/running_loop.py:4
(ctrace) c
> {targets}/running_loop.py(4)work()
-> total += i
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/running_loop.py:4
(ctrace) b 5, i == 3
Breakpoint 2 at {targets}/running_loop.py:5
(ctrace) c
> {targets}/running_loop.py(5)work()
-> total *= 1
(ctrace) p i, total
(3, 6)
(ctrace) c
10
