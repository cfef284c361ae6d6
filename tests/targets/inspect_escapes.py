"""Raw control characters in a value and in a source line."""


class Painted:
    def __repr__(self):
        return "\x1b[31mred\x1b[0m\x07"


painted = Painted()
banner = "tab\there [7mINVERSE[0m bell end"
print("done", len(banner))
