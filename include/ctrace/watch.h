/* Displays, watchpoints and catchpoints: the checks the tracer runs for
 * them, and what a stop prints for them. */
#ifndef CTRACE_WATCH_H
#define CTRACE_WATCH_H

#include "compat.h"

#include <stdbool.h>

struct session;

/* At a line event of frame: return true when a watchpoint of frame
 * changed value; the stop's message is left in s->watch_message. */
bool watch_check_line(struct session *s, PyFrameObject *frame);

/* At the final return of frame: drop its displays and watchpoints,
 * saying so for watchpoints. */
void watch_frame_ended(struct session *s, PyFrameObject *frame);

/* At an exception event: return true when a catchpoint matches arg (the
 * event's (type, value, traceback) tuple) where it is first raised. */
bool watch_catch_raised(struct session *s, PyObject *arg);

/* Print the displays of frame whose value changed since the last stop. */
void watch_show_displays(struct session *s, PyFrameObject *frame);

/* Delete watchpoint number; return false when there is none. */
bool watch_delete_number(struct session *s, int number);

/* Free every display and watchpoint. */
void watch_free_all(struct session *s);

#endif /* CTRACE_WATCH_H */
