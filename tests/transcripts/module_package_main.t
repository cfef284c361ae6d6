# -m PACKAGE runs its __main__ and stops at its first line; no runpy frame shows.
# args: -n -m targets.pkg a -b
> {targets}/pkg/__main__.py(1)<module>()
-> import sys
(ctrace) where
>  0 {targets}/pkg/__main__.py(1)<module>()
      -> import sys
(ctrace) n
> {targets}/pkg/__main__.py(3)<module>()
-> label = "main of " + __name__
(ctrace) n
> {targets}/pkg/__main__.py(4)<module>()
-> print(label, __spec__.name, sys.argv[1:])
(ctrace) c
main of __main__ targets.pkg.__main__ ['a', '-b']
