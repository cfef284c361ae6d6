"""Inspection checks that a transcript cannot express: size limits on
reprs, compound statements on '... ' lines, raw output into a pipe,
colour forced into a pipe, init files and deleting a watchpoint.

Every check runs the real ctrace binary on a script in tests/targets with
stdin and stdout as pipes.
"""
import os
import pathlib
import re
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "lib"))
import ctracetest as ct  # noqa: E402

TARGETS = ct.TARGETS.resolve()
CUT_NOTICE = re.compile(r"\.\.\. \[(\d+) more characters cut\]$")


def session(ctrace, args, commands, env=None, cwd=None):
    """Run ctrace with one command per line on stdin; return the process."""
    stdin = "".join(command + "\n" for command in commands)
    return ct.run(ctrace, args, stdin=stdin, env=env, cwd=cwd)


def answer_lines(stdout):
    """Return the text printed after each prompt, one entry per prompt."""
    return stdout.split(ct.PROMPT)[1:]


def test_repr_size_limit(ctrace, r):
    values = str(TARGETS / "inspect_values.py")
    proc = session(ctrace, ["-n", values], ["b 44", "c", "p huge", "p thousand", "display thousand", "c"])
    answers = answer_lines(proc.stdout)
    r.check("size limit session exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
    if len(answers) < 5:
        r.check("size limit prompts", False, proc.stdout[-2000:])
        return

    huge_line = answers[2].rstrip("\n")
    notice = CUT_NOTICE.search(huge_line)
    r.check("1.5 MB repr is cut", len(huge_line) < 200000, f"{len(huge_line)} characters printed")
    r.check("cut repr names the cut size", notice is not None, huge_line[-200:])
    if notice:
        shown_length = len(huge_line) - len(notice.group(0))
        full = len(repr("x" * 1500000))
        r.check("cut size adds up", shown_length + int(notice.group(1)) == full,
                f"{shown_length} shown + {notice.group(1)} cut != {full}")
        r.check("cut repr starts as repr", huge_line.startswith("'xxxx"), huge_line[:40])

    thousand = "'" + "y" * 1000 + "'"
    r.check("p shows 1000 characters whole", answers[3].rstrip("\n") == thousand, answers[3][-200:])
    display_line = answers[4].rstrip("\n")
    r.check("display cuts 1000 characters", CUT_NOTICE.search(display_line) is not None, display_line[-200:])
    r.check("display cut starts with name", display_line.startswith("display thousand: 'yyy"), display_line[:60])


def test_repr_errors_keep_status(ctrace, r):
    """A __repr__ raising SystemExit(9) or KeyboardInterrupt changes nothing."""
    values = str(TARGETS / "inspect_values.py")
    commands = ["b 44", "c", "p exits", "p interrupts", "display exits", "pp interrupts", "c"]
    proc = session(ctrace, ["-n", values], commands)
    r.check("repr SystemExit keeps status 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
    r.check("repr errors let program finish", "done ababab\n" in proc.stdout, proc.stdout[-500:])
    r.check("pp repr KeyboardInterrupt reported",
            "*** repr(InterruptRepr) failed: KeyboardInterrupt" in proc.stdout, proc.stdout[-800:])
    r.check("no traceback on stderr", "Traceback" not in proc.stderr, proc.stderr)


def test_compound_statements(ctrace, r):
    frame = str(TARGETS / "inspect_frame.py")
    commands = [
        "b 8", "c",
        "for i in range(2):", "    print('loop', i, base)", "",
        "if base > 5:", "    print('big')", "else:", "    print('small')", "",
        "def twice(v):", "    return v * 2", "",
        "twice(base)",
        "!factor = 5",
        "c",
    ]
    proc = session(ctrace, ["-n", frame], commands)
    out = proc.stdout
    r.check("for loop runs at prompt", "loop 0 10\nloop 1 10\n" in out, out)
    r.check("for loop continuation prompts", "(ctrace) ... ... loop 0 10" in out, out)
    r.check("if/else takes if branch", "... ... ... ... big\n" in out, out)
    r.check("if/else skips else branch", "small" not in out, out)
    r.check("def then call", "(ctrace) ... ... (ctrace) 20\n" in out, out)
    r.check("!stmt assignment used by program", "scaled 53\n" in out, out)
    r.check("compound session exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")


def test_raw_output_in_pipe(ctrace, r):
    """Into a pipe, control characters in values and source pass unchanged."""
    escapes = str(TARGETS / "inspect_escapes.py")
    proc = session(ctrace, ["-n", escapes], ["n", "n", "n", "p painted", "list 10, 10", "c"])
    out = proc.stdout
    r.check("pipe value passes ESC raw", "(ctrace) \x1b[31mred\x1b[0m\x07\n" in out, repr(out[-600:]))
    r.check("pipe stop line passes ESC raw", "-> banner = \"tab\\there \x1b[7mINVERSE" in out, repr(out[-600:]))
    r.check("pipe list passes ESC raw", "\t" + "banner = \"tab\\there \x1b[7mINVERSE\x1b[0m bell\x07 end\"" in out,
            repr(out[-600:]))


def test_colour_in_pipe(ctrace, r):
    simple = str(TARGETS / "simple.py")
    commands = ["list 1, 3", "c"]
    with tempfile.TemporaryDirectory() as home:
        plain = session(ctrace, ["-n", simple], commands, env=ct.clean_env(home, TERM="xterm"))
        r.check("pipe has no colour by default", "\x1b[" not in plain.stdout, repr(plain.stdout[:300]))

        always = session(ctrace, ["-n", "--color=always", simple], commands, env=ct.clean_env(home, TERM="xterm"))
        r.check("--color=always colours list in pipe", "\x1b[" in always.stdout.split(ct.PROMPT)[1],
                repr(always.stdout[:300]))
        r.check("--color=always colours location", "\x1b[" in always.stdout.split(ct.PROMPT)[0],
                repr(always.stdout[:300]))

        forced = session(ctrace, ["-n", simple], commands, env=ct.clean_env(home, TERM="xterm", FORCE_COLOR="1"))
        r.check("FORCE_COLOR colours list in pipe", "\x1b[" in forced.stdout, repr(forced.stdout[:300]))

        never = session(ctrace, ["-n", "--color=never", simple], commands,
                        env=ct.clean_env(home, TERM="xterm", FORCE_COLOR="1"))
        r.check("--color=never beats FORCE_COLOR", "\x1b[" not in never.stdout, repr(never.stdout[:300]))


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def init_env(home, cwd):
    """Return an environment with private config and state directories and PWD set to cwd."""
    return ct.clean_env(home, XDG_CONFIG_HOME=str(home / "config"), XDG_STATE_HOME=str(home / "state"), PWD=str(cwd))


def test_init_files(ctrace, r):
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp).resolve()
        home = tmp / "home"
        project = tmp / "project"
        project.mkdir()
        script = str(TARGETS / "simple.py")
        user_rc = home / "config" / "ctrace" / "ctracerc"
        project_rc = project / ".ctracerc"
        write(user_rc, "p 'user rc ran'\n")
        write(project_rc, "p 'project rc ran'\n")
        env = init_env(home, project)

        proc = session(ctrace, [script], ["q"], env=env, cwd=str(project))
        r.check("user ctracerc runs at first stop",
                "-> import sys\n(ctrace) p 'user rc ran'\n'user rc ran'\n" in proc.stdout, proc.stdout)
        r.check("untrusted .ctracerc not run", "project rc ran" not in proc.stdout, proc.stdout)
        r.check("untrusted .ctracerc noted on stderr", ".ctracerc" in proc.stderr, proc.stderr)
        r.check("skip note names absolute path", str(project_rc) in proc.stderr, proc.stderr)
        r.check("skip note not on stdout", "not trusted" not in proc.stdout, proc.stdout)

        # The current directory is the process's, whatever $PWD says.
        stale = dict(env, PWD=str(tmp))
        proc = session(ctrace, [script], ["q"], env=stale, cwd=str(project))
        r.check("skip note ignores stale PWD", str(project_rc) in proc.stderr, proc.stderr)

        write(user_rc, f"p 'user rc ran'\ntrust {project_rc}\n")
        proc = session(ctrace, [script], ["q"], env=env, cwd=str(project))
        r.check("trusted .ctracerc runs", "'project rc ran'\n" in proc.stdout, proc.stdout)
        r.check("user rc runs before .ctracerc",
                proc.stdout.find("user rc ran") < proc.stdout.find("project rc ran"), proc.stdout)
        r.check("trusted .ctracerc no skip note", "not trusted" not in proc.stderr, proc.stderr)

        proc = session(ctrace, ["-n", script], ["q"], env=env, cwd=str(project))
        r.check("-n skips user ctracerc", "user rc ran" not in proc.stdout, proc.stdout)
        r.check("-n skips trusted .ctracerc", "project rc ran" not in proc.stdout, proc.stdout)

        write(user_rc, "")
        proc = session(ctrace, ["--init-file=.ctracerc", script], ["q"], env=env, cwd=str(project))
        r.check("--init-file runs named file", "'project rc ran'\n" in proc.stdout, proc.stdout)
        r.check("--init-file no skip note", "not trusted" not in proc.stderr, proc.stderr)

        # A trust line names one file: "./.ctracerc" must not trust the
        # .ctracerc of whatever directory ctrace is started in.
        elsewhere = tmp / "cloned"
        write(elsewhere / ".ctracerc", "p 'cloned rc ran'\n")
        write(user_rc, "trust ./.ctracerc\n")
        proc = session(ctrace, [script], ["q"], env=init_env(home, elsewhere), cwd=str(elsewhere))
        r.check("relative trust not every directory", "cloned rc ran" not in proc.stdout, proc.stdout)


def test_watch_delete(ctrace, r):
    """gdb's `delete N` removes a watchpoint, numbered after breakpoint 1."""
    changes = str(TARGETS / "inspect_changes.py")
    commands = ["b 13", "c", "watch items", "delete 2", "info watchpoints", "cl 1", "c"]
    proc = session(ctrace, ["-n", changes], commands)
    answers = answer_lines(proc.stdout)
    r.check("watch delete session exits 0", proc.returncode == 0, f"status {proc.returncode}: {proc.stderr}")
    if len(answers) < 7:
        r.check("watch delete prompts", False, proc.stdout)
        return
    r.check("watch listed empty after delete", "items" not in answers[4], answers[4])
    r.check("deleted watch never stops", "Watchpoint" not in answers[6], answers[6])
    r.check("program ends after deleted watch", "answer 19\n" in answers[6], answers[6])


def main():
    ctrace = ct.parse_ctrace_arg()
    reporter = ct.Reporter()
    tests = (test_repr_size_limit, test_repr_errors_keep_status, test_compound_statements,
             test_raw_output_in_pipe, test_colour_in_pipe, test_init_files, test_watch_delete)
    for test in tests:
        test(ctrace, reporter)
    reporter.exit()


if __name__ == "__main__":
    main()
