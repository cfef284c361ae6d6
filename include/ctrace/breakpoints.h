/* The breakpoint table: numbers, locations, conditions, ignore and hit
 * counts. Pure C, with no Python calls, so it can be unit tested. Paths
 * are canonical (see path.h) before they reach this table. */
#ifndef CTRACE_BREAKPOINTS_H
#define CTRACE_BREAKPOINTS_H

#include <stdbool.h>
#include <stddef.h>

struct breakpoint {
	int number;
	char *file;  /* canonical absolute path */
	int line;
	char *cond;  /* NULL: unconditional */
	char *func;  /* function name for breakpoints set by name, else NULL */
	bool temporary;
	bool enabled;
	long ignore; /* hits still to skip */
	long hits;
	char **commands; /* run when the breakpoint stops, see `commands N` */
	size_t ncommands;
	bool silent;     /* the command list starts with `silent` */
};

struct bp_table {
	struct breakpoint **items; /* ordered by number */
	size_t count;
	size_t cap;
	int last_number;     /* numbers are never reused */
	unsigned generation; /* bumped on every change that can move a stop */
};

void bp_table_init(struct bp_table *table);
void bp_table_free(struct bp_table *table);

/* Add a breakpoint and return it. cond may be NULL. */
struct breakpoint *bp_add(struct bp_table *table, const char *file, int line, const char *cond, bool temporary);

/* Return breakpoint number, or NULL. */
struct breakpoint *bp_find(const struct bp_table *table, int number);

/* Delete breakpoint number; return false when there is none. */
bool bp_delete(struct bp_table *table, int number);

/* Return true when an enabled breakpoint exists in file. */
bool bp_file_has_enabled(const struct bp_table *table, const char *file);

/* Return the n-th breakpoint at file:line, counting from 0, or NULL. */
struct breakpoint *bp_at(const struct bp_table *table, const char *file, int line, size_t n);

/* Set or clear (cond == NULL) a condition. */
void bp_set_condition(struct bp_table *table, struct breakpoint *bp, const char *cond);

/* Enable or disable. */
void bp_set_enabled(struct bp_table *table, struct breakpoint *bp, bool enabled);

/* Replace the command list of bp with a copy of lines. */
void bp_set_commands(struct breakpoint *bp, char **lines, size_t count);

/* Hit accounting for a breakpoint whose location was reached, once its
 * condition is known: count the hit, then consume the ignore count.
 * Return true when the breakpoint stops. */
bool bp_register_hit(struct breakpoint *bp, bool cond_true);

/* Parse a breakpoint number argument. Return it, or -1 when text is not
 * a positive whole number. */
int bp_parse_number(const char *text);

#endif /* CTRACE_BREAKPOINTS_H */
