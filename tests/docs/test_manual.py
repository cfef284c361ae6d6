"""Check that the man page and the README agree with what ctrace prints.

Run as `python3 tests/docs/test_manual.py --ctrace PATH`. It prints one
PASS, FAIL or SKIP line per test, as tests/run.py expects.

Conventions of man/ctrace.1 that these tests rely on:
  - In the COMMANDS section, each command is one `.It` entry whose first
    `Ic` macro gives its name (`.It Ic step Op Ar n`, or `.It Xo` followed
    by `.Ic break`).
  - A command's short forms are on a line `.Pq short form: Ic s` or
    `.Pq short forms: Ic c , Ic cont` inside its entry.
  - Options are documented on `.It` lines as `Fl x` and `Fl Fl name`.

The README's first session is the fenced block that follows the line
`<!-- first-session -->`. It starts with `$ ./ctrace ARGS`, shows each
typed command after the `(ctrace) ` prompt, and ends with `$ echo $?`
and the exit status.
"""
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402

MANUAL = ct.ROOT / "man" / "ctrace.1"
README = ct.ROOT / "README.md"
SESSION_MARKER = "<!-- first-session -->"


def manual_section(text, name):
    """Return the lines of the mdoc section `.Sh NAME`, without its heading."""
    lines = text.splitlines()
    start = lines.index(f".Sh {name}") + 1
    end = start
    while end < len(lines) and not lines[end].startswith(".Sh "):
        end += 1
    return lines[start:end]


def unescape(word):
    return word.replace("\\&", "")


def manual_commands(text):
    """Return {command name: set of short forms} from the COMMANDS section."""
    commands = {}
    current = None
    waiting_for_name = False
    for line in manual_section(text, "COMMANDS"):
        if line.startswith(".It "):
            current = None
            match = re.match(r"\.It Ic (\S+)", line)
            if match:
                current = unescape(match.group(1))
                commands[current] = set()
            waiting_for_name = line.strip() == ".It Xo"
            continue
        if waiting_for_name:
            match = re.match(r"\.Ic (\S+)", line)
            if match:
                current = unescape(match.group(1))
                commands[current] = set()
            waiting_for_name = False
            continue
        if current is not None and re.match(r"\.Pq short forms?:", line):
            commands[current].update(unescape(w) for w in re.findall(r"\bIc (\S+)", line))
    return commands


# A command line of `help` is its usage, then its short forms in brackets,
# then the summary on the next, further indented line.
HELP_COMMAND_LINE = re.compile(r"^  (?P<name>[^\s(\[]+)(?: [^(]*)?(?: \((?P<short>[^)]*)\))?$")


def help_commands(output):
    """Return {command name: set of short forms} from the output of `help`."""
    commands = {}
    for line in output.splitlines():
        match = HELP_COMMAND_LINE.match(line)
        if not match:
            continue
        short = match.group("short")
        name = "!" if match.group("name").startswith("!") else match.group("name")
        commands[name] = set(short.split(", ")) if short else set()
    return commands


HELP_OPTION_LINE = re.compile(r"^\s+(?:(?P<short>-[A-Za-z])(?:,\s*|\s+))?(?P<long>--[a-z][a-z-]*)?")


def help_options(output):
    """Return the option names (`-c`, `--command`) listed by `ctrace --help`."""
    options = set()
    for line in output.splitlines():
        if line.startswith(("Usage:", "      ctrace", "       ctrace")):
            options.update(re.findall(r"(?<![\w-])-[A-Za-z]\b", line))
            continue
        match = HELP_OPTION_LINE.match(line)
        if not match:
            continue
        for group in ("short", "long"):
            if match.group(group):
                options.add(match.group(group))
    return options


def manual_options(text):
    """Return the option names documented on `.It` lines of the man page."""
    options = set()
    for line in text.splitlines():
        if not line.startswith(".It "):
            continue
        options.update("--" + name for name in re.findall(r"\bFl Fl ([a-z][a-z-]*)", line))
        options.update("-" + letter for letter in re.findall(r"(?<!Fl )\bFl ([A-Za-z])\b", line))
    return options


def test_manual_lint(reporter):
    name = "manual_mandoc_lint_clean"
    if shutil.which("mandoc") is None:
        reporter.skip(name, "mandoc is not installed")
        return
    proc = subprocess.run(["mandoc", "-Tlint", "-W", "warning", str(MANUAL)], capture_output=True, text=True)
    messages = (proc.stdout + proc.stderr).strip()
    reporter.check(name, proc.returncode == 0 and messages == "", f"exit status {proc.returncode}: {messages}")


def test_commands_match_help(ctrace, reporter):
    name = "manual_commands_match_help"
    proc = ct.run(ctrace, ["--batch", "-c", "help", str(ct.TARGETS / "simple.py")])
    listed = help_commands(proc.stdout)
    if not listed:
        reporter.check(name, False, f"no command lines in the help output: {proc.stdout}{proc.stderr}")
        return
    documented = manual_commands(MANUAL.read_text())

    problems = []
    missing = sorted(set(listed) - set(documented))
    extra = sorted(set(documented) - set(listed))
    if missing:
        problems.append(f"not in the man page: {', '.join(missing)}")
    if extra:
        problems.append(f"in the man page but not in help: {', '.join(extra)}")
    for command in sorted(set(listed) & set(documented)):
        if listed[command] != documented[command]:
            problems.append(f"{command}: short forms {sorted(documented[command])} in the man page, "
                            f"{sorted(listed[command])} in help")
    reporter.check(name, not problems, "; ".join(problems))


def test_options_in_manual(ctrace, reporter):
    name = "manual_lists_help_options"
    proc = subprocess.run([ctrace, "--help"], capture_output=True, text=True)
    listed = help_options(proc.stdout)
    if proc.returncode != 0 or len(listed) < 5:
        reporter.check(name, False, f"ctrace --help exited with {proc.returncode} and listed {sorted(listed)}")
        return
    missing = sorted(listed - manual_options(MANUAL.read_text()))
    reporter.check(name, not missing, f"options of --help missing from the man page: {', '.join(missing)}")


def readme_session():
    """Return (args, expected transcript, expected exit status) from the README."""
    lines = README.read_text().splitlines()
    start = lines.index(SESSION_MARKER) + 1
    while not lines[start].startswith("```"):
        start += 1
    end = start + 1
    while not lines[end].startswith("```"):
        end += 1
    block = lines[start + 1:end]

    command = block[0]
    if not command.startswith("$ ./ctrace "):
        raise ValueError(f"the session must start with '$ ./ctrace ARGS', not {command!r}")
    status_at = block.index("$ echo $?")
    return shlex.split(command[len("$ ./ctrace "):]), block[1:status_at], int(block[status_at + 1])


def test_readme_session(ctrace, reporter):
    name = "readme_session_matches_output"
    try:
        args, expected_lines, expected_status = readme_session()
    except (ValueError, IndexError) as error:
        reporter.check(name, False, f"README.md has no readable first session after {SESSION_MARKER}: {error}")
        return

    # The README shows the paths of the clone it was run in. Use this clone's.
    expected = "\n".join(expected_lines)
    match = re.search(r"^> (\S*)/examples/", expected, re.M)
    if match:
        expected = expected.replace(match.group(1) + "/", str(ct.ROOT) + "/")

    commands = [line[len(ct.PROMPT):] for line in expected_lines if line.startswith(ct.PROMPT)]
    stdin = "".join(command + "\n" for command in commands)
    proc = ct.run(ctrace, args, stdin=stdin, cwd=str(ct.ROOT))
    actual = ct.with_commands(proc.stdout, commands).rstrip("\n")

    if actual != expected:
        reporter.check(name, False, ct.first_difference(expected, actual))
    elif proc.returncode != expected_status:
        reporter.check(name, False, f"exit status {proc.returncode}, the README says {expected_status}; "
                                    f"stderr: {proc.stderr}")
    else:
        reporter.check(name, True)


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    test_manual_lint(reporter)
    test_commands_match_help(ctrace, reporter)
    test_options_in_manual(ctrace, reporter)
    test_readme_session(ctrace, reporter)
    reporter.exit()


if __name__ == "__main__":
    main()
