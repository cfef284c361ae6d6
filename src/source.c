/* Source lines through linecache, and `list`-style listings. */
#include "ctrace/source.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ctrace/output.h"
#include "ctrace/session.h"

/* Return linecache.getlines(filename, globals) as a new reference. */
static PyObject *get_lines(const char *filename, PyObject *globals)
{
	PyObject *linecache = PyImport_ImportModule("linecache");
	PyObject *lines;

	if (linecache == NULL)
		return NULL;
	lines = PyObject_CallMethod(linecache, "getlines", "sO", filename, globals ? globals : Py_None);
	Py_DECREF(linecache);
	if (lines != NULL && !PyList_Check(lines)) {
		Py_DECREF(lines);
		return NULL;
	}
	return lines;
}

/* Return item i of a list of str as a malloc'd UTF-8 string without its
 * line end. */
static char *line_text(PyObject *lines, Py_ssize_t i)
{
	PyObject *item = PyList_GET_ITEM(lines, i);
	Py_ssize_t len;
	const char *utf8;
	char *copy;

	if (!PyUnicode_Check(item))
		return NULL;
	utf8 = PyUnicode_AsUTF8AndSize(item, &len);
	if (utf8 == NULL) {
		PyErr_Clear();
		return NULL;
	}
	while (len > 0 && (utf8[len - 1] == '\n' || utf8[len - 1] == '\r'))
		len--;
	copy = strndup(utf8, (size_t)len);
	if (copy == NULL)
		abort();
	return copy;
}

char *source_line(const char *filename, int lineno, PyObject *globals)
{
	PyObject *saved = compat_err_fetch();
	PyObject *lines = get_lines(filename, globals);
	char *text = NULL;

	if (lines != NULL && lineno >= 1 && lineno <= PyList_GET_SIZE(lines))
		text = line_text(lines, lineno - 1);
	if (lines == NULL)
		PyErr_Clear();
	Py_XDECREF(lines);
	compat_err_restore(saved);
	return text;
}

int source_line_count(const char *filename, PyObject *globals)
{
	PyObject *lines = get_lines(filename, globals);
	int count = 0;

	if (lines == NULL)
		PyErr_Clear();
	else
		count = (int)PyList_GET_SIZE(lines);
	Py_XDECREF(lines);
	return count;
}

static bool is_keyword(const char *word, size_t len)
{
	static const char *const keywords[] = {
		"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
		"def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
		"is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
		"yield", "match", "case", NULL,
	};

	for (int i = 0; keywords[i]; i++)
		if (strlen(keywords[i]) == len && strncmp(keywords[i], word, len) == 0)
			return true;
	return false;
}

/* Append len bytes of text to buf, wrapped in the colour of role. */
static void append_colored(const struct output *out, char **buf, size_t *n, size_t *cap, enum out_color role, const char *text, size_t len)
{
	const char *on = out_color(out, role);
	const char *off = out_color(out, OC_RESET);
	size_t need = *n + strlen(on) + len + strlen(off) + 1;

	if (need > *cap) {
		*cap = need * 2;
		*buf = realloc(*buf, *cap);
		if (*buf == NULL)
			abort();
	}
	if (role != OC_RESET) {
		memcpy(*buf + *n, on, strlen(on));
		*n += strlen(on);
	}
	memcpy(*buf + *n, text, len);
	*n += len;
	if (role != OC_RESET) {
		memcpy(*buf + *n, off, strlen(off));
		*n += strlen(off);
	}
	(*buf)[*n] = '\0';
}

/* Return the length of the string literal at text (quote included), up
 * to the end of the line for an unterminated or triple-quoted one. */
static size_t string_length(const char *text)
{
	char quote = text[0];
	size_t i = 1;

	if (text[1] == quote && text[2] == quote) {
		const char *end = strstr(text + 3, quote == '"' ? "\"\"\"" : "'''");

		return end ? (size_t)(end - text) + 3 : strlen(text);
	}
	while (text[i] && text[i] != quote) {
		if (text[i] == '\\' && text[i + 1])
			i++;
		i++;
	}
	return text[i] ? i + 1 : i;
}

char *source_highlight(const struct output *out, const char *text)
{
	size_t cap = strlen(text) * 2 + 64;
	size_t n = 0;
	char *buf = malloc(cap);
	const char *p = text;

	if (buf == NULL)
		abort();
	buf[0] = '\0';
	if (!out->color) {
		append_colored(out, &buf, &n, &cap, OC_RESET, text, strlen(text));
		return buf;
	}
	while (*p) {
		size_t len = 1;
		enum out_color role = OC_RESET;

		if (*p == '#') {
			len = strlen(p);
			role = OC_COMMENT;
		} else if (*p == '"' || *p == '\'') {
			len = string_length(p);
			role = OC_STRING;
		} else if (isdigit((unsigned char)*p) && (p == text || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
			while (isalnum((unsigned char)p[len]) || p[len] == '.' || p[len] == '_')
				len++;
			role = OC_NUMBER;
		} else if (isalpha((unsigned char)*p) || *p == '_') {
			while (isalnum((unsigned char)p[len]) || p[len] == '_')
				len++;
			if (strchr("rbfuRBFU", *p) && len <= 2 && (p[len] == '"' || p[len] == '\'')) {
				len += string_length(p + len);
				role = OC_STRING;
			} else if (is_keyword(p, len)) {
				role = OC_KEYWORD;
			}
		}
		append_colored(out, &buf, &n, &cap, role, p, len);
		p += len;
	}
	return buf;
}

int source_list(struct session *s, const char *filename, const char *canon, PyObject *globals, int first, int last, int current, int exc_line)
{
	PyObject *lines = get_lines(filename, globals);
	int count;
	int printed = 0;

	if (lines == NULL) {
		PyErr_Clear();
		return 0;
	}
	count = (int)PyList_GET_SIZE(lines);
	if (first < 1)
		first = 1;
	for (int n = first; n <= last; n++) {
		char prefix[32];
		char *text;
		char *safe;
		bool has_bp = canon && bp_at(&s->bps, canon, n, 0) != NULL;
		const char *mark = n == current ? "->" : (n == exc_line ? ">>" : "");

		if (n > count) {
			out_printf(&s->out, "[EOF]\n");
			break;
		}
		text = line_text(lines, n - 1);
		safe = out_escape(&s->out, text ? text : "", text ? strlen(text) : 0);
		if (safe != NULL && s->out.color) {
			char *colored = source_highlight(&s->out, safe);

			free(safe);
			safe = colored;
		}
		snprintf(prefix, sizeof(prefix), "%3d", n);
		if (strlen(prefix) < 4)
			strcat(prefix, " ");
		strcat(prefix, has_bp ? "B" : " ");
		strcat(prefix, mark);
		if (n == current)
			out_printf(&s->out, "%s%s%s\t%s\n", out_color(&s->out, OC_CURRENT), prefix, out_color(&s->out, OC_RESET), safe ? safe : "");
		else
			out_printf(&s->out, "%s%s%s\t%s\n", out_color(&s->out, OC_LINENO), prefix, out_color(&s->out, OC_RESET), safe ? safe : "");
		free(safe);
		free(text);
		printed = n;
	}
	Py_DECREF(lines);
	return printed;
}
