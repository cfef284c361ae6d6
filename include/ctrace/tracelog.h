/* Trace mode: filters, event records and the writer behind
 * `ctrace --trace`. The tracer hands every event of the traced program
 * here; the chosen format (text, jsonl, chrome) writes it. */
#ifndef CTRACE_TRACELOG_H
#define CTRACE_TRACELOG_H

#include "compat.h"

#include <stddef.h>

struct options;
struct tracelog;

/* Open the log described by opts (format, destination, filters).
 * main_file is the canonical path of the script or module's file; its
 * directory is the user's code for the default filter. On failure return
 * NULL and write a one-line message (without "ctrace: ") into err. */
struct tracelog *tracelog_open(const struct options *opts, const char *main_file, char *err, size_t errlen);

/* Record one trace event. Called with the GIL held from the trace function
 * of any thread, for every event from the call of the script's module
 * frame on. what is PyTrace_CALL, PyTrace_LINE, PyTrace_RETURN or
 * PyTrace_EXCEPTION; arg is the trace function's argument. Never raises:
 * write failures are reported once on stderr and counted as dropped. */
void tracelog_event(struct tracelog *log, PyFrameObject *frame, int what, PyObject *arg);

/* Finish the log when the program has ended: write the summary if asked
 * for, close the destination and free log. exit_status is ctrace's exit
 * status; uncaught is the uncaught exception (borrowed) or NULL. Return 0,
 * or -1 when the log could not be completed (the message is already on
 * stderr). */
int tracelog_close(struct tracelog *log, int exit_status, PyObject *uncaught);

#endif /* CTRACE_TRACELOG_H */
