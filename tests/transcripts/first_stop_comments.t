# Leading comment lines are skipped: the first stop is the first statement.
# args: -n {targets}/nodoc_start.py
> {targets}/nodoc_start.py(4)<module>()
-> value = 10
(ctrace) n
> {targets}/nodoc_start.py(5)<module>()
-> print("value", value)
(ctrace) c
value 10
