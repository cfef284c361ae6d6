/* Command-line options of ctrace. Parsing is pure C so that it can be
 * unit tested; it never prints and never exits. */
#ifndef CTRACE_OPTIONS_H
#define CTRACE_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };
enum trace_format { TRACE_TEXT, TRACE_JSONL, TRACE_CHROME };

/* Bits of options.trace_events. */
enum {
	TRACE_EV_CALL = 1 << 0,
	TRACE_EV_RETURN = 1 << 1,
	TRACE_EV_LINE = 1 << 2,
	TRACE_EV_EXCEPTION = 1 << 3,
	TRACE_EV_ALL = 0xf,
};

/* One debugger command queued by -c or -x, in command-line order. */
struct queued_command {
	char *text;
	const char *origin; /* "-c" or the -x file name, for error messages */
	int line;           /* line in the -x file, 0 for -c */
};

struct options {
	bool help;
	bool version;
	bool batch;
	bool no_init;
	bool quiet;
	bool trace;
	enum color_when color;
	char *init_file; /* --init-file=PATH, trusted explicitly */

	/* -c and -x, expanded in order; -x files are read by options_parse. */
	struct queued_command *commands;
	size_t ncommands;

	/* Trace mode. */
	enum trace_format trace_format;
	char *trace_output;   /* NULL: stderr; "-": stdout */
	unsigned trace_events;
	char **includes;
	size_t nincludes;
	char **excludes;
	size_t nexcludes;
	bool trace_stdlib;
	long trace_depth;     /* -1: unlimited */
	bool trace_vars;
	bool trace_timestamps;
	bool trace_threads;
	bool summary;
	char *summary_file;   /* NULL with summary set: write it to the log's stream */

	/* The target: a script path or a module name, then its arguments. */
	bool run_module;
	char *target;
	char **target_argv; /* target_argv[0] is the target as typed */
	int target_argc;
};

/* Status codes of options_parse. */
enum { OPTIONS_OK = 0, OPTIONS_USAGE_ERROR = 2 };

/* Parse argv into opts. On a usage error, return OPTIONS_USAGE_ERROR and
 * write a one-line message (without the "ctrace: " prefix) into err. */
int options_parse(struct options *opts, int argc, char **argv, char *err, size_t errlen);

/* Free everything options_parse allocated. */
void options_free(struct options *opts);

/* The --help text. */
extern const char options_usage[];

#endif /* CTRACE_OPTIONS_H */
