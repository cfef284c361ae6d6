"""Reference leak check: many stops must not leak references.

Meaningful only when ctrace embeds a debug CPython (sys.gettotalrefcount
exists), as CI's run against Debian's python3.11-dbg does; otherwise the
test is skipped. The target counts references after 100 and after 250
breakpoint stops, at each of which ctrace runs a set of commands.
"""
import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402

# References that may appear between the two marks without a leak: caches
# that warm up once (interned strings, linecache). Each stop runs 8
# commands; a leak of one reference per command would add 1200.
ALLOWED_GROWTH = 100


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    target = str(ct.TARGETS / "refleak_loop.py")
    commands = ["break 6", "commands 1", "silent", "p values", "where", "args", "ll", "display i",
                "p [v for v in values]", "continue", "end", "continue"]
    proc = ct.run(ctrace, ["-n", "--batch"] + [a for c in commands for a in ("-c", c)] + [target], timeout=300)
    match = re.search(r"^growth (-?\d+|unknown)$", proc.stdout, re.M)
    if match is None:
        reporter.check("stops leak no references", False, f"no growth line; exit {proc.returncode}; {proc.stderr[-500:]}")
    elif match.group(1) == "unknown":
        reporter.skip("stops leak no references", "ctrace does not embed a debug CPython")
    else:
        growth = int(match.group(1))
        reporter.check("stops leak no references", growth < ALLOWED_GROWTH, f"total references grew by {growth} over 150 stops")
    reporter.check("refleak run exit status", proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-500:]}")
    reporter.exit()


if __name__ == "__main__":
    main()
