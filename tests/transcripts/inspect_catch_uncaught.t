# catch uncaught skips the two caught exceptions and stops where the
# uncaught KeyError is raised; the program then ends with status 1.
# args: -n {targets}/inspect_raise.py boom
# exit: 1
> {targets}/inspect_raise.py(1)<module>()
-> """Exceptions raised, passed up through frames and caught, then one uncaught."""
(ctrace) catch uncaught
Catchpoint set: stop when an exception leaves a thread's outermost frame uncaught
(ctrace) c
caught missing key: port
caught int
Catchpoint: uncaught exception leaving the thread
KeyError: 'absent'
> {targets}/inspect_raise.py(30)<module>()
-> {}["absent"]
(ctrace) p 5 * 5
25
(ctrace) c
