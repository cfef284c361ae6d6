def square(x):
    y = x * x
    return y


def fail(kind):
    if kind == "value":
        raise ValueError("bad value: %d" % 7)
    return kind


def guarded():
    try:
        fail("value")
    except ValueError as exc:
        return str(exc)


result = square(4)
message = guarded()
print(result, message)
