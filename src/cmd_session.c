/* Session commands: breakpoint command lists, save, and threads. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_handlers.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/session.h"

/* Return true when line starts with a command that resumes the program,
 * which ends a `commands` list as in pdb. */
static bool is_resuming(const char *line)
{
	size_t len;
	const char *word = first_word(line, &len);
	const struct command *cmd = NULL;
	char name[32];

	if (len == 0 || len >= sizeof(name))
		return false;
	memcpy(name, word, len);
	name[len] = '\0';
	if (command_lookup(name, &cmd, NULL, 0) != LOOKUP_FOUND)
		return false;
	return (cmd->flags & CF_RESUMES) || strcmp(cmd->name, "quit") == 0;
}

enum cmd_result cmd_commands(struct session *s, const struct cmd_args *args)
{
	int number = args->argc && strcmp(args->argv[0], "$bpnum") != 0 ? bp_parse_number(args->argv[0]) : s->bps.last_number;
	struct breakpoint *bp = number > 0 ? bp_find(&s->bps, number) : NULL;
	char **lines = NULL;
	size_t count = 0;
	bool complete = false;

	if (bp == NULL) {
		out_error(&s->out, "no breakpoint %s to set commands for (see 'info breakpoints')", args->argc ? args->argv[0] : "yet");
		return CMD_ERROR;
	}
	for (;;) {
		char *line = NULL;
		char *text;
		enum input_status status = debugger_read_line(s, "(com) ", &line);

		if (status != INPUT_LINE) {
			if (status == INPUT_INTERRUPT)
				out_printf(&s->out, "--KeyboardInterrupt--\n");
			break;
		}
		text = line;
		while (isspace((unsigned char)*text))
			text++;
		if (strcmp(text, "end") == 0) {
			free(line);
			complete = true;
			break;
		}
		lines = realloc(lines, (count + 1) * sizeof(char *));
		if (lines == NULL)
			abort();
		lines[count++] = strdup(text);
		if (is_resuming(lines[count - 1])) {
			free(line);
			s->swallow_end = true;
			complete = true;
			break;
		}
		free(line);
	}
	if (complete)
		bp_set_commands(bp, lines, count);
	else
		out_error(&s->out, "command list of breakpoint %d left unchanged: input ended before 'end'", bp->number);
	for (size_t i = 0; i < count; i++)
		free(lines[i]);
	free(lines);
	return complete ? CMD_OK : CMD_ERROR;
}

/* Write the breakpoints as commands that -x reads back. $bpnum is the
 * number of the breakpoint the line before created. */
static void save_breakpoints(struct session *s, FILE *fp)
{
	for (size_t i = 0; i < s->bps.count; i++) {
		struct breakpoint *bp = s->bps.items[i];

		fprintf(fp, "%s %s:%d", bp->temporary ? "tbreak" : "break", bp->file, bp->line);
		if (bp->cond)
			fprintf(fp, ", %s", bp->cond);
		fputc('\n', fp);
		if (!bp->enabled)
			fprintf(fp, "disable $bpnum\n");
		if (bp->ignore > 0)
			fprintf(fp, "ignore $bpnum %ld\n", bp->ignore);
		if (bp->ncommands > 0) {
			fprintf(fp, "commands $bpnum\n");
			for (size_t k = 0; k < bp->ncommands; k++)
				fprintf(fp, "%s\n", bp->commands[k]);
			fprintf(fp, "end\n");
		}
	}
}

enum cmd_result cmd_save(struct session *s, const struct cmd_args *args)
{
	FILE *fp = fopen(args->argv[0], "w");

	if (fp == NULL) {
		out_error(&s->out, "cannot write %s: %s", args->argv[0], strerror(errno));
		return CMD_ERROR;
	}
	save_breakpoints(s, fp);
	save_displays(s, fp);
	if (fclose(fp) != 0) {
		out_error(&s->out, "cannot write %s: %s", args->argv[0], strerror(errno));
		return CMD_ERROR;
	}
	out_printf(&s->out, "Saved %zu breakpoint%s to %s\n", s->bps.count, s->bps.count == 1 ? "" : "s", args->argv[0]);
	return CMD_OK;
}

/* Return threading.enumerate() as a new list, or NULL. */
static PyObject *thread_list(void)
{
	PyObject *threading = PyImport_ImportModule("threading");
	PyObject *list = threading ? PyObject_CallMethod(threading, "enumerate", NULL) : NULL;

	Py_XDECREF(threading);
	return list;
}

static unsigned long thread_ident(PyObject *thread)
{
	PyObject *ident = PyObject_GetAttrString(thread, "ident");
	unsigned long value = 0;

	if (ident != NULL && PyLong_Check(ident))
		value = PyLong_AsUnsignedLong(ident);
	Py_XDECREF(ident);
	PyErr_Clear();
	return value;
}

static unsigned long stopped_ident(struct session *s)
{
	return s->stop.tstate ? (unsigned long)s->stop.tstate->thread_id : 0;
}

static void print_threads(struct session *s)
{
	PyObject *list = thread_list();
	unsigned long shown = s->stop.viewed_thread ? s->stop.viewed_thread : stopped_ident(s);

	if (list == NULL) {
		inspect_report_error(s);
		return;
	}
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
		PyObject *thread = PyList_GET_ITEM(list, i);
		PyObject *name = PyObject_GetAttrString(thread, "name");
		unsigned long ident = thread_ident(thread);
		const char *utf8 = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : "?";

		out_printf(&s->out, "%c %zd  %s (ident %lu)%s\n", ident == shown ? '*' : ' ', i + 1, utf8 ? utf8 : "?", ident, ident == stopped_ident(s) ? " stopped here" : "");
		Py_XDECREF(name);
		PyErr_Clear();
	}
	Py_DECREF(list);
}

void info_threads(struct session *s)
{
	print_threads(s);
}

/* Show the stack of thread ident, or the stopped thread's own again. */
static void view_thread(struct session *s, unsigned long ident)
{
	PyObject *frames;
	PyObject *key;
	PyObject *frame;

	if (ident == stopped_ident(s)) {
		if (s->stop.home_stack != NULL) {
			for (int i = 0; i < s->stop.depth; i++)
				Py_XDECREF(s->stop.stack[i].frame);
			free(s->stop.stack);
			s->stop.stack = s->stop.home_stack;
			s->stop.depth = s->stop.home_depth;
			s->stop.selected = s->stop.home_selected;
			s->stop.home_stack = NULL;
			s->stop.home_depth = 0;
		}
		s->stop.viewed_thread = 0;
		debugger_select(s, s->stop.selected);
		return;
	}
	frames = PyObject_CallMethod(PyImport_AddModule("sys"), "_current_frames", NULL);
	key = PyLong_FromUnsignedLong(ident);
	frame = frames && key ? PyDict_GetItemWithError(frames, key) : NULL; /* borrowed */
	if (frame == NULL || !PyFrame_Check(frame)) {
		if (!PyErr_Occurred())
			out_error(&s->out, "thread %lu is not running Python code", ident);
		else
			inspect_report_error(s);
		Py_XDECREF(frames);
		Py_XDECREF(key);
		return;
	}
	if (s->stop.home_stack == NULL) {
		s->stop.home_stack = s->stop.stack;
		s->stop.home_depth = s->stop.depth;
		s->stop.home_selected = s->stop.selected;
	} else {
		for (int i = 0; i < s->stop.depth; i++)
			Py_XDECREF(s->stop.stack[i].frame);
		free(s->stop.stack);
	}
	s->stop.stack = debugger_collect_stack((PyFrameObject *)frame, &s->stop.depth);
	s->stop.viewed_thread = ident;
	Py_DECREF(frames);
	Py_DECREF(key);
	out_printf(&s->out, "Showing thread %lu, which keeps running while the prompt waits; stepping commands apply to the stopped thread.\n", ident);
	debugger_select(s, s->stop.depth - 1);
}

enum cmd_result cmd_thread(struct session *s, const struct cmd_args *args)
{
	PyObject *list;
	long n;
	char *end;

	if (args->argc == 0) {
		print_threads(s);
		return CMD_OK;
	}
	n = strtol(args->argv[0], &end, 10);
	list = thread_list();
	if (list == NULL) {
		inspect_report_error(s);
		return CMD_ERROR;
	}
	if (*end != '\0' || n < 1 || n > PyList_GET_SIZE(list)) {
		out_error(&s->out, "no thread number %s (see 'info threads')", args->argv[0]);
		Py_DECREF(list);
		return CMD_ERROR;
	}
	view_thread(s, thread_ident(PyList_GET_ITEM(list, n - 1)));
	Py_DECREF(list);
	return CMD_OK;
}

static void print_skips(struct session *s)
{
	if (s->nskip == 0 && !s->skip_stdlib) {
		out_printf(&s->out, "Not skipping any modules.\n");
		return;
	}
	for (size_t i = 0; i < s->nskip; i++)
		out_printf(&s->out, "%zu  %s\n", i + 1, s->skip_patterns[i]);
	if (s->skip_stdlib)
		out_printf(&s->out, "   stdlib (the standard library and site-packages)\n");
}

void info_skip(struct session *s)
{
	print_skips(s);
}

enum cmd_result cmd_skip(struct session *s, const struct cmd_args *args)
{
	if (args->argc == 0) {
		print_skips(s);
		return CMD_OK;
	}
	if (strcmp(args->argv[0], "delete") == 0) {
		if (args->argc == 1) {
			for (size_t i = 0; i < s->nskip; i++)
				free(s->skip_patterns[i]);
			s->nskip = 0;
			s->skip_stdlib = false;
			out_printf(&s->out, "Deleted every skip pattern.\n");
		}
		for (int k = 1; k < args->argc; k++) {
			char *end;
			long n = strtol(args->argv[k], &end, 10);

			if (strcmp(args->argv[k], "stdlib") == 0) {
				s->skip_stdlib = false;
				continue;
			}
			if (*end != '\0' || n < 1 || (size_t)n > s->nskip) {
				out_error(&s->out, "no skip pattern number %s (see 'info skip')", args->argv[k]);
				return CMD_ERROR;
			}
			free(s->skip_patterns[n - 1]);
			memmove(&s->skip_patterns[n - 1], &s->skip_patterns[n], (s->nskip - (size_t)n) * sizeof(char *));
			s->nskip--;
		}
		s->skip_generation++;
		return CMD_OK;
	}
	for (int k = 0; k < args->argc; k++) {
		if (strcmp(args->argv[k], "stdlib") == 0) {
			s->skip_stdlib = true;
			out_printf(&s->out, "Skipping the standard library and site-packages.\n");
			continue;
		}
		s->skip_patterns = realloc(s->skip_patterns, (s->nskip + 1) * sizeof(char *));
		if (s->skip_patterns == NULL)
			abort();
		s->skip_patterns[s->nskip++] = strdup(args->argv[k]);
		out_printf(&s->out, "Skipping modules matching %s.\n", args->argv[k]);
	}
	s->skip_generation++;
	return CMD_OK;
}
