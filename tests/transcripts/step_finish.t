# finish stops in the caller and prints the value; a breakpoint hit
# before the frame returns stops there first.
# args: -n {targets}/step_control.py
> {targets}/step_control.py(1)<module>()
-> import sys
(ctrace) b 5
Breakpoint 1 at {targets}/step_control.py:5
(ctrace) c
args []
> {targets}/step_control.py(5)area()
-> product = width * height
(ctrace) finish
Value returned is 6
> {targets}/step_control.py(19)chain()
-> second = area(4, 5)
(ctrace) w
   1 {targets}/step_control.py(29)<module>()
      -> combined = chain()
>  0 {targets}/step_control.py(19)chain()
      -> second = area(4, 5)
(ctrace) finish
> {targets}/step_control.py(5)area()
-> product = width * height
(ctrace) finish
Value returned is 20
> {targets}/step_control.py(20)chain()
-> return first + second
(ctrace) c
done 3 106 26
