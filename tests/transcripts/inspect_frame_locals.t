# A local assigned at the prompt sticks through list, longlist, up/down and
# the next step; comprehensions, lambdas and generator expressions see the
# frame's locals; echoing a value leaves the program's _ and builtins._ alone.
# args: -n {targets}/inspect_frame.py
> {targets}/inspect_frame.py(1)<module>()
-> """Locals to change from the prompt, and a program that uses _ itself."""
(ctrace) b 8
Breakpoint 1 at {targets}/inspect_frame.py:8
(ctrace) c
> {targets}/inspect_frame.py(8)scale()
-> result = base * factor
(ctrace) !base = 100
(ctrace) p base
100
(ctrace) list
  3  	
  4  	
  5  	def scale(factor):
  6  	    base = 10
  7  	    limit = 3
  8 B->	    result = base * factor
  9  	    return result + limit
 10  	
 11  	
 12  	def caller():
 13  	    _ = "program underscore"
(ctrace) longlist
  5  	def scale(factor):
  6  	    base = 10
  7  	    limit = 3
  8 B->	    result = base * factor
  9  	    return result + limit
(ctrace) p base
100
(ctrace) up
> {targets}/inspect_frame.py(14)caller()
-> value = scale(2)
(ctrace) p value
*** NameError: name 'value' is not defined
(ctrace) down
> {targets}/inspect_frame.py(8)scale()
-> result = base * factor
(ctrace) p base
100
(ctrace) limit = 7
(ctrace) [base + i for i in range(limit)]
[100, 101, 102, 103, 104, 105, 106]
(ctrace) (lambda: base * 2)()
200
(ctrace) sum(x for x in range(limit) if x < base)
21
(ctrace) {k: base for k in "ab"}
{'a': 100, 'b': 100}
(ctrace) list(map(lambda k: k + limit, [1]))
[8]
(ctrace) n
> {targets}/inspect_frame.py(9)scale()
-> return result + limit
(ctrace) p result
200
(ctrace) 42
42
(ctrace) p _
*** NameError: name '_' is not defined
(ctrace) up
> {targets}/inspect_frame.py(14)caller()
-> value = scale(2)
(ctrace) p _
'program underscore'
(ctrace) _
'program underscore'
(ctrace) c
underscore program underscore
scaled 207
builtins has _ False
