/* The command table and the line parser. Lookup order: exact alias, exact
 * name, then a unique prefix of a name (gdb's rule). A line whose first
 * word is not a command, or that starts with '!', is a Python statement. */
#include "ctrace/commands.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_handlers.h"
#include "ctrace/debugger.h"
#include "ctrace/inspect.h"
#include "ctrace/session.h"

#define ANY (-1)

const struct command command_table[] = {
	/* name, alias, alias2, min, max, flags, topic, usage, summary, handler */
	{"help", "h", NULL, 0, 1, 0, TOPIC_SESSION, "help [COMMAND]", "list the commands, or show one command's usage", cmd_help},
	{"step", "s", NULL, 0, 1, CF_NEEDS_FRAME | CF_RESUMES, TOPIC_RUN, "step [N]", "run to the next event: a call, a line or a return", cmd_step},
	{"next", "n", NULL, 0, 1, CF_NEEDS_FRAME | CF_RESUMES, TOPIC_RUN, "next [N]", "run to the next line of this frame, or its return", cmd_next},
	{"until", "unt", NULL, 0, 1, CF_NEEDS_FRAME | CF_RESUMES, TOPIC_RUN, "until [LINE]", "run until a line past the current one (or >= LINE) in this frame", cmd_until},
	{"return", "r", NULL, 0, 0, CF_NEEDS_FRAME | CF_RESUMES, TOPIC_RUN, "return", "run until this frame returns and stop at the return", cmd_return},
	{"finish", "fin", NULL, 0, 0, CF_NEEDS_FRAME | CF_RESUMES, TOPIC_RUN, "finish", "run until this frame returns, stop in the caller, print the value", cmd_finish},
	{"continue", "c", "cont", 0, 1, CF_RESUMES, TOPIC_RUN, "continue [N]", "run until a breakpoint; N ignores this breakpoint N-1 more times", cmd_continue},
	{"jump", "j", NULL, 1, 1, CF_NEEDS_FRAME | CF_NO_REPEAT, TOPIC_RUN, "jump LINE", "make LINE the next line to run in the innermost frame", cmd_jump},
	{"restart", "run", NULL, 0, ANY, CF_NO_REPEAT, TOPIC_RUN, "restart [ARGS]", "run the program again from the start, keeping breakpoints; ARGS replace sys.argv[1:]", cmd_restart},
	{"skip", NULL, NULL, 0, ANY, 0, TOPIC_RUN, "skip [PATTERN... | stdlib | delete [N...]]", "never stop step or next in modules matching PATTERN; no argument lists them", cmd_skip},
	{"quit", "q", "exit", 0, 1, CF_NO_REPEAT, TOPIC_RUN, "quit [N]", "end the program and ctrace with exit status N (default 1)", cmd_quit},
	{"break", "b", NULL, 0, ANY, CF_RAW_ARGS, TOPIC_BREAK, "break [LINE | FILE:LINE | MODULE:LINE | FUNC | MODULE.FUNC] [, COND]", "set a breakpoint; with no argument, list breakpoints", cmd_break},
	{"tbreak", NULL, NULL, 1, ANY, CF_RAW_ARGS, TOPIC_BREAK, "tbreak LINE | FILE:LINE | MODULE:LINE | FUNC | MODULE.FUNC [, COND]", "set a temporary breakpoint, deleted at its first stop", cmd_tbreak},
	{"clear", "cl", NULL, 0, ANY, 0, TOPIC_BREAK, "clear [FILE:LINE | N...]", "delete breakpoints by location or number, or all of them", cmd_clear},
	{"delete", NULL, NULL, 0, ANY, 0, TOPIC_BREAK, "delete [N...]", "delete breakpoints by number, or all of them", cmd_delete},
	{"disable", NULL, NULL, 1, ANY, 0, TOPIC_BREAK, "disable N...", "disable breakpoints without deleting them", cmd_disable},
	{"enable", NULL, NULL, 1, ANY, 0, TOPIC_BREAK, "enable N...", "enable breakpoints", cmd_enable},
	{"condition", NULL, NULL, 1, ANY, CF_RAW_ARGS, TOPIC_BREAK, "condition N [EXPR]", "set the condition of breakpoint N, or remove it", cmd_condition},
	{"ignore", NULL, NULL, 1, 2, 0, TOPIC_BREAK, "ignore N [COUNT]", "skip the next COUNT stops of breakpoint N", cmd_ignore},
	{"commands", NULL, NULL, 0, 1, 0, TOPIC_BREAK, "commands [N]", "give breakpoint N (default: the last one) commands to run when it stops, ending with 'end'", cmd_commands},
	{"save", NULL, NULL, 1, 1, 0, TOPIC_BREAK, "save FILE", "write the breakpoints and displays as commands that -x reads back", cmd_save},
	{"where", "w", "bt", 0, 1, 0, TOPIC_STACK, "where [N]", "show the stack, oldest frame first, numbered from 0 for the newest; N: only the N newest frames", cmd_where},
	{"up", "u", NULL, 0, 1, 0, TOPIC_STACK, "up [N]", "select the frame N levels up (older, default 1)", cmd_up},
	{"down", "d", NULL, 0, 1, 0, TOPIC_STACK, "down [N]", "select the frame N levels down (newer, default 1)", cmd_down},
	{"frame", "f", NULL, 0, 1, 0, TOPIC_STACK, "frame [N]", "select frame N as numbered by `where` (0 is the newest), or show the selected one", cmd_frame},
	{"list", "l", NULL, 0, 2, CF_RAW_ARGS, TOPIC_STACK, "list [FIRST[, LAST] | .]", "list source around the current line; repeat to continue", cmd_list},
	{"longlist", "ll", NULL, 0, 0, 0, TOPIC_STACK, "longlist", "list the whole current function", cmd_longlist},
	{"thread", NULL, NULL, 0, 1, 0, TOPIC_STACK, "thread [N]", "list the threads, or show the stack of thread N", cmd_thread},
	{"print", "p", NULL, 1, ANY, CF_RAW_ARGS, TOPIC_DATA, "print EXPR", "show the repr of the value of EXPR", cmd_print},
	{"pp", NULL, NULL, 1, ANY, CF_RAW_ARGS, TOPIC_DATA, "pp EXPR", "pretty-print the value of EXPR", cmd_pp},
	{"whatis", NULL, NULL, 1, ANY, CF_RAW_ARGS, TOPIC_DATA, "whatis EXPR", "show the type of the value of EXPR", cmd_whatis},
	{"display", NULL, NULL, 0, ANY, CF_RAW_ARGS, TOPIC_DATA, "display [EXPR]", "show EXPR at each stop in this frame when its value changed; no argument lists them", cmd_display},
	{"undisplay", NULL, NULL, 0, ANY, CF_RAW_ARGS, TOPIC_DATA, "undisplay [EXPR]", "stop displaying EXPR, or every display of this frame", cmd_undisplay},
	{"watch", NULL, NULL, 1, ANY, CF_RAW_ARGS, TOPIC_BREAK, "watch EXPR", "stop after any line that changes the value of EXPR in this frame", cmd_watch},
	{"catch", NULL, NULL, 0, ANY, 0, TOPIC_BREAK, "catch [TYPE... | uncaught]", "stop where an exception of TYPE (default: any) is raised", cmd_catch},
	{"args", "a", NULL, 0, 0, 0, TOPIC_DATA, "args", "show the arguments of the current function", cmd_args},
	{"locals", NULL, NULL, 0, 0, 0, TOPIC_DATA, "locals", "show the local variables of the selected frame", cmd_locals},
	{"retval", "rv", NULL, 0, 0, 0, TOPIC_DATA, "retval", "show the value the frame just returned", cmd_retval},
	{"info", "i", NULL, 1, 1, 0, TOPIC_DATA, "info breakpoints|locals|args|frame|threads|display|watchpoints|skip", "show breakpoints, locals, arguments, the frame, threads, displays, watchpoints or skips", cmd_info},
	{"source", NULL, NULL, 1, ANY, CF_RAW_ARGS, TOPIC_STACK, "source EXPR", "show the source of a function, class or module", cmd_source},
	{"interact", NULL, NULL, 0, 0, CF_NO_REPEAT, TOPIC_DATA, "interact", "start a Python console over a copy of the frame's names", cmd_interact},
	{"alias", NULL, NULL, 0, ANY, CF_RAW_ARGS, TOPIC_SESSION, "alias [NAME [COMMAND]]", "define an alias (%1..%9 and %* take arguments), or list them", cmd_alias},
	{"unalias", NULL, NULL, 1, 1, 0, TOPIC_SESSION, "unalias NAME", "delete an alias", cmd_unalias},
	{"!", NULL, NULL, 1, ANY, CF_RAW_ARGS | CF_NO_REPEAT, TOPIC_DATA, "!STATEMENT", "run a Python statement in the selected frame (also without '!')", cmd_exec},
};

const size_t command_count = sizeof(command_table) / sizeof(command_table[0]);

enum lookup_status command_lookup(const char *word, const struct command **found, char *candidates, size_t candlen)
{
	size_t len = strlen(word);
	const struct command *match = NULL;
	int matches = 0;

	*found = NULL;
	if (len == 0)
		return LOOKUP_NONE;
	for (size_t i = 0; i < command_count; i++) {
		const struct command *c = &command_table[i];

		if ((c->alias && strcmp(c->alias, word) == 0) || (c->alias2 && strcmp(c->alias2, word) == 0)) {
			*found = c;
			return LOOKUP_FOUND;
		}
	}
	for (size_t i = 0; i < command_count; i++) {
		if (strcmp(command_table[i].name, word) == 0) {
			*found = &command_table[i];
			return LOOKUP_FOUND;
		}
	}
	if (candidates && candlen)
		candidates[0] = '\0';
	for (size_t i = 0; i < command_count; i++) {
		const struct command *c = &command_table[i];

		if (strncmp(c->name, word, len) != 0 || !isalpha((unsigned char)c->name[0]))
			continue;
		match = c;
		matches++;
		if (candidates && candlen) {
			size_t used = strlen(candidates);

			snprintf(candidates + used, candlen - used, "%s%s", used ? " " : "", c->name);
		}
	}
	if (matches == 1) {
		*found = match;
		return LOOKUP_FOUND;
	}
	return matches == 0 ? LOOKUP_NONE : LOOKUP_AMBIGUOUS;
}

static void push_arg(struct cmd_args *args, const char *start, size_t len)
{
	char **argv = realloc(args->argv, (size_t)(args->argc + 2) * sizeof(char *));

	if (argv == NULL)
		abort();
	args->argv = argv;
	args->argv[args->argc] = strndup(start, len);
	if (args->argv[args->argc] == NULL)
		abort();
	args->argc++;
	args->argv[args->argc] = NULL;
}

bool cmd_args_split(const char *text, struct cmd_args *args)
{
	char *word = malloc(strlen(text) + 1);
	const char *p = text;

	if (word == NULL)
		abort();
	memset(args, 0, sizeof(*args));
	while (*p) {
		size_t n = 0;
		char quote = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		while (*p && (quote || !isspace((unsigned char)*p))) {
			if (quote && *p == quote)
				quote = 0;
			else if (!quote && (*p == '\'' || *p == '"'))
				quote = *p;
			else
				word[n++] = *p;
			p++;
		}
		if (quote) {
			free(word);
			cmd_args_free(args);
			return false;
		}
		push_arg(args, word, n);
	}
	free(word);
	return true;
}

void cmd_args_free(struct cmd_args *args)
{
	for (int i = 0; i < args->argc; i++)
		free(args->argv[i]);
	free(args->argv);
	memset(args, 0, sizeof(*args));
}

size_t split_double_semicolon(const char *line, const char **rest)
{
	const char *sep = strstr(line, ";;");

	if (sep == NULL) {
		*rest = NULL;
		return strlen(line);
	}
	*rest = sep + 2;
	return (size_t)(sep - line);
}

const char *first_word(const char *line, size_t *len)
{
	const char *start = line;
	const char *p;

	while (isspace((unsigned char)*start))
		start++;
	p = start;
	if (*p == '!') {
		*len = 1;
		return start;
	}
	while (*p && (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	*len = (size_t)(p - start);
	return start;
}

/* Return true when the text after a command word makes the line Python:
 * attribute access, a call, subscription or an assignment (`c.x`, `n()`,
 * `l[0]`, `d = 5`, `a += 1`). pdb 3.13 decides the same way for the
 * characters glued to the word (CPython gh-108463). */
static bool looks_like_python(const char *after)
{
	static const char *const assign_ops[] = {"+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "^=", "|=", "@=", NULL};
	const char *p = after;

	if (*p != '\0' && !isspace((unsigned char)*p))
		return strchr("=.[](),\"'+-*/%@&|<>~^:", *p) != NULL;
	while (isspace((unsigned char)*p))
		p++;
	if (p[0] == '=' && p[1] != '=')
		return true;
	for (int i = 0; assign_ops[i]; i++)
		if (strncmp(p, assign_ops[i], strlen(assign_ops[i])) == 0)
			return true;
	return false;
}

static const char *alias_lookup(struct session *s, const char *name, size_t len)
{
	for (size_t i = 0; i < s->nalias; i++)
		if (strlen(s->alias_names[i]) == len && strncmp(s->alias_names[i], name, len) == 0)
			return s->alias_values[i];
	return NULL;
}

/* Substitute %1..%9 and %* of an alias body with the words of args.
 * Return a malloc'd line. */
static char *expand_alias_body(const char *body, const char *argtext)
{
	struct cmd_args words;
	size_t cap = strlen(body) + strlen(argtext) * 10 + 2;
	char *out = malloc(cap);
	size_t n = 0;
	bool used = false;

	if (out == NULL)
		abort();
	if (!cmd_args_split(argtext, &words))
		memset(&words, 0, sizeof(words));
	for (const char *p = body; *p; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int k = p[1] - '1';

			if (k < words.argc)
				n += (size_t)snprintf(out + n, cap - n, "%s", words.argv[k]);
			used = true;
			p++;
		} else if (p[0] == '%' && p[1] == '*') {
			n += (size_t)snprintf(out + n, cap - n, "%s", argtext);
			used = true;
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
	if (!used && *argtext) {
		out = realloc(out, n + strlen(argtext) + 2);
		if (out == NULL)
			abort();
		snprintf(out + n, strlen(argtext) + 2, " %s", argtext);
	}
	cmd_args_free(&words);
	return out;
}

/* Expand aliases on the first word, repeatedly, as pdb does. Return a
 * malloc'd line. */
static char *expand_aliases(struct session *s, const char *line)
{
	char *current = strdup(line);

	if (current == NULL)
		abort();
	for (int depth = 0; depth < 16; depth++) {
		size_t len;
		const char *word = first_word(current, &len);
		const char *body = alias_lookup(s, word, len);
		const char *rest;
		char *next;

		if (body == NULL || len == 0)
			break;
		rest = word + len;
		while (isspace((unsigned char)*rest))
			rest++;
		next = expand_alias_body(body, rest);
		free(current);
		current = next;
	}
	return current;
}

static enum cmd_result run_command(struct session *s, const struct command *cmd, const char *word_end)
{
	struct cmd_args args;
	enum cmd_result result;
	const char *rest = word_end;
	char *trimmed;
	size_t len;

	while (isspace((unsigned char)*rest))
		rest++;
	trimmed = strdup(rest);
	if (trimmed == NULL)
		abort();
	len = strlen(trimmed);
	while (len > 0 && isspace((unsigned char)trimmed[len - 1]))
		trimmed[--len] = '\0';

	if (cmd->flags & CF_RAW_ARGS) {
		memset(&args, 0, sizeof(args));
		if (*trimmed)
			args.argc = 1;
	} else if (!cmd_args_split(trimmed, &args)) {
		out_error(&s->out, "unterminated quote in arguments: %s", trimmed);
		free(trimmed);
		return CMD_ERROR;
	}
	args.rest = trimmed;
	if (args.argc < cmd->min_args || (cmd->max_args >= 0 && args.argc > cmd->max_args)) {
		out_error(&s->out, "usage: %s", cmd->usage);
		result = CMD_ERROR;
	} else if (s->stop.viewed_thread && (cmd->flags & CF_NEEDS_FRAME) && (cmd->flags & (CF_RESUMES | CF_NO_REPEAT))) {
		out_error(&s->out, "'%s' works on the stopped thread: switch back to it with 'thread' first", cmd->name);
		result = CMD_ERROR;
	} else if (s->stop.reason == STOP_POST_MORTEM && (cmd->flags & CF_NEEDS_FRAME)) {
		out_error(&s->out, "'%s' is not possible post-mortem: the program has ended (use 'continue' or 'quit' to leave)", cmd->name);
		result = CMD_ERROR;
	} else {
		result = cmd->handler(s, &args);
	}
	if (cmd->flags & CF_RAW_ARGS)
		args.argc = 0;
	cmd_args_free(&args);
	free(trimmed);
	return result;
}

/* Remember line as the command an empty line repeats, unless the
 * command must not repeat. */
static void remember(struct session *s, const char *line, const struct command *cmd)
{
	if (cmd != NULL && (cmd->flags & CF_NO_REPEAT))
		return;
	if (cmd == NULL)
		return;
	free(s->last_command);
	s->last_command = strdup(line);
}

/* Run one command without `;;` handling. */
static enum cmd_result execute_one(struct session *s, const char *line)
{
	size_t len;
	const char *word = first_word(line, &len);
	const struct command *cmd = NULL;
	char name[64];
	char candidates[256];

	if (*word == '\0')
		return CMD_OK;
	if (*word == '!') {
		remember(s, line, &command_table[command_count - 1]);
		return inspect_exec_statement(s, word + 1);
	}
	if (len == 0 || len >= sizeof(name) || looks_like_python(word + len))
		return inspect_exec_statement(s, word);
	memcpy(name, word, len);
	name[len] = '\0';
	switch (command_lookup(name, &cmd, candidates, sizeof(candidates))) {
	case LOOKUP_FOUND:
		remember(s, line, cmd);
		return run_command(s, cmd, word + len);
	case LOOKUP_AMBIGUOUS:
		out_error(&s->out, "ambiguous command: %s (could be %s)", name, candidates);
		return CMD_ERROR;
	case LOOKUP_NONE:
		break;
	}
	return inspect_exec_statement(s, word);
}

enum cmd_result command_execute(struct session *s, const char *line)
{
	char *expanded = expand_aliases(s, line);
	const char *rest;
	size_t first_len;
	enum cmd_result result;
	char *first;

	/* `alias` bodies keep their `;;`: the split happens when the alias is
	 * used. */
	{
		size_t wlen;
		const char *w = first_word(expanded, &wlen);

		if (wlen == 5 && strncmp(w, "alias", 5) == 0) {
			result = execute_one(s, expanded);
			free(expanded);
			return result;
		}
	}
	first_len = split_double_semicolon(expanded, &rest);
	first = strndup(expanded, first_len);
	if (first == NULL)
		abort();
	result = execute_one(s, first);
	free(first);
	if (rest != NULL && (result == CMD_OK || result == CMD_ERROR))
		result = command_execute(s, rest);
	else if (rest != NULL && result == CMD_RESUME)
		debugger_defer_commands(s, rest);
	free(expanded);
	return result;
}

size_t command_complete(const char *prefix, const char **out, size_t max)
{
	size_t len = strlen(prefix);
	size_t total = 0;

	for (size_t i = 0; i < command_count; i++) {
		const struct command *c = &command_table[i];
		const char *names[3] = {c->name, c->alias, c->alias2};

		for (int k = 0; k < 3; k++) {
			if (names[k] == NULL || !isalpha((unsigned char)names[k][0]) || strncmp(names[k], prefix, len) != 0)
				continue;
			/* `unt` and `cont` would only compete with `until` and
			 * `continue`, which they abbreviate. */
			if (k > 0 && strncmp(c->name, names[k], strlen(names[k])) == 0)
				continue;
			if (total < max)
				out[total] = names[k];
			total++;
		}
	}
	return total;
}

static const char *const topic_names[] = {
	[TOPIC_RUN] = "Running the program",
	[TOPIC_BREAK] = "Breakpoints",
	[TOPIC_STACK] = "Stack and source",
	[TOPIC_DATA] = "Values",
	[TOPIC_SESSION] = "Session",
};

static void help_one(struct session *s, const struct command *c)
{
	out_printf(&s->out, "Usage: %s\n", c->usage);
	if (c->alias && c->alias2)
		out_printf(&s->out, "Short forms: %s, %s\n", c->alias, c->alias2);
	else if (c->alias)
		out_printf(&s->out, "Short form: %s\n", c->alias);
	out_printf(&s->out, "%c%s.\n", toupper((unsigned char)c->summary[0]), c->summary + 1);
}

enum cmd_result cmd_help(struct session *s, const struct cmd_args *args)
{
	if (args->argc == 1) {
		const struct command *c = NULL;
		char candidates[256];

		if (strcmp(args->argv[0], "exec") == 0 || strcmp(args->argv[0], "!") == 0) {
			help_one(s, &command_table[command_count - 1]);
			return CMD_OK;
		}
		switch (command_lookup(args->argv[0], &c, candidates, sizeof(candidates))) {
		case LOOKUP_FOUND:
			help_one(s, c);
			return CMD_OK;
		case LOOKUP_AMBIGUOUS:
			out_error(&s->out, "ambiguous command: %s (could be %s)", args->argv[0], candidates);
			return CMD_ERROR;
		case LOOKUP_NONE:
			out_error(&s->out, "no such command: %s (type 'help' for the list)", args->argv[0]);
			return CMD_ERROR;
		}
	}
	for (int topic = TOPIC_RUN; topic <= TOPIC_SESSION; topic++) {
		out_printf(&s->out, "%s:\n", topic_names[topic]);
		for (size_t i = 0; i < command_count; i++) {
			const struct command *c = &command_table[i];
			char names[96];

			if ((int)c->topic != topic)
				continue;
			if (c->alias && c->alias2)
				snprintf(names, sizeof(names), "%s (%s, %s)", c->usage, c->alias, c->alias2);
			else if (c->alias)
				snprintf(names, sizeof(names), "%s (%s)", c->usage, c->alias);
			else
				snprintf(names, sizeof(names), "%s", c->usage);
			out_printf(&s->out, "  %s\n      %s\n", names, c->summary);
		}
	}
	out_printf(&s->out, "Any other line runs as a Python statement in the selected frame.\n"
			    "An empty line repeats the last command; ';;' separates commands on one line.\n"
			    "Type 'help COMMAND' for its usage.\n");
	return CMD_OK;
}

static void alias_remove_at(struct session *s, size_t i)
{
	free(s->alias_names[i]);
	free(s->alias_values[i]);
	memmove(&s->alias_names[i], &s->alias_names[i + 1], (s->nalias - i - 1) * sizeof(char *));
	memmove(&s->alias_values[i], &s->alias_values[i + 1], (s->nalias - i - 1) * sizeof(char *));
	s->nalias--;
}

enum cmd_result cmd_alias(struct session *s, const struct cmd_args *args)
{
	const char *p = args->rest;
	size_t len;
	const char *name = first_word(p, &len);
	const char *body;
	size_t pos = 0;

	if (*p == '\0') {
		for (size_t i = 0; i < s->nalias; i++)
			out_printf(&s->out, "%s = %s\n", s->alias_names[i], s->alias_values[i]);
		return CMD_OK;
	}
	if (len == 0 || *name == '!') {
		out_error(&s->out, "invalid alias name: %s (use letters, digits and '_')", p);
		return CMD_ERROR;
	}
	body = name + len;
	while (isspace((unsigned char)*body))
		body++;
	while (pos < s->nalias && (strlen(s->alias_names[pos]) != len || strncmp(s->alias_names[pos], name, len) != 0))
		pos++;
	if (*body == '\0') {
		if (pos == s->nalias) {
			out_error(&s->out, "no alias named %.*s", (int)len, name);
			return CMD_ERROR;
		}
		out_printf(&s->out, "%s = %s\n", s->alias_names[pos], s->alias_values[pos]);
		return CMD_OK;
	}
	if (pos < s->nalias)
		alias_remove_at(s, pos);
	s->alias_names = realloc(s->alias_names, (s->nalias + 1) * sizeof(char *));
	s->alias_values = realloc(s->alias_values, (s->nalias + 1) * sizeof(char *));
	if (s->alias_names == NULL || s->alias_values == NULL)
		abort();
	pos = 0;
	while (pos < s->nalias && strncmp(s->alias_names[pos], name, len) < 0)
		pos++;
	memmove(&s->alias_names[pos + 1], &s->alias_names[pos], (s->nalias - pos) * sizeof(char *));
	memmove(&s->alias_values[pos + 1], &s->alias_values[pos], (s->nalias - pos) * sizeof(char *));
	s->alias_names[pos] = strndup(name, len);
	s->alias_values[pos] = strdup(body);
	s->nalias++;
	return CMD_OK;
}

enum cmd_result cmd_unalias(struct session *s, const struct cmd_args *args)
{
	for (size_t i = 0; i < s->nalias; i++) {
		if (strcmp(s->alias_names[i], args->argv[0]) == 0) {
			alias_remove_at(s, i);
			return CMD_OK;
		}
	}
	out_error(&s->out, "no alias named %s", args->argv[0]);
	return CMD_ERROR;
}
