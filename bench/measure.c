/* measure: run a command and report its exit status and peak RSS.
 *
 * Usage: measure TIMEOUT_SECONDS RESULT_FILE COMMAND [ARG]...
 *
 * COMMAND inherits stdin, stdout and stderr. When it ends, one JSON object
 * is written to RESULT_FILE:
 *   {"exit": N, "signal": N, "maxrss_kib": N, "timed_out": 0|1}
 * and measure exits with 0, or with 2 when it could not run COMMAND.
 * COMMAND is killed with SIGKILL after TIMEOUT_SECONDS.
 *
 * Why not os.wait4() in the Python driver: Linux carries the RSS high-water
 * mark of the process that calls exec over to the new program, and a child
 * forked (or vforked) from the driver starts with the driver's RSS. The
 * driver's own memory would then show up as the child's ru_maxrss. This
 * program is small, so a child forked from it starts near 1 MiB.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t timed_out;
static pid_t child;

static void on_alarm(int signo)
{
	(void)signo;
	timed_out = 1;
	kill(child, SIGKILL);
}

int main(int argc, char **argv)
{
	struct rusage usage;
	struct sigaction action;
	char *end;
	long timeout;
	int status;
	FILE *result;

	if (argc < 4) {
		fprintf(stderr, "usage: measure TIMEOUT_SECONDS RESULT_FILE COMMAND [ARG]...\n");
		return 2;
	}
	timeout = strtol(argv[1], &end, 10);
	if (*end != '\0' || timeout <= 0) {
		fprintf(stderr, "measure: invalid timeout: %s (expected whole seconds > 0)\n", argv[1]);
		return 2;
	}

	child = fork();
	if (child < 0) {
		perror("measure: fork");
		return 2;
	}
	if (child == 0) {
		execvp(argv[3], argv + 3);
		fprintf(stderr, "measure: cannot run %s: %s\n", argv[3], strerror(errno));
		_exit(127);
	}

	memset(&action, 0, sizeof(action));
	action.sa_handler = on_alarm;
	sigaction(SIGALRM, &action, NULL);
	alarm((unsigned)timeout);
	while (wait4(child, &status, 0, &usage) < 0) {
		if (errno != EINTR) {
			perror("measure: wait4");
			return 2;
		}
	}
	alarm(0);

	result = fopen(argv[2], "w");
	if (result == NULL) {
		fprintf(stderr, "measure: cannot write %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	fprintf(result, "{\"exit\": %d, \"signal\": %d, \"maxrss_kib\": %ld, \"timed_out\": %d}\n",
		WIFEXITED(status) ? WEXITSTATUS(status) : -1, WIFSIGNALED(status) ? WTERMSIG(status) : 0,
		usage.ru_maxrss, (int)timed_out);
	return fclose(result) == 0 ? 0 : 2;
}
