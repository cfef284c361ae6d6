/* Evaluation in a frame and the bounded repr path. Code here runs with
 * the thread marked as tracing (inside the trace function, or wrapped by
 * the debugger), so nothing it evaluates is traced itself. */
#include "ctrace/inspect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrace/debugger.h"
#include "ctrace/output.h"
#include "ctrace/session.h"

PyFrameObject *inspect_selected_frame(struct session *s)
{
	if (!s->stop.active || s->stop.depth == 0)
		return NULL;
	return s->stop.stack[s->stop.selected].frame;
}

PyObject *inspect_frame_locals(PyFrameObject *frame)
{
	return compat_frame_locals(frame);
}

static const char *skip_space(const char *text)
{
	while (*text == ' ' || *text == '\t')
		text++;
	return text;
}

/* Return true when code defines nested scopes (lambdas, comprehensions,
 * generator expressions), which cannot see a function frame's locals
 * when run with separate globals and locals. */
static bool has_nested_code(PyObject *code)
{
	PyObject *consts = ((PyCodeObject *)code)->co_consts;

	for (Py_ssize_t i = 0; consts && i < PyTuple_GET_SIZE(consts); i++)
		if (PyCode_Check(PyTuple_GET_ITEM(consts, i)))
			return true;
	return false;
}

/* Copy names that code run with merged globals bound at module level back
 * into the real globals, leaving the frame's own locals alone. */
static void write_back_globals(PyObject *merged, PyObject *globals, PyObject *locals)
{
	PyObject *key;
	PyObject *value;
	Py_ssize_t pos = 0;

	while (PyDict_Next(merged, &pos, &key, &value)) {
		PyObject *old;
		int in_locals = PyMapping_HasKey(locals, key);

		if (in_locals)
			continue;
		old = PyDict_GetItemWithError(globals, key); /* borrowed */
		if (old != value && PyDict_SetItem(globals, key, value) < 0)
			PyErr_Clear();
	}
	PyErr_Clear();
}

PyObject *inspect_namespace(PyFrameObject *frame)
{
	PyObject *globals = compat_frame_globals(frame);
	PyObject *locals = inspect_frame_locals(frame);
	PyObject *merged = NULL;

	if (globals != NULL && locals != NULL) {
		merged = PyDict_Copy(globals);
		if (merged != NULL && locals != globals && PyDict_Merge(merged, locals, 1) < 0)
			Py_CLEAR(merged);
	}
	Py_XDECREF(globals);
	Py_XDECREF(locals);
	return merged;
}

/* Evaluate source compiled in mode (Py_eval_input or Py_single_input)
 * in frame's namespaces and write changed locals back. Code with nested
 * scopes runs with the locals merged into its globals, so comprehensions
 * and lambdas typed at the prompt see the frame's locals on every
 * version. */
static PyObject *run_in_frame(PyFrameObject *frame, const char *source, int mode)
{
	PyObject *globals = compat_frame_globals(frame);
	PyObject *locals = inspect_frame_locals(frame);
	PyObject *code = NULL;
	PyObject *result = NULL;

	if (globals == NULL || locals == NULL)
		goto done;
	code = Py_CompileString(source, "<stdin>", mode);
	if (code == NULL)
		goto done;
	if (locals != globals && has_nested_code(code)) {
		PyObject *merged = PyDict_Copy(globals);

		if (merged == NULL || PyDict_Merge(merged, locals, 1) < 0) {
			Py_XDECREF(merged);
			goto done;
		}
		result = PyEval_EvalCode(code, merged, mode == Py_eval_input ? merged : locals);
		if (mode != Py_eval_input)
			write_back_globals(merged, globals, locals);
		Py_DECREF(merged);
	} else {
		result = PyEval_EvalCode(code, globals, locals);
	}
	if (locals != globals && mode != Py_eval_input)
		compat_locals_write_back(frame);
done:
	Py_XDECREF(code);
	Py_XDECREF(globals);
	Py_XDECREF(locals);
	return result;
}

PyObject *inspect_eval(struct session *s, const char *expr)
{
	PyFrameObject *frame = inspect_selected_frame(s);

	if (frame == NULL) {
		PyErr_SetString(PyExc_RuntimeError, "no frame is selected");
		return NULL;
	}
	return run_in_frame(frame, skip_space(expr), Py_eval_input);
}

int inspect_condition(struct session *s, PyFrameObject *frame, const char *cond)
{
	PyObject *value = run_in_frame(frame, skip_space(cond), Py_eval_input);
	int truth;

	(void)s;
	if (value == NULL)
		return -1;
	truth = PyObject_IsTrue(value);
	Py_DECREF(value);
	return truth;
}

/* sys.displayhook while a statement typed at the prompt runs: print the
 * value without rebinding builtins._ in the program. */
static PyObject *prompt_displayhook(PyObject *self, PyObject *value)
{
	char *text;

	(void)self;
	if (value == Py_None || current_session == NULL)
		Py_RETURN_NONE;
	text = inspect_repr(current_session, value, REPR_LIMIT_PRINT);
	if (text != NULL) {
		out_printf(&current_session->out, "%s\n", text);
		free(text);
	}
	Py_RETURN_NONE;
}

static PyMethodDef displayhook_def = {"displayhook", prompt_displayhook, METH_O, NULL};

/* Install ctrace's displayhook; return the program's (new reference). */
static PyObject *swap_displayhook(void)
{
	PyObject *saved = PySys_GetObject("displayhook"); /* borrowed */
	PyObject *hook = PyCFunction_New(&displayhook_def, NULL);

	Py_XINCREF(saved);
	if (hook != NULL)
		PySys_SetObject("displayhook", hook);
	Py_XDECREF(hook);
	PyErr_Clear();
	return saved;
}

static void restore_displayhook(PyObject *saved)
{
	if (saved != NULL)
		PySys_SetObject("displayhook", saved);
	Py_XDECREF(saved);
}

PyObject *inspect_run_echoing(PyObject *code, PyObject *globals, PyObject *locals)
{
	PyObject *saved = swap_displayhook();
	PyObject *result = PyEval_EvalCode(code, globals, locals);

	restore_displayhook(saved);
	return result;
}

/* Return 1 when source is a complete statement, 0 when it needs more
 * lines, -1 with the exception set when it can never compile. */
static int statement_complete(const char *source)
{
	PyObject *codeop = PyImport_ImportModule("codeop");
	PyObject *code;
	int complete;

	if (codeop == NULL)
		return -1;
	code = PyObject_CallMethod(codeop, "compile_command", "sss", source, "<stdin>", "single");
	Py_DECREF(codeop);
	if (code == NULL)
		return -1;
	complete = code != Py_None;
	Py_DECREF(code);
	return complete;
}

/* Read continuation lines ("... " prompt) until text forms a complete
 * statement. Return the malloc'd source, or NULL when input ended or the
 * statement is invalid (the error is left set). */
static char *read_statement(struct session *s, const char *text)
{
	size_t len = strlen(text);
	char *source = malloc(len + 2);

	if (source == NULL)
		abort();
	memcpy(source, text, len + 1);
	for (;;) {
		int complete = statement_complete(source);
		char *line = NULL;
		size_t more;

		if (complete != 0)
			return complete > 0 ? source : (free(source), NULL);
		if (debugger_read_line(s, "... ", &line) != INPUT_LINE) {
			free(source);
			return NULL;
		}
		more = strlen(line);
		source = realloc(source, len + more + 3);
		if (source == NULL)
			abort();
		source[len++] = '\n';
		memcpy(source + len, line, more + 1);
		len += more;
		free(line);
	}
}

enum cmd_result inspect_exec_statement(struct session *s, const char *text)
{
	PyFrameObject *frame = inspect_selected_frame(s);
	PyObject *saved;
	PyObject *result;
	size_t len;
	char *source;
	char *statement;

	text = skip_space(text);
	if (*text == '\0')
		return CMD_OK;
	if (frame == NULL) {
		out_error(&s->out, "no frame is selected");
		return CMD_ERROR;
	}
	statement = read_statement(s, text);
	if (statement == NULL) {
		if (PyErr_Occurred())
			inspect_report_error(s);
		return CMD_ERROR;
	}
	len = strlen(statement);
	source = malloc(len + 2);
	if (source == NULL)
		abort();
	memcpy(source, statement, len);
	free(statement);
	/* Single-input mode needs the final newline for compound statements. */
	source[len] = '\n';
	source[len + 1] = '\0';

	saved = swap_displayhook();
	result = run_in_frame(frame, source, Py_single_input);
	if (result == NULL)
		inspect_report_error(s);
	Py_XDECREF(result);
	restore_displayhook(saved);
	free(source);
	return result == NULL ? CMD_ERROR : CMD_OK;
}

char *inspect_format_exception(PyObject *exc)
{
	PyObject *saved = compat_err_fetch();
	const char *tname = Py_TYPE(exc)->tp_name;
	const char *dot = strrchr(tname, '.');
	PyObject *msg = PyObject_Str(exc);
	const char *utf8 = NULL;
	char *text;
	size_t len;

	if (dot != NULL)
		tname = dot + 1;
	if (PyErr_GivenExceptionMatches(exc, PyExc_SyntaxError)) {
		/* str() of a SyntaxError appends "(<stdin>, line 1)"; the
		 * message alone reads as python's last traceback line does. */
		PyObject *text = PyObject_GetAttrString(exc, "msg");

		if (text != NULL && PyUnicode_Check(text)) {
			Py_XSETREF(msg, text);
		} else {
			Py_XDECREF(text);
			PyErr_Clear();
		}
	}
	if (msg != NULL)
		utf8 = PyUnicode_AsUTF8(msg);
	if (utf8 == NULL) {
		PyErr_Clear();
		utf8 = "<exception str() failed>";
	}
	len = strlen(tname) + strlen(utf8) + 3;
	text = malloc(len);
	if (text == NULL)
		abort();
	if (*utf8)
		snprintf(text, len, "%s: %s", tname, utf8);
	else
		snprintf(text, len, "%s", tname);
	Py_XDECREF(msg);
	compat_err_restore(saved);
	return text;
}

void inspect_report_error(struct session *s)
{
	PyObject *exc = compat_err_fetch();
	char *text;
	char *safe;

	if (exc == NULL)
		return;
	text = inspect_format_exception(exc);
	safe = out_escape(&s->out, text, strlen(text));
	/* Keep the message on one line: a SyntaxError's text may span several. */
	for (char *p = safe; p && *p; p++)
		if (*p == '\n')
			*p = ' ';
	out_error(&s->out, "%s", safe ? safe : text);
	free(safe);
	free(text);
	Py_DECREF(exc);
}

/* Return a malloc'd UTF-8 copy of a str, with undecodable characters
 * escaped, or NULL. */
static char *utf8_copy(PyObject *str, size_t *len)
{
	PyObject *bytes = PyUnicode_AsEncodedString(str, "utf-8", "backslashreplace");
	char *copy;

	if (bytes == NULL)
		return NULL;
	*len = (size_t)PyBytes_GET_SIZE(bytes);
	copy = malloc(*len + 1);
	if (copy == NULL)
		abort();
	memcpy(copy, PyBytes_AS_STRING(bytes), *len + 1);
	Py_DECREF(bytes);
	return copy;
}

char *inspect_repr(struct session *s, PyObject *value, size_t limit)
{
	PyObject *saved = compat_err_fetch();
	PyObject *repr = PyObject_Repr(value);
	PyObject *shown = NULL;
	Py_ssize_t length;
	size_t len = 0;
	char *utf8 = NULL;
	char *result;

	if (repr == NULL) {
		PyObject *exc = compat_err_fetch();
		char *why = exc ? inspect_format_exception(exc) : strdup("unknown error");
		size_t cap = strlen(why) + strlen(Py_TYPE(value)->tp_name) + 40;

		result = malloc(cap);
		if (result == NULL)
			abort();
		snprintf(result, cap, "*** repr(%s) failed: %s", Py_TYPE(value)->tp_name, why);
		free(why);
		Py_XDECREF(exc);
		compat_err_restore(saved);
		return result;
	}
	length = PyUnicode_GET_LENGTH(repr);
	if ((size_t)length > limit)
		shown = PyUnicode_Substring(repr, 0, (Py_ssize_t)limit);
	else
		shown = Py_NewRef(repr);
	if (shown != NULL)
		utf8 = utf8_copy(shown, &len);
	if (utf8 == NULL) {
		PyErr_Clear();
		utf8 = strdup("*** repr could not be encoded");
		len = strlen(utf8);
	}
	result = out_escape(&s->out, utf8, len);
	free(utf8);
	if ((size_t)length > limit) {
		char notice[96];
		size_t rlen = strlen(result);
		int nlen = snprintf(notice, sizeof(notice), "... [%zd more characters cut]", length - (Py_ssize_t)limit);

		result = realloc(result, rlen + (size_t)nlen + 1);
		if (result == NULL)
			abort();
		memcpy(result + rlen, notice, (size_t)nlen + 1);
	}
	Py_XDECREF(shown);
	Py_DECREF(repr);
	compat_err_restore(saved);
	return result;
}
