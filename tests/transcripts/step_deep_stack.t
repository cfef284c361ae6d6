# An 851-frame recursion: where N, up N, frame N, down; a breakpoint
# after a caught RecursionError still fires.
# args: -n {targets}/step_deep.py
> {targets}/step_deep.py(1)<module>()
-> import sys
(ctrace) b 6
Breakpoint 1 at {targets}/step_deep.py:6
(ctrace) c
> {targets}/step_deep.py(6)descend()
-> bottom = "reached"
(ctrace) where 3
   2 {targets}/step_deep.py(8)descend()
      -> return descend(depth - 1)
   1 {targets}/step_deep.py(8)descend()
      -> return descend(depth - 1)
>  0 {targets}/step_deep.py(6)descend()
      -> bottom = "reached"
(ctrace) up 500
> {targets}/step_deep.py(8)descend()
-> return descend(depth - 1)
(ctrace) p depth
500
(ctrace) frame 851
> {targets}/step_deep.py(25)<module>()
-> print(descend(850))
(ctrace) frame
> {targets}/step_deep.py(25)<module>()
-> print(descend(850))
(ctrace) down
> {targets}/step_deep.py(8)descend()
-> return descend(depth - 1)
(ctrace) p depth
850
(ctrace) up 900
> {targets}/step_deep.py(25)<module>()
-> print(descend(850))
(ctrace) up
*** Oldest frame
(ctrace) down 2
> {targets}/step_deep.py(8)descend()
-> return descend(depth - 1)
(ctrace) p depth
849
(ctrace) frame 0
> {targets}/step_deep.py(6)descend()
-> bottom = "reached"
(ctrace) p depth
0
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/step_deep.py:6
(ctrace) b 20
Breakpoint 2 at {targets}/step_deep.py:20
(ctrace) c
reached
> {targets}/step_deep.py(20)survive()
-> after = "still traced"
(ctrace) p caught
True
(ctrace) c
(True, 'still traced')
