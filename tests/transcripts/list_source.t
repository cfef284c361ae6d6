# list continues on repeat (also by an empty line), list ., list A, B,
# list LINE, longlist of the current function.
# args: -n {targets}/loop.py
> {targets}/loop.py(1)<module>()
-> def scale(value, factor):
(ctrace) l
  1  ->	def scale(value, factor):
  2  	    result = value * factor
  3  	    return result
  4  	
  5  	
  6  	def run(count):
  7  	    total = 0
  8  	    for index in range(count):
  9  	        total += scale(index, 10)
 10  	    return total
 11  	
(ctrace) 
 12  	
 13  	answer = run(5)
 14  	print("answer", answer)
[EOF]
(ctrace) l
[EOF]
(ctrace) l .
  1  ->	def scale(value, factor):
  2  	    result = value * factor
  3  	    return result
  4  	
  5  	
  6  	def run(count):
  7  	    total = 0
  8  	    for index in range(count):
  9  	        total += scale(index, 10)
 10  	    return total
 11  	
(ctrace) l 3, 6
  3  	    return result
  4  	
  5  	
  6  	def run(count):
(ctrace) l 12
  7  	    total = 0
  8  	    for index in range(count):
  9  	        total += scale(index, 10)
 10  	    return total
 11  	
 12  	
 13  	answer = run(5)
 14  	print("answer", answer)
[EOF]
(ctrace) b 7
Breakpoint 1 at {targets}/loop.py:7
(ctrace) c
> {targets}/loop.py(7)run()
-> total = 0
(ctrace) ll
  6  	def run(count):
  7 B->	    total = 0
  8  	    for index in range(count):
  9  	        total += scale(index, 10)
 10  	    return total
(ctrace) l
  2  	    result = value * factor
  3  	    return result
  4  	
  5  	
  6  	def run(count):
  7 B->	    total = 0
  8  	    for index in range(count):
  9  	        total += scale(index, 10)
 10  	    return total
 11  	
 12  	
(ctrace) c
answer 100
