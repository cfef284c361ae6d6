# step N, next N, until LINE, until at a loop end, return, and next at
# a return stop; step 2 at a call line counts the --Call-- stop as one.
# args: -n {targets}/step_control.py a b
> {targets}/step_control.py(1)<module>()
-> import sys
(ctrace) step 3
> {targets}/step_control.py(17)<module>()
-> def chain():
(ctrace) next 3
args ['a', 'b']
> {targets}/step_control.py(25)<module>()
-> count += 1
(ctrace) until 28
> {targets}/step_control.py(28)<module>()
-> summed = tally(4)
(ctrace) step 2
> {targets}/step_control.py(10)tally()
-> total = 0
(ctrace) n
> {targets}/step_control.py(11)tally()
-> for number in range(limit):
(ctrace) until
> {targets}/step_control.py(12)tally()
-> total += number
(ctrace) until
> {targets}/step_control.py(13)tally()
-> total += 100
(ctrace) return
--Return--
> {targets}/step_control.py(14)tally()->106
-> return total
(ctrace) n
> {targets}/step_control.py(29)<module>()
-> combined = chain()
(ctrace) c
done 3 106 26
