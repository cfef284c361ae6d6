/* Source lines by file name through linecache, which also finds the
 * source of zip imports and frozen modules through their loaders, and
 * listings with the pdb markers. */
#ifndef CTRACE_SOURCE_H
#define CTRACE_SOURCE_H

#include "compat.h"

#include <stdbool.h>

struct session;

/* Return line lineno of filename as a malloc'd string without its line
 * end, or NULL when there is no such line. globals (borrowed, may be
 * NULL) lets linecache ask the module's loader. */
char *source_line(const char *filename, int lineno, PyObject *globals);

/* Return the number of lines of filename, or 0 when unknown. */
int source_line_count(const char *filename, PyObject *globals);

/* Print lines first..last of filename with the markers of `list`: B for a
 * breakpoint (looked up under the canonical name canon), -> for current,
 * >> for exc_line. Return the last line printed, or 0 past the end. */
int source_list(struct session *s, const char *filename, const char *canon, PyObject *globals, int first, int last, int current, int exc_line);


struct output;

/* Return a malloc'd copy of a source line with Python syntax coloured
 * (keywords, strings, numbers, comments) when out has colour. */
char *source_highlight(const struct output *out, const char *text);

#endif /* CTRACE_SOURCE_H */
