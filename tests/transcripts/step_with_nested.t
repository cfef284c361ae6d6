# Nested with exits stop where CPython reports them: 3.10 added line
# events for the with lines on exit, so 3.9 goes straight to line 58.
# args: -n {targets}/step_flow.py
# exit: 1
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) b 57
Breakpoint 1 at {targets}/step_flow.py:57
(ctrace) c
> {targets}/step_flow.py(57)nested()
-> pair = first + second
[>=3.10] (ctrace) n
[>=3.10] > {targets}/step_flow.py(56)nested()
[>=3.10] -> with guard("b") as second:
[>=3.10] (ctrace) n
[>=3.10] > {targets}/step_flow.py(55)nested()
[>=3.10] -> with guard("a") as first:
(ctrace) n
> {targets}/step_flow.py(58)nested()
-> after = pair
(ctrace) n
> {targets}/step_flow.py(59)nested()
-> return after
(ctrace) q
