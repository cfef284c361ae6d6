/* Breakpoint commands: break, tbreak, clear, delete, disable, enable,
 * condition and ignore. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd_handlers.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/path.h"
#include "ctrace/session.h"
#include "ctrace/watch.h"

/* Call a function of the helper module; return a new reference or NULL
 * with the exception set. */
static PyObject *call_helper(struct session *s, const char *name, PyObject *arg)
{
	return PyObject_CallMethod(s->helpers, name, "O", arg);
}

static char *canonical(const char *path)
{
	char cwd[4096];

	return path_canonical(path, getcwd(cwd, sizeof(cwd)) ? cwd : NULL);
}

/* Resolve FILE (a path or dotted module name) to a canonical path, or
 * NULL after printing why. */
static char *resolve_file(struct session *s, const char *name)
{
	PyObject *arg = PyUnicode_FromString(name);
	PyObject *found = arg ? call_helper(s, "find_file", arg) : NULL;
	char *result = NULL;

	Py_XDECREF(arg);
	if (found == NULL) {
		inspect_report_error(s);
		return NULL;
	}
	if (found == Py_None)
		out_error(&s->out, "file not found: %s (give a path relative to the current directory or sys.path, or a module name)", name);
	else
		result = canonical(PyUnicode_AsUTF8(found));
	Py_DECREF(found);
	return result;
}

/* Move line to the first line at or after it that contains code. Return the
 * line, or 0 after printing an error when there is none. */
static int line_with_code(struct session *s, const char *file, int line)
{
	PyObject *arg = PyUnicode_FromString(file);
	PyObject *lines = arg ? call_helper(s, "code_lines", arg) : NULL;
	Py_ssize_t n;
	int last = 0;

	Py_XDECREF(arg);
	if (lines == NULL) {
		inspect_report_error(s);
		return 0;
	}
	if (!PyList_Check(lines)) {
		/* No source to check against (code without a file): trust it. */
		Py_DECREF(lines);
		return line;
	}
	n = PyList_GET_SIZE(lines);
	for (Py_ssize_t i = 0; i < n; i++) {
		int candidate = (int)PyLong_AsLong(PyList_GET_ITEM(lines, i));

		if (candidate >= line) {
			Py_DECREF(lines);
			return candidate;
		}
		last = candidate;
	}
	Py_DECREF(lines);
	if (last == 0)
		out_error(&s->out, "no code in %s to set a breakpoint on", file);
	else
		out_error(&s->out, "line %d is past the last line with code in %s (line %d)", line, file, last);
	return 0;
}

/* A breakpoint on a decorator line means the decorated function: return
 * its first body line (and set *func), or line unchanged. */
static int decorator_target(struct session *s, const char *file, int line, char **func)
{
	PyObject *found;
	int target = line;

	if (*func != NULL)
		return line;
	found = PyObject_CallMethod(s->helpers, "decorated_body_line", "si", file, line);
	if (found != NULL && PyTuple_Check(found)) {
		const char *name = PyUnicode_AsUTF8(PyTuple_GET_ITEM(found, 1));

		target = (int)PyLong_AsLong(PyTuple_GET_ITEM(found, 0));
		*func = name ? strdup(name) : NULL;
	}
	PyErr_Clear();
	Py_XDECREF(found);
	return target;
}

/* Resolve a function name in the selected frame to file and first body
 * line. Return false after printing why. */
/* Store the (file, line, name) tuple loc into the outputs. */
static bool take_location(struct session *s, const char *name, PyObject *loc, char **file, int *line, char **func)
{
	const char *fname = PyUnicode_AsUTF8(PyTuple_GET_ITEM(loc, 0));
	const char *cname = PyUnicode_AsUTF8(PyTuple_GET_ITEM(loc, 2));

	*line = (int)PyLong_AsLong(PyTuple_GET_ITEM(loc, 1));
	*file = fname ? canonical(fname) : NULL;
	*func = cname ? strdup(cname) : NULL;
	if (*file == NULL) {
		PyErr_Clear();
		out_error(&s->out, "cannot find the file of function %s", name);
		free(*func);
		return false;
	}
	return true;
}

/* Resolve a function name to its file and first body line. A function
 * that exists already is evaluated in the selected frame. Otherwise it is
 * found in the source of the current file or of a module along sys.path,
 * and the pending breakpoint fires once that code runs. Return false
 * after printing the reason. */
static bool resolve_function(struct session *s, const char *name, char **file, int *line, char **func)
{
	PyObject *obj = inspect_selected_frame(s) ? inspect_eval(s, name) : NULL;
	PyObject *loc;
	bool ok;

	if (obj != NULL) {
		loc = call_helper(s, "function_location", obj);
		Py_DECREF(obj);
	} else {
		const char *current = debugger_selected_file(s);

		PyErr_Clear();
		loc = PyObject_CallMethod(s->helpers, "locate_function", "ss", name, current ? current : "");
	}
	if (loc == NULL) {
		inspect_report_error(s);
		return false;
	}
	if (loc == Py_None) {
		Py_DECREF(loc);
		if (strchr(name, '.') != NULL)
			out_error(&s->out, "function not found: %s (neither this file nor a module found along sys.path defines it; give FILE:LINE, or set it once the module's directory is on sys.path)", name);
		else
			out_error(&s->out, "not a function, line number or FILE:LINE: %s (give FUNC, MODULE.FUNC, LINE or FILE:LINE)", name);
		return false;
	}
	ok = take_location(s, name, loc, file, line, func);
	Py_DECREF(loc);
	return ok;
}

static bool all_digits(const char *text)
{
	if (*text == '\0')
		return false;
	for (; *text; text++)
		if (!isdigit((unsigned char)*text))
			return false;
	return true;
}

/* Check a condition's syntax. Return false after printing the error. */
static bool condition_compiles(struct session *s, const char *cond)
{
	PyObject *code = Py_CompileString(cond, "<condition>", Py_eval_input);

	if (code == NULL) {
		PyObject *exc = compat_err_fetch();
		char *why = exc ? inspect_format_exception(exc) : strdup("invalid syntax");

		out_error(&s->out, "invalid condition %s: %s", cond, why);
		free(why);
		Py_XDECREF(exc);
		return false;
	}
	Py_DECREF(code);
	return true;
}

static char *trim(char *text)
{
	size_t len;

	while (isspace((unsigned char)*text))
		text++;
	len = strlen(text);
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		text[--len] = '\0';
	return text;
}

/* Split "SPEC, COND" or "SPEC if COND" in place. */
static void split_condition(char *text, char **spec, char **cond)
{
	char *comma = strchr(text, ',');
	char *if_word = strstr(text, " if ");

	*cond = NULL;
	if (comma != NULL && (if_word == NULL || comma < if_word)) {
		*comma = '\0';
		*cond = trim(comma + 1);
	} else if (if_word != NULL) {
		*if_word = '\0';
		*cond = trim(if_word + 4);
	}
	*spec = trim(text);
	if (*cond != NULL && **cond == '\0')
		*cond = NULL;
}

/* List the watchpoints and catchpoints after the breakpoints. */
static void print_catchpoints(struct session *s)
{
	for (size_t i = 0; i < s->nwatches; i++)
		if (s->watches[i].is_watch)
			out_printf(&s->out, "%-4dwatchpoint   keep yes   %s = %s\n", s->watches[i].number, s->watches[i].expr, s->watches[i].last);
	if (s->catch_any)
		out_printf(&s->out, "    catchpoint   keep yes   exception (any type) raised\n");
	for (size_t i = 0; i < s->ncatch; i++)
		out_printf(&s->out, "    catchpoint   keep yes   exception %s raised\n", s->catch_types[i]);
	if (s->catch_uncaught)
		out_printf(&s->out, "    catchpoint   keep yes   uncaught exception\n");
}

void print_breakpoint_table(struct session *s)
{
	bool catches = s->catch_any || s->ncatch > 0 || s->catch_uncaught || s->nwatchpoints > 0;

	if (s->bps.count == 0 && !catches) {
		out_printf(&s->out, "No breakpoints.\n");
		return;
	}
	out_printf(&s->out, "Num Type         Disp Enb   Where\n");
	for (size_t i = 0; i < s->bps.count; i++) {
		struct breakpoint *bp = s->bps.items[i];

		out_printf(&s->out, "%-4d%-13s%-5s%-6sat %s:%d\n", bp->number, "breakpoint", bp->temporary ? "del" : "keep", bp->enabled ? "yes" : "no", bp->file, bp->line);
		if (bp->cond)
			out_printf(&s->out, "\tstop only if %s\n", bp->cond);
		if (bp->ignore)
			out_printf(&s->out, "\tignore next %ld hit%s\n", bp->ignore, bp->ignore == 1 ? "" : "s");
		if (bp->hits)
			out_printf(&s->out, "\tbreakpoint already hit %ld time%s\n", bp->hits, bp->hits == 1 ? "" : "s");
		for (size_t k = 0; k < bp->ncommands; k++)
			out_printf(&s->out, "\t\t%s\n", bp->commands[k]);
	}
	print_catchpoints(s);
}

static enum cmd_result set_breakpoint(struct session *s, const char *text, bool temporary)
{
	char *copy = strdup(text);
	char *spec;
	char *cond;
	char *file = NULL;
	char *func = NULL;
	int line = 0;
	int wanted;
	bool func_from_decorator;
	struct breakpoint *bp;
	enum cmd_result result = CMD_ERROR;

	split_condition(copy, &spec, &cond);
	if (cond != NULL && !condition_compiles(s, cond))
		goto done;
	if (all_digits(spec)) {
		const char *current = debugger_selected_file(s);

		if (current == NULL) {
			out_error(&s->out, "no current file for a line number: use FILE:LINE");
			goto done;
		}
		file = strdup(path_is_pseudo(current) && s->main_file ? s->main_file : current);
		line = atoi(spec);
	} else if (strchr(spec, ':') != NULL) {
		char *name;

		if (!path_split_location(spec, &name, &line)) {
			out_error(&s->out, "invalid location: %s (use FILE:LINE)", spec);
			goto done;
		}
		file = resolve_file(s, name);
		free(name);
		if (file == NULL)
			goto done;
	} else if (!resolve_function(s, spec, &file, &line, &func)) {
		goto done;
	}
	if (line < 1) {
		out_error(&s->out, "invalid line number: %d", line);
		goto done;
	}
	wanted = line;
	line = decorator_target(s, file, line, &func);
	if (line == wanted)
		line = line_with_code(s, file, line);
	if (line == 0)
		goto done;
	func_from_decorator = func != NULL && line != wanted;
	bp = bp_add(&s->bps, file, line, cond, temporary);
	bp->func = func;
	func = NULL;
	if (line != wanted && bp->func != NULL && func_from_decorator)
		out_printf(&s->out, "Breakpoint %d at %s:%d (line %d decorates %s: the breakpoint is on its first line)\n", bp->number, file, line, wanted, bp->func);
	else if (line != wanted)
		out_printf(&s->out, "Breakpoint %d at %s:%d (line %d has no code)\n", bp->number, file, line, wanted);
	else
		out_printf(&s->out, "Breakpoint %d at %s:%d\n", bp->number, file, line);
	result = CMD_OK;
done:
	free(func);
	free(file);
	free(copy);
	return result;
}

enum cmd_result cmd_break(struct session *s, const struct cmd_args *args)
{
	if (args->rest[0] == '\0') {
		print_breakpoint_table(s);
		return CMD_OK;
	}
	return set_breakpoint(s, args->rest, false);
}

enum cmd_result cmd_tbreak(struct session *s, const struct cmd_args *args)
{
	return set_breakpoint(s, args->rest, true);
}

/* Look up breakpoint number text; print an error and return NULL when it
 * is invalid or gone. */
static struct breakpoint *breakpoint_arg(struct session *s, const char *text)
{
	int number = strcmp(text, "$bpnum") == 0 ? s->bps.last_number : bp_parse_number(text);
	struct breakpoint *bp;

	if (number < 0) {
		out_error(&s->out, "invalid breakpoint number: %s (see 'info breakpoints')", text);
		return NULL;
	}
	bp = bp_find(&s->bps, number);
	if (bp == NULL)
		out_error(&s->out, "no breakpoint number %d (see 'info breakpoints')", number);
	return bp;
}

static void delete_one(struct session *s, struct breakpoint *bp)
{
	out_printf(&s->out, "Deleted breakpoint %d at %s:%d\n", bp->number, bp->file, bp->line);
	bp_delete(&s->bps, bp->number);
}

/* Ask a yes/no question on a terminal; without one the answer is yes. */
static bool confirm(struct session *s, const char *question)
{
	char *line = NULL;
	bool yes;

	if (!isatty(STDIN_FILENO) || s->opts->batch || s->next_command < s->opts->ncommands)
		return true;
	out_printf(&s->out, "%s", question);
	fflush(stdout);
	if (!isatty(STDIN_FILENO))
		return true;
	{
		size_t cap = 0;
		ssize_t len;

		Py_BEGIN_ALLOW_THREADS
		len = getline(&line, &cap, stdin);
		Py_END_ALLOW_THREADS
		if (len < 0) {
			free(line);
			return false;
		}
	}
	yes = line[0] == 'y' || line[0] == 'Y';
	free(line);
	return yes;
}

static enum cmd_result delete_all(struct session *s, const char *question)
{
	if (s->bps.count == 0)
		return CMD_OK;
	if (!confirm(s, question))
		return CMD_OK;
	while (s->bps.count > 0)
		delete_one(s, s->bps.items[0]);
	return CMD_OK;
}

static enum cmd_result delete_numbers(struct session *s, const struct cmd_args *args)
{
	enum cmd_result result = CMD_OK;

	for (int i = 0; i < args->argc; i++) {
		int number = bp_parse_number(args->argv[i]);
		struct breakpoint *bp;

		if (number > 0 && bp_find(&s->bps, number) == NULL && watch_delete_number(s, number))
			continue;
		bp = breakpoint_arg(s, args->argv[i]);
		if (bp == NULL)
			result = CMD_ERROR;
		else
			delete_one(s, bp);
	}
	return result;
}

enum cmd_result cmd_clear(struct session *s, const struct cmd_args *args)
{
	char *name;
	char *file;
	int line;
	bool any = false;

	if (args->argc == 0)
		return delete_all(s, "Clear all breaks? ");
	if (args->argc > 1 || !path_split_location(args->argv[0], &name, &line))
		return delete_numbers(s, args);
	file = resolve_file(s, name);
	free(name);
	if (file == NULL)
		return CMD_ERROR;
	for (struct breakpoint *bp; (bp = bp_at(&s->bps, file, line, 0)) != NULL; any = true)
		delete_one(s, bp);
	if (!any)
		out_error(&s->out, "no breakpoint at %s:%d", file, line);
	free(file);
	return any ? CMD_OK : CMD_ERROR;
}

enum cmd_result cmd_delete(struct session *s, const struct cmd_args *args)
{
	if (args->argc == 0)
		return delete_all(s, "Delete all breakpoints? (y or n) ");
	return delete_numbers(s, args);
}

static enum cmd_result set_enabled(struct session *s, const struct cmd_args *args, bool enabled)
{
	enum cmd_result result = CMD_OK;

	for (int i = 0; i < args->argc; i++) {
		struct breakpoint *bp = breakpoint_arg(s, args->argv[i]);

		if (bp == NULL) {
			result = CMD_ERROR;
			continue;
		}
		bp_set_enabled(&s->bps, bp, enabled);
		out_printf(&s->out, "%s breakpoint %d at %s:%d\n", enabled ? "Enabled" : "Disabled", bp->number, bp->file, bp->line);
	}
	return result;
}

enum cmd_result cmd_disable(struct session *s, const struct cmd_args *args)
{
	return set_enabled(s, args, false);
}

enum cmd_result cmd_enable(struct session *s, const struct cmd_args *args)
{
	return set_enabled(s, args, true);
}

enum cmd_result cmd_condition(struct session *s, const struct cmd_args *args)
{
	char *copy = strdup(args->rest);
	char *number = copy;
	char *cond = copy;
	struct breakpoint *bp;

	while (*cond && !isspace((unsigned char)*cond))
		cond++;
	if (*cond)
		*cond++ = '\0';
	cond = trim(cond);
	bp = breakpoint_arg(s, number);
	if (bp == NULL || (*cond && !condition_compiles(s, cond))) {
		free(copy);
		return CMD_ERROR;
	}
	if (*cond) {
		bp_set_condition(&s->bps, bp, cond);
		out_printf(&s->out, "New condition set for breakpoint %d.\n", bp->number);
	} else {
		bp_set_condition(&s->bps, bp, NULL);
		out_printf(&s->out, "Breakpoint %d is now unconditional.\n", bp->number);
	}
	free(copy);
	return CMD_OK;
}

enum cmd_result cmd_ignore(struct session *s, const struct cmd_args *args)
{
	struct breakpoint *bp = breakpoint_arg(s, args->argv[0]);
	long count = 0;

	if (bp == NULL)
		return CMD_ERROR;
	if (args->argc == 2) {
		char *end;

		count = strtol(args->argv[1], &end, 10);
		if (*end != '\0' || end == args->argv[1] || count < 0) {
			out_error(&s->out, "invalid ignore count: %s (use a whole number of 0 or more)", args->argv[1]);
			return CMD_ERROR;
		}
	}
	bp->ignore = count;
	if (count > 0)
		out_printf(&s->out, "Will ignore next %ld crossing%s of breakpoint %d.\n", count, count == 1 ? "" : "s", bp->number);
	else
		out_printf(&s->out, "Will stop next time breakpoint %d is reached.\n", bp->number);
	return CMD_OK;
}
