# An uncaught exception stops post-mortem in the raising frame (the
# traceback goes to stderr); p, where, up, list and down work; q exits 1.
# args: -n {targets}/crash.py
# exit: 1
> {targets}/crash.py(1)<module>()
-> def parse(text):
(ctrace) c
loading
Post-mortem: the program raised an uncaught exception. 'continue' or 'quit' ends ctrace.
> {targets}/crash.py(2)parse()
-> number = int(text)
(ctrace) p text
'x3'
(ctrace) p number
*** NameError: name 'number' is not defined
(ctrace) w
   2 {targets}/crash.py(14)<module>()
      -> load(["1", "2", "x3"])
   1 {targets}/crash.py(9)load()
      -> total += parse(item)
>  0 {targets}/crash.py(2)parse()
      -> number = int(text)
(ctrace) up
> {targets}/crash.py(9)load()
-> total += parse(item)
(ctrace) p total, item
(3, 'x3')
(ctrace) l
  4  	
  5  	
  6  	def load(items):
  7  	    total = 0
  8  	    for item in items:
  9  ->	        total += parse(item)
 10  	    return total
 11  	
 12  	
 13  	print("loading")
 14  	load(["1", "2", "x3"])
(ctrace) down
> {targets}/crash.py(2)parse()
-> number = int(text)
(ctrace) down
*** Newest frame
(ctrace) q
