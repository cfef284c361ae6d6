# With a breakpoint on an inlined list comprehension line, where 3.12+
# reports the line once per item, next still moves to the next line.
# python: >=3.12
# args: -n {targets}/step_flow.py
# exit: 1
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) b 38
Breakpoint 1 at {targets}/step_flow.py:38
(ctrace) c
> {targets}/step_flow.py(38)comprehension()
-> items = [n + 1 for n in range(3)]
(ctrace) n
> {targets}/step_flow.py(39)comprehension()
-> size = len(items)
(ctrace) p items
[1, 2, 3]
(ctrace) q
