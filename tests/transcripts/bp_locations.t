# Every breakpoint location form; lines with no code (blank, comment,
# else:, docstring, decorator) move to the next line with code and say
# so; a line past the end is rejected; bp_pkg.tools is imported later.
# args: -n {targets}/bp_shapes.py
> {targets}/bp_shapes.py(1)<module>()
-> import functools
(ctrace) b 3
Breakpoint 1 at {targets}/bp_shapes.py:4 (line 3 has no code)
(ctrace) b 11
Breakpoint 2 at {targets}/bp_shapes.py:13 (line 11 decorates decorated: the breakpoint is on its first line)
(ctrace) b 28
Breakpoint 3 at {targets}/bp_shapes.py:30 (line 28 has no code)
(ctrace) b 32
Breakpoint 4 at {targets}/bp_shapes.py:35 (line 32 has no code)
(ctrace) b 34
Breakpoint 5 at {targets}/bp_shapes.py:35 (line 34 has no code)
(ctrace) b 48
*** line 48 is past the last line with code in {targets}/bp_shapes.py (line 46)
(ctrace) b Counter.bump
Breakpoint 6 at {targets}/bp_shapes.py:22
(ctrace) b branches
Breakpoint 7 at {targets}/bp_shapes.py:30
(ctrace) b decorated
Breakpoint 8 at {targets}/bp_shapes.py:13
(ctrace) b targets/bp_shapes.py:36
Breakpoint 9 at {targets}/bp_shapes.py:36
(ctrace) b bp_pkg.tools:2
Breakpoint 10 at {targets}/bp_pkg/tools.py:2
(ctrace) b bp_pkg.tools.describe
Breakpoint 11 at {targets}/bp_pkg/tools.py:7
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/bp_shapes.py:4
(ctrace) c
> {targets}/bp_shapes.py(22)bump()
-> self.count += step
(ctrace) c
> {targets}/bp_shapes.py(13)decorated()
-> inner = value + 1
(ctrace) c
> {targets}/bp_shapes.py(30)branches()
-> if flag:
(ctrace) c
> {targets}/bp_shapes.py(35)branches()
-> word = "no"
(ctrace) c
> {targets}/bp_shapes.py(36)branches()
-> return word
(ctrace) c
> {targets}/bp_pkg/tools.py(2)double()
-> twice = value * 2
(ctrace) c
> {targets}/bp_pkg/tools.py(7)describe()
-> text = "value=%d" % value
(ctrace) c
value=4 no 3
