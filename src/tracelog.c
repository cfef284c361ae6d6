/* Trace mode: the per-code filter cache, the shadow stack of each thread,
 * the event handlers, value reprs and the buffered writer. The formats
 * (fmt_*.c) turn one event into bytes; summary.c writes the summary.
 *
 * Every entry point runs with the GIL held. Handlers that call Python
 * (reprs, linecache) may let other threads run in between, so they do
 * those calls first, into the thread's own scratch buffer, and only then
 * write the event into the shared output buffer without calling Python. */
#include "ctrace/tracelog.h"

#include "tracelog_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Output goes to the background writer once this much is buffered. A
 * full log of the fib benchmark ran about 20% slower with 64 KiB, which
 * wakes the writer four times as often, and alike with 256 KiB to 2 MiB
 * (Debian's CPython 3.11, a 2-vCPU VM). */
#define TL_FLUSH_AT (256 * 1024)

/* The code-extra slot holding each code object's struct tl_code. The
 * interpreter hands out few slots, so it is requested once per process. */
static Py_ssize_t code_extra_index = -1;

/* Ids of open logs, so a thread's cached state is never taken from an
 * earlier log. */
static unsigned long next_log_id = 1;
static _Thread_local unsigned long tls_log_id;
static _Thread_local struct tl_thread *tls_thread;

/* Bumped in a forked child, whose copy of the log must write nothing:
 * the parent owns the destination and its buffered bytes. */
static volatile unsigned fork_generation;
static bool atfork_registered;

static void on_fork_child(void)
{
	fork_generation++;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL) {
		fputs("ctrace: out of memory\n", stderr);
		abort();
	}
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *copy = xrealloc(NULL, n + 1);

	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

/* Copy s into cache lines of its own: the background writer reads such
 * strings while the traced thread writes other data, and a line shared
 * with that data would move between the two cores on every event. */
char *tl_strdup_apart(const char *s, size_t n)
{
	size_t size = (n + 1 + 63) & ~(size_t)63;
	char *copy = aligned_alloc(64, size);

	if (copy == NULL) {
		fputs("ctrace: out of memory\n", stderr);
		abort();
	}
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

/* ---- Buffers ---- */

/* Grow buf so that extra more bytes and a NUL fit. */
void tl_buf_grow(struct tl_buf *buf, size_t extra)
{
	size_t need = buf->len + extra + 1;
	size_t cap;

	if (need <= buf->cap)
		return;
	cap = buf->cap ? buf->cap : 256;
	while (cap < need)
		cap *= 2;
	buf->data = xrealloc(buf->data, cap);
	buf->cap = cap;
}

/* Append value in decimal to buf: the digits go straight into the
 * buffer, since a copy through memcpy costs more than making them. */
void tl_buf_put_uint_slow(struct tl_buf *buf, unsigned long long value)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	unsigned long long rest = value;
	size_t n = 1;
	char *p;

	while (rest >= 10) {
		rest /= 10;
		n++;
	}
	tl_buf_reserve(buf, n);
	p = buf->data + buf->len + n;
	buf->len += n;
	while (value >= 100) {
		unsigned pair = (unsigned)(value % 100) * 2;

		value /= 100;
		p -= 2;
		p[0] = pairs[pair];
		p[1] = pairs[pair + 1];
	}
	if (value >= 10) {
		p -= 2;
		p[0] = pairs[value * 2];
		p[1] = pairs[value * 2 + 1];
	} else {
		*--p = (char)('0' + value);
	}
}

/* Append value in decimal, with its sign, to buf. */
void tl_buf_put_int(struct tl_buf *buf, long long value)
{
	if (value < 0) {
		tl_buf_putc(buf, '-');
		tl_buf_put_uint(buf, 0ULL - (unsigned long long)value);
	} else {
		tl_buf_put_uint(buf, (unsigned long long)value);
	}
}

/* Append n spaces to buf. */
void tl_buf_put_spaces(struct tl_buf *buf, size_t n)
{
	tl_buf_reserve(buf, n);
	memset(buf->data + buf->len, ' ', n);
	buf->len += n;
}

/* Append ns as microseconds, with three decimals when fraction is set. */
void tl_buf_put_us(struct tl_buf *buf, uint64_t ns, bool fraction)
{
	char digits[4];

	tl_buf_put_uint(buf, ns / 1000);
	if (!fraction)
		return;
	digits[0] = '.';
	digits[1] = (char)('0' + ns / 100 % 10);
	digits[2] = (char)('0' + ns / 10 % 10);
	digits[3] = (char)('0' + ns % 10);
	tl_buf_put(buf, digits, 4);
}

/* Release buf's memory. */
void tl_buf_free(struct tl_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

/* ---- Escaping ---- */

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 0;
	if (s[0] < 0xE0)
		len = 2;
	else if (s[0] < 0xF0)
		len = 3;
	else
		len = 4;
	if (len > n)
		return 0;
	cp = s[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

static const char hex_digits[] = "0123456789abcdef";

/* Escape s as the inside of a JSON string (UTF-8; invalid bytes become
 * U+FFFD). */
void tl_escape_json(struct tl_buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	tl_buf_reserve(out, n + 2);
	while (i < n) {
		size_t start = i;
		size_t seq;

		while (i < n && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' && p[i] != '\\')
			i++;
		tl_buf_put(out, s + start, i - start);
		if (i == n)
			break;
		if (p[i] >= 0x80) {
			seq = utf8_sequence(p + i, n - i);
			if (seq == 0) {
				tl_buf_put(out, "\\ufffd", 6);
				i++;
			} else {
				tl_buf_put(out, s + i, seq);
				i += seq;
			}
			continue;
		}
		switch (p[i]) {
		case '"': tl_buf_put(out, "\\\"", 2); break;
		case '\\': tl_buf_put(out, "\\\\", 2); break;
		case '\n': tl_buf_put(out, "\\n", 2); break;
		case '\r': tl_buf_put(out, "\\r", 2); break;
		case '\t': tl_buf_put(out, "\\t", 2); break;
		default: {
			char esc[6] = {'\\', 'u', '0', '0', hex_digits[p[i] >> 4], hex_digits[p[i] & 15]};

			tl_buf_put(out, esc, 6);
		}
		}
		i++;
	}
}

static void put_hex_escape(struct tl_buf *out, unsigned char c)
{
	char esc[4] = {'\\', 'x', hex_digits[c >> 4], hex_digits[c & 15]};

	tl_buf_put(out, esc, 4);
}

/* Escape s for one line of text: control characters (C0, DEL and C1) and
 * invalid UTF-8 as \xNN, so that a value can never end the line or send
 * a terminal escape sequence. Under GitHub Actions "::" becomes ":\x3a",
 * so no value reads as a workflow command. */
void tl_escape_text(struct tl_buf *out, const char *s, size_t n, bool github)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	tl_buf_reserve(out, n);
	while (i < n) {
		size_t start = i;
		size_t seq;

		while (i < n && p[i] >= 0x20 && p[i] < 0x7F && !(github && p[i] == ':' && i > 0 && p[i - 1] == ':'))
			i++;
		tl_buf_put(out, s + start, i - start);
		if (i == n)
			break;
		if (p[i] == ':') {
			tl_buf_put(out, "\\x3a", 4);
			i++;
			continue;
		}
		if (p[i] >= 0x80) {
			seq = utf8_sequence(p + i, n - i);
			if (seq == 2 && p[i] == 0xC2 && p[i + 1] < 0xA0) {
				put_hex_escape(out, p[i + 1]);
			} else if (seq == 0) {
				put_hex_escape(out, p[i]);
				seq = 1;
			} else {
				tl_buf_put(out, s + i, seq);
			}
			i += seq;
			continue;
		}
		if (p[i] == '\n')
			tl_buf_put(out, "\\n", 2);
		else if (p[i] == '\t')
			tl_buf_put(out, "\\t", 2);
		else if (p[i] == '\r')
			tl_buf_put(out, "\\r", 2);
		else
			put_hex_escape(out, p[i]);
		i++;
	}
}

/* ---- Reprs ---- */

/* Cut out to at most limit bytes after start, on a UTF-8 character
 * boundary, and mark the cut. */
static void cut_repr(struct tl_buf *out, size_t start, size_t limit)
{
	size_t end = start + limit;

	if (out->len - start <= limit)
		return;
	while (end > start && ((unsigned char)out->data[end] & 0xC0) == 0x80)
		end--;
	out->len = end;
	tl_buf_put(out, "...", 3);
}

/* Append a Python str to out as UTF-8, lone surrogates escaped, at most
 * limit + 1 bytes of it (enough for the caller to see it was cut). */
static void put_str_utf8(struct tl_buf *out, PyObject *str, size_t limit)
{
	Py_ssize_t size;
	const char *utf8 = PyUnicode_AsUTF8AndSize(str, &size);
	PyObject *bytes;

	if (utf8 != NULL) {
		tl_buf_put(out, utf8, (size_t)size < limit + 1 ? (size_t)size : limit + 1);
		return;
	}
	PyErr_Clear();
	bytes = PyUnicode_AsEncodedString(str, "utf-8", "backslashreplace");
	if (bytes == NULL) {
		PyErr_Clear();
		tl_buf_puts(out, "<unprintable>");
		return;
	}
	size = PyBytes_GET_SIZE(bytes);
	tl_buf_put(out, PyBytes_AS_STRING(bytes), (size_t)size < limit + 1 ? (size_t)size : limit + 1);
	Py_DECREF(bytes);
}

/* repr of an ASCII str, computed in C: Python's quoting and escapes. */
static void repr_ascii_str(struct tl_buf *out, PyObject *str, size_t limit)
{
	const char *s = (const char *)PyUnicode_DATA(str);
	Py_ssize_t n = PyUnicode_GET_LENGTH(str);
	char quote = memchr(s, '\'', (size_t)n) && !memchr(s, '"', (size_t)n) ? '"' : '\'';
	size_t start = out->len;
	Py_ssize_t i;

	tl_buf_putc(out, quote);
	for (i = 0; i < n && out->len - start <= limit; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == (unsigned char)quote || c == '\\') {
			tl_buf_putc(out, '\\');
			tl_buf_putc(out, (char)c);
		} else if (c == '\n') {
			tl_buf_put(out, "\\n", 2);
		} else if (c == '\t') {
			tl_buf_put(out, "\\t", 2);
		} else if (c == '\r') {
			tl_buf_put(out, "\\r", 2);
		} else if (c < 0x20 || c == 0x7F) {
			put_hex_escape(out, c);
		} else {
			tl_buf_putc(out, (char)c);
		}
	}
	tl_buf_putc(out, quote);
}

static void repr_value(struct tracelog *log, struct tl_buf *out, PyObject *obj, size_t limit, int nesting);

/* repr of an exact list, tuple or dict, stopping once limit is reached,
 * so a huge container costs no more than its first items. */
static void repr_container(struct tracelog *log, struct tl_buf *out, PyObject *obj, size_t limit, int nesting)
{
	size_t start = out->len;
	bool is_dict = PyDict_CheckExact(obj);
	bool is_tuple = PyTuple_CheckExact(obj);
	Py_ssize_t n = is_dict ? PyDict_GET_SIZE(obj) : Py_SIZE(obj);
	Py_ssize_t i = 0, pos = 0;
	PyObject *key, *value;

	if (is_dict)
		tl_buf_putc(out, '{');
	else
		tl_buf_putc(out, is_tuple ? '(' : '[');
	while (i < n && out->len - start <= limit) {
		if (i > 0)
			tl_buf_put(out, ", ", 2);
		if (is_dict) {
			if (!PyDict_Next(obj, &pos, &key, &value))
				break;
			Py_INCREF(key);
			Py_INCREF(value);
			repr_value(log, out, key, limit, nesting + 1);
			tl_buf_put(out, ": ", 2);
			repr_value(log, out, value, limit, nesting + 1);
			Py_DECREF(key);
			Py_DECREF(value);
		} else {
			/* A repr may run Python code that shrinks the list. */
			if (i >= Py_SIZE(obj))
				break;
			value = Py_NewRef(is_tuple ? PyTuple_GET_ITEM(obj, i) : PyList_GET_ITEM(obj, i));
			repr_value(log, out, value, limit, nesting + 1);
			Py_DECREF(value);
		}
		i++;
	}
	if (is_tuple && n == 1)
		tl_buf_putc(out, ',');
	if (is_dict)
		tl_buf_putc(out, '}');
	else
		tl_buf_putc(out, is_tuple ? ')' : ']');
}

/* Append "<repr failed: Type: message>" for the exception set now. */
static void repr_failed(struct tracelog *log, struct tl_buf *out)
{
	PyObject *exc = compat_err_fetch();
	struct tl_buf parts = {0};
	size_t type_len, msg_off, msg_len;

	if (exc != NULL && PyErr_GivenExceptionMatches(exc, PyExc_KeyboardInterrupt))
		compat_set_interrupt(); /* so Ctrl-C is not lost */
	tl_buf_put_lit(out, "<repr failed: ");
	if (exc != NULL) {
		tl_exception_parts(log, &parts, exc, &type_len, &msg_off, &msg_len);
		tl_buf_put(out, parts.data, type_len);
		if (msg_len > 0) {
			tl_buf_put_lit(out, ": ");
			tl_buf_put(out, parts.data + msg_off, msg_len);
		}
	}
	tl_buf_putc(out, '>');
	tl_buf_free(&parts);
	Py_XDECREF(exc);
}

static void repr_value(struct tracelog *log, struct tl_buf *out, PyObject *obj, size_t limit, int nesting)
{
	PyObject *repr;

	if (obj == Py_None) {
		tl_buf_put(out, "None", 4);
	} else if (obj == Py_True) {
		tl_buf_put(out, "True", 4);
	} else if (obj == Py_False) {
		tl_buf_put(out, "False", 5);
	} else if (PyLong_CheckExact(obj)) {
		int overflow;
		long long value = PyLong_AsLongLongAndOverflow(obj, &overflow);

		if (overflow == 0 && !(value == -1 && PyErr_Occurred())) {
			tl_buf_put_int(out, value);
		} else if (_PyLong_NumBits(obj) > 4000) {
			/* From 3.11 str() rejects ints this long, and before it
			 * the conversion is quadratic, so only the size is shown. */
			PyErr_Clear();
			tl_buf_puts(out, "<int of ");
			tl_buf_put_uint(out, (unsigned long long)_PyLong_NumBits(obj));
			tl_buf_puts(out, " bits>");
		} else {
			goto generic;
		}
	} else if (PyUnicode_CheckExact(obj) && PyUnicode_IS_ASCII(obj)) {
		repr_ascii_str(out, obj, limit);
	} else if (PyFloat_CheckExact(obj)) {
		char *text = PyOS_double_to_string(PyFloat_AS_DOUBLE(obj), 'r', 0, Py_DTSF_ADD_DOT_0, NULL);

		if (text == NULL)
			goto generic;
		tl_buf_puts(out, text);
		PyMem_Free(text);
	} else if (nesting < 3 && (PyList_CheckExact(obj) || PyTuple_CheckExact(obj) || PyDict_CheckExact(obj))) {
		if (Py_ReprEnter(obj) != 0) {
			PyErr_Clear();
			tl_buf_puts(out, PyDict_CheckExact(obj) ? "{...}" : "[...]");
			return;
		}
		repr_container(log, out, obj, limit, nesting);
		Py_ReprLeave(obj);
	} else {
		goto generic;
	}
	return;

generic:
	if (PyUnicode_CheckExact(obj) && (size_t)PyUnicode_GET_LENGTH(obj) > limit) {
		/* Only the part that is shown is converted. */
		PyObject *head = PyUnicode_Substring(obj, 0, (Py_ssize_t)limit);

		repr = head ? PyObject_Repr(head) : NULL;
		Py_XDECREF(head);
	} else {
		repr = PyObject_Repr(obj);
	}
	if (repr == NULL) {
		repr_failed(log, out);
		return;
	}
	put_str_utf8(out, repr, limit);
	Py_DECREF(repr);
}

/* Room for the repr that fast_repr writes: at most 20 bytes, for a long. */
#define TL_FAST_REPR 24

/* Write the repr of obj at p when obj is None, a bool or an int that fits
 * a long: reprs that run no Python code and need no escaping. Returns its
 * length, or -1 for other values. The buffer below never grows, because
 * the repr fits TL_FAST_REPR. */
static int fast_repr(char *p, PyObject *obj)
{
	struct tl_buf buf = {p, 0, TL_FAST_REPR};
	long value;
	int overflow;

	if (obj == Py_None) {
		memcpy(p, "None", 4);
		return 4;
	}
	if (obj == Py_True) {
		memcpy(p, "True", 4);
		return 4;
	}
	if (obj == Py_False) {
		memcpy(p, "False", 5);
		return 5;
	}
	if (!PyLong_CheckExact(obj))
		return -1;
	if (!compat_long_small(obj, &value)) {
		/* An exact int raises nothing here, so -1 is a value. */
		value = PyLong_AsLongAndOverflow(obj, &overflow);
		if (overflow != 0)
			return -1;
	}
	tl_buf_put_int(&buf, value);
	return (int)buf.len;
}

/* Append a repr of obj, cut at limit bytes, to out. Never raises.
 * Returns true when the repr is printable ASCII without quotes,
 * backslashes or colons, which no format needs to escape. */
bool tl_repr(struct tracelog *log, struct tl_buf *out, PyObject *obj, size_t limit)
{
	PyObject *saved;
	size_t start = out->len;

	/* None, bools and ints that fit a long run no Python code and are far
	 * shorter than any limit in use. */
	if (limit >= TL_FAST_REPR) {
		int len;

		tl_buf_reserve(out, TL_FAST_REPR);
		len = fast_repr(out->data + out->len, obj);
		if (len >= 0) {
			out->len += (size_t)len;
			return true;
		}
	}

	saved = PyErr_Occurred() ? compat_err_fetch() : NULL;

	log->busy++;
	repr_value(log, out, obj, limit, 0);
	log->busy--;
	cut_repr(out, start, limit);
	if (PyErr_Occurred())
		PyErr_Clear();
	if (saved != NULL)
		compat_err_restore(saved);
	return false;
}

/* Name of an exception type as traceback prints it: the qualified name,
 * prefixed with the module unless that is builtins or __main__. Returns
 * a malloc'd string. */
static char *exception_type_name(PyObject *type)
{
	PyObject *module = PyObject_GetAttrString(type, "__module__");
	PyObject *qualname = PyObject_GetAttrString(type, "__qualname__");
	const char *mod = module && PyUnicode_Check(module) ? PyUnicode_AsUTF8(module) : NULL;
	const char *name = qualname && PyUnicode_Check(qualname) ? PyUnicode_AsUTF8(qualname) : NULL;
	char *result;

	PyErr_Clear();
	if (name == NULL)
		name = ((PyTypeObject *)type)->tp_name;
	if (mod != NULL && strcmp(mod, "builtins") != 0 && strcmp(mod, "__main__") != 0) {
		size_t len = strlen(mod) + 1 + strlen(name);

		result = xrealloc(NULL, len + 1);
		snprintf(result, len + 1, "%s.%s", mod, name);
	} else {
		result = xstrndup(name, strlen(name));
	}
	Py_XDECREF(module);
	Py_XDECREF(qualname);
	return result;
}

/* Append "Type" and then the message of exc to out, as traceback prints
 * them; *type_len is the type's length, the message follows at *msg_off.
 * Never raises. */
void tl_exception_parts(struct tracelog *log, struct tl_buf *out, PyObject *exc, size_t *type_len, size_t *msg_off, size_t *msg_len)
{
	PyObject *type = (PyObject *)Py_TYPE(exc);
	size_t start = out->len;
	PyObject *msg;

	if (log->exc_type_cached != type) {
		char *name = exception_type_name(type);

		Py_XSETREF(log->exc_type_cached, Py_NewRef(type));
		free(log->exc_name_cached);
		log->exc_name_cached = name;
	}
	tl_buf_puts(out, log->exc_name_cached);
	*type_len = out->len - start;
	*msg_off = out->len;
	log->busy++;
	msg = PyObject_Str(exc);
	log->busy--;
	if (msg == NULL) {
		PyErr_Clear();
		tl_buf_puts(out, "<exception str() failed>");
	} else {
		put_str_utf8(out, msg, TL_REPR_LIMIT);
		Py_DECREF(msg);
	}
	cut_repr(out, *msg_off, TL_REPR_LIMIT);
	*msg_len = out->len - *msg_off;
}

/* ---- Writer ---- */

/* Write all of s to fd, or return -1 with errno set. SIGPIPE is blocked
 * meanwhile, so a reader that went away gives EPIPE instead of killing
 * the program that is being traced. */
int tl_write_all(int fd, const char *s, size_t n)
{
	sigset_t pipe_set, old_set;
	int result = 0;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
	while (n > 0) {
		ssize_t done = write(fd, s, n);

		if (done < 0 && errno == EINTR)
			continue;
		if (done < 0 && errno == EAGAIN) {
			struct pollfd pfd = {.fd = fd, .events = POLLOUT};

			poll(&pfd, 1, -1);
			continue;
		}
		if (done <= 0) {
			int saved = done < 0 ? errno : EIO;

			if (saved == EPIPE && !sigismember(&old_set, SIGPIPE)) {
				struct timespec zero = {0, 0};

				sigtimedwait(&pipe_set, NULL, &zero);
			}
			errno = saved;
			result = -1;
			break;
		}
		s += done;
		n -= (size_t)done;
	}
	pthread_sigmask(SIG_SETMASK, &old_set, NULL);
	return result;
}

/* Report a failed write of the log once, on stderr. */
static void report_failure(struct tracelog *log, int error)
{
	char message[PATH_MAX + 256];
	int len;

	if (log->failed)
		return;
	log->failed = true;
	len = snprintf(message, sizeof(message), "ctrace: cannot write trace log: %s: %s\n", log->path, strerror(error));
	if (len > 0)
		tl_write_all(STDERR_FILENO, message, (size_t)len < sizeof(message) ? (size_t)len : sizeof(message) - 1);
}

/* Drop the events buffered in log->out after a failure. */
static void drop_buffered(struct tracelog *log)
{
	log->dropped += log->pending_events;
	log->pending_events = 0;
	log->out.len = 0;
	log->recs.len = 0;
}

/* Give the memory of one huge event back once it is written. */
static void shrink_buffer(struct tl_buf *buf)
{
	if (buf->cap > 4 * TL_FLUSH_AT) {
		buf->data = xrealloc(buf->data, 2 * TL_FLUSH_AT);
		buf->cap = 2 * TL_FLUSH_AT;
	}
}

/* Append to dst the text of raw with the records in recs placed where
 * they were made, from the position in *at (zeroed at the start) until
 * dst contains at least limit bytes. Returns true when all is rendered. */
bool tl_render(const struct tracelog *log, struct tl_buf *dst, const struct tl_buf *raw, const struct tl_buf *recs, struct tl_render_at *at, size_t limit)
{
	while (at->rec < recs->len) {
		const struct tl_rec *rec = (const struct tl_rec *)(recs->data + at->rec);

		if (dst->len >= limit)
			return false;
		if (rec->raw_end > at->raw)
			tl_buf_put(dst, raw->data + at->raw, rec->raw_end - at->raw);
		at->raw = rec->raw_end;
		log->fmt->render(log, dst, rec);
		at->rec += rec->size;
	}
	if (raw->len > at->raw) {
		tl_buf_put(dst, raw->data + at->raw, raw->len - at->raw);
		at->raw = raw->len;
	}
	return true;
}

/* Start the background writer, or note that no thread can start. */
static void start_writer(struct tracelog *log)
{
	log->writer = tl_writer_start(log, log->stream);
	log->writer_failed = log->writer == NULL;
	log->flush_due = log->writer != NULL && log->stream ? tl_writer_flush_due(log->writer) : NULL;
}

/* Stop the background writer, if one runs, after it wrote what it holds. */
static void stop_writer(struct tracelog *log)
{
	int error;

	if (log->writer == NULL)
		return;
	error = tl_writer_stop(log->writer, &log->written, &log->dropped);
	log->writer = NULL;
	log->flush_due = NULL;
	if (error != 0)
		report_failure(log, error);
}

/* Write the events buffered in log->out and log->recs from this thread.
 * Return 0, or -1 after a failure (reported once). */
static int write_here(struct tracelog *log)
{
	const struct tl_buf *text = &log->out;

	if (log->failed) {
		drop_buffered(log);
		return -1;
	}
	if (log->recs.len > 0) {
		struct tl_render_at at = {0, 0};

		log->rendered.len = 0;
		tl_render(log, &log->rendered, &log->out, &log->recs, &at, SIZE_MAX);
		text = &log->rendered;
	}
	if (text->len > 0 && tl_write_all(log->fd, text->data, text->len) < 0) {
		report_failure(log, errno);
		drop_buffered(log);
	} else {
		log->written += log->pending_events;
	}
	log->pending_events = 0;
	log->out.len = 0;
	log->recs.len = 0;
	shrink_buffer(&log->out);
	shrink_buffer(&log->rendered);
	return log->failed ? -1 : 0;
}

/* Write the events buffered in log->out, and wait until every event
 * handed to the background writer is written too. Return 0, or -1 after
 * a failure (reported once). */
int tl_flush(struct tracelog *log)
{
	stop_writer(log);
	return write_here(log);
}

/* Hand the buffered events to the background writer, starting it the
 * first time. With wait set, let it finish writing them. Write them here
 * when no thread can be started. */
static void write_behind(struct tracelog *log, bool wait)
{
	int error;

	if (log->failed) {
		drop_buffered(log);
		return;
	}
	/* A pipe keeps a write whole only up to PIPE_BUF bytes, so the
	 * writer thread's long writes could take in the program's output in
	 * the middle of a line. Written from the traced thread, the log's
	 * lines and the program's output alternate instead. */
	if (log->shares_output) {
		write_here(log);
		return;
	}
	if (log->writer == NULL && !log->writer_failed)
		start_writer(log);
	if (log->writer == NULL) {
		write_here(log);
		return;
	}
	error = tl_writer_submit(log->writer, &log->out, &log->recs, log->pending_events, wait);
	log->pending_events = 0;
	if (error != 0)
		report_failure(log, error);
	shrink_buffer(&log->out);
}

/* Finish one event written into log->out: count it, and write out when
 * the buffer is full, or at once on a terminal, where a person watches
 * the events as they come. For a pipe, such as a CI job's output, the
 * writer requests the events every 100 ms, and they are written before
 * the program goes on, so they come out before the program's next
 * output. */
void tl_commit(struct tracelog *log)
{
	log->pending_events++;
	if (log->tty) {
		tl_flush(log);
	} else if (log->out.len + log->recs.len >= TL_FLUSH_AT) {
		write_behind(log, false);
	} else if (log->flush_due != NULL && atomic_load_explicit(log->flush_due, memory_order_relaxed)) {
		atomic_store_explicit(log->flush_due, false, memory_order_relaxed);
		write_behind(log, true);
	}
}

/* ---- Source lines ---- */

/* Fetch line lineno of file through linecache, stripped, escaped for
 * the active format, as a malloc'd string. */
static char *load_source(struct tracelog *log, const char *file, int lineno, size_t *len)
{
	PyObject *result = NULL;
	struct tl_buf raw = {0}, esc = {0};
	const char *text = "";
	Py_ssize_t size = 0;
	char *copy;

	if (log->linecache_getline != NULL && lineno > 0) {
		log->busy++;
		result = PyObject_CallFunction(log->linecache_getline, "si", file, lineno);
		log->busy--;
	}
	if (result != NULL && PyUnicode_Check(result)) {
		text = PyUnicode_AsUTF8AndSize(result, &size);
		if (text == NULL) {
			text = "";
			size = 0;
		}
	}
	PyErr_Clear();
	while (size > 0 && (*text == ' ' || *text == '\t' || *text == '\f')) {
		text++;
		size--;
	}
	while (size > 0 && strchr(" \t\r\n\f", text[size - 1]) != NULL)
		size--;
	if (size > 0)
		tl_buf_put(&raw, text, (size_t)size);
	cut_repr(&raw, 0, 4 * TL_REPR_LIMIT);
	Py_XDECREF(result);
	log->fmt->escape(log, &esc, raw.data ? raw.data : "", raw.len);
	*len = esc.len;
	copy = xstrndup(esc.data ? esc.data : "", esc.len);
	tl_buf_free(&raw);
	tl_buf_free(&esc);
	return copy;
}

/* Return the slot of line in code, growing the table, or NULL for a line
 * number that cannot be stored (none, or far outside the code). */
struct tl_line *tl_line_slot_grow(struct tl_code *code, int line)
{
	int index = line - code->line_base;
	int size;

	if (line <= 0 || index < 0 || index > 1000000)
		return NULL;
	if (index < code->nlines)
		return &code->lines[index];
	size = code->nlines ? code->nlines : 16;
	while (size <= index)
		size *= 2;
	code->lines = xrealloc(code->lines, (size_t)size * sizeof(*code->lines));
	memset(code->lines + code->nlines, 0, (size_t)(size - code->nlines) * sizeof(*code->lines));
	code->nlines = size;
	return &code->lines[index];
}

/* Source line of code at line, escaped for the active format; "" when
 * there is none. May run Python code. */
const char *tl_source(struct tracelog *log, struct tl_code *code, int line, size_t *len)
{
	struct tl_line *slot = tl_line_slot(code, line);
	char *text;
	size_t text_len;

	if (slot != NULL && slot->src != NULL) {
		*len = slot->src_len;
		return slot->src;
	}
	text = load_source(log, code->file, line, &text_len);
	/* linecache may have let another thread fill the slot meanwhile, or
	 * grow the table. */
	slot = tl_line_slot(code, line);
	if (slot == NULL) {
		/* NOTE: lines that cannot be cached leak one string each; they
		 * only occur with line numbers outside the code's range. */
		*len = text_len;
		return text;
	}
	if (slot->src == NULL) {
		slot->src = text;
		slot->src_len = (uint32_t)text_len;
	} else {
		free(text);
	}
	*len = slot->src_len;
	return slot->src;
}

/* The active format's location of line in code, rendered once per line,
 * or NULL for a line that has no slot. The string lives as long as the
 * log. */
const char *tl_location_slow(struct tracelog *log, struct tl_code *code, int line, uint32_t *len)
{
	struct tl_line *slot = tl_line_slot(code, line);

	if (slot == NULL)
		return NULL;
	if (slot->location == NULL) {
		struct tl_buf rendered = {0};

		log->fmt->location(log, &rendered, code, line);
		slot->location = tl_strdup_apart(rendered.data ? rendered.data : "", rendered.len);
		slot->location_len = (uint32_t)rendered.len;
		tl_buf_free(&rendered);
	}
	*len = slot->location_len;
	return slot->location;
}

/* ---- Filters ---- */

static bool path_under(const char *path, const char *dir, size_t *match_len)
{
	size_t n = strlen(dir);

	if (n == 0 || strncmp(path, dir, n) != 0)
		return false;
	if (path[n] != '/' && path[n] != '\0' && !(n == 1 && dir[0] == '/'))
		return false;
	*match_len = n;
	return true;
}

/* Whether a canonical path belongs to the user's code. The longest
 * directory that contains it decides, the script's or a library's. So a
 * virtualenv inside the project is still a library, and a script run from
 * the standard library (-m json.tool) is still the user's. Paths under
 * none of them are user code. */
static bool path_is_user(const struct tracelog *log, const char *path)
{
	size_t best_lib = 0, user = 0, n;
	size_t i;

	for (i = 0; i < log->nlib_dirs; i++)
		if (path_under(path, log->lib_dirs[i], &n) && n > best_lib)
			best_lib = n;
	if (log->main_dir != NULL && path_under(path, log->main_dir, &n))
		user = n;
	if (log->main_file != NULL && strcmp(path, log->main_file) == 0)
		return true;
	return best_lib == 0 || user > best_lib;
}

static bool is_module_pattern(const char *pattern)
{
	size_t n = strlen(pattern);

	if (strpbrk(pattern, "/*?[<") != NULL)
		return false;
	return !(n > 3 && strcmp(pattern + n - 3, ".py") == 0);
}

static bool pattern_matches(const char *pattern, const struct tl_code *info, const char *module)
{
	const char *base;

	if (is_module_pattern(pattern)) {
		size_t n = strlen(pattern);

		return module != NULL && strncmp(module, pattern, n) == 0 && (module[n] == '\0' || module[n] == '.');
	}
	base = strrchr(info->file, '/');
	base = base ? base + 1 : info->file;
	return fnmatch(pattern, info->file, 0) == 0 || fnmatch(pattern, info->display, 0) == 0 || fnmatch(pattern, base, 0) == 0;
}

static bool any_pattern(char **patterns, size_t n, const struct tl_code *info, const char *module)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (pattern_matches(patterns[i], info, module))
			return true;
	return false;
}

/* The module name (__name__ of the frame's globals), as a malloc'd
 * string, or NULL. */
static char *frame_module_name(PyFrameObject *frame)
{
	PyObject *globals = compat_frame_globals(frame);
	PyObject *name = globals && PyDict_Check(globals) ? PyDict_GetItemString(globals, "__name__") : NULL;
	const char *utf8 = name && PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;
	char *result = utf8 ? xstrndup(utf8, strlen(utf8)) : NULL;

	PyErr_Clear();
	Py_XDECREF(globals);
	return result;
}

static struct tl_code *code_info(struct tracelog *log, PyFrameObject *frame, PyCodeObject *code);

/* Whether code named like "<string>" is user code: code run by exec or
 * eval inherits the side of the first frame that called it, frozen
 * modules are the standard library. */
static bool special_file_is_user(struct tracelog *log, PyFrameObject *frame, const char *file)
{
	PyFrameObject *back;
	bool user = true;

	if (strncmp(file, "<frozen ", 8) == 0)
		return false;
	back = PyFrame_GetBack(frame);
	if (back != NULL) {
		PyCodeObject *back_code = PyFrame_GetCode(back);
		struct tl_code *back_info = code_info(log, back, back_code);

		if (back_info != NULL)
			user = back_info->user;
		Py_DECREF(back_code);
		Py_DECREF(back);
	}
	return user;
}

/* ---- Code infos ---- */

static void free_arg_esc(struct tl_code *info)
{
	Py_ssize_t i;

	if (info->arg_esc == NULL)
		return;
	for (i = 0; i < info->nargs; i++)
		free(info->arg_esc[i].s);
	free(info->arg_esc);
	info->arg_esc = NULL;
}

static void code_info_free(struct tl_code *info)
{
	int i;

	Py_CLEAR(info->arg_names);
	Py_CLEAR(info->bytecode);
	free_arg_esc(info);
	for (i = 0; i < info->nlines; i++) {
		free(info->lines[i].src);
		free(info->lines[i].location);
		free(info->lines[i].event);
	}
	free(info->lines);
	free(info->file);
	free(info->display);
	free(info->file_esc);
	free(info->func);
	free(info->func_esc);
	free(info);
}

static void unlink_code(struct tl_code **head, struct tl_code *info)
{
	if (info->prev != NULL)
		info->prev->next = info->next;
	else
		*head = info->next;
	if (info->next != NULL)
		info->next->prev = info->prev;
	info->prev = info->next = NULL;
}

static void push_code(struct tl_code **head, struct tl_code *info)
{
	info->prev = NULL;
	info->next = *head;
	if (*head != NULL)
		(*head)->prev = info;
	*head = info;
}

/* Called by the interpreter when a code object dies. Its statistics stay
 * for the summary; a code object that never ran leaves nothing. */
static void code_extra_release(void *ptr)
{
	struct tl_code *info = ptr;
	struct tracelog *log;

	if (info == NULL || info->log == NULL)
		return; /* detached by tracelog_close, which frees it */
	log = info->log;
	unlink_code(&log->codes, info);
	info->code = NULL;
	Py_CLEAR(info->bytecode);
	Py_CLEAR(info->arg_names);
	if (info->calls == 0 && info->nlines == 0) {
		code_info_free(info);
		return;
	}
	/* NOTE: code created again and again (exec in a loop) keeps one
	 * record per code object here until the log closes. */
	push_code(&log->dead_codes, info);
}

static char *escaped_copy(struct tracelog *log, const char *s)
{
	struct tl_buf buf = {0};
	char *copy;

	log->fmt->escape(log, &buf, s, strlen(s));
	copy = xstrndup(buf.data ? buf.data : "", buf.len);
	tl_buf_free(&buf);
	return copy;
}

/* File name of code as bytes in the file system encoding, so undecodable
 * names survive; absolute unless it is a "<...>" name. */
static char *code_file_name(struct tracelog *log, PyCodeObject *code)
{
	PyObject *bytes = PyUnicode_EncodeFSDefault(code->co_filename);
	const char *name = bytes ? PyBytes_AS_STRING(bytes) : "<unknown>";
	char *result;

	PyErr_Clear();
	if (name[0] == '/' || name[0] == '<' || log->cwd == NULL) {
		result = xstrndup(name, strlen(name));
	} else {
		size_t len = strlen(log->cwd) + 1 + strlen(name);

		result = xrealloc(NULL, len + 1);
		snprintf(result, len + 1, "%s/%s", log->cwd, name);
	}
	Py_XDECREF(bytes);
	return result;
}

static void code_info_names(struct tracelog *log, struct tl_code *info, PyCodeObject *code)
{
	const char *func = PyUnicode_AsUTF8(compat_code_qualname(code));
	size_t cwd_len = log->cwd ? strlen(log->cwd) : 0;

	PyErr_Clear();
	info->func = xstrndup(func ? func : "?", strlen(func ? func : "?"));
	if (cwd_len > 1 && strncmp(info->file, log->cwd, cwd_len) == 0 && info->file[cwd_len] == '/')
		info->display = xstrndup(info->file + cwd_len + 1, strlen(info->file + cwd_len + 1));
	else
		info->display = xstrndup(info->file, strlen(info->file));
	info->file_esc = escaped_copy(log, log->fmt->relative_paths ? info->display : info->file);
	info->file_esc_len = strlen(info->file_esc);
	info->func_esc = escaped_copy(log, info->func);
	info->func_esc_len = strlen(info->func_esc);
}

/* The call-event argument names: positional, keyword-only, *args and
 * **kwargs, in that order in co_varnames. */
static void code_info_args(struct tracelog *log, struct tl_code *info, PyCodeObject *code)
{
	Py_ssize_t n = code->co_argcount + code->co_kwonlyargcount;
	Py_ssize_t i;

	if (code->co_flags & CO_VARARGS)
		n++;
	if (code->co_flags & CO_VARKEYWORDS)
		n++;
	info->arg_names = compat_code_varnames(code);
	if (info->arg_names == NULL || !PyTuple_Check(info->arg_names)) {
		PyErr_Clear();
		Py_CLEAR(info->arg_names);
		n = 0;
	} else if (n > PyTuple_GET_SIZE(info->arg_names)) {
		n = PyTuple_GET_SIZE(info->arg_names);
	}
	info->nargs = n;
	info->arg_esc = n > 0 ? xrealloc(NULL, (size_t)n * sizeof(*info->arg_esc)) : NULL;
	for (i = 0; i < n; i++) {
		PyObject *name = PyTuple_GET_ITEM(info->arg_names, i);
		const char *utf8 = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;

		PyErr_Clear();
		info->arg_esc[i].s = NULL;
		info->arg_esc[i].len = 0;
		if (utf8 != NULL) {
			struct tl_buf buf = {0};

			log->fmt->escape(log, &buf, utf8, strlen(utf8));
			info->arg_esc[i].s = tl_strdup_apart(buf.data ? buf.data : "", buf.len);
			info->arg_esc[i].len = buf.len;
			tl_buf_free(&buf);
		}
	}
}

static bool code_is_traced(struct tracelog *log, struct tl_code *info, PyFrameObject *frame)
{
	const struct options *opts = log->opts;
	char *module = log->need_module_names ? frame_module_name(frame) : NULL;
	bool traced;

	if (opts->nincludes > 0)
		traced = any_pattern(opts->includes, opts->nincludes, info, module);
	else
		traced = info->user || opts->trace_stdlib;
	if (traced && any_pattern(opts->excludes, opts->nexcludes, info, module))
		traced = false;
	free(module);
	return traced;
}

/* Decide once whether code is traced and cache the decision in its
 * extra slot. May run Python code. */
static struct tl_code *code_info_create(struct tracelog *log, PyFrameObject *frame, PyCodeObject *code)
{
	struct tl_code *info = xrealloc(NULL, sizeof(*info));
	void *existing = NULL;

	memset(info, 0, sizeof(*info));
	info->log = log;
	info->code = code;
	info->file = code_file_name(log, code);
	info->first_line = code->co_firstlineno;
	info->line_base = code->co_firstlineno > 0 ? code->co_firstlineno : 1;
	info->generator = (code->co_flags & (CO_GENERATOR | CO_COROUTINE | CO_ASYNC_GENERATOR)) != 0;
	info->module = (code->co_flags & CO_OPTIMIZED) == 0;
	if (info->file[0] == '<') {
		info->user = special_file_is_user(log, frame, info->file);
	} else {
		char *real = realpath(info->file, NULL);

		info->user = path_is_user(log, real ? real : info->file);
		free(real);
	}
	code_info_names(log, info, code);
	info->traced = code_is_traced(log, info, frame);
	if (info->traced) {
		code_info_args(log, info, code);
		if (info->generator || COMPAT_UNWIND_RETURNS_NONE)
			info->bytecode = compat_code_bytecode(code);
		PyErr_Clear();
	}

	/* Another thread may have decided meanwhile (the Python calls above
	 * can switch threads). */
	if (compat_code_get_extra((PyObject *)code, code_extra_index, &existing) == 0 && existing != NULL) {
		info->log = NULL;
		code_info_free(info);
		return existing;
	}
	if (compat_code_set_extra((PyObject *)code, code_extra_index, info) < 0) {
		PyErr_Clear();
		info->log = NULL;
		code_info_free(info);
		return NULL;
	}
	push_code(&log->codes, info);
	return info;
}

static struct tl_code *code_info(struct tracelog *log, PyFrameObject *frame, PyCodeObject *code)
{
	void *extra = NULL;

	if (compat_code_get_extra((PyObject *)code, code_extra_index, &extra) < 0) {
		PyErr_Clear();
		return NULL;
	}
	if (extra != NULL)
		return extra;
	return code_info_create(log, frame, code);
}

/* The info of code, or NULL when trace mode has not seen it. */
struct tl_code *tl_code_lookup(PyCodeObject *code)
{
	void *extra = NULL;

	if (code_extra_index < 0 || compat_code_get_extra((PyObject *)code, code_extra_index, &extra) < 0) {
		PyErr_Clear();
		return NULL;
	}
	return extra;
}

/* ---- Threads ---- */

/* The name threading gave the calling thread, as a malloc'd string. */
static char *thread_name(struct tracelog *log, unsigned long ident)
{
	char fallback[64];
	PyObject *key, *thread = NULL, *name = NULL;
	const char *utf8 = NULL;
	char *result;

	if (log->threading_active != NULL) {
		key = PyLong_FromUnsignedLong(ident);
		thread = key ? PyDict_GetItemWithError(log->threading_active, key) : NULL;
		Py_XDECREF(key);
		if (thread != NULL) {
			Py_INCREF(thread);
			log->busy++;
			name = PyObject_GetAttrString(thread, "name");
			log->busy--;
			Py_DECREF(thread);
		}
		if (name != NULL && PyUnicode_Check(name))
			utf8 = PyUnicode_AsUTF8(name);
	}
	PyErr_Clear();
	if (utf8 == NULL) {
		if (ident == log->main_ident)
			snprintf(fallback, sizeof(fallback), "MainThread");
		else
			snprintf(fallback, sizeof(fallback), "Thread-%lu", PyThread_get_thread_native_id());
		utf8 = fallback;
	}
	result = xstrndup(utf8, strlen(utf8));
	Py_XDECREF(name);
	return result;
}

static struct tl_thread *thread_create(struct tracelog *log)
{
	struct tl_thread *thread = xrealloc(NULL, sizeof(*thread));

	memset(thread, 0, sizeof(*thread));
	thread->ident = PyThread_get_thread_ident();
	thread->native_id = PyThread_get_thread_native_id();
	thread->name = thread_name(log, thread->ident);
	thread->name_esc = escaped_copy(log, thread->name);
	thread->name_esc_len = strlen(thread->name_esc);
	thread->next = log->threads;
	log->threads = thread;
	log->nthreads++;
	if (log->nthreads > 1)
		log->text_thread_tags = true;
	tls_log_id = log->id;
	tls_thread = thread;
	if (!log->failed && !log->closed && log->fmt->thread_start != NULL)
		log->fmt->thread_start(log, thread);
	return thread;
}

static struct tl_thread *current_thread(struct tracelog *log)
{
	if (tls_log_id == log->id)
		return tls_thread;
	return thread_create(log);
}

static void thread_free(struct tl_thread *thread)
{
	free(thread->name);
	free(thread->name_esc);
	free(thread->format_tag);
	free(thread->stack);
	free(thread->kv);
	tl_buf_free(&thread->scratch);
	free(thread);
}

/* ---- Shadow stack ---- */

static void vars_free(struct tl_frame *entry)
{
	size_t i;

	for (i = 0; i < entry->nvars; i++) {
		Py_XDECREF(entry->vars[i].name);
		free(entry->vars[i].repr);
	}
	free(entry->vars);
	entry->vars = NULL;
	entry->nvars = 0;
}

static struct tl_frame *push_frame(struct tl_thread *thread, PyFrameObject *frame, PyCodeObject *code, struct tl_code *info)
{
	struct tl_frame *entry;

	if (thread->depth == thread->cap) {
		thread->cap = thread->cap ? thread->cap * 2 : 32;
		thread->stack = xrealloc(thread->stack, (size_t)thread->cap * sizeof(*thread->stack));
	}
	entry = &thread->stack[thread->depth++];
	/* Field by field: a memset of the whole entry, exc_name included,
	 * costs more than the rest of a call event's bookkeeping. */
	entry->frame = (PyFrameObject *)Py_NewRef(frame);
	entry->code_obj = (PyObject *)code; /* takes the caller's reference */
	entry->info = info;
	entry->logged = false;
	entry->nested = false;
	entry->exc_pending = false;
	entry->last_exc = NULL;
	entry->exc_name[0] = '\0';
	entry->start_ns = 0;
	entry->child_ns = 0;
	entry->vars = NULL;
	entry->nvars = 0;
	if (thread->depth - 1 > thread->max_depth)
		thread->max_depth = thread->depth - 1;
	return entry;
}

/* Whether info's code already runs lower on the thread's stack than the
 * entry just pushed, so that the summary counts a recursive function's
 * time once. Searching from the top finds a recursive caller at once;
 * only the first call of a function looks at the whole stack. */
static bool runs_below(const struct tl_thread *thread, const struct tl_code *info)
{
	int i;

	for (i = thread->depth - 2; i >= 0; i--)
		if (thread->stack[i].info == info)
			return true;
	return false;
}

/* Index of frame on the thread's stack, searching from the top, or -1. */
static int find_frame(const struct tl_thread *thread, PyFrameObject *frame)
{
	int i;

	for (i = thread->depth - 1; i >= 0; i--)
		if (thread->stack[i].frame == frame)
			return i;
	return -1;
}

/* Pop the top entry, adding its time to the function's statistics. */
static void pop_frame(struct tracelog *log, struct tl_thread *thread, uint64_t now)
{
	struct tl_frame *entry = &thread->stack[thread->depth - 1];
	struct tl_code *info = entry->info;

	if (log->timing && now >= entry->start_ns) {
		uint64_t duration = now - entry->start_ns;

		if (!entry->nested)
			info->total_ns += duration;
		info->self_ns += duration > entry->child_ns ? duration - entry->child_ns : 0;
		if (thread->depth >= 2)
			thread->stack[thread->depth - 2].child_ns += duration;
	}
	if (entry->vars != NULL)
		vars_free(entry);
	Py_DECREF(entry->frame);
	Py_DECREF(entry->code_obj);
	thread->depth--;
	if (thread->depth == 0 && thread->cap > 1024) {
		free(thread->stack);
		thread->stack = NULL;
		thread->cap = 0;
	}
}

/* ---- Statistics ---- */

static struct tl_exc_count *exception_count(struct tracelog *log, const char *type)
{
	size_t i;

	for (i = 0; i < log->nexcs; i++)
		if (strcmp(log->excs[i].type, type) == 0)
			return &log->excs[i];
	if (log->nexcs >= 256)
		return NULL; /* bounded: later types go uncounted */
	log->excs = xrealloc(log->excs, (log->nexcs + 1) * sizeof(*log->excs));
	memset(&log->excs[log->nexcs], 0, sizeof(*log->excs));
	log->excs[log->nexcs].type = xstrndup(type, strlen(type));
	return &log->excs[log->nexcs++];
}

static void count_caught(struct tracelog *log, struct tl_frame *entry)
{
	struct tl_exc_count *count;

	entry->exc_pending = false;
	count = exception_count(log, entry->exc_name);
	if (count != NULL)
		count->caught++;
}

/* ---- Records ---- */

/* Count an event that is about to be written, or drop it after a
 * failed write. Returns whether to write it. */
static bool event_begin(struct tracelog *log, struct tl_thread *thread, int depth)
{
	if (log->closed)
		return false;
	if (log->failed) {
		log->dropped++;
		return false;
	}
	thread->events++;
	if (depth > log->max_depth)
		log->max_depth = depth;
	return true;
}

/* Start a record of size bytes (a multiple of 8) in log->recs. */
static struct tl_rec *record_start(struct tracelog *log, struct tl_thread *thread, int depth, enum tl_rec_kind kind, size_t size)
{
	struct tl_rec *rec;

	tl_buf_reserve(&log->recs, size);
	rec = (struct tl_rec *)(log->recs.data + log->recs.len);
	log->recs.len += size;
	rec->raw_end = (uint32_t)log->out.len;
	rec->depth = depth;
	rec->size = (uint16_t)size;
	rec->kind = (uint8_t)kind;
	rec->flags = log->text_thread_tags ? TL_REC_TAG : 0;
	rec->tag = thread->format_tag;
	rec->tag_len = (uint32_t)thread->format_tag_len;
	return rec;
}

/* Write a line event as a record of its line's cached text, building the
 * cache first. Returns false when the line cannot be cached, and then
 * writes nothing. */
static bool cached_line_event(struct tracelog *log, struct tl_thread *thread, struct tl_code *info, int line, int depth)
{
	struct tl_line *slot = tl_line_slot(info, line);
	struct tl_rec *rec;

	if (slot == NULL)
		return false;
	if (slot->event == NULL) {
		struct tl_buf text = {0};
		size_t src_len;
		const char *src = tl_source(log, info, line, &src_len);
		size_t split;

		/* tl_source may have run Python code: another thread may have
		 * built the cache or grown the table meanwhile. */
		slot = tl_line_slot(info, line);
		if (slot->event == NULL) {
			split = log->fmt->line_cache(log, &text, info, line, src, src_len);
			if (split > UINT16_MAX || text.len > UINT32_MAX) {
				tl_buf_free(&text);
				return false;
			}
			slot->event = tl_strdup_apart(text.data, text.len);
			slot->event_len = (uint32_t)text.len;
			slot->event_split = (uint32_t)split;
			tl_buf_free(&text);
		}
	}
	if (event_begin(log, thread, depth)) {
		rec = record_start(log, thread, depth, TL_REC_LINE, sizeof(*rec));
		rec->text = slot->event;
		rec->text_len = slot->event_len;
		rec->extra = (uint16_t)slot->event_split;
		tl_commit(log);
	}
	return true;
}

/* Write a call event as a record when every argument has a fast repr.
 * Returns false, having written nothing, otherwise. Runs no Python code. */
static bool record_call(struct tracelog *log, struct tl_thread *thread, PyFrameObject *frame, struct tl_code *info, int line, int depth)
{
	const char *location;
	uint32_t location_len;
	struct tl_rec *rec;
	char *start, *p;
	Py_ssize_t i;

	if (log->closed || log->failed || info->nargs > 64)
		return false;
	location = tl_location(log, info, line, &location_len);
	if (location == NULL)
		return false;
	tl_buf_reserve(&log->recs, sizeof(*rec) + (size_t)info->nargs * (sizeof(struct tl_rec_arg) + TL_FAST_REPR));
	start = log->recs.data + log->recs.len;
	p = start + sizeof(*rec);
	for (i = 0; i < info->nargs; i++) {
		struct tl_rec_arg *arg = (struct tl_rec_arg *)p;
		PyObject *value = info->arg_esc[i].s ? compat_frame_arg_ref(frame, info->code, info->arg_names, i) : NULL;
		int len;

		if (value == NULL)
			return false;
		len = fast_repr((char *)(arg + 1), value);
		Py_DECREF(value);
		if (len < 0)
			return false;
		arg->name = info->arg_esc[i].s;
		arg->name_len = (uint32_t)info->arg_esc[i].len;
		arg->value_len = (uint32_t)len;
		p = (char *)(arg + 1) + TL_REC_PAD((size_t)len);
	}
	event_begin(log, thread, depth);
	rec = record_start(log, thread, depth, TL_REC_CALL, (size_t)(p - start));
	rec->text = location;
	rec->text_len = location_len;
	rec->extra = (uint16_t)info->nargs;
	if (info->module)
		rec->flags |= TL_REC_MODULE;
	tl_commit(log);
	return true;
}

/* Write a return event with value (NULL: none) as a record when the value
 * has a fast repr. Returns false, having written nothing, otherwise. */
static bool record_return(struct tracelog *log, struct tl_thread *thread, struct tl_code *info, int line, int depth, PyObject *value)
{
	char repr[TL_FAST_REPR];
	int len = 0;
	const char *location;
	uint32_t location_len;
	struct tl_rec *rec;

	if (log->closed || log->failed)
		return false;
	if (value != NULL && (len = fast_repr(repr, value)) < 0)
		return false;
	location = tl_location(log, info, line, &location_len);
	if (location == NULL)
		return false;
	event_begin(log, thread, depth);
	rec = record_start(log, thread, depth, TL_REC_RETURN, sizeof(*rec) + TL_REC_PAD((size_t)len));
	rec->text = location;
	rec->text_len = location_len;
	rec->extra = (uint16_t)len;
	if (value != NULL) {
		rec->flags |= TL_REC_VALUE;
		memcpy(rec + 1, repr, (size_t)len);
	}
	tl_commit(log);
	return true;
}

/* ---- Emitting ---- */

static void emit(struct tracelog *log, struct tl_event *ev)
{
	if (!event_begin(log, ev->thread, ev->depth))
		return;
	log->fmt->event(log, ev);
	tl_commit(log);
}

static struct tl_kv *kv_slot(struct tl_thread *thread, size_t index)
{
	if (index >= thread->kv_cap) {
		thread->kv_cap = thread->kv_cap ? thread->kv_cap * 2 : 16;
		thread->kv = xrealloc(thread->kv, thread->kv_cap * sizeof(*thread->kv));
	}
	return &thread->kv[index];
}

/* Arguments of a call, as names and reprs in the thread's scratch. */
static void collect_args(struct tracelog *log, struct tl_event *ev, PyFrameObject *frame)
{
	struct tl_thread *thread = ev->thread;
	struct tl_code *info = ev->code;
	PyObject *locals = NULL;
	Py_ssize_t i;

	ev->kv = thread->kv;
	ev->nkv = 0;
	for (i = 0; i < info->nargs; i++) {
		PyObject *value;
		struct tl_kv *kv;

		if (info->arg_esc[i].s == NULL)
			continue;
		value = Py_XNewRef(compat_frame_arg(frame, info->code, i));
		/* The fast slot is empty for an argument that is a cell. */
		if (value == NULL)
			value = compat_frame_var(frame, PyTuple_GET_ITEM(info->arg_names, i), &locals);
		if (value == NULL)
			continue;
		kv = kv_slot(thread, ev->nkv);
		kv->name = info->arg_esc[i].s;
		kv->name_len = info->arg_esc[i].len;
		kv->name_escaped = true;
		kv->value_off = thread->scratch.len;
		kv->value_plain = tl_repr(log, &thread->scratch, value, TL_REPR_LIMIT);
		kv->value_len = thread->scratch.len - kv->value_off;
		Py_DECREF(value);
		ev->kv = thread->kv;
		ev->nkv++;
	}
	Py_XDECREF(locals);
}

static bool immutable_atom(PyObject *obj)
{
	return obj == Py_None || PyBool_Check(obj) || PyLong_CheckExact(obj) || PyFloat_CheckExact(obj) || PyUnicode_CheckExact(obj) || PyBytes_CheckExact(obj);
}

static bool skip_var(const struct tl_code *info, PyObject *name, PyObject *value)
{
	const char *s = PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : NULL;

	if (s == NULL) {
		PyErr_Clear();
		return true;
	}
	if (s[0] == '_' && s[1] == '_')
		return true;
	/* A module's namespace also contains its imports, functions and
	 * classes, which are not the values a reader follows. */
	return info->module && (PyModule_Check(value) || PyFunction_Check(value) || PyType_Check(value) || PyCFunction_Check(value));
}

static struct tl_var *find_var(struct tl_frame *entry, PyObject *name)
{
	size_t i;

	for (i = 0; i < entry->nvars; i++)
		if (entry->vars[i].name == name || PyUnicode_Compare(entry->vars[i].name, name) == 0)
			return &entry->vars[i];
	return NULL;
}

/* Compare one local with the frame's snapshot; add it to the event when
 * it is new or its repr changed. */
static void check_var(struct tracelog *log, struct tl_event *ev, struct tl_frame *entry, PyObject *name, PyObject *value)
{
	struct tl_thread *thread = ev->thread;
	struct tl_var *var = find_var(entry, name);
	size_t off;
	struct tl_kv *kv;
	Py_ssize_t name_len;

	if (var != NULL && var->identity == value && immutable_atom(value))
		return;
	off = thread->scratch.len;
	tl_repr(log, &thread->scratch, value, TL_REPR_LIMIT);
	if (var != NULL && var->repr_len == thread->scratch.len - off && memcmp(var->repr, thread->scratch.data + off, var->repr_len) == 0) {
		var->identity = value;
		thread->scratch.len = off;
		return;
	}
	if (var == NULL) {
		entry->vars = xrealloc(entry->vars, (entry->nvars + 1) * sizeof(*entry->vars));
		var = &entry->vars[entry->nvars++];
		var->name = Py_NewRef(name);
		var->repr = NULL;
	}
	free(var->repr);
	var->repr_len = thread->scratch.len - off;
	var->repr = xstrndup(thread->scratch.data + off, var->repr_len);
	var->identity = value;
	kv = kv_slot(thread, ev->nkv);
	kv->name_escaped = false;
	kv->value_plain = false;
	kv->name = PyUnicode_AsUTF8AndSize(name, &name_len);
	kv->name_len = kv->name ? (size_t)name_len : 0;
	if (kv->name == NULL) {
		PyErr_Clear();
		kv->name = "?";
		kv->name_len = 1;
	}
	kv->value_off = off;
	kv->value_len = var->repr_len;
	ev->nkv++;
}

/* Locals of frame that changed since the frame's previous line event. */
static void collect_vars(struct tracelog *log, struct tl_event *ev, struct tl_frame *entry, PyFrameObject *frame)
{
	PyObject *locals, *items;
	Py_ssize_t i;

	ev->kv = ev->thread->kv;
	ev->nkv = 0;
	log->busy++;
	locals = compat_frame_locals(frame);
	items = locals ? PyMapping_Items(locals) : NULL;
	log->busy--;
	if (items == NULL) {
		PyErr_Clear();
		Py_XDECREF(locals);
		return;
	}
	for (i = 0; i < PyList_GET_SIZE(items); i++) {
		PyObject *pair = PyList_GET_ITEM(items, i);
		PyObject *name, *value;

		if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2)
			continue;
		name = PyTuple_GET_ITEM(pair, 0);
		value = PyTuple_GET_ITEM(pair, 1);
		if (skip_var(entry->info, name, value))
			continue;
		check_var(log, ev, entry, name, value);
		ev->kv = ev->thread->kv;
	}
	Py_DECREF(items);
	Py_DECREF(locals);
}

/* ---- Event handlers ---- */

static void event_init(struct tracelog *log, struct tl_event *ev, enum tl_kind kind, struct tl_thread *thread, struct tl_code *info, int depth)
{
	/* Field by field, for the same reason as in push_frame. */
	ev->kind = kind;
	ev->thread = thread;
	ev->code = info;
	ev->entry = NULL;
	ev->line = 0;
	ev->depth = depth;
	ev->ts_ns = 0;
	ev->by_exception = false;
	ev->exc_name = NULL;
	ev->src = NULL;
	ev->src_len = 0;
	ev->has_value = false;
	ev->value_plain = false;
	ev->value_off = ev->value_len = 0;
	ev->exc_type_off = ev->exc_type_len = 0;
	ev->exc_msg_off = ev->exc_msg_len = 0;
	ev->kv = NULL;
	ev->nkv = 0;
	thread->scratch.len = 0;
}

static int frame_line(PyFrameObject *frame, struct tl_code *info)
{
	int key = compat_frame_line_key(frame);
	int slot = key >= 0 ? (key / 2) % TL_LINE_MEMO : 0;
	int line;

	if (key >= 0 && info->line_memo[slot].key_plus_one == key + 1)
		return info->line_memo[slot].line;
	line = compat_frame_lineno(frame);
	/* From 3.11 a module's call event reports line 0. */
	if (line <= 0)
		line = info->first_line;
	if (key >= 0) {
		info->line_memo[slot].key_plus_one = key + 1;
		info->line_memo[slot].line = line;
	}
	return line;
}

static void on_call(struct tracelog *log, struct tl_thread *thread, PyFrameObject *frame, PyCodeObject *code, struct tl_code *info)
{
	bool resume = info->generator && compat_frame_is_resume(frame, info->bytecode);
	struct tl_frame *entry = push_frame(thread, frame, code, info);
	int depth = thread->depth - 1;
	long limit = log->opts->trace_depth;
	struct tl_event ev;
	int line;

	entry->logged = limit < 0 || depth <= limit;
	if (log->timing)
		entry->start_ns = now_ns();
	if (log->opts->summary)
		entry->nested = runs_below(thread, info);
	if (!resume)
		info->calls++;
	if (!entry->logged || !log->want[resume ? TL_RESUME : TL_CALL])
		return;
	line = frame_line(frame, info);
	if (log->records && !resume && record_call(log, thread, frame, info, line, depth))
		return;
	event_init(log, &ev, resume ? TL_RESUME : TL_CALL, thread, info, depth);
	ev.entry = entry;
	ev.line = line;
	ev.ts_ns = entry->start_ns - log->start_ns;
	/* Formats without line events (chrome) show no values either. */
	if (!resume && info->nargs > 0 && log->fmt->lines)
		collect_args(log, &ev, frame);
	emit(log, &ev);
}

static void on_line(struct tracelog *log, struct tl_thread *thread, PyFrameObject *frame, struct tl_code *info)
{
	struct tl_frame *entry = NULL;
	int index = thread->depth - 1;
	struct tl_event ev;
	int line;

	if (index < 0 || thread->stack[index].frame != frame)
		index = find_frame(thread, frame);
	if (index >= 0) {
		entry = &thread->stack[index];
	}
	line = compat_frame_lineno(frame);
	if (log->opts->summary) {
		struct tl_line *slot = tl_line_slot(info, line);

		if (slot != NULL)
			slot->hits++;
	}
	if ((entry != NULL && !entry->logged) || !log->want[TL_LINE])
		return;
	if (log->records && cached_line_event(log, thread, info, line, index >= 0 ? index : thread->depth))
		return;
	event_init(log, &ev, TL_LINE, thread, info, index >= 0 ? index : thread->depth);
	ev.entry = entry;
	ev.line = line;
	if (log->opts->trace_timestamps)
		ev.ts_ns = now_ns() - log->start_ns;
	if (log->opts->trace_vars && entry != NULL)
		collect_vars(log, &ev, entry, frame);
	ev.src = tl_source(log, info, line, &ev.src_len);
	emit(log, &ev);
}

/* Whether a return event ends the frame because of an exception. */
static bool return_by_exception(const struct tl_frame *entry, PyObject *arg)
{
	if (arg == NULL)
		return true;
#if COMPAT_UNWIND_RETURNS_NONE
	/* The frame did not stop at a return or yield instruction, or it was
	 * resumed by throw() at its yield and raised there. */
	if (arg == Py_None && entry->info->bytecode != NULL) {
		int at = compat_frame_stop_kind(entry->frame, entry->info->bytecode);

		return at == COMPAT_STOP_OTHER || (at == COMPAT_STOP_YIELD && entry->exc_pending);
	}
#else
	(void)entry;
#endif
	return false;
}

/* Pop the entries above index, whose return events never came. */
static void pop_unmatched(struct tracelog *log, struct tl_thread *thread, int index, uint64_t now)
{
	if (thread->depth - 1 <= index)
		return;
	if (log->fmt->close_open != NULL && !log->failed && !log->closed)
		log->fmt->close_open(log, thread, index + 1, now - log->start_ns);
	while (thread->depth - 1 > index)
		pop_frame(log, thread, now);
}

static void on_return(struct tracelog *log, struct tl_thread *thread, PyFrameObject *frame, struct tl_code *info, PyObject *arg)
{
	int index = thread->depth - 1;
	struct tl_frame *entry;
	uint64_t now = log->timing ? now_ns() : 0;
	struct tl_event ev;
	bool by_exception;

	if (index < 0 || thread->stack[index].frame != frame)
		index = find_frame(thread, frame);
	if (index < 0)
		return; /* its call came before tracing started */
	pop_unmatched(log, thread, index, now);
	entry = &thread->stack[index];
	by_exception = return_by_exception(entry, arg);
	/* An exception that stopped in this frame was handled here. */
	if (entry->exc_pending && !by_exception)
		count_caught(log, entry);
	if (entry->logged) {
		bool yield = !by_exception && info->generator && compat_frame_is_yield(frame, info->bytecode);
		enum tl_kind kind = yield ? TL_YIELD : TL_RETURN;

		/* A record runs no Python code, so the entry is still on top. */
		if (log->want[kind] && log->records && kind == TL_RETURN && !by_exception && record_return(log, thread, info, frame_line(frame, info), index, arg)) {
			pop_frame(log, thread, now);
			return;
		}
		if (log->want[kind]) {
			event_init(log, &ev, kind, thread, info, index);
			ev.entry = entry;
			ev.line = frame_line(frame, info);
			ev.ts_ns = now - log->start_ns;
			ev.by_exception = by_exception;
			ev.exc_name = by_exception && entry->exc_name[0] ? entry->exc_name : NULL;
			if (!by_exception && arg != NULL && log->fmt->lines) {
				ev.has_value = true;
				ev.value_off = thread->scratch.len;
				ev.value_plain = tl_repr(log, &thread->scratch, arg, TL_REPR_LIMIT);
				ev.value_len = thread->scratch.len - ev.value_off;
			}
			emit(log, &ev);
		}
	}
	/* The repr above may have run Python code; find the entry again. */
	index = find_frame(thread, frame);
	if (index >= 0) {
		pop_unmatched(log, thread, index, now);
		pop_frame(log, thread, now);
	}
}

/* Whether an exception event re-raises, with `raise exc`, the exception
 * that already passed through this frame: the traceback then starts with
 * this frame twice. Comparing addresses is not enough, because a new
 * exception often gets the address of a freed one. */
static bool is_reraise(PyFrameObject *frame, PyObject *value, PyObject *tb, const struct tl_frame *entry)
{
	PyTracebackObject *head = (PyTracebackObject *)tb;

	if (!entry->exc_pending || entry->last_exc != value || tb == NULL || !PyTraceBack_Check(tb))
		return false;
	return head->tb_frame == frame && head->tb_next != NULL && head->tb_next->tb_frame == frame;
}

static void on_exception(struct tracelog *log, struct tl_thread *thread, PyFrameObject *frame, struct tl_code *info, PyObject *arg)
{
	int index = find_frame(thread, frame);
	struct tl_frame *entry = index >= 0 ? &thread->stack[index] : NULL;
	PyObject *value, *tb;
	struct tl_event ev;
	struct tl_exc_count *count;
	size_t type_len;
	bool repeat;

	if (arg == NULL || !PyTuple_Check(arg) || PyTuple_GET_SIZE(arg) != 3)
		return;
	value = PyTuple_GET_ITEM(arg, 1);
	tb = PyTuple_GET_ITEM(arg, 2);
	if (!PyExceptionInstance_Check(value))
		return;
	repeat = entry != NULL && is_reraise(frame, value, tb, entry);

	event_init(log, &ev, TL_EXCEPTION, thread, info, index >= 0 ? index : thread->depth);
	ev.entry = entry;
	ev.line = PyFrame_GetLineNumber(frame);
	ev.exc_type_off = thread->scratch.len;
	tl_exception_parts(log, &thread->scratch, value, &type_len, &ev.exc_msg_off, &ev.exc_msg_len);
	ev.exc_type_len = type_len;

	/* Re-find: the str() above may have run Python code. */
	index = find_frame(thread, frame);
	entry = index >= 0 ? &thread->stack[index] : NULL;
	if (entry != NULL) {
		size_t n = type_len < sizeof(entry->exc_name) - 1 ? type_len : sizeof(entry->exc_name) - 1;

		/* A different exception replaces one handled here before. */
		if (entry->exc_pending && !repeat)
			count_caught(log, entry);

		memcpy(entry->exc_name, thread->scratch.data + ev.exc_type_off, n);
		entry->exc_name[n] = '\0';
		entry->exc_pending = true;
		entry->last_exc = value;
	}
	if (repeat)
		return;
	/* An exception whose traceback holds only this frame started here. */
	if (tb == Py_None || tb == NULL || ((PyTracebackObject *)tb)->tb_next == NULL) {
		count = exception_count(log, entry != NULL ? entry->exc_name : log->exc_name_cached);
		if (count != NULL)
			count->raised++;
	}
	if ((entry != NULL && !entry->logged) || !log->want[TL_EXCEPTION])
		return;
	if (log->opts->trace_timestamps || log->fmt == &tl_format_chrome)
		ev.ts_ns = now_ns() - log->start_ns;
	emit(log, &ev);
}

/* Record one trace event. Called with the GIL held from the trace
 * function of any thread. Never raises. */
void tracelog_event(struct tracelog *log, PyFrameObject *frame, int what, PyObject *arg)
{
	PyCodeObject *code;
	struct tl_code *info;
	struct tl_thread *thread;

	if (log == NULL || log->closed || log->fork_generation != fork_generation)
		return;
	/* Most line and return events belong to the frame on top of the
	 * thread's stack, whose code is known without a lookup. */
	if (what != PyTrace_CALL && tls_log_id == log->id && tls_thread->depth > 0 && tls_thread->stack[tls_thread->depth - 1].frame == frame) {
		thread = tls_thread;
		info = thread->stack[thread->depth - 1].info;
		if (what == PyTrace_LINE)
			on_line(log, thread, frame, info);
		else if (what == PyTrace_RETURN)
			on_return(log, thread, frame, info, arg);
		else if (what == PyTrace_EXCEPTION)
			on_exception(log, thread, frame, info, arg);
		return;
	}
	code = compat_frame_code(frame);
	info = code_info(log, frame, code);
	if (info == NULL || !info->traced || log->closed) {
		Py_DECREF(code);
		return;
	}
	thread = current_thread(log);
	switch (what) {
	case PyTrace_CALL:
		on_call(log, thread, frame, code, info); /* keeps the reference */
		return;
	case PyTrace_LINE:
		on_line(log, thread, frame, info);
		break;
	case PyTrace_RETURN:
		on_return(log, thread, frame, info, arg);
		break;
	case PyTrace_EXCEPTION:
		on_exception(log, thread, frame, info, arg);
		break;
	default:
		break;
	}
	Py_DECREF(code);
}

/* ---- Open and close ---- */

static void add_lib_dir(struct tracelog *log, const char *dir)
{
	char *real;
	size_t i;

	if (dir == NULL || dir[0] != '/')
		return;
	real = realpath(dir, NULL);
	if (real == NULL)
		real = xstrndup(dir, strlen(dir));
	for (i = 0; i < log->nlib_dirs; i++) {
		if (strcmp(log->lib_dirs[i], real) == 0) {
			free(real);
			return;
		}
	}
	log->lib_dirs = xrealloc(log->lib_dirs, (log->nlib_dirs + 1) * sizeof(*log->lib_dirs));
	log->lib_dirs[log->nlib_dirs++] = real;
}

static void add_lib_dirs_from(struct tracelog *log, PyObject *list)
{
	PyObject *iter = list ? PyObject_GetIter(list) : NULL;
	PyObject *item;

	if (iter == NULL) {
		PyErr_Clear();
		return;
	}
	while ((item = PyIter_Next(iter)) != NULL) {
		if (PyUnicode_Check(item))
			add_lib_dir(log, PyUnicode_AsUTF8(item));
		PyErr_Clear();
		Py_DECREF(item);
	}
	PyErr_Clear();
	Py_DECREF(iter);
}

/* The standard library and site-packages directories: sysconfig's
 * stdlib and purelib paths, site's directories, and every sys.path entry
 * inside a site-packages or dist-packages directory. */
static void find_lib_dirs(struct tracelog *log)
{
	static const char *const keys[] = {"stdlib", "platstdlib", "purelib", "platlib"};
	PyObject *sysconfig = PyImport_ImportModule("sysconfig");
	PyObject *paths = sysconfig ? PyObject_CallMethod(sysconfig, "get_paths", NULL) : NULL;
	PyObject *site = PyImport_ImportModule("site");
	PyObject *list;
	PyObject *sys_path = PySys_GetObject("path");
	size_t i;
	Py_ssize_t k;

	PyErr_Clear();
	for (i = 0; paths && PyDict_Check(paths) && i < sizeof(keys) / sizeof(keys[0]); i++) {
		PyObject *value = PyDict_GetItemString(paths, keys[i]);

		if (value != NULL && PyUnicode_Check(value))
			add_lib_dir(log, PyUnicode_AsUTF8(value));
	}
	if (site != NULL) {
		list = PyObject_CallMethod(site, "getsitepackages", NULL);
		add_lib_dirs_from(log, list);
		Py_XDECREF(list);
		list = PyObject_CallMethod(site, "getusersitepackages", NULL);
		if (list != NULL && PyUnicode_Check(list))
			add_lib_dir(log, PyUnicode_AsUTF8(list));
		Py_XDECREF(list);
	}
	PyErr_Clear();
	for (k = 0; sys_path && PyList_Check(sys_path) && k < PyList_GET_SIZE(sys_path); k++) {
		PyObject *entry = PyList_GET_ITEM(sys_path, k);
		const char *s = PyUnicode_Check(entry) ? PyUnicode_AsUTF8(entry) : NULL;

		if (s != NULL && (strstr(s, "/site-packages") || strstr(s, "/dist-packages")))
			add_lib_dir(log, s);
		PyErr_Clear();
	}
	Py_XDECREF(paths);
	Py_XDECREF(sysconfig);
	Py_XDECREF(site);
}

static void choose_format(struct tracelog *log)
{
	const struct options *opts = log->opts;
	unsigned mask = opts->trace_events;

	switch (opts->trace_format) {
	case TRACE_JSONL: log->fmt = &tl_format_jsonl; break;
	case TRACE_CHROME: log->fmt = &tl_format_chrome; break;
	default: log->fmt = &tl_format_text; break;
	}
	log->want[TL_CALL] = log->want[TL_RESUME] = (mask & TRACE_EV_CALL) != 0;
	log->want[TL_RETURN] = log->want[TL_YIELD] = (mask & TRACE_EV_RETURN) != 0;
	log->want[TL_LINE] = (mask & TRACE_EV_LINE) != 0 && log->fmt->lines;
	log->want[TL_EXCEPTION] = (mask & TRACE_EV_EXCEPTION) != 0;
	if (log->fmt == &tl_format_chrome) {
		/* A call's slice needs both ends. */
		bool slices = (mask & (TRACE_EV_CALL | TRACE_EV_RETURN)) != 0;

		log->want[TL_CALL] = log->want[TL_RESUME] = slices;
		log->want[TL_RETURN] = log->want[TL_YIELD] = slices;
	}
	log->records = log->fmt->render != NULL && !opts->trace_vars && !opts->trace_timestamps;
	log->timing = opts->trace_timestamps || opts->summary || log->fmt == &tl_format_chrome;
}

/* Whether fd is open on the file that st describes. */
static bool same_file(const struct stat *st, int fd)
{
	struct stat other;

	return fstat(fd, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

/* Open the destination. A path that cannot be opened is reported now and
 * the program still runs, with its events counted as dropped. */
static void open_destination(struct tracelog *log)
{
	const char *output = log->opts->trace_output;
	struct stat st;

	if (output == NULL) {
		log->fd = STDERR_FILENO;
		log->path = xstrndup("stderr", 6);
	} else if (strcmp(output, "-") == 0) {
		log->fd = STDOUT_FILENO;
		log->path = xstrndup("stdout", 6);
	} else {
		log->path = xstrndup(output, strlen(output));
		log->fd = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (log->fd < 0) {
			report_failure(log, errno);
			return;
		}
		log->owns_fd = true;
	}
	log->tty = isatty(log->fd) != 0;
	log->stream = !log->tty && fstat(log->fd, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISCHR(st.st_mode);
	log->shares_output = log->stream && (same_file(&st, STDOUT_FILENO) || same_file(&st, STDERR_FILENO));
	if (log->stream)
		start_writer(log);
}

static bool has_module_pattern(char **patterns, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (is_module_pattern(patterns[i]))
			return true;
	return false;
}

static void find_paths(struct tracelog *log, const char *main_file)
{
	char cwd[PATH_MAX];
	char *slash;

	if (getcwd(cwd, sizeof(cwd)) != NULL)
		log->cwd = xstrndup(cwd, strlen(cwd));
	if (main_file != NULL) {
		char *real = realpath(main_file, NULL);

		log->main_file = real ? real : xstrndup(main_file, strlen(main_file));
		log->main_dir = xstrndup(log->main_file, strlen(log->main_file));
		slash = strrchr(log->main_dir, '/');
		if (slash != NULL)
			*(slash == log->main_dir ? slash + 1 : slash) = '\0';
	}
}

static bool import_helpers(struct tracelog *log, char *err, size_t errlen)
{
	PyObject *linecache = PyImport_ImportModule("linecache");
	PyObject *threading;

	if (linecache == NULL) {
		PyErr_Clear();
		snprintf(err, errlen, "cannot start trace mode: the linecache module failed to import");
		return false;
	}
	log->linecache_getline = PyObject_GetAttrString(linecache, "getline");
	Py_DECREF(linecache);
	threading = PyImport_ImportModule("threading");
	if (threading != NULL) {
		log->threading_active = PyObject_GetAttrString(threading, "_active");
		Py_DECREF(threading);
	}
	PyErr_Clear();
	if (log->linecache_getline == NULL) {
		snprintf(err, errlen, "cannot start trace mode: linecache.getline is missing");
		return false;
	}
	return true;
}

/* ---- os._exit ---- */

/* The open log and the os._exit it replaces. os._exit ends the process
 * without any exit processing, which would lose the events still
 * buffered, so while a log is open os._exit first finishes the log. The
 * wrapper has no other way to reach the log than this pointer. */
static struct tracelog *exit_log;
static PyObject *original_exit; /* owned */
static PyObject *exit_wrapper;  /* owned */

/* Read into *status the status that os._exit(*args, **kwargs) exits
 * with. Returns false when the call would raise instead. */
static bool exit_status_of(PyObject *args, PyObject *kwargs, int *status)
{
	PyObject *value = NULL;
	int overflow;
	long result;

	if (PyTuple_GET_SIZE(args) == 1 && (kwargs == NULL || PyDict_GET_SIZE(kwargs) == 0))
		value = PyTuple_GET_ITEM(args, 0);
	else if (PyTuple_GET_SIZE(args) == 0 && kwargs != NULL && PyDict_GET_SIZE(kwargs) == 1)
		value = PyDict_GetItemString(kwargs, "status");
	if (value == NULL || !PyLong_Check(value))
		return false;
	result = PyLong_AsLongAndOverflow(value, &overflow);
	if (overflow != 0 || result < INT_MIN || result > INT_MAX)
		return false;
	*status = (int)result;
	return true;
}

static PyObject *exit_now(PyObject *self, PyObject *args, PyObject *kwargs)
{
	struct tracelog *log = exit_log;
	int status;

	(void)self;
	if (log != NULL && log->fork_generation == fork_generation && exit_status_of(args, kwargs, &status)) {
		exit_log = NULL;
		tracelog_close(log, status, NULL);
	}
	return PyObject_Call(original_exit, args, kwargs);
}

static PyMethodDef exit_def = {"_exit", (PyCFunction)(void (*)(void))exit_now, METH_VARARGS | METH_KEYWORDS, NULL};

/* Put the os._exit wrapper in place for log. */
static void wrap_exit(struct tracelog *log)
{
	PyObject *os = PyImport_ImportModule("os");

	if (os != NULL && original_exit == NULL) {
		original_exit = PyObject_GetAttrString(os, "_exit");
		exit_wrapper = original_exit ? PyCFunction_New(&exit_def, NULL) : NULL;
	}
	if (os != NULL && exit_wrapper != NULL && PyObject_SetAttrString(os, "_exit", exit_wrapper) == 0)
		exit_log = log;
	Py_XDECREF(os);
	PyErr_Clear();
}

/* Put the original os._exit back, unless the program replaced it. */
static void unwrap_exit(struct tracelog *log)
{
	PyObject *os, *current;

	if (exit_log != log)
		return;
	exit_log = NULL;
	os = PyImport_ImportModule("os");
	current = os ? PyObject_GetAttrString(os, "_exit") : NULL;
	if (current == exit_wrapper && PyObject_SetAttrString(os, "_exit", original_exit) < 0)
		PyErr_Clear();
	Py_XDECREF(current);
	Py_XDECREF(os);
	PyErr_Clear();
}

/* ---- SIGTERM ---- */

/* A job that times out in CI is often ended by SIGTERM, which timeout(1)
 * sends by default. By default SIGTERM ends the process at once and loses
 * the end of the log, the part that shows where the program was. While a
 * log is open and the program has not set its own SIGTERM handler, a
 * handler set through the signal module finishes the log and then dies by
 * SIGTERM as before. Python runs that handler between bytecodes, so a
 * program stuck in C code would not end: a watchdog thread then ends it
 * TERM_GRACE_S seconds after the signal, log or not. */
#define TERM_GRACE_S 2

static PyObject *term_handler; /* owned: the handler set in the signal module */
static bool term_caught;       /* term_handler is set, and the watchdog runs */
static void (*python_term_action)(int); /* the signal module's C handler */
static sem_t term_sem;
static pthread_t term_watchdog;
static volatile sig_atomic_t term_watchdog_stop;

/* Die by SIGTERM, as the program would have without ctrace. */
static void die_by_sigterm(void)
{
	sigset_t term;

	signal(SIGTERM, SIG_DFL);
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	pthread_sigmask(SIG_UNBLOCK, &term, NULL);
	kill(getpid(), SIGTERM);
	_exit(128 + SIGTERM);
}

/* The process's SIGTERM action: the signal module's, and a wake-up for
 * the watchdog. Only async-signal-safe calls. */
static void on_sigterm(int signum)
{
	if (python_term_action != NULL)
		python_term_action(signum);
	sem_post(&term_sem);
}

static void *watchdog_main(void *arg)
{
	struct timespec grace = {TERM_GRACE_S, 0};

	(void)arg;
	while (sem_wait(&term_sem) < 0)
		continue;
	if (term_watchdog_stop)
		return NULL;
	while (nanosleep(&grace, &grace) < 0)
		continue;
	die_by_sigterm();
	return NULL;
}

static PyObject *term_now(PyObject *self, PyObject *args)
{
	struct tracelog *log = exit_log;

	(void)self;
	(void)args;
	if (log != NULL && log->fork_generation == fork_generation) {
		/* The watchdog stays: it ends the process should closing the
		 * log take longer than the grace period. */
		term_caught = false;
		exit_log = NULL;
		tracelog_close(log, 128 + SIGTERM, NULL);
	}
	die_by_sigterm();
	Py_RETURN_NONE;
}

static PyMethodDef term_def = {"ctrace_sigterm", term_now, METH_VARARGS, NULL};

/* Return the program's SIGTERM handler as the signal module has it, or
 * NULL. */
static PyObject *sigterm_handler(PyObject *signal_module)
{
	PyObject *handler = PyObject_CallMethod(signal_module, "getsignal", "i", SIGTERM);

	PyErr_Clear();
	return handler;
}

/* Set the SIGTERM handler in the signal module, or SIG_DFL when handler is
 * NULL. Returns false on failure. */
static bool set_sigterm_handler(PyObject *signal_module, PyObject *handler)
{
	PyObject *result = handler ? PyObject_CallMethod(signal_module, "signal", "iO", SIGTERM, handler) : PyObject_CallMethod(signal_module, "signal", "ii", SIGTERM, 0);

	PyErr_Clear();
	Py_XDECREF(result);
	return result != NULL;
}

/* Start the watchdog behind the signal module's C handler for SIGTERM.
 * Returns false when it cannot start. */
static bool start_term_watchdog(void)
{
	struct sigaction action;
	sigset_t all, old;
	int rc;

	if (sigaction(SIGTERM, NULL, &action) < 0 || (action.sa_flags & SA_SIGINFO) || sem_init(&term_sem, 0, 0) < 0)
		return false;
	term_watchdog_stop = 0;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&term_watchdog, NULL, watchdog_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		sem_destroy(&term_sem);
		return false;
	}
	python_term_action = action.sa_handler;
	action.sa_handler = on_sigterm;
	sigaction(SIGTERM, &action, NULL);
	return true;
}

/* Set the SIGTERM handler and start the watchdog, when the program's
 * SIGTERM action is still the default. */
static void catch_sigterm(void)
{
	PyObject *signal_module = PyImport_ImportModule("signal");
	PyObject *current = signal_module ? sigterm_handler(signal_module) : NULL;
	PyObject *dfl = signal_module ? PyObject_GetAttrString(signal_module, "SIG_DFL") : NULL;

	PyErr_Clear();
	if (term_handler == NULL)
		term_handler = PyCFunction_New(&term_def, NULL);
	if (current != NULL && dfl != NULL && term_handler != NULL && PyObject_RichCompareBool(current, dfl, Py_EQ) == 1 && set_sigterm_handler(signal_module, term_handler)) {
		term_caught = start_term_watchdog();
		if (!term_caught)
			set_sigterm_handler(signal_module, NULL);
	}
	Py_XDECREF(dfl);
	Py_XDECREF(current);
	Py_XDECREF(signal_module);
	PyErr_Clear();
}

/* End the watchdog and put SIGTERM's default action back, unless the
 * program set its own handler. */
static void release_sigterm(void)
{
	PyObject *signal_module, *current;

	if (!term_caught)
		return;
	term_caught = false;
	term_watchdog_stop = 1;
	sem_post(&term_sem);
	pthread_join(term_watchdog, NULL);
	sem_destroy(&term_sem);
	signal_module = PyImport_ImportModule("signal");
	current = signal_module ? sigterm_handler(signal_module) : NULL;
	if (current != NULL && current == term_handler)
		set_sigterm_handler(signal_module, NULL);
	Py_XDECREF(current);
	Py_XDECREF(signal_module);
	PyErr_Clear();
}

static bool github_actions(void)
{
	const char *value = getenv("GITHUB_ACTIONS");

	return value != NULL && strcmp(value, "true") == 0;
}

/* Open the log described by opts. Returns NULL with err set only when
 * trace mode cannot start at all; an unwritable destination is reported
 * on stderr and the program still runs. Needs the GIL. */
struct tracelog *tracelog_open(const struct options *opts, const char *main_file, char *err, size_t errlen)
{
	struct tracelog *log;

	if (code_extra_index < 0) {
		code_extra_index = compat_code_extra_index(code_extra_release);
		if (code_extra_index < 0) {
			PyErr_Clear();
			snprintf(err, errlen, "cannot start trace mode: no code-object extra slot is left in this interpreter");
			return NULL;
		}
	}
	if (!atfork_registered) {
		pthread_atfork(NULL, NULL, on_fork_child);
		atfork_registered = true;
	}
	log = xrealloc(NULL, sizeof(*log));
	memset(log, 0, sizeof(*log));
	log->opts = opts;
	log->id = next_log_id++;
	log->fork_generation = fork_generation;
	log->fd = -1;
	log->github = github_actions();
	log->text_thread_tags = opts->trace_threads;
	log->main_ident = PyThread_get_thread_ident();
	log->pid = (long)getpid();
	choose_format(log);
	if (!import_helpers(log, err, errlen)) {
		Py_XDECREF(log->linecache_getline);
		Py_XDECREF(log->threading_active);
		free(log);
		return NULL;
	}
	find_paths(log, main_file);
	find_lib_dirs(log);
	log->need_module_names = has_module_pattern(opts->includes, opts->nincludes) || has_module_pattern(opts->excludes, opts->nexcludes);
	open_destination(log);
	log->start_ns = now_ns();
	if (!log->failed)
		log->fmt->begin(log);
	wrap_exit(log);
	catch_sigterm();
	return log;
}

/* Close the calls still open in every thread (chrome needs an end for
 * each begin), then empty the stacks. */
static void close_threads(struct tracelog *log, uint64_t now)
{
	struct tl_thread *thread;

	for (thread = log->threads; thread != NULL; thread = thread->next) {
		if (log->fmt->close_open != NULL && !log->failed && thread->depth > 0)
			log->fmt->close_open(log, thread, 0, now - log->start_ns);
		while (thread->depth > 0) {
			struct tl_frame *entry = &thread->stack[thread->depth - 1];

			vars_free(entry);
			Py_DECREF(entry->frame);
			Py_DECREF(entry->code_obj);
			thread->depth--;
		}
	}
}

/* Take the code infos out of the code objects, so the interpreter never
 * calls back into a closed log. */
static void detach_codes(struct tracelog *log)
{
	struct tl_code *info;

	for (info = log->codes; info != NULL; info = info->next)
		info->log = NULL;
	for (info = log->codes; info != NULL; info = info->next)
		if (info->code != NULL && compat_code_set_extra((PyObject *)info->code, code_extra_index, NULL) < 0)
			PyErr_Clear();
}

static void free_log(struct tracelog *log)
{
	struct tl_code *info, *next_info;
	struct tl_thread *thread, *next_thread;
	size_t i;

	for (info = log->codes; info != NULL; info = next_info) {
		next_info = info->next;
		code_info_free(info);
	}
	for (info = log->dead_codes; info != NULL; info = next_info) {
		next_info = info->next;
		code_info_free(info);
	}
	for (thread = log->threads; thread != NULL; thread = next_thread) {
		next_thread = thread->next;
		thread_free(thread);
	}
	for (i = 0; i < log->nlib_dirs; i++)
		free(log->lib_dirs[i]);
	for (i = 0; i < log->nexcs; i++)
		free(log->excs[i].type);
	free(log->excs);
	free(log->lib_dirs);
	free(log->main_file);
	free(log->main_dir);
	free(log->cwd);
	free(log->path);
	free(log->exc_name_cached);
	Py_XDECREF(log->exc_type_cached);
	Py_XDECREF(log->linecache_getline);
	Py_XDECREF(log->threading_active);
	tl_buf_free(&log->out);
	tl_buf_free(&log->recs);
	tl_buf_free(&log->rendered);
	free(log);
}

/* Finish the log when the program has ended: write the summary if asked
 * for, close the destination and free log. Needs the GIL. Returns 0, or
 * -1 when the log could not be completed (the message is already on
 * stderr). */
int tracelog_close(struct tracelog *log, int exit_status, PyObject *uncaught)
{
	bool in_child;
	int status;

	if (log == NULL)
		return 0;
	in_child = log->fork_generation != fork_generation;
	if (in_child) {
		/* The parent writes this log; drop the copy of its buffer. */
		log->failed = true;
		log->out.len = 0;
		log->recs.len = 0;
		log->pending_events = 0;
	} else {
		unwrap_exit(log);
	}
	close_threads(log, now_ns());
	if (!in_child) {
		if (!log->failed)
			log->fmt->end(log);
		tl_flush(log);
		tl_summary_write(log, exit_status, uncaught);
		tl_flush(log);
	}
	status = log->failed ? -1 : 0;
	log->closed = true;
	detach_codes(log);
	if (log->owns_fd && close(log->fd) < 0 && !log->failed && !in_child) {
		report_failure(log, errno);
		status = -1;
	}
	/* Last, because when a SIGTERM came meanwhile the watchdog ends the
	 * process while this waits for it. */
	if (!in_child)
		release_sigterm();
	/* A thread waiting inside one of our Python calls would come back to
	 * freed memory; keep it then. */
	if (log->busy == 0)
		free_log(log);
	return status;
}
