/* Every CPython version difference that ctrace depends on, and nothing
 * else. Supported: CPython 3.9 to 3.13. Each block states what changed, in
 * which version, and where the change is recorded. */
#ifndef CTRACE_COMPAT_H
#define CTRACE_COMPAT_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <frameobject.h>
#include <opcode.h>
#include <stdbool.h>

#if PY_VERSION_HEX < 0x03090000
#error "ctrace needs CPython 3.9 or newer"
#endif

#ifdef Py_GIL_DISABLED
#error "free-threaded CPython builds are not supported: ctrace relies on the GIL to serialise its trace function"
#endif

/* Py_NewRef arrived in 3.10. */
#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *compat_new_ref(PyObject *obj)
{
	Py_INCREF(obj);
	return obj;
}
#define Py_NewRef(obj) compat_new_ref((PyObject *)(obj))
#define Py_XNewRef(obj) ((obj) ? compat_new_ref((PyObject *)(obj)) : NULL)
#endif

/* PyErr_SetInterruptEx arrived in 3.10; PyErr_SetInterrupt always means
 * SIGINT. */
#if PY_VERSION_HEX < 0x030A0000
#define compat_set_interrupt() PyErr_SetInterrupt()
#else
#define compat_set_interrupt() PyErr_SetInterruptEx(SIGINT)
#endif

/* The frame getters for globals and locals arrived in 3.11, when the frame
 * struct became private. Before that the struct fields are public. */
#if PY_VERSION_HEX < 0x030B0000
static inline PyObject *compat_frame_globals(PyFrameObject *frame)
{
	return Py_NewRef(frame->f_globals);
}

static inline PyObject *compat_frame_locals(PyFrameObject *frame)
{
	if (PyFrame_FastToLocalsWithError(frame) < 0)
		return NULL;
	return Py_NewRef(frame->f_locals);
}
#else
#define compat_frame_globals(frame) PyFrame_GetGlobals(frame)
#define compat_frame_locals(frame) PyFrame_GetLocals(frame)
#endif

/* Before 3.13 a frame's locals are a dict snapshot of the fast slots, and
 * a write to it is lost unless it is copied back (CPython gh-101673,
 * gh-102864). From 3.13 the locals are a write-through proxy (PEP 667), and
 * the copy functions are deprecated no-ops. */
static inline void compat_locals_write_back(PyFrameObject *frame)
{
#if PY_VERSION_HEX < 0x030D0000
	PyFrame_LocalsToFast(frame, 0);
#else
	(void)frame;
#endif
}

/* PyThreadState_EnterTracing arrived in 3.11. It marks the thread as
 * running a trace function, so code that ctrace runs outside its trace
 * callback (post-mortem, breakpoint()) is not traced itself. */
#if PY_VERSION_HEX < 0x030A0000
static inline void compat_enter_tracing(PyThreadState *tstate)
{
	tstate->tracing++;
	tstate->use_tracing = 0;
}

static inline void compat_leave_tracing(PyThreadState *tstate)
{
	tstate->tracing--;
	tstate->use_tracing = tstate->c_tracefunc != NULL || tstate->c_profilefunc != NULL;
}
#elif PY_VERSION_HEX < 0x030B0000
static inline void compat_enter_tracing(PyThreadState *tstate)
{
	tstate->tracing++;
	tstate->cframe->use_tracing = 0;
}

static inline void compat_leave_tracing(PyThreadState *tstate)
{
	tstate->tracing--;
	tstate->cframe->use_tracing = tstate->c_tracefunc != NULL || tstate->c_profilefunc != NULL;
}
#else
#define compat_enter_tracing(tstate) PyThreadState_EnterTracing(tstate)
#define compat_leave_tracing(tstate) PyThreadState_LeaveTracing(tstate)
#endif

/* The code-object extra slots were renamed PyUnstable_* in 3.12; the old
 * underscore names are gone from the 3.13 headers. */
#if PY_VERSION_HEX < 0x030C0000
#define compat_code_extra_index(free_fn) _PyEval_RequestCodeExtraIndex(free_fn)
#define compat_code_get_extra(code, index, out) _PyCode_GetExtra((code), (index), (out))
#define compat_code_set_extra(code, index, value) _PyCode_SetExtra((code), (index), (value))
#else
#define compat_code_extra_index(free_fn) PyUnstable_Eval_RequestCodeExtraIndex(free_fn)
#define compat_code_get_extra(code, index, out) PyUnstable_Code_GetExtra((code), (index), (out))
#define compat_code_set_extra(code, index, value) PyUnstable_Code_SetExtra((code), (index), (value))
#endif

/* 3.12 replaced PyErr_Fetch/PyErr_Restore (now deprecated) with functions
 * that take one exception object. These return a new reference to the
 * normalised exception with its traceback attached, or NULL. */
static inline PyObject *compat_err_fetch(void)
{
#if PY_VERSION_HEX < 0x030C0000
	PyObject *type, *value, *tb;

	PyErr_Fetch(&type, &value, &tb);
	if (type == NULL)
		return NULL;
	PyErr_NormalizeException(&type, &value, &tb);
	if (tb != NULL && value != NULL)
		PyException_SetTraceback(value, tb);
	Py_XDECREF(type);
	Py_XDECREF(tb);
	return value;
#else
	return PyErr_GetRaisedException();
#endif
}

/* Steal `exc` and make it the current exception again. */
static inline void compat_err_restore(PyObject *exc)
{
#if PY_VERSION_HEX < 0x030C0000
	if (exc == NULL)
		return;
	PyErr_Restore(Py_NewRef(Py_TYPE(exc)), exc, PyException_GetTraceback(exc));
#else
	PyErr_SetRaisedException(exc);
#endif
}

/* On 3.12 a C trace function gets None, not NULL, as the RETURN argument
 * when a frame unwinds because of an exception (CPython gh-110892, fixed
 * in 3.13). The tracer then relies on the exception event it saw last. */
#if PY_VERSION_HEX >= 0x030C0000 && PY_VERSION_HEX < 0x030D0000
#define COMPAT_UNWIND_RETURNS_NONE 1
#else
#define COMPAT_UNWIND_RETURNS_NONE 0
#endif

/* Until 3.11 frame.f_lineno can only be set while frame.f_trace is set,
 * and a C tracer never sets it (CPython gh-106483). From 3.12 the setter
 * checks the monitoring event being dispatched instead. */
#if PY_VERSION_HEX < 0x030C0000
#define COMPAT_JUMP_NEEDS_F_TRACE 1
#else
#define COMPAT_JUMP_NEEDS_F_TRACE 0
#endif

/* ---- Trace mode (tracelog.c) ---- */

/* co_qualname arrived in 3.11; before it the log names functions by
 * co_name. Returns a borrowed reference. */
#if PY_VERSION_HEX >= 0x030B0000
#define compat_code_qualname(code) ((code)->co_qualname)
#else
#define compat_code_qualname(code) ((code)->co_name)
#endif

/* 3.11 moved the local names into co_localsplusnames; PyCode_GetVarnames
 * returns a new tuple of them. */
#if PY_VERSION_HEX >= 0x030B0000
#define compat_code_varnames(code) PyCode_GetVarnames(code)
#else
#define compat_code_varnames(code) Py_NewRef((code)->co_varnames)
#endif

/* PyCode_GetCode (3.11) returns the bytecode without specialised or
 * instrumented instructions. */
#if PY_VERSION_HEX >= 0x030B0000
#define compat_code_bytecode(code) PyCode_GetCode(code)
#else
#define compat_code_bytecode(code) Py_NewRef((code)->co_code)
#endif

/* Whether a generator or coroutine frame is paused at a yield: true at
 * the CALL event that resumes it and at the RETURN event that suspends it,
 * false at its first call and its final return. bytecode is
 * compat_code_bytecode of the frame's code.
 * 3.9: f_lasti is -1 until the frame first runs, and f_stacktop is set
 * only while it is suspended. 3.10: the same f_lasti rule, and f_state
 * is FRAME_SUSPENDED at a yield. 3.11 and 3.12: the last instruction is
 * YIELD_VALUE at a yield and at a resume by throw(), RESUME with a
 * non-zero oparg at a plain resume. 3.13 reports the RESUME that follows
 * the YIELD_VALUE at both events (measured with 3.9.18, 3.10.13, 3.11.7,
 * 3.12.1 and 3.13.0). */
#if PY_VERSION_HEX >= 0x030B0000
#include <opcode.h>
static inline int compat_frame_at_yield(PyFrameObject *frame, PyObject *bytecode)
{
	int lasti = PyFrame_GetLasti(frame);
	const unsigned char *code;
	int op, oparg;

	if (lasti < 0 || bytecode == NULL || lasti + 1 >= PyBytes_GET_SIZE(bytecode))
		return 0;
	code = (const unsigned char *)PyBytes_AS_STRING(bytecode);
	op = code[lasti];
	oparg = code[lasti + 1];
	return op == YIELD_VALUE || (op == RESUME && (oparg & 3) != 0);
}
#define compat_frame_is_resume(frame, bytecode) compat_frame_at_yield((frame), (bytecode))
#define compat_frame_is_yield(frame, bytecode) compat_frame_at_yield((frame), (bytecode))
#elif PY_VERSION_HEX >= 0x030A0000
#define compat_frame_is_resume(frame, bytecode) ((frame)->f_lasti >= 0)
#define compat_frame_is_yield(frame, bytecode) ((frame)->f_state == FRAME_SUSPENDED)
#else
#define compat_frame_is_resume(frame, bytecode) ((frame)->f_lasti >= 0)
#define compat_frame_is_yield(frame, bytecode) ((frame)->f_stacktop != NULL)
#endif

/* PyFrame_GetVar (3.12) reads one local without building the locals
 * dict. Before 3.12 the value comes from the locals mapping, fetched once
 * into *locals (owned by the caller, who releases it). Returns a new
 * reference, or NULL with no exception set when the name is unbound. */
static inline PyObject *compat_frame_var(PyFrameObject *frame, PyObject *name, PyObject **locals)
{
#if PY_VERSION_HEX >= 0x030C0000
	PyObject *value;

	(void)locals;
	value = PyFrame_GetVar(frame, name);
	if (value == NULL)
		PyErr_Clear();
	return value;
#else
	PyObject *value;

	if (*locals == NULL) {
		*locals = compat_frame_locals(frame);
		if (*locals == NULL) {
			PyErr_Clear();
			return NULL;
		}
	}
	value = PyDict_GetItemWithError(*locals, name);
	if (value == NULL)
		PyErr_Clear();
	return Py_XNewRef(value);
#endif
}

/* On 3.12 (see COMPAT_UNWIND_RETURNS_NONE) the instruction where a frame
 * stopped distinguishes a return by exception from a real one:
 * RETURN_VALUE or RETURN_CONST for a return, YIELD_VALUE for a yield,
 * anything else for an unwind. */
enum { COMPAT_STOP_OTHER, COMPAT_STOP_RETURN, COMPAT_STOP_YIELD };
#if COMPAT_UNWIND_RETURNS_NONE
static inline int compat_frame_stop_kind(PyFrameObject *frame, PyObject *bytecode)
{
	int lasti = PyFrame_GetLasti(frame);
	int op;

	if (lasti < 0 || lasti >= PyBytes_GET_SIZE(bytecode))
		return COMPAT_STOP_OTHER;
	op = (unsigned char)PyBytes_AS_STRING(bytecode)[lasti];
	if (op == RETURN_VALUE || op == RETURN_CONST)
		return COMPAT_STOP_RETURN;
	return op == YIELD_VALUE ? COMPAT_STOP_YIELD : COMPAT_STOP_OTHER;
}
#endif

/* Read argument `index` of a frame at its call event straight from the
 * frame's fast slots, without building the locals dict that
 * compat_frame_var needs before 3.12. Returns a borrowed reference, or
 * NULL when the argument is a cell or the version has no fast path, so
 * the caller then uses compat_frame_var.
 * 3.9 and 3.10 keep the slots in the public frame struct and clear the
 * slot of an argument that became a cell. 3.11 and 3.12 keep them in the
 * private _PyInterpreterFrame, whose header needs Py_BUILD_CORE; there
 * the argument names are the first co_localsplusnames, and
 * co_localspluskinds marks cells. 3.13 uses PyFrame_GetVar, which reads
 * the slots without a dict. */
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030D0000
#define Py_BUILD_CORE 1
#include <internal/pycore_code.h>
#include <internal/pycore_frame.h>
#undef Py_BUILD_CORE
static inline PyObject *compat_frame_arg(PyFrameObject *frame, PyCodeObject *code, Py_ssize_t index)
{
	if (index >= code->co_nlocalsplus || (PyBytes_AS_STRING(code->co_localspluskinds)[index] & (CO_FAST_CELL | CO_FAST_FREE)) != 0)
		return NULL;
	return frame->f_frame->localsplus[index];
}
#elif PY_VERSION_HEX < 0x030B0000
static inline PyObject *compat_frame_arg(PyFrameObject *frame, PyCodeObject *code, Py_ssize_t index)
{
	if (index >= code->co_nlocals)
		return NULL;
	return frame->f_localsplus[index];
}
#else
static inline PyObject *compat_frame_arg(PyFrameObject *frame, PyCodeObject *code, Py_ssize_t index)
{
	(void)frame;
	(void)code;
	(void)index;
	return NULL;
}
#endif

/* From 3.12 a frame's f_lineno is 0 at call and return events, and
 * PyFrame_GetLineNumber then searches the code's line table for
 * PyFrame_GetLasti. The line then depends only on the code and that
 * offset, which this returns, plus one (a frame that has not started has
 * offset -1), so the caller can memoise the line. It returns -1 when
 * f_lineno is set, and always before 3.12: 3.11 stores the line in
 * f_lineno before every trace event. 3.13 hides the frame struct, so
 * there the key is the offset whatever f_lineno is. That is right because
 * the caller uses the key only for call and return events, where f_lineno
 * is 0. */
#if PY_VERSION_HEX >= 0x030C0000 && PY_VERSION_HEX < 0x030D0000
#define compat_frame_line_key(frame) ((frame)->f_lineno == 0 ? PyFrame_GetLasti(frame) + 1 : -1)
#elif PY_VERSION_HEX >= 0x030D0000
#define compat_frame_line_key(frame) (PyFrame_GetLasti(frame) + 1)
#else
#define compat_frame_line_key(frame) (-1)
#endif

/* Inline forms of two calls that trace mode makes on every event. 3.11
 * and 3.12 store a line event's line in f_lineno, and their private
 * headers (included above) show the frame's code. Other versions make
 * the calls. */
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030D0000
static inline int compat_frame_lineno(PyFrameObject *frame)
{
	return frame->f_lineno != 0 ? frame->f_lineno : PyFrame_GetLineNumber(frame);
}

static inline PyCodeObject *compat_frame_code(PyFrameObject *frame)
{
	return (PyCodeObject *)Py_NewRef(frame->f_frame->f_code);
}
#else
#define compat_frame_lineno(frame) PyFrame_GetLineNumber(frame)
#define compat_frame_code(frame) PyFrame_GetCode(frame)
#endif

/* Argument `index` of a frame at its call event as a new reference, or
 * NULL with no exception set when it cannot be read without building a
 * locals dict (a cell before 3.13). */
static inline PyObject *compat_frame_arg_ref(PyFrameObject *frame, PyCodeObject *code, PyObject *names, Py_ssize_t index)
{
#if PY_VERSION_HEX >= 0x030D0000
	PyObject *value;

	(void)code;
	value = PyFrame_GetVar(frame, PyTuple_GET_ITEM(names, index));
	if (value == NULL)
		PyErr_Clear();
	return value;
#else
	(void)names;
	return Py_XNewRef(compat_frame_arg(frame, code, index));
#endif
}

/* Read an exact int that fits one digit without a call: most ints a
 * trace shows. 3.12 changed the layout of int objects (gh-101291) and
 * added inline accessors for it. Returns false for other ints. */
static inline bool compat_long_small(PyObject *obj, long *value)
{
#if PY_VERSION_HEX >= 0x030C0000
	if (!PyUnstable_Long_IsCompact((PyLongObject *)obj))
		return false;
	*value = (long)PyUnstable_Long_CompactValue((PyLongObject *)obj);
	return true;
#else
	Py_ssize_t size = Py_SIZE(obj);

	if (size < -1 || size > 1)
		return false;
	*value = size * (long)((PyLongObject *)obj)->ob_digit[0];
	return true;
#endif
}

#endif /* CTRACE_COMPAT_H */
