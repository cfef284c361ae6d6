"""Exceptions raised, passed up through frames and caught, then one uncaught."""
import sys


class ConfigError(LookupError):
    pass


def load(key):
    raise ConfigError("missing key: " + key)


def middle(key):
    return load(key)


def outer():
    try:
        middle("port")
    except LookupError as exc:
        print("caught", exc)
    try:
        int("seven")
    except ValueError:
        print("caught int")


outer()
if len(sys.argv) > 1:
    {}["absent"]
print("finished")
