# break with LINE, FUNC with a condition and FILE:LINE; the listing with
# hit counts; clear by number and by FILE:LINE; rejected specs.
# args: -n {targets}/loop.py
> {targets}/loop.py(1)<module>()
-> def scale(value, factor):
(ctrace) b 13
Breakpoint 1 at {targets}/loop.py:13
(ctrace) c
> {targets}/loop.py(13)<module>()
-> answer = run(5)
(ctrace) b scale, value >= 3
Breakpoint 2 at {targets}/loop.py:2
(ctrace) b targets/loop.py:10
Breakpoint 3 at {targets}/loop.py:10
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/loop.py:13
	breakpoint already hit 1 time
2   breakpoint   keep yes   at {targets}/loop.py:2
	stop only if value >= 3
3   breakpoint   keep yes   at {targets}/loop.py:10
(ctrace) c
> {targets}/loop.py(2)scale()
-> result = value * factor
(ctrace) args
value = 3
factor = 10
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/loop.py:13
	breakpoint already hit 1 time
2   breakpoint   keep yes   at {targets}/loop.py:2
	stop only if value >= 3
	breakpoint already hit 4 times
3   breakpoint   keep yes   at {targets}/loop.py:10
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/loop.py:13
(ctrace) c
> {targets}/loop.py(2)scale()
-> result = value * factor
(ctrace) p value
4
(ctrace) cl 2
Deleted breakpoint 2 at {targets}/loop.py:2
(ctrace) c
> {targets}/loop.py(10)run()
-> return total
(ctrace) p total
100
(ctrace) b
Num Type         Disp Enb   Where
3   breakpoint   keep yes   at {targets}/loop.py:10
	breakpoint already hit 1 time
(ctrace) cl targets/loop.py:10
Deleted breakpoint 3 at {targets}/loop.py:10
(ctrace) b
No breakpoints.
(ctrace) cl 9
*** no breakpoint number 9 (see 'info breakpoints')
(ctrace) cl targets/loop.py:11
*** no breakpoint at {targets}/loop.py:11
(ctrace) b nosuchfunc
*** not a function, line number or FILE:LINE: nosuchfunc (give FUNC, MODULE.FUNC, LINE or FILE:LINE)
(ctrace) b 500
*** line 500 is past the last line with code in {targets}/loop.py (line 14)
(ctrace) c
answer 100
