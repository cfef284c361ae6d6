#!/usr/bin/env python3
"""Run ctrace's test suites and print one closing line "N passed, N failed".

Suites:
  unit      the cmocka binaries built from tests/unit/test_*.c
  others    every tests/*/test_*.py, run as
            `python3 FILE --ctrace PATH`; each prints one line per test:
            PASS name | FAIL name: reason | SKIP name: reason |
            XFAIL name: reason (a known bug, "still failing") |
            XPASS name: reason (a known bug that now passes: a failure,
            so that the mark gets removed)
The exit status is 0 only when nothing failed.
"""
import argparse
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run_unit(unit_dir, results):
    binaries = sorted(pathlib.Path(unit_dir).glob("test_*"))
    if not binaries:
        results.append(("FAIL", "unit", f"no cmocka test binaries in {unit_dir}"))
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    for binary in binaries:
        proc = subprocess.run([str(binary)], capture_output=True, text=True, env=env)
        seen = 0
        for line in proc.stdout.splitlines():
            if line.startswith("ok "):
                seen += 1
                results.append(("PASS", f"{binary.name}: {line.split(' - ', 1)[-1]}", ""))
            elif line.startswith("not ok "):
                seen += 1
                results.append(("FAIL", f"{binary.name}: {line.split(' - ', 1)[-1]}", proc.stderr.strip()[-500:]))
        if seen == 0 or (proc.returncode != 0 and not any(r[0] == "FAIL" and r[1].startswith(binary.name) for r in results)):
            results.append(("FAIL", binary.name, f"exit status {proc.returncode}: {proc.stderr.strip()[-500:]}"))


def run_script(script, ctrace, results):
    proc = subprocess.run([sys.executable, str(script), "--ctrace", ctrace], capture_output=True, text=True)
    seen = 0
    for line in proc.stdout.splitlines():
        kind, _, rest = line.partition(" ")
        if kind not in ("PASS", "FAIL", "SKIP", "XFAIL", "XPASS"):
            continue
        seen += 1
        name, _, reason = rest.partition(": ")
        results.append((kind, f"{script.parent.name}/{name}", reason))
    if seen == 0 or (proc.returncode != 0 and not any(r[0] in ("FAIL", "XPASS") for r in results)):
        results.append(("FAIL", str(script.relative_to(ROOT)), f"exit status {proc.returncode}: {proc.stderr.strip()[-800:]}"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ctrace", required=True, help="path of the ctrace binary to test")
    parser.add_argument("--unit-dir", required=True, help="directory of the built cmocka binaries")
    parser.add_argument("--only", help="run only this suite: unit, or a tests/ subdirectory name")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every test, not only failures")
    args = parser.parse_args()
    ctrace = str(pathlib.Path(args.ctrace).resolve())

    results = []
    if args.only in (None, "unit"):
        run_unit(args.unit_dir, results)
    for script in sorted(ROOT.glob("tests/*/test_*.py")):
        if args.only not in (None, script.parent.name):
            continue
        run_script(script, ctrace, results)

    counts = {kind: 0 for kind in ("PASS", "FAIL", "SKIP", "XFAIL", "XPASS")}
    for kind, name, reason in results:
        counts[kind] += 1
        if args.verbose or kind != "PASS":
            label = {"XFAIL": "still failing", "XPASS": "now passing, remove the mark"}.get(kind, kind)
            print(f"{label}: {name}" + (f": {reason}" if reason else ""))
    failed = counts["FAIL"] + counts["XPASS"]
    skipped = counts["SKIP"] + counts["XFAIL"]
    print(f"{counts['PASS']} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
