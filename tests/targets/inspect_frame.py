"""Locals to change from the prompt, and a program that uses _ itself."""
import builtins


def scale(factor):
    base = 10
    limit = 3
    result = base * factor
    return result + limit


def caller():
    _ = "program underscore"
    value = scale(2)
    print("underscore", _)
    return value


print("scaled", caller())
print("builtins has _", hasattr(builtins, "_"))
