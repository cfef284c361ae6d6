# A condition that raises stops at the breakpoint and says why; the
# hit is counted.
# args: -n {targets}/bp_loop.py
> {targets}/bp_loop.py(1)<module>()
-> def measure(index):
(ctrace) b 2, undefined_name > 1
Breakpoint 1 at {targets}/bp_loop.py:2
(ctrace) c
*** error in condition of breakpoint 1: NameError: name 'undefined_name' is not defined
> {targets}/bp_loop.py(2)measure()
-> size = index * 3
(ctrace) p index
0
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	stop only if undefined_name > 1
	breakpoint already hit 1 time
(ctrace) condition 1 index > 4
New condition set for breakpoint 1.
(ctrace) c
> {targets}/bp_loop.py(2)measure()
-> size = index * 3
(ctrace) p index
5
(ctrace) c
total 45
