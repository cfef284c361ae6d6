/* The debugger's command table and the line parser: aliases, `;;`
 * splitting, abbreviations, argument splitting and dispatch. One static
 * table drives lookup, argument checks, help, completion and the manual
 * consistency test. */
#ifndef CTRACE_COMMANDS_H
#define CTRACE_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

struct session;

enum cmd_result {
	CMD_OK,     /* stay at the prompt */
	CMD_ERROR,  /* stay at the prompt; a message was printed */
	CMD_RESUME, /* the program runs again */
	CMD_QUIT,   /* end the program and ctrace */
};

/* Split arguments of one command. argv[0] is the command name as typed. */
struct cmd_args {
	int argc;
	char **argv;
	const char *rest; /* the text after the command word, trimmed */
};

enum cmd_flags {
	CF_NEEDS_FRAME = 1 << 0, /* needs a live stop (not available post-mortem) */
	CF_RESUMES = 1 << 1,     /* may resume the program */
	CF_NO_REPEAT = 1 << 2,   /* Enter on an empty line does not repeat it */
	CF_RAW_ARGS = 1 << 3,    /* the handler parses `rest` itself */
};

enum cmd_topic { TOPIC_RUN, TOPIC_BREAK, TOPIC_STACK, TOPIC_DATA, TOPIC_SESSION };

struct command {
	const char *name;
	const char *alias;   /* pdb's short form, or NULL */
	const char *alias2;  /* a second short form (`cont`, `bt`), or NULL */
	int min_args;
	int max_args;        /* -1: no limit */
	unsigned flags;
	enum cmd_topic topic;
	const char *usage;
	const char *summary;
	enum cmd_result (*handler)(struct session *s, const struct cmd_args *args);
};

extern const struct command command_table[];
extern const size_t command_count;

/* Outcome of command_lookup. */
enum lookup_status { LOOKUP_FOUND, LOOKUP_NONE, LOOKUP_AMBIGUOUS };

/* Find the command for word: exact name or alias, then a unique prefix of
 * a name. For an ambiguous prefix, write the candidates, space separated,
 * into candidates (if given). */
enum lookup_status command_lookup(const char *word, const struct command **found, char *candidates, size_t candlen);

/* Split text into whitespace-separated words, honouring single and double
 * quotes. Return false on an unterminated quote. Free with cmd_args_free. */
bool cmd_args_split(const char *text, struct cmd_args *args);
void cmd_args_free(struct cmd_args *args);

/* Split a line at the first ";;". Return the length of the first part;
 * *rest points after the separator, or is NULL when there is none. */
size_t split_double_semicolon(const char *line, const char **rest);

/* Return the first word of line: its start and length. */
const char *first_word(const char *line, size_t *len);

/* Run one line typed at the prompt (alias expansion, `;;`, commands or a
 * Python statement). */
enum cmd_result command_execute(struct session *s, const char *line);

/* Fill *out with up to max command names and aliases that start with
 * prefix; return how many there are in all. */
size_t command_complete(const char *prefix, const char **out, size_t max);

#endif /* CTRACE_COMMANDS_H */
