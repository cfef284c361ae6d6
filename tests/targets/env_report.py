"""Print, as JSON, the start-up state of this script: argv, sys.path[0], names and executable."""
import json
import sys

report = {
    "argv": sys.argv,
    "path0": sys.path[0],
    "name": __name__,
    "file": __file__,
    "spec": None if __spec__ is None else [__spec__.name, __spec__.origin, type(__spec__.loader).__name__],
    "has_builtins": "__builtins__" in globals(),
    "executable": sys.executable,
}
print(json.dumps(report))
