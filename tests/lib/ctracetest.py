"""Shared helpers for ctrace's Python test scripts.

Every test script runs the real ctrace binary and reports one line per
test in the protocol tests/run.py reads: PASS, FAIL, SKIP, XFAIL, XPASS.
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

TESTS = pathlib.Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
TARGETS = TESTS / "targets"
PROMPT = "(ctrace) "


def parse_ctrace_arg(argv=None):
    """Return the --ctrace path from the command line."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "--ctrace":
        sys.exit("usage: test_*.py --ctrace PATH")
    return os.path.abspath(argv[1])


_python_version = None


def python_version(ctrace):
    """Return the (major, minor) of the Python that ctrace embeds."""
    global _python_version
    if _python_version is None:
        out = subprocess.run([ctrace, "--version"], capture_output=True, text=True).stdout
        match = re.search(r"^Python (\d+)\.(\d+)", out, re.M)
        _python_version = (int(match.group(1)), int(match.group(2)))
    return _python_version


def clean_env(home, **extra):
    """Return an environment isolated from the user's config and history."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PYTHONBREAKPOINT", "VIRTUAL_ENV", "NO_COLOR", "FORCE_COLOR"))}
    env["HOME"] = str(home)
    env["TERM"] = "dumb"
    env.update(extra)
    return env


def run(ctrace, args, stdin="", env=None, cwd=None, timeout=60, unbuffered=None):
    """Run ctrace with args; return the CompletedProcess (text mode)."""
    with tempfile.TemporaryDirectory() as home:
        environment = clean_env(home) if env is None else env
        if unbuffered is False:
            environment.pop("PYTHONUNBUFFERED", None)
        elif unbuffered is True:
            environment["PYTHONUNBUFFERED"] = "1"
        return subprocess.run([ctrace] + list(args), input=stdin, capture_output=True, text=True,
                              env=environment, cwd=cwd, timeout=timeout, errors="replace")


def with_commands(output, commands):
    """Write each typed command after its prompt, so that output reads as a transcript."""
    parts = output.split(PROMPT)
    text = parts[0]
    for i, part in enumerate(parts[1:]):
        command = commands[i] if i < len(commands) else ""
        text += PROMPT + command + "\n" + part if command or i < len(commands) else PROMPT + part
    return text


class Reporter:
    """Print one protocol line per test and remember whether any failed."""

    def __init__(self):
        self.failed = False

    def check(self, name, ok, reason=""):
        if ok:
            print(f"PASS {name}")
        else:
            self.failed = True
            print(f"FAIL {name}: {one_line(reason)}")

    def skip(self, name, reason):
        print(f"SKIP {name}: {one_line(reason)}")

    def known_bug(self, name, ok, reason):
        """A known bug: XFAIL while it fails, XPASS (a failure) once it passes."""
        if ok:
            self.failed = True
            print(f"XPASS {name}: {one_line(reason)}")
        else:
            print(f"XFAIL {name}: {one_line(reason)}")

    def exit(self):
        sys.exit(1 if self.failed else 0)


def one_line(text):
    text = str(text).replace("\r", "\\r").replace("\n", "\\n")
    return text[:1500]


def first_difference(expected, actual):
    """Describe the first differing line of two texts."""
    exp_lines = expected.splitlines()
    act_lines = actual.splitlines()
    for i in range(max(len(exp_lines), len(act_lines))):
        exp = exp_lines[i] if i < len(exp_lines) else "<end>"
        act = act_lines[i] if i < len(act_lines) else "<end>"
        if exp != act:
            return f"line {i + 1}: expected {exp!r}, got {act!r}"
    return "texts differ only in line ends"
