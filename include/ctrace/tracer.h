/* The C trace function installed with PyEval_SetTrace, its callable
 * tracer object, and the hooks that keep it installed in every thread. */
#ifndef CTRACE_TRACER_H
#define CTRACE_TRACER_H

#include "compat.h"

#include <stdbool.h>

struct session;

/* Create the tracer object and its Python types; call once after
 * Py_Initialize. Return 0, or -1 with a Python exception set. */
int tracer_init(struct session *s);

/* Install the trace function in the calling thread and arrange for new
 * threads (threading.settrace) and forked children. */
int tracer_install(struct session *s);

/* Remove the trace function from the calling thread and stop installing
 * it in new threads. */
void tracer_uninstall(struct session *s);

/* Release the tracer's Python objects; call before Py_FinalizeEx. */
void tracer_free(struct session *s);

/* Return the canonical file name of a code object (borrowed C string,
 * valid while the code object lives), or NULL with no exception set when
 * it has none. */
const char *tracer_code_file(struct session *s, PyCodeObject *code);

/* Return true when an enabled breakpoint is in code's file. */
bool tracer_code_has_breakpoint(struct session *s, PyCodeObject *code);

/* Check the breakpoints at line of frame (conditions, ignore counts) and
 * stop there when one fires. Return 0, or -1 with the quit exception set. */
int tracer_breakpoint_line(struct session *s, PyFrameObject *frame, PyCodeObject *code, int line);

/* Install the trace function in every thread and in new threads. */
int tracer_install_all_threads(struct session *s);

/* Remove the trace function from every thread and from new threads. */
int tracer_remove_all_threads(struct session *s);

#endif /* CTRACE_TRACER_H */
