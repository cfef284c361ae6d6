# catch LookupError stops once, where ConfigError (a subclass) is raised in
# load(), not again in middle() and outer() as it passes up; ValueError
# does not stop.
# args: -n {targets}/inspect_raise.py
> {targets}/inspect_raise.py(1)<module>()
-> """Exceptions raised, passed up through frames and caught, then one uncaught."""
(ctrace) catch LookupError
Catchpoint set: stop where LookupError is raised
(ctrace) c
Catchpoint: exception raised
ConfigError: missing key: port
> {targets}/inspect_raise.py(10)load()
-> raise ConfigError("missing key: " + key)
(ctrace) up
> {targets}/inspect_raise.py(14)middle()
-> return load(key)
(ctrace) up
> {targets}/inspect_raise.py(19)outer()
-> middle("port")
(ctrace) p key
*** NameError: name 'key' is not defined
(ctrace) c
caught missing key: port
caught int
finished
