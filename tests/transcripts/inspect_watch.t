# watch stops on the line after the one that changed the value, with the
# old and new value, and is deleted with a message when its frame returns.
# Its number follows breakpoint 1, as in gdb.
# args: -n {targets}/inspect_changes.py
> {targets}/inspect_changes.py(1)<module>()
-> """A list that grows in place, a rebound counter and a nested call."""
(ctrace) b grow
Breakpoint 1 at {targets}/inspect_changes.py:10
(ctrace) c
> {targets}/inspect_changes.py(10)grow()
-> items = []
(ctrace) watch total
Watchpoint 2: total = ** raised NameError: name 'total' is not defined **
(ctrace) info watchpoints
Num Expression  Value
2   total       ** raised NameError: name 'total' is not defined **
(ctrace) c
Watchpoint 2: total
Old value = ** raised NameError: name 'total' is not defined **
New value = 0
> {targets}/inspect_changes.py(12)grow()
-> for value in (3, 5, 8):
(ctrace) n
> {targets}/inspect_changes.py(13)grow()
-> items.append(value)
(ctrace) n
> {targets}/inspect_changes.py(14)grow()
-> total += value
(ctrace) c
Watchpoint 2: total
Old value = 0
New value = 3
> {targets}/inspect_changes.py(12)grow()
-> for value in (3, 5, 8):
(ctrace) info watchpoints
Num Expression  Value
2   total       3
(ctrace) c
Watchpoint 2: total
Old value = 3
New value = 8
> {targets}/inspect_changes.py(12)grow()
-> for value in (3, 5, 8):
(ctrace) c
Watchpoint 2: total
Old value = 8
New value = 16
> {targets}/inspect_changes.py(12)grow()
-> for value in (3, 5, 8):
(ctrace) info watchpoints
Num Expression  Value
2   total       16
(ctrace) c
Watchpoint 2 deleted because the frame that set it ended: total
answer 19
