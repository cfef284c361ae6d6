/* ctrace: options, mode selection and exit status. */
#include <stdio.h>
#include <stdlib.h>

#include "compat.h"
#include "ctrace/host.h"
#include "ctrace/initfile.h"
#include "ctrace/options.h"

static void print_version(void)
{
	printf("ctrace %s\n", CTRACE_VERSION);
	printf("Python %s (%s)\n", Py_GetVersion(), CTRACE_PYTHON_EXE);
}

int main(int argc, char **argv)
{
	struct options opts;
	char err[1024];
	int status;

	status = options_parse(&opts, argc, argv, err, sizeof(err));
	if (status != OPTIONS_OK) {
		fprintf(stderr, "ctrace: %s\n", err);
		options_free(&opts);
		return status;
	}
	if (opts.help) {
		fputs(options_usage, stdout);
		options_free(&opts);
		return 0;
	}
	if (opts.version) {
		print_version();
		options_free(&opts);
		return 0;
	}
	if (!opts.trace && initfile_load(&opts, err, sizeof(err)) < 0) {
		fprintf(stderr, "ctrace: %s\n", err);
		options_free(&opts);
		return OPTIONS_USAGE_ERROR;
	}
	status = host_check_target(&opts);
	if (status == 0)
		status = host_run(&opts);
	options_free(&opts);
	return status;
}
