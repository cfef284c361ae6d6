/* Unit tests of command-line option parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ctrace/options.h"

#define MAX_ARGS 32

struct parse_result {
	struct options opts;
	int status;
	char err[512];
};

/* Parse the NULL-terminated words after "ctrace" into result. */
static void parse(struct parse_result *result, const char *first, ...)
{
	static char *argv[MAX_ARGS + 2];
	int argc = 0;
	va_list ap;

	argv[argc++] = "ctrace";
	va_start(ap, first);
	for (const char *word = first; word != NULL && argc < MAX_ARGS; word = va_arg(ap, const char *))
		argv[argc++] = (char *)word;
	va_end(ap);
	argv[argc] = NULL;
	result->err[0] = '\0';
	result->status = options_parse(&result->opts, argc, argv, result->err, sizeof(result->err));
}

static void test_defaults(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_false(r.opts.batch);
	assert_false(r.opts.trace);
	assert_false(r.opts.run_module);
	assert_int_equal(r.opts.color, COLOR_AUTO);
	assert_int_equal(r.opts.trace_format, TRACE_TEXT);
	assert_int_equal(r.opts.trace_events, TRACE_EV_ALL);
	assert_int_equal(r.opts.trace_depth, -1);
	assert_int_equal(r.opts.ncommands, 0);
	assert_string_equal(r.opts.target, "app.py");
	assert_int_equal(r.opts.target_argc, 1);
	assert_string_equal(r.opts.target_argv[0], "app.py");
	assert_null(r.opts.target_argv[1]);
	options_free(&r.opts);
}

static void test_options_stop_at_script(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-q", "app.py", "-q", "--batch", "--", "-c", "x", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.quiet);
	assert_false(r.opts.batch);
	assert_int_equal(r.opts.ncommands, 0);
	assert_int_equal(r.opts.target_argc, 6);
	assert_string_equal(r.opts.target_argv[1], "-q");
	assert_string_equal(r.opts.target_argv[2], "--batch");
	assert_string_equal(r.opts.target_argv[3], "--");
	assert_string_equal(r.opts.target_argv[4], "-c");
	assert_string_equal(r.opts.target_argv[5], "x");
	options_free(&r.opts);
}

static void test_script_args_like_options(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "tool.py", "--help", "-V", "--bogus", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_false(r.opts.help);
	assert_false(r.opts.version);
	assert_int_equal(r.opts.target_argc, 4);
	assert_string_equal(r.opts.target_argv[1], "--help");
	assert_string_equal(r.opts.target_argv[3], "--bogus");
	options_free(&r.opts);
}

static void test_module_and_args(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--batch", "-m", "json.tool", "--sort-keys", "in.json", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.batch);
	assert_true(r.opts.run_module);
	assert_string_equal(r.opts.target, "json.tool");
	assert_int_equal(r.opts.target_argc, 3);
	assert_string_equal(r.opts.target_argv[0], "json.tool");
	assert_string_equal(r.opts.target_argv[1], "--sort-keys");
	assert_string_equal(r.opts.target_argv[2], "in.json");
	options_free(&r.opts);
}

static void test_module_name_glued(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-mjson.tool", "x", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.run_module);
	assert_string_equal(r.opts.target, "json.tool");
	assert_int_equal(r.opts.target_argc, 2);
	options_free(&r.opts);
}

static void test_module_missing_name(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-m", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "-m"));
	options_free(&r.opts);
}

/* Write text into a fresh temporary file and return its malloc'd path. */
static char *write_temp(const char *text)
{
	char template[] = "/tmp/ctrace-opts-XXXXXX";
	int fd = mkstemp(template);
	char *path;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	path = strdup(template);
	assert_non_null(path);
	return path;
}

static void test_commands_keep_order(void **state)
{
	struct parse_result r;
	char *file = write_temp("# a comment\nbreak 5\n\n   \ncontinue\n");

	(void)state;
	parse(&r, "-c", "where", "-x", file, "--command=p x", "-cnext", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_int_equal(r.opts.ncommands, 5);
	assert_string_equal(r.opts.commands[0].text, "where");
	assert_string_equal(r.opts.commands[0].origin, "-c");
	assert_string_equal(r.opts.commands[1].text, "break 5");
	assert_string_equal(r.opts.commands[1].origin, file);
	assert_int_equal(r.opts.commands[1].line, 2);
	assert_string_equal(r.opts.commands[2].text, "continue");
	assert_int_equal(r.opts.commands[2].line, 5);
	assert_string_equal(r.opts.commands[3].text, "p x");
	assert_string_equal(r.opts.commands[4].text, "next");
	options_free(&r.opts);
	unlink(file);
	free(file);
}

static void test_command_file_missing(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-x", "/nonexistent/ctrace-cmds.txt", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "/nonexistent/ctrace-cmds.txt"));
	options_free(&r.opts);
}

static void test_batch_flag(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--batch", "-c", "c", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.batch);
	assert_int_equal(r.opts.ncommands, 1);
	options_free(&r.opts);
}

static void test_unknown_long_option(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--frobnicate", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "--frobnicate"));
	assert_null(strchr(r.err, '\n'));
	options_free(&r.opts);
}

static void test_unknown_short_option(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-qZ", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "-Z"));
	options_free(&r.opts);
}

static void test_missing_script(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--batch", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "script"));
	options_free(&r.opts);
}

static void test_missing_option_value(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-c", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "-c"));
	options_free(&r.opts);
}

static void test_flag_with_value(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--batch=yes", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "--batch=yes"));
	options_free(&r.opts);
}

static void test_help_and_version(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-h", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.help);
	options_free(&r.opts);
	parse(&r, "--version", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.version);
	options_free(&r.opts);
	assert_non_null(strstr(options_usage, "Usage: ctrace"));
}

static void test_format_values(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-t", "--format=jsonl", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.trace);
	assert_int_equal(r.opts.trace_format, TRACE_JSONL);
	options_free(&r.opts);
	parse(&r, "--format", "chrome", "app.py", NULL);
	assert_int_equal(r.opts.trace_format, TRACE_CHROME);
	options_free(&r.opts);
	parse(&r, "--format=xml", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "xml"));
	options_free(&r.opts);
}

static void test_events_values(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--events=call,return", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_int_equal(r.opts.trace_events, TRACE_EV_CALL | TRACE_EV_RETURN);
	options_free(&r.opts);
	parse(&r, "--events=line,opcode", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "opcode"));
	options_free(&r.opts);
	parse(&r, "--events=,", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	options_free(&r.opts);
}

static void test_depth_values(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--depth=3", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_int_equal(r.opts.trace_depth, 3);
	options_free(&r.opts);
	parse(&r, "--depth=0", "app.py", NULL);
	assert_int_equal(r.opts.trace_depth, 0);
	options_free(&r.opts);
	parse(&r, "--depth=-1", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "-1"));
	options_free(&r.opts);
	parse(&r, "--depth=3x", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	options_free(&r.opts);
	parse(&r, "--depth=", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	options_free(&r.opts);
}

static void test_color_values(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "--color=never", "app.py", NULL);
	assert_int_equal(r.opts.color, COLOR_NEVER);
	options_free(&r.opts);
	parse(&r, "--color=sometimes", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_USAGE_ERROR);
	assert_non_null(strstr(r.err, "sometimes"));
	options_free(&r.opts);
}

static void test_short_flag_cluster(void **state)
{
	struct parse_result r;

	(void)state;
	parse(&r, "-nq", "app.py", NULL);
	assert_int_equal(r.status, OPTIONS_OK);
	assert_true(r.opts.no_init);
	assert_true(r.opts.quiet);
	options_free(&r.opts);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_options_stop_at_script),
		cmocka_unit_test(test_script_args_like_options),
		cmocka_unit_test(test_module_and_args),
		cmocka_unit_test(test_module_name_glued),
		cmocka_unit_test(test_module_missing_name),
		cmocka_unit_test(test_commands_keep_order),
		cmocka_unit_test(test_command_file_missing),
		cmocka_unit_test(test_batch_flag),
		cmocka_unit_test(test_unknown_long_option),
		cmocka_unit_test(test_unknown_short_option),
		cmocka_unit_test(test_missing_script),
		cmocka_unit_test(test_missing_option_value),
		cmocka_unit_test(test_flag_with_value),
		cmocka_unit_test(test_help_and_version),
		cmocka_unit_test(test_format_values),
		cmocka_unit_test(test_events_values),
		cmocka_unit_test(test_depth_values),
		cmocka_unit_test(test_color_values),
		cmocka_unit_test(test_short_flag_cluster),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
