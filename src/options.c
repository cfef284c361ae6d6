/* Parse ctrace's own options. Parsing stops at the script name or at
 * -m MODULE: everything after that belongs to the target's sys.argv. */
#include "ctrace/options.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char options_usage[] =
	"Usage: ctrace [OPTION]... script.py [ARG]...\n"
	"       ctrace [OPTION]... -m MODULE [ARG]...\n"
	"Run a Python script under a line-level debugger, or write a trace log.\n"
	"\n"
	"Debugger options:\n"
	"  -c, --command=CMD       queue debugger command CMD (repeatable)\n"
	"  -x, --command-file=FILE queue the debugger commands in FILE, one per line\n"
	"      --batch             never read the terminal: run the queued commands,\n"
	"                          then let the program run to its end\n"
	"  -n, --nx                do not read init files\n"
	"      --init-file=PATH    also read the init file PATH\n"
	"      --color=WHEN        colour output: auto (default), always, never\n"
	"  -q, --quiet             no banner or informational messages\n"
	"\n"
	"Trace mode:\n"
	"  -t, --trace             write a trace log instead of starting the debugger\n"
	"      --format=FMT        log format: text (default), jsonl, chrome\n"
	"  -o, --output=FILE       log destination (default stderr; - is stdout)\n"
	"      --events=LIST       comma list of call,return,line,exception (default all)\n"
	"      --include=PATTERN   trace only files matching a glob or dotted module prefix\n"
	"      --exclude=PATTERN   do not trace files matching PATTERN (both repeatable)\n"
	"      --stdlib            also trace the standard library and site-packages\n"
	"      --depth=N           do not log calls more than N levels below the script\n"
	"      --vars              log the local variables that changed on each line\n"
	"      --timestamps        add the time since start to each event\n"
	"      --threads           tag each text event with its thread name\n"
	"      --summary[=FILE]    write a summary of calls, time and exceptions at exit\n"
	"\n"
	"  -h, --help              show this help and exit\n"
	"  -V, --version           show the versions of ctrace and Python and exit\n"
	"\n"
	"Exit status: the program's own, 1 after an uncaught exception or `quit`,\n"
	"2 for a ctrace usage or start-up error. See ctrace(1).\n";

static int usage_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return OPTIONS_USAGE_ERROR;
}

static char *xstrdup(const char *s)
{
	char *copy = strdup(s);

	if (copy == NULL)
		abort();
	return copy;
}

static void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size);

	if (p == NULL)
		abort();
	return p;
}

static void queue_command(struct options *opts, const char *text, const char *origin, int line)
{
	struct queued_command *cmd;

	opts->commands = xrealloc(opts->commands, (opts->ncommands + 1) * sizeof(*opts->commands));
	cmd = &opts->commands[opts->ncommands++];
	cmd->text = xstrdup(text);
	cmd->origin = origin;
	cmd->line = line;
}

static void push_string(char ***list, size_t *count, const char *value)
{
	*list = xrealloc(*list, (*count + 1) * sizeof(**list));
	(*list)[(*count)++] = xstrdup(value);
}

/* Queue the commands of a -x file. Blank lines and lines starting with '#'
 * are skipped, as gdb does in command files. */
static int queue_command_file(struct options *opts, const char *path, char *err, size_t errlen)
{
	FILE *fp = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int lineno = 0;

	if (fp == NULL)
		return usage_error(err, errlen, "cannot read command file: %s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, fp)) >= 0) {
		const char *text = line;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		while (*text == ' ' || *text == '\t')
			text++;
		if (*text == '\0' || *text == '#')
			continue;
		queue_command(opts, line, path, lineno);
	}
	free(line);
	fclose(fp);
	return OPTIONS_OK;
}

static int parse_events(struct options *opts, const char *list, char *err, size_t errlen)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{"call", TRACE_EV_CALL},
		{"return", TRACE_EV_RETURN},
		{"line", TRACE_EV_LINE},
		{"exception", TRACE_EV_EXCEPTION},
	};
	char *copy = xstrdup(list);
	char *save = NULL;
	unsigned events = 0;

	for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		size_t i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(tok, names[i].name) == 0)
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			usage_error(err, errlen, "invalid event in --events: %s (use call, return, line or exception)", tok);
			free(copy);
			return OPTIONS_USAGE_ERROR;
		}
		events |= names[i].bit;
	}
	free(copy);
	if (events == 0)
		return usage_error(err, errlen, "empty --events list: %s (use call, return, line or exception)", list);
	opts->trace_events = events;
	return OPTIONS_OK;
}

static int parse_depth(struct options *opts, const char *value, char *err, size_t errlen)
{
	char *end;
	long depth;

	errno = 0;
	depth = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || depth < 0)
		return usage_error(err, errlen, "invalid --depth: %s (use a whole number of 0 or more)", value);
	opts->trace_depth = depth;
	return OPTIONS_OK;
}

/* Apply one option that takes a value. `name` is the long name. */
static int apply_valued(struct options *opts, const char *name, const char *value, char *err, size_t errlen)
{
	if (strcmp(name, "command") == 0) {
		queue_command(opts, value, "-c", 0);
	} else if (strcmp(name, "command-file") == 0) {
		return queue_command_file(opts, value, err, errlen);
	} else if (strcmp(name, "color") == 0) {
		if (strcmp(value, "auto") == 0)
			opts->color = COLOR_AUTO;
		else if (strcmp(value, "always") == 0)
			opts->color = COLOR_ALWAYS;
		else if (strcmp(value, "never") == 0)
			opts->color = COLOR_NEVER;
		else
			return usage_error(err, errlen, "invalid --color: %s (use auto, always or never)", value);
	} else if (strcmp(name, "init-file") == 0) {
		free(opts->init_file);
		opts->init_file = xstrdup(value);
	} else if (strcmp(name, "format") == 0) {
		if (strcmp(value, "text") == 0)
			opts->trace_format = TRACE_TEXT;
		else if (strcmp(value, "jsonl") == 0)
			opts->trace_format = TRACE_JSONL;
		else if (strcmp(value, "chrome") == 0)
			opts->trace_format = TRACE_CHROME;
		else
			return usage_error(err, errlen, "invalid --format: %s (use text, jsonl or chrome)", value);
	} else if (strcmp(name, "output") == 0) {
		free(opts->trace_output);
		opts->trace_output = xstrdup(value);
	} else if (strcmp(name, "events") == 0) {
		return parse_events(opts, value, err, errlen);
	} else if (strcmp(name, "include") == 0) {
		push_string(&opts->includes, &opts->nincludes, value);
	} else if (strcmp(name, "exclude") == 0) {
		push_string(&opts->excludes, &opts->nexcludes, value);
	} else if (strcmp(name, "depth") == 0) {
		return parse_depth(opts, value, err, errlen);
	} else if (strcmp(name, "summary") == 0) {
		opts->summary = true;
		free(opts->summary_file);
		opts->summary_file = xstrdup(value);
	}
	return OPTIONS_OK;
}

struct option_spec {
	const char *name;  /* long name */
	char short_name;   /* 0: none */
	int takes_value;   /* 0: flag, 1: required value, 2: optional (--name=VALUE only) */
};

static const struct option_spec specs[] = {
	{"help", 'h', 0},
	{"version", 'V', 0},
	{"command", 'c', 1},
	{"command-file", 'x', 1},
	{"batch", 0, 0},
	{"nx", 'n', 0},
	{"init-file", 0, 1},
	{"trace", 't', 0},
	{"color", 0, 1},
	{"quiet", 'q', 0},
	{"format", 0, 1},
	{"output", 'o', 1},
	{"events", 0, 1},
	{"include", 0, 1},
	{"exclude", 0, 1},
	{"stdlib", 0, 0},
	{"depth", 0, 1},
	{"vars", 0, 0},
	{"timestamps", 0, 0},
	{"threads", 0, 0},
	{"summary", 0, 2},
};

static void apply_flag(struct options *opts, const char *name)
{
	if (strcmp(name, "help") == 0)
		opts->help = true;
	else if (strcmp(name, "version") == 0)
		opts->version = true;
	else if (strcmp(name, "batch") == 0)
		opts->batch = true;
	else if (strcmp(name, "nx") == 0)
		opts->no_init = true;
	else if (strcmp(name, "trace") == 0)
		opts->trace = true;
	else if (strcmp(name, "quiet") == 0)
		opts->quiet = true;
	else if (strcmp(name, "stdlib") == 0)
		opts->trace_stdlib = true;
	else if (strcmp(name, "vars") == 0)
		opts->trace_vars = true;
	else if (strcmp(name, "timestamps") == 0)
		opts->trace_timestamps = true;
	else if (strcmp(name, "threads") == 0)
		opts->trace_threads = true;
	else if (strcmp(name, "summary") == 0)
		opts->summary = true;
}

static const struct option_spec *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
			return &specs[i];
	return NULL;
}

static const struct option_spec *find_short(char c)
{
	for (size_t i = 0; i < sizeof(specs) / sizeof(specs[0]); i++)
		if (specs[i].short_name == c)
			return &specs[i];
	return NULL;
}

/* Parse one "--name[=value]" argument at argv[*i]. */
static int parse_long(struct options *opts, int argc, char **argv, int *i, char *err, size_t errlen)
{
	const char *arg = argv[*i] + 2;
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const struct option_spec *spec = find_long(arg, len);

	if (spec == NULL)
		return usage_error(err, errlen, "unknown option: %s (run 'ctrace --help' for the list)", argv[*i]);
	if (spec->takes_value == 0) {
		if (eq != NULL)
			return usage_error(err, errlen, "option takes no value: %s", argv[*i]);
		apply_flag(opts, spec->name);
		return OPTIONS_OK;
	}
	if (eq != NULL)
		return apply_valued(opts, spec->name, eq + 1, err, errlen);
	if (spec->takes_value == 2) {
		apply_flag(opts, spec->name);
		return OPTIONS_OK;
	}
	if (*i + 1 >= argc)
		return usage_error(err, errlen, "option needs a value: --%s", spec->name);
	(*i)++;
	return apply_valued(opts, spec->name, argv[*i], err, errlen);
}

/* Parse one "-x..." argument at argv[*i]: a cluster of flags, possibly
 * ending in an option whose value is the rest or the next argument. */
static int parse_short(struct options *opts, int argc, char **argv, int *i, char *err, size_t errlen)
{
	const char *arg = argv[*i];

	for (size_t k = 1; arg[k] != '\0'; k++) {
		const struct option_spec *spec = find_short(arg[k]);

		if (spec == NULL)
			return usage_error(err, errlen, "unknown option: -%c (run 'ctrace --help' for the list)", arg[k]);
		if (spec->takes_value == 0) {
			apply_flag(opts, spec->name);
			continue;
		}
		if (arg[k + 1] != '\0')
			return apply_valued(opts, spec->name, arg + k + 1, err, errlen);
		if (*i + 1 >= argc)
			return usage_error(err, errlen, "option needs a value: -%c", arg[k]);
		(*i)++;
		return apply_valued(opts, spec->name, argv[*i], err, errlen);
	}
	return OPTIONS_OK;
}

static void set_target(struct options *opts, bool module, int argc, char **argv, int first)
{
	opts->run_module = module;
	opts->target = xstrdup(argv[first]);
	opts->target_argc = argc - first;
	opts->target_argv = xrealloc(NULL, (size_t)(opts->target_argc + 1) * sizeof(char *));
	for (int k = 0; k < opts->target_argc; k++)
		opts->target_argv[k] = xstrdup(argv[first + k]);
	opts->target_argv[opts->target_argc] = NULL;
}

int options_parse(struct options *opts, int argc, char **argv, char *err, size_t errlen)
{
	memset(opts, 0, sizeof(*opts));
	opts->color = COLOR_AUTO;
	opts->trace_events = TRACE_EV_ALL;
	opts->trace_depth = -1;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int rc;

		if (strcmp(arg, "--") == 0) {
			if (i + 1 >= argc)
				return usage_error(err, errlen, "missing script after --: give a script.py to run");
			set_target(opts, false, argc, argv, i + 1);
			return OPTIONS_OK;
		}
		if (strcmp(arg, "-m") == 0 || (strncmp(arg, "-m", 2) == 0 && arg[2] != '\0' && arg[1] != '-')) {
			if (arg[2] != '\0') {
				/* -mMODULE: the module name is glued to the option. */
				argv[i] = (char *)arg + 2;
				set_target(opts, true, argc, argv, i);
				argv[i] = (char *)arg;
				return OPTIONS_OK;
			}
			if (i + 1 >= argc)
				return usage_error(err, errlen, "option needs a value: -m (give a module name)");
			set_target(opts, true, argc, argv, i + 1);
			return OPTIONS_OK;
		}
		if (strncmp(arg, "--", 2) == 0)
			rc = parse_long(opts, argc, argv, &i, err, errlen);
		else if (arg[0] == '-' && arg[1] != '\0')
			rc = parse_short(opts, argc, argv, &i, err, errlen);
		else {
			set_target(opts, false, argc, argv, i);
			return OPTIONS_OK;
		}
		if (rc != OPTIONS_OK)
			return rc;
		if (opts->help || opts->version)
			return OPTIONS_OK;
	}
	if (opts->help || opts->version)
		return OPTIONS_OK;
	return usage_error(err, errlen, "missing script: give a script.py or -m MODULE to run (see 'ctrace --help')");
}

static void free_strings(char **list, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(list[i]);
	free(list);
}

void options_free(struct options *opts)
{
	for (size_t i = 0; i < opts->ncommands; i++)
		free(opts->commands[i].text);
	free(opts->commands);
	free_strings(opts->includes, opts->nincludes);
	free_strings(opts->excludes, opts->nexcludes);
	free_strings(opts->target_argv, (size_t)opts->target_argc);
	free(opts->init_file);
	free(opts->trace_output);
	free(opts->summary_file);
	free(opts->target);
	memset(opts, 0, sizeof(*opts));
}
