# next inside a generator expression returns to the consuming for loop
# instead of running the expression to its end.
# args: -n {targets}/step_flow.py
# exit: 1
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) b 21
Breakpoint 1 at {targets}/step_flow.py:21
(ctrace) c
> {targets}/step_flow.py(21)squares()
-> for square in (v * v for v in values):
(ctrace) c
> {targets}/step_flow.py(21)<genexpr>()
-> for square in (v * v for v in values):
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/step_flow.py:21
(ctrace) n
--Return--
> {targets}/step_flow.py(21)<genexpr>()->1
-> for square in (v * v for v in values):
(ctrace) n
> {targets}/step_flow.py(22)squares()
-> total += square
(ctrace) p square
1
(ctrace) q
