/* libedit behind a small seam, and the plain reader used when stdin is
 * not a terminal. The plain reader reads one byte at a time so that the
 * program can still read the rest of stdin. */
#include "ctrace/repl.h"

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct repl {
	bool editing;
	EditLine *el;
	History *hist;
	HistEvent ev;
	char *history_path;
	const char *prompt; /* valid during repl_read */
	repl_completer completer;
	void *ctx;
};

static char *prompt_of(EditLine *el)
{
	struct repl *r = NULL;

	el_get(el, EL_CLIENTDATA, &r);
	return (char *)(r && r->prompt ? r->prompt : "");
}

/* Insert the longest common prefix of the candidates; list them when
 * there are several. */
static unsigned char complete(EditLine *el, int ch)
{
	struct repl *r = NULL;
	const LineInfo *li = el_line(el);
	char *line;
	char *cands[256];
	size_t start = 0;
	size_t n;
	size_t shown;
	size_t common;
	size_t typed;
	unsigned char status = CC_ERROR;

	(void)ch;
	el_get(el, EL_CLIENTDATA, &r);
	if (r == NULL || r->completer == NULL)
		return CC_ERROR;
	line = strndup(li->buffer, (size_t)(li->cursor - li->buffer));
	if (line == NULL)
		return CC_ERROR;
	n = r->completer(r->ctx, line, &start, cands, sizeof(cands) / sizeof(cands[0]));
	shown = n < sizeof(cands) / sizeof(cands[0]) ? n : sizeof(cands) / sizeof(cands[0]);
	typed = strlen(line) - start;
	if (shown == 0)
		goto done;
	common = strlen(cands[0]);
	for (size_t i = 1; i < shown; i++) {
		size_t k = 0;

		while (k < common && cands[i][k] == cands[0][k])
			k++;
		common = k;
	}
	if (common > typed) {
		char *insert = strndup(cands[0] + typed, common - typed);

		if (insert != NULL) {
			el_insertstr(el, insert);
			free(insert);
		}
		if (shown == 1)
			el_insertstr(el, " ");
		status = CC_REFRESH;
	} else if (shown == 1) {
		el_insertstr(el, " ");
		status = CC_REFRESH;
	} else {
		fputc('\n', stdout);
		for (size_t i = 0; i < shown; i++)
			fprintf(stdout, "%s%s", cands[i], i + 1 < shown ? "  " : "\n");
		fflush(stdout);
		status = CC_REDISPLAY;
	}
done:
	for (size_t i = 0; i < shown; i++)
		free(cands[i]);
	free(line);
	return status;
}

static void make_parent_dirs(const char *path)
{
	char *copy = strdup(path);

	if (copy == NULL)
		return;
	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(copy, 0700);
		*p = '/';
	}
	free(copy);
}

char *repl_default_history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char *path;
	size_t len;

	if (state != NULL && state[0] == '/') {
		len = strlen(state) + 32;
		path = malloc(len);
		if (path != NULL)
			snprintf(path, len, "%s/ctrace/history", state);
		return path;
	}
	if (home == NULL || home[0] == '\0')
		return NULL;
	len = strlen(home) + 48;
	path = malloc(len);
	if (path != NULL)
		snprintf(path, len, "%s/.local/state/ctrace/history", home);
	return path;
}

struct repl *repl_open(bool editing, const char *history_path, repl_completer completer, void *ctx)
{
	struct repl *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->completer = completer;
	r->ctx = ctx;
	r->editing = editing && isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	if (!r->editing)
		return r;

	r->el = el_init("ctrace", stdin, stdout, stderr);
	r->hist = history_init();
	if (r->el == NULL || r->hist == NULL) {
		if (r->el)
			el_end(r->el);
		if (r->hist)
			history_end(r->hist);
		r->el = NULL;
		r->hist = NULL;
		r->editing = false;
		return r;
	}
	history(r->hist, &r->ev, H_SETSIZE, 1000);
	history(r->hist, &r->ev, H_SETUNIQUE, 1);
	el_set(r->el, EL_CLIENTDATA, r);
	el_set(r->el, EL_EDITOR, "emacs");
	el_set(r->el, EL_SIGNAL, 1);
	el_set(r->el, EL_PROMPT_ESC, prompt_of, '\1');
	el_set(r->el, EL_HIST, history, r->hist);
	el_set(r->el, EL_ADDFN, "ctrace-complete", "complete the word before the cursor", complete);
	el_set(r->el, EL_BIND, "^I", "ctrace-complete", NULL);
	if (history_path != NULL) {
		r->history_path = strdup(history_path);
		history(r->hist, &r->ev, H_LOAD, history_path);
	}
	return r;
}

/* Read one line byte by byte from stdin. */
static enum repl_status read_plain(const char *prompt, char **line)
{
	size_t cap = 128;
	size_t len = 0;
	char *buf = malloc(cap);

	if (buf == NULL)
		return REPL_EOF;
	fputs(prompt, stdout);
	fflush(stdout);
	for (;;) {
		char c;
		ssize_t got = read(STDIN_FILENO, &c, 1);

		if (got < 0 && errno == EINTR) {
			free(buf);
			return REPL_INTERRUPT;
		}
		if (got <= 0) {
			if (len == 0) {
				free(buf);
				return REPL_EOF;
			}
			break;
		}
		if (c == '\n')
			break;
		if (len + 1 >= cap) {
			char *bigger = realloc(buf, cap * 2);

			if (bigger == NULL) {
				free(buf);
				return REPL_EOF;
			}
			buf = bigger;
			cap *= 2;
		}
		buf[len++] = c;
	}
	if (len > 0 && buf[len - 1] == '\r')
		len--;
	buf[len] = '\0';
	*line = buf;
	return REPL_LINE;
}

enum repl_status repl_read(struct repl *r, const char *prompt, char **line)
{
	const char *text;
	int count = 0;
	size_t len;

	if (!r->editing)
		return read_plain(prompt, line);
	r->prompt = prompt;
	errno = 0;
	text = el_gets(r->el, &count);
	r->prompt = NULL;
	if (text == NULL) {
		if (count < 0 && errno == EINTR) {
			fputc('\n', stdout);
			return REPL_INTERRUPT;
		}
		return REPL_EOF;
	}
	len = strlen(text);
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	*line = strndup(text, len);
	return *line ? REPL_LINE : REPL_EOF;
}

void repl_add_history(struct repl *r, const char *line)
{
	if (!r->editing || line[0] == '\0')
		return;
	history(r->hist, &r->ev, H_ENTER, line);
}

bool repl_is_editing(const struct repl *r)
{
	return r->editing;
}

void repl_close(struct repl *r)
{
	if (r == NULL)
		return;
	if (r->editing) {
		if (r->history_path != NULL) {
			int fd;

			make_parent_dirs(r->history_path);
			/* Create the file private before libedit writes it. */
			fd = open(r->history_path, O_WRONLY | O_CREAT, 0600);
			if (fd >= 0) {
				fchmod(fd, 0600);
				close(fd);
			}
			history(r->hist, &r->ev, H_SAVE, r->history_path);
		}
		el_end(r->el);
		history_end(r->hist);
	}
	free(r->history_path);
	free(r);
}
