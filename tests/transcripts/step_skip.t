# skip stdlib: step passes json frames, says so, and stops in the
# callback; skip MODULE passes a user module.
# args: -n {targets}/step_skip.py
> {targets}/step_skip.py(1)<module>()
-> import json
(ctrace) until 11
> {targets}/step_skip.py(11)<module>()
-> encoded = json.dumps({"items": {1, 2}}, default=fallback)
(ctrace) skip stdlib
Skipping the standard library and site-packages.
(ctrace) s
Stepping past frames of skipped module json
--Call--
> {targets}/step_skip.py(6)fallback()
-> def fallback(value):
(ctrace) n
> {targets}/step_skip.py(7)fallback()
-> text = "set of %d" % len(value)
(ctrace) n
> {targets}/step_skip.py(8)fallback()
-> return text
(ctrace) n
--Return--
> {targets}/step_skip.py(8)fallback()->'set of 2'
-> return text
(ctrace) skip step_helper
Skipping modules matching step_helper.
(ctrace) info skip
1  step_helper
   stdlib (the standard library and site-packages)
(ctrace) s
Stepping past frames of skipped module json.encoder
> {targets}/step_skip.py(12)<module>()
-> computed = step_helper.compute(1)
(ctrace) s
Stepping past frames of skipped module step_helper
> {targets}/step_skip.py(13)<module>()
-> print(encoded, computed)
(ctrace) c
{"items": "set of 2"} 2
