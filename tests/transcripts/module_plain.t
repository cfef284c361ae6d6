# -m MODULE runs a plain module as __main__; dash arguments go to the module.
# args: -n -m targets.plain_module x --y
> {targets}/plain_module.py(1)<module>()
-> import sys
(ctrace) where
>  0 {targets}/plain_module.py(1)<module>()
      -> import sys
(ctrace) n
> {targets}/plain_module.py(3)<module>()
-> words = sys.argv[1:]
(ctrace) c
plain __main__ ['x', '--y']
