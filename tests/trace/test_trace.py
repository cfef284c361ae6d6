#!/usr/bin/env python3
"""Black-box tests of trace mode (ctrace --trace).

Run as `python3 tests/trace/test_trace.py --ctrace PATH`. Each test prints
`PASS name`, `FAIL name: reason` or `SKIP name: reason`; the exit status is
0 when every test passed. The target scripts are in targets/ beside this
file. Every run removes PYTHONUNBUFFERED from the environment, as on a
CI machine, so output ordering is tested as CI gets it.
"""

import argparse
import json
import os
import pty
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = os.path.join(HERE, "targets")
CTRACE = None
TESTS = []


def test(func):
    TESTS.append(func)
    return func


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    env.update(extra)
    return env


def run(args, cwd=TARGETS, env=None, timeout=120):
    """Run ctrace with args and return the CompletedProcess (bytes)."""
    return subprocess.run([CTRACE] + args, cwd=cwd, env=env or clean_env(), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)


def run_log(args, cwd=TARGETS, env=None):
    """Run ctrace writing the log to a temporary file; return (process, log bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "trace.log")
        proc = run(["--trace", "-o", path] + args, cwd=cwd, env=env)
        with open(path, "rb") as f:
            return proc, f.read()


def jsonl_events(args, cwd=TARGETS, env=None):
    proc, data = run_log(["--format=jsonl"] + args, cwd=cwd, env=env)
    events = [json.loads(line) for line in data.splitlines()]
    return proc, events


def text_lines(args):
    proc, data = run_log(args)
    return proc, data.decode("utf-8").splitlines()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def check_status(proc, expected):
    """Check a finished ctrace's exit status, showing its stderr's end when it is wrong."""
    check(proc.returncode == expected, f"exit status {proc.returncode}, expected {expected}: {one_line(proc.stderr[-300:])}")


def one_line(text):
    return " ".join(str(text).split())


# ---- text ----

@test
def text_basic_format():
    proc, lines = text_lines(["basic.py"])
    check(proc.returncode == 3, f"exit status {proc.returncode}, expected 3 from sys.exit(3)")
    check(lines[0].startswith("call      basic.py:1 <module>"), f"first line: {lines[0]!r}")
    check("  call      basic.py:4 add(a=1, b=2)" in lines, "call of add with its arguments is missing")
    check("  line      basic.py:5 add | total = a + b" in lines, "indented line event with source is missing")
    check("  return    basic.py:6 add -> 3" in lines, "return of add with its value is missing")
    check("  exception basic.py:16 fail ! ValueError: bad input" in lines, "exception line is missing")
    check("  return    basic.py:16 fail -> exception (ValueError)" in lines, "return by exception is not flagged")


@test
def text_program_output_intact():
    proc, _ = text_lines(["basic.py"])
    check(proc.stdout == b"basic done -6\n", f"program stdout changed: {proc.stdout!r}")


@test
def text_default_goes_to_stderr():
    proc = run(["--trace", "basic.py"])
    check(proc.returncode == 3, f"exit status {proc.returncode}")
    check(b"call      basic.py:4 add(a=1, b=2)" in proc.stderr, "log not on stderr by default")
    check(proc.stdout == b"basic done -6\n", f"stdout: {proc.stdout!r}")


@test
def text_escapes_control_characters():
    proc, data = run_log(["values.py"])
    check(b"\x1b" not in data, "an escape character reached the text log")
    for line in data.decode("utf-8").splitlines():
        check(line.split()[0] in ("call", "line", "return", "exception", "resume", "yield"),
              f"a value broke a line: {line[:80]!r}")
    check("<repr failed: RuntimeError: repr exploded>" in data.decode(), "a failing repr is not reported")


# ---- jsonl ----

REQUIRED = ("event", "file", "line", "func", "depth", "thread", "tid")


@test
def jsonl_every_line_parses():
    proc, data = run_log(["--format=jsonl", "values.py"])
    check(proc.returncode == 0, f"exit status {proc.returncode}: {proc.stderr[-300:]!r}")
    lines = data.splitlines()
    check(len(lines) > 10, f"only {len(lines)} lines")
    for raw in lines:
        event = json.loads(raw)
        for field in REQUIRED:
            check(field in event, f"field {field} missing in {raw[:120]!r}")
        check(len(raw) < 4000, f"an unbounded repr: line of {len(raw)} bytes")


@test
def jsonl_values_round_trip():
    _, events = jsonl_events(["values.py"])
    values = [e["value"] for e in events if e["event"] == "return" and e["func"] == "show"]
    check(len(values) == 9, f"{len(values)} return values of show, expected 9")
    check(values[0] == repr('it\'s "quoted" \\ and \t tab \x00 nul \x1f \x7f'), f"quoted value: {values[0]!r}")
    check(values[1] == repr(b"\xff\xfe invalid utf-8 \x80"), f"bytes value: {values[1]!r}")
    check("\\udcff" in values[2], f"surrogate value: {values[2]!r}")
    check("\x1b[31m" in values[3], "the custom repr was altered in JSON")
    check(values[5].endswith("..."), "the 1.5 MB string repr is not cut")
    check(values[6].startswith("[0, 1, 2") and values[6].endswith("..."), f"big list: {values[6][:40]!r}")
    check(values[7] == "{'key': ['nested', ('tuple',)], 2: None}", f"dict: {values[7]!r}")


@test
def jsonl_exception_return_flags():
    _, events = jsonl_events(["exceptions.py"])
    returns = [e for e in events if e["event"] == "return"]
    by_exc = [(e["func"], e.get("exc_type")) for e in returns if e["by_exception"]]
    check(("inner", "KeyError") in by_exc, f"inner's return is not flagged: {by_exc}")
    check(("middle", "KeyError") in by_exc, f"middle's return is not flagged: {by_exc}")
    outer = [e for e in returns if e["func"] == "outer"]
    check(len(outer) == 1 and not outer[0]["by_exception"], f"outer returned normally: {outer}")
    check(outer[0].get("value") == "'handled'", f"outer's value: {outer[0].get('value')!r}")
    for e in returns:
        check(("value" in e) != e["by_exception"], f"value and by_exception disagree: {e}")


@test
def jsonl_one_exception_per_frame():
    _, events = jsonl_events(["exceptions.py"])
    passes = {}
    for e in events:
        if e["event"] == "exception":
            key = (e["func"], e["depth"])
            passes[key] = passes.get(key, 0) + 1
    # inner raises 3 times, once below middle; reraiser re-raises its
    # KeyError with `raise exc`, which is the same passage.
    check(passes.get(("inner", 3)) == 1 and passes.get(("inner", 2)) == 2, f"inner: {passes}")
    check(passes.get(("middle", 2)) == 1 and passes.get(("outer", 1)) == 1, f"middle, outer: {passes}")
    check(passes.get(("reraiser", 1)) == 1, f"reraiser logged the re-raise again: {passes}")
    check(passes.get(("cleanup", 1)) == 1, f"cleanup: {passes}")
    check(passes.get(("<module>", 0)) == 2, f"module: {passes}")
    excs = [e for e in events if e["event"] == "exception"]
    check(all(e["exc_type"] == "KeyError" and e["exc_msg"] == "'missing'" for e in excs), f"{excs[:2]}")


@test
def jsonl_generator_resume_and_yield():
    proc, events = jsonl_events(["generators.py"])
    check(b"generators done 1 2 3 42" in proc.stdout, f"stdout: {proc.stdout!r}")
    gen = [e for e in events if e["func"] == "numbers" and e["event"] in ("call", "return")]
    kinds = [(e["event"], bool(e.get("resume")), bool(e.get("yield"))) for e in gen]
    expected = [("call", False, False), ("return", False, True), ("call", True, False),
                ("return", False, True), ("call", True, False), ("return", False, False)]
    check(kinds == expected, f"generator events: {kinds}")
    check(gen[-1].get("value") == "3", f"final return value: {gen[-1].get('value')!r}")
    coro = [e for e in events if e["func"] in ("main", "answer") and e["event"] == "call"]
    check(coro and not any(e.get("resume") for e in coro), f"first coroutine calls: {coro}")


@test
def jsonl_threads_tagged():
    proc, events = jsonl_events(["threads.py"])
    check(proc.returncode == 0, f"exit status {proc.returncode}")
    names = {e["thread"] for e in events}
    check({"MainThread", "worker-0", "worker-1"} <= names, f"threads: {names}")
    work = [e for e in events if e["func"] == "work" and e["event"] == "call"]
    check(sorted(e["thread"] for e in work) == ["worker-0", "worker-1"], f"work calls: {work}")
    tids = {e["thread"]: e["tid"] for e in events}
    check(len(set(tids.values())) == 3, f"thread ids: {tids}")


@test
def text_threads_tagged():
    _, lines = text_lines(["threads.py"])
    check(any(line.startswith("[worker-0] ") for line in lines), "no [worker-0] tag")
    check(any(line.startswith("[MainThread] ") for line in lines), "no [MainThread] tag")


@test
def jsonl_exec_string_has_location():
    _, events = jsonl_events(["basic.py"])
    string = [e for e in events if e["file"] == "<string>"]
    check(string, "no events from the exec'd string")
    check({e["line"] for e in string if e["event"] == "line"} == {1, 2}, f"lines: {string}")


@test
def jsonl_vars_changed_locals():
    _, events = jsonl_events(["--vars", "variables.py"])
    lines = [e for e in events if e["event"] == "line" and e["func"] == "accumulate"]
    check(all("vars" in e for e in lines), "line events without vars")
    changes = [e["vars"] for e in lines if e["vars"]]
    check({"items": "[1, 2, 3]"} in changes, f"argument not reported: {changes[:3]}")
    check(any(c.get("total") == "6" for c in changes), f"total=6 not reported: {changes}")
    check(any(c.get("seen") == "[1, 2, 3]" for c in changes), f"in-place change of seen not reported: {changes}")
    unchanged = [e for e in lines if e["vars"] == {}]
    check(unchanged, "every line reported a change")


@test
def jsonl_timestamps_monotonic():
    _, events = jsonl_events(["--timestamps", "basic.py"])
    stamps = [e["ts"] for e in events]
    check(all(isinstance(t, int) for t in stamps), "ts is not an integer")
    check(stamps == sorted(stamps), "timestamps go backwards")
    _, plain = jsonl_events(["basic.py"])
    check(all("ts" not in e for e in plain), "ts without --timestamps")


@test
def jsonl_events_option():
    _, events = jsonl_events(["--events=exception,return", "exceptions.py"])
    kinds = {e["event"] for e in events}
    check(kinds == {"exception", "return"}, f"events: {kinds}")


# ---- chrome ----

def check_chrome_nesting(records):
    stacks = {}
    for r in records:
        if r["ph"] == "B":
            stacks.setdefault(r["tid"], []).append(r["name"])
        elif r["ph"] == "E":
            stack = stacks.get(r["tid"])
            check(stack, f"E without B on thread {r['tid']}")
            stack.pop()
    check(all(not s for s in stacks.values()), f"unclosed B events: {stacks}")


@test
def chrome_nesting_with_exceptions():
    proc, data = run_log(["--format=chrome", "exceptions.py"])
    records = json.loads(data)
    check(isinstance(records, list), "not a JSON array")
    check_chrome_nesting(records)
    instants = [r for r in records if r["ph"] == "i"]
    check(len(instants) == 9, f"{len(instants)} exception instants, expected 9")
    check(all(r["name"] == "KeyError" for r in instants), "instant names")
    for r in records:
        if r["ph"] in ("B", "E", "i"):
            check(isinstance(r["ts"], (int, float)) and "pid" in r and "tid" in r, f"record: {r}")


@test
def chrome_threads_named():
    _, data = run_log(["--format=chrome", "threads.py"])
    records = json.loads(data)
    check_chrome_nesting(records)
    names = {r["args"]["name"] for r in records if r["ph"] == "M" and r["name"] == "thread_name"}
    check({"MainThread", "worker-0", "worker-1"} <= names, f"thread names: {names}")
    tids = {r["tid"] for r in records if r["ph"] == "B"}
    check(len(tids) == 3, f"B events on {len(tids)} threads")


@test
def chrome_uncaught_exception_closes():
    proc, data = run_log(["--format=chrome", "uncaught.py"])
    check(proc.returncode == 1, f"exit status {proc.returncode}")
    check_chrome_nesting(json.loads(data))


# ---- filters ----

def files_of(events):
    return {os.path.basename(e["file"]) for e in events}


@test
def filter_default_user_code_only():
    _, events = jsonl_events(["filters.py"])
    check(files_of(events) == {"filters.py", "helper_mod.py"}, f"files: {files_of(events)}")


@test
def filter_stdlib_option():
    _, events = jsonl_events(["--stdlib", "filters.py"])
    check(any(e["file"].endswith(os.path.join("json", "__init__.py")) for e in events), "no json events with --stdlib")
    dumps = [e for e in events if e["func"] == "dumps" and e["event"] == "call"]
    check(dumps and dumps[0]["depth"] == 1, f"json.dumps call depth: {dumps[:1]}")


@test
def filter_include_module():
    _, events = jsonl_events(["--include=helper_mod", "filters.py"])
    check(files_of(events) == {"helper_mod.py"}, f"files: {files_of(events)}")
    calls = [e for e in events if e["event"] == "call" and e["func"] == "helper"]
    check(calls and calls[0]["depth"] == 0, f"helper's call, called from code that is not traced: {calls}")


@test
def filter_exclude_glob():
    _, events = jsonl_events(["--exclude=*helper*", "filters.py"])
    check(files_of(events) == {"filters.py"}, f"files: {files_of(events)}")


@test
def filter_include_stdlib_module():
    _, events = jsonl_events(["--include=json", "filters.py"])
    check(events, "no events")
    check(all(os.sep + "json" + os.sep in e["file"] for e in events), f"files: {files_of(events)}")


@test
def filter_depth():
    _, events = jsonl_events(["--depth=1", "filters.py"])
    funcs = {e["func"] for e in events}
    check("helper" in funcs, f"helper (depth 1) missing: {funcs}")
    check("deep" not in funcs and "deeper" not in funcs, f"calls below depth 1 logged: {funcs}")
    check(max(e["depth"] for e in events) == 1, "depth above the limit")
    _, zero = jsonl_events(["--depth=0", "filters.py"])
    check({e["func"] for e in zero} == {"<module>"}, f"--depth=0: {({e['func'] for e in zero})}")


@test
def filter_depth_with_include():
    _, events = jsonl_events(["--include=helper_mod", "--depth=1", "filters.py"])
    funcs = {e["func"] for e in events}
    check(funcs == {"<module>", "helper", "deep"}, f"funcs: {funcs}")


# ---- summary ----

@test
def summary_in_text_log():
    proc, lines = text_lines(["--summary", "exceptions.py"])
    text = "\n".join(lines)
    check("ctrace summary" in text, "no summary")
    check("exit status: 0" in text, "exit status missing")
    check("max depth: 3" in text, "max depth missing")
    check("threads: 1 (MainThread:" in text, "threads missing")
    check(" dropped" in text and " written" in text, "event counts missing")
    row = [line for line in lines if line.endswith("  KeyError")]
    check(row and row[0].split()[:2] == ["3", "3"], f"exceptions row: {row}")


@test
def summary_jsonl_record():
    proc, events = jsonl_events(["--summary", "busy.py"])
    check(proc.returncode == 4, f"exit status {proc.returncode}")
    summary = events[-1]
    check(summary["event"] == "summary", f"last record: {summary}")
    check(summary["exit_status"] == 4, f"exit status {summary['exit_status']}")
    check(summary["events_written"] == len(events) - 1, f"written {summary['events_written']} vs {len(events) - 1}")
    check(summary["events_dropped"] == 0, "dropped events")
    square = [f for f in summary["functions"] if f["func"] == "square"]
    check(square and square[0]["calls"] == 20000, f"square: {square}")
    check(square[0]["total_us"] >= square[0]["self_us"], "self time above total time")
    hot = summary["hot_lines"][0]
    check(hot["hits"] >= 20000 and hot["src"], f"hottest line: {hot}")


@test
def summary_times_with_threads():
    proc, events = jsonl_events(["--summary", "workers.py"])
    check_status(proc, 0)
    functions = {row["func"]: row for row in events[-1]["functions"]}
    check(functions["worker"]["calls"] == 2, f"worker: {functions['worker']}")
    check(functions["small"]["calls"] == 40000, f"small: {functions['small']}")
    for row in functions.values():
        check(row["total_us"] >= row["self_us"], f"self time above total time: {row}")
    worker = functions["worker"]
    check(worker["total_us"] >= worker["self_us"] + functions["small"]["total_us"] * 0.9,
          f"worker's total lacks the time of its calls: {worker}")


@test
def summary_no_exceptions():
    proc, lines = text_lines(["--summary", "comprehension.py"])
    check_status(proc, 0)
    check("  exceptions: none" in lines, f"summary tail: {lines[-3:]}")


@test
def summary_lines_counted_once():
    proc, events = jsonl_events(["--summary", "comprehension.py"])
    check_status(proc, 0)
    hot = events[-1]["hot_lines"]
    places = [(row["file"], row["line"]) for row in hot]
    check(len(places) == len(set(places)), f"a line is listed twice: {places}")
    line = target_line("comprehension.py", "return [")
    top = hot[0]
    check(top["line"] == line, f"hottest line: {top}")
    check(top["hits"] >= 50 * 21, f"hits of the comprehension line: {top['hits']}")


@test
def summary_to_file():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "summary.txt")
        proc = run(["--trace", "-o", os.devnull, "--summary=" + path, "uncaught.py"])
        check(proc.returncode == 1, f"exit status {proc.returncode}")
        with open(path) as f:
            text = f.read()
    check("exit status: 1 (uncaught RuntimeError: 50% broken" in text, f"summary: {text[:200]!r}")


# ---- GitHub Actions ----

@test
def github_actions_output():
    with tempfile.TemporaryDirectory() as tmp:
        step = os.path.join(tmp, "step.md")
        with open(step, "w") as f:
            f.write("earlier step\n")
        env = clean_env(GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=step, GITHUB_WORKSPACE=HERE)
        proc = run(["--trace", "--summary", "uncaught.py"], env=env)
        with open(step) as f:
            markdown = f.read()
    check(proc.returncode == 1, f"exit status {proc.returncode}")
    lines = proc.stderr.decode().splitlines()
    # The traceback before the log is the program's own output, as python
    # would print it; only ctrace's lines are checked.
    check(any(line.startswith("::group::") for line in lines), "no ::group:: line")
    start = [i for i, line in enumerate(lines) if line.startswith("::group::")][0]
    commands = [line for line in lines[start:] if line.lstrip().startswith("::")]
    check(commands[0].startswith("::group::"), f"first workflow command: {commands[:1]}")
    check(commands[1] == "::endgroup::", f"workflow commands: {commands}")
    errors = [line for line in commands if line.startswith("::error")]
    check(len(errors) == 1, f"{len(errors)} ::error annotations")
    check(errors[0].startswith("::error file=targets/uncaught.py,line=2,"), f"annotation: {errors[0]}")
    check("50%25 broken" in errors[0], f"annotation data not escaped: {errors[0]}")
    check(len(commands) == 3, f"program text became a workflow command: {commands}")
    check(markdown.startswith("earlier step\n### ctrace summary"), f"step summary: {markdown[:60]!r}")
    check("| exit status | 1 |" in markdown, "exit status row missing")


@test
def github_actions_file_log_has_no_group():
    env = clean_env(GITHUB_ACTIONS="true")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "log.txt")
        proc = run(["--trace", "-o", path, "basic.py"], env=env)
        with open(path) as f:
            text = f.read()
    check("::group::" not in text, "group markers in a log file")
    check(proc.returncode == 3, f"exit status {proc.returncode}")


# ---- write failures ----

def failure_messages(stderr):
    return [line for line in stderr.decode().splitlines() if line.startswith("ctrace: cannot write")]


@test
def failure_dev_full():
    if not os.path.exists("/dev/full"):
        raise SkipTest("/dev/full is missing")
    proc = run(["--trace", "-o", "/dev/full", "busy.py"])
    messages = failure_messages(proc.stderr)
    check(messages == ["ctrace: cannot write trace log: /dev/full: No space left on device"], f"messages: {messages}")
    check(proc.returncode == 4, f"exit status {proc.returncode}, expected the program's 4")
    check(b"busy done" in proc.stderr, "the program did not finish")


@test
def failure_dev_full_summary_counts_drops():
    if not os.path.exists("/dev/full"):
        raise SkipTest("/dev/full is missing")
    proc = run(["--trace", "--format=jsonl", "-o", "/dev/full", "--summary", "busy.py"])
    check(len(failure_messages(proc.stderr)) == 1, f"stderr: {one_line(proc.stderr[-300:])}")
    text = proc.stderr.decode()
    check("events: 0 written," in text, "written count on a full disk")
    check(" 0 dropped" not in text, "drops not counted")


@test
def failure_closed_pipe():
    proc = subprocess.Popen([CTRACE, "--trace", "-o", "-", "busy.py"], cwd=TARGETS, env=clean_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read()
    status = proc.wait(timeout=120)
    messages = failure_messages(stderr)
    check(messages == ["ctrace: cannot write trace log: stdout: Broken pipe"], f"messages: {messages}")
    check(status == 4, f"exit status {status}, expected the program's 4")
    check(b"busy done" in stderr, "the program did not finish")


@test
def failure_unwritable_path():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "missing", "trace.log")
        proc = run(["--trace", "-o", path, "basic.py"])
    messages = failure_messages(proc.stderr)
    check(messages == [f"ctrace: cannot write trace log: {path}: No such file or directory"], f"messages: {messages}")
    check(proc.returncode == 3, f"exit status {proc.returncode}")
    check(proc.stdout == b"basic done -6\n", f"program output: {proc.stdout!r}")


# ---- records and the background writer ----
#
# Line, call and return events whose values need no escaping are written
# as records that a background thread turns into text. --timestamps and
# --vars switch records off, so comparing a run with --timestamps against
# one without checks that both paths write the same log.

STAMP = re.compile(rb"^ *[0-9]+\.[0-9]{6} ")


def strip_text_stamps(data):
    return b"\n".join(STAMP.sub(b"", line, count=1) for line in data.split(b"\n"))


def first_difference(left, right):
    for number, (a, b) in enumerate(zip(left, right), 1):
        if a != b:
            return f"line {number}: {a!r} != {b!r}"
    return f"lengths {len(left)} and {len(right)}"


def target_line(name, text):
    with open(os.path.join(TARGETS, name), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if text in line:
                return number
    raise AssertionError(f"line with {text!r} not found in {name}")


@test
def records_text_values():
    proc, lines = text_lines(["shapes.py"])
    check_status(proc, 0)
    add = target_line("shapes.py", "def add(")
    check(f"  call      shapes.py:{add} add(a=2, b=-7)" in lines, "call of add with int arguments")
    check(f"  return    shapes.py:{add + 1} add -> -5" in lines, "return of add with an int")
    check(f"[MainThread]   call      shapes.py:{add} add(a=-9223372036854775808, b=0)" in lines, "the smallest long argument")
    check(f"[MainThread]   return    shapes.py:{add + 1} add -> -9223372036854775808" in lines, "the smallest long value")
    flags = target_line("shapes.py", "def flags(")
    check(f"  call      shapes.py:{flags} flags(x=True)" in lines, "bool argument")
    check(f"  return    shapes.py:{flags + 1} flags -> False" in lines, "bool value")
    nothing = target_line("shapes.py", "def nothing(")
    check(f"  return    shapes.py:{nothing + 1} nothing -> None" in lines, "None value")
    huge = target_line("shapes.py", "def huge(")
    check(f"  return    shapes.py:{huge + 1} huge -> 2000000000000000000000000000000" in lines, "int beyond a long")
    text = target_line("shapes.py", "def text(")
    check(f"  call      shapes.py:{text} text(s='a\"b\\\\c\\x01:')" in lines, "escaped str argument")
    side = [line for line in lines if line.startswith("[side] ")]
    check(side and side[0].startswith("[side] call      shapes.py:"), f"thread tag: {side[:1]}")
    tagged = [line for line in lines if line.startswith("[MainThread] ")]
    check(tagged and tagged[-1].startswith("[MainThread] return    shapes.py:"), "main thread tagged once a second thread ran")


@test
def records_match_text_path():
    for rounds in ("3", "3000"):
        proc, plain = run_log(["shapes.py", rounds])
        check_status(proc, 0)
        _, stamped = run_log(["--timestamps", "shapes.py", rounds])
        stripped = strip_text_stamps(stamped)
        check(plain == stripped, f"{rounds} rounds: " + first_difference(plain.split(b"\n"), stripped.split(b"\n")))
    check(len(plain) > 4 * 1024 * 1024, f"only {len(plain)} bytes: the background writer was not used")


@test
def records_match_jsonl_path():
    proc, plain = jsonl_events(["shapes.py", "3000"])
    check_status(proc, 0)
    _, stamped = jsonl_events(["--timestamps", "shapes.py", "3000"])
    for event in stamped:
        del event["ts"]
    for event in plain + stamped:
        del event["tid"]
    check(plain == stamped, first_difference(plain, stamped))
    add = [e for e in plain if e["func"] == "add" and e["event"] == "call"]
    check(add[0]["args"] == {"a": "0", "b": "-7"}, f"args of add: {add[0]}")


@test
def large_log_complete():
    proc, events = jsonl_events(["--summary", "shapes.py", "3000"])
    check_status(proc, 0)
    summary = events.pop()
    check(summary["event"] == "summary", f"last record: {summary}")
    check(summary["events_written"] == len(events), f"written {summary['events_written']}, logged {len(events)}")
    check(summary["events_dropped"] == 0, f"dropped {summary['events_dropped']}")
    for name in ("MainThread", "side"):
        calls = sum(1 for e in events if e["thread"] == name and e["event"] == "call")
        returns = sum(1 for e in events if e["thread"] == name and e["event"] == "return")
        check(calls == returns and calls > 0, f"{name}: {calls} calls, {returns} returns")
    add = sum(1 for e in events if e["func"] == "add" and e["event"] == "call")
    check(add == 3000 + 1, f"{add} calls of add")


@test
def fork_child_writes_nothing():
    proc, events = jsonl_events(["forking.py"])
    check_status(proc, 0)
    check(proc.stdout == b"forking done\n", f"program output: {proc.stdout!r}")
    calls = {}
    for event in events:
        if event["event"] == "call":
            calls[event["func"]] = calls.get(event["func"], 0) + 1
    check(calls.get("in_child", 0) == 0, f"the child wrote {calls.get('in_child')} calls")
    check(calls.get("before") == 20000, f"{calls.get('before')} calls before the fork")
    check(calls.get("after") == 20000, f"{calls.get('after')} calls after the fork")


@test
def os_exit_keeps_log():
    proc, events = jsonl_events(["--summary", "quick_exit.py"])
    check_status(proc, 5)
    check(proc.stdout == b"bad status rejected\n", f"program output: {proc.stdout!r}")
    summary = events.pop()
    check(summary["event"] == "summary", f"last record: {summary}")
    check(summary["exit_status"] == 5, f"summary exit status: {summary['exit_status']}")
    calls = sum(1 for e in events if e["event"] == "call" and e["func"] == "step")
    check(calls == 30001, f"{calls} calls of step in the log")
    check(events[-1]["event"] == "line" and events[-1]["src"] == "os._exit(5)", f"last event: {events[-1]}")


@test
def sigint_reaches_program():
    proc, data = run_log(["interrupted.py"])
    check_status(proc, 0)
    check(proc.stdout == b"interrupted\n", f"program output: {proc.stdout!r}")
    check(len(data) > 1024 * 1024, f"only {len(data)} bytes of log")


@test
def pipe_log_near_program_output():
    proc = run(["--trace", "streaming.py"])
    check_status(proc, 0)
    lines = proc.stderr.decode().splitlines()
    check("marker" in lines, "the program's marker is missing")
    marker = lines.index("marker")
    ticks = [number for number, line in enumerate(lines) if "call      streaming.py:" in line and " tick(" in line]
    check(len(ticks) == 810, f"{len(ticks)} calls of tick")
    before = sum(1 for number in ticks if number < marker)
    check(before == 800, f"{before} calls of tick before the marker, expected the 800 made before it")


def shared_pipe_lines(args):
    proc = subprocess.run([CTRACE, "--trace"] + args + ["chatty.py"], cwd=TARGETS, env=clean_env(),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    check(proc.returncode == 0, f"exit status {proc.returncode}")
    return proc.stdout.decode("utf-8").splitlines()


@test
def shared_pipe_text_lines_whole():
    lines = shared_pipe_lines([])
    program = [line for line in lines if line.startswith(("OUT-", "ERR-"))]
    check(program == ["OUT-0", "ERR-0", "OUT-1", "ERR-1", "OUT-2", "ERR-2", "OUT-3", "ERR-3"], f"program lines: {program}")
    kinds = ("call", "line", "return", "exception")
    broken = [line for line in lines if not line.startswith(("OUT-", "ERR-")) and line.split()[0] not in kinds]
    check(not broken, f"{len(broken)} broken lines, first {broken[:1]}")
    calls = sum(1 for line in lines if " f(x=" in line)
    check(calls == 160000, f"{calls} calls of f")


@test
def shared_pipe_jsonl_lines_whole():
    lines = shared_pipe_lines(["--format=jsonl", "-o", "-"])
    program = [line for line in lines if line.startswith(("OUT-", "ERR-"))]
    check(program == ["OUT-0", "ERR-0", "OUT-1", "ERR-1", "OUT-2", "ERR-2", "OUT-3", "ERR-3"], f"program lines: {program}")
    events = [json.loads(line) for line in lines if not line.startswith(("OUT-", "ERR-"))]
    calls = sum(1 for event in events if event["event"] == "call" and event["func"] == "f")
    check(calls == 160000, f"{calls} calls of f")


@test
def summary_status_of_interrupt():
    proc, events = jsonl_events(["--summary", "uncaught_interrupt.py"])
    check(proc.returncode == -signal.SIGINT, f"exit status {proc.returncode}, expected death by SIGINT as python")
    summary = events[-1]
    check(summary["exit_status"] == 128 + signal.SIGINT, f"summary exit status: {summary['exit_status']}")
    check(summary["uncaught"].startswith("KeyboardInterrupt"), f"uncaught: {summary['uncaught']}")


def run_until_term(args, target, lines_before):
    """Start ctrace, read lines_before lines of the program's output, send
    SIGTERM and return (status, seconds to exit, output lines read)."""
    proc = subprocess.Popen([CTRACE] + args + [target], cwd=TARGETS, env=clean_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = [proc.stdout.readline().decode().strip() for _ in range(lines_before)]
    time.sleep(0.3)
    start = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    status = proc.wait(timeout=60)
    proc.stdout.close()
    proc.stderr.close()
    return status, time.monotonic() - start, seen


@test
def sigterm_finishes_log():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "trace.jsonl")
        status, _, seen = run_until_term(["--trace", "--format=jsonl", "--summary", "-o", path], "until_term.py", 2)
        with open(path, "rb") as f:
            data = f.read()
    check(status == -signal.SIGTERM, f"exit status {status}, expected death by SIGTERM")
    check(data.endswith(b"\n"), "the log ends in the middle of a line")
    events = [json.loads(line) for line in data.splitlines()]
    summary = events.pop()
    check(summary["event"] == "summary" and summary["exit_status"] == 128 + signal.SIGTERM, f"summary: {str(summary)[:200]}")
    last = max(int(e["args"]["x"]) for e in events if e["event"] == "call" and e["func"] == "step")
    ticked = int(seen[-1].split()[1])
    check(last >= ticked, f"the log stops at step({last}), before the program printed tick {ticked}")
    check(summary["events_written"] == len(events), f"written {summary['events_written']}, logged {len(events)}")


@test
def sigterm_ends_stuck_program():
    with tempfile.TemporaryDirectory() as tmp:
        status, seconds, _ = run_until_term(["--trace", "-o", os.path.join(tmp, "trace.log")], "stuck.py", 1)
    check(status == -signal.SIGTERM, f"exit status {status}, expected death by SIGTERM")
    check(seconds < 10, f"SIGTERM took {seconds:.1f} s to end a program stuck in C code")


@test
def sigterm_program_handler_kept():
    proc, lines = text_lines(["own_term_handler.py"])
    check_status(proc, 0)
    check(proc.stdout == b"ready\nhandled\n", f"program output: {proc.stdout!r}")
    check(any(" on_term(signum=15" in line for line in lines), "the program's handler is not in the log")


@test
def terminal_log_in_program_order():
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(TARGETS)
        os.execve(CTRACE, [CTRACE, "--trace", "basic.py"], clean_env(TERM="dumb"))
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    output = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    check(os.waitstatus_to_exitcode(status) == 3, f"exit status {status}")
    printing = output.find("line      basic.py:%d <module> | print(" % target_line("basic.py", "print("))
    done = output.find("basic done -6")
    leaving = output.find("line      basic.py:%d <module> | sys.exit(3)" % target_line("basic.py", "sys.exit(3)"))
    check(min(printing, done, leaving) >= 0, f"output: {one_line(output[-300:])}")
    check(printing < done < leaving, "the log is not written as the program runs on a terminal")
    check("  call      basic.py:4 add(a=1, b=2)" in output, "call of add missing on the terminal")


# ---- running a stdlib module ----

@test
def json_tool_jsonl_with_stdlib():
    proc, events = jsonl_events(["--stdlib", "-m", "json.tool", "input.json"])
    check_status(proc, 0)
    check(json.loads(proc.stdout) == {"b": [1, 2, {"c": "d"}], "a": "text \u00e9"}, "json.tool output changed")
    check(any(e["file"].endswith(os.path.join("json", "tool.py")) for e in events), "no events from json/tool.py")
    check(any(e["file"].endswith(os.path.join("json", "decoder.py")) for e in events), "no events from json/decoder.py")


@test
def json_tool_chrome_with_stdlib():
    proc, data = run_log(["--stdlib", "--format=chrome", "-m", "json.tool", "input.json"])
    check_status(proc, 0)
    records = json.loads(data)
    check_chrome_nesting(records)
    check(sum(1 for r in records if r["ph"] == "B") > 20, "few call slices")


class SkipTest(Exception):
    pass


def main():
    global CTRACE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ctrace", required=True, help="path of the ctrace binary to test")
    parser.add_argument("names", nargs="*", help="run only these tests")
    args = parser.parse_args()
    CTRACE = os.path.abspath(args.ctrace)
    if not os.access(CTRACE, os.X_OK):
        print(f"FAIL setup: {CTRACE} is not an executable")
        return 1
    failed = 0
    for func in TESTS:
        name = func.__name__
        if args.names and name not in args.names:
            continue
        try:
            func()
        except SkipTest as exc:
            print(f"SKIP {name}: {exc}")
        except AssertionError as exc:
            failed += 1
            print(f"FAIL {name}: {one_line(exc)}")
        except Exception as exc:  # a crash of the test itself is a failure too
            failed += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            print(f"FAIL {name}: {type(exc).__name__}: {one_line(exc)} (line {where.lineno})")
        else:
            print(f"PASS {name}")
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
