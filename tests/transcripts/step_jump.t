# A refused jump prints the interpreter reason and changes nothing; after
# a jump the stop shows the new line, and skipped lines do not run.
# args: -n {targets}/step_control.py
> {targets}/step_control.py(1)<module>()
-> import sys
(ctrace) b 13
Breakpoint 1 at {targets}/step_control.py:13
(ctrace) c
args []
> {targets}/step_control.py(13)tally()
-> total += 100
(ctrace) jump 12
*** jump failed: ValueError: can't jump into the body of a for loop
(ctrace) w 1
>  0 {targets}/step_control.py(13)tally()
      -> total += 100
(ctrace) p total
6
(ctrace) j 10
> {targets}/step_control.py(10)tally()
-> total = 0
(ctrace) n
> {targets}/step_control.py(11)tally()
-> for number in range(limit):
(ctrace) p total
0
(ctrace) cl 1
Deleted breakpoint 1 at {targets}/step_control.py:13
(ctrace) until 25
--Return--
> {targets}/step_control.py(14)tally()->106
-> return total
(ctrace) j 27
*** jump is only possible at a line stop, not at a call, return or exception event
(ctrace) n
> {targets}/step_control.py(29)<module>()
-> combined = chain()
(ctrace) p count
3
(ctrace) c
done 3 106 26
