/* The breakpoint table. Numbers grow from 1 and are never reused, as in
 * pdb and gdb. */
#include "ctrace/breakpoints.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or_null(const char *s)
{
	char *copy;

	if (s == NULL)
		return NULL;
	copy = strdup(s);
	if (copy == NULL)
		abort();
	return copy;
}

void bp_table_init(struct bp_table *table)
{
	memset(table, 0, sizeof(*table));
}

static void free_commands(struct breakpoint *bp)
{
	for (size_t i = 0; i < bp->ncommands; i++)
		free(bp->commands[i]);
	free(bp->commands);
	bp->commands = NULL;
	bp->ncommands = 0;
	bp->silent = false;
}

static void bp_free(struct breakpoint *bp)
{
	free(bp->file);
	free(bp->cond);
	free(bp->func);
	free_commands(bp);
	free(bp);
}

void bp_table_free(struct bp_table *table)
{
	for (size_t i = 0; i < table->count; i++)
		bp_free(table->items[i]);
	free(table->items);
	memset(table, 0, sizeof(*table));
}

struct breakpoint *bp_add(struct bp_table *table, const char *file, int line, const char *cond, bool temporary)
{
	struct breakpoint *bp = calloc(1, sizeof(*bp));

	if (bp == NULL)
		abort();
	if (table->count == table->cap) {
		size_t cap = table->cap ? table->cap * 2 : 8;
		struct breakpoint **items = realloc(table->items, cap * sizeof(*items));

		if (items == NULL)
			abort();
		table->items = items;
		table->cap = cap;
	}
	bp->number = ++table->last_number;
	bp->file = dup_or_null(file);
	bp->line = line;
	bp->cond = dup_or_null(cond);
	bp->temporary = temporary;
	bp->enabled = true;
	table->items[table->count++] = bp;
	table->generation++;
	return bp;
}

struct breakpoint *bp_find(const struct bp_table *table, int number)
{
	for (size_t i = 0; i < table->count; i++)
		if (table->items[i]->number == number)
			return table->items[i];
	return NULL;
}

bool bp_delete(struct bp_table *table, int number)
{
	for (size_t i = 0; i < table->count; i++) {
		if (table->items[i]->number != number)
			continue;
		bp_free(table->items[i]);
		memmove(&table->items[i], &table->items[i + 1], (table->count - i - 1) * sizeof(table->items[0]));
		table->count--;
		table->generation++;
		return true;
	}
	return false;
}

bool bp_file_has_enabled(const struct bp_table *table, const char *file)
{
	for (size_t i = 0; i < table->count; i++)
		if (table->items[i]->enabled && strcmp(table->items[i]->file, file) == 0)
			return true;
	return false;
}

struct breakpoint *bp_at(const struct bp_table *table, const char *file, int line, size_t n)
{
	for (size_t i = 0; i < table->count; i++) {
		struct breakpoint *bp = table->items[i];

		if (bp->line == line && strcmp(bp->file, file) == 0 && n-- == 0)
			return bp;
	}
	return NULL;
}

void bp_set_condition(struct bp_table *table, struct breakpoint *bp, const char *cond)
{
	free(bp->cond);
	bp->cond = dup_or_null(cond);
	table->generation++;
}

void bp_set_enabled(struct bp_table *table, struct breakpoint *bp, bool enabled)
{
	bp->enabled = enabled;
	table->generation++;
}

void bp_set_commands(struct breakpoint *bp, char **lines, size_t count)
{
	free_commands(bp);
	if (count == 0)
		return;
	bp->commands = calloc(count, sizeof(char *));
	if (bp->commands == NULL)
		abort();
	for (size_t i = 0; i < count; i++) {
		bp->commands[i] = dup_or_null(lines[i]);
		if (strcmp(lines[i], "silent") == 0)
			bp->silent = true;
	}
	bp->ncommands = count;
}

bool bp_register_hit(struct breakpoint *bp, bool cond_true)
{
	bp->hits++;
	if (!cond_true)
		return false;
	if (bp->ignore > 0) {
		bp->ignore--;
		return false;
	}
	return true;
}

int bp_parse_number(const char *text)
{
	long value = 0;

	if (text == NULL || *text == '\0')
		return -1;
	for (const char *p = text; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		value = value * 10 + (*p - '0');
		if (value > 1000000000L)
			return -1;
	}
	return value > 0 ? (int)value : -1;
}
