/* The sys.monitoring fast path. PY_START decides, once per code object,
 * whether its lines contain a breakpoint; only such code gets LINE events,
 * and a line without a breakpoint is disabled after its first event.
 * Everything else runs at full speed: the cost of a breakpoint that is
 * never hit is near zero. */
#include "ctrace/monitor.h"

#include "compat.h"
#include "ctrace/debugger.h"
#include "ctrace/session.h"
#include "ctrace/tracer.h"

#if PY_VERSION_HEX >= 0x030C0000

/* Event bits of sys.monitoring.events (Include/cpython/monitoring.h). */
enum { EVENT_PY_START = 1 << 0, EVENT_LINE = 1 << 5 };

static PyObject *disable_sentinel(struct session *s)
{
	return PyObject_GetAttrString(s->monitoring, "DISABLE");
}

static PyObject *on_py_start(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
	struct session *s = current_session;
	PyObject *code = nargs > 0 ? args[0] : NULL;

	(void)self;
	if (s == NULL || s->monitoring == NULL)
		Py_RETURN_NONE;
	if (s->monitor_on && code != NULL && PyCode_Check(code) && tracer_code_has_breakpoint(s, (PyCodeObject *)code)) {
		PyObject *result = PyObject_CallMethod(s->monitoring, "set_local_events", "iOi", MONITOR_TOOL_ID, code, EVENT_LINE);

		if (result == NULL || PySet_Add(s->monitor_codes, code) < 0)
			PyErr_Clear();
		Py_XDECREF(result);
	}
	/* Decided for this code object: no more PY_START events from it
	 * until breakpoints change (restart_events). */
	return disable_sentinel(s);
}

static PyObject *on_line_event(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
	struct session *s = current_session;
	PyObject *code = nargs > 1 ? args[0] : NULL;
	PyFrameObject *frame;
	const char *file;
	int line;

	(void)self;
	if (s == NULL || !s->monitor_on || code == NULL || !PyCode_Check(code))
		return s && s->monitoring ? disable_sentinel(s) : Py_NewRef(Py_None);
	line = (int)PyLong_AsLong(args[1]);
	file = tracer_code_file(s, (PyCodeObject *)code);
	if (file == NULL || bp_at(&s->bps, file, line, 0) == NULL)
		return disable_sentinel(s);
	frame = PyEval_GetFrame(); /* borrowed: the frame running this line */
	if (frame != NULL && tracer_breakpoint_line(s, frame, (PyCodeObject *)code, line) < 0)
		return NULL;
	Py_RETURN_NONE;
}

static PyMethodDef py_start_def = {"ctrace_py_start", (PyCFunction)(void (*)(void))on_py_start, METH_FASTCALL, NULL};
static PyMethodDef line_def = {"ctrace_line", (PyCFunction)(void (*)(void))on_line_event, METH_FASTCALL, NULL};

static int register_callback(struct session *s, int event, PyMethodDef *def)
{
	PyObject *fn = PyCFunction_New(def, NULL);
	PyObject *result = fn ? PyObject_CallMethod(s->monitoring, "register_callback", "iiO", MONITOR_TOOL_ID, event, fn) : NULL;

	Py_XDECREF(fn);
	if (result == NULL)
		return -1;
	Py_DECREF(result);
	return 0;
}

int monitor_init(struct session *s)
{
	PyObject *sys = PyImport_ImportModule("sys");
	PyObject *result;

	s->monitoring = sys ? PyObject_GetAttrString(sys, "monitoring") : NULL;
	Py_XDECREF(sys);
	if (s->monitoring == NULL)
		return -1;
	result = PyObject_CallMethod(s->monitoring, "use_tool_id", "is", MONITOR_TOOL_ID, "ctrace");
	if (result == NULL) {
		/* Another tool uses the id: run with the trace function only. */
		PyErr_Clear();
		Py_CLEAR(s->monitoring);
		return 0;
	}
	Py_DECREF(result);
	s->monitor_codes = PySet_New(NULL);
	if (s->monitor_codes == NULL || register_callback(s, EVENT_PY_START, &py_start_def) < 0 || register_callback(s, EVENT_LINE, &line_def) < 0)
		return -1;
	return 0;
}

/* Return true when nothing needs the trace function: no stepping,
 * watching, catching or pending Ctrl-C. */
static bool fast_path_allowed(const struct session *s)
{
	return s->monitoring != NULL && s->log == NULL && s->started && !s->finished && !s->quitting && s->step.kind == STEP_CONTINUE && s->nwatches == 0 && !s->catch_any && s->ncatch == 0 && !s->catch_uncaught && !s->interrupt_requested;
}

static void call_quietly(PyObject *result)
{
	if (result == NULL)
		PyErr_Clear();
	Py_XDECREF(result);
}

/* Enable line events in the code of every frame now running in any
 * thread whose lines contain a breakpoint, because a breakpoint added to
 * a function that is already running must fire. */
static void enable_running_code(struct session *s)
{
	PyObject *sys = PyImport_ImportModule("sys");
	PyObject *frames = sys ? PyObject_CallMethod(sys, "_current_frames", NULL) : NULL;
	PyObject *key;
	PyObject *value;
	Py_ssize_t pos = 0;

	Py_XDECREF(sys);
	while (frames != NULL && PyDict_Next(frames, &pos, &key, &value)) {
		PyFrameObject *frame = PyFrame_Check(value) ? (PyFrameObject *)Py_NewRef(value) : NULL;

		while (frame != NULL) {
			PyCodeObject *code = PyFrame_GetCode(frame);
			PyFrameObject *back = PyFrame_GetBack(frame);

			if (tracer_code_has_breakpoint(s, code)) {
				call_quietly(PyObject_CallMethod(s->monitoring, "set_local_events", "iOi", MONITOR_TOOL_ID, (PyObject *)code, EVENT_LINE));
				if (PySet_Add(s->monitor_codes, (PyObject *)code) < 0)
					PyErr_Clear();
			}
			Py_DECREF(code);
			Py_DECREF(frame);
			frame = back;
		}
	}
	Py_XDECREF(frames);
	PyErr_Clear();
}

static void clear_line_events(struct session *s)
{
	PyObject *iter = PyObject_GetIter(s->monitor_codes);
	PyObject *code;

	while (iter != NULL && (code = PyIter_Next(iter)) != NULL) {
		call_quietly(PyObject_CallMethod(s->monitoring, "set_local_events", "iOi", MONITOR_TOOL_ID, code, 0));
		Py_DECREF(code);
	}
	Py_XDECREF(iter);
	PySet_Clear(s->monitor_codes);
	PyErr_Clear();
}

static void enter(struct session *s)
{
	PyObject *saved = compat_err_fetch();

	if (tracer_remove_all_threads(s) < 0)
		PyErr_Clear();
	/* Breakpoints may have moved: every code object decides again. */
	clear_line_events(s);
	call_quietly(PyObject_CallMethod(s->monitoring, "set_events", "ii", MONITOR_TOOL_ID, EVENT_PY_START));
	call_quietly(PyObject_CallMethod(s->monitoring, "restart_events", NULL));
	enable_running_code(s);
	s->monitor_on = true;
	compat_err_restore(saved);
}

void monitor_leave(struct session *s)
{
	PyObject *saved;

	if (!s->monitor_on)
		return;
	saved = compat_err_fetch();
	s->monitor_on = false;
	call_quietly(PyObject_CallMethod(s->monitoring, "set_events", "ii", MONITOR_TOOL_ID, 0));
	clear_line_events(s);
	if (!s->finished && !s->quitting && tracer_install_all_threads(s) < 0)
		PyErr_Clear();
	compat_err_restore(saved);
}

void monitor_choose_mode(struct session *s)
{
	if (fast_path_allowed(s))
		enter(s);
	else
		monitor_leave(s);
}

bool monitor_active(const struct session *s)
{
	return s->monitor_on;
}

void monitor_free(struct session *s)
{
	if (s->monitoring != NULL) {
		PyObject *saved = compat_err_fetch();

		s->finished = true;
		monitor_leave(s);
		call_quietly(PyObject_CallMethod(s->monitoring, "free_tool_id", "i", MONITOR_TOOL_ID));
		compat_err_restore(saved);
	}
	Py_CLEAR(s->monitor_codes);
	Py_CLEAR(s->monitoring);
}

#else /* before 3.12: the trace function does all the work */

int monitor_init(struct session *s)
{
	(void)s;
	return 0;
}

void monitor_choose_mode(struct session *s)
{
	(void)s;
}

void monitor_leave(struct session *s)
{
	(void)s;
}

bool monitor_active(const struct session *s)
{
	(void)s;
	return false;
}

void monitor_free(struct session *s)
{
	(void)s;
}

#endif
