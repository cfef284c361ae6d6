/* Evaluating expressions and statements in a frame, writing locals back,
 * and the one bounded, safe repr path for every value ctrace shows. */
#ifndef CTRACE_INSPECT_H
#define CTRACE_INSPECT_H

#include "compat.h"

#include <stddef.h>

#include "ctrace/commands.h"

struct session;

/* Size limits of inspect_repr, in characters. */
enum { REPR_LIMIT_PRINT = 20000, REPR_LIMIT_DISPLAY = 300 };

/* Return the selected frame of the current stop (borrowed), or NULL. */
PyFrameObject *inspect_selected_frame(struct session *s);

/* Evaluate expr in the selected frame. Return a new reference, or NULL
 * with the Python exception set. */
PyObject *inspect_eval(struct session *s, const char *expr);

/* Run a Python statement typed at the prompt in the selected frame;
 * expression statements echo their value. Errors are printed. */
enum cmd_result inspect_exec_statement(struct session *s, const char *text);

/* Return a malloc'd repr of value, at most limit characters, cut with a
 * notice of how much was cut, and safe for the output (control characters
 * escaped on a terminal). A repr that raises gives
 * "*** repr(x) failed: ExcType: message"; no exception is left set. */
char *inspect_repr(struct session *s, PyObject *value, size_t limit);

/* Print the current Python exception as one "*** ExcType: message" line
 * and clear it. */
void inspect_report_error(struct session *s);

/* Format exc (an exception object) as "ExcType: message" into a malloc'd
 * string. */
char *inspect_format_exception(PyObject *exc);

/* Return the frame's locals mapping (new reference): a dict snapshot
 * before 3.13, a write-through proxy from 3.13. */
PyObject *inspect_frame_locals(PyFrameObject *frame);

/* Return a new dict with frame's globals updated by its locals: the
 * namespace of `interact`. NULL with the exception set on failure. */
PyObject *inspect_namespace(PyFrameObject *frame);

/* Run code compiled in single mode, echoing expression values through
 * ctrace's output without rebinding builtins._ in the program. */
PyObject *inspect_run_echoing(PyObject *code, PyObject *globals, PyObject *locals);

/* Return 1 when condition cond is true in frame, 0 when false, -1 with
 * the Python exception set when it raised. */
int inspect_condition(struct session *s, PyFrameObject *frame, const char *cond);

#endif /* CTRACE_INSPECT_H */
