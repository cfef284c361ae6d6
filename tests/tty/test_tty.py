"""Terminal tests: drive the real ctrace in a tmux pane and read the screen.

Each session runs on its own tmux server (-L SOCKET, no config file) and
is killed at the end. Every wait polls the pane with a bound of a few
seconds, so a hang shows up as a failure instead of a stuck suite.
"""
import os
import pathlib
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402

TARGETS = ct.TARGETS.resolve()
WAIT_SECONDS = 8
EXIT_MARK = "CTRACE-EXIT="


class Pane:
    """One ctrace process in a detached tmux session on a private server."""

    def __init__(self, ctrace, args, home):
        self.socket = f"ctrace-test-{os.getpid()}-{time.monotonic_ns()}"
        env = {
            "HOME": str(home),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm",
            "NO_COLOR": "1",
        }
        # A sanitizer build reads its settings from these; keep them.
        env.update({key: value for key, value in os.environ.items() if key.endswith("SAN_OPTIONS")})
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        command = " ".join(shlex.quote(word) for word in [ctrace] + list(args))
        # The shell keeps the pane open after ctrace ends, so that its exit
        # status can be read from the screen.
        shell = f"env -i {exports} {command}; echo {EXIT_MARK}$?; exec sleep 600"
        self.tmux("new-session", "-d", "-s", "main", "-x", "160", "-y", "50", "-c", str(TARGETS), shell)

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.socket, "-f", "/dev/null"] + list(args),
                              capture_output=True, text=True, timeout=10)

    def screen(self):
        return self.tmux("capture-pane", "-p", "-t", "main", "-S", "-200").stdout

    def keys(self, *keys):
        self.tmux("send-keys", "-t", "main", *keys)

    def type(self, text):
        self.tmux("send-keys", "-t", "main", "-l", text)

    def wait_for(self, predicate):
        """Poll the screen until predicate(screen) is true; return the last screen."""
        deadline = time.monotonic() + WAIT_SECONDS
        text = self.screen()
        while not predicate(text) and time.monotonic() < deadline:
            time.sleep(0.05)
            text = self.screen()
        return text

    def wait_text(self, needle, count=1):
        return self.wait_for(lambda text: text.count(needle) >= count)

    def wait_prompts(self, count):
        """Wait until count prompts are on screen and the last line is a prompt."""
        return self.wait_for(lambda text: text.count(ct.PROMPT.rstrip()) >= count
                             and last_line(text).startswith(ct.PROMPT.rstrip()))

    def close(self):
        self.tmux("kill-server")


def last_line(text):
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def test_editing_session(ctrace, r, home):
    simple = TARGETS / "simple.py"
    pane = Pane(ctrace, ["-n", str(simple)], home)
    try:
        text = pane.wait_prompts(1)
        r.check("tty prompt appears", last_line(text) == ct.PROMPT.rstrip(), text)
        r.check("tty first stop shown", f"{simple}(1)<module>()" in text, text)

        pane.type("n")
        pane.keys("Enter")
        text = pane.wait_text(f"{simple}(3)<module>()")
        r.check("tty n steps", f"{simple}(3)<module>()" in text, text)

        pane.wait_prompts(2)
        pane.keys("Up")
        text = pane.wait_for(lambda screen: last_line(screen) == ct.PROMPT + "n")
        r.check("tty Up recalls command", last_line(text) == ct.PROMPT + "n", text)
        pane.keys("Enter")
        text = pane.wait_text(f"{simple}(7)<module>()")
        r.check("tty recalled command runs", f"{simple}(7)<module>()" in text, text)

        pane.wait_prompts(3)
        pane.type("whe")
        pane.keys("Tab")
        text = pane.wait_for(lambda screen: last_line(screen).startswith(ct.PROMPT + "where"))
        r.check("tty Tab completes where", last_line(text).rstrip() == ct.PROMPT + "where", text)
        pane.keys("Enter")
        text = pane.wait_text(f">  0 {simple}(7)<module>()")
        r.check("tty completed command runs", f">  0 {simple}(7)<module>()" in text, text)

        pane.wait_prompts(4)
        pane.type("p 12345 + 1")
        pane.wait_text("p 12345 + 1")
        pane.keys("C-c")
        text = pane.wait_text("--KeyboardInterrupt--")
        r.check("tty Ctrl-C at prompt", "--KeyboardInterrupt--" in text, text)
        text = pane.wait_prompts(5)
        r.check("tty Ctrl-C new prompt", last_line(text) == ct.PROMPT.rstrip(), text)
        pane.type("p 700 + 7")
        pane.keys("Enter")
        text = pane.wait_text("\n707\n")
        r.check("tty line after Ctrl-C runs", "\n707\n" in text, text)
        r.check("tty Ctrl-C discards line", "\n12346\n" not in text, text)

        pane.wait_prompts(6)
        pane.keys("C-d")
        text = pane.wait_text(EXIT_MARK)
        r.check("tty Ctrl-D quits", EXIT_MARK + "1" in text, text)
        r.check("tty Ctrl-D skips program", "total 3" not in text, text)
    finally:
        pane.close()

    history = home / "state" / "ctrace" / "history"
    r.check("tty history file written", history.is_file(), f"{history} missing")
    if history.is_file():
        mode = stat.S_IMODE(history.stat().st_mode)
        r.check("tty history mode 0600", mode == 0o600, f"mode {mode:o}")
        content = history.read_text(errors="replace")
        r.check("tty history keeps where", "where" in content, content)


def test_interrupt_running(ctrace, r, home):
    loop = TARGETS / "long_loop.py"
    pane = Pane(ctrace, ["-n", str(loop)], home)
    try:
        pane.wait_prompts(1)
        pane.type("c")
        pane.keys("Enter")
        text = pane.wait_text("looping")
        r.check("tty loop started", "looping" in text, text)
        pane.keys("C-c")
        text = pane.wait_prompts(2)
        stops = [f"{loop}({line})<module>()" for line in (5, 6, 7)]
        r.check("tty Ctrl-C stops running loop", any(stop in text for stop in stops), text)
        r.check("tty no traceback printed", "Traceback" not in text, text)
        r.check("tty no KeyboardInterrupt raised", "KeyboardInterrupt" not in text, text)
        pane.type("p count < 600")
        pane.keys("Enter")
        text = pane.wait_text("\nTrue\n")
        r.check("tty loop still running", "\nTrue\n" in text, text)
        pane.wait_prompts(3)
        pane.type("q")
        pane.keys("Enter")
        text = pane.wait_text(EXIT_MARK)
        r.check("tty quit after interrupt", EXIT_MARK + "1" in text, text)
    finally:
        pane.close()


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    if shutil.which("tmux") is None:
        reporter.skip("tty tests", "tmux is not installed (Debian package tmux)")
        reporter.exit()
    for test in (test_editing_session, test_interrupt_running):
        with tempfile.TemporaryDirectory() as home:
            try:
                test(ctrace, reporter, pathlib.Path(home))
            except subprocess.TimeoutExpired as exc:
                reporter.check(test.__name__, False, f"tmux timed out: {exc.cmd}")
    reporter.exit()


if __name__ == "__main__":
    main()
