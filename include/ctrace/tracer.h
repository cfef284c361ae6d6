/* The C trace function installed with PyEval_SetTrace, its callable
 * tracer object, and the hooks that keep it installed in every thread. */
#ifndef CTRACE_TRACER_H
#define CTRACE_TRACER_H

#include "compat.h"

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

#endif /* CTRACE_TRACER_H */
