/* Tab completion for the prompt: command names, breakpoint numbers,
 * names and attributes visible in the selected frame, and file paths. */
#ifndef CTRACE_COMPLETE_H
#define CTRACE_COMPLETE_H

#include <stddef.h>

/* A repl_completer: ctx is the session. Called by libedit with the GIL
 * released; it takes the GIL itself when it needs Python. */
size_t complete_line(void *ctx, const char *line, size_t *word_start, char **out, size_t max);

#endif /* CTRACE_COMPLETE_H */
