# next over await stays in the awaiting coroutine.
# args: -n {targets}/step_flow.py
# exit: 1
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) b 32
Breakpoint 1 at {targets}/step_flow.py:32
(ctrace) c
> {targets}/step_flow.py(32)outer()
-> got = await inner()
(ctrace) n
> {targets}/step_flow.py(33)outer()
-> doubled = got * 2
(ctrace) p got
5
(ctrace) n
> {targets}/step_flow.py(34)outer()
-> return doubled
(ctrace) n
--Return--
> {targets}/step_flow.py(34)outer()->10
-> return doubled
(ctrace) q
