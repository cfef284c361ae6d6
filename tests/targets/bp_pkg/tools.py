def double(value):
    twice = value * 2
    return twice


def describe(value):
    text = "value=%d" % value
    return text
