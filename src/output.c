/* The one output path for debugger text: colour decisions, escaping of
 * control characters on a terminal, and flushing the program's own
 * buffers first so that output keeps its order. */
#include "compat.h"

#include "ctrace/options.h"
#include "ctrace/output.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool env_set(const char *name)
{
	const char *value = getenv(name);

	return value != NULL && value[0] != '\0';
}

void output_init(struct output *out, FILE *fp, int when, bool quiet)
{
	const char *term = getenv("TERM");

	out->fp = fp;
	out->tty = isatty(fileno(fp));
	out->quiet = quiet;
	out->python = false;
	if (when == COLOR_ALWAYS)
		out->color = true;
	else if (when == COLOR_NEVER)
		out->color = false;
	else if (env_set("NO_COLOR"))
		out->color = false;
	else if (env_set("FORCE_COLOR"))
		out->color = true;
	else if (term != NULL && strcmp(term, "dumb") == 0)
		out->color = false;
	else
		out->color = out->tty;
}

static void flush_python_stream(const char *name)
{
	PyObject *stream = PySys_GetObject(name); /* borrowed */
	PyObject *result;

	if (stream == NULL || stream == Py_None)
		return;
	result = PyObject_CallMethod(stream, "flush", NULL);
	if (result == NULL)
		PyErr_Clear();
	Py_XDECREF(result);
}

void output_flush_program(struct output *out)
{
	if (out->python && !out->hold && Py_IsInitialized()) {
		PyObject *exc = compat_err_fetch();

		flush_python_stream("stdout");
		flush_python_stream("stderr");
		compat_err_restore(exc);
	}
	fflush(stdout);
	fflush(stderr);
}

static void out_vprintf(struct output *out, const char *prefix, const char *fmt, va_list ap)
{
	char stackbuf[512];
	char *text = stackbuf;
	va_list copy;
	int len;

	va_copy(copy, ap);
	len = vsnprintf(stackbuf, sizeof(stackbuf), fmt, copy);
	va_end(copy);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof(stackbuf)) {
		text = malloc((size_t)len + 1);
		if (text == NULL)
			return;
		vsnprintf(text, (size_t)len + 1, fmt, ap);
	}
	output_flush_program(out);
	if (prefix != NULL)
		fputs(prefix, out->fp);
	fwrite(text, 1, (size_t)len, out->fp);
	if (text != stackbuf)
		free(text);
	fflush(out->fp);
}

void out_printf(struct output *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(out, NULL, fmt, ap);
	va_end(ap);
}

void out_info(struct output *out, const char *fmt, ...)
{
	va_list ap;

	if (out->quiet)
		return;
	va_start(ap, fmt);
	out_vprintf(out, NULL, fmt, ap);
	va_end(ap);
}

void out_error(struct output *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	out_vprintf(out, "*** ", fmt, ap);
	va_end(ap);
	fputc('\n', out->fp);
	fflush(out->fp);
}

char *escape_control(const char *text, size_t len, bool keep_newlines)
{
	char *buf = malloc(len * 4 + 1);
	size_t n = 0;

	if (buf == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\n' && keep_newlines) {
			buf[n++] = '\n';
		} else if (c == '\t' && keep_newlines) {
			buf[n++] = '\t';
		} else if (c == '\n') {
			memcpy(buf + n, "\\n", 2);
			n += 2;
		} else if (c < 0x20 || c == 0x7f) {
			n += (size_t)sprintf(buf + n, "\\x%02x", c);
		} else {
			buf[n++] = (char)c;
		}
	}
	buf[n] = '\0';
	return buf;
}

/* Return true when text contains a control character that a terminal
 * would act on (anything below 0x20 but newline and tab, and DEL). */
static bool has_control(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return true;
	}
	return false;
}

void out_text(struct output *out, const char *text, size_t len)
{
	char *escaped;

	if (!out->tty || !has_control(text, len)) {
		fwrite(text, 1, len, out->fp);
		return;
	}
	escaped = escape_control(text, len, true);
	if (escaped == NULL)
		return;
	fputs(escaped, out->fp);
	free(escaped);
}

char *out_escape(const struct output *out, const char *text, size_t len)
{
	char *copy;

	if (out->tty && has_control(text, len))
		return escape_control(text, len, true);
	copy = malloc(len + 1);
	if (copy == NULL)
		return NULL;
	memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

const char *out_color(const struct output *out, enum out_color role)
{
	static const char *const codes[] = {
		[OC_RESET] = "\033[0m",
		[OC_PATH] = "\033[36m",
		[OC_FUNC] = "\033[1;33m",
		[OC_LINENO] = "\033[2m",
		[OC_CURRENT] = "\033[1;32m",
		[OC_ERROR] = "\033[1;31m",
		[OC_BANNER] = "\033[35m",
		[OC_KEYWORD] = "\033[1;34m",
		[OC_STRING] = "\033[32m",
		[OC_COMMENT] = "\033[2;37m",
		[OC_NUMBER] = "\033[33m",
	};

	if (!out->color)
		return "";
	return codes[role];
}
