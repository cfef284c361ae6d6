# where, bt, up and down, the ends of the stack, where N and frame N.
# args: -n {targets}/loop.py
# exit: 1
> {targets}/loop.py(1)<module>()
-> def scale(value, factor):
(ctrace) b 2
Breakpoint 1 at {targets}/loop.py:2
(ctrace) c
> {targets}/loop.py(2)scale()
-> result = value * factor
(ctrace) where
   2 {targets}/loop.py(13)<module>()
      -> answer = run(5)
   1 {targets}/loop.py(9)run()
      -> total += scale(index, 10)
>  0 {targets}/loop.py(2)scale()
      -> result = value * factor
(ctrace) bt
   2 {targets}/loop.py(13)<module>()
      -> answer = run(5)
   1 {targets}/loop.py(9)run()
      -> total += scale(index, 10)
>  0 {targets}/loop.py(2)scale()
      -> result = value * factor
(ctrace) up
> {targets}/loop.py(9)run()
-> total += scale(index, 10)
(ctrace) p total
0
(ctrace) p index
0
(ctrace) up
> {targets}/loop.py(13)<module>()
-> answer = run(5)
(ctrace) up
*** Oldest frame
(ctrace) down
> {targets}/loop.py(9)run()
-> total += scale(index, 10)
(ctrace) w
   2 {targets}/loop.py(13)<module>()
      -> answer = run(5)
>  1 {targets}/loop.py(9)run()
      -> total += scale(index, 10)
   0 {targets}/loop.py(2)scale()
      -> result = value * factor
(ctrace) down
> {targets}/loop.py(2)scale()
-> result = value * factor
(ctrace) down
*** Newest frame
(ctrace) p value
0
(ctrace) w 2
   1 {targets}/loop.py(9)run()
      -> total += scale(index, 10)
>  0 {targets}/loop.py(2)scale()
      -> result = value * factor
(ctrace) f 2
> {targets}/loop.py(13)<module>()
-> answer = run(5)
(ctrace) f
> {targets}/loop.py(13)<module>()
-> answer = run(5)
(ctrace) q
