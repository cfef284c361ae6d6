/* display, undisplay, watch and catch, and the checks behind them. The
 * change test compares bounded reprs, so in-place changes such as
 * lst.append(x) count, not only rebinding. */
#include <stdlib.h>
#include <string.h>

#include "cmd_handlers.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/session.h"
#include "ctrace/watch.h"

/* Return the bounded repr of expr evaluated in frame, or an error text
 * in the same style as pdb's displays. Malloc'd. */
static char *value_text(struct session *s, PyFrameObject *frame, const char *expr)
{
	PyObject *globals = compat_frame_globals(frame);
	PyObject *locals = inspect_frame_locals(frame);
	PyObject *code = NULL;
	PyObject *value = NULL;
	char *text;

	if (globals != NULL && locals != NULL)
		code = Py_CompileString(expr, "<display>", Py_eval_input);
	if (code != NULL)
		value = PyEval_EvalCode(code, globals, locals);
	if (value != NULL) {
		text = inspect_repr(s, value, REPR_LIMIT_DISPLAY);
	} else {
		PyObject *exc = compat_err_fetch();
		char *why = exc ? inspect_format_exception(exc) : strdup("unknown error");
		size_t len = strlen(why) + 16;

		text = malloc(len);
		if (text == NULL)
			abort();
		snprintf(text, len, "** raised %s **", why);
		free(why);
		Py_XDECREF(exc);
	}
	Py_XDECREF(value);
	Py_XDECREF(code);
	Py_XDECREF(globals);
	Py_XDECREF(locals);
	return text;
}

static void remove_at(struct session *s, size_t i)
{
	struct watch_item *w = &s->watches[i];

	if (w->is_watch)
		s->nwatchpoints--;
	Py_XDECREF(w->frame);
	free(w->expr);
	free(w->last);
	memmove(&s->watches[i], &s->watches[i + 1], (s->nwatches - i - 1) * sizeof(*w));
	s->nwatches--;
}

void watch_free_all(struct session *s)
{
	while (s->nwatches > 0)
		remove_at(s, s->nwatches - 1);
	free(s->watches);
	s->watches = NULL;
	for (size_t i = 0; i < s->ncatch; i++)
		free(s->catch_types[i]);
	free(s->catch_types);
	s->catch_types = NULL;
	s->ncatch = 0;
	free(s->watch_message);
	s->watch_message = NULL;
	Py_CLEAR(s->caught_uncaught);
}

static struct watch_item *add_item(struct session *s, PyFrameObject *frame, const char *expr, bool is_watch)
{
	struct watch_item *list = realloc(s->watches, (s->nwatches + 1) * sizeof(*list));
	struct watch_item *w;

	if (list == NULL)
		abort();
	s->watches = list;
	w = &s->watches[s->nwatches++];
	/* Watchpoints share their numbers with breakpoints, as in gdb. */
	w->number = is_watch ? ++s->bps.last_number : ++s->last_watch_number;
	w->is_watch = is_watch;
	w->frame = (PyFrameObject *)Py_NewRef(frame);
	w->expr = strdup(expr);
	w->last = value_text(s, frame, expr);
	if (is_watch)
		s->nwatchpoints++;
	return w;
}

static bool expression_compiles(struct session *s, const char *expr, const char *what)
{
	PyObject *code = Py_CompileString(expr, "<expression>", Py_eval_input);

	if (code == NULL) {
		PyObject *exc = compat_err_fetch();
		char *why = exc ? inspect_format_exception(exc) : strdup("invalid syntax");

		out_error(&s->out, "cannot %s %s: %s", what, expr, why);
		free(why);
		Py_XDECREF(exc);
		return false;
	}
	Py_DECREF(code);
	return true;
}

enum cmd_result cmd_display(struct session *s, const struct cmd_args *args)
{
	PyFrameObject *frame = inspect_selected_frame(s);
	struct watch_item *w;
	bool any = false;

	if (args->rest[0] == '\0') {
		for (size_t i = 0; i < s->nwatches; i++) {
			if (s->watches[i].is_watch || s->watches[i].frame != frame)
				continue;
			if (!any)
				out_printf(&s->out, "Currently displaying:\n");
			any = true;
			out_printf(&s->out, "%s: %s\n", s->watches[i].expr, s->watches[i].last);
		}
		if (!any)
			out_printf(&s->out, "No expression is being displayed\n");
		return CMD_OK;
	}
	if (!expression_compiles(s, args->rest, "display"))
		return CMD_ERROR;
	for (size_t i = 0; i < s->nwatches; i++)
		if (!s->watches[i].is_watch && s->watches[i].frame == frame && strcmp(s->watches[i].expr, args->rest) == 0)
			remove_at(s, i);
	w = add_item(s, frame, args->rest, false);
	out_printf(&s->out, "display %s: %s\n", w->expr, w->last);
	return CMD_OK;
}

enum cmd_result cmd_undisplay(struct session *s, const struct cmd_args *args)
{
	PyFrameObject *frame = inspect_selected_frame(s);
	bool found = false;

	for (size_t i = s->nwatches; i-- > 0;) {
		struct watch_item *w = &s->watches[i];

		if (w->is_watch || w->frame != frame)
			continue;
		if (args->rest[0] != '\0' && strcmp(w->expr, args->rest) != 0)
			continue;
		remove_at(s, i);
		found = true;
	}
	if (!found && args->rest[0] != '\0') {
		out_error(&s->out, "not displaying %s (see 'display')", args->rest);
		return CMD_ERROR;
	}
	return CMD_OK;
}

enum cmd_result cmd_watch(struct session *s, const struct cmd_args *args)
{
	struct watch_item *w;

	if (!expression_compiles(s, args->rest, "watch"))
		return CMD_ERROR;
	w = add_item(s, inspect_selected_frame(s), args->rest, true);
	out_printf(&s->out, "Watchpoint %d: %s = %s\n", w->number, w->expr, w->last);
	return CMD_OK;
}

void info_watchpoints(struct session *s)
{
	bool any = false;

	for (size_t i = 0; i < s->nwatches; i++) {
		struct watch_item *w = &s->watches[i];

		if (!w->is_watch)
			continue;
		if (!any)
			out_printf(&s->out, "Num Expression  Value\n");
		any = true;
		out_printf(&s->out, "%-4d%-12s%s\n", w->number, w->expr, w->last);
	}
	if (!any)
		out_printf(&s->out, "No watchpoints.\n");
	if (s->catch_any || s->ncatch > 0 || s->catch_uncaught) {
		out_printf(&s->out, "Catching:");
		if (s->catch_any)
			out_printf(&s->out, " any exception");
		for (size_t i = 0; i < s->ncatch; i++)
			out_printf(&s->out, " %s", s->catch_types[i]);
		if (s->catch_uncaught)
			out_printf(&s->out, " uncaught exceptions");
		out_printf(&s->out, "\n");
	}
}

enum cmd_result cmd_catch(struct session *s, const struct cmd_args *args)
{
	if (args->argc == 0) {
		s->catch_any = true;
		out_printf(&s->out, "Catchpoint set: stop where any exception is raised\n");
		return CMD_OK;
	}
	if (args->argc == 1 && strcmp(args->argv[0], "uncaught") == 0) {
		s->catch_uncaught = true;
		out_printf(&s->out, "Catchpoint set: stop when an exception leaves a thread's outermost frame uncaught\n");
		return CMD_OK;
	}
	for (int i = 0; i < args->argc; i++) {
		s->catch_types = realloc(s->catch_types, (s->ncatch + 1) * sizeof(char *));
		if (s->catch_types == NULL)
			abort();
		s->catch_types[s->ncatch++] = strdup(args->argv[i]);
		out_printf(&s->out, "Catchpoint set: stop where %s is raised\n", args->argv[i]);
	}
	return CMD_OK;
}

void save_displays(struct session *s, FILE *fp)
{
	for (size_t i = 0; i < s->nwatches; i++)
		if (!s->watches[i].is_watch)
			fprintf(fp, "display %s\n", s->watches[i].expr);
	if (s->catch_any)
		fprintf(fp, "catch\n");
	for (size_t i = 0; i < s->ncatch; i++)
		fprintf(fp, "catch %s\n", s->catch_types[i]);
	if (s->catch_uncaught)
		fprintf(fp, "catch uncaught\n");
}

bool watch_check_line(struct session *s, PyFrameObject *frame)
{
	for (size_t i = 0; i < s->nwatches; i++) {
		struct watch_item *w = &s->watches[i];
		char *now;
		size_t len;

		if (!w->is_watch || w->frame != frame)
			continue;
		now = value_text(s, frame, w->expr);
		if (strcmp(now, w->last) == 0) {
			free(now);
			continue;
		}
		len = strlen(w->expr) + strlen(now) + strlen(w->last) + 64;
		free(s->watch_message);
		s->watch_message = malloc(len);
		if (s->watch_message == NULL)
			abort();
		snprintf(s->watch_message, len, "Watchpoint %d: %s\nOld value = %s\nNew value = %s\n", w->number, w->expr, w->last, now);
		free(w->last);
		w->last = now;
		return true;
	}
	return false;
}

bool watch_delete_number(struct session *s, int number)
{
	for (size_t i = 0; i < s->nwatches; i++) {
		if (s->watches[i].is_watch && s->watches[i].number == number) {
			out_printf(&s->out, "Deleted watchpoint %d: %s\n", number, s->watches[i].expr);
			remove_at(s, i);
			return true;
		}
	}
	return false;
}

void watch_frame_ended(struct session *s, PyFrameObject *frame)
{
	for (size_t i = s->nwatches; i-- > 0;) {
		struct watch_item *w = &s->watches[i];

		if (w->frame != frame)
			continue;
		if (w->is_watch)
			out_printf(&s->out, "Watchpoint %d deleted because the frame that set it ended: %s\n", w->number, w->expr);
		remove_at(s, i);
	}
}

/* Return true when exc's class or a base class is named name (plain or
 * with its module). */
static bool type_matches(PyObject *exc, const char *name)
{
	PyObject *mro = Py_TYPE(exc)->tp_mro;

	for (Py_ssize_t i = 0; mro && i < PyTuple_GET_SIZE(mro); i++) {
		PyTypeObject *type = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
		const char *full = type->tp_name;
		const char *dot = strrchr(full, '.');

		if (strcmp(full, name) == 0 || (dot && strcmp(dot + 1, name) == 0))
			return true;
	}
	return false;
}

bool watch_catch_raised(struct session *s, PyObject *arg)
{
	PyObject *exc;
	PyObject *tb;

	if (!s->catch_any && s->ncatch == 0)
		return false;
	if (!PyTuple_Check(arg) || PyTuple_GET_SIZE(arg) < 3)
		return false;
	exc = PyTuple_GET_ITEM(arg, 1);
	tb = PyTuple_GET_ITEM(arg, 2);
	/* Where it is raised the traceback has one entry; the events of the
	 * frames it passes through later have more. */
	if (tb != Py_None && PyTraceBack_Check(tb) && ((PyTracebackObject *)tb)->tb_next != NULL)
		return false;
	if (PyErr_GivenExceptionMatches(exc, PyExc_StopIteration) || PyErr_GivenExceptionMatches(exc, PyExc_GeneratorExit) || PyErr_GivenExceptionMatches(exc, PyExc_StopAsyncIteration))
		return s->ncatch > 0 && (type_matches(exc, "StopIteration") || type_matches(exc, "GeneratorExit") || type_matches(exc, "StopAsyncIteration"));
	if (s->catch_any)
		return true;
	for (size_t i = 0; i < s->ncatch; i++)
		if (type_matches(exc, s->catch_types[i]))
			return true;
	return false;
}

void watch_show_displays(struct session *s, PyFrameObject *frame)
{
	for (size_t i = 0; i < s->nwatches; i++) {
		struct watch_item *w = &s->watches[i];
		char *now;

		if (w->is_watch || w->frame != frame)
			continue;
		now = value_text(s, frame, w->expr);
		if (strcmp(now, w->last) != 0) {
			out_printf(&s->out, "display %s: %s  [old: %s]\n", w->expr, now, w->last);
			free(w->last);
			w->last = now;
		} else {
			free(now);
		}
	}
}
