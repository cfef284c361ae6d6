/* Source lines through linecache, and `list`-style listings. */
#include "ctrace/source.h"

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
