"""Breakpoint and stepping tests that a transcript cannot express:
breakpoint command lists, save and -x round trips, threads and Ctrl-C.

Each test runs the real binary on a script under tests/targets. Ctrl-C is
SIGINT sent with os.kill while stdin is a pipe, and every wait for output
has a bound, so a hang shows up as a failure instead of a stuck suite.
"""
import os
import pathlib
import re
import select
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402

TARGETS = ct.TARGETS.resolve()
WAIT_SECONDS = 10


def target(name):
    return str(TARGETS / name)


def line_of(path, text):
    """Return the number of the first line of path that contains text."""
    for number, source in enumerate(pathlib.Path(path).read_text().splitlines(), 1):
        if text in source:
            return number
    raise LookupError(f"{text!r} not in {path}")


def session(ctrace, args, commands):
    """Run ctrace with commands on stdin; return the CompletedProcess."""
    return ct.run(ctrace, args, stdin="".join(c + "\n" for c in commands), cwd=str(ct.TESTS))


def listing(stdout):
    """Return the first breakpoint listing in stdout, up to the next prompt."""
    start = stdout.find("Num Type")
    if start < 0:
        return ""
    end = stdout.find(ct.PROMPT, start)
    return stdout[start:end if end >= 0 else len(stdout)]


# Breakpoint command lists


def test_commands_silent(ctrace, r):
    loop = target("bp_loop.py")
    proc = session(ctrace, ["-n", loop], [
        "b 2, index % 2 == 1", "commands 1", "silent", 'p "measure", index', "end",
        "b 15", "commands", "p sizes", "c", "end",
        "c", "c", "c", "c"])
    out = proc.stdout
    r.check("silent list runs its print", "('measure', 1)" in out, out)
    r.check("silent list runs at each hit", "('measure', 5)" in out, out)
    r.check("silent hides the location", f"> {loop}(2)" not in out, out)
    r.check("listed stop shows location", out.count(f"> {loop}(15)finish()") == 1, out)
    r.check("listed stop runs its print", "[0, 3, 6, 9, 12, 15]" in out, out)
    r.check("continue in list resumes", "total 45" in out, out)
    r.check("continue in list exit status", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")


def test_commands_until(ctrace, r):
    loop = target("bp_loop.py")
    proc = session(ctrace, ["-n", loop], ["b 7", "commands 1", "until 11", "end", "c", "p sizes", "c"])
    out = proc.stdout
    stop_7 = out.find(f"> {loop}(7)collect()")
    stop_11 = out.find(f"> {loop}(11)collect()")
    r.check("until list breakpoint stops", stop_7 >= 0, out)
    r.check("until in list takes effect", stop_11 > stop_7, out)
    r.check("until in list ran the loop", "[0, 3, 6, 9, 12, 15]" in out[stop_11:], out)


# save FILE, then -x FILE


def test_save_round_trip(ctrace, r):
    loop = target("bp_loop.py")
    with tempfile.TemporaryDirectory() as scratch:
        saved = os.path.join(scratch, "breakpoints.ctrace")
        first = session(ctrace, ["-n", loop], [
            "b 2, index > 2", "commands 1", "silent", "p index", "end",
            "b bp_loop.py:10", "disable 2", "tbreak 15", "b", f"save {saved}", "q"])
        r.check("save writes the file", os.path.isfile(saved), first.stdout)
        second = session(ctrace, ["-n", "-x", saved, loop], ["b", "c", "c", "c", "c"])

    before = listing(first.stdout)
    # The -x commands print their own output first, so the listing typed
    # afterwards is the last one in the second session.
    after = listing(second.stdout[second.stdout.rfind("Num Type"):])
    r.check("save listing not empty", before.startswith("Num Type"), first.stdout)
    r.check("-x recreates the listing", before == after, ct.first_difference(before, after))
    r.check("-x keeps the condition", "stop only if index > 2" in after, after)
    r.check("-x keeps disabled state", re.search(r"^2 +breakpoint +keep no ", after, re.M) is not None, after)
    r.check("-x keeps temporary state", re.search(r"^3 +breakpoint +del +yes ", after, re.M) is not None, after)
    r.check("-x keeps the command list", "\t\tsilent\n\t\tp index\n" in after, after)

    out = second.stdout
    r.check("-x silent list runs", "(ctrace) 3\n" in out, out)
    r.check("-x condition holds", "(ctrace) 0\n" not in out, out)
    r.check("-x disabled does not stop", f"> {loop}(10)" not in out, out)
    r.check("-x temporary stops once", out.count(f"> {loop}(15)finish()") == 1, out)


# Threads


def test_thread_stops(ctrace, r):
    script = target("step_threads.py")
    line = line_of(script, "result = amount * 2")
    proc = session(ctrace, ["-n", script], [
        f"b {line}", "c", "p label", "thread", "info threads", "thread 1", "up 100",
        "p second.name", "c", "p label", "c"])
    out = proc.stdout
    stop = f"> {script}({line})work()\n-> result = amount * 2\n"
    r.check("thread stop first-worker", out.count(f"[thread first-worker]\n{stop}") == 1, out)
    r.check("thread stop second-worker", out.count(f"[thread second-worker]\n{stop}") == 1, out)
    r.check("thread stop sees one", "'one'" in out, out)
    r.check("thread stop sees two", "'two'" in out, out)

    table = out[out.find("MainThread"):]
    rows = [text for text in table.splitlines() if "(ident " in text]
    r.check("thread lists MainThread", any("MainThread" in row for row in rows), out)
    r.check("thread marks stopped thread", any(row.startswith("*") and "stopped here" in row for row in rows), out)
    r.check("info threads matches thread", out.count("MainThread (ident") == 2, out)
    r.check("thread 1 is MainThread", re.search(r" 1 +MainThread \(ident", out) is not None, out)
    r.check("thread 1 shows main stack", f"{script}(" in out.split("Showing thread", 1)[-1], out)
    r.check("thread 1 oldest frame values", "'second-worker'" in out, out)
    r.check("thread program finishes", "joined" in out, out)
    r.check("thread exit status", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")


# Ctrl-C


class Running:
    """A ctrace process fed through a pipe, read with bounded waits."""

    def __init__(self, ctrace, args, home):
        self.proc = subprocess.Popen([ctrace] + args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, cwd=str(ct.TESTS),
                                     env=ct.clean_env(home, PYTHONUNBUFFERED="1"))
        self.out = ""
        self.err = ""

    def pump(self, predicate):
        """Read output until predicate(stdout) is true or the bound passes."""
        deadline = time.monotonic() + WAIT_SECONDS
        streams = {self.proc.stdout.fileno(): "out", self.proc.stderr.fileno(): "err"}
        while not predicate(self.out) and time.monotonic() < deadline:
            ready, _, _ = select.select(list(streams), [], [], 0.1)
            for fd in ready:
                data = os.read(fd, 65536).decode(errors="replace")
                if not data:
                    streams.pop(fd)
                elif streams[fd] == "out":
                    self.out += data
                else:
                    self.err += data
            if not streams:
                break
        return predicate(self.out)

    def prompts(self):
        return self.out.count(ct.PROMPT)

    def send(self, command):
        """Send one command and wait for the prompt after it."""
        count = self.prompts()
        self.proc.stdin.write((command + "\n").encode())
        self.proc.stdin.flush()
        return self.pump(lambda out: out.count(ct.PROMPT) > count)

    def start(self, command):
        """Send a command that runs the program, and wait until the program prints a new tick."""
        ticks = self.out.count("tick ")
        self.proc.stdin.write((command + "\n").encode())
        self.proc.stdin.flush()
        return self.pump(lambda out: out.count("tick ") > ticks)

    def interrupt(self, times=1):
        """Send SIGINT `times` times, each after the previous one was delivered, then wait for a prompt."""
        count = self.prompts()
        for _ in range(times):
            self.wait_delivered()
            os.kill(self.proc.pid, signal.SIGINT)
        self.wait_delivered()
        return self.pump(lambda out: out.count(ct.PROMPT) > count)

    def wait_delivered(self):
        """Wait until no SIGINT is pending for the process.

        The kernel merges a signal into one already pending, so a second
        Ctrl-C only counts once the first has been delivered."""
        status = pathlib.Path(f"/proc/{self.proc.pid}/status")
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
            except OSError:
                return
            pending = int(fields.get("ShdPnd", "0").strip(), 16) | int(fields.get("SigPnd", "0").strip(), 16)
            if not pending & (1 << (signal.SIGINT - 1)):
                return
            time.sleep(0.01)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=WAIT_SECONDS)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.proc.stderr.close()


def last_stop(out):
    stops = re.findall(r"^> (\S+)\((\d+)\)(\S+)\(\)", out, re.M)
    return stops[-1] if stops else None


def check_interrupted(r, name, run, reached):
    script = target("step_long.py")
    spin_lines = range(line_of(script, "while count < rounds"), line_of(script, "time.sleep(0.01)") + 1)
    stop = last_stop(run.out)
    r.check(f"{name} program was running", reached, run.out)
    r.check(f"{name} Ctrl-C stops", stop is not None and stop[2] == "spin", run.out)
    r.check(f"{name} stops in the loop", stop is not None and int(stop[1]) in spin_lines, run.out)
    r.check(f"{name} no KeyboardInterrupt", "KeyboardInterrupt" not in run.out + run.err, run.out + run.err)
    r.check(f"{name} no traceback", "Traceback" not in run.err, run.err)
    run.send("p count > 0")
    r.check(f"{name} frame still alive", run.out.rstrip().endswith("True\n" + ct.PROMPT.rstrip()), run.out)


def test_interrupt_commands(ctrace, r):
    script = target("step_long.py")
    call_line = line_of(script, "total = spin(100000)")
    sleep_line = line_of(script, "time.sleep(0.01)")
    # Each case: the commands that reach the starting stop, then the
    # command that runs over the long loop.
    cases = [
        ("continue", [], "continue"),
        ("next", [f"until {call_line}"], "next"),
        ("until", [f"b {sleep_line}", "c", "cl 1"], "until"),
        ("return", [f"b {sleep_line}", "c", "cl 1"], "return"),
        ("finish", [f"b {sleep_line}", "c", "cl 1"], "finish"),
    ]
    for name, setup, command in cases:
        with tempfile.TemporaryDirectory() as home:
            run = Running(ctrace, ["-n", script], home)
            try:
                run.pump(lambda out: ct.PROMPT in out)
                for line in setup:
                    run.send(line)
                reached = run.start(command)
                run.interrupt()
                check_interrupted(r, f"Ctrl-C {name}", run, reached)
                run.send("q")
            finally:
                run.close()


def test_interrupt_twice(ctrace, r):
    script = target("step_long.py")
    nap_line = line_of(script, 'print("napping"')
    with tempfile.TemporaryDirectory() as home:
        run = Running(ctrace, ["-n", script, "nap"], home)
        try:
            run.pump(lambda out: ct.PROMPT in out)
            run.send(f"b {nap_line}")
            run.send("c")
            count = run.prompts()
            run.proc.stdin.write(b"next\n")
            run.proc.stdin.flush()
            napping = run.pump(lambda out: "napping" in out)
            # Both signals arrive during the 60 s sleep, before any line
            # event could deliver the first stop.
            run.interrupt(times=2)
            run.pump(lambda out: out.count(ct.PROMPT) > count)
            both = run.out + run.err
            r.check("Ctrl-C twice program was sleeping", napping, run.out)
            r.check("Ctrl-C twice raises KeyboardInterrupt", "KeyboardInterrupt" in both, both)
            r.check("Ctrl-C twice nap does not return", "rested" not in run.out, run.out)
            r.check("Ctrl-C twice stops after raising", run.prompts() > count, run.out)
            run.send("q")
        finally:
            run.close()


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    tests = [test_commands_silent, test_commands_until, test_save_round_trip, test_thread_stops,
             test_interrupt_commands, test_interrupt_twice]
    for test in tests:
        try:
            test(ctrace, reporter)
        except subprocess.TimeoutExpired as exc:
            reporter.check(test.__name__, False, f"timed out: {exc.cmd}")
    reporter.exit()


if __name__ == "__main__":
    main()
