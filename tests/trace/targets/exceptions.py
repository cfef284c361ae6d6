def inner():
    raise KeyError("missing")


def middle():
    inner()


def outer():
    try:
        middle()
    except KeyError:
        return "handled"


def reraiser():
    try:
        inner()
    except KeyError as exc:
        raise exc


def cleanup():
    try:
        inner()
    finally:
        done = True


print(outer())
for func in (reraiser, cleanup):
    try:
        func()
    except KeyError:
        pass
