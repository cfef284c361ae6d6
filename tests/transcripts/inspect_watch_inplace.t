# watch on a list stops for an in-place change (items.append). Watchpoints
# share gdb's numbering with breakpoints, so this one is number 2.
# args: -n {targets}/inspect_changes.py
> {targets}/inspect_changes.py(1)<module>()
-> """A list that grows in place, a rebound counter and a nested call."""
(ctrace) b 13
Breakpoint 1 at {targets}/inspect_changes.py:13
(ctrace) c
> {targets}/inspect_changes.py(13)grow()
-> items.append(value)
(ctrace) watch items
Watchpoint 2: items = []
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/inspect_changes.py:13
(ctrace) c
Watchpoint 2: items
Old value = []
New value = [3]
> {targets}/inspect_changes.py(14)grow()
-> total += value
(ctrace) c
Watchpoint 2: items
Old value = [3]
New value = [3, 5]
> {targets}/inspect_changes.py(14)grow()
-> total += value
(ctrace) c
Watchpoint 2: items
Old value = [3, 5]
New value = [3, 5, 8]
> {targets}/inspect_changes.py(14)grow()
-> total += value
(ctrace) c
Watchpoint 2 deleted because the frame that set it ended: items
answer 19
