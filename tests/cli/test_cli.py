"""Black-box tests of ctrace's command line: exit statuses, usage errors,
the target's view of its own start-up, and running under real conditions
(virtual environments, threads, fork, stdin shared with the program).

Each test runs the real binary with HOME in a fresh temporary directory
and compares, where it can, with the interpreter that ctrace embeds.
"""
import json
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402

TARGETS = ct.TARGETS.resolve()
PYENV = pathlib.Path.home() / ".pyenv" / "versions"


def embedded_python(ctrace):
    """Return the path of the interpreter ctrace embeds, from `ctrace -V`."""
    out = subprocess.run([ctrace, "-V"], capture_output=True, text=True).stdout
    match = re.search(r"\((/[^()]+)\)\s*$", out)
    return match.group(1)


def run_python(python, args, stdin="", cwd=None, env=None):
    """Run the plain interpreter the same way ct.run runs ctrace."""
    with tempfile.TemporaryDirectory() as home:
        environment = ct.clean_env(home) if env is None else env
        return subprocess.run([python] + list(args), input=stdin, capture_output=True, text=True,
                              env=environment, cwd=cwd, timeout=60, errors="replace")


def target(name):
    return str(TARGETS / name)


def output_lines(stdout):
    """Return the lines of stdout without the prompts that start them.

    Commands read from a pipe are not echoed, so the output of a command
    starts on the prompt's line."""
    lines = []
    for text in stdout.splitlines():
        while text.startswith(ct.PROMPT):
            text = text[len(ct.PROMPT):]
        lines.append(text)
    return lines


def stop_lines(stdout, path, line):
    """Return the location lines of stops at path(line)."""
    prefix = f"> {path}({line})"
    return [text for text in output_lines(stdout) if text.startswith(prefix)]


def line_of(path, text):
    """Return the number of the first line of path that contains text."""
    for number, source in enumerate(pathlib.Path(path).read_text().splitlines(), 1):
        if text in source:
            return number
    raise LookupError(f"{text!r} not in {path}")


def after_last_prompt(stdout):
    return stdout.rsplit(ct.PROMPT, 1)[-1]


# Exit statuses


def test_exit_statuses(ctrace, python, r):
    proc = ct.run(ctrace, ["--batch", target("simple.py")])
    r.check("normal end exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")

    proc = ct.run(ctrace, ["--batch", target("exit_with.py"), "number"])
    r.check("sys.exit(3) exits 3", proc.returncode == 3, f"status {proc.returncode}: {proc.stderr}")

    proc = ct.run(ctrace, ["--batch", target("exit_with.py"), "none"])
    r.check("sys.exit(None) exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")

    proc = ct.run(ctrace, ["--batch", target("exit_with.py"), "message"])
    r.check("sys.exit(str) exits 1", proc.returncode == 1, f"status {proc.returncode}")
    r.check("sys.exit(str) message on stderr", proc.stderr == "stopped: bad input\n", f"stderr {proc.stderr!r}")

    proc = ct.run(ctrace, ["--batch", target("exit_with.py"), "exception"])
    plain = run_python(python, [target("exit_with.py"), "exception"])
    r.check("uncaught exception exits 1", proc.returncode == 1, f"status {proc.returncode}")
    r.check("uncaught exception traceback matches", proc.stderr == plain.stderr,
            ct.first_difference(plain.stderr, proc.stderr))

    proc = ct.run(ctrace, ["--batch", target("exit_with.py"), "interrupt"])
    r.check("KeyboardInterrupt kills by SIGINT", proc.returncode == -signal.SIGINT,
            f"status {proc.returncode}, expected {-signal.SIGINT}: {proc.stderr}")
    plain = run_python(python, [target("exit_with.py"), "interrupt"])
    r.check("KeyboardInterrupt traceback matches", proc.stderr == plain.stderr,
            ct.first_difference(plain.stderr, proc.stderr))

    proc = ct.run(ctrace, ["-n", target("simple.py")], stdin="next\nquit\n")
    r.check("quit exits 1", proc.returncode == 1, f"status {proc.returncode}: {proc.stderr}")
    r.check("quit skips program output", "total 3" not in proc.stdout, proc.stdout)

    proc = ct.run(ctrace, ["-n", target("simple.py")], stdin="quit 7\n")
    r.check("quit 7 exits 7", proc.returncode == 7, f"status {proc.returncode}: {proc.stderr}")

    proc = ct.run(ctrace, ["-n", "-c", "quit 5", target("simple.py")])
    r.check("queued quit 5 exits 5", proc.returncode == 5, f"status {proc.returncode}: {proc.stderr}")

    proc = ct.run(ctrace, ["--batch", target("syntax_error.py")])
    plain = run_python(python, [target("syntax_error.py")])
    r.check("SyntaxError exits 1", proc.returncode == 1, f"status {proc.returncode}")
    r.check("SyntaxError report matches python", proc.stderr == plain.stderr,
            ct.first_difference(plain.stderr, proc.stderr))
    r.check("SyntaxError runs no line", "never runs" not in proc.stdout, proc.stdout)


def test_eof_quits(ctrace, python, r):
    proc = ct.run(ctrace, ["-n", target("simple.py")], stdin="next\n")
    r.check("EOF on stdin exits 1", proc.returncode == 1, f"status {proc.returncode}: {proc.stderr}")
    r.check("EOF after second stop", "simple.py(3)<module>()" in proc.stdout, proc.stdout)
    r.check("EOF does not run on", "total 3" not in proc.stdout, proc.stdout)


def test_post_mortem_stderr(ctrace, python, r):
    proc = ct.run(ctrace, ["-n", target("crash.py")], stdin="c\nq\n")
    plain = run_python(python, [target("crash.py")])
    r.check("post-mortem traceback matches python", proc.stderr == plain.stderr,
            ct.first_difference(plain.stderr, proc.stderr))
    r.check("post-mortem quit exits 1", proc.returncode == 1, f"status {proc.returncode}")


# Usage and start-up errors


def check_usage_error(r, name, proc, value):
    """Check the usage-error contract: status 2, one stderr line naming value."""
    lines = proc.stderr.splitlines()
    r.check(f"{name} exits 2", proc.returncode == 2, f"status {proc.returncode}: {proc.stderr}")
    r.check(f"{name} one stderr line", len(lines) == 1, f"stderr {proc.stderr!r}")
    r.check(f"{name} message prefix", proc.stderr.startswith("ctrace: "), f"stderr {proc.stderr!r}")
    r.check(f"{name} names the value", value in proc.stderr, f"{value!r} not in {proc.stderr!r}")
    r.check(f"{name} leaves stdout empty", proc.stdout == "", f"stdout {proc.stdout!r}")


def test_usage_errors(ctrace, python, r):
    proc = ct.run(ctrace, ["--frobnicate", target("simple.py")])
    check_usage_error(r, "unknown long option", proc, "--frobnicate")

    proc = ct.run(ctrace, ["-Z", target("simple.py")])
    check_usage_error(r, "unknown short option", proc, "-Z")

    proc = ct.run(ctrace, ["--batch"])
    check_usage_error(r, "missing script", proc, "script")

    proc = ct.run(ctrace, [str(TARGETS / "pkg")])
    check_usage_error(r, "script is a directory", proc, str(TARGETS / "pkg"))

    proc = ct.run(ctrace, [str(TARGETS / "no_such_script.py")])
    check_usage_error(r, "script not found", proc, "no_such_script.py")

    proc = ct.run(ctrace, ["-x", "/nonexistent/ctrace-commands.txt", target("simple.py")])
    check_usage_error(r, "missing command file", proc, "/nonexistent/ctrace-commands.txt")


def test_unreadable_script(ctrace, python, r):
    name = "unreadable script"
    setpriv = shutil.which("setpriv")
    if os.geteuid() == 0 and setpriv is None:
        r.skip(name, "running as root and setpriv is not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        script = pathlib.Path(tmp) / "secret.py"
        script.write_text("print('read it')\n")
        script.chmod(0o000)
        command = [ctrace, "--batch", str(script)]
        if os.geteuid() == 0:
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"] + command
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=60,
                                  env=ct.clean_env(tmp), cwd=tmp)
        except PermissionError as exc:
            r.skip(name, f"ctrace cannot be run as an unprivileged user: {exc}")
            return
        if proc.returncode in (126, 127) and not proc.stderr.startswith("ctrace: "):
            r.skip(name, f"ctrace cannot be run as an unprivileged user: {proc.stderr.strip()}")
            return
        check_usage_error(r, name, proc, str(script))


def test_odd_scripts(ctrace, python, r):
    with tempfile.TemporaryDirectory() as tmp:
        binary = pathlib.Path(tmp) / "binary.py"
        binary.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\xff\xfe\x80 data\n")
        proc = ct.run(ctrace, ["--batch", str(binary)])
        plain = run_python(python, [str(binary)])
        r.check("binary script status matches", proc.returncode == plain.returncode,
                f"ctrace {proc.returncode}, python {plain.returncode}")
        last_ctrace = (proc.stderr.splitlines() or [""])[-1]
        last_python = (plain.stderr.splitlines() or [""])[-1]
        r.check("binary script error matches", last_ctrace == last_python,
                f"ctrace {last_ctrace!r}, python {last_python!r}")

        invalid = pathlib.Path(tmp) / "latin1.py"
        invalid.write_bytes(b"name = '\xe9t\xe9'\nprint(name)\n")
        proc = ct.run(ctrace, ["--batch", str(invalid)])
        plain = run_python(python, [str(invalid)])
        r.check("non-UTF-8 script status matches", proc.returncode == plain.returncode,
                f"ctrace {proc.returncode}, python {plain.returncode}")
        r.check("non-UTF-8 script error matches", proc.stderr == plain.stderr,
                ct.first_difference(plain.stderr, proc.stderr))

        empty = pathlib.Path(tmp) / "empty.py"
        empty.write_text("")
        proc = ct.run(ctrace, ["--batch", str(empty)])
        r.check("empty script exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
        r.check("empty script no line 0 stop", f"{empty}(0)" not in proc.stdout, proc.stdout)


def test_help_and_version(ctrace, python, r):
    proc = subprocess.run([ctrace, "-h"], capture_output=True, text=True)
    r.check("-h exits 0", proc.returncode == 0, f"status {proc.returncode}")
    r.check("-h usage on stdout", proc.stdout.startswith("Usage: ctrace"), proc.stdout[:200])
    r.check("-h leaves stderr empty", proc.stderr == "", proc.stderr)
    for option in ("--command", "--command-file", "--batch", "--trace", "--version"):
        r.check(f"-h lists {option}", option in proc.stdout, proc.stdout)

    long_form = subprocess.run([ctrace, "--help"], capture_output=True, text=True)
    r.check("--help same as -h", long_form.stdout == proc.stdout, long_form.stdout[:200])

    proc = subprocess.run([ctrace, "-V"], capture_output=True, text=True)
    version = ct.python_version(ctrace)
    r.check("-V exits 0", proc.returncode == 0, f"status {proc.returncode}")
    r.check("-V names ctrace", proc.stdout.startswith("ctrace "), proc.stdout)
    r.check("-V names python version", f"Python {version[0]}.{version[1]}." in proc.stdout, proc.stdout)
    r.check("-V interpreter path exists", os.access(python, os.X_OK), python)
    plain = subprocess.run([python, "-c", "import sys; print(sys.version)"], capture_output=True, text=True)
    r.check("-V matches interpreter version", plain.stdout.strip() in proc.stdout, f"{plain.stdout!r} not in {proc.stdout!r}")


def test_help_command(ctrace, python, r):
    proc = ct.run(ctrace, ["-n", "-c", "help", "-c", "quit", target("simple.py")])
    # Each command's line is its usage, then its short forms in brackets.
    expected = ["step [N] (s)", "next [N] (n)", "until [LINE] (unt)", "return (r)", "continue [N] (c, cont)",
                "quit [N] (q, exit)", "break [LINE | FILE:LINE | MODULE:LINE | FUNC | MODULE.FUNC] [, COND] (b)", "clear [FILE:LINE | N...] (cl)",
                "where [N] (w, bt)", "up [N] (u)", "down [N] (d)", "list [FIRST[, LAST] | .] (l)",
                "longlist (ll)", "print EXPR (p)", "args (a)", "help [COMMAND] (h)"]
    lines = proc.stdout.splitlines()
    for entry in expected:
        r.check(f"help lists {entry.split()[0]}", "  " + entry in lines, f"{entry!r} missing")
    r.check("help mentions help COMMAND", "help COMMAND" in proc.stdout, proc.stdout[-300:])


# Batch mode and queued commands


def test_batch_commands(ctrace, python, r):
    add_line = 4
    commands = ["break 4", "continue", "p a, b", "continue"]
    args = ["--batch"]
    for command in commands:
        args += ["-c", command]
    proc = ct.run(ctrace, args + [target("simple.py")], stdin="quit 9\n")
    r.check("--batch -c exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
    r.check("--batch -c stops at break",
            len(stop_lines(proc.stdout, target("simple.py"), add_line)) == 2, proc.stdout)
    r.check("--batch -c prints value", "\n(0, 0)\n" in proc.stdout, proc.stdout)
    r.check("--batch runs to the end", "total 3\n" in proc.stdout, proc.stdout)

    with tempfile.TemporaryDirectory() as tmp:
        command_file = pathlib.Path(tmp) / "commands.txt"
        command_file.write_text("# stop in add\nbreak 4\n\ncontinue\np a, b\n")
        proc = ct.run(ctrace, ["--batch", "-x", str(command_file), "-c", "p c", target("simple.py")])
        r.check("--batch -x exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
        r.check("--batch -x prints value", "\n(0, 0)\n" in proc.stdout, proc.stdout)
        r.check("-x before -c order kept", proc.stdout.find("(0, 0)") < proc.stdout.find("*** NameError"),
                proc.stdout)
        r.check("--batch -x runs to the end", "total 3\n" in proc.stdout, proc.stdout)


def test_json_tool_batch(ctrace, python, r):
    with tempfile.TemporaryDirectory() as tmp:
        data = pathlib.Path(tmp) / "input.json"
        data.write_text('{"name": "ctrace", "sizes": [3, 1, 2], "nested": {"ok": true}}\n')
        proc = ct.run(ctrace, ["--batch", "-m", "json.tool", str(data)], cwd=tmp)
        plain = run_python(python, ["-m", "json.tool", str(data)], cwd=tmp)
        r.check("json.tool batch exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
        r.check("json.tool batch stdout matches", proc.stdout == plain.stdout,
                ct.first_difference(plain.stdout, proc.stdout))


def test_json_tool_session(ctrace, python, r):
    decoder = subprocess.run([python, "-c", "import json.decoder; print(json.decoder.__file__)"],
                             capture_output=True, text=True).stdout.strip()
    line = line_of(decoder, "obj, end = self.raw_decode(")
    with tempfile.TemporaryDirectory() as tmp:
        data = pathlib.Path(tmp) / "input.json"
        text = '{"b": [1, 2], "a": "x"}\n'
        data.write_text(text)
        commands = [f"b json/decoder.py:{line}", "c", "where", "p s", "c"]
        proc = ct.run(ctrace, ["-n", "-m", "json.tool", str(data)],
                      stdin="".join(c + "\n" for c in commands), cwd=tmp)
        plain = run_python(python, ["-m", "json.tool", str(data)], cwd=tmp)
        out = proc.stdout
        r.check("json session sets breakpoint", f"Breakpoint 1 at {decoder}:{line}" in out, out)
        r.check("json session stops in decode", len(stop_lines(out, decoder, line)) == 1, out)
        where = out[out.find(f"{ct.PROMPT}") :]
        tool_at = where.find("json/tool.py(")
        decode_at = where.find(f"decoder.py({line})decode()", tool_at)
        r.check("json where shows tool.py first", tool_at >= 0 and decode_at > tool_at, out)
        r.check("json where hides runpy frames", "runpy" not in out, out)
        r.check("json where hides ctrace helpers", "pyhelpers" not in out, out)
        r.check("json p s prints input", repr(text) in output_lines(out), out)
        r.check("json session output matches", after_last_prompt(out) == plain.stdout,
                ct.first_difference(plain.stdout, after_last_prompt(out)))
        r.check("json session exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")


# The target's start-up state


def compare_reports(r, label, proc, plain):
    try:
        seen = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        r.check(f"{label} report", False, f"no JSON report in {proc.stdout!r}, stderr {proc.stderr!r}")
        return
    expected = json.loads(plain.stdout)
    for key in ("argv", "path0", "name", "file", "spec", "has_builtins", "executable"):
        r.check(f"{label} {key} like python", seen[key] == expected[key],
                f"ctrace {seen[key]!r}, python {expected[key]!r}")


def test_target_environment(ctrace, python, r):
    args = [target("env_report.py"), "one", "--two", "-c", "x"]
    proc = ct.run(ctrace, ["--batch"] + args)
    plain = run_python(python, args)
    compare_reports(r, "script", proc, plain)

    proc = ct.run(ctrace, ["--batch", "env_report.py", "arg"], cwd=str(TARGETS))
    plain = run_python(python, ["env_report.py", "arg"], cwd=str(TARGETS))
    compare_reports(r, "relative script", proc, plain)

    proc = ct.run(ctrace, ["--batch", "-m", "env_report", "--flag"], cwd=str(TARGETS))
    plain = run_python(python, ["-m", "env_report", "--flag"], cwd=str(TARGETS))
    compare_reports(r, "module", proc, plain)

    seen_executable = json.loads(plain.stdout)["executable"]
    r.check("sys.executable is not ctrace", os.path.realpath(seen_executable) != os.path.realpath(ctrace),
            seen_executable)


def test_subprocess_executable(ctrace, python, r):
    proc = ct.run(ctrace, ["--batch", target("run_child.py")])
    version = ct.python_version(ctrace)
    r.check("subprocess of sys.executable exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
    r.check("subprocess runs same python", f"child says {version}" in proc.stdout, proc.stdout)


def pyenv_python(version):
    """Return a pyenv interpreter path for (major, minor), or None."""
    for candidate in sorted(PYENV.glob(f"{version[0]}.{version[1]}.*/bin/python{version[0]}.{version[1]}")):
        return str(candidate)
    return None


def make_venv(python, where):
    """Create a venv without pip and a small package in its site-packages."""
    subprocess.run([python, "-m", "venv", "--without-pip", str(where)], check=True, capture_output=True)
    site = subprocess.run([str(where / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    package = pathlib.Path(site) / "venv_probe_pkg"
    package.mkdir()
    (package / "__init__.py").write_text('VALUE = "from the venv"\n')


def venv_env(home, venv):
    env = ct.clean_env(home)
    env["VIRTUAL_ENV"] = str(venv)
    env["PATH"] = f"{venv / 'bin'}:{env.get('PATH', '')}"
    return env


def test_virtual_env(ctrace, python, r):
    version = ct.python_version(ctrace)
    with tempfile.TemporaryDirectory() as tmp:
        venv = pathlib.Path(tmp) / "venv"
        make_venv(python, venv)
        proc = subprocess.run([ctrace, "--batch", target("import_probe.py")], capture_output=True, text=True,
                              env=venv_env(tmp, venv), timeout=60)
        r.check("venv package importable", "imported from the venv" in proc.stdout,
                f"stdout {proc.stdout!r}, stderr {proc.stderr!r}")
        r.check("venv run exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")

    others = [v for v in ((3, 12), (3, 11), (3, 10), (3, 9), (3, 13)) if v != version]
    other_python = next((p for p in map(pyenv_python, others) if p), None)
    if other_python is None:
        r.skip("venv of other version", "no other Python version installed under ~/.pyenv")
        return
    other_version = subprocess.run([other_python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                   capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        venv = pathlib.Path(tmp) / "venv"
        make_venv(other_python, venv)
        proc = subprocess.run([ctrace, "--batch", target("import_probe.py")], capture_output=True, text=True,
                              env=venv_env(tmp, venv), timeout=60)
        check_usage_error(r, "venv of other version", proc, str(venv))
        r.check("venv mismatch names version", other_version in proc.stderr, proc.stderr)


def test_program_stdin(ctrace, python, r):
    with tempfile.TemporaryDirectory() as tmp:
        command_file = pathlib.Path(tmp) / "commands.txt"
        command_file.write_text("next\ncontinue\n")
        proc = ct.run(ctrace, ["-n", "-x", str(command_file), target("read_input.py")], stdin="alpha\nbeta\n")
        r.check("-x program reads stdin", "got alpha beta" in proc.stdout, f"{proc.stdout!r} {proc.stderr!r}")
        r.check("-x program stdin exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")

    proc = ct.run(ctrace, ["-n", target("read_input.py")], stdin="continue\nalpha\nbeta\n")
    r.check("commands leave rest of stdin", "got alpha beta" in proc.stdout, f"{proc.stdout!r} {proc.stderr!r}")
    r.check("stdin shared exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")


def test_breakpointhook_disabled(ctrace, python, r):
    with tempfile.TemporaryDirectory() as home:
        env = ct.clean_env(home, PYTHONBREAKPOINT="0")
        proc = ct.run(ctrace, ["-n", target("hook.py")], stdin="continue\n", env=env)
    r.check("PYTHONBREAKPOINT=0 skips stop", not stop_lines(proc.stdout, target("hook.py"), 3), proc.stdout)
    r.check("PYTHONBREAKPOINT=0 runs to end", "result 11" in proc.stdout, proc.stdout)
    r.check("PYTHONBREAKPOINT=0 exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")


def test_trace_restore(ctrace, python, r):
    line = line_of(target("trace_restore.py"), "y = x + 1")
    proc = ct.run(ctrace, ["--batch", "-c", f"break {line}", "-c", "continue", "-c", "p x", "-c", "continue",
                           target("trace_restore.py")])
    r.check("restored trace keeps breakpoints", len(stop_lines(proc.stdout, target("trace_restore.py"), line)) == 1,
            proc.stdout)
    r.check("restored trace prints value", "\n1\n" in proc.stdout, proc.stdout)
    r.check("restored trace exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")


def test_thread_breakpoint(ctrace, python, r):
    line = line_of(target("thread_work.py"), "doubled = value * 2")
    proc = ct.run(ctrace, ["--batch", "-c", f"break {line}", "-c", "continue", "-c", "p value", "-c", "continue",
                           target("thread_work.py")])
    r.check("thread breakpoint fires", len(stop_lines(proc.stdout, target("thread_work.py"), line)) == 1, proc.stdout)
    r.check("thread breakpoint frame", f"({line})worker()" in proc.stdout, proc.stdout)
    r.check("thread frame value", "\n21\n" in proc.stdout, proc.stdout)
    r.check("thread program finishes", "worker 42\njoined\n" in proc.stdout, proc.stdout)


def test_fork_child_quiet(ctrace, python, r):
    line = line_of(target("fork_child.py"), 'role = "child"')
    proc = ct.run(ctrace, ["-n", target("fork_child.py")], stdin=f"break {line}\ncontinue\ncontinue\n", timeout=60)
    r.check("fork child does not stop", len(stop_lines(proc.stdout, target("fork_child.py"), line)) == 1, proc.stdout)
    r.check("fork child runs", "child after fork" in proc.stdout, proc.stdout)
    r.check("fork parent finishes", "parent done" in proc.stdout, proc.stdout)
    r.check("fork run exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
    r.check("fork child no prompt", proc.stdout.count(ct.PROMPT) == 3, proc.stdout)


def main():
    ctrace = ct.parse_ctrace_arg()
    python = embedded_python(ctrace)
    reporter = ct.Reporter()
    tests = [test_exit_statuses, test_eof_quits, test_post_mortem_stderr, test_usage_errors,
             test_unreadable_script, test_odd_scripts, test_help_and_version, test_help_command,
             test_batch_commands, test_json_tool_batch, test_json_tool_session, test_target_environment,
             test_subprocess_executable, test_virtual_env, test_program_stdin, test_breakpointhook_disabled,
             test_trace_restore, test_thread_breakpoint, test_fork_child_quiet]
    for test in tests:
        try:
            test(ctrace, python, reporter)
        except subprocess.TimeoutExpired as exc:
            reporter.check(test.__name__, False, f"timed out: {exc.cmd}")
    reporter.exit()


if __name__ == "__main__":
    main()
