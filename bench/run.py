"""Benchmark ctrace against plain python, pdb, python -m trace and a no-op C tracer.

Usage (from the repository root; `make bench` runs it):

    python3 bench/run.py --ctrace build/py3.11/ctrace [--runs 5] [--only 3.12]

It measures Debian's /usr/bin/python3.11 and every pyenv CPython 3.9-3.13
under ~/.pyenv/versions. For each, it builds ctrace and bench/nulltrace.c
against that interpreter and runs each workload in bench/workloads under
every tool, one run of each tool in turn. It prints a table of time ratios
and one of peak memory per version, then checks the performance targets.

Times come from the workloads themselves (time.perf_counter() around the
work, written to $BENCH_RESULT_FILE), so start-up is excluded and pdb's
restart after the program ends is not counted. Peak memory is the child's
ru_maxrss from os.wait4().
"""

import argparse
import dataclasses
import glob
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DIR = os.path.join(REPO, "bench")
WORKLOAD_DIR = os.path.join(BENCH_DIR, "workloads")
OUT_DIR = os.path.join(REPO, "build", "bench")
BREAK_MARKER = "# BENCH-BREAK"
STEP_MARKER = "start = time.perf_counter(); result = work()"

# Tools run either the full work or 2% of it. On the call-heavy workload the
# pdb and trace-log tools ran 9 to 420 times slower than python on this
# project's test machine, so they get the reduced work, and their ratio is
# taken against plain python on that same reduced work.
FULL = 1.0
REDUCED = 0.02

WORKLOADS = ["fib", "loop", "realcode", "threaded"]


@dataclasses.dataclass
class Interpreter:
    label: str  # "3.11.2 (Debian)"
    python: str
    python_config: str
    ctrace: str = ""
    nulltrace: str = ""
    build_dir: str = ""
    minor: str = ""  # "3.11"
    ast_file: str = ""
    load_before: float = 0.0
    load_after: float = 0.0
    ast_break_line: int = 0  # a line of ast.main() that the workloads never run
    scales: dict = dataclasses.field(default_factory=dict)  # workload -> scale of the full work
    error: str = ""


@dataclasses.dataclass
class Tool:
    key: str
    label: str
    fraction: float  # FULL or REDUCED


TOOLS = [
    Tool("python", "python", FULL),
    Tool("embedded", "embedded libpython, no trace function", FULL),
    Tool("nulltrace", "no-op C trace function", FULL),
    Tool("ct-same", "ctrace, breakpoint in hot file", FULL),
    Tool("ct-other", "ctrace, breakpoint in other file", FULL),
    Tool("python-reduced", "python", REDUCED),
    Tool("pdb-same", "pdb, breakpoint in hot file", REDUCED),
    Tool("pdb-other", "pdb, breakpoint in other file", REDUCED),
    Tool("ct-text", "ctrace --trace (text)", REDUCED),
    Tool("ct-jsonl", "ctrace --trace --format=jsonl", REDUCED),
    Tool("trace-module", "python -m trace --trace", REDUCED),
]

STEP_TOOLS = [
    Tool("python", "python", FULL),
    Tool("nulltrace", "no-op C trace function", FULL),
    Tool("ct-continue", "ctrace: stop at the call, continue", FULL),
    Tool("ct-next", "ctrace: stop at the call, next, continue", FULL),
]


@dataclasses.dataclass
class Run:
    elapsed: float  # seconds, measured by the workload
    wall: float  # seconds, whole process
    maxrss_kib: int
    result: str  # the workload's result, compared across tools


@dataclasses.dataclass
class Cell:
    runs: list = dataclasses.field(default_factory=list)
    errors: list = dataclasses.field(default_factory=list)

    def median_elapsed(self):
        return statistics.median(r.elapsed for r in self.runs) if self.runs else None

    def median_rss_mib(self):
        return statistics.median(r.maxrss_kib for r in self.runs) / 1024 if self.runs else None


def log(message):
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- discovery


def query_python(python, code):
    return subprocess.run([python, "-c", code], check=True, capture_output=True, text=True).stdout.strip()


def discover(args):
    found = [Interpreter("%s (Debian)" % query_python("/usr/bin/python3.11", "import platform; print(platform.python_version())"), "/usr/bin/python3.11", "/usr/bin/python3.11-config", ctrace=os.path.abspath(args.ctrace), minor="3.11")]
    newest = {}
    for prefix in glob.glob(os.path.expanduser("~/.pyenv/versions/3.*")):
        match = re.fullmatch(r"3\.(\d+)\.(\d+)", os.path.basename(prefix))
        if not match or not 9 <= int(match.group(1)) <= 13:
            continue
        minor = "3." + match.group(1)
        config = os.path.join(prefix, "bin", "python%s-config" % minor)
        if not os.access(config, os.X_OK):
            log("bench: skipping %s: %s not found" % (prefix, config))
            continue
        patch = int(match.group(2))
        if minor not in newest or patch > newest[minor][0]:
            newest[minor] = (patch, prefix, config)
    for minor in sorted(newest, key=lambda m: int(m.split(".")[1])):
        patch, prefix, config = newest[minor]
        if minor == found[0].minor and not args.all_pyenv:
            log("bench: skipping pyenv %s.%d: Debian's python%s covers that version (--all-pyenv measures it too)" % (minor, patch, minor))
            continue
        version = "%s.%d" % (minor, patch)
        found.append(Interpreter("%s (pyenv)" % version, os.path.join(prefix, "bin", "python" + minor), config, build_dir=os.path.join("build", "pyenv-" + version), minor=minor))
    if args.only:
        found = [i for i in found if any(word in i.label for word in args.only.split(","))]
    return found


def build(interp, args):
    """Build ctrace (pyenv versions only) and nulltrace for interp."""
    os.makedirs(OUT_DIR, exist_ok=True)
    if interp.build_dir:
        target = os.path.join(interp.build_dir, "ctrace")
        command = [args.make, "-s", "PYTHON_CONFIG=" + interp.python_config, "BUILDDIR=" + interp.build_dir, target]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
        if result.returncode != 0:
            interp.error = "ctrace build failed: %s\n%s" % (" ".join(command), result.stderr[-2000:])
            return
        interp.ctrace = os.path.join(REPO, target)
    tag = interp.label.split()[0] + ("-debian" if not interp.build_dir else "-pyenv")
    interp.nulltrace = os.path.join(OUT_DIR, "nulltrace-" + tag)
    includes = subprocess.run([interp.python_config, "--includes"], check=True, capture_output=True, text=True).stdout.split()
    ldflags = subprocess.run([interp.python_config, "--embed", "--ldflags"], check=True, capture_output=True, text=True).stdout.split()
    command = [args.cc, "-std=c11", "-O2", "-g", "-Wall", "-Wextra"] + includes + [os.path.join(BENCH_DIR, "nulltrace.c"), "-o", interp.nulltrace] + ldflags
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        interp.error = "nulltrace build failed: %s\n%s" % (" ".join(command), result.stderr[-2000:])
        return
    # The first line after the def line that has code: ast.main() is the
    # `python -m ast` command line, which no workload calls.
    interp.ast_break_line = int(query_python(interp.python, "import ast, dis; c = ast.main.__code__; print(min(l for _, l in dis.findlinestarts(c) if l and l > c.co_firstlineno))"))
    interp.ast_file = query_python(interp.python, "import ast; print(ast.__file__)")


# ---------------------------------------------------------------- commands


def marker_line(path, marker):
    with open(path, encoding="utf-8") as source:
        for number, line in enumerate(source, 1):
            if marker in line:
                return number
    raise SystemExit("bench: marker %r not found in %s" % (marker, path))


def workload_path(name):
    return os.path.join(WORKLOAD_DIR, name + ".py")


def hot_breakpoint(interp, workload):
    """Return FILE:LINE of a never-run line in the file where workload spends its time."""
    if workload == "realcode":
        return "%s:%d" % (interp.ast_file, interp.ast_break_line)
    path = workload_path(workload)
    return "%s:%d" % (path, marker_line(path, BREAK_MARKER))


def other_breakpoint():
    path = os.path.join(WORKLOAD_DIR, "_common.py")
    return "%s:%d" % (path, marker_line(path, BREAK_MARKER))


def command_for(interp, tool, workload, scratch):
    """Return (argv, stdin text or None, trace output path or None)."""
    script = workload_path(workload)
    scale = "%.4g" % (interp.scales.get(workload, 1.0) * tool.fraction)
    key = tool.key
    if key in ("python", "python-reduced"):
        return [interp.python, script, scale], None, None
    if key == "nulltrace":
        return [interp.nulltrace, script, scale], None, None
    if key == "embedded":
        return [interp.nulltrace, "--no-trace", script, scale], None, None
    if key in ("ct-same", "ct-other"):
        where = hot_breakpoint(interp, workload) if key == "ct-same" else other_breakpoint()
        return [interp.ctrace, "--nx", "--batch", "-c", "break " + where, "-c", "continue", script, scale], None, None
    if key in ("pdb-same", "pdb-other"):
        where = hot_breakpoint(interp, workload) if key == "pdb-same" else other_breakpoint()
        # `quit` is read when pdb offers to restart the finished program.
        return [interp.python, "-m", "pdb", script, scale], "break %s\ncontinue\nquit\n" % where, None
    if key in ("ct-text", "ct-jsonl"):
        output = os.path.join(scratch, "trace.out")
        fmt = "text" if key == "ct-text" else "jsonl"
        return [interp.ctrace, "--trace", "--format=" + fmt, "-o", output, script, scale], None, output
    if key == "trace-module":
        return [interp.python, "-m", "trace", "--trace", script, scale], None, None
    if key in ("ct-continue", "ct-next"):
        where = "%s:%d" % (script, marker_line(script, STEP_MARKER))
        commands = ["break " + where, "continue"] + (["next"] if key == "ct-next" else []) + ["continue"]
        argv = [interp.ctrace, "--nx", "--batch"]
        for command in commands:
            argv += ["-c", command]
        return argv + [script], None, None
    raise ValueError(key)


def stop_count(stdout):
    """Count the debugger's stop lines ("> file(line)function()")."""
    return sum(1 for line in stdout.splitlines() if line.startswith("> "))


def check_output(tool, workload, stdout, trace_path):
    """Return an error message when a run did not do what it was set up to do."""
    key = tool.key
    if key in ("ct-same", "ct-other", "pdb-same", "pdb-other", "ct-continue", "ct-next"):
        if "Breakpoint 1 at " not in stdout:
            return "breakpoint was not set: " + stdout[-500:]
    if key in ("ct-same", "ct-other") and stop_count(stdout) != 1:
        return "expected only the first-line stop, got %d stops" % stop_count(stdout)
    if key == "ct-continue" and stop_count(stdout) != 2:
        return "expected stops at line 1 and at the call, got %d" % stop_count(stdout)
    if key == "ct-next" and stop_count(stdout) != 3:
        return "expected stops at line 1, at the call and after it, got %d" % stop_count(stdout)
    if key.startswith("pdb-") and "The program finished and will be restarted" not in stdout:
        return "pdb did not run the program to its end: " + stdout[-500:]
    if trace_path is not None:
        size = os.path.getsize(trace_path) if os.path.exists(trace_path) else 0
        if size == 0:
            return "trace log %s is empty" % trace_path
        if key == "ct-jsonl":
            with open(trace_path, encoding="utf-8") as trace:
                try:
                    json.loads(trace.readline())
                except ValueError as error:
                    return "first trace record is not JSON: %s" % error
    if key == "trace-module" and "%s.py(" % workload not in stdout:
        return "python -m trace printed no line of %s.py" % workload
    return None


def read_head_and_tail(path, head=1 << 20, tail=64 << 10):
    """Return the first head and last tail characters of a file that may be large."""
    with open(path, errors="replace") as stream:
        text = stream.read(head)
        rest = stream.read()
    return text + rest[-tail:]


def run_once(argv, stdin_text, scratch, args):
    """Run argv once under bench/measure; return (Run or None, stdout text, error or None)."""
    result_file = os.path.join(scratch, "result.jsonl")
    usage_file = os.path.join(scratch, "usage.json")
    stdout_path = os.path.join(scratch, "stdout")
    stderr_path = os.path.join(scratch, "stderr")
    for path in (result_file, usage_file, os.path.join(scratch, "trace.out")):
        if os.path.exists(path):
            os.unlink(path)
    env = dict(os.environ, BENCH_RESULT_FILE=result_file)
    stdin_path = os.devnull
    if stdin_text is not None:
        stdin_path = os.path.join(scratch, "stdin")
        with open(stdin_path, "w") as stdin_file:
            stdin_file.write(stdin_text)
    command = [args.measure, str(int(args.timeout)), usage_file] + argv
    with open(stdin_path) as stdin, open(stdout_path, "w") as out, open(stderr_path, "w") as err:
        start = time.perf_counter()
        status = subprocess.run(command, stdin=stdin, stdout=out, stderr=err, cwd=scratch, env=env).returncode
        wall = time.perf_counter() - start
    stdout = read_head_and_tail(stdout_path)
    stderr = read_head_and_tail(stderr_path, head=0, tail=800)
    if status != 0 or not os.path.exists(usage_file):
        return None, stdout, "bench/measure failed (status %d): %s" % (status, stderr)
    with open(usage_file) as usage_stream:
        usage = json.load(usage_stream)
    if usage["timed_out"]:
        return None, stdout, "killed after %d s" % args.timeout
    if usage["exit"] != 0:
        return None, stdout, "exit status %d, signal %d: %s" % (usage["exit"], usage["signal"], stderr)
    records = []
    if os.path.exists(result_file):
        with open(result_file) as results:
            records = [json.loads(line) for line in results]
    if len(records) != 1:
        return None, stdout, "expected one timing record, got %d; stderr: %s" % (len(records), stderr)
    return Run(records[0]["elapsed"], wall, usage["maxrss_kib"], records[0]["result"]), stdout, None


# ---------------------------------------------------------------- measuring


def calibrate(interp, args, scratch):
    """Set interp.scales so that plain python does the full work in about args.target_seconds."""
    for workload in WORKLOADS:
        times = []
        for _ in range(2):
            run, _, error = run_once([interp.python, workload_path(workload), "1"], None, scratch, args)
            if error is not None:
                interp.error = "plain python failed on %s: %s" % (workload, error)
                return
            times.append(run.elapsed)
        interp.scales[workload] = min(2.0, max(0.1, round(args.target_seconds / min(times), 2)))


def measure(interp, args, scratch):
    """Run every (workload, tool) cell args.runs times, round-robin."""
    plan = [(w, t) for w in WORKLOADS for t in TOOLS] + [("stepping", t) for t in STEP_TOOLS]
    cells = {(w, t.key): Cell() for w, t in plan}
    interp.load_before = os.getloadavg()[0]
    expected = {}
    for round_number in range(1, args.runs + 1):
        started = time.perf_counter()
        for workload, tool in plan:
            cell = cells[(workload, tool.key)]
            argv, stdin_text, trace_path = command_for(interp, tool, workload, scratch)
            run, stdout, error = run_once(argv, stdin_text, scratch, args)
            if error is None:
                error = check_output(tool, workload, stdout, trace_path)
            if error is None:
                want = expected.setdefault((workload, tool.fraction), run.result)
                if run.result != want:
                    error = "result %s differs from %s" % (run.result, want)
            if error is not None:
                cell.errors.append("%s\n    command: %s" % (error.strip(), " ".join(argv)))
                continue
            cell.runs.append(run)
        log("bench: %s: round %d/%d took %.0f s" % (interp.label, round_number, args.runs, time.perf_counter() - started))
    interp.load_after = os.getloadavg()[0]
    return cells


# ---------------------------------------------------------------- reporting


def python_key(tool):
    return "python" if tool.fraction == FULL else "python-reduced"


def ratio(cells, workload, tool, base_key=None):
    base = cells[(workload, base_key or python_key(tool))].median_elapsed()
    value = cells[(workload, tool.key)].median_elapsed()
    if base is None or value is None:
        return None
    return value / base


def short_location(location):
    """Return FILE:LINE with the directory left out."""
    return os.path.basename(location)


def format_fraction(fraction):
    return "%g%%" % (fraction * 100)


def print_tables(interp, cells, runs):
    print()
    print("=== Python %s: %s" % (interp.label, interp.python))
    print("ctrace: %s" % os.path.relpath(interp.ctrace, REPO))
    # Other processes on the machine add noise; the 1-minute load average
    # before and after the runs shows whether there were any.
    print("load average (1 min) before/after the runs: %.2f / %.2f" % (interp.load_before, interp.load_after))
    print()
    width = 11
    print("scale of the full work: " + ", ".join("%s %.3g" % (w, interp.scales[w]) for w in WORKLOADS))
    print("hot-file breakpoints: " + ", ".join("%s %s" % (w, short_location(hot_breakpoint(interp, w))) for w in WORKLOADS))
    print("other-file breakpoint: " + short_location(other_breakpoint()))
    print()
    header = "%-36s %6s" % ("time / plain python (median of %d)" % runs, "work") + "".join("%*s" % (width, w) for w in WORKLOADS)
    print(header)
    print("-" * len(header))
    for tool in TOOLS:
        row = "%-36s %6s" % (tool.label, format_fraction(tool.fraction))
        for workload in WORKLOADS:
            cell = cells[(workload, tool.key)]
            if tool.key.startswith("python"):
                value = cell.median_elapsed()
                text = "%.3fs" % value if value is not None else "ERR"
            else:
                value = ratio(cells, workload, tool)
                text = "%.2fx" % value if value is not None else "ERR"
            row += "%*s" % (width, text)
        print(row)
    print()
    header = "%-36s %6s" % ("peak RSS MiB (+ over python)", "work") + "".join("%*s" % (width + 3, w) for w in WORKLOADS)
    print(header)
    print("-" * len(header))
    for tool in TOOLS:
        row = "%-36s %6s" % (tool.label, format_fraction(tool.fraction))
        for workload in WORKLOADS:
            rss = cells[(workload, tool.key)].median_rss_mib()
            base = cells[(workload, python_key(tool))].median_rss_mib()
            if rss is None or base is None:
                text = "ERR"
            elif tool.key.startswith("python"):
                text = "%.1f" % rss
            else:
                text = "%.1f (%+.1f)" % (rss, rss - base)
            row += "%*s" % (width + 3, text)
        print(row)
    print()
    print("%-44s %12s %10s %12s" % ("stepping over a ~1M-line call (median of %d)" % runs, "seconds", "/ python", "peak RSS MiB"))
    for tool in STEP_TOOLS:
        cell = cells[("stepping", tool.key)]
        value = cell.median_elapsed()
        base = cells[("stepping", "python")].median_elapsed()
        if value is None or base is None:
            print("%-44s %12s" % (tool.label, "ERR"))
            continue
        print("%-44s %12.3f %9.2fx %12.1f" % (tool.label, value, value / base, cell.median_rss_mib()))
    next_ratio = ratio(cells, "stepping", STEP_TOOLS[3], "ct-continue")
    print("%-44s %12s" % ("next / continue", "%.2fx" % next_ratio if next_ratio else "ERR"))
    errors = [(key, cell.errors) for key, cell in cells.items() if cell.errors]
    if errors:
        print()
        print("failed runs (left out of the medians):")
        for (workload, tool_key), messages in errors:
            print("  %s / %s: %d failed; first: %s" % (workload, tool_key, len(messages), messages[0]))


@dataclasses.dataclass
class Check:
    target: str
    version: str
    name: str  # which measurement, e.g. "fib ct-same"
    value: float  # None when the cells failed
    limit: float


def evaluate_targets(interp, cells):
    """Return one Check per measurement that a performance target applies to."""
    checks = []
    tools = {t.key: t for t in TOOLS}

    def check(target, name, value, limit):
        checks.append(Check(target, interp.label, name, value, limit))

    if interp.minor in ("3.12", "3.13"):
        for workload in WORKLOADS:
            for key in ("ct-same", "ct-other"):
                check("never-hit breakpoint <= 1.1x python (3.12, 3.13)", "%s %s" % (workload, key), ratio(cells, workload, tools[key]), 1.10)
    if interp.minor == "3.11":
        for key in ("ct-same", "ct-other"):
            check("never-hit breakpoint <= 1.1x no-op C tracer on fib (3.11)", "fib %s / nulltrace" % key, ratio(cells, "fib", tools[key], "nulltrace"), 1.10)
        for key in ("ct-same", "ct-other"):
            check("never-hit breakpoint <= 1.5x python on real code (3.11)", "realcode %s" % key, ratio(cells, "realcode", tools[key]), 1.50)
    check("next over a 1M-line call <= 1.5x continue", "next / continue", ratio(cells, "stepping", STEP_TOOLS[3], "ct-continue"), 1.50)
    for workload in WORKLOADS:
        for key in ("ct-same", "ct-other", "ct-text", "ct-jsonl"):
            rss = cells[(workload, key)].median_rss_mib()
            base = cells[(workload, python_key(tools[key]))].median_rss_mib()
            value = rss - base if rss is not None and base is not None else None
            check("ctrace adds <= 10 MiB peak RSS over python", "%s %s (MiB)" % (workload, key), value, 10.0)
    for key in ("ct-text", "ct-jsonl"):
        check("full trace of fib <= 10x python", "fib %s" % key, ratio(cells, "fib", tools[key]), 10.0)
    return checks


def print_verdicts(checks):
    """Print, for each target and version, whether every check met the limit, and the worst one."""
    print()
    print("=== Targets (worst measurement per version; limits in brackets)")
    targets = []
    for check in checks:
        if check.target not in targets:
            targets.append(check.target)
    for target in targets:
        print(target)
        versions = []
        for check in checks:
            if check.target == target and check.version not in versions:
                versions.append(check.version)
        for version in versions:
            group = [c for c in checks if c.target == target and c.version == version]
            missing = [c for c in group if c.value is None]
            missed = [c for c in group if c.value is not None and c.value > c.limit]
            measured = [c for c in group if c.value is not None]
            worst = max(measured, key=lambda c: c.value / c.limit) if measured else None
            verdict = "met" if not missed and not missing else "MISSED"
            detail = "%s %.2f [%.2f]" % (worst.name, worst.value, worst.limit) if worst else "no measurement"
            counts = "%d of %d over the limit" % (len(missed), len(group))
            if missing:
                counts += ", %d not measured" % len(missing)
            print("  %-6s %-18s worst: %-34s %s" % (verdict, version, detail, counts))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ctrace", required=True, help="ctrace binary built for /usr/bin/python3.11")
    parser.add_argument("--runs", type=int, default=5, help="runs of each cell; the tables show medians (default 5)")
    parser.add_argument("--only", help="comma list: measure only versions whose label contains one of these words, e.g. 3.12,Debian")
    parser.add_argument("--make", default="make", help="make program for building ctrace for pyenv versions")
    parser.add_argument("--cc", default="cc", help="C compiler for nulltrace.c")
    parser.add_argument("--timeout", type=int, default=300, help="seconds before one run is killed (default 300)")
    parser.add_argument("--target-seconds", type=float, default=0.3, help="plain python time of the full work that the workload sizes are scaled to (default 0.3)")
    parser.add_argument("--all-pyenv", action="store_true", help="also measure a pyenv build of the Debian interpreter's version")
    parser.add_argument("--json", default=os.path.join(OUT_DIR, "results.json"), help="where to write every run's raw numbers")
    args = parser.parse_args()
    if args.runs < 5:
        log("bench: warning: --runs %d is below 5; medians will be noisy" % args.runs)

    os.makedirs(OUT_DIR, exist_ok=True)
    args.measure = os.path.join(OUT_DIR, "measure")
    subprocess.run([args.cc, "-std=c11", "-O2", "-Wall", "-Wextra", os.path.join(BENCH_DIR, "measure.c"), "-o", args.measure], check=True)
    interpreters = discover(args)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "include", "Makefile"], cwd=REPO, capture_output=True, text=True).stdout
    print("ctrace source: commit %s%s" % (head or "unknown", ", with uncommitted changes in src/, include/ or Makefile" if dirty.strip() else ""))
    log("bench: versions: " + ", ".join(i.label for i in interpreters))
    started = time.perf_counter()
    checks = []
    raw = {}
    for interp in interpreters:
        build(interp, args)
        if interp.error:
            print("\n=== Python %s: skipped\n%s" % (interp.label, interp.error))
            continue
        scratch = tempfile.mkdtemp(prefix="ctrace-bench-")
        try:
            calibrate(interp, args, scratch)
            cells = None if interp.error else measure(interp, args, scratch)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        if cells is None:
            print("\n=== Python %s: skipped\n%s" % (interp.label, interp.error))
            continue
        print_tables(interp, cells, args.runs)
        sys.stdout.flush()
        checks += evaluate_targets(interp, cells)
        raw[interp.label] = {"%s/%s" % key: {"runs": [dataclasses.asdict(r) for r in cell.runs], "errors": cell.errors} for key, cell in cells.items()}
    print_verdicts(checks)
    print("\ntotal benchmark time: %.0f s" % (time.perf_counter() - started))
    os.makedirs(os.path.dirname(args.json), exist_ok=True)
    with open(args.json, "w") as out:
        json.dump(raw, out, indent=1)
    log("bench: raw results written to %s" % args.json)


if __name__ == "__main__":
    main()
