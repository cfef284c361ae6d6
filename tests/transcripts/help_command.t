# help CMD by name, alias and second alias; unknown and ambiguous names.
# args: -n {targets}/simple.py
# exit: 1
> {targets}/simple.py(1)<module>()
-> import sys
(ctrace) help break
Usage: break [LINE | FILE:LINE | MODULE:LINE | FUNC | MODULE.FUNC] [, COND]
Short form: b
Set a breakpoint; with no argument, list breakpoints.
(ctrace) help c
Usage: continue [N]
Short forms: c, cont
Run until a breakpoint; N ignores this breakpoint N-1 more times.
(ctrace) h bt
Usage: where [N]
Short forms: w, bt
Show the stack, oldest frame first, numbered from 0 for the newest; N: only the N newest frames.
(ctrace) help nosuch
*** no such command: nosuch (type 'help' for the list)
(ctrace) help co
*** ambiguous command: co (could be continue condition commands)
(ctrace) q
