/* The one path for user-visible debugger output. It flushes the program's
 * sys.stdout and sys.stderr before writing, so program output written
 * before a stop appears before the stop's lines. */
#ifndef CTRACE_OUTPUT_H
#define CTRACE_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct output {
	FILE *fp;
	bool tty;    /* fp is a terminal */
	bool color;  /* colour escapes are allowed */
	bool quiet;  /* --quiet: no informational messages */
	bool python; /* an interpreter is running, so sys.stdout can be flushed */
	bool hold;   /* printing a stop's header: no Python flush, which could
	              * let another thread run and print inside it */
};

/* Initialise out for fp, deciding colour from `when` (COLOR_*), NO_COLOR,
 * FORCE_COLOR and TERM. */
void output_init(struct output *out, FILE *fp, int when, bool quiet);

/* Flush Python's sys.stdout and sys.stderr, then C's stdout and stderr. */
void output_flush_program(struct output *out);

/* Write formatted text as it is. Values from the program (reprs, source
 * lines) must pass through out_text or out_escape first. */
void out_printf(struct output *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write an informational message, suppressed by --quiet. */
void out_info(struct output *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write one REPL error line: "*** " and the message. */
void out_error(struct output *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write len bytes of text, escaping control characters and escape
 * sequences when the output is a terminal. */
void out_text(struct output *out, const char *text, size_t len);

/* Return text made safe for this output: on a terminal a malloc'd copy
 * with control characters escaped, else a malloc'd copy as it is. */
char *out_escape(const struct output *out, const char *text, size_t len);

/* Escape control characters of text into a new malloc'd string: "\n" as
 * "\\n", other bytes below 0x20 and DEL as "\\xNN". Newlines are kept when
 * keep_newlines is set. */
char *escape_control(const char *text, size_t len, bool keep_newlines);

/* Colour roles for the location line and listings. */
enum out_color { OC_RESET, OC_PATH, OC_FUNC, OC_LINENO, OC_CURRENT, OC_ERROR, OC_BANNER, OC_KEYWORD, OC_STRING, OC_COMMENT, OC_NUMBER };

/* Return the escape sequence for a colour role, or "" without colour. */
const char *out_color(const struct output *out, enum out_color role);

#endif /* CTRACE_OUTPUT_H */
