/* The embedded interpreter: configuration (argv, sys.executable, virtual
 * environments), running the script or module like python does, and
 * mapping how it ended to ctrace's exit status. */
#ifndef CTRACE_HOST_H
#define CTRACE_HOST_H

struct options;

/* Check the target before starting Python: a script must exist, be a
 * readable regular file. Return 0, or 2 after printing a usage error. */
int host_check_target(const struct options *opts);

/* Run the target described by opts under the debugger or the trace log.
 * Return the exit status; a KeyboardInterrupt that ended the program
 * kills ctrace with SIGINT instead, as python does. */
int host_run(struct options *opts);

#endif /* CTRACE_HOST_H */
