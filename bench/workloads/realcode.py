"""Real-code workload: pure-Python standard library work.

It unparses the AST of this interpreter's own Lib/typing.py with
ast.unparse and diffs Lib/argparse.py against an edited copy of itself
with difflib. Both files are found through the modules' __file__, so each
Python version works on its own sources. Almost all the time is spent in
ast.py and difflib.py, not in this file.
"""

import argparse
import ast
import difflib
import typing
import zlib

from _common import run

FULL_REPEATS = 5


def read_source(module):
    with open(module.__file__, encoding="utf-8") as source:
        return source.read()


def edited(lines):
    """Return a copy of lines with every 7th line changed and every 23rd removed."""
    result = []
    for number, line in enumerate(lines):
        if number % 23 == 0:
            continue
        if number % 7 == 0:
            line = line.replace("e", "E", 1) + "  # edited\n"
        result.append(line)
    return result


def never_called():
    return None  # BENCH-BREAK


def work(scale):
    tree = ast.parse(read_source(typing))
    old_lines = read_source(argparse).splitlines(keepends=True)
    repeats = round(FULL_REPEATS * scale)
    if repeats < 1:
        # Below one full repeat, work on the first part of each input.
        tree.body = tree.body[: max(1, int(len(tree.body) * FULL_REPEATS * scale))]
        old_lines = old_lines[: max(1, int(len(old_lines) * FULL_REPEATS * scale))]
        repeats = 1
    new_lines = edited(old_lines)
    checksum = 0
    for _ in range(repeats):
        text = ast.unparse(tree)
        diff = "".join(difflib.unified_diff(old_lines, new_lines, "a", "b", n=3))
        ratio = difflib.SequenceMatcher(None, old_lines, new_lines).ratio()
        checksum = zlib.crc32(text.encode(), checksum)
        checksum = zlib.crc32(diff.encode(), checksum)
        checksum = zlib.crc32(repr(round(ratio, 6)).encode(), checksum)
    return checksum


run(work)
