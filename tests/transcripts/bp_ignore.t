# ignore N COUNT skips COUNT hits that still count in the listing;
# continue N ignores the current breakpoint N-1 more times.
# args: -n {targets}/bp_loop.py
> {targets}/bp_loop.py(1)<module>()
-> def measure(index):
(ctrace) b 2
Breakpoint 1 at {targets}/bp_loop.py:2
(ctrace) ignore 1 2
Will ignore next 2 crossings of breakpoint 1.
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	ignore next 2 hits
(ctrace) c
> {targets}/bp_loop.py(2)measure()
-> size = index * 3
(ctrace) p index
2
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	breakpoint already hit 3 times
(ctrace) c 3
Will ignore next 2 crossings of breakpoint 1.
> {targets}/bp_loop.py(2)measure()
-> size = index * 3
(ctrace) p index
5
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	breakpoint already hit 6 times
(ctrace) ignore 1 0
Will stop next time breakpoint 1 is reached.
(ctrace) c
total 45
