# next off a line that defines a lambda, and off one that calls it
# from sorted(), stays in the function.
# args: -n {targets}/step_flow.py
# exit: 1
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) tbreak 44
Breakpoint 1 at {targets}/step_flow.py:44
(ctrace) c
Deleted breakpoint 1 at {targets}/step_flow.py:44
> {targets}/step_flow.py(44)with_lambda()
-> key = lambda n: -n
(ctrace) n
> {targets}/step_flow.py(45)with_lambda()
-> ordered = sorted([3, 1, 2], key=key)
(ctrace) n
> {targets}/step_flow.py(46)with_lambda()
-> return ordered
(ctrace) p ordered
[3, 2, 1]
(ctrace) q
