/* The C trace function. The hot path is on_line with nothing to do: one
 * code-object cache lookup, no allocation and no Python calls. */
#include "ctrace/tracer.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/monitor.h"
#include "ctrace/path.h"
#include "ctrace/session.h"
#include "ctrace/tracelog.h"
#include "ctrace/watch.h"

/* The tracer's cached facts about one code object, kept in the code object's
 * extra slot so it dies with the code object. */
struct code_info {
	unsigned generation; /* breakpoint table generation has_bp was computed for */
	bool has_bp;         /* an enabled breakpoint is in this code's file */
	int first_line;      /* the code's line span, 0 until computed */
	int last_line;
	int *bp_lines;       /* the lines of those breakpoints, so that a line
	                      * event compares integers, not file names */
	size_t nbp_lines;
	unsigned skip_generation; /* skip list generation `skipped` is for, plus 1 */
	bool skipped;        /* step and next do not stop in this code */
	char *file;          /* canonical file name */
};

static Py_ssize_t code_extra_index = -1;

/* The last exception event of this thread: which frame, and the
 * exception. A RETURN right after it in the same frame is an unwind. */
static _Thread_local PyFrameObject *last_exc_frame;
static _Thread_local PyObject *last_exc_value;
static _Thread_local PyObject *last_exc_traceback; /* 3.11 attaches it to the value late */

static void free_code_info(void *ptr)
{
	struct code_info *info = ptr;

	if (info != NULL) {
		free(info->file);
		free(info->bp_lines);
		free(info);
	}
}

static char *canonical_code_file(PyCodeObject *code)
{
	PyObject *name = code->co_filename;
	const char *utf8 = name ? PyUnicode_AsUTF8(name) : NULL;
	char cwd[4096];

	if (utf8 == NULL) {
		PyErr_Clear();
		return strdup("<unknown>");
	}
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return path_canonical(utf8, NULL);
	return path_canonical(utf8, cwd);
}

/* Find the lines the code's instructions span, once per code object. */
static void compute_line_span(struct code_info *info, PyCodeObject *code)
{
	PyObject *bytecode = compat_code_bytecode(code);
	Py_ssize_t size = bytecode ? PyBytes_GET_SIZE(bytecode) : 0;

	info->first_line = code->co_firstlineno;
	info->last_line = code->co_firstlineno;
	for (Py_ssize_t offset = 0; offset < size; offset += 2) {
		int line = PyCode_Addr2Line(code, (int)offset);

		if (line > info->last_line)
			info->last_line = line;
	}
	Py_XDECREF(bytecode);
}

/* Recompute which breakpoints fall in the code's lines. */
static void refresh_bp_lines(struct session *s, struct code_info *info, PyCodeObject *code)
{
	size_t n = 0;

	free(info->bp_lines);
	info->bp_lines = NULL;
	info->nbp_lines = 0;
	if (info->file != NULL && bp_file_has_enabled(&s->bps, info->file)) {
		if (info->first_line == 0)
			compute_line_span(info, code);
		info->bp_lines = malloc(s->bps.count * sizeof(int));
		for (size_t i = 0; info->bp_lines != NULL && i < s->bps.count; i++) {
			const struct breakpoint *bp = s->bps.items[i];

			if (bp->enabled && bp->line >= info->first_line && bp->line <= info->last_line && strcmp(bp->file, info->file) == 0)
				info->bp_lines[n++] = bp->line;
		}
		info->nbp_lines = n;
	}
	info->has_bp = n > 0;
	info->generation = s->bps.generation;
}

static bool line_has_breakpoint(const struct code_info *info, int line)
{
	for (size_t i = 0; i < info->nbp_lines; i++)
		if (info->bp_lines[i] == line)
			return true;
	return false;
}

static struct code_info *code_info_get(struct session *s, PyCodeObject *code)
{
	struct code_info *info = NULL;

	if (compat_code_get_extra((PyObject *)code, code_extra_index, (void **)&info) < 0) {
		PyErr_Clear();
		return NULL;
	}
	if (info == NULL) {
		info = calloc(1, sizeof(*info));
		if (info == NULL)
			return NULL;
		info->file = canonical_code_file(code);
		info->generation = s->bps.generation - 1;
		if (compat_code_set_extra((PyObject *)code, code_extra_index, info) < 0) {
			PyErr_Clear();
			free_code_info(info);
			return NULL;
		}
	}
	if (info->generation != s->bps.generation)
		refresh_bp_lines(s, info, code);
	return info;
}

const char *tracer_code_file(struct session *s, PyCodeObject *code)
{
	struct code_info *info = code_info_get(s, code);

	return info ? info->file : NULL;
}

/* Check the breakpoints at file:line in frame. Return the breakpoint that
 * stops, or NULL. A condition that raises stops, and *cond_error is set
 * to a malloc'd description. */
static struct breakpoint *effective_breakpoint(struct session *s, PyFrameObject *frame, const char *file, int line, char **cond_error)
{
	struct breakpoint *bp;

	for (size_t n = 0; (bp = bp_at(&s->bps, file, line, n)) != NULL; n++) {
		int truth = 1;

		if (!bp->enabled)
			continue;
		if (bp->cond != NULL) {
			truth = inspect_condition(s, frame, bp->cond);
			if (truth < 0) {
				PyObject *exc = compat_err_fetch();

				*cond_error = exc ? inspect_format_exception(exc) : strdup("unknown error");
				Py_XDECREF(exc);
				bp->hits++;
				return bp;
			}
		}
		if (bp_register_hit(bp, truth == 1))
			return bp;
	}
	return NULL;
}

/* Return true when a module's code contains no statement: its source has
 * no line with code (3.9 and 3.10 report line 1 for an empty file). */
static bool code_is_empty(PyCodeObject *code)
{
	PyObject *consts = code->co_consts;
	PyObject *names = code->co_names;

	return names != NULL && PyTuple_GET_SIZE(names) == 0 && consts != NULL && PyTuple_GET_SIZE(consts) <= 1 && (PyTuple_GET_SIZE(consts) == 0 || PyTuple_GET_ITEM(consts, 0) == Py_None);
}

/* Return true when frame runs the target's top-level code: the -m
 * module's code object, or for a script the outermost <module> frame of
 * its file (the script is compiled when it runs, so its code object is
 * known only from this first event). */
static bool is_main_frame(struct session *s, PyFrameObject *frame, PyCodeObject *code)
{
	PyFrameObject *back;
	struct code_info *info;

	if (s->main_code != NULL)
		return (PyObject *)code == s->main_code;
	back = PyFrame_GetBack(frame);
	Py_XDECREF(back);
	if (back != NULL || PyUnicode_CompareWithASCIIString(code->co_name, "<module>") != 0)
		return false;
	info = code_info_get(s, code);
	if (info == NULL || info->file == NULL || s->main_file == NULL || strcmp(info->file, s->main_file) != 0)
		return false;
	s->main_code = Py_NewRef(code);
	return true;
}

/* Apply the `step N` / `next N` count: return true when this stop is to
 * be skipped, re-arming the same kind of wait from here. */
static bool skip_counted_stop(struct session *s, PyFrameObject *frame, int line)
{
	enum step_kind kind = s->step.kind;

	if (s->step.count <= 0)
		return false;
	s->step.count--;
	if (kind == STEP_NEXT || kind == STEP_UNTIL)
		stepper_set(&s->step, kind, frame, line + 1);
	return true;
}

/* Return true when `skip` patterns cover frame's code. */
static bool frame_skipped(struct session *s, PyFrameObject *frame)
{
	PyCodeObject *code;
	struct code_info *info;

	if (s->nskip == 0 && !s->skip_stdlib)
		return false;
	code = PyFrame_GetCode(frame);
	info = code_info_get(s, code);
	if (info != NULL && info->skip_generation != s->skip_generation + 1) {
		PyObject *globals = compat_frame_globals(frame);
		PyObject *module = globals ? PyDict_GetItemString(globals, "__name__") : NULL; /* borrowed */
		PyObject *patterns = PyList_New(0);
		PyObject *result;

		for (size_t i = 0; patterns && i < s->nskip; i++) {
			PyObject *p = PyUnicode_FromString(s->skip_patterns[i]);

			if (p == NULL || PyList_Append(patterns, p) < 0)
				PyErr_Clear();
			Py_XDECREF(p);
		}
		result = patterns ? PyObject_CallMethod(s->helpers, "is_skipped", "OsOO", module ? module : Py_None, info->file, patterns, s->skip_stdlib ? Py_True : Py_False) : NULL;
		info->skipped = result != NULL && PyObject_IsTrue(result) == 1;
		info->skip_generation = s->skip_generation + 1;
		PyErr_Clear();
		Py_XDECREF(result);
		Py_XDECREF(patterns);
		Py_XDECREF(globals);
	}
	Py_DECREF(code);
	return info != NULL && info->skipped;
}

static int stop_here(struct session *s, PyFrameObject *frame, enum stop_reason reason, enum stop_event ev, PyObject *arg, bool by_exception)
{
	if (reason == STOP_STEP && frame_skipped(s, frame)) {
		/* Keep stepping until code outside the skip list runs. */
		if (!s->skip_reported) {
			PyObject *globals = compat_frame_globals(frame);
			PyObject *module = globals ? PyDict_GetItemString(globals, "__name__") : NULL;
			const char *name = module && PyUnicode_Check(module) ? PyUnicode_AsUTF8(module) : NULL;

			out_info(&s->out, "Stepping past frames of skipped module %s\n", name ? name : "?");
			PyErr_Clear();
			Py_XDECREF(globals);
			s->skip_reported = true;
		}
		if (s->step.kind != STEP_STEP)
			stepper_set(&s->step, STEP_STEP, NULL, 0);
		return 0;
	}
	return debugger_stop(s, frame, reason, ev, arg, by_exception);
}

static int stop_at_breakpoint(struct session *s, PyFrameObject *frame, struct breakpoint *bp, char *cond_error)
{
	return debugger_stop_at_breakpoint(s, frame, bp->number, cond_error);
}

bool tracer_code_has_breakpoint(struct session *s, PyCodeObject *code)
{
	struct code_info *info = code_info_get(s, code);

	return info != NULL && info->has_bp;
}

int tracer_breakpoint_line(struct session *s, PyFrameObject *frame, PyCodeObject *code, int line)
{
	struct code_info *info = code_info_get(s, code);
	char *cond_error = NULL;
	struct breakpoint *bp;

	if (info == NULL || !info->has_bp)
		return 0;
	bp = effective_breakpoint(s, frame, info->file, line, &cond_error);
	return bp != NULL ? stop_at_breakpoint(s, frame, bp, cond_error) : 0;
}

static int on_line(struct session *s, PyFrameObject *frame)
{
	PyCodeObject *code = PyFrame_GetCode(frame);
	struct code_info *info;
	bool step_stop;
	int line;
	int rc = 0;

	if (last_exc_frame == frame)
		last_exc_frame = NULL;
	if (!s->started) {
		/* 3.11+ report line 0 for a module with no statements: an empty
		 * script runs to its end without a stop. */
		if (is_main_frame(s, frame, code) && PyFrame_GetLineNumber(frame) > 0 && !code_is_empty(code)) {
			s->started = true;
			rc = stop_here(s, frame, STOP_FIRST_LINE, EV_LINE, NULL, false);
		}
		goto done;
	}
	if (s->step.kind == STEP_NONE)
		goto done;
	if (s->interrupt_requested) {
		s->interrupt_requested = 0;
		rc = stop_here(s, frame, STOP_INTERRUPT, EV_LINE, NULL, false);
		goto done;
	}
	info = code_info_get(s, code);
	/* The common case under `continue`: no breakpoint in this code. */
	if (s->step.kind == STEP_CONTINUE && s->nwatchpoints == 0 && (info == NULL || !info->has_bp))
		goto done;
	line = PyFrame_GetLineNumber(frame);
	/* A step that lands on a breakpoint stops as a step, as in pdb: the
	 * breakpoint counts no hit and runs no commands. */
	step_stop = s->step.kind != STEP_CONTINUE && stepper_should_stop(&s->step, frame, EV_LINE, line, PyThreadState_Get(), NULL, false);
	if (!step_stop && info != NULL && info->has_bp && line_has_breakpoint(info, line) && !stepper_at_origin(&s->step, frame, line)) {
		char *cond_error = NULL;
		struct breakpoint *bp = effective_breakpoint(s, frame, info->file, line, &cond_error);

		if (bp != NULL) {
			rc = stop_at_breakpoint(s, frame, bp, cond_error);
			goto done;
		}
	}
	if (s->nwatchpoints > 0 && watch_check_line(s, frame)) {
		rc = stop_here(s, frame, STOP_WATCH, EV_LINE, NULL, false);
		goto done;
	}
	if (step_stop && !skip_counted_stop(s, frame, line))
		rc = stop_here(s, frame, STOP_STEP, EV_LINE, NULL, false);
done:
	Py_DECREF(code);
	return rc;
}

static int on_call(struct session *s, PyFrameObject *frame)
{
	if (!s->started || s->step.kind != STEP_STEP)
		return 0;
	if (stepper_should_stop(&s->step, frame, EV_CALL, PyFrame_GetLineNumber(frame), PyThreadState_Get(), NULL, false) && !skip_counted_stop(s, frame, PyFrame_GetLineNumber(frame)))
		return stop_here(s, frame, STOP_STEP, EV_CALL, NULL, false);
	return 0;
}

static int on_return(struct session *s, PyFrameObject *frame, PyObject *arg)
{
	bool by_exception = arg == NULL;
	bool stepping = s->step.kind != STEP_CONTINUE && s->step.kind != STEP_NONE;
	int line;
	int rc = 0;

	if (COMPAT_UNWIND_RETURNS_NONE && arg == Py_None && last_exc_frame == frame)
		by_exception = true;
	if (last_exc_frame == frame)
		last_exc_frame = NULL;
	if (!s->started || s->step.kind == STEP_NONE)
		return 0;
	if (by_exception && s->catch_uncaught && last_exc_value != NULL) {
		PyFrameObject *caller = PyFrame_GetBack(frame);

		Py_XDECREF(caller);
		if (caller == NULL && debugger_stop_uncaught(s, last_exc_value, last_exc_traceback) < 0)
			return -1;
	}
	if (stepping) {
		line = PyFrame_GetLineNumber(frame);
		if (stepper_should_stop(&s->step, frame, EV_RETURN, line, PyThreadState_Get(), arg, by_exception) && !skip_counted_stop(s, frame, line))
			rc = stop_here(s, frame, STOP_STEP, EV_RETURN, by_exception ? last_exc_value : arg, by_exception);
	}
	if (s->nwatches > 0 && (by_exception || !stepper_is_yield(frame)))
		watch_frame_ended(s, frame);
	return rc;
}

/* Return true for exceptions that generators and loops use for control
 * flow; stepping does not stop on them. */
static bool is_control_flow_exception(PyObject *arg)
{
	PyObject *type;

	if (!PyTuple_Check(arg) || PyTuple_GET_SIZE(arg) < 1)
		return false;
	type = PyTuple_GET_ITEM(arg, 0);
	return PyType_Check(type) && (PyType_IsSubtype((PyTypeObject *)type, (PyTypeObject *)PyExc_StopIteration) || PyType_IsSubtype((PyTypeObject *)type, (PyTypeObject *)PyExc_StopAsyncIteration) || PyType_IsSubtype((PyTypeObject *)type, (PyTypeObject *)PyExc_GeneratorExit));
}

static int on_exception(struct session *s, PyFrameObject *frame, PyObject *arg)
{
	PyObject *value = PyTuple_Check(arg) && PyTuple_GET_SIZE(arg) >= 2 ? PyTuple_GET_ITEM(arg, 1) : NULL;
	int line;

	last_exc_frame = frame;
	Py_XSETREF(last_exc_value, Py_XNewRef(value));
	Py_XSETREF(last_exc_traceback, PyTuple_Check(arg) && PyTuple_GET_SIZE(arg) >= 3 ? Py_NewRef(PyTuple_GET_ITEM(arg, 2)) : NULL);
	if (!s->started || s->step.kind == STEP_NONE)
		return 0;
	if ((s->catch_any || s->ncatch > 0) && watch_catch_raised(s, arg))
		return stop_here(s, frame, STOP_CATCH, EV_EXCEPTION, value, false);
	if (s->step.kind == STEP_CONTINUE)
		return 0;
	if (is_control_flow_exception(arg))
		return 0;
	line = PyFrame_GetLineNumber(frame);
	if (!stepper_should_stop(&s->step, frame, EV_EXCEPTION, line, PyThreadState_Get(), arg, false) || skip_counted_stop(s, frame, line))
		return 0;
	return stop_here(s, frame, STOP_STEP, EV_EXCEPTION, value, false);
}

static int trace_log_event(struct session *s, PyFrameObject *frame, int what, PyObject *arg)
{
	if (!s->started) {
		PyCodeObject *code = PyFrame_GetCode(frame);

		s->started = is_main_frame(s, frame, code);
		Py_DECREF(code);
		if (!s->started)
			return 0;
	}
	tracelog_event(s->log, frame, what, arg);
	return 0;
}

static int trace_function(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg)
{
	struct session *s = current_session;

	(void)obj;
	if (s == NULL || s->quitting)
		return 0;
	if (s->log != NULL)
		return trace_log_event(s, frame, what, arg);
	switch (what) {
	case PyTrace_LINE:
		return on_line(s, frame);
	case PyTrace_CALL:
		return on_call(s, frame);
	case PyTrace_RETURN:
		return on_return(s, frame, arg);
	case PyTrace_EXCEPTION:
		return on_exception(s, frame, arg);
	default:
		return 0;
	}
}

/* The tracer object. Being callable lets Python code that saves and
 * restores the trace function (`old = sys.gettrace()` ...
 * `sys.settrace(old)`) and threading.settrace put ctrace back: the first
 * call reinstalls the C function for the calling thread. */
typedef struct {
	PyObject_HEAD
} TracerObject;

static int event_code(PyObject *name)
{
	const char *event = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;

	if (event == NULL)
		return -1;
	if (strcmp(event, "call") == 0)
		return PyTrace_CALL;
	if (strcmp(event, "line") == 0)
		return PyTrace_LINE;
	if (strcmp(event, "return") == 0)
		return PyTrace_RETURN;
	if (strcmp(event, "exception") == 0)
		return PyTrace_EXCEPTION;
	return -1;
}

static PyObject *tracer_call(PyObject *self, PyObject *args, PyObject *kwargs)
{
	PyObject *frame;
	PyObject *event;
	PyObject *arg;
	int what;

	(void)kwargs;
	if (!PyArg_UnpackTuple(args, "tracer", 3, 3, &frame, &event, &arg))
		return NULL;
	if (current_session == NULL || current_session->finished)
		Py_RETURN_NONE;
	PyEval_SetTrace(trace_function, self);
	what = event_code(event);
	if (what >= 0 && PyFrame_Check(frame) && trace_function(self, (PyFrameObject *)frame, what, arg) < 0)
		return NULL;
	Py_RETURN_NONE;
}

static PyTypeObject TracerType = {
	PyVarObject_HEAD_INIT(NULL, 0).tp_name = "ctrace.Tracer",
	.tp_basicsize = sizeof(TracerObject),
	.tp_flags = Py_TPFLAGS_DEFAULT,
	.tp_call = tracer_call,
	.tp_doc = "ctrace's trace function; calling it reinstalls ctrace in the calling thread",
};

/* SIGINT handler, installed through the signal module so that Python's
 * own signal machinery stays in charge. The first Ctrl-C while the
 * program runs requests a stop at the next line; a second one before
 * that stop, or one at the prompt, raises KeyboardInterrupt. */
static PyObject *sigint_handler(PyObject *self, PyObject *args)
{
	struct session *s = current_session;

	(void)self;
	(void)args;
	if (s == NULL || s->at_prompt || !s->started || s->finished || s->interrupt_requested || s->step.kind == STEP_NONE) {
		if (s != NULL)
			s->interrupt_requested = 0;
		PyErr_SetNone(PyExc_KeyboardInterrupt);
		return NULL;
	}
	s->interrupt_requested = 1;
	/* Line events reach the trace function only outside the fast path. */
	if (monitor_active(s))
		monitor_leave(s);
	Py_RETURN_NONE;
}

/* sys.breakpointhook: stop at the line that calls breakpoint(), unless
 * PYTHONBREAKPOINT disables it or names another hook. */
static PyObject *breakpoint_hook(PyObject *self, PyObject *args, PyObject *kwargs)
{
	struct session *s = current_session;
	const char *env = getenv("PYTHONBREAKPOINT");
	PyThreadState *tstate;
	PyFrameObject *frame;
	int rc;

	(void)self;
	if (env != NULL && strcmp(env, "0") == 0)
		Py_RETURN_NONE;
	if (env != NULL && env[0] != '\0' && strcmp(env, "pdb.set_trace") != 0) {
		PyObject *original = PySys_GetObject("__breakpointhook__"); /* borrowed */

		if (original == NULL)
			Py_RETURN_NONE;
		return PyObject_Call(original, args, kwargs);
	}
	if (s == NULL || s->log != NULL || s->quitting || s->step.kind == STEP_NONE || !s->started)
		Py_RETURN_NONE;
	frame = PyEval_GetFrame(); /* borrowed: the frame that called breakpoint() */
	if (frame == NULL)
		Py_RETURN_NONE;
	tstate = PyThreadState_Get();
	compat_enter_tracing(tstate);
	rc = debugger_stop(s, frame, STOP_BREAKPOINT_CALL, EV_LINE, NULL, false);
	compat_leave_tracing(tstate);
	if (rc < 0)
		return NULL;
	Py_RETURN_NONE;
}

/* os.register_at_fork(after_in_child=...): the child runs untraced with
 * Python's default Ctrl-C, so it never competes for the terminal. */
static PyObject *after_fork_in_child(PyObject *self, PyObject *args)
{
	struct session *s = current_session;
	PyObject *signal_module;

	(void)self;
	(void)args;
	if (s == NULL)
		Py_RETURN_NONE;
	PyEval_SetTrace(NULL, NULL);
	s->step.kind = STEP_NONE;
	s->quitting = true;
	signal_module = PyImport_ImportModule("signal");
	if (signal_module != NULL && s->log == NULL) {
		PyObject *handler = PyObject_GetAttrString(signal_module, "default_int_handler");
		PyObject *result = handler ? PyObject_CallMethod(signal_module, "signal", "iO", SIGINT, handler) : NULL;

		Py_XDECREF(result);
		Py_XDECREF(handler);
	}
	Py_XDECREF(signal_module);
	PyErr_Clear();
	Py_RETURN_NONE;
}

/* threading.excepthook: an exception that ends a thread stops there when
 * `catch uncaught` is set, then goes to Python's own hook. */
static PyObject *thread_excepthook(PyObject *self, PyObject *args)
{
	struct session *s = current_session;
	PyObject *threading;
	PyObject *original;
	PyObject *result;

	(void)self;
	if (s != NULL && s->catch_uncaught && !s->quitting && s->step.kind != STEP_NONE) {
		PyObject *value = PyObject_GetAttrString(args, "exc_value");

		if (value != NULL && value != Py_None) {
			PyThreadState *tstate = PyThreadState_Get();
			int rc;

			compat_enter_tracing(tstate);
			rc = debugger_stop_uncaught(s, value, NULL);
			compat_leave_tracing(tstate);
			if (rc < 0)
				PyErr_Clear();
		}
		Py_XDECREF(value);
		PyErr_Clear();
	}
	threading = PyImport_ImportModule("threading");
	original = threading ? PyObject_GetAttrString(threading, "__excepthook__") : NULL;
	result = original ? PyObject_CallOneArg(original, args) : NULL;
	Py_XDECREF(original);
	Py_XDECREF(threading);
	return result;
}

static PyMethodDef excepthook_def = {"excepthook", thread_excepthook, METH_O, NULL};
static PyMethodDef sigint_def = {"sigint_handler", sigint_handler, METH_VARARGS, NULL};
static PyMethodDef breakpoint_def = {"breakpointhook", (PyCFunction)(void (*)(void))breakpoint_hook, METH_VARARGS | METH_KEYWORDS, NULL};
static PyMethodDef fork_def = {"after_fork_in_child", after_fork_in_child, METH_NOARGS, NULL};

/* Call module.function(*args) built from format, discarding the result. */
static int call_function(const char *module, const char *function, const char *format, PyObject *arg1, PyObject *arg2)
{
	PyObject *mod = PyImport_ImportModule(module);
	PyObject *result;

	if (mod == NULL)
		return -1;
	if (format[0] == 'i')
		result = PyObject_CallMethod(mod, function, format, SIGINT, arg1);
	else if (arg2 != NULL)
		result = PyObject_CallMethod(mod, function, format, arg1, arg2);
	else
		result = PyObject_CallMethod(mod, function, format, arg1);
	Py_DECREF(mod);
	if (result == NULL)
		return -1;
	Py_DECREF(result);
	return 0;
}

int tracer_init(struct session *s)
{
	PyObject *hook;

	if (code_extra_index < 0) {
		code_extra_index = compat_code_extra_index(free_code_info);
		if (code_extra_index < 0)
			return -1;
	}
	if (PyType_Ready(&TracerType) < 0)
		return -1;
	s->tracer = PyObject_New(PyObject, &TracerType);
	if (s->tracer == NULL)
		return -1;
	s->quit_type = PyErr_NewExceptionWithDoc("ctrace.Quit", "Raised by ctrace's quit command to end the program.", PyExc_BaseException, NULL);
	if (s->quit_type == NULL)
		return -1;
	/* In trace mode the hook ignores breakpoint(): a CI run must not wait
	 * for input. */
	hook = PyCFunction_New(&breakpoint_def, NULL);
	if (hook == NULL || PySys_SetObject("breakpointhook", hook) < 0) {
		Py_XDECREF(hook);
		return -1;
	}
	Py_DECREF(hook);
	if (s->log == NULL && !s->opts->batch) {
		PyObject *handler = PyCFunction_New(&sigint_def, NULL);
		int rc = handler ? call_function("signal", "signal", "iO", handler, NULL) : -1;

		Py_XDECREF(handler);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int tracer_install(struct session *s)
{
	PyObject *fork_hook = PyCFunction_New(&fork_def, NULL);
	PyObject *os_module;
	PyObject *kwargs;
	PyObject *register_fn;
	PyObject *result = NULL;

	if (fork_hook == NULL)
		return -1;
	os_module = PyImport_ImportModule("os");
	register_fn = os_module ? PyObject_GetAttrString(os_module, "register_at_fork") : NULL;
	kwargs = Py_BuildValue("{sO}", "after_in_child", fork_hook);
	if (register_fn != NULL && kwargs != NULL) {
		PyObject *empty = PyTuple_New(0);

		result = empty ? PyObject_Call(register_fn, empty, kwargs) : NULL;
		Py_XDECREF(empty);
	}
	Py_XDECREF(result);
	Py_XDECREF(kwargs);
	Py_XDECREF(register_fn);
	Py_XDECREF(os_module);
	Py_DECREF(fork_hook);
	if (result == NULL)
		return -1;

	if (call_function("threading", "settrace", "O", s->tracer, NULL) < 0)
		return -1;
	if (s->log == NULL) {
		PyObject *hook = PyCFunction_New(&excepthook_def, NULL);
		PyObject *threading = PyImport_ImportModule("threading");
		int rc = hook && threading ? PyObject_SetAttrString(threading, "excepthook", hook) : -1;

		Py_XDECREF(hook);
		Py_XDECREF(threading);
		if (rc < 0)
			return -1;
	}
	PyEval_SetTrace(trace_function, s->tracer);
	return 0;
}

int tracer_install_all_threads(struct session *s)
{
	/* threading.settrace is Python code: call it before the trace
	 * function is back, or the next stop would be inside it. */
	int rc = call_function("threading", "settrace", "O", s->tracer, NULL);

#if PY_VERSION_HEX >= 0x030C0000
	PyEval_SetTraceAllThreads(trace_function, s->tracer);
#else
	PyEval_SetTrace(trace_function, s->tracer);
#endif
	return rc;
}

int tracer_remove_all_threads(struct session *s)
{
	(void)s;
#if PY_VERSION_HEX >= 0x030C0000
	PyEval_SetTraceAllThreads(NULL, NULL);
#else
	PyEval_SetTrace(NULL, NULL);
#endif
	return call_function("threading", "settrace", "O", Py_None, NULL);
}

void tracer_uninstall(struct session *s)
{
	PyObject *saved = compat_err_fetch();

	PyEval_SetTrace(NULL, NULL);
	if (call_function("threading", "settrace", "O", Py_None, NULL) < 0)
		PyErr_Clear();
	compat_err_restore(saved);
	(void)s;
}

void tracer_free(struct session *s)
{
	Py_CLEAR(s->tracer);
	Py_CLEAR(s->quit_type);
	Py_CLEAR(last_exc_value);
	Py_CLEAR(last_exc_traceback);
}
