/* Unit tests of the breakpoint table: numbering, lookup, enabling and
 * hit accounting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ctrace/breakpoints.h"

static int setup_table(void **state)
{
	static struct bp_table table;

	bp_table_init(&table);
	*state = &table;
	return 0;
}

static int teardown_table(void **state)
{
	bp_table_free(*state);
	return 0;
}

static void test_numbers_start_at_one(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *first = bp_add(table, "/src/app.py", 12, NULL, false);
	struct breakpoint *second = bp_add(table, "/src/app.py", 20, "x > 1", true);

	assert_int_equal(first->number, 1);
	assert_int_equal(second->number, 2);
	assert_int_equal(table->count, 2);
	assert_true(first->enabled);
	assert_false(first->temporary);
	assert_true(second->temporary);
	assert_null(first->cond);
	assert_string_equal(second->cond, "x > 1");
	assert_int_equal(first->hits, 0);
	assert_int_equal(first->ignore, 0);
}

static void test_numbers_never_reused(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp;

	bp_add(table, "/src/app.py", 1, NULL, false);
	bp_add(table, "/src/app.py", 2, NULL, false);
	assert_true(bp_delete(table, 2));
	bp = bp_add(table, "/src/app.py", 3, NULL, false);
	assert_int_equal(bp->number, 3);
	assert_true(bp_delete(table, 1));
	assert_true(bp_delete(table, 3));
	bp = bp_add(table, "/src/app.py", 4, NULL, false);
	assert_int_equal(bp->number, 4);
	assert_int_equal(table->count, 1);
}

static void test_file_and_cond_copied(void **state)
{
	struct bp_table *table = *state;
	char file[] = "/src/app.py";
	char cond[] = "n == 3";
	struct breakpoint *bp = bp_add(table, file, 7, cond, false);

	file[1] = 'X';
	cond[0] = 'X';
	assert_string_equal(bp->file, "/src/app.py");
	assert_string_equal(bp->cond, "n == 3");
}

static void test_delete_keeps_others(void **state)
{
	struct bp_table *table = *state;

	bp_add(table, "/a.py", 1, NULL, false);
	bp_add(table, "/a.py", 2, NULL, false);
	bp_add(table, "/a.py", 3, NULL, false);
	assert_true(bp_delete(table, 2));
	assert_int_equal(table->count, 2);
	assert_null(bp_find(table, 2));
	assert_int_equal(bp_find(table, 1)->line, 1);
	assert_int_equal(bp_find(table, 3)->line, 3);
	assert_int_equal(table->items[0]->number, 1);
	assert_int_equal(table->items[1]->number, 3);
}

static void test_delete_unknown_number(void **state)
{
	struct bp_table *table = *state;

	bp_add(table, "/a.py", 1, NULL, false);
	assert_false(bp_delete(table, 5));
	assert_false(bp_delete(table, 0));
	assert_true(bp_delete(table, 1));
	assert_false(bp_delete(table, 1));
	assert_int_equal(table->count, 0);
}

static void test_find_by_number(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp = bp_add(table, "/a.py", 9, NULL, false);

	assert_ptr_equal(bp_find(table, 1), bp);
	assert_null(bp_find(table, 2));
	assert_null(bp_find(table, -1));
}

static void test_at_matches_file_line(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *one = bp_add(table, "/a.py", 5, NULL, false);
	struct breakpoint *other_file = bp_add(table, "/b.py", 5, NULL, false);
	struct breakpoint *two = bp_add(table, "/a.py", 5, "x", false);

	assert_ptr_equal(bp_at(table, "/a.py", 5, 0), one);
	assert_ptr_equal(bp_at(table, "/a.py", 5, 1), two);
	assert_null(bp_at(table, "/a.py", 5, 2));
	assert_ptr_equal(bp_at(table, "/b.py", 5, 0), other_file);
	assert_null(bp_at(table, "/a.py", 6, 0));
	assert_null(bp_at(table, "/c.py", 5, 0));
}

static void test_at_after_delete(void **state)
{
	struct bp_table *table = *state;

	bp_add(table, "/a.py", 5, NULL, false);
	assert_true(bp_delete(table, 1));
	assert_null(bp_at(table, "/a.py", 5, 0));
}

static void test_enable_disable(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp = bp_add(table, "/a.py", 5, NULL, false);

	assert_true(bp_file_has_enabled(table, "/a.py"));
	bp_set_enabled(table, bp, false);
	assert_false(bp->enabled);
	assert_false(bp_file_has_enabled(table, "/a.py"));
	bp_set_enabled(table, bp, true);
	assert_true(bp->enabled);
	assert_true(bp_file_has_enabled(table, "/a.py"));
	assert_false(bp_file_has_enabled(table, "/b.py"));
}

static void test_generation_bumped(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp;
	unsigned before = table->generation;

	bp = bp_add(table, "/a.py", 5, NULL, false);
	assert_true(table->generation != before);
	before = table->generation;
	bp_set_enabled(table, bp, false);
	assert_true(table->generation != before);
	before = table->generation;
	bp_set_condition(table, bp, "y");
	assert_true(table->generation != before);
	before = table->generation;
	bp_delete(table, 1);
	assert_true(table->generation != before);
}

static void test_condition_set_clear(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp = bp_add(table, "/a.py", 5, NULL, false);

	bp_set_condition(table, bp, "total > 100");
	assert_string_equal(bp->cond, "total > 100");
	bp_set_condition(table, bp, NULL);
	assert_null(bp->cond);
}

static void test_hit_without_ignore(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp = bp_add(table, "/a.py", 5, NULL, false);

	assert_true(bp_register_hit(bp, true));
	assert_true(bp_register_hit(bp, true));
	assert_int_equal(bp->hits, 2);
}

static void test_ignore_count_consumed(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp = bp_add(table, "/a.py", 5, NULL, false);

	bp->ignore = 2;
	assert_false(bp_register_hit(bp, true));
	assert_int_equal(bp->ignore, 1);
	assert_false(bp_register_hit(bp, true));
	assert_int_equal(bp->ignore, 0);
	assert_true(bp_register_hit(bp, true));
	assert_int_equal(bp->hits, 3);
}

/* As in pdb, every time the location is reached counts as a hit, and the
 * ignore count is only consumed when the condition is true. */
static void test_false_condition_counts_hit(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp = bp_add(table, "/a.py", 5, "x > 2", false);

	bp->ignore = 1;
	assert_false(bp_register_hit(bp, false));
	assert_int_equal(bp->hits, 1);
	assert_int_equal(bp->ignore, 1);
	assert_false(bp_register_hit(bp, true));
	assert_int_equal(bp->ignore, 0);
	assert_false(bp_register_hit(bp, false));
	assert_true(bp_register_hit(bp, true));
	assert_int_equal(bp->hits, 4);
}

static void test_commands_silent_flag(void **state)
{
	struct bp_table *table = *state;
	struct breakpoint *bp = bp_add(table, "/a.py", 5, NULL, false);
	char *lines[] = {"silent", "p x", "c"};

	bp_set_commands(bp, lines, 3);
	assert_int_equal(bp->ncommands, 3);
	assert_true(bp->silent);
	assert_string_equal(bp->commands[1], "p x");
	assert_ptr_not_equal(bp->commands[1], lines[1]);
	bp_set_commands(bp, NULL, 0);
	assert_int_equal(bp->ncommands, 0);
	assert_false(bp->silent);
}

static void test_parse_number_valid(void **state)
{
	(void)state;
	assert_int_equal(bp_parse_number("1"), 1);
	assert_int_equal(bp_parse_number("42"), 42);
	assert_int_equal(bp_parse_number("007"), 7);
}

static void test_parse_number_invalid(void **state)
{
	(void)state;
	assert_int_equal(bp_parse_number(NULL), -1);
	assert_int_equal(bp_parse_number(""), -1);
	assert_int_equal(bp_parse_number("0"), -1);
	assert_int_equal(bp_parse_number("-3"), -1);
	assert_int_equal(bp_parse_number("+3"), -1);
	assert_int_equal(bp_parse_number("3x"), -1);
	assert_int_equal(bp_parse_number(" 3"), -1);
	assert_int_equal(bp_parse_number("1.5"), -1);
	assert_int_equal(bp_parse_number("99999999999999999999"), -1);
}

#define TABLE_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup_table, teardown_table)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TABLE_TEST(test_numbers_start_at_one),
		TABLE_TEST(test_numbers_never_reused),
		TABLE_TEST(test_file_and_cond_copied),
		TABLE_TEST(test_delete_keeps_others),
		TABLE_TEST(test_delete_unknown_number),
		TABLE_TEST(test_find_by_number),
		TABLE_TEST(test_at_matches_file_line),
		TABLE_TEST(test_at_after_delete),
		TABLE_TEST(test_enable_disable),
		TABLE_TEST(test_generation_bumped),
		TABLE_TEST(test_condition_set_clear),
		TABLE_TEST(test_hit_without_ignore),
		TABLE_TEST(test_ignore_count_consumed),
		TABLE_TEST(test_false_condition_counts_hit),
		TABLE_TEST(test_commands_silent_flag),
		cmocka_unit_test(test_parse_number_valid),
		cmocka_unit_test(test_parse_number_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
