# next at the last yield of a generator stops at that yield and then in
# the consumer, which gets the value.
# args: -n {targets}/step_flow.py
# exit: 1
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) b 9
Breakpoint 1 at {targets}/step_flow.py:9
(ctrace) c
> {targets}/step_flow.py(9)numbers()
-> yield 2
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/step_flow.py:9
(ctrace) n
--Return--
> {targets}/step_flow.py(9)numbers()->2
-> yield 2
(ctrace) n
> {targets}/step_flow.py(15)consume()
-> seen.append(item)
(ctrace) p item
2
(ctrace) q
