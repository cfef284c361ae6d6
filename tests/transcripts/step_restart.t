# restart ARGS replaces sys.argv[1:] and keeps breakpoints; restart with
# no arguments reuses the last ones.
# args: -n {targets}/step_control.py a
> {targets}/step_control.py(1)<module>()
-> import sys
(ctrace) b 5
Breakpoint 1 at {targets}/step_control.py:5
(ctrace) c
args ['a']
> {targets}/step_control.py(5)area()
-> product = width * height
(ctrace) restart x y
Restarting {targets}/step_control.py with arguments:
	x y
> {targets}/step_control.py(1)<module>()
-> import sys
(ctrace) c
args ['x', 'y']
> {targets}/step_control.py(5)area()
-> product = width * height
(ctrace) p sys.argv[1:]
['x', 'y']
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   keep yes   at {targets}/step_control.py:5
	breakpoint already hit 2 times
(ctrace) restart
Restarting {targets}/step_control.py with arguments:
	x y
> {targets}/step_control.py(1)<module>()
-> import sys
(ctrace) c
args ['x', 'y']
> {targets}/step_control.py(5)area()
-> product = width * height
(ctrace) p sys.argv[1:]
['x', 'y']
(ctrace) cl
Deleted breakpoint 1 at {targets}/step_control.py:5
(ctrace) c
done 3 106 26
