# print, p, args, a, ';;', an expression typed as a statement, errors,
# and an empty line repeating p.
# args: -n {targets}/calls.py
> {targets}/calls.py(1)<module>()
-> def square(x):
(ctrace) b square
Breakpoint 1 at {targets}/calls.py:2
(ctrace) until 19
> {targets}/calls.py(19)<module>()
-> result = square(4)
(ctrace) b square
Breakpoint 2 at {targets}/calls.py:2
(ctrace) c
> {targets}/calls.py(2)square()
-> y = x * x
(ctrace) args
x = 4
(ctrace) a
x = 4
(ctrace) p x
4
(ctrace) print x * 3
12
(ctrace) p x ;; p [x] * 2 ;; args
4
[4, 4]
x = 4
(ctrace) p undefined_name
*** NameError: name 'undefined_name' is not defined
(ctrace) p
*** usage: print EXPR
(ctrace) x
4
(ctrace) n
> {targets}/calls.py(3)square()
-> return y
(ctrace) p y
16
(ctrace) 
16
(ctrace) c
16 bad value: 7
