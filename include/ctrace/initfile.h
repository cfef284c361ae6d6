/* Init files: commands run at the first stop before -c and -x. */
#ifndef CTRACE_INITFILE_H
#define CTRACE_INITFILE_H

#include <stddef.h>

struct options;

/* Queue the commands of the user's init file
 * ($XDG_CONFIG_HOME/ctrace/ctracerc, default ~/.config/ctrace/ctracerc),
 * then of ./.ctracerc when the user's file trusts it with `trust PATH`,
 * then of --init-file, ahead of the -c and -x commands. A ./.ctracerc that
 * is not trusted is reported on stderr and skipped: a cloned repository
 * must not run commands silently. Return 0, or -1 with a message in err
 * when an explicitly named file cannot be read. */
int initfile_load(struct options *opts, char *err, size_t errlen);

#endif /* CTRACE_INITFILE_H */
