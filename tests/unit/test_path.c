/* Unit tests of path normalisation, canonical paths and FILE:LINE
 * splitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ctrace/path.h"

/* Check that path_normalize(path, cwd) gives expected. */
static void expect_normal(const char *path, const char *cwd, const char *expected)
{
	char *got = path_normalize(path, cwd);

	assert_string_equal(got, expected);
	free(got);
}

static void test_normalize_dot(void **state)
{
	(void)state;
	expect_normal("/a/./b/./c.py", NULL, "/a/b/c.py");
	expect_normal("./c.py", "/work", "/work/c.py");
	expect_normal(".", "/work", "/work");
}

static void test_normalize_dotdot(void **state)
{
	(void)state;
	expect_normal("/a/b/../c.py", NULL, "/a/c.py");
	expect_normal("../x/y.py", "/work/proj", "/work/x/y.py");
	expect_normal("a/b/../../c.py", "/w", "/w/c.py");
}

static void test_normalize_dotdot_at_root(void **state)
{
	(void)state;
	expect_normal("/../../a.py", NULL, "/a.py");
	expect_normal("..", "/", "/");
}

static void test_normalize_repeated_slashes(void **state)
{
	(void)state;
	expect_normal("//a///b//c.py", NULL, "/a/b/c.py");
	expect_normal("/a/b/", NULL, "/a/b");
}

static void test_normalize_relative_joins_cwd(void **state)
{
	(void)state;
	expect_normal("pkg/mod.py", "/home/u/proj", "/home/u/proj/pkg/mod.py");
	expect_normal("/abs/mod.py", "/home/u/proj", "/abs/mod.py");
}

static void test_normalize_dotted_names_kept(void **state)
{
	(void)state;
	expect_normal("/a/...", NULL, "/a/...");
	expect_normal("/a/.hidden/b.py", NULL, "/a/.hidden/b.py");
}

static void test_pseudo_names(void **state)
{
	(void)state;
	assert_true(path_is_pseudo("<string>"));
	assert_true(path_is_pseudo("<frozen runpy>"));
	assert_true(path_is_pseudo("<stdin>"));
	assert_false(path_is_pseudo("app.py"));
	assert_false(path_is_pseudo("<app.py"));
	assert_false(path_is_pseudo("/tmp/<x>/a.py"));
	assert_false(path_is_pseudo("<"));
	assert_false(path_is_pseudo(""));
}

static void test_canonical_keeps_pseudo(void **state)
{
	char *got = path_canonical("<frozen runpy>", "/work");

	(void)state;
	assert_string_equal(got, "<frozen runpy>");
	free(got);
}

static void test_canonical_missing_file(void **state)
{
	char *got = path_canonical("no/such/../file.py", "/nonexistent-ctrace-dir");

	(void)state;
	assert_string_equal(got, "/nonexistent-ctrace-dir/no/file.py");
	free(got);
}

/* A symlink to a file resolves to the file, and a symlinked directory in
 * the middle of the path resolves too. */
static void test_canonical_resolves_symlink(void **state)
{
	char dir_template[] = "/tmp/ctrace-path-XXXXXX";
	char *dir = mkdtemp(dir_template);
	char real_file[512], link_file[512], real_dir[512], link_dir[512], expected[512];
	char *real_base;
	char *got;
	FILE *fp;

	(void)state;
	assert_non_null(dir);
	real_base = realpath(dir, NULL);
	assert_non_null(real_base);
	snprintf(real_file, sizeof(real_file), "%s/real.py", dir);
	snprintf(link_file, sizeof(link_file), "%s/link.py", dir);
	snprintf(real_dir, sizeof(real_dir), "%s/sub", dir);
	snprintf(link_dir, sizeof(link_dir), "%s/linkdir", dir);
	fp = fopen(real_file, "w");
	assert_non_null(fp);
	fputs("x = 1\n", fp);
	fclose(fp);
	assert_int_equal(symlink("real.py", link_file), 0);
	assert_int_equal(mkdir(real_dir, 0700), 0);
	assert_int_equal(symlink("sub", link_dir), 0);

	got = path_canonical("link.py", dir);
	snprintf(expected, sizeof(expected), "%s/real.py", real_base);
	assert_string_equal(got, expected);
	free(got);

	got = path_canonical("linkdir/../real.py", dir);
	assert_string_equal(got, expected);
	free(got);

	unlink(link_file);
	unlink(link_dir);
	rmdir(real_dir);
	unlink(real_file);
	rmdir(dir);
	free(real_base);
}

static void test_split_simple_location(void **state)
{
	char *file = NULL;
	int line = 0;

	(void)state;
	assert_true(path_split_location("app.py:12", &file, &line));
	assert_string_equal(file, "app.py");
	assert_int_equal(line, 12);
	free(file);
}

static void test_split_at_last_colon(void **state)
{
	char *file = NULL;
	int line = 0;

	(void)state;
	assert_true(path_split_location("C:/dir:x/app.py:7", &file, &line));
	assert_string_equal(file, "C:/dir:x/app.py");
	assert_int_equal(line, 7);
	free(file);
}

static void test_split_rejects_bad_specs(void **state)
{
	char *file = NULL;
	int line = 0;

	(void)state;
	assert_false(path_split_location("app.py", &file, &line));
	assert_false(path_split_location("app.py:", &file, &line));
	assert_false(path_split_location(":12", &file, &line));
	assert_false(path_split_location("app.py:12x", &file, &line));
	assert_false(path_split_location("app.py:-1", &file, &line));
	assert_false(path_split_location("app.py:99999999999", &file, &line));
	assert_null(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize_dot),
		cmocka_unit_test(test_normalize_dotdot),
		cmocka_unit_test(test_normalize_dotdot_at_root),
		cmocka_unit_test(test_normalize_repeated_slashes),
		cmocka_unit_test(test_normalize_relative_joins_cwd),
		cmocka_unit_test(test_normalize_dotted_names_kept),
		cmocka_unit_test(test_pseudo_names),
		cmocka_unit_test(test_canonical_keeps_pseudo),
		cmocka_unit_test(test_canonical_missing_file),
		cmocka_unit_test(test_canonical_resolves_symlink),
		cmocka_unit_test(test_split_simple_location),
		cmocka_unit_test(test_split_at_last_colon),
		cmocka_unit_test(test_split_rejects_bad_specs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
