# source of a function, a class, a method and a module; retval before a
# return is an error, at a --Return-- stop it shows the value. whatis
# names functions, methods and classes as pdb does, other values by type.
# args: -n {targets}/inspect_source.py
> {targets}/inspect_source.py(1)<module>()
-> """Functions, a class and an imported module to show with `source`."""
(ctrace) retval
*** not yet returned: retval works at a --Return-- stop
(ctrace) b total_sides
Breakpoint 1 at {targets}/inspect_source.py:17
(ctrace) c
> {targets}/inspect_source.py(17)total_sides()
-> counter = Counter()
(ctrace) retval
*** not yet returned: retval works at a --Return-- stop
(ctrace) source total_sides
 16  	def total_sides(names):
 17  	    counter = Counter()
 18  	    result = 0
 19  	    for name in names:
 20  	        result += inspect_shapes.sides(name)
 21  	        counter.bump()
 22  	    return result
(ctrace) source Counter
  5  	class Counter:
  6  	    """Count calls."""
  7  	
  8  	    def __init__(self):
  9  	        self.calls = 0
 10  	
 11  	    def bump(self, step=1):
 12  	        self.calls += step
 13  	        return self.calls
(ctrace) source Counter.bump
 11  	    def bump(self, step=1):
 12  	        self.calls += step
 13  	        return self.calls
(ctrace) source inspect_shapes
  1  	"""A small module for `source MODULE`."""
  2  	
  3  	SIDES = {"triangle": 3, "square": 4}
  4  	
  5  	
  6  	def sides(name):
  7  	    return SIDES[name]
(ctrace) source inspect_shapes.sides
  6  	def sides(name):
  7  	    return SIDES[name]
(ctrace) source no_such_name
*** NameError: name 'no_such_name' is not defined
(ctrace) source 42
*** TypeError: module, class, method, function, traceback, frame, or code object was expected, got int
(ctrace) whatis Counter
Class __main__.Counter
(ctrace) whatis Counter()
<class '__main__.Counter'>
(ctrace) whatis inspect_shapes
<class 'module'>
(ctrace) whatis total_sides
Function total_sides
(ctrace) whatis Counter().bump
Method bump
(ctrace) return
--Return--
> {targets}/inspect_source.py(22)total_sides()->7
-> return result
(ctrace) retval
7
(ctrace) rv
7
(ctrace) n
sides 7
--Return--
> {targets}/inspect_source.py(25)<module>()->None
-> print("sides", total_sides(["triangle", "square"]))
(ctrace) retval
None
(ctrace) c
