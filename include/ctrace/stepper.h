/* The wait of a running command: step, next, until, return, finish or
 * continue, and the decision whether an event ends the wait. */
#ifndef CTRACE_STEPPER_H
#define CTRACE_STEPPER_H

#include "compat.h"

#include <stdbool.h>

enum step_kind {
	STEP_CONTINUE,  /* only breakpoints and interrupts stop */
	STEP_STEP,      /* any event in the stepping thread */
	STEP_NEXT,      /* a line or the return of `frame` */
	STEP_UNTIL,     /* a line >= `line` in `frame`, or its return */
	STEP_RETURN,    /* the return of `frame` */
	STEP_FINISH,    /* the return of `frame`, then the next line of its caller */
	STEP_IN_CALLER, /* the next line of `frame` (finish after the return) */
	STEP_NONE,      /* never stop again: --batch ran out of commands, or quit */
};

enum stop_event { EV_CALL, EV_LINE, EV_RETURN, EV_EXCEPTION };

struct stepper {
	enum step_kind kind;
	PyFrameObject *frame;   /* owned reference, or NULL */
	PyThreadState *tstate;  /* the thread that issued the command */
	int line;               /* STEP_UNTIL: the first line that stops */
	long count;             /* further stops to skip for `step N`, `next N` */
	PyObject *finish_value; /* STEP_IN_CALLER: the value returned, owned */
	bool finish_by_exception;

	/* The frame and line the command was issued at. A line event at the
	 * same line of the same frame, before any other line of it ran, does
	 * not stop, because 3.12+ report an inlined comprehension's line once
	 * per item. */
	PyFrameObject *origin; /* owned, or NULL */
	int origin_line;
	bool left_origin;
};

/* Set the wait. frame is borrowed (a reference is taken) and may be NULL. */
void stepper_set(struct stepper *st, enum step_kind kind, PyFrameObject *frame, int line);

/* Record the frame and line the command was issued at (borrowed). */
void stepper_set_origin(struct stepper *st, PyFrameObject *frame, int line);

/* Return true when line of frame is where the running step, next or
 * until was issued, and no other line of that frame has run since. A
 * breakpoint there does not stop again, because a comprehension's line
 * repeats once per item on 3.12+. */
bool stepper_at_origin(const struct stepper *st, PyFrameObject *frame, int line);

/* Return true when a RETURN event of frame is a yield or an await that
 * suspends it, not its final return. */
bool stepper_is_yield(PyFrameObject *frame);

/* Drop the frame reference and wait for nothing but breakpoints. */
void stepper_reset(struct stepper *st);

/* Return true when event `ev` in frame (at line, in tstate) ends the wait.
 * For STEP_FINISH the return event switches the wait to the caller and
 * returns false. arg is the trace event argument. */
bool stepper_should_stop(struct stepper *st, PyFrameObject *frame, enum stop_event ev, int line, PyThreadState *tstate, PyObject *arg, bool by_exception);

#endif /* CTRACE_STEPPER_H */
