# tbreak stops once, then is deleted with a message before the stop,
# as pdb prints it; the listing shows "del" until then.
# args: -n {targets}/bp_loop.py
> {targets}/bp_loop.py(1)<module>()
-> def measure(index):
(ctrace) tbreak 9
Breakpoint 1 at {targets}/bp_loop.py:9
(ctrace) b
Num Type         Disp Enb   Where
1   breakpoint   del  yes   at {targets}/bp_loop.py:9
(ctrace) c
Deleted breakpoint 1 at {targets}/bp_loop.py:9
> {targets}/bp_loop.py(9)collect()
-> size = measure(index)
(ctrace) b
No breakpoints.
(ctrace) c
total 45
