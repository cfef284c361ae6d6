"""Transcript tests: each tests/transcripts/*.t file is a ctrace session.

Format of a .t file:
  # any comment line
  # args: ARGS...           ctrace's arguments ({targets} is tests/targets)
  # exit: N                 expected exit status (default 0)
  # python: >=3.12 | <3.12  run only on these embedded versions
  # stdin-after: TEXT       extra stdin after the commands (\\n for newline)
  # unbuffered: no          run with PYTHONUNBUFFERED unset (default: both ways)
  then the expected stdout, where "(ctrace) CMD" lines give the typed
  commands. A line starting with "[>=3.12] " or "[<3.12] " is expected only
  on those versions; the tag and its space are removed.
"""
import pathlib
import re
import shlex
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
VERSION_TAG = re.compile(r"^\[(>=|<)(\d+)\.(\d+)\] ")


def version_matches(op, major, minor, version):
    wanted = (int(major), int(minor))
    return version >= wanted if op == ">=" else version < wanted


def parse(path, version):
    headers = {}
    body = []
    for line in path.read_text().splitlines():
        if line.startswith("#") and not body:
            key, sep, value = line[1:].strip().partition(":")
            if sep:
                headers[key.strip()] = value.strip()
            continue
        match = VERSION_TAG.match(line)
        if match:
            if not version_matches(match.group(1), match.group(2), match.group(3), version):
                continue
            line = line[match.end():]
        body.append(line)
    return headers, body


def substitute(text):
    return text.replace("{targets}", str(ct.TARGETS.resolve()))


def run_one(ctrace, path, reporter, version):
    headers, body = parse(path, version)
    name = path.stem
    wanted = headers.get("python")
    if wanted:
        match = re.match(r"(>=|<)(\d+)\.(\d+)$", wanted)
        if match and not version_matches(match.group(1), match.group(2), match.group(3), version):
            reporter.skip(name, f"only for Python {wanted}")
            return
    commands = [line[len(ct.PROMPT):] for line in body if line.startswith(ct.PROMPT)]
    stdin = "".join(c + "\n" for c in commands) + headers.get("stdin-after", "").replace("\\n", "\n")
    args = [substitute(a) for a in shlex.split(headers.get("args", ""))]
    expected = substitute("\n".join(body)).rstrip("\n")
    exit_status = int(headers.get("exit", "0"))
    modes = [False] if headers.get("unbuffered") == "no" else [True, False]
    for unbuffered in modes:
        label = name if unbuffered else name + " (buffered)"
        proc = ct.run(ctrace, args, stdin=stdin, cwd=str(ct.TESTS), unbuffered=unbuffered)
        actual = ct.with_commands(proc.stdout, commands).rstrip("\n")
        if actual != expected:
            reporter.check(label, False, ct.first_difference(expected, actual))
        elif proc.returncode != exit_status:
            reporter.check(label, False, f"exit status {proc.returncode}, expected {exit_status}; stderr: {proc.stderr}")
        else:
            reporter.check(label, True)


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    version = ct.python_version(ctrace)
    for path in sorted(HERE.glob("*.t")):
        run_one(ctrace, path, reporter, version)
    reporter.exit()


if __name__ == "__main__":
    main()
