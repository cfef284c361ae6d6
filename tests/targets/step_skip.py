import json

import step_helper


def fallback(value):
    text = "set of %d" % len(value)
    return text


encoded = json.dumps({"items": {1, 2}}, default=fallback)
computed = step_helper.compute(1)
print(encoded, computed)
