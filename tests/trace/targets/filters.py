import json

import helper_mod

text = json.dumps({"a": [1, 2]})
value = helper_mod.helper(3)
print("filters done", text, value)
