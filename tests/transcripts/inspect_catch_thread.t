# catch uncaught stops in a worker thread whose exception is not caught;
# the main thread goes on and the program exits 0, as under python.
# args: -n {targets}/inspect_thread_raise.py
> {targets}/inspect_thread_raise.py(1)<module>()
-> """A worker thread whose exception is not caught."""
(ctrace) catch uncaught
Catchpoint set: stop when an exception leaves a thread's outermost frame uncaught
(ctrace) c
[thread worker-1]
Catchpoint: uncaught exception leaving the thread
KeyError: 'b'
> {targets}/inspect_thread_raise.py(7)work()
-> return values["b"]
(ctrace) p values
{'a': 1}
(ctrace) c
main done
