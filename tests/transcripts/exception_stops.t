# An exception stop, then a return caused by the exception (not ->None),
# then the exception seen again in the caller.
# args: -n {targets}/calls.py
> {targets}/calls.py(1)<module>()
-> def square(x):
(ctrace) b 8
Breakpoint 1 at {targets}/calls.py:8
(ctrace) c
> {targets}/calls.py(8)fail()
-> raise ValueError("bad value: %d" % 7)
(ctrace) s
ValueError: bad value: 7
> {targets}/calls.py(8)fail()
-> raise ValueError("bad value: %d" % 7)
(ctrace) s
--Return--
> {targets}/calls.py(8)fail()->raised ValueError: bad value: 7
-> raise ValueError("bad value: %d" % 7)
(ctrace) s
ValueError: bad value: 7
> {targets}/calls.py(14)guarded()
-> fail("value")
(ctrace) s
> {targets}/calls.py(15)guarded()
-> except ValueError as exc:
(ctrace) n
> {targets}/calls.py(16)guarded()
-> return str(exc)
(ctrace) p exc
ValueError('bad value: 7')
(ctrace) n
--Return--
> {targets}/calls.py(16)guarded()->'bad value: 7'
-> return str(exc)
(ctrace) n
> {targets}/calls.py(21)<module>()
-> print(result, message)
(ctrace) c
16 bad value: 7
