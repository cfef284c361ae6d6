# alias with %1 %2 and %*, alias listing (all, one), unalias. Once the alias
# is gone the line runs as Python and fails as pdb reports it.
# args: -n {targets}/inspect_frame.py
> {targets}/inspect_frame.py(1)<module>()
-> """Locals to change from the prompt, and a program that uses _ itself."""
(ctrace) b 8
Breakpoint 1 at {targets}/inspect_frame.py:8
(ctrace) c
> {targets}/inspect_frame.py(8)scale()
-> result = base * factor
(ctrace) alias ps p %1 * %2
(ctrace) alias pa print %*
(ctrace) alias
pa = print %*
ps = p %1 * %2
(ctrace) alias ps
ps = p %1 * %2
(ctrace) ps base 3
30
(ctrace) pa base, factor
(10, 2)
(ctrace) unalias ps
(ctrace) alias
pa = print %*
(ctrace) ps base 3
*** SyntaxError: invalid syntax
(ctrace) unalias ps
*** no alias named ps
(ctrace) c
underscore program underscore
scaled 23
builtins has _ False
