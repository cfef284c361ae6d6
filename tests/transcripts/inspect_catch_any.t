# catch with no type stops at every raise, once per exception.
# args: -n {targets}/inspect_raise.py
> {targets}/inspect_raise.py(1)<module>()
-> """Exceptions raised, passed up through frames and caught, then one uncaught."""
(ctrace) catch
Catchpoint set: stop where any exception is raised
(ctrace) c
Catchpoint: exception raised
ConfigError: missing key: port
> {targets}/inspect_raise.py(10)load()
-> raise ConfigError("missing key: " + key)
(ctrace) c
caught missing key: port
Catchpoint: exception raised
ValueError: invalid literal for int() with base 10: 'seven'
> {targets}/inspect_raise.py(23)outer()
-> int("seven")
(ctrace) c
caught int
finished
