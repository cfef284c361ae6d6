/* The wait of a running command. Frames are compared by identity: the
 * stepper holds a reference to the frame it waits on, so its address
 * cannot be reused by another frame meanwhile. */
#include "ctrace/stepper.h"

void stepper_reset(struct stepper *st)
{
	Py_CLEAR(st->frame);
	Py_CLEAR(st->finish_value);
	st->kind = STEP_CONTINUE;
	st->line = 0;
	st->count = 0;
	st->finish_by_exception = false;
}

void stepper_set(struct stepper *st, enum step_kind kind, PyFrameObject *frame, int line)
{
	long count = st->count;

	stepper_reset(st);
	st->kind = kind;
	st->frame = (PyFrameObject *)Py_XNewRef(frame);
	st->tstate = PyThreadState_Get();
	st->line = line;
	st->count = count;
}

/* The frame waited on by `finish` returned: wait for the next line of its
 * caller, keeping the returned value to print there. */
static void finish_returned(struct stepper *st, PyFrameObject *frame, PyObject *arg, bool by_exception)
{
	PyFrameObject *caller = PyFrame_GetBack(frame); /* new reference */
	PyObject *value = by_exception || arg == NULL ? NULL : Py_NewRef(arg);

	Py_CLEAR(st->frame);
	Py_XSETREF(st->finish_value, value);
	st->finish_by_exception = by_exception;
	if (caller == NULL) {
		/* Returned into C code with no Python caller: stop at whatever
		 * runs next in this thread. */
		st->kind = STEP_STEP;
		return;
	}
	st->kind = STEP_IN_CALLER;
	st->frame = caller;
}

bool stepper_should_stop(struct stepper *st, PyFrameObject *frame, enum stop_event ev, int line, PyThreadState *tstate, PyObject *arg, bool by_exception)
{
	switch (st->kind) {
	case STEP_CONTINUE:
	case STEP_NONE:
		return false;
	case STEP_STEP:
		return tstate == st->tstate;
	case STEP_NEXT:
		return frame == st->frame && ev != EV_CALL;
	case STEP_UNTIL:
		if (frame != st->frame)
			return false;
		return ev == EV_RETURN || ((ev == EV_LINE || ev == EV_EXCEPTION) && line >= st->line);
	case STEP_RETURN:
		return frame == st->frame && ev == EV_RETURN;
	case STEP_FINISH:
		if (frame == st->frame && ev == EV_RETURN)
			finish_returned(st, frame, arg, by_exception);
		return false;
	case STEP_IN_CALLER:
		return frame == st->frame && (ev == EV_LINE || ev == EV_EXCEPTION || ev == EV_RETURN);
	}
	return false;
}
