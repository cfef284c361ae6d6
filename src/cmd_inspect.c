/* Value commands: print, pp, whatis, args, locals, retval, statements and
 * info. */
#include <stdlib.h>
#include <string.h>

#include "cmd_handlers.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/session.h"

static void print_value(struct session *s, PyObject *value, size_t limit)
{
	char *text = inspect_repr(s, value, limit);

	out_printf(&s->out, "%s\n", text);
	free(text);
}

enum cmd_result cmd_print(struct session *s, const struct cmd_args *args)
{
	PyObject *value = inspect_eval(s, args->rest);

	if (value == NULL) {
		inspect_report_error(s);
		return CMD_ERROR;
	}
	print_value(s, value, REPR_LIMIT_PRINT);
	Py_DECREF(value);
	return CMD_OK;
}

enum cmd_result cmd_pp(struct session *s, const struct cmd_args *args)
{
	PyObject *value = inspect_eval(s, args->rest);
	PyObject *text;
	const char *utf8;
	char *safe;

	if (value == NULL) {
		inspect_report_error(s);
		return CMD_ERROR;
	}
	text = PyObject_CallMethod(s->helpers, "pretty", "O", value);
	Py_DECREF(value);
	if (text == NULL) {
		inspect_report_error(s);
		return CMD_ERROR;
	}
	utf8 = PyUnicode_AsUTF8(text);
	if (utf8 == NULL) {
		Py_DECREF(text);
		inspect_report_error(s);
		return CMD_ERROR;
	}
	safe = out_escape(&s->out, utf8, strlen(utf8));
	out_printf(&s->out, "%s\n", safe ? safe : "");
	free(safe);
	Py_DECREF(text);
	return CMD_OK;
}

/* Print "Function NAME", "Method NAME" or "Class MODULE.QUALNAME" for
 * those kinds of values, as pdb does, and return true. */
static bool whatis_callable(struct session *s, PyObject *value)
{
	PyObject *func = PyObject_GetAttrString(value, "__func__");
	PyObject *code;
	PyObject *name = NULL;
	bool done = false;

	PyErr_Clear();
	code = PyObject_GetAttrString(func ? func : value, "__code__");
	PyErr_Clear();
	if (code != NULL) {
		name = PyObject_GetAttrString(func ? func : value, "__name__");
		if (name != NULL && PyUnicode_Check(name)) {
			out_printf(&s->out, "%s %s\n", func ? "Method" : "Function", PyUnicode_AsUTF8(name));
			done = true;
		}
	} else if (PyType_Check(value)) {
		PyObject *module = PyObject_GetAttrString(value, "__module__");

		name = PyObject_GetAttrString(value, "__qualname__");
		if (module != NULL && name != NULL && PyUnicode_Check(module) && PyUnicode_Check(name)) {
			out_printf(&s->out, "Class %s.%s\n", PyUnicode_AsUTF8(module), PyUnicode_AsUTF8(name));
			done = true;
		}
		Py_XDECREF(module);
	}
	PyErr_Clear();
	Py_XDECREF(name);
	Py_XDECREF(code);
	Py_XDECREF(func);
	return done;
}

enum cmd_result cmd_whatis(struct session *s, const struct cmd_args *args)
{
	PyObject *value = inspect_eval(s, args->rest);

	if (value == NULL) {
		inspect_report_error(s);
		return CMD_ERROR;
	}
	if (!whatis_callable(s, value))
		print_value(s, (PyObject *)Py_TYPE(value), REPR_LIMIT_PRINT);
	Py_DECREF(value);
	return CMD_OK;
}

/* Print "name = repr" for name in the frame's locals mapping, or that it
 * is undefined. */
static void print_variable(struct session *s, PyObject *locals, PyObject *name)
{
	PyObject *value = PyObject_GetItem(locals, name);
	const char *utf8 = PyUnicode_AsUTF8(name);

	if (utf8 == NULL) {
		PyErr_Clear();
		return;
	}
	if (value == NULL) {
		PyErr_Clear();
		out_printf(&s->out, "%s = *** undefined ***\n", utf8);
		return;
	}
	{
		char *text = inspect_repr(s, value, REPR_LIMIT_DISPLAY);

		out_printf(&s->out, "%s = %s\n", utf8, text);
		free(text);
	}
	Py_DECREF(value);
}

enum cmd_result cmd_args(struct session *s, const struct cmd_args *args)
{
	PyFrameObject *frame = inspect_selected_frame(s);
	PyCodeObject *code;
	PyObject *names;
	PyObject *locals;
	Py_ssize_t count;

	(void)args;
	code = PyFrame_GetCode(frame);
	names = PyObject_GetAttrString((PyObject *)code, "co_varnames");
	locals = inspect_frame_locals(frame);
	count = code->co_argcount + code->co_kwonlyargcount;
	if (code->co_flags & CO_VARARGS)
		count++;
	if (code->co_flags & CO_VARKEYWORDS)
		count++;
	if (names != NULL && locals != NULL && PyTuple_Check(names)) {
		for (Py_ssize_t i = 0; i < count && i < PyTuple_GET_SIZE(names); i++)
			print_variable(s, locals, PyTuple_GET_ITEM(names, i));
	} else {
		inspect_report_error(s);
	}
	Py_XDECREF(names);
	Py_XDECREF(locals);
	Py_DECREF(code);
	return CMD_OK;
}

enum cmd_result cmd_locals(struct session *s, const struct cmd_args *args)
{
	PyFrameObject *frame = inspect_selected_frame(s);
	PyObject *locals = inspect_frame_locals(frame);
	PyObject *keys;

	(void)args;
	if (locals == NULL) {
		inspect_report_error(s);
		return CMD_ERROR;
	}
	keys = PyMapping_Keys(locals);
	if (keys == NULL || PyList_Sort(keys) < 0) {
		Py_XDECREF(keys);
		Py_DECREF(locals);
		inspect_report_error(s);
		return CMD_ERROR;
	}
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(keys); i++) {
		PyObject *name = PyList_GET_ITEM(keys, i);

		if (PyUnicode_Check(name) && PyUnicode_GetLength(name) > 4 && PyUnicode_READ_CHAR(name, 0) == '_' && PyUnicode_READ_CHAR(name, 1) == '_')
			continue; /* __builtins__, __name__ and the like at module level */
		print_variable(s, locals, name);
	}
	Py_DECREF(keys);
	Py_DECREF(locals);
	return CMD_OK;
}

enum cmd_result cmd_retval(struct session *s, const struct cmd_args *args)
{
	(void)args;
	if (s->stop.event != EV_RETURN || s->stop.reason == STOP_POST_MORTEM) {
		out_error(&s->out, "not yet returned: retval works at a --Return-- stop");
		return CMD_ERROR;
	}
	if (s->stop.by_exception) {
		out_printf(&s->out, "(no value: the frame is returning by an exception)\n");
		return CMD_OK;
	}
	print_value(s, s->stop.retval ? s->stop.retval : Py_None, REPR_LIMIT_PRINT);
	return CMD_OK;
}

enum cmd_result cmd_exec(struct session *s, const struct cmd_args *args)
{
	return inspect_exec_statement(s, args->rest);
}

static enum cmd_result info_frame(struct session *s)
{
	PyFrameObject *frame = inspect_selected_frame(s);
	PyCodeObject *code = PyFrame_GetCode(frame);
	const char *file = debugger_selected_file(s);

	int number = s->stop.depth - 1 - s->stop.selected;

	out_printf(&s->out, "Frame %d of %d (0 is the innermost) in thread %s\n", number, s->stop.depth, s->stop.tstate == s->main_tstate ? "main" : "other");
	out_printf(&s->out, "  function: %s\n", PyUnicode_AsUTF8(compat_code_qualname(code)));
	out_printf(&s->out, "  file: %s, line %d\n", file ? file : "?", s->stop.stack[s->stop.selected].line);
	out_printf(&s->out, "  first line of code: %d\n", code->co_firstlineno);
	if (s->stop.selected > 0)
		out_printf(&s->out, "  called from: frame %d, line %d\n", number + 1, s->stop.stack[s->stop.selected - 1].line);
	else
		out_printf(&s->out, "  called from: (outermost frame)\n");
	Py_DECREF(code);
	return CMD_OK;
}

enum cmd_result cmd_info(struct session *s, const struct cmd_args *args)
{
	static const char *const subcommands[] = {"breakpoints", "locals", "args", "frame", "threads", "display", "watchpoints", "skip", NULL};
	const char *word = args->argv[0];
	size_t len = strlen(word);
	const char *match = NULL;
	struct cmd_args none = {0, NULL, ""};

	for (int i = 0; subcommands[i]; i++) {
		if (strncmp(subcommands[i], word, len) == 0) {
			if (match != NULL) {
				out_error(&s->out, "ambiguous info subcommand: %s (use breakpoints, locals, args, frame, threads, display, watchpoints or skip)", word);
				return CMD_ERROR;
			}
			match = subcommands[i];
		}
	}
	if (match == NULL) {
		out_error(&s->out, "unknown info subcommand: %s (use breakpoints, locals, args, frame, threads, display, watchpoints or skip)", word);
		return CMD_ERROR;
	}
	if (strcmp(match, "breakpoints") == 0) {
		print_breakpoint_table(s);
		return CMD_OK;
	}
	if (strcmp(match, "locals") == 0)
		return cmd_locals(s, &none);
	if (strcmp(match, "args") == 0)
		return cmd_args(s, &none);
	if (strcmp(match, "threads") == 0) {
		info_threads(s);
		return CMD_OK;
	}
	if (strcmp(match, "display") == 0)
		return cmd_display(s, &none);
	if (strcmp(match, "skip") == 0) {
		info_skip(s);
		return CMD_OK;
	}
	if (strcmp(match, "watchpoints") == 0) {
		info_watchpoints(s);
		return CMD_OK;
	}
	return info_frame(s);
}

enum cmd_result cmd_source(struct session *s, const struct cmd_args *args)
{
	PyObject *value = inspect_eval(s, args->rest);
	PyObject *inspect_module;
	PyObject *found;
	PyObject *file = NULL;

	if (value == NULL) {
		inspect_report_error(s);
		return CMD_ERROR;
	}
	inspect_module = PyImport_ImportModule("inspect");
	found = inspect_module ? PyObject_CallMethod(inspect_module, "getsourcelines", "O", value) : NULL;
	if (found != NULL)
		file = PyObject_CallMethod(inspect_module, "getsourcefile", "O", value);
	Py_XDECREF(inspect_module);
	Py_DECREF(value);
	if (found == NULL || file == NULL) {
		Py_XDECREF(found);
		inspect_report_error(s);
		return CMD_ERROR;
	}
	{
		PyObject *lines = PyTuple_GET_ITEM(found, 0);
		long first = PyLong_AsLong(PyTuple_GET_ITEM(found, 1));
		Py_ssize_t count = PyList_GET_SIZE(lines);

		if (first < 1)
			first = 1;
		for (Py_ssize_t i = 0; i < count; i++) {
			const char *text = PyUnicode_AsUTF8(PyList_GET_ITEM(lines, i));
			size_t len = text ? strlen(text) : 0;
			char *safe;

			while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
				len--;
			safe = out_escape(&s->out, text ? text : "", len);
			out_printf(&s->out, "%3ld  \t%s\n", first + (long)i, safe ? safe : "");
			free(safe);
		}
	}
	PyErr_Clear();
	Py_DECREF(found);
	Py_XDECREF(file);
	return CMD_OK;
}

enum cmd_result cmd_interact(struct session *s, const struct cmd_args *args)
{
	PyObject *ns = inspect_namespace(inspect_selected_frame(s));
	PyObject *codeop = PyImport_ImportModule("codeop");
	char *source = NULL;

	(void)args;
	if (ns == NULL || codeop == NULL) {
		Py_XDECREF(ns);
		Py_XDECREF(codeop);
		inspect_report_error(s);
		return CMD_ERROR;
	}
	out_printf(&s->out, "*interactive* (a copy of the frame's names; Ctrl-D returns to ctrace)\n");
	for (;;) {
		char *line = NULL;
		enum input_status status = debugger_read_line(s, source ? "... " : ">>> ", &line);
		PyObject *code;

		if (status == INPUT_INTERRUPT) {
			out_printf(&s->out, "KeyboardInterrupt\n");
			free(source);
			source = NULL;
			continue;
		}
		if (status != INPUT_LINE)
			break;
		if (source == NULL) {
			source = line;
		} else {
			size_t a = strlen(source);
			size_t b = strlen(line);

			source = realloc(source, a + b + 2);
			if (source == NULL)
				abort();
			source[a] = '\n';
			memcpy(source + a + 1, line, b + 1);
			free(line);
		}
		code = PyObject_CallMethod(codeop, "compile_command", "sss", source, "<console>", "single");
		if (code == Py_None) {
			Py_DECREF(code);
			continue;
		}
		if (code != NULL) {
			PyObject *result = inspect_run_echoing(code, ns, ns);

			Py_DECREF(code);
			if (result == NULL)
				PyErr_Print();
			Py_XDECREF(result);
		} else {
			PyErr_Print();
		}
		output_flush_program(&s->out);
		free(source);
		source = NULL;
	}
	free(source);
	out_printf(&s->out, "\n*exit from interactive console*\n");
	Py_DECREF(codeop);
	Py_DECREF(ns);
	return CMD_OK;
}
