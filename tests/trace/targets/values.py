class Weird:
    def __repr__(self):
        return "line one\nline two \x1b[31mred\x1b[0m \"quoted\" \\ back \udcff"


class Broken:
    def __repr__(self):
        raise RuntimeError("repr exploded")


def show(value):
    return value


show('it\'s "quoted" \\ and \t tab \x00 nul \x1f \x7f')
show(b"\xff\xfe invalid utf-8 \x80")
show("lone surrogate \udcff and \u2028 and snowman \u2603")
show(Weird())
show(Broken())
show("x" * 1500000)
show(list(range(300000)))
show({"key": ["nested", ("tuple",)], 2: None})
show(2 ** 20000)
print("values done")
