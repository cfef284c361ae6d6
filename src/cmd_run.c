/* Commands that run the program: step, next, until, return, finish,
 * continue, jump and quit. */
#include <stdlib.h>
#include <string.h>

#include "cmd_handlers.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/session.h"

/* Parse an optional positive count argument; return 0 on error after
 * printing it. */
static long parse_count(struct session *s, const struct cmd_args *args, const char *what)
{
	char *end;
	long count;

	if (args->argc == 0)
		return 1;
	count = strtol(args->argv[0], &end, 10);
	if (*end != '\0' || end == args->argv[0] || count < 1) {
		out_error(&s->out, "invalid %s count: %s (use a whole number of 1 or more)", what, args->argv[0]);
		return 0;
	}
	return count;
}

static PyFrameObject *selected(struct session *s)
{
	return inspect_selected_frame(s);
}

/* Return true when the stop is the return event of the selected frame:
 * the frame is leaving, so a command that waits in it waits in the
 * caller instead. */
static bool at_return_of_selected(struct session *s)
{
	return s->stop.event == EV_RETURN && s->stop.selected == s->stop.depth - 1;
}

/* Return the caller of the selected frame (borrowed from the stack), or
 * NULL when it has none. */
static PyFrameObject *selected_caller(struct session *s)
{
	return s->stop.selected > 0 ? s->stop.stack[s->stop.selected - 1].frame : NULL;
}

enum cmd_result cmd_step(struct session *s, const struct cmd_args *args)
{
	long count = parse_count(s, args, "step");

	if (count == 0)
		return CMD_ERROR;
	s->step.count = count - 1;
	stepper_set(&s->step, STEP_STEP, NULL, 0);
	return CMD_RESUME;
}

enum cmd_result cmd_next(struct session *s, const struct cmd_args *args)
{
	long count = parse_count(s, args, "next");
	PyFrameObject *frame = selected(s);

	if (count == 0)
		return CMD_ERROR;
	s->step.count = count - 1;
	if (at_return_of_selected(s)) {
		frame = selected_caller(s);
		if (frame == NULL) {
			stepper_set(&s->step, STEP_STEP, NULL, 0);
			return CMD_RESUME;
		}
	}
	stepper_set(&s->step, STEP_NEXT, frame, 0);
	return CMD_RESUME;
}

enum cmd_result cmd_until(struct session *s, const struct cmd_args *args)
{
	PyFrameObject *frame = selected(s);
	int current = s->stop.stack[s->stop.selected].line;
	long line = current + 1;

	if (args->argc == 1) {
		char *end;

		line = strtol(args->argv[0], &end, 10);
		if (*end != '\0' || end == args->argv[0] || line < 1) {
			out_error(&s->out, "invalid line number: %s", args->argv[0]);
			return CMD_ERROR;
		}
		if (line <= current) {
			out_error(&s->out, "'until' line number is not after the current line: %ld <= %d (use a later line)", line, current);
			return CMD_ERROR;
		}
	}
	s->step.count = 0;
	if (at_return_of_selected(s)) {
		frame = selected_caller(s);
		if (frame == NULL) {
			stepper_set(&s->step, STEP_STEP, NULL, 0);
			return CMD_RESUME;
		}
		line = 0;
	}
	stepper_set(&s->step, STEP_UNTIL, frame, (int)line);
	return CMD_RESUME;
}

enum cmd_result cmd_return(struct session *s, const struct cmd_args *args)
{
	(void)args;
	s->step.count = 0;
	if (at_return_of_selected(s)) {
		PyFrameObject *caller = selected_caller(s);

		stepper_set(&s->step, caller ? STEP_NEXT : STEP_STEP, caller, 0);
		return CMD_RESUME;
	}
	stepper_set(&s->step, STEP_RETURN, selected(s), 0);
	return CMD_RESUME;
}

enum cmd_result cmd_finish(struct session *s, const struct cmd_args *args)
{
	(void)args;
	s->step.count = 0;
	if (s->stop.selected == 0 && !at_return_of_selected(s)) {
		out_error(&s->out, "'finish' is not possible in the outermost frame (use 'continue')");
		return CMD_ERROR;
	}
	if (at_return_of_selected(s)) {
		PyFrameObject *caller = selected_caller(s);

		stepper_set(&s->step, caller ? STEP_IN_CALLER : STEP_STEP, caller, 0);
		Py_XSETREF(s->step.finish_value, Py_XNewRef(s->stop.retval));
		s->step.finish_by_exception = s->stop.by_exception;
		return CMD_RESUME;
	}
	stepper_set(&s->step, STEP_FINISH, selected(s), 0);
	return CMD_RESUME;
}

enum cmd_result cmd_continue(struct session *s, const struct cmd_args *args)
{
	long count = parse_count(s, args, "continue");

	if (count == 0)
		return CMD_ERROR;
	if (count > 1) {
		struct breakpoint *bp = s->stop.bp_number ? bp_find(&s->bps, s->stop.bp_number) : NULL;

		if (bp == NULL) {
			out_error(&s->out, "'continue %ld' needs a stop at a breakpoint (this stop has none)", count);
			return CMD_ERROR;
		}
		bp->ignore = count - 1;
		out_printf(&s->out, "Will ignore next %ld crossing%s of breakpoint %d.\n", count - 1, count - 1 == 1 ? "" : "s", bp->number);
	}
	stepper_reset(&s->step);
	return CMD_RESUME;
}

enum cmd_result cmd_jump(struct session *s, const struct cmd_args *args)
{
	char *end;
	long line = strtol(args->argv[0], &end, 10);

	if (*end != '\0' || end == args->argv[0] || line < 1) {
		out_error(&s->out, "invalid line number: %s (use a line of the current function)", args->argv[0]);
		return CMD_ERROR;
	}
	if (s->stop.selected != s->stop.depth - 1) {
		out_error(&s->out, "you can only jump within the innermost frame (use 'down' to select it)");
		return CMD_ERROR;
	}
	if (!s->stop.can_jump) {
		out_error(&s->out, "jump is only possible at a line stop, not at a call, return or exception event");
		return CMD_ERROR;
	}
	if (!debugger_jump(s, (int)line))
		return CMD_ERROR;
	debugger_select(s, s->stop.depth - 1);
	return CMD_OK;
}

enum cmd_result cmd_quit(struct session *s, const struct cmd_args *args)
{
	s->quit_status = 1;
	if (args->argc == 1) {
		char *end;
		long status = strtol(args->argv[0], &end, 10);

		if (*end != '\0' || end == args->argv[0] || status < 0 || status > 255) {
			out_error(&s->out, "invalid exit status: %s (use 0 to 255)", args->argv[0]);
			return CMD_ERROR;
		}
		s->quit_status = (int)status;
	}
	return CMD_QUIT;
}

enum cmd_result cmd_restart(struct session *s, const struct cmd_args *args)
{
	for (int i = 0; i < s->restart_argc; i++)
		free(s->restart_argv[i]);
	free(s->restart_argv);
	s->restart_argv = NULL;
	s->restart_argc = 0;
	if (args->argc > 0) {
		s->restart_argv = calloc((size_t)args->argc, sizeof(char *));
		if (s->restart_argv == NULL)
			abort();
		for (int i = 0; i < args->argc; i++)
			s->restart_argv[i] = strdup(args->argv[i]);
		s->restart_argc = args->argc;
	}
	if (s->log != NULL || s->stop.tstate != s->main_tstate) {
		out_error(&s->out, "restart works from a stop in the main thread");
		return CMD_ERROR;
	}
	s->restarting = true;
	s->quit_status = 1;
	return CMD_QUIT;
}
