/* Tab completion. The kind of word depends on the command before it. */
#include "ctrace/complete.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrace/commands.h"
#include "ctrace/inspect.h"
#include "ctrace/session.h"

static size_t complete_commands(const char *word, char **out, size_t max)
{
	const char *names[256];
	size_t n = command_complete(word, names, sizeof(names) / sizeof(names[0]));

	if (n > max)
		n = max;
	for (size_t i = 0; i < n; i++)
		out[i] = strdup(names[i]);
	return n;
}

static size_t complete_numbers(struct session *s, const char *word, char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < s->bps.count && n < max; i++) {
		char number[16];

		snprintf(number, sizeof(number), "%d", s->bps.items[i]->number);
		if (strncmp(number, word, strlen(word)) == 0)
			out[n++] = strdup(number);
	}
	return n;
}

/* Copy a Python list of str into out. */
static size_t take_list(PyObject *list, char **out, size_t max)
{
	size_t n = 0;

	if (list == NULL || !PyList_Check(list))
		return 0;
	for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list) && n < max; i++) {
		const char *text = PyUnicode_AsUTF8(PyList_GET_ITEM(list, i));

		if (text != NULL)
			out[n++] = strdup(text);
	}
	PyErr_Clear();
	return n;
}

static size_t complete_python(struct session *s, const char *word, bool paths, char **out, size_t max)
{
	PyGILState_STATE gil = PyGILState_Ensure();
	PyFrameObject *frame = inspect_selected_frame(s);
	PyObject *found = NULL;
	size_t n = 0;

	if (paths && (strchr(word, '/') || word[0] == '.' || word[0] == '~')) {
		found = PyObject_CallMethod(s->helpers, "complete_path", "s", word);
	} else if (frame != NULL) {
		PyObject *ns = inspect_namespace(frame);

		if (ns != NULL)
			found = PyObject_CallMethod(s->helpers, "complete_expression", "sO", word, ns);
		Py_XDECREF(ns);
		if (paths && found != NULL && PyList_Check(found) && PyList_GET_SIZE(found) == 0) {
			Py_DECREF(found);
			found = PyObject_CallMethod(s->helpers, "complete_path", "s", word);
		}
	}
	n = take_list(found, out, max);
	Py_XDECREF(found);
	PyErr_Clear();
	PyGILState_Release(gil);
	return n;
}

size_t complete_line(void *ctx, const char *line, size_t *word_start, char **out, size_t max)
{
	struct session *s = ctx;
	size_t len = strlen(line);
	size_t start = len;
	size_t cmd_len;
	const char *cmd = first_word(line, &cmd_len);
	const struct command *found = NULL;
	char name[32];

	/* The word being completed: identifier characters, dots and path
	 * characters back from the cursor. */
	while (start > 0 && (isalnum((unsigned char)line[start - 1]) || strchr("_./~-", line[start - 1])))
		start--;
	*word_start = start;
	if (cmd + cmd_len >= line + start && (size_t)(cmd - line) == start)
		return complete_commands(line + start, out, max);
	if (cmd_len > 0 && cmd_len < sizeof(name)) {
		memcpy(name, cmd, cmd_len);
		name[cmd_len] = '\0';
		command_lookup(name, &found, NULL, 0);
	}
	if (found != NULL) {
		const char *numbered[] = {"enable", "disable", "condition", "ignore", "commands", "delete", NULL};

		for (int i = 0; numbered[i]; i++)
			if (strcmp(found->name, numbered[i]) == 0)
				return complete_numbers(s, line + start, out, max);
		if (strcmp(found->name, "help") == 0)
			return complete_commands(line + start, out, max);
		return complete_python(s, line + start, strcmp(found->name, "break") == 0 || strcmp(found->name, "tbreak") == 0 || strcmp(found->name, "clear") == 0, out, max);
	}
	return complete_python(s, line + start, false, out, max);
}
