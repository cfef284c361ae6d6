# breakpoint() in the target stops at its own line, inside the caller frame.
# args: -n {targets}/hook.py
> {targets}/hook.py(1)<module>()
-> def compute(n):
(ctrace) c
before
> {targets}/hook.py(3)compute()
-> breakpoint()
(ctrace) p doubled
10
(ctrace) w
   1 {targets}/hook.py(8)<module>()
      -> print("result", compute(5))
>  0 {targets}/hook.py(3)compute()
      -> breakpoint()
(ctrace) n
> {targets}/hook.py(4)compute()
-> return doubled + 1
(ctrace) c
result 11
