/* Unit tests of the command table lookup and the line-splitting helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ctrace/commands.h"

/* Look up word and return the name of the command found, or NULL. */
static const char *lookup_name(const char *word)
{
	const struct command *found = NULL;

	if (command_lookup(word, &found, NULL, 0) != LOOKUP_FOUND)
		return NULL;
	return found->name;
}

static void test_lookup_exact_names(void **state)
{
	(void)state;
	assert_string_equal(lookup_name("next"), "next");
	assert_string_equal(lookup_name("step"), "step");
	assert_string_equal(lookup_name("where"), "where");
	assert_string_equal(lookup_name("longlist"), "longlist");
	assert_string_equal(lookup_name("condition"), "condition");
}

static void test_lookup_pdb_aliases(void **state)
{
	(void)state;
	assert_string_equal(lookup_name("n"), "next");
	assert_string_equal(lookup_name("s"), "step");
	assert_string_equal(lookup_name("c"), "continue");
	assert_string_equal(lookup_name("b"), "break");
	assert_string_equal(lookup_name("l"), "list");
	assert_string_equal(lookup_name("ll"), "longlist");
	assert_string_equal(lookup_name("p"), "print");
	assert_string_equal(lookup_name("q"), "quit");
	assert_string_equal(lookup_name("u"), "up");
	assert_string_equal(lookup_name("d"), "down");
	assert_string_equal(lookup_name("w"), "where");
	assert_string_equal(lookup_name("a"), "args");
	assert_string_equal(lookup_name("cl"), "clear");
}

static void test_lookup_second_aliases(void **state)
{
	(void)state;
	assert_string_equal(lookup_name("cont"), "continue");
	assert_string_equal(lookup_name("bt"), "where");
	assert_string_equal(lookup_name("unt"), "until");
	assert_string_equal(lookup_name("exit"), "quit");
}

/* An alias wins over the prefix rule: "u" is up although until and
 * unalias also start with u, "d" is down although delete and disable
 * start with d, and "r" is return although retval starts with r. */
static void test_alias_beats_prefix(void **state)
{
	(void)state;
	assert_string_equal(lookup_name("u"), "up");
	assert_string_equal(lookup_name("d"), "down");
	assert_string_equal(lookup_name("r"), "return");
}

static void test_lookup_unique_prefix(void **state)
{
	(void)state;
	assert_string_equal(lookup_name("whe"), "where");
	assert_string_equal(lookup_name("lon"), "longlist");
	assert_string_equal(lookup_name("tb"), "tbreak");
	assert_string_equal(lookup_name("ign"), "ignore");
	assert_string_equal(lookup_name("disa"), "disable");
	assert_string_equal(lookup_name("disp"), "display");
	assert_string_equal(lookup_name("fini"), "finish");
}

static void test_lookup_ambiguous_prefix(void **state)
{
	const struct command *found = (const struct command *)1;
	char candidates[256];

	(void)state;
	assert_int_equal(command_lookup("co", &found, candidates, sizeof(candidates)), LOOKUP_AMBIGUOUS);
	assert_null(found);
	assert_non_null(strstr(candidates, "continue"));
	assert_non_null(strstr(candidates, "condition"));
	assert_null(strstr(candidates, "clear"));
}

static void test_ambiguous_where_whatis(void **state)
{
	const struct command *found = NULL;
	char candidates[256];

	(void)state;
	assert_int_equal(command_lookup("wh", &found, candidates, sizeof(candidates)), LOOKUP_AMBIGUOUS);
	assert_non_null(strstr(candidates, "where"));
	assert_non_null(strstr(candidates, "whatis"));
}

static void test_lookup_unknown_word(void **state)
{
	const struct command *found = (const struct command *)1;

	(void)state;
	assert_int_equal(command_lookup("zzz", &found, NULL, 0), LOOKUP_NONE);
	assert_null(found);
	assert_int_equal(command_lookup("", &found, NULL, 0), LOOKUP_NONE);
	assert_int_equal(command_lookup("nextx", &found, NULL, 0), LOOKUP_NONE);
}

static void test_lookup_case_sensitive(void **state)
{
	(void)state;
	assert_null(lookup_name("N"));
	assert_null(lookup_name("Next"));
}

static void test_table_names_unique(void **state)
{
	(void)state;
	for (size_t i = 0; i < command_count; i++) {
		for (size_t k = i + 1; k < command_count; k++)
			assert_string_not_equal(command_table[i].name, command_table[k].name);
		assert_non_null(command_table[i].usage);
		assert_non_null(command_table[i].summary);
		assert_non_null(command_table[i].handler);
	}
}

static void test_split_plain_words(void **state)
{
	struct cmd_args args;

	(void)state;
	assert_true(cmd_args_split("  break   app.py:12  ", &args));
	assert_int_equal(args.argc, 2);
	assert_string_equal(args.argv[0], "break");
	assert_string_equal(args.argv[1], "app.py:12");
	assert_null(args.argv[2]);
	cmd_args_free(&args);
}

static void test_split_quoted_words(void **state)
{
	struct cmd_args args;

	(void)state;
	assert_true(cmd_args_split("alias pl 'p %1' \"two words\" x'y z'w", &args));
	assert_int_equal(args.argc, 5);
	assert_string_equal(args.argv[2], "p %1");
	assert_string_equal(args.argv[3], "two words");
	assert_string_equal(args.argv[4], "xy zw");
	cmd_args_free(&args);
}

static void test_split_nested_quote_kept(void **state)
{
	struct cmd_args args;

	(void)state;
	assert_true(cmd_args_split("\"it's\" 'say \"hi\"'", &args));
	assert_int_equal(args.argc, 2);
	assert_string_equal(args.argv[0], "it's");
	assert_string_equal(args.argv[1], "say \"hi\"");
	cmd_args_free(&args);
}

static void test_split_empty_quotes(void **state)
{
	struct cmd_args args;

	(void)state;
	assert_true(cmd_args_split("a '' b", &args));
	assert_int_equal(args.argc, 3);
	assert_string_equal(args.argv[1], "");
	cmd_args_free(&args);
}

static void test_split_empty_line(void **state)
{
	struct cmd_args args;

	(void)state;
	assert_true(cmd_args_split("   \t ", &args));
	assert_int_equal(args.argc, 0);
	cmd_args_free(&args);
}

static void test_split_unterminated_quote(void **state)
{
	struct cmd_args args;

	(void)state;
	assert_false(cmd_args_split("p 'abc", &args));
	assert_false(cmd_args_split("p \"abc'", &args));
}

static void test_semicolons_split_once(void **state)
{
	const char *rest = NULL;
	const char *line = "p x ;; n ;; c";

	(void)state;
	assert_int_equal(split_double_semicolon(line, &rest), 4);
	assert_non_null(rest);
	assert_string_equal(rest, " n ;; c");
}

static void test_semicolons_absent(void **state)
{
	const char *rest = (const char *)1;

	(void)state;
	assert_int_equal(split_double_semicolon("p a; b", &rest), strlen("p a; b"));
	assert_null(rest);
}

static void test_semicolons_at_start(void **state)
{
	const char *rest = NULL;

	(void)state;
	assert_int_equal(split_double_semicolon(";;next", &rest), 0);
	assert_string_equal(rest, "next");
}

static void test_first_word_skips_space(void **state)
{
	size_t len = 0;
	const char *word = first_word("   where 3", &len);

	(void)state;
	assert_int_equal(len, 5);
	assert_memory_equal(word, "where", 5);
}

static void test_first_word_stops_at_punct(void **state)
{
	size_t len = 0;
	const char *word = first_word("c.x = 5", &len);

	(void)state;
	assert_int_equal(len, 1);
	assert_memory_equal(word, "c", 1);
	word = first_word("my_var[0]", &len);
	assert_int_equal(len, 6);
	assert_memory_equal(word, "my_var", 6);
}

static void test_first_word_bang(void **state)
{
	size_t len = 0;
	const char *word = first_word(" !x = 1", &len);

	(void)state;
	assert_int_equal(len, 1);
	assert_int_equal(word[0], '!');
}

static void test_first_word_empty_line(void **state)
{
	size_t len = 99;

	(void)state;
	first_word("   ", &len);
	assert_int_equal(len, 0);
}

static void test_complete_command_prefix(void **state)
{
	const char *names[16];
	size_t total;

	(void)state;
	total = command_complete("whe", names, 16);
	assert_int_equal(total, 1);
	assert_string_equal(names[0], "where");
	total = command_complete("wh", names, 16);
	assert_int_equal(total, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_exact_names),
		cmocka_unit_test(test_lookup_pdb_aliases),
		cmocka_unit_test(test_lookup_second_aliases),
		cmocka_unit_test(test_alias_beats_prefix),
		cmocka_unit_test(test_lookup_unique_prefix),
		cmocka_unit_test(test_lookup_ambiguous_prefix),
		cmocka_unit_test(test_ambiguous_where_whatis),
		cmocka_unit_test(test_lookup_unknown_word),
		cmocka_unit_test(test_lookup_case_sensitive),
		cmocka_unit_test(test_table_names_unique),
		cmocka_unit_test(test_split_plain_words),
		cmocka_unit_test(test_split_quoted_words),
		cmocka_unit_test(test_split_nested_quote_kept),
		cmocka_unit_test(test_split_empty_quotes),
		cmocka_unit_test(test_split_empty_line),
		cmocka_unit_test(test_split_unterminated_quote),
		cmocka_unit_test(test_semicolons_split_once),
		cmocka_unit_test(test_semicolons_absent),
		cmocka_unit_test(test_semicolons_at_start),
		cmocka_unit_test(test_first_word_skips_space),
		cmocka_unit_test(test_first_word_stops_at_punct),
		cmocka_unit_test(test_first_word_bang),
		cmocka_unit_test(test_first_word_empty_line),
		cmocka_unit_test(test_complete_command_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
