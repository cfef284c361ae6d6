# next moves over calls, step enters them with --Call--.
# args: -n {targets}/simple.py one --two
> {targets}/simple.py(1)<module>()
-> import sys
(ctrace) next
> {targets}/simple.py(3)<module>()
-> def add(a, b):
(ctrace) until 15
> {targets}/simple.py(15)<module>()
-> main()
(ctrace) step
--Call--
> {targets}/simple.py(7)main()
-> def main():
(ctrace) n
> {targets}/simple.py(8)main()
-> total = 0
(ctrace) 
> {targets}/simple.py(9)main()
-> for i in range(3):
(ctrace) c
total 3
['{targets}/simple.py', 'one', '--two']
