/* The line-reading seam: libedit with history and completion on a
 * terminal, and a plain reader without read-ahead otherwise. */
#ifndef CTRACE_REPL_H
#define CTRACE_REPL_H

#include <stdbool.h>
#include <stddef.h>

struct repl;

enum repl_status { REPL_LINE, REPL_EOF, REPL_INTERRUPT };

/* Return the candidates for completing the word that ends at the end of
 * `line`: fill out (malloc'd strings) up to max and return the count.
 * *word_start is set to the offset of the word being completed. */
typedef size_t (*repl_completer)(void *ctx, const char *line, size_t *word_start, char **out, size_t max);

/* Open a reader on stdin. Line editing is used when stdin and stdout are
 * terminals and editing is true; history_path may be NULL. */
struct repl *repl_open(bool editing, const char *history_path, repl_completer completer, void *ctx);

/* Read a line after printing prompt. On REPL_LINE *line is a malloc'd
 * string without the line end. Call with the GIL released. */
enum repl_status repl_read(struct repl *r, const char *prompt, char **line);

/* Add a line to the history (editing mode only). */
void repl_add_history(struct repl *r, const char *line);

/* Return true when the reader edits lines on a terminal. */
bool repl_is_editing(const struct repl *r);

/* Save the history and free the reader. */
void repl_close(struct repl *r);

/* Return the history file path ($XDG_STATE_HOME/ctrace/history or
 * ~/.local/state/ctrace/history) as a malloc'd string, or NULL. */
char *repl_default_history_path(void);

#endif /* CTRACE_REPL_H */
