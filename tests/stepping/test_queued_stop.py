"""A thread that hit a breakpoint while another thread owned the prompt
does not stop once that breakpoint is deleted before its turn."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    script = str(ct.TARGETS / "two_workers.py")
    # The sleep at the first stop lets the other worker reach the
    # breakpoint and wait for the prompt before the breakpoint goes.
    commands = ["b 9", "c", "import time; time.sleep(0.5)", "cl 1", "c"]
    proc = ct.run(ctrace, ["-n", script], stdin="".join(c + "\n" for c in commands))
    stops = proc.stdout.count("two_workers.py(9)worker()")
    reporter.check("one worker stops once", stops == 1, proc.stdout)
    reporter.check("deleted breakpoint drops queued hit", proc.stdout.count("[thread W") == 1, proc.stdout)
    reporter.check("both workers finish", "all done" in proc.stdout and proc.stdout.count("worker W") == 2, proc.stdout)
    reporter.check("queued stop exit status", proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr}")
    reporter.exit()


if __name__ == "__main__":
    main()
