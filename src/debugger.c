/* Stops and the prompt loop. One thread owns the prompt at a time; a
 * thread that stops while another owns it waits with the GIL released. */
#include "ctrace/debugger.h"

#include <stdlib.h>
#include <string.h>

#include "ctrace/commands.h"
#include "ctrace/inspect.h"
#include "ctrace/monitor.h"
#include "ctrace/repl.h"
#include "ctrace/source.h"
#include "ctrace/tracer.h"
#include "ctrace/watch.h"

#define PROMPT "(ctrace) "
/* The coloured prompt marks its escape sequences with \1, so that libedit
 * leaves them out of the cursor position (EL_PROMPT_ESC). */
#define PROMPT_COLOR "\1\033[1;34m\1(ctrace)\1\033[0m\1 "

static void acquire_prompt(struct session *s)
{
	if (pthread_mutex_trylock(&s->prompt_lock) == 0)
		return;
	Py_BEGIN_ALLOW_THREADS
	pthread_mutex_lock(&s->prompt_lock);
	Py_END_ALLOW_THREADS
}

static const char *frame_file(struct session *s, PyFrameObject *frame)
{
	PyCodeObject *code = PyFrame_GetCode(frame);
	const char *file = tracer_code_file(s, code);

	Py_DECREF(code);
	return file ? file : "<unknown>";
}

const char *debugger_selected_file(struct session *s)
{
	PyFrameObject *frame = inspect_selected_frame(s);

	return frame ? frame_file(s, frame) : NULL;
}

static void free_stack(struct stack_entry *stack, int depth)
{
	for (int i = 0; i < depth; i++)
		Py_XDECREF(stack[i].frame);
	free(stack);
}

void debugger_clear_stop(struct session *s)
{
	free_stack(s->stop.stack, s->stop.depth);
	free_stack(s->stop.home_stack, s->stop.home_depth);
	Py_CLEAR(s->stop.retval);
	Py_CLEAR(s->stop.exception);
	memset(&s->stop, 0, sizeof(s->stop));
}

struct stack_entry *debugger_collect_stack(PyFrameObject *frame, int *depth_out)
{
	int depth = 0;
	int cap = 16;
	struct stack_entry *stack = malloc((size_t)cap * sizeof(*stack));
	PyFrameObject *f = (PyFrameObject *)Py_NewRef(frame);

	if (stack == NULL)
		abort();
	while (f != NULL) {
		if (depth == cap) {
			cap *= 2;
			stack = realloc(stack, (size_t)cap * sizeof(*stack));
			if (stack == NULL)
				abort();
		}
		stack[depth].frame = f;
		stack[depth].line = PyFrame_GetLineNumber(f);
		depth++;
		f = PyFrame_GetBack(f);
	}
	/* Oldest first. */
	for (int i = 0; i < depth / 2; i++) {
		struct stack_entry tmp = stack[i];

		stack[i] = stack[depth - 1 - i];
		stack[depth - 1 - i] = tmp;
	}
	*depth_out = depth;
	return stack;
}

static void build_stack(struct session *s, PyFrameObject *frame)
{
	s->stop.stack = debugger_collect_stack(frame, &s->stop.depth);
	s->stop.selected = s->stop.depth - 1;
}

static PyObject *code_name(PyFrameObject *frame)
{
	PyCodeObject *code = PyFrame_GetCode(frame);
	PyObject *name = Py_NewRef(code->co_name);

	Py_DECREF(code);
	return name;
}

/* Print "> file(line)func()" for an entry, with the return value at a
 * return stop of the innermost frame. */
static void print_location_line(struct session *s, int index, const char *marker)
{
	struct stack_entry *e = &s->stop.stack[index];
	PyObject *name = code_name(e->frame);
	const char *func = PyUnicode_AsUTF8(name);
	char *retval = NULL;
	struct output *out = &s->out;

	if (func == NULL) {
		PyErr_Clear();
		func = "?";
	}
	if (index == s->stop.depth - 1 && s->stop.event == EV_RETURN && s->stop.reason != STOP_POST_MORTEM) {
		if (s->stop.by_exception) {
			char *what = s->stop.retval ? inspect_format_exception(s->stop.retval) : strdup("exception");
			size_t len = strlen(what) + 16;

			retval = malloc(len);
			if (retval == NULL)
				abort();
			snprintf(retval, len, "->raised %s", what);
			free(what);
		} else if (s->stop.retval != NULL) {
			char *repr = inspect_repr(s, s->stop.retval, REPR_LIMIT_DISPLAY);
			size_t len = strlen(repr) + 3;

			retval = malloc(len);
			if (retval == NULL)
				abort();
			snprintf(retval, len, "->%s", repr);
			free(repr);
		}
	}
	out_printf(out, "%s%s%s%s(%s%d%s)%s%s%s()%s\n", marker, out_color(out, OC_PATH), frame_file(s, e->frame), out_color(out, OC_RESET), out_color(out, OC_LINENO), e->line, out_color(out, OC_RESET), out_color(out, OC_FUNC), func, out_color(out, OC_RESET), retval ? retval : "");
	free(retval);
	Py_DECREF(name);
}

static void print_source_line(struct session *s, int index, const char *indent)
{
	struct stack_entry *e = &s->stop.stack[index];
	PyCodeObject *code = PyFrame_GetCode(e->frame);
	PyObject *globals = compat_frame_globals(e->frame);
	const char *filename = PyUnicode_AsUTF8(code->co_filename);
	char *text = filename ? source_line(filename, e->line, globals) : NULL;

	if (filename == NULL)
		PyErr_Clear();
	if (text != NULL) {
		const char *start = text;
		char *safe;

		while (*start == ' ' || *start == '\t')
			start++;
		safe = out_escape(&s->out, start, strlen(start));
		if (safe != NULL && s->out.color) {
			char *colored = source_highlight(&s->out, safe);

			free(safe);
			safe = colored;
		}
		out_printf(&s->out, "%s-> %s\n", indent, safe ? safe : "");
		free(safe);
		free(text);
	}
	Py_XDECREF(globals);
	Py_DECREF(code);
}

void debugger_print_entry(struct session *s, int index, bool marker)
{
	char prefix[32];

	/* Numbered as gdb does, 0 for the innermost frame, while the list
	 * reads oldest first as pdb's does. */
	snprintf(prefix, sizeof(prefix), "%s%3d ", marker ? ">" : " ", s->stop.depth - 1 - index);
	print_location_line(s, index, prefix);
	print_source_line(s, index, "      ");
}

/* Print the location of the selected frame in pdb's format. */
static void print_location(struct session *s)
{
	print_location_line(s, s->stop.selected, "> ");
	print_source_line(s, s->stop.selected, "");
}

void debugger_select(struct session *s, int index)
{
	s->stop.selected = index;
	s->stop.list_next = 0;
	print_location(s);
}

void debugger_defer_commands(struct session *s, const char *text)
{
	char **list = realloc(s->deferred, (s->ndeferred + 1) * sizeof(char *));

	if (list == NULL)
		abort();
	s->deferred = list;
	s->deferred[s->ndeferred] = strdup(text);
	s->ndeferred++;
}

static char *pop_deferred(struct session *s)
{
	char *line;

	if (s->ndeferred == 0)
		return NULL;
	line = s->deferred[0];
	memmove(&s->deferred[0], &s->deferred[1], (s->ndeferred - 1) * sizeof(char *));
	s->ndeferred--;
	return line;
}

/* Show a queued command after its prompt, without the prompt's \1
 * markers, which only libedit understands. */
static void echo_command(struct session *s, const char *prompt, const char *line)
{
	char shown[64];
	size_t n = 0;

	for (const char *p = prompt; *p && n + 1 < sizeof(shown); p++)
		if (*p != '\1')
			shown[n++] = *p;
	shown[n] = '\0';
	out_printf(&s->out, "%s%s\n", shown, line);
}

/* Read the next command: deferred `;;` parts, then -c/-x commands, then
 * the terminal or stdin (unless --batch). */
static enum input_status next_input(struct session *s, const char *prompt, char **line)
{
	enum repl_status status;

	*line = pop_deferred(s);
	if (*line != NULL)
		return INPUT_LINE;
	if (s->next_command < s->opts->ncommands) {
		*line = strdup(s->opts->commands[s->next_command++].text);
		if (!s->opts->quiet)
			echo_command(s, prompt, *line);
		return INPUT_LINE;
	}
	if (s->opts->batch)
		return INPUT_BATCH_DONE;
	output_flush_program(&s->out);
	s->at_prompt = 1;
	Py_BEGIN_ALLOW_THREADS
	status = repl_read(s->repl, prompt, line);
	Py_END_ALLOW_THREADS
	if (status == REPL_INTERRUPT) {
		/* Run the Python-level SIGINT handler, which raises at the prompt. */
		if (PyErr_CheckSignals() < 0)
			PyErr_Clear();
		s->at_prompt = 0;
		return INPUT_INTERRUPT;
	}
	s->at_prompt = 0;
	if (status == REPL_EOF)
		return INPUT_EOF;
	repl_add_history(s->repl, *line);
	return INPUT_LINE;
}

enum input_status debugger_read_line(struct session *s, const char *prompt, char **line)
{
	return next_input(s, prompt, line);
}

/* Print the stop's banner lines before the location. */
static void print_banner(struct session *s)
{
	struct output *out = &s->out;

	if (s->stop.tstate != s->main_tstate) {
		PyObject *threading = PyImport_ImportModule("threading");
		PyObject *thread = threading ? PyObject_CallMethod(threading, "current_thread", NULL) : NULL;
		PyObject *name = thread ? PyObject_GetAttrString(thread, "name") : NULL;
		const char *utf8 = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;

		if (utf8 != NULL)
			out_printf(out, "[thread %s]\n", utf8);
		PyErr_Clear();
		Py_XDECREF(name);
		Py_XDECREF(thread);
		Py_XDECREF(threading);
	}
	if (s->stop.reason == STOP_INTERRUPT)
		out_printf(out, "\nProgram interrupted. (Use 'cont' to resume).\n");
	if (s->stop.reason == STOP_WATCH && s->watch_message != NULL)
		out_printf(out, "%s", s->watch_message);
	if (s->stop.reason == STOP_CATCH && s->stop.exception != NULL && s->stop.exception == s->caught_uncaught)
		out_printf(out, "Catchpoint: uncaught exception leaving the thread\n");
	else if (s->stop.reason == STOP_CATCH)
		out_printf(out, "Catchpoint: exception raised\n");
	if (s->hit_cond_error != NULL)
		out_error(out, "error in condition of breakpoint %d: %s", s->hit_bp, s->hit_cond_error);
	if (s->stop.event == EV_CALL)
		out_printf(out, "%s--Call--%s\n", out_color(out, OC_BANNER), out_color(out, OC_RESET));
	else if (s->stop.event == EV_RETURN)
		out_printf(out, "%s--Return--%s\n", out_color(out, OC_BANNER), out_color(out, OC_RESET));
	else if (s->stop.event == EV_EXCEPTION && s->stop.exception != NULL) {
		char *text = inspect_format_exception(s->stop.exception);
		char *safe = out_escape(out, text, strlen(text));

		out_printf(out, "%s%s%s\n", out_color(out, OC_ERROR), safe ? safe : text, out_color(out, OC_RESET));
		free(safe);
		free(text);
	}
}

/* Run the prompt loop until a command resumes the program or quits. */
static enum cmd_result prompt_loop(struct session *s)
{
	for (;;) {
		char *line = NULL;
		enum cmd_result result;
		const char *command;

		switch (next_input(s, s->out.color && repl_is_editing(s->repl) ? PROMPT_COLOR : PROMPT, &line)) {
		case INPUT_INTERRUPT:
			out_printf(&s->out, "--KeyboardInterrupt--\n");
			continue;
		case INPUT_EOF:
			out_printf(&s->out, "\n");
			s->quit_status = 1;
			return CMD_QUIT;
		case INPUT_BATCH_DONE:
			stepper_reset(&s->step);
			s->step.kind = STEP_NONE;
			return CMD_RESUME;
		case INPUT_LINE:
			break;
		}
		command = line;
		while (*command == ' ' || *command == '\t')
			command++;
		if (s->swallow_end) {
			/* pdb ends a `commands` list at a resuming command; an `end`
			 * typed after it closes that list, not a new statement. */
			s->swallow_end = false;
			if (strcmp(command, "end") == 0) {
				free(line);
				continue;
			}
		}
		if (*command == '\0') {
			free(line);
			if (s->last_command == NULL)
				continue;
			line = strdup(s->last_command);
			command = line;
		}
		result = command_execute(s, command);
		free(line);
		if (result == CMD_RESUME || result == CMD_QUIT)
			return result;
	}
}

/* Run the command list of the breakpoint behind this stop. Return
 * CMD_RESUME or CMD_QUIT when one of them resumes or quits. */
static enum cmd_result run_breakpoint_commands(struct session *s, struct breakpoint *bp)
{
	size_t count = bp->ncommands;
	char **copy;
	enum cmd_result result = CMD_OK;

	if (count == 0)
		return CMD_OK;
	/* The list may change while it runs (`commands` inside it). */
	copy = calloc(count, sizeof(char *));
	if (copy == NULL)
		abort();
	for (size_t i = 0; i < count; i++)
		copy[i] = strdup(bp->commands[i]);
	for (size_t i = 0; i < count && result != CMD_RESUME && result != CMD_QUIT; i++) {
		if (strcmp(copy[i], "silent") == 0)
			continue;
		result = command_execute(s, copy[i]);
	}
	for (size_t i = 0; i < count; i++)
		free(copy[i]);
	free(copy);
	return result;
}

bool debugger_jump(struct session *s, int line)
{
	PyFrameObject *frame = s->stop.stack[s->stop.depth - 1].frame;
	PyObject *value = PyLong_FromLong(line);
	bool ok = true;

	if (value == NULL) {
		inspect_report_error(s);
		return false;
	}
	if (COMPAT_JUMP_NEEDS_F_TRACE && PyObject_SetAttrString((PyObject *)frame, "f_trace", s->tracer) < 0)
		PyErr_Clear();
	if (PyObject_SetAttrString((PyObject *)frame, "f_lineno", value) < 0) {
		PyObject *exc = compat_err_fetch();
		char *why = exc ? inspect_format_exception(exc) : strdup("unknown error");

		out_error(&s->out, "jump failed: %s", why);
		free(why);
		Py_XDECREF(exc);
		ok = false;
	}
	Py_DECREF(value);
	s->stop.stack[s->stop.depth - 1].line = PyFrame_GetLineNumber(frame);
	if (ok)
		s->stop.jumped = true;
	return ok;
}

static void print_finish_value(struct session *s)
{
	if (s->step.kind != STEP_IN_CALLER)
		return;
	if (s->step.finish_by_exception)
		out_printf(&s->out, "Run till exit: the frame returned by an exception\n");
	else if (s->step.finish_value != NULL) {
		char *repr = inspect_repr(s, s->step.finish_value, REPR_LIMIT_PRINT);

		out_printf(&s->out, "Value returned is %s\n", repr);
		free(repr);
	}
}

/* Collect a stop's header (banner, location, displays) in memory and
 * write it at once in end_header: other threads keep running while it is
 * composed, and their output must not land inside it. */
static void begin_header(struct session *s)
{
	output_flush_program(&s->out);
	s->out.hold = true;
	s->header_real_fp = s->out.fp;
	s->header_fp = open_memstream(&s->header_text, &s->header_len);
	if (s->header_fp != NULL)
		s->out.fp = s->header_fp;
}

static void end_header(struct session *s)
{
	s->out.hold = false;
	if (s->header_fp == NULL)
		return;
	fclose(s->header_fp);
	s->header_fp = NULL;
	s->out.fp = s->header_real_fp;
	fwrite(s->header_text, 1, s->header_len, s->out.fp);
	fflush(s->out.fp);
	free(s->header_text);
	s->header_text = NULL;
}

/* End the program for `quit`. In the main thread ctrace's private
 * exception unwinds it and the host finishes. A quit typed at a stop in
 * another thread ends the process at once, because that thread cannot
 * stop the main one. Return -1 with the exception set. */
static int quit_program(struct session *s)
{
	s->quitting = true;
	if (PyThreadState_Get() != s->main_tstate && !s->restarting) {
		output_flush_program(&s->out);
		repl_close(s->repl);
		s->repl = NULL;
		_exit(s->quit_status);
	}
	PyErr_SetNone(s->quit_type);
	return -1;
}

/* Record where a stepping command was issued: the frame it waits on (or
 * the innermost one) and that frame's current line. */
static void set_step_origin(struct session *s)
{
	PyFrameObject *frame = s->step.frame ? s->step.frame : s->stop.stack[s->stop.depth - 1].frame;

	if (s->step.kind != STEP_STEP && s->step.kind != STEP_NEXT && s->step.kind != STEP_UNTIL)
		return;
	for (int i = s->stop.depth - 1; i >= 0; i--) {
		if (s->stop.stack[i].frame == frame) {
			if (s->stop.event == EV_LINE || i != s->stop.depth - 1)
				stepper_set_origin(&s->step, frame, s->stop.stack[i].line);
			return;
		}
	}
}

/* Stop at frame. For a STOP_BREAKPOINT, bp_number and cond_error
 * (malloc'd, taken over) name the breakpoint and its condition's error.
 * They are parameters, not session state, because another thread may
 * stop meanwhile. */
static int stop_common(struct session *s, PyFrameObject *frame, enum stop_reason reason, enum stop_event ev, PyObject *arg, bool by_exception, int bp_number, char *cond_error)
{
	struct breakpoint *bp = NULL;
	enum cmd_result result = CMD_OK;

	acquire_prompt(s);
	if (s->quitting || s->step.kind == STEP_NONE) {
		pthread_mutex_unlock(&s->prompt_lock);
		free(cond_error);
		return 0;
	}
	if (reason == STOP_BREAKPOINT) {
		bp = bp_find(&s->bps, bp_number);
		/* The breakpoint was deleted or disabled while this thread waited
		 * for another thread's prompt: the hit no longer stops. */
		if (bp == NULL || !bp->enabled) {
			pthread_mutex_unlock(&s->prompt_lock);
			free(cond_error);
			return 0;
		}
	}
	s->hit_bp = bp_number;
	s->hit_cond_error = cond_error;
	debugger_clear_stop(s);
	s->stop.active = true;
	s->stop.reason = reason;
	s->stop.event = ev;
	s->stop.by_exception = by_exception;
	s->stop.tstate = PyThreadState_Get();
	s->stop.can_jump = ev == EV_LINE && reason != STOP_BREAKPOINT_CALL;
	if (ev == EV_RETURN)
		s->stop.retval = Py_XNewRef(arg);
	if (ev == EV_EXCEPTION)
		s->stop.exception = Py_XNewRef(arg);
	build_stack(s, frame);
	if (reason == STOP_BREAKPOINT)
		s->stop.bp_number = bp_number;

	begin_header(s);
	print_finish_value(s);
	print_banner(s);
	/* pdb reports a temporary breakpoint's deletion before the location;
	 * the breakpoint goes once its command list has run. */
	if (bp != NULL && bp->temporary)
		out_printf(&s->out, "Deleted breakpoint %d at %s:%d\n", bp->number, bp->file, bp->line);
	/* --batch with nothing left to run: the location would only be noise
	 * in a CI log. */
	if ((bp == NULL || !bp->silent) && !(s->opts->batch && s->next_command >= s->opts->ncommands && s->ndeferred == 0 && bp == NULL))
		print_location(s);
	if (s->nwatches > 0)
		watch_show_displays(s, frame);
	end_header(s);
	stepper_reset(&s->step);
	if (bp != NULL) {
		result = run_breakpoint_commands(s, bp);
		bp = bp_find(&s->bps, s->hit_bp);
		if (bp != NULL && bp->temporary)
			bp_delete(&s->bps, bp->number);
	}
	free(s->hit_cond_error);
	s->hit_cond_error = NULL;
	s->hit_bp = 0;
	if (result != CMD_RESUME && result != CMD_QUIT)
		result = prompt_loop(s);
	if (result == CMD_RESUME)
		set_step_origin(s);
	s->skip_reported = false;
	debugger_clear_stop(s);
	if (result == CMD_RESUME)
		monitor_choose_mode(s);
	pthread_mutex_unlock(&s->prompt_lock);
	if (result == CMD_QUIT)
		return quit_program(s);
	return 0;
}

int debugger_stop(struct session *s, PyFrameObject *frame, enum stop_reason reason, enum stop_event ev, PyObject *arg, bool by_exception)
{
	return stop_common(s, frame, reason, ev, arg, by_exception, 0, NULL);
}

int debugger_stop_at_breakpoint(struct session *s, PyFrameObject *frame, int bp_number, char *cond_error)
{
	return stop_common(s, frame, STOP_BREAKPOINT, EV_LINE, NULL, false, bp_number, cond_error);
}

/* Fill the stop's stack from a traceback, oldest frame first. */
static void build_traceback_stack(struct session *s, PyObject *tb)
{
	int cap = 16;
	int depth = 0;
	struct stack_entry *stack = malloc((size_t)cap * sizeof(*stack));

	if (stack == NULL)
		abort();
	while (tb != NULL && tb != Py_None) {
		PyObject *frame = PyObject_GetAttrString(tb, "tb_frame");
		PyObject *lineno = PyObject_GetAttrString(tb, "tb_lineno");
		PyObject *next = PyObject_GetAttrString(tb, "tb_next");

		if (frame == NULL || lineno == NULL || next == NULL) {
			PyErr_Clear();
			Py_XDECREF(frame);
			Py_XDECREF(lineno);
			Py_XDECREF(next);
			break;
		}
		if (depth == cap) {
			cap *= 2;
			stack = realloc(stack, (size_t)cap * sizeof(*stack));
			if (stack == NULL)
				abort();
		}
		stack[depth].frame = (PyFrameObject *)frame;
		stack[depth].line = (int)PyLong_AsLong(lineno);
		depth++;
		Py_DECREF(lineno);
		Py_DECREF(next); /* the traceback chain keeps it alive */
		tb = next;
	}
	s->stop.stack = stack;
	s->stop.depth = depth;
	s->stop.selected = depth - 1;
}

/* Stop at the frames of exc's traceback: post-mortem after the program
 * ended, or (live) while an uncaught exception leaves a thread. */
static enum cmd_result traceback_stop(struct session *s, PyObject *exc, PyObject *traceback, bool live)
{
	PyObject *tb = traceback && traceback != Py_None ? Py_NewRef(traceback) : PyException_GetTraceback(exc);
	enum cmd_result result = CMD_RESUME;

	debugger_clear_stop(s);
	s->stop.active = true;
	s->stop.reason = live ? STOP_CATCH : STOP_POST_MORTEM;
	s->stop.event = EV_EXCEPTION;
	s->stop.exception = Py_NewRef(exc);
	s->stop.tstate = PyThreadState_Get();
	build_traceback_stack(s, tb);
	Py_XDECREF(tb);
	if (s->stop.depth > 0) {
		if (live) {
			print_banner(s);
		} else {
			out_info(&s->out, "Post-mortem: the program raised an uncaught exception. 'continue' or 'quit' ends ctrace.\n");
		}
		print_location(s);
		result = prompt_loop(s);
	}
	debugger_clear_stop(s);
	return result;
}

int debugger_post_mortem(struct session *s, PyObject *exc)
{
	enum cmd_result result;

	if (s->caught_uncaught == exc)
		return 1;
	acquire_prompt(s);
	result = traceback_stop(s, exc, NULL, false);
	pthread_mutex_unlock(&s->prompt_lock);
	return result == CMD_QUIT ? s->quit_status : 1;
}

int debugger_stop_uncaught(struct session *s, PyObject *exc, PyObject *traceback)
{
	enum cmd_result result;

	acquire_prompt(s);
	if (s->quitting || s->step.kind == STEP_NONE) {
		pthread_mutex_unlock(&s->prompt_lock);
		return 0;
	}
	Py_XSETREF(s->caught_uncaught, Py_NewRef(exc));
	result = traceback_stop(s, exc, traceback, true);
	pthread_mutex_unlock(&s->prompt_lock);
	if (result == CMD_QUIT)
		return quit_program(s);
	return 0;
}
