# next or return at a return stop stops at the caller next line, in a
# file with no breakpoint.
# args: -n {targets}/step_flow.py
# exit: 1
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) b step_helper.py:8
Breakpoint 1 at {targets}/step_helper.py:8
(ctrace) c
> {targets}/step_helper.py(8)compute()
-> return result
(ctrace) r
--Return--
> {targets}/step_helper.py(8)compute()->5
-> return result
(ctrace) n
> {targets}/step_flow.py(69)<module>()
-> print("end", from_helper, list(produce(2)))
(ctrace) restart
Restarting {targets}/step_flow.py with arguments:
	
> {targets}/step_flow.py(1)<module>()
-> import asyncio
(ctrace) r
> {targets}/step_helper.py(8)compute()
-> return result
(ctrace) r
--Return--
> {targets}/step_helper.py(8)compute()->5
-> return result
(ctrace) q
