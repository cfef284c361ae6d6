/* The state of one ctrace run, passed explicitly to every subsystem. */
#ifndef CTRACE_SESSION_H
#define CTRACE_SESSION_H

#include "compat.h"

#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

#include "ctrace/breakpoints.h"
#include "ctrace/options.h"
#include "ctrace/output.h"
#include "ctrace/stepper.h"

struct repl;
struct tracelog;

/* A display (shown at stops when its value changed) or a watchpoint (a
 * stop after the line that changed its value), tied to one frame. */
struct watch_item {
	int number;
	bool is_watch;
	PyFrameObject *frame; /* owned */
	char *expr;
	char *last; /* bounded repr of the last value seen, or an error text */
};

/* The cause of a stop. */
enum stop_reason {
	STOP_FIRST_LINE,
	STOP_STEP,
	STOP_BREAKPOINT,
	STOP_INTERRUPT,
	STOP_BREAKPOINT_CALL, /* breakpoint() in the target */
	STOP_POST_MORTEM,
	STOP_WATCH,
	STOP_CATCH,
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

	/* `thread N` shows another thread's stack; the stopped thread's own
	 * stack waits here until `thread` switches back. */
	struct stack_entry *home_stack;
	int home_depth;
	int home_selected;
	unsigned long viewed_thread; /* thread ident shown, 0: the stopped thread */
};

struct session {
	struct options *opts;
	struct output out;
	struct repl *repl;
	struct bp_table bps;
	struct stepper step;
	struct stop stop;
	struct tracelog *log; /* trace mode only */

	PyObject *main_code;   /* code object of the -m module, or of the script
	                        * once its first event shows it; owned */
	char *main_file;       /* its canonical file name */
	char *script_path;     /* the script's absolute path, as python compiles it */
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
	int hit_bp;            /* number of the breakpoint behind this stop, 0: none */
	char *hit_cond_error;  /* its condition's error, malloc'd, or NULL */
	bool swallow_end;      /* a `commands` list ended at a resuming command */
	char **deferred;       /* commands after a resuming one on a `;;` line */
	size_t ndeferred;

	/* Ctrl-C: set by the SIGINT handler, read by the trace function. */
	volatile sig_atomic_t interrupt_requested;
	volatile sig_atomic_t at_prompt;

	/* A stop's header while it is composed, see debugger.c. */
	FILE *header_fp;
	FILE *header_real_fp;
	char *header_text;
	size_t header_len;

	/* One thread owns the prompt at a time. */
	pthread_mutex_t prompt_lock;

	/* Displays and watchpoints, in creation order. */
	struct watch_item *watches;
	size_t nwatches;
	size_t nwatchpoints;   /* how many of them are watchpoints */
	int last_watch_number;
	char *watch_message;   /* what the watchpoint stop reports, malloc'd */

	/* `catch`: exception type names, or any exception. */
	char **catch_types;
	size_t ncatch;
	bool catch_any;
	bool catch_uncaught;
	PyObject *caught_uncaught; /* the exception `catch uncaught` stopped for, owned */

	/* `skip`: module patterns that step and next never stop in. */
	char **skip_patterns;
	size_t nskip;
	bool skip_stdlib;
	unsigned skip_generation; /* bumped when the skip list changes */
	bool skip_reported;       /* the current command reported skipped frames */

	/* `restart`: the program is unwinding to run again. */
	bool restarting;
	char **restart_argv; /* new sys.argv[1:], or NULL to keep it */
	int restart_argc;

	/* The sys.monitoring fast path (3.12+), see monitor.h. */
	PyObject *monitoring;      /* the sys.monitoring module, owned; NULL: unavailable */
	PyObject *monitor_codes;   /* set of code objects with line events enabled, owned */
	bool monitor_on;

	/* Aliases, sorted by name. */
	char **alias_names;
	char **alias_values;
	size_t nalias;
};

/* The session of this process. Signal handlers, the at-fork hook and the
 * trace function's C callbacks need it; all other code gets it passed. */
extern struct session *current_session;

#endif /* CTRACE_SESSION_H */
