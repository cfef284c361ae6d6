"""Inspection in a real terminal: ctrace runs in a tmux pane and the
checks read the screen, with `capture-pane -e` when escape sequences
matter.

Every session has its own tmux server (-L SOCKET, no config file) that is
killed at the end, and every wait polls the screen for at most
WAIT_SECONDS, so a hang is reported as a failure.
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
STATUS_MARK = "EXIT-STATUS="
PROMPT = ct.PROMPT.rstrip()


class Terminal:
    """ctrace in a detached 160x50 tmux session on a private server."""

    def __init__(self, ctrace, args, home, **env_overrides):
        self.server = f"ctrace-inspect-{os.getpid()}-{time.monotonic_ns()}"
        env = {
            "HOME": str(home),
            "XDG_STATE_HOME": str(home / "state"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            # What tmux itself sets inside a pane, so Home and End match its key codes.
            "TERM": "tmux-256color",
            "PWD": str(TARGETS),
        }
        env.update(env_overrides)
        # A sanitizer build reads its settings from these; keep them.
        env.update({key: value for key, value in os.environ.items() if key.endswith("SAN_OPTIONS")})
        assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        command = " ".join(shlex.quote(word) for word in [ctrace] + list(args))
        # The pane stays open after ctrace ends so that the status stays readable.
        shell = f"env -i {assignments} {command}; echo {STATUS_MARK}$?; exec sleep 600"
        self.tmux("new-session", "-d", "-s", "t", "-x", "160", "-y", "50", "-c", str(TARGETS), shell)
        self.prompts_seen = 0

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.server, "-f", "/dev/null"] + list(args),
                              capture_output=True, text=True, timeout=10)

    def screen(self, escapes=False):
        flags = ["-p", "-J", "-t", "t", "-S", "-500"] + (["-e"] if escapes else [])
        return self.tmux("capture-pane", *flags).stdout

    def wait_until(self, predicate, escapes=False):
        """Poll the screen until predicate(screen) is true or time runs out; return the screen."""
        deadline = time.monotonic() + WAIT_SECONDS
        text = self.screen(escapes)
        while not predicate(text) and time.monotonic() < deadline:
            time.sleep(0.05)
            text = self.screen(escapes)
        return text

    def wait_prompt(self):
        """Wait for one more prompt than seen so far, on the last line."""
        self.prompts_seen += 1
        wanted = self.prompts_seen
        return self.wait_until(lambda text: count_prompts(text) >= wanted and last_line(text).startswith(PROMPT))

    def type(self, text):
        self.tmux("send-keys", "-t", "t", "-l", text)

    def keys(self, *names):
        self.tmux("send-keys", "-t", "t", *names)

    def run(self, command):
        """Type command, press Enter and wait for the next prompt; return the screen."""
        self.type(command)
        self.keys("Enter")
        return self.wait_prompt()

    def quit(self):
        """Type q and wait for the shell to print ctrace's exit status; return the screen."""
        self.type("q")
        self.keys("Enter")
        return self.wait_until(lambda screen: STATUS_MARK in screen)

    def close(self):
        self.tmux("kill-server")


def count_prompts(text):
    return sum(1 for line in text.splitlines() if line.startswith(PROMPT))


def last_line(text):
    """Return the last non-empty screen line without trailing blanks."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def after_last_prompt_command(text, command):
    """Return the screen text after the last line that reads PROMPT + command."""
    text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    marker = ct.PROMPT + command + "\n"
    index = text.rfind(marker)
    return text[index + len(marker):] if index >= 0 else ""


def test_completion(ctrace, r, home):
    paths = TARGETS / "inspect_paths.py"
    term = Terminal(ctrace, ["-n", str(paths)], home, NO_COLOR="1")
    try:
        term.wait_prompt()
        term.run("until 6")

        term.type("wha")
        term.keys("Tab")
        text = term.wait_until(lambda screen: last_line(screen).startswith(ct.PROMPT + "whatis"))
        r.check("Tab completes command name", last_line(text) == ct.PROMPT + "whatis", text)
        term.keys("C-u")

        term.run("b 5")
        term.type("disable ")
        term.keys("Tab")
        text = term.wait_until(lambda screen: last_line(screen) == ct.PROMPT + "disable 1")
        r.check("Tab completes breakpoint number", last_line(text) == ct.PROMPT + "disable 1", text)
        term.keys("C-u")

        term.type("p settings_c")
        term.keys("Tab")
        text = term.wait_until(lambda screen: "settings_count" in last_line(screen))
        r.check("Tab completes frame name", last_line(text) == ct.PROMPT + "p settings_count", text)
        term.keys("Enter")
        text = term.wait_prompt()
        r.check("completed name evaluates", after_last_prompt_command(text, "p settings_count").startswith("2\n"), text)

        term.type("p os.path.isa")
        term.keys("Tab")
        text = term.wait_until(lambda screen: "os.path.isabs" in last_line(screen))
        r.check("Tab completes dotted attribute", last_line(text).startswith(ct.PROMPT + "p os.path.isabs"), text)
        term.keys("C-u")

        term.type("p os.pa")
        term.keys("Tab")
        term.keys("Tab")
        text = term.wait_until(lambda screen: "pardir" in screen)
        r.check("Tab lists os.pa candidates", "pardir" in text and "pathsep" in text, text)
        term.keys("C-u")

        for command in ("break", "tbreak", "clear"):
            term.type(f"{command} inspect_pa")
            term.keys("Tab")
            wanted = f"{ct.PROMPT}{command} inspect_paths.py"
            text = term.wait_until(lambda screen: last_line(screen).startswith(wanted))
            r.check(f"Tab completes path after {command}", last_line(text).startswith(wanted), text)
            term.keys("C-u")

        term.quit()
    finally:
        term.close()


def test_history(ctrace, r, home):
    simple = TARGETS / "simple.py"
    term = Terminal(ctrace, ["-n", str(simple)], home, NO_COLOR="1")
    try:
        term.wait_prompt()
        term.run("p 'first'")
        term.run("p 'second'")
        term.keys("Up")
        term.keys("Up")
        text = term.wait_until(lambda screen: last_line(screen) == ct.PROMPT + "p 'first'")
        r.check("Up twice recalls older command", last_line(text) == ct.PROMPT + "p 'first'", text)
        term.keys("Enter")
        text = term.wait_prompt()
        r.check("recalled command runs", text.count("'first'\n") >= 2 or text.count("\n'first'") >= 2, text)
        term.quit()
    finally:
        term.close()

    history = home / "state" / "ctrace" / "history"
    r.check("history file exists", history.is_file(), f"{history} is missing")
    if history.is_file():
        mode = stat.S_IMODE(history.stat().st_mode)
        r.check("history file mode 0600", mode == 0o600, f"mode {mode:o}")


def colour_screen(ctrace, home, args, **env):
    """Stop in scale(), run list and longlist in a pane; return the screen with escapes."""
    frame = TARGETS / "inspect_frame.py"
    term = Terminal(ctrace, args + ["-n", str(frame)], home, **env)
    try:
        term.wait_prompt()
        term.run("b 8")
        term.run("c")
        term.run("list")
        term.run("longlist")
        term.quit()
        return term.screen(escapes=True)
    finally:
        term.close()


def test_colour(ctrace, r, home):
    text = colour_screen(ctrace, home, [])
    listing = text[text.find("list\n"):text.find("longlist\n")]
    whole = text[text.find("longlist\n"):]
    location = [line for line in text.splitlines() if "inspect_frame.py" in line and "scale" in line]
    r.check("list coloured on terminal", "\x1b[" in listing, repr(listing[:400]))
    r.check("longlist coloured on terminal", "\x1b[" in whole, repr(whole[:400]))
    r.check("location coloured on terminal", bool(location) and "\x1b[" in location[0], repr(location[:1]))

    cases = [("--color=never", ["--color=never"], {}), ("NO_COLOR=1", [], {"NO_COLOR": "1"}),
             ("TERM=dumb", [], {"TERM": "dumb"})]
    for label, args, env in cases:
        text = colour_screen(ctrace, home, args, **env)
        body = text[:text.find(STATUS_MARK)] if STATUS_MARK in text else text
        r.check(f"{label} lists without colour", "longlist" in body and "\x1b[" not in body, repr(body[-400:]))


def test_prompt_editing(ctrace, r, home):
    """Ctrl-A, Ctrl-E, Home and End reach the real ends of a long line after a coloured prompt."""
    simple = TARGETS / "simple.py"
    term = Terminal(ctrace, ["-n", "--color=always", str(simple)], home)
    try:
        term.wait_prompt()
        long_text = "z" * 150
        term.type(f"len('{long_text}')")
        term.wait_until(lambda screen: "zzz')" in screen)
        term.keys("C-a")
        term.type("p 1 + ")
        term.keys("C-e")
        term.type(" * 2")
        term.keys("Enter")
        text = term.wait_prompt()
        r.check("Ctrl-A edit of long line runs", "\n301\n" in text, text[-800:])

        term.type(f"len('{long_text}')")
        term.wait_until(lambda screen: screen.count("zzz')") >= 2)
        term.keys("Home")
        term.type("p 2 + ")
        term.keys("End")
        term.type(" + 3")
        term.keys("Enter")
        text = term.wait_prompt()
        r.check("Home/End edit of long line runs", "\n155\n" in text, text[-800:])
        term.quit()
    finally:
        term.close()


def test_escaped_values(ctrace, r, home):
    """Control characters from the program never reach the terminal raw."""
    escapes = TARGETS / "inspect_escapes.py"
    term = Terminal(ctrace, ["-n", str(escapes)], home, NO_COLOR="1")
    try:
        term.wait_prompt()
        term.run("until 10")
        term.run("p painted")
        term.run("list 10, 10")
        plain = term.screen()
        coded = term.screen(escapes=True)
        term.quit()
    finally:
        term.close()
    r.check("value text visible", "red" in after_last_prompt_command(plain, "p painted"), plain)
    r.check("source text visible", "INVERSE" in plain, plain)
    r.check("value escape shown as text", "[31m" in after_last_prompt_command(plain, "p painted"), plain)
    r.check("no raw escape reaches terminal", "\x1b[" not in coded, repr(coded[-600:]))


def test_interact(ctrace, r, home):
    frame = TARGETS / "inspect_frame.py"
    term = Terminal(ctrace, ["-n", str(frame)], home, NO_COLOR="1")
    try:
        term.wait_prompt()
        term.run("b 8")
        term.run("c")
        term.type("interact")
        term.keys("Enter")
        text = term.wait_until(lambda screen: last_line(screen).startswith(">>>"))
        r.check("interact shows console prompt", last_line(text).startswith(">>>"), text)
        term.type("base = 999")
        term.keys("Enter")
        term.type("print('console sees', base, factor)")
        term.keys("Enter")
        text = term.wait_until(lambda screen: "console sees 999 2" in screen)
        r.check("interact sees frame names", "console sees 999 2" in text, text)
        term.keys("C-d")
        text = term.wait_prompt()
        r.check("Ctrl-D returns to ctrace", last_line(text).startswith(PROMPT), text)
        text = term.run("p base")
        r.check("interact leaves frame local", after_last_prompt_command(text, "p base").startswith("10\n"), text)
        term.type("c")
        term.keys("Enter")
        text = term.wait_until(lambda screen: STATUS_MARK in screen)
        r.check("program keeps its values", "scaled 23" in text, text)
        r.check("program exits 0 after interact", STATUS_MARK + "0" in text, text)
    finally:
        term.close()


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    if shutil.which("tmux") is None:
        reporter.skip("terminal tests", "tmux is not installed (Debian package tmux)")
        reporter.exit()
    tests = (test_completion, test_history, test_colour, test_prompt_editing, test_escaped_values, test_interact)
    for test in tests:
        with tempfile.TemporaryDirectory() as home:
            try:
                test(ctrace, reporter, pathlib.Path(home))
            except subprocess.TimeoutExpired as exc:
                reporter.check(test.__name__, False, f"tmux did not answer: {exc.cmd}")
    reporter.exit()


if __name__ == "__main__":
    main()
