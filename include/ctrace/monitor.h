/* The sys.monitoring fast path (CPython 3.12+): while nothing is being
 * stepped, watched or caught, ctrace's legacy trace function is removed
 * and line events are enabled only in code objects whose lines contain a
 * breakpoint. A breakpoint hit hands the stop to the debugger, and a
 * command that steps switches back to the trace function. */
#ifndef CTRACE_MONITOR_H
#define CTRACE_MONITOR_H

#include <stdbool.h>

struct session;

/* The sys.monitoring tool id ctrace claims: not DEBUGGER_ID (0), which
 * pdb takes for breakpoint() from 3.14. */
enum { MONITOR_TOOL_ID = 4 };

/* Claim the tool id and register the callbacks. Return 0, or -1 with the
 * Python exception set. Does nothing before 3.12. */
int monitor_init(struct session *s);

/* After a stop, choose how the program runs on: the fast path when the
 * session allows it, else the trace function in every thread. */
void monitor_choose_mode(struct session *s);

/* Switch back to the trace function in every thread, e.g. for Ctrl-C. */
void monitor_leave(struct session *s);

/* Return true while the fast path runs the program. */
bool monitor_active(const struct session *s);

/* Release the tool id. */
void monitor_free(struct session *s);

#endif /* CTRACE_MONITOR_H */
