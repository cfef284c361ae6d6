# step stops at --Call--, return at --Return-- with the value, and
# stepping onto a raise shows the exception banner.
# args: -n {targets}/calls.py
> {targets}/calls.py(1)<module>()
-> def square(x):
(ctrace) s
> {targets}/calls.py(6)<module>()
-> def fail(kind):
(ctrace) s
> {targets}/calls.py(12)<module>()
-> def guarded():
(ctrace) s
> {targets}/calls.py(19)<module>()
-> result = square(4)
(ctrace) s
--Call--
> {targets}/calls.py(1)square()
-> def square(x):
(ctrace) n
> {targets}/calls.py(2)square()
-> y = x * x
(ctrace) n
> {targets}/calls.py(3)square()
-> return y
(ctrace) r
--Return--
> {targets}/calls.py(3)square()->16
-> return y
(ctrace) n
> {targets}/calls.py(20)<module>()
-> message = guarded()
(ctrace) s
--Call--
> {targets}/calls.py(12)guarded()
-> def guarded():
(ctrace) s
> {targets}/calls.py(13)guarded()
-> try:
(ctrace) s
> {targets}/calls.py(14)guarded()
-> fail("value")
(ctrace) s
--Call--
> {targets}/calls.py(6)fail()
-> def fail(kind):
(ctrace) s
> {targets}/calls.py(7)fail()
-> if kind == "value":
(ctrace) s
> {targets}/calls.py(8)fail()
-> raise ValueError("bad value: %d" % 7)
(ctrace) s
ValueError: bad value: 7
> {targets}/calls.py(8)fail()
-> raise ValueError("bad value: %d" % 7)
(ctrace) c
16 bad value: 7
