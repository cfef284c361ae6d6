# p of values whose __repr__ raises, returns a non-string, recurses forever,
# raises SystemExit or KeyboardInterrupt: each is one *** line and the
# session goes on to a normal end. Then whatis and pp of a wide nested dict.
# args: -n {targets}/inspect_values.py
> {targets}/inspect_values.py(1)<module>()
-> """Values with odd reprs for the inspection tests."""
(ctrace) b 44
Breakpoint 1 at {targets}/inspect_values.py:44
(ctrace) c
> {targets}/inspect_values.py(44)<module>()
-> print("done", result)
(ctrace) p bad
*** repr(BadRepr) failed: ValueError: no repr here
(ctrace) p 1 + 1
2
(ctrace) p not_string
*** repr(NotString) failed: TypeError: __repr__ returned non-string (type int)
(ctrace) p recursive
[<3.12] *** repr(Recursive) failed: RecursionError: maximum recursion depth exceeded while getting the repr of an object
[>=3.12] *** repr(Recursive) failed: RecursionError: maximum recursion depth exceeded
(ctrace) p exits
*** repr(ExitRepr) failed: SystemExit: 9
(ctrace) p 2 + 2
4
(ctrace) p interrupts
*** repr(InterruptRepr) failed: KeyboardInterrupt
(ctrace) p 3 + 3
6
(ctrace) whatis nested
<class 'dict'>
(ctrace) pp nested
{'servers': [{'name': 'alpha-0', 'ports': [8000, 9000], 'tags': ('web', 'db')},
             {'name': 'alpha-1', 'ports': [8001, 9001], 'tags': ('web', 'db')},
             {'name': 'alpha-2', 'ports': [8002, 9002], 'tags': ('web', 'db')}]}
(ctrace) p nested["servers"][0]
{'name': 'alpha-0', 'ports': [8000, 9000], 'tags': ('web', 'db')}
(ctrace) c
done ababab
