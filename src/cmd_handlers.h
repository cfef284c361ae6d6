/* Handlers of the command table, one family per cmd_*.c file. */
#ifndef CTRACE_CMD_HANDLERS_H
#define CTRACE_CMD_HANDLERS_H

#include <stdio.h>

#include "ctrace/commands.h"

#define HANDLER(name) enum cmd_result name(struct session *s, const struct cmd_args *args)

/* cmd_run.c: running the program */
HANDLER(cmd_step);
HANDLER(cmd_next);
HANDLER(cmd_until);
HANDLER(cmd_return);
HANDLER(cmd_finish);
HANDLER(cmd_continue);
HANDLER(cmd_jump);
HANDLER(cmd_quit);
HANDLER(cmd_restart);

/* cmd_break.c: breakpoints */
HANDLER(cmd_break);
HANDLER(cmd_tbreak);
HANDLER(cmd_clear);
HANDLER(cmd_delete);
HANDLER(cmd_disable);
HANDLER(cmd_enable);
HANDLER(cmd_condition);
HANDLER(cmd_ignore);
void print_breakpoint_table(struct session *s);

/* cmd_stack.c: the stack and source */
HANDLER(cmd_where);
HANDLER(cmd_up);
HANDLER(cmd_down);
HANDLER(cmd_frame);
HANDLER(cmd_list);
HANDLER(cmd_longlist);

/* cmd_inspect.c: values */
HANDLER(cmd_print);
HANDLER(cmd_pp);
HANDLER(cmd_whatis);
HANDLER(cmd_args);
HANDLER(cmd_locals);
HANDLER(cmd_retval);
HANDLER(cmd_exec);
HANDLER(cmd_info);
HANDLER(cmd_source);
HANDLER(cmd_interact);

/* cmd_session.c: breakpoint command lists, save, threads */
HANDLER(cmd_commands);
HANDLER(cmd_save);
HANDLER(cmd_thread);
void info_threads(struct session *s);
HANDLER(cmd_skip);
void info_skip(struct session *s);

/* cmd_display.c: displays, watchpoints and catchpoints */
HANDLER(cmd_display);
HANDLER(cmd_undisplay);
HANDLER(cmd_watch);
HANDLER(cmd_catch);
void save_displays(struct session *s, FILE *fp);
void info_watchpoints(struct session *s);

/* commands.c: the session */
HANDLER(cmd_help);
HANDLER(cmd_alias);
HANDLER(cmd_unalias);

#endif /* CTRACE_CMD_HANDLERS_H */
