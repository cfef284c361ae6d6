# args, locals and the gdb spellings info args, info locals, info frame,
# in the innermost frame and one level up.
# args: -n {targets}/inspect_frame.py
> {targets}/inspect_frame.py(1)<module>()
-> """Locals to change from the prompt, and a program that uses _ itself."""
(ctrace) b 8
Breakpoint 1 at {targets}/inspect_frame.py:8
(ctrace) c
> {targets}/inspect_frame.py(8)scale()
-> result = base * factor
(ctrace) args
factor = 2
(ctrace) locals
base = 10
factor = 2
limit = 3
(ctrace) info locals
base = 10
factor = 2
limit = 3
(ctrace) info args
factor = 2
(ctrace) info frame
Frame 0 of 3 (0 is the innermost) in thread main
  function: scale
  file: {targets}/inspect_frame.py, line 8
  first line of code: 5
  called from: frame 1, line 14
(ctrace) up
> {targets}/inspect_frame.py(14)caller()
-> value = scale(2)
(ctrace) info frame
Frame 1 of 3 (0 is the innermost) in thread main
  function: caller
  file: {targets}/inspect_frame.py, line 14
  first line of code: 12
  called from: frame 2, line 19
(ctrace) locals
_ = 'program underscore'
(ctrace) c
underscore program underscore
scaled 23
builtins has _ False
