/* The --summary report: calls and time per function, the hottest lines,
 * exceptions raised and caught, maximum depth, threads, events written
 * and dropped, and the exit status. Written as text (to the log or the
 * --summary file), as one JSON line at the end of a jsonl log, and under
 * GitHub Actions as Markdown appended to $GITHUB_STEP_SUMMARY. An
 * uncaught exception also becomes a GitHub ::error annotation there. */
#include "tracelog_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOP_FUNCTIONS 20
#define TOP_LINES 10

struct function_row {
	char *display;
	char *file;
	char *func;
	int line;
	uint64_t calls;
	uint64_t total_ns;
	uint64_t self_ns;
};

struct line_row {
	char *display;
	char *file;
	int line;
	uint64_t hits;
	char *src; /* raw, stripped */
};

/* The figures of the summary, copied out of the log first, because the
 * Python calls made while writing it may free code infos. */
struct summary {
	int exit_status;
	char *uncaught;       /* "Type: message", or NULL */
	char *uncaught_file;  /* where it was raised in the user's code */
	int uncaught_line;
	struct function_row functions[TOP_FUNCTIONS];
	size_t nfunctions;
	struct line_row lines[TOP_LINES];
	size_t nlines;
	int max_depth;
};

static char *dup_string(const char *s)
{
	size_t n = strlen(s);
	char *copy = malloc(n + 1);

	if (copy == NULL)
		abort();
	memcpy(copy, s, n + 1);
	return copy;
}

/* Insert a function into the rows kept sorted by self time, longest
 * first; rows past TOP_FUNCTIONS fall off. */
static void add_function(struct summary *sum, const struct tl_code *info)
{
	size_t i = sum->nfunctions;
	struct function_row row;

	if (i == TOP_FUNCTIONS && sum->functions[i - 1].self_ns >= info->self_ns)
		return;
	if (i == TOP_FUNCTIONS) {
		i--;
		free(sum->functions[i].display);
		free(sum->functions[i].file);
		free(sum->functions[i].func);
	} else {
		sum->nfunctions++;
	}
	while (i > 0 && sum->functions[i - 1].self_ns < info->self_ns) {
		sum->functions[i] = sum->functions[i - 1];
		i--;
	}
	row.display = dup_string(info->display);
	row.file = dup_string(info->file);
	row.func = dup_string(info->func);
	row.line = info->first_line;
	row.calls = info->calls;
	row.total_ns = info->total_ns;
	row.self_ns = info->self_ns;
	sum->functions[i] = row;
}

static void add_line(struct summary *sum, const struct tl_code *info, int line, uint64_t hits)
{
	size_t i = sum->nlines;
	struct line_row row = {0};

	if (i == TOP_LINES && sum->lines[i - 1].hits >= hits)
		return;
	if (i == TOP_LINES) {
		i--;
		free(sum->lines[i].display);
		free(sum->lines[i].file);
	} else {
		sum->nlines++;
	}
	while (i > 0 && sum->lines[i - 1].hits < hits) {
		sum->lines[i] = sum->lines[i - 1];
		i--;
	}
	row.display = dup_string(info->display);
	row.file = dup_string(info->file);
	row.line = line;
	row.hits = hits;
	sum->lines[i] = row;
}

/* One line that ran, of one code object. */
struct line_hits {
	const struct tl_code *info;
	int line;
	uint64_t hits;
};

struct line_list {
	struct line_hits *items;
	size_t len, cap;
};

static void collect_codes(struct summary *sum, struct line_list *lines, const struct tl_code *info)
{
	int i;

	for (; info != NULL; info = info->next) {
		if (!info->traced)
			continue;
		if (info->calls > 0)
			add_function(sum, info);
		for (i = 0; i < info->nlines; i++) {
			if (info->lines[i].hits == 0)
				continue;
			if (lines->len == lines->cap) {
				lines->cap = lines->cap ? 2 * lines->cap : 64;
				lines->items = realloc(lines->items, lines->cap * sizeof(*lines->items));
				if (lines->items == NULL)
					abort();
			}
			lines->items[lines->len].info = info;
			lines->items[lines->len].line = info->line_base + i;
			lines->items[lines->len].hits = info->lines[i].hits;
			lines->len++;
		}
	}
}

static int compare_line_hits(const void *a, const void *b)
{
	const struct line_hits *x = a, *y = b;
	int order = strcmp(x->info->file, y->info->file);

	if (order != 0)
		return order;
	return (x->line > y->line) - (x->line < y->line);
}

/* Rank the lines that ran, adding up the hits of one source line that
 * several code objects share: before 3.12 a comprehension is a code
 * object of its own on its function's line. */
static void rank_lines(struct summary *sum, struct line_list *lines)
{
	size_t i = 0;

	qsort(lines->items, lines->len, sizeof(*lines->items), compare_line_hits);
	while (i < lines->len) {
		size_t j = i + 1;
		uint64_t hits = lines->items[i].hits;

		while (j < lines->len && compare_line_hits(&lines->items[i], &lines->items[j]) == 0)
			hits += lines->items[j++].hits;
		add_line(sum, lines->items[i].info, lines->items[i].line, hits);
		i = j;
	}
	free(lines->items);
}

/* Fetch the raw source of the hottest lines. */
static void load_line_sources(struct tracelog *log, struct summary *sum)
{
	size_t i;

	for (i = 0; i < sum->nlines; i++) {
		PyObject *text = log->linecache_getline ? PyObject_CallFunction(log->linecache_getline, "si", sum->lines[i].file, sum->lines[i].line) : NULL;
		const char *utf8 = text && PyUnicode_Check(text) ? PyUnicode_AsUTF8(text) : NULL;
		size_t n;

		PyErr_Clear();
		while (utf8 != NULL && (*utf8 == ' ' || *utf8 == '\t'))
			utf8++;
		sum->lines[i].src = dup_string(utf8 ? utf8 : "");
		n = strlen(sum->lines[i].src);
		while (n > 0 && strchr(" \t\r\n\f", sum->lines[i].src[n - 1]) != NULL)
			sum->lines[i].src[--n] = '\0';
		if (n > 2 * TL_REPR_LIMIT)
			strcpy(sum->lines[i].src + 2 * TL_REPR_LIMIT - 3, "...");
		Py_XDECREF(text);
	}
}

/* Find where in the user's code the uncaught exception was raised: the
 * last traceback entry in traced code, or the last entry at all. */
static void find_uncaught_location(struct summary *sum, PyObject *exc)
{
	PyObject *tb = PyException_GetTraceback(exc);

	while (tb != NULL && tb != Py_None) {
		PyFrameObject *frame = ((PyTracebackObject *)tb)->tb_frame;
		PyCodeObject *code = PyFrame_GetCode(frame);
		PyObject *lineno = PyObject_GetAttrString(tb, "tb_lineno");
		PyObject *next = PyObject_GetAttrString(tb, "tb_next");
		struct tl_code *info = tl_code_lookup(code);

		PyErr_Clear();
		if (info == NULL || info->user || sum->uncaught_file == NULL) {
			free(sum->uncaught_file);
			sum->uncaught_file = NULL;
			if (info != NULL)
				sum->uncaught_file = dup_string(info->file);
			else {
				PyObject *bytes = PyUnicode_EncodeFSDefault(code->co_filename);

				sum->uncaught_file = dup_string(bytes ? PyBytes_AS_STRING(bytes) : "?");
				Py_XDECREF(bytes);
				PyErr_Clear();
			}
			sum->uncaught_line = lineno && PyLong_Check(lineno) ? (int)PyLong_AsLong(lineno) : 0;
		}
		Py_XDECREF(lineno);
		Py_DECREF(code);
		Py_DECREF(tb);
		tb = next;
	}
	Py_XDECREF(tb);
	PyErr_Clear();
}

static void collect(struct tracelog *log, struct summary *sum, int exit_status, PyObject *uncaught)
{
	const struct tl_thread *thread;
	struct line_list lines = {0};

	memset(sum, 0, sizeof(*sum));
	sum->exit_status = exit_status;
	collect_codes(sum, &lines, log->codes);
	collect_codes(sum, &lines, log->dead_codes);
	rank_lines(sum, &lines);
	for (thread = log->threads; thread != NULL; thread = thread->next)
		if (thread->max_depth > sum->max_depth)
			sum->max_depth = thread->max_depth;
	if (uncaught != NULL && !PyErr_GivenExceptionMatches(uncaught, PyExc_SystemExit)) {
		struct tl_buf buf = {0};
		size_t type_len, msg_off, msg_len;

		tl_exception_parts(log, &buf, uncaught, &type_len, &msg_off, &msg_len);
		if (msg_len > 0) {
			/* "Type" "message" -> "Type: message" */
			char *text = malloc(buf.len + 3);

			if (text == NULL)
				abort();
			memcpy(text, buf.data, type_len);
			memcpy(text + type_len, ": ", 2);
			memcpy(text + type_len + 2, buf.data + msg_off, msg_len);
			text[type_len + 2 + msg_len] = '\0';
			sum->uncaught = text;
		} else {
			sum->uncaught = dup_string(tl_buf_cstr(&buf));
			sum->uncaught[type_len] = '\0';
		}
		tl_buf_free(&buf);
		find_uncaught_location(sum, uncaught);
	}
	load_line_sources(log, sum);
}

static void summary_free(struct summary *sum)
{
	size_t i;

	for (i = 0; i < sum->nfunctions; i++) {
		free(sum->functions[i].display);
		free(sum->functions[i].file);
		free(sum->functions[i].func);
	}
	for (i = 0; i < sum->nlines; i++) {
		free(sum->lines[i].display);
		free(sum->lines[i].file);
		free(sum->lines[i].src);
	}
	free(sum->uncaught);
	free(sum->uncaught_file);
}

/* ---- Text ---- */

/* Under GitHub Actions the text summary goes to the console too, so
 * program text in it is neutralised like in the log. */
static bool github_console;

static void put_text(struct tl_buf *out, const char *s)
{
	tl_escape_text(out, s, strlen(s), github_console);
}

static void put_ms(struct tl_buf *out, uint64_t ns)
{
	char text[32];

	snprintf(text, sizeof(text), "%12.3f", (double)ns / 1e6);
	tl_buf_puts(out, text);
}

static void put_padded_uint(struct tl_buf *out, uint64_t value, int width)
{
	char text[32];

	snprintf(text, sizeof(text), "%*llu", width, (unsigned long long)value);
	tl_buf_puts(out, text);
}

static void text_threads(struct tracelog *log, struct tl_buf *out)
{
	const struct tl_thread *thread;

	tl_buf_puts(out, "  threads: ");
	tl_buf_put_uint(out, log->nthreads);
	for (thread = log->threads; thread != NULL; thread = thread->next) {
		tl_buf_puts(out, thread == log->threads ? " (" : ", ");
		put_text(out, thread->name);
		tl_buf_puts(out, ": ");
		tl_buf_put_uint(out, thread->events);
		tl_buf_puts(out, " events");
	}
	tl_buf_puts(out, log->threads ? ")\n" : "\n");
}

static void text_tables(struct tracelog *log, const struct summary *sum, struct tl_buf *out)
{
	size_t i;

	tl_buf_puts(out, "  functions by self time:\n       calls     total ms      self ms  function\n");
	for (i = 0; i < sum->nfunctions; i++) {
		const struct function_row *row = &sum->functions[i];

		tl_buf_puts(out, "  ");
		put_padded_uint(out, row->calls, 10);
		tl_buf_putc(out, ' ');
		put_ms(out, row->total_ns);
		tl_buf_putc(out, ' ');
		put_ms(out, row->self_ns);
		tl_buf_puts(out, "  ");
		put_text(out, row->display);
		tl_buf_putc(out, ':');
		tl_buf_put_int(out, row->line);
		tl_buf_putc(out, ' ');
		put_text(out, row->func);
		tl_buf_putc(out, '\n');
	}
	tl_buf_puts(out, "  hottest lines:\n        hits  line\n");
	for (i = 0; i < sum->nlines; i++) {
		tl_buf_puts(out, "  ");
		put_padded_uint(out, sum->lines[i].hits, 10);
		tl_buf_puts(out, "  ");
		put_text(out, sum->lines[i].display);
		tl_buf_putc(out, ':');
		tl_buf_put_int(out, sum->lines[i].line);
		tl_buf_puts(out, "  ");
		put_text(out, sum->lines[i].src);
		tl_buf_putc(out, '\n');
	}
	if (log->nexcs == 0) {
		tl_buf_puts(out, "  exceptions: none\n");
		return;
	}
	tl_buf_puts(out, "  exceptions:\n      raised     caught  type\n");
	for (i = 0; i < log->nexcs; i++) {
		tl_buf_puts(out, "  ");
		put_padded_uint(out, log->excs[i].raised, 10);
		tl_buf_putc(out, ' ');
		put_padded_uint(out, log->excs[i].caught, 10);
		tl_buf_puts(out, "  ");
		put_text(out, log->excs[i].type);
		tl_buf_putc(out, '\n');
	}
}

static void render_text(struct tracelog *log, const struct summary *sum, struct tl_buf *out)
{
	tl_buf_puts(out, "ctrace summary\n  exit status: ");
	tl_buf_put_int(out, sum->exit_status);
	if (sum->uncaught != NULL) {
		tl_buf_puts(out, " (uncaught ");
		put_text(out, sum->uncaught);
		tl_buf_putc(out, ')');
	}
	tl_buf_puts(out, "\n  events: ");
	tl_buf_put_uint(out, log->written);
	tl_buf_puts(out, " written, ");
	tl_buf_put_uint(out, log->dropped);
	tl_buf_puts(out, " dropped\n  max depth: ");
	tl_buf_put_int(out, sum->max_depth);
	tl_buf_putc(out, '\n');
	text_threads(log, out);
	text_tables(log, sum, out);
}

/* ---- JSON ---- */

static void json_string(struct tl_buf *out, const char *s)
{
	tl_buf_putc(out, '"');
	tl_escape_json(out, s, strlen(s));
	tl_buf_putc(out, '"');
}

static void json_tables(struct tracelog *log, const struct summary *sum, struct tl_buf *out)
{
	size_t i;

	tl_buf_puts(out, ",\"functions\":[");
	for (i = 0; i < sum->nfunctions; i++) {
		tl_buf_puts(out, i ? ",{\"file\":" : "{\"file\":");
		json_string(out, sum->functions[i].file);
		tl_buf_puts(out, ",\"func\":");
		json_string(out, sum->functions[i].func);
		tl_buf_puts(out, ",\"line\":");
		tl_buf_put_int(out, sum->functions[i].line);
		tl_buf_puts(out, ",\"calls\":");
		tl_buf_put_uint(out, sum->functions[i].calls);
		tl_buf_puts(out, ",\"total_us\":");
		tl_buf_put_uint(out, sum->functions[i].total_ns / 1000);
		tl_buf_puts(out, ",\"self_us\":");
		tl_buf_put_uint(out, sum->functions[i].self_ns / 1000);
		tl_buf_putc(out, '}');
	}
	tl_buf_puts(out, "],\"hot_lines\":[");
	for (i = 0; i < sum->nlines; i++) {
		tl_buf_puts(out, i ? ",{\"file\":" : "{\"file\":");
		json_string(out, sum->lines[i].file);
		tl_buf_puts(out, ",\"line\":");
		tl_buf_put_int(out, sum->lines[i].line);
		tl_buf_puts(out, ",\"hits\":");
		tl_buf_put_uint(out, sum->lines[i].hits);
		tl_buf_puts(out, ",\"src\":");
		json_string(out, sum->lines[i].src);
		tl_buf_putc(out, '}');
	}
	tl_buf_puts(out, "],\"exceptions\":[");
	for (i = 0; i < log->nexcs; i++) {
		tl_buf_puts(out, i ? ",{\"type\":" : "{\"type\":");
		json_string(out, log->excs[i].type);
		tl_buf_puts(out, ",\"raised\":");
		tl_buf_put_uint(out, log->excs[i].raised);
		tl_buf_puts(out, ",\"caught\":");
		tl_buf_put_uint(out, log->excs[i].caught);
		tl_buf_putc(out, '}');
	}
	tl_buf_putc(out, ']');
}

static void render_json(struct tracelog *log, const struct summary *sum, struct tl_buf *out)
{
	const struct tl_thread *thread;

	tl_buf_puts(out, "{\"event\":\"summary\",\"exit_status\":");
	tl_buf_put_int(out, sum->exit_status);
	if (sum->uncaught != NULL) {
		tl_buf_puts(out, ",\"uncaught\":");
		json_string(out, sum->uncaught);
	}
	tl_buf_puts(out, ",\"events_written\":");
	tl_buf_put_uint(out, log->written);
	tl_buf_puts(out, ",\"events_dropped\":");
	tl_buf_put_uint(out, log->dropped);
	tl_buf_puts(out, ",\"max_depth\":");
	tl_buf_put_int(out, sum->max_depth);
	tl_buf_puts(out, ",\"threads\":[");
	for (thread = log->threads; thread != NULL; thread = thread->next) {
		tl_buf_puts(out, thread == log->threads ? "{\"name\":" : ",{\"name\":");
		json_string(out, thread->name);
		tl_buf_puts(out, ",\"tid\":");
		tl_buf_put_uint(out, thread->native_id);
		tl_buf_puts(out, ",\"events\":");
		tl_buf_put_uint(out, thread->events);
		tl_buf_putc(out, '}');
	}
	tl_buf_putc(out, ']');
	json_tables(log, sum, out);
	tl_buf_puts(out, "}\n");
}

/* ---- Markdown ---- */

/* Text for a Markdown table cell in code style: no pipes, backticks or
 * line breaks. */
static void put_md_code(struct tl_buf *out, const char *s)
{
	struct tl_buf esc = {0};
	size_t i;

	tl_escape_text(&esc, s, strlen(s), false);
	tl_buf_putc(out, '`');
	for (i = 0; i < esc.len; i++) {
		if (esc.data[i] == '|')
			tl_buf_puts(out, "\\|");
		else if (esc.data[i] == '`')
			tl_buf_putc(out, '\'');
		else
			tl_buf_putc(out, esc.data[i]);
	}
	tl_buf_putc(out, '`');
	tl_buf_free(&esc);
}

static void md_tables(struct tracelog *log, const struct summary *sum, struct tl_buf *out)
{
	char text[96];
	size_t i;

	tl_buf_puts(out, "\n**Functions by self time**\n\n| function | calls | total ms | self ms |\n|---|---:|---:|---:|\n");
	for (i = 0; i < sum->nfunctions; i++) {
		struct tl_buf where = {0};

		tl_buf_puts(&where, sum->functions[i].display);
		snprintf(text, sizeof(text), ":%d ", sum->functions[i].line);
		tl_buf_puts(&where, text);
		tl_buf_puts(&where, sum->functions[i].func);
		tl_buf_puts(out, "| ");
		put_md_code(out, tl_buf_cstr(&where));
		tl_buf_free(&where);
		snprintf(text, sizeof(text), " | %llu | %.3f | %.3f |\n", (unsigned long long)sum->functions[i].calls,
		         (double)sum->functions[i].total_ns / 1e6, (double)sum->functions[i].self_ns / 1e6);
		tl_buf_puts(out, text);
	}
	tl_buf_puts(out, "\n**Hottest lines**\n\n| line | hits | source |\n|---|---:|---|\n");
	for (i = 0; i < sum->nlines; i++) {
		struct tl_buf where = {0};

		tl_buf_puts(&where, sum->lines[i].display);
		snprintf(text, sizeof(text), ":%d", sum->lines[i].line);
		tl_buf_puts(&where, text);
		tl_buf_puts(out, "| ");
		put_md_code(out, tl_buf_cstr(&where));
		tl_buf_free(&where);
		snprintf(text, sizeof(text), " | %llu | ", (unsigned long long)sum->lines[i].hits);
		tl_buf_puts(out, text);
		put_md_code(out, sum->lines[i].src);
		tl_buf_puts(out, " |\n");
	}
	tl_buf_puts(out, "\n**Exceptions**\n\n| type | raised | caught |\n|---|---:|---:|\n");
	for (i = 0; i < log->nexcs; i++) {
		tl_buf_puts(out, "| ");
		put_md_code(out, log->excs[i].type);
		snprintf(text, sizeof(text), " | %llu | %llu |\n", (unsigned long long)log->excs[i].raised, (unsigned long long)log->excs[i].caught);
		tl_buf_puts(out, text);
	}
}

static void render_markdown(struct tracelog *log, const struct summary *sum, struct tl_buf *out)
{
	const struct tl_thread *thread;
	const char *name = log->main_file ? strrchr(log->main_file, '/') : NULL;

	tl_buf_puts(out, "### ctrace summary");
	if (name != NULL) {
		tl_buf_puts(out, ": ");
		put_md_code(out, name + 1);
	}
	tl_buf_puts(out, "\n\n| | |\n|---|---|\n| exit status | ");
	tl_buf_put_int(out, sum->exit_status);
	tl_buf_puts(out, " |\n");
	if (sum->uncaught != NULL) {
		tl_buf_puts(out, "| uncaught exception | ");
		put_md_code(out, sum->uncaught);
		tl_buf_puts(out, " |\n");
	}
	tl_buf_puts(out, "| events | ");
	tl_buf_put_uint(out, log->written);
	tl_buf_puts(out, " written, ");
	tl_buf_put_uint(out, log->dropped);
	tl_buf_puts(out, " dropped |\n| max depth | ");
	tl_buf_put_int(out, sum->max_depth);
	tl_buf_puts(out, " |\n| threads |");
	for (thread = log->threads; thread != NULL; thread = thread->next) {
		tl_buf_puts(out, thread == log->threads ? " " : ", ");
		put_md_code(out, thread->name);
		tl_buf_puts(out, " (");
		tl_buf_put_uint(out, thread->events);
		tl_buf_puts(out, " events)");
	}
	tl_buf_puts(out, " |\n");
	md_tables(log, sum, out);
	tl_buf_putc(out, '\n');
}

/* ---- Destinations ---- */

static void report_write_error(const char *what, const char *path, int error)
{
	char message[PATH_MAX + 256];
	int len = snprintf(message, sizeof(message), "ctrace: cannot write %s: %s: %s\n", what, path, strerror(error));

	if (len > 0)
		tl_write_all(STDERR_FILENO, message, (size_t)len < sizeof(message) ? (size_t)len : sizeof(message) - 1);
}

/* Write buf to path (appending or replacing), reporting a failure. */
static void write_file(const char *what, const char *path, const struct tl_buf *buf, bool append)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);

	if (fd < 0) {
		report_write_error(what, path, errno);
		return;
	}
	if (tl_write_all(fd, buf->data ? buf->data : "", buf->len) < 0) {
		report_write_error(what, path, errno);
		close(fd);
		return;
	}
	if (close(fd) < 0)
		report_write_error(what, path, errno);
}

/* Properties and messages of workflow commands escape %, CR and LF;
 * properties also : and ,. */
static void put_workflow_value(struct tl_buf *out, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			tl_buf_puts(out, "%25");
		else if (*s == '\r')
			tl_buf_puts(out, "%0D");
		else if (*s == '\n')
			tl_buf_puts(out, "%0A");
		else if (property && *s == ':')
			tl_buf_puts(out, "%3A");
		else if (property && *s == ',')
			tl_buf_puts(out, "%2C");
		else
			tl_buf_putc(out, *s);
	}
}

/* Write the GitHub ::error annotation for an uncaught exception to
 * stderr, with the file relative to the workspace. */
static void write_annotation(const struct summary *sum)
{
	const char *workspace = getenv("GITHUB_WORKSPACE");
	const char *file = sum->uncaught_file ? sum->uncaught_file : "";
	struct tl_buf out = {0}, message = {0};
	size_t n = workspace ? strlen(workspace) : 0;

	if (n > 0 && strncmp(file, workspace, n) == 0 && file[n] == '/')
		file += n + 1;
	tl_escape_text(&message, sum->uncaught, strlen(sum->uncaught), false);
	tl_buf_cstr(&message);
	tl_buf_puts(&out, "::error file=");
	put_workflow_value(&out, file, true);
	tl_buf_puts(&out, ",line=");
	tl_buf_put_int(&out, sum->uncaught_line);
	tl_buf_puts(&out, ",title=uncaught exception::");
	put_workflow_value(&out, message.data, false);
	tl_buf_putc(&out, '\n');
	tl_write_all(STDERR_FILENO, out.data, out.len);
	tl_buf_free(&out);
	tl_buf_free(&message);
}

/* Write the summary where --summary asked for it, the Markdown step
 * summary and the uncaught-exception annotation under GitHub Actions. */
void tl_summary_write(struct tracelog *log, int exit_status, PyObject *uncaught)
{
	const struct options *opts = log->opts;
	struct summary sum;
	struct tl_buf text = {0};
	const char *step_summary = getenv("GITHUB_STEP_SUMMARY");

	if (!opts->summary && !(log->github && uncaught != NULL))
		return;
	collect(log, &sum, exit_status, uncaught);
	github_console = log->github;
	if (log->github && sum.uncaught != NULL)
		write_annotation(&sum);
	if (opts->summary && opts->summary_file != NULL) {
		render_text(log, &sum, &text);
		write_file("summary", opts->summary_file, &text, false);
	} else if (opts->summary && !log->failed && log->fmt == &tl_format_jsonl) {
		render_json(log, &sum, &log->out);
	} else if (opts->summary && !log->failed && log->fmt == &tl_format_text) {
		render_text(log, &sum, &log->out);
	} else if (opts->summary) {
		/* The chrome file has no room for text, and a failed log
		 * destination would lose it. */
		render_text(log, &sum, &text);
		tl_write_all(STDERR_FILENO, text.data, text.len);
	}
	if (opts->summary && log->github && step_summary != NULL && step_summary[0] != '\0') {
		text.len = 0;
		render_markdown(log, &sum, &text);
		write_file("GitHub step summary", step_summary, &text, true);
	}
	tl_buf_free(&text);
	summary_free(&sum);
}
