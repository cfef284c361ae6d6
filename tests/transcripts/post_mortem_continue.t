# continue at the post-mortem stop ends ctrace with status 1.
# args: -n {targets}/crash.py
# exit: 1
> {targets}/crash.py(1)<module>()
-> def parse(text):
(ctrace) c
loading
Post-mortem: the program raised an uncaught exception. 'continue' or 'quit' ends ctrace.
> {targets}/crash.py(2)parse()
-> number = int(text)
(ctrace) c
