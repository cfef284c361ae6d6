/* The state of one ctrace run, passed explicitly to every subsystem. */
#ifndef CTRACE_SESSION_H
#define CTRACE_SESSION_H

#include "compat.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>

#include "ctrace/breakpoints.h"
#include "ctrace/options.h"
#include "ctrace/output.h"
#include "ctrace/stepper.h"

struct repl;
struct tracelog;

/* Why the debugger stopped. */
enum stop_reason {
	STOP_FIRST_LINE,
	STOP_STEP,
	STOP_BREAKPOINT,
	STOP_INTERRUPT,
	STOP_BREAKPOINT_CALL, /* breakpoint() in the target */
	STOP_POST_MORTEM,
};

/* One frame of the stack shown at a stop, oldest first. */
struct stack_entry {
	PyFrameObject *frame; /* owned */
	int line;
};

/* The stop being inspected at the prompt. */
struct stop {
	bool active;
	enum stop_reason reason;
	enum stop_event event;
	PyObject *retval;       /* return stops: the value, owned; NULL if by exception */
	bool by_exception;
	PyObject *exception;    /* exception stops and post-mortem: the exception, owned */
	struct stack_entry *stack;
	int depth;
	int selected;           /* index into stack */
	PyThreadState *tstate;
	int list_next;          /* where a repeated `list` continues, 0: around the line */
	bool can_jump;          /* a line event of the innermost frame */
	bool jumped;            /* `jump` moved the innermost frame */
	int bp_number;          /* the breakpoint that stopped, 0: none */
};

struct session {
	struct options *opts;
	struct output out;
	struct repl *repl;
	struct bp_table bps;
	struct stepper step;
	struct stop stop;
	struct tracelog *log; /* trace mode only */

	PyObject *main_code;   /* code object of the script or module, owned */
	char *main_file;       /* its canonical file name */
	PyObject *tracer;      /* the callable passed to PyEval_SetTrace, owned */
	PyObject *quit_type;   /* ctrace's private BaseException subclass, owned */
	PyObject *helpers;     /* the embedded helper module (pyhelpers.py), owned */
	PyThreadState *main_tstate;

	bool started;          /* the first line of the script was reached */
	bool finished;         /* the script returned or raised */
	bool quitting;
	int quit_status;
	size_t next_command;   /* index of the next queued -c/-x command */
	char *last_command;    /* repeated by an empty line */
	bool interactive;      /* commands may come from the terminal or stdin */
	int hit_bp;            /* number of the breakpoint behind this stop, 0: none */
	char *hit_cond_error;  /* its condition's error, malloc'd, or NULL */
	char **deferred;       /* commands after a resuming one on a `;;` line */
	size_t ndeferred;

	/* Ctrl-C: set by the SIGINT handler, read by the trace function. */
	volatile sig_atomic_t interrupt_requested;
	volatile sig_atomic_t at_prompt;

	/* One thread owns the prompt at a time. */
	pthread_mutex_t prompt_lock;

	/* Aliases, sorted by name. */
	char **alias_names;
	char **alias_values;
	size_t nalias;

	/* Bumped when breakpoints or stepping change, so per-code caches
	 * are recomputed lazily. */
	unsigned generation;
};

/* The session of this process. Signal handlers, the at-fork hook and the
 * trace function's C callbacks need it; all other code gets it passed. */
extern struct session *current_session;

#endif /* CTRACE_SESSION_H */
