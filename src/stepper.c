/* The wait of a running command. Frames are compared by identity: the
 * stepper holds a reference to the frame it waits on, so its address
 * cannot be reused by another frame meanwhile. */
#include "ctrace/stepper.h"

void stepper_reset(struct stepper *st)
{
	Py_CLEAR(st->frame);
	Py_CLEAR(st->origin);
	st->left_origin = false;
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

void stepper_set_origin(struct stepper *st, PyFrameObject *frame, int line)
{
	Py_XSETREF(st->origin, (PyFrameObject *)Py_XNewRef(frame));
	st->origin_line = line;
	st->left_origin = false;
}

/* Return true when a line event repeats the origin line before any other
 * line of the origin frame ran. */
static bool repeats_origin(struct stepper *st, PyFrameObject *frame, enum stop_event ev, int line)
{
	if (st->origin == NULL || frame != st->origin || st->left_origin)
		return false;
	if (ev == EV_LINE && line == st->origin_line)
		return true;
	if (ev == EV_LINE)
		st->left_origin = true;
	return false;
}

bool stepper_at_origin(const struct stepper *st, PyFrameObject *frame, int line)
{
	return st->origin != NULL && frame == st->origin && !st->left_origin && line == st->origin_line;
}

bool stepper_is_yield(PyFrameObject *frame)
{
	PyCodeObject *code = PyFrame_GetCode(frame);
	bool result = false;

	if (code->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) {
		PyObject *bytecode = compat_code_bytecode(code);

		result = compat_frame_is_yield(frame, bytecode);
		Py_XDECREF(bytecode);
	}
	Py_DECREF(code);
	return result;
}

/* Return true when a RETURN event of frame is a coroutine suspending in
 * await, not a return or a generator's yield. */
static bool is_await(PyFrameObject *frame)
{
	PyCodeObject *code = PyFrame_GetCode(frame);
	bool coroutine = (code->co_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE)) != 0;

	Py_DECREF(code);
	return coroutine && stepper_is_yield(frame);
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
		if (repeats_origin(st, frame, ev, line))
			return false;
		return tstate == st->tstate;
	case STEP_NEXT:
		if (frame != st->frame || ev == EV_CALL || repeats_origin(st, frame, ev, line))
			return false;
		/* A coroutine suspended by await comes back to this frame: keep
		 * waiting for its next line. A generator's yield hands a value
		 * to its consumer, so it stops as a return does. */
		return ev != EV_RETURN || !is_await(frame);
	case STEP_UNTIL:
		if (frame != st->frame || repeats_origin(st, frame, ev, line))
			return false;
		if (ev == EV_RETURN)
			return !is_await(frame);
		return (ev == EV_LINE || ev == EV_EXCEPTION) && line >= st->line;
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
