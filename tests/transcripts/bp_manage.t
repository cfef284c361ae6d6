# disable, enable, delete and clear with no argument (stdin is not a
# terminal, so no question); an invalid condition is rejected and leaves
# the breakpoint as it was; hits while disabled are not counted. The
# SyntaxError text is CPython's, which 3.10 reworded.
# args: -n {targets}/bp_loop.py
> {targets}/bp_loop.py(1)<module>()
-> def measure(index):
(ctrace) b 2
Breakpoint 1 at {targets}/bp_loop.py:2
(ctrace) b 10
Breakpoint 2 at {targets}/bp_loop.py:10
(ctrace) b 15
Breakpoint 3 at {targets}/bp_loop.py:15
(ctrace) c
> {targets}/bp_loop.py(2)measure()
-> size = index * 3
(ctrace) disable 1
Disabled breakpoint 1 at {targets}/bp_loop.py:2
(ctrace) c
> {targets}/bp_loop.py(10)collect()
-> sizes.append(size)
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep no    at {targets}/bp_loop.py:2
	breakpoint already hit 1 time
2   breakpoint   keep yes   at {targets}/bp_loop.py:10
	breakpoint already hit 1 time
3   breakpoint   keep yes   at {targets}/bp_loop.py:15
(ctrace) enable 1
Enabled breakpoint 1 at {targets}/bp_loop.py:2
(ctrace) condition 1 index ==
[<3.10] *** invalid condition index ==: SyntaxError: unexpected EOF while parsing
[>=3.10] *** invalid condition index ==: SyntaxError: invalid syntax
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	breakpoint already hit 1 time
2   breakpoint   keep yes   at {targets}/bp_loop.py:10
	breakpoint already hit 1 time
3   breakpoint   keep yes   at {targets}/bp_loop.py:15
(ctrace) condition 1 index == 3
New condition set for breakpoint 1.
(ctrace) c
> {targets}/bp_loop.py(10)collect()
-> sizes.append(size)
(ctrace) p index
1
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	stop only if index == 3
	breakpoint already hit 2 times
2   breakpoint   keep yes   at {targets}/bp_loop.py:10
	breakpoint already hit 2 times
3   breakpoint   keep yes   at {targets}/bp_loop.py:15
(ctrace) condition 1
Breakpoint 1 is now unconditional.
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	breakpoint already hit 2 times
2   breakpoint   keep yes   at {targets}/bp_loop.py:10
	breakpoint already hit 2 times
3   breakpoint   keep yes   at {targets}/bp_loop.py:15
(ctrace) delete 2
Deleted breakpoint 2 at {targets}/bp_loop.py:10
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/bp_loop.py:2
	breakpoint already hit 2 times
3   breakpoint   keep yes   at {targets}/bp_loop.py:15
(ctrace) clear
Deleted breakpoint 1 at {targets}/bp_loop.py:2
Deleted breakpoint 3 at {targets}/bp_loop.py:15
(ctrace) b
No breakpoints.
(ctrace) c
total 45
