/* Stops: what the debugger prints and runs when the program stops, and
 * the prompt loop that reads commands until one resumes the program. */
#ifndef CTRACE_DEBUGGER_H
#define CTRACE_DEBUGGER_H

#include "compat.h"

#include "ctrace/session.h"

/* Stop the program at frame for the given reason and event and run the
 * prompt. arg is the event argument (return value, exception tuple).
 * Return 0 to let the program go on, or -1 with ctrace's quit exception
 * set. */
int debugger_stop(struct session *s, PyFrameObject *frame, enum stop_reason reason, enum stop_event ev, PyObject *arg, bool by_exception);

/* Stop at frame for breakpoint bp_number, whose condition raised when
 * cond_error (malloc'd, taken over) is set. A breakpoint deleted or
 * disabled while the thread waited for the prompt does not stop. */
int debugger_stop_at_breakpoint(struct session *s, PyFrameObject *frame, int bp_number, char *cond_error);

/* Run the post-mortem prompt for an uncaught exception exc (borrowed).
 * Return the exit status to use. */
int debugger_post_mortem(struct session *s, PyObject *exc);

/* Stop for `catch uncaught`: exc (borrowed) is leaving a thread's
 * outermost frame. traceback (borrowed, may be NULL: then exc's own) gives
 * the frames. Return 0, or -1 with the quit exception set. */
int debugger_stop_uncaught(struct session *s, PyObject *exc, PyObject *traceback);

/* Queue the rest of a `;;` line behind a resuming command, to run at the
 * next stop. */
void debugger_defer_commands(struct session *s, const char *text);

/* Print the location lines of stack entry index in the where format. */
void debugger_print_entry(struct session *s, int index, bool marker);

/* Select stack entry index and reset the `list` position. */
void debugger_select(struct session *s, int index);

/* Make line the next line of the innermost frame (the `jump` command).
 * Return false, after printing why, when the interpreter refuses. */
bool debugger_jump(struct session *s, int line);

/* Outcome of debugger_read_line. */
enum input_status { INPUT_LINE, INPUT_EOF, INPUT_INTERRUPT, INPUT_BATCH_DONE };

/* Read one line for a command that needs more input (`commands`),
 * from the same sources as the prompt, showing prompt. */
enum input_status debugger_read_line(struct session *s, const char *prompt, char **line);

/* Return the stack from frame up through its callers, oldest first, with
 * owned frame references; store its depth. */
struct stack_entry *debugger_collect_stack(PyFrameObject *frame, int *depth);

/* Release the stack of the current stop. */
void debugger_clear_stop(struct session *s);

/* Return the canonical file of the selected frame (borrowed). */
const char *debugger_selected_file(struct session *s);

#endif /* CTRACE_DEBUGGER_H */
