# display shows a change at the next stop in the frame that made it, both
# rebinding (total) and in-place (items.append) with the old value; a
# display made in grow() does not show in helper() and the reverse.
# args: -n {targets}/inspect_changes.py
> {targets}/inspect_changes.py(1)<module>()
-> """A list that grows in place, a rebound counter and a nested call."""
(ctrace) b grow
Breakpoint 1 at {targets}/inspect_changes.py:10
(ctrace) b helper
Breakpoint 2 at {targets}/inspect_changes.py:5
(ctrace) c
> {targets}/inspect_changes.py(10)grow()
-> items = []
(ctrace) n
> {targets}/inspect_changes.py(11)grow()
-> total = 0
(ctrace) display items
display items: []
(ctrace) display total
display total: ** raised NameError: name 'total' is not defined **
(ctrace) display
Currently displaying:
items: []
total: ** raised NameError: name 'total' is not defined **
(ctrace) n
> {targets}/inspect_changes.py(12)grow()
-> for value in (3, 5, 8):
display total: 0  [old: ** raised NameError: name 'total' is not defined **]
(ctrace) n
> {targets}/inspect_changes.py(13)grow()
-> items.append(value)
(ctrace) n
> {targets}/inspect_changes.py(14)grow()
-> total += value
display items: [3]  [old: []]
(ctrace) c
> {targets}/inspect_changes.py(5)helper()
-> size = len(items)
(ctrace) display
No expression is being displayed
(ctrace) display size
display size: ** raised NameError: name 'size' is not defined **
(ctrace) n
> {targets}/inspect_changes.py(6)helper()
-> return size
display size: 3  [old: ** raised NameError: name 'size' is not defined **]
(ctrace) n
--Return--
> {targets}/inspect_changes.py(6)helper()->3
-> return size
(ctrace) n
> {targets}/inspect_changes.py(16)grow()
-> return total + count
display items: [3, 5, 8]  [old: [3]]
display total: 16  [old: 0]
(ctrace) info display
Currently displaying:
items: [3, 5, 8]
total: 16
(ctrace) undisplay items
(ctrace) display
Currently displaying:
total: 16
(ctrace) undisplay
(ctrace) display
No expression is being displayed
(ctrace) n
--Return--
> {targets}/inspect_changes.py(16)grow()->19
-> return total + count
(ctrace) c
answer 19
