/* Stack and source commands: where, up, down, frame, list, longlist. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_handlers.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/session.h"
#include "ctrace/source.h"
#include "ctrace/tracer.h"

/* Parse an optional whole-number argument, default dflt. Return false
 * after printing an error. */
static bool int_arg(struct session *s, const struct cmd_args *args, long dflt, long *value)
{
	char *end;

	*value = dflt;
	if (args->argc == 0)
		return true;
	*value = strtol(args->argv[0], &end, 10);
	if (*end != '\0' || end == args->argv[0]) {
		out_error(&s->out, "invalid number: %s", args->argv[0]);
		return false;
	}
	return true;
}

enum cmd_result cmd_where(struct session *s, const struct cmd_args *args)
{
	long count;
	int first = 0;

	if (!int_arg(s, args, 0, &count))
		return CMD_ERROR;
	if (count > 0 && count < s->stop.depth)
		first = s->stop.depth - (int)count;
	for (int i = first; i < s->stop.depth; i++)
		debugger_print_entry(s, i, i == s->stop.selected);
	return CMD_OK;
}

enum cmd_result cmd_up(struct session *s, const struct cmd_args *args)
{
	long count;
	long target;

	if (!int_arg(s, args, 1, &count))
		return CMD_ERROR;
	if (s->stop.selected == 0) {
		out_error(&s->out, "Oldest frame");
		return CMD_ERROR;
	}
	target = count < 0 ? 0 : s->stop.selected - count;
	debugger_select(s, target < 0 ? 0 : (int)target);
	return CMD_OK;
}

enum cmd_result cmd_down(struct session *s, const struct cmd_args *args)
{
	long count;
	long target;

	if (!int_arg(s, args, 1, &count))
		return CMD_ERROR;
	if (s->stop.selected == s->stop.depth - 1) {
		out_error(&s->out, "Newest frame");
		return CMD_ERROR;
	}
	target = count < 0 ? s->stop.depth - 1 : s->stop.selected + count;
	debugger_select(s, target >= s->stop.depth ? s->stop.depth - 1 : (int)target);
	return CMD_OK;
}

enum cmd_result cmd_frame(struct session *s, const struct cmd_args *args)
{
	long number;

	/* Frame 0 is the innermost, as in gdb and in `where`. */
	if (!int_arg(s, args, s->stop.depth - 1 - s->stop.selected, &number))
		return CMD_ERROR;
	if (number < 0 || number >= s->stop.depth) {
		out_error(&s->out, "no frame number %ld (frames are 0, the innermost, to %d, see 'where')", number, s->stop.depth - 1);
		return CMD_ERROR;
	}
	debugger_select(s, s->stop.depth - 1 - (int)number);
	return CMD_OK;
}

/* The file name, canonical name and globals of the selected frame, for
 * listings. */
struct listing_target {
	PyCodeObject *code; /* owned */
	PyObject *globals;  /* owned */
	const char *filename;
	const char *canon;
	int current;
	int exc_line;
};

static bool listing_target_get(struct session *s, struct listing_target *t)
{
	PyFrameObject *frame = inspect_selected_frame(s);

	memset(t, 0, sizeof(*t));
	if (frame == NULL)
		return false;
	t->code = PyFrame_GetCode(frame);
	t->globals = compat_frame_globals(frame);
	t->filename = PyUnicode_AsUTF8(t->code->co_filename);
	t->canon = tracer_code_file(s, t->code);
	t->current = s->stop.stack[s->stop.selected].line;
	if (s->stop.reason == STOP_POST_MORTEM && s->stop.selected == s->stop.depth - 1)
		t->exc_line = t->current;
	if (t->filename == NULL) {
		PyErr_Clear();
		t->filename = "<unknown>";
	}
	return true;
}

static void listing_target_free(struct listing_target *t)
{
	Py_XDECREF(t->code);
	Py_XDECREF(t->globals);
}

enum cmd_result cmd_list(struct session *s, const struct cmd_args *args)
{
	struct listing_target t;
	const char *rest = args->rest;
	int first;
	int last;
	int printed;

	if (!listing_target_get(s, &t))
		return CMD_ERROR;
	if (*rest == '\0') {
		first = s->stop.list_next ? s->stop.list_next : t.current - 5;
		last = first + 10;
	} else if (strcmp(rest, ".") == 0) {
		first = t.current - 5;
		last = first + 10;
	} else {
		char *end;
		long a = strtol(rest, &end, 10);
		long b;

		while (isspace((unsigned char)*end))
			end++;
		if (end == rest) {
			out_error(&s->out, "invalid list range: %s (use FIRST[, LAST] or .)", rest);
			listing_target_free(&t);
			return CMD_ERROR;
		}
		if (*end == ',') {
			const char *second = end + 1;

			b = strtol(second, &end, 10);
			if (end == second || *end != '\0') {
				out_error(&s->out, "invalid list range: %s (use FIRST[, LAST] or .)", rest);
				listing_target_free(&t);
				return CMD_ERROR;
			}
			first = (int)a;
			last = b < a ? (int)(a + b) : (int)b;
		} else if (*end == '\0') {
			first = (int)a - 5;
			last = first + 10;
		} else {
			out_error(&s->out, "invalid list range: %s (use FIRST[, LAST] or .)", rest);
			listing_target_free(&t);
			return CMD_ERROR;
		}
	}
	if (first < 1) {
		last += 1 - first;
		first = 1;
	}
	printed = source_list(s, t.filename, t.canon, t.globals, first, last, t.current, t.exc_line);
	if (printed == 0 && source_line_count(t.filename, t.globals) == 0)
		out_error(&s->out, "no source available for %s", t.filename);
	s->stop.list_next = printed ? printed + 1 : last + 1;
	listing_target_free(&t);
	return CMD_OK;
}

enum cmd_result cmd_longlist(struct session *s, const struct cmd_args *args)
{
	struct listing_target t;
	PyObject *bounds;
	int first = 1;
	int last;

	(void)args;
	if (!listing_target_get(s, &t))
		return CMD_ERROR;
	last = source_line_count(t.filename, t.globals);
	if (strcmp(PyUnicode_AsUTF8(t.code->co_name), "<module>") != 0) {
		bounds = PyObject_CallMethod(s->helpers, "function_bounds", "O", t.code);
		if (bounds != NULL && PyTuple_Check(bounds)) {
			first = (int)PyLong_AsLong(PyTuple_GET_ITEM(bounds, 0));
			last = (int)PyLong_AsLong(PyTuple_GET_ITEM(bounds, 1));
		}
		PyErr_Clear();
		Py_XDECREF(bounds);
	}
	if (last == 0)
		out_error(&s->out, "no source available for %s", t.filename);
	else
		source_list(s, t.filename, t.canon, t.globals, first, last, t.current, t.exc_line);
	listing_target_free(&t);
	return CMD_OK;
}
