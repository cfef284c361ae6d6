/* Private state of trace mode, shared by tracelog.c (events, filters,
 * threads, writer), the three formats and the summary. */
#ifndef CTRACE_TRACELOG_INTERNAL_H
#define CTRACE_TRACELOG_INTERNAL_H

#include "compat.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ctrace/options.h"

/* Bytes of one value's repr in the log, before it is cut with "...". */
#define TL_REPR_LIMIT 200

/* Call depths deeper than this are indented like this depth in text. */
#define TL_MAX_INDENT 60

/* A growable byte buffer. */
struct tl_buf {
	char *data;
	size_t len;
	size_t cap;
};

/* A string owned by its holder, with its length. */
struct tl_text {
	char *s;
	size_t len;
};

/* Kinds of logged events. RESUME and YIELD are the CALL and RETURN events
 * of a generator or coroutine that is resumed or suspended. */
enum tl_kind { TL_CALL, TL_RESUME, TL_LINE, TL_RETURN, TL_YIELD, TL_EXCEPTION };

/* Per source line of a code object: the source text, escaped for the
 * active format, and how often the line ran. */
struct tl_line {
	char *src; /* NULL until loaded; "" when there is no source */
	uint32_t src_len;
	uint32_t location_len;
	char *location; /* NULL until an event at this line is written */
	/* The whole line event as the active format writes it, but for the
	 * parts that vary (depth, thread), which go at event_split; NULL
	 * until built. */
	char *event;
	uint32_t event_len;
	uint32_t event_split;
	uint64_t hits;
};

/* Entries of tl_code's memo of lines by instruction offset. */
#define TL_LINE_MEMO 8

/* Per code object, created at its first event and stored in the code's
 * extra slot, so filtered-out code costs one lookup per event. */
struct tl_code {
	struct tracelog *log;
	PyCodeObject *code; /* borrowed; NULL once the code object died */
	struct tl_code *prev, *next;

	bool traced;    /* events of this code are logged */
	bool user;      /* user code, not the standard library or site-packages */
	bool generator; /* a generator, coroutine or async generator */
	bool module;    /* module or class body: locals are a namespace */

	char *file;      /* co_filename, absolute unless it is like "<string>" */
	char *display;   /* file relative to the working directory when under it */
	char *file_esc;  /* file or display, as the active format writes it */
	size_t file_esc_len;
	char *func;      /* qualified name */
	char *func_esc;
	size_t func_esc_len;
	int first_line;

	/* Argument names (a tuple, owned) and their count, for call events,
	 * and the names as the active format writes them (NULL for a name
	 * that cannot be shown). */
	PyObject *arg_names;
	Py_ssize_t nargs;
	struct tl_text *arg_esc;

	/* Bytecode (owned), read to tell resumes and yields from first calls
	 * and final returns in generators, and on 3.12 to detect returns by
	 * exception. */
	PyObject *bytecode;

	/* Lines of call and return events by the instruction offset that
	 * compat_frame_line_key returns. An unused entry has key_plus_one 0. */
	struct {
		int key_plus_one;
		int line;
	} line_memo[TL_LINE_MEMO];

	/* Lines indexed from line_base, grown on demand. */
	struct tl_line *lines;
	int line_base;
	int nlines;

	/* Summary statistics. */
	uint64_t calls;
	uint64_t total_ns;
	uint64_t self_ns;
};

/* Snapshot of one local variable for --vars. */
struct tl_var {
	PyObject *name; /* owned */
	PyObject *identity; /* borrowed, compared by address only */
	char *repr;
	size_t repr_len;
};

/* One frame on a thread's shadow stack. Only frames of traced code are
 * pushed; the depth of a frame is its index. */
struct tl_frame {
	PyFrameObject *frame; /* owned */
	PyObject *code_obj;   /* owned, keeps info valid */
	struct tl_code *info;
	bool logged;          /* within --depth */
	bool nested;          /* the same code runs lower on this thread's stack */
	bool exc_pending;     /* an exception event was the frame's last event */
	PyObject *last_exc;   /* address of the pending exception, not owned */
	char exc_name[64];    /* type of the exception being propagated */
	uint64_t start_ns;
	uint64_t child_ns;
	struct tl_var *vars;
	size_t nvars;
};

/* Per thread that produced a traced event. */
struct tl_thread {
	struct tl_thread *next;
	unsigned long ident;
	unsigned long native_id;
	char *name;
	char *name_esc; /* name as the active format writes it */
	size_t name_esc_len;
	/* The thread's fields as the active format writes them in every
	 * event (text: "[name] "); built by the format's thread_start. */
	char *format_tag;
	size_t format_tag_len;
	uint64_t events;
	struct tl_frame *stack;
	int depth;
	int cap;
	int max_depth;
	/* Reprs of the current event, formatted before the event is written
	 * because computing them may run Python code and switch threads. */
	struct tl_buf scratch;
	struct tl_kv *kv;
	size_t kv_cap;
};

/* A name and a repr in the owning thread's scratch buffer. */
struct tl_kv {
	const char *name;
	size_t name_len;
	bool name_escaped; /* name is already as the active format writes it */
	bool value_plain;  /* the value needs no escaping in any format */
	size_t value_off;
	size_t value_len;
};

/* One event as the formats see it. */
struct tl_event {
	enum tl_kind kind;
	struct tl_thread *thread;
	struct tl_code *code;
	struct tl_frame *entry; /* NULL for a frame whose call was not seen */
	int line;
	int depth;
	uint64_t ts_ns;         /* since the log was opened */
	bool by_exception;      /* return events */
	const char *exc_name;   /* return by exception: the exception type */
	const char *src;        /* line events: escaped source */
	size_t src_len;
	/* Computed values, in thread->scratch. */
	bool has_value;
	bool value_plain; /* see tl_kv */
	size_t value_off, value_len;
	size_t exc_type_off, exc_type_len;
	size_t exc_msg_off, exc_msg_len;
	struct tl_kv *kv; /* arguments of a call, changed variables of a line */
	size_t nkv;
};

/* A compact record of a common event (a line, a call whose arguments
 * need no escaping, a plain return), written by the traced thread in
 * place of the event's text. The text is made when the buffer is
 * written, by the background writer when one runs, so the traced thread
 * writes fewer bytes and does less work. A record refers only to strings
 * that live until the log is freed. */
enum tl_rec_kind { TL_REC_LINE, TL_REC_CALL, TL_REC_RETURN };

#define TL_REC_TAG 1    /* text: starts with the thread's name */
#define TL_REC_MODULE 2 /* call of a module or class body: no arguments */
#define TL_REC_VALUE 4  /* return with a value */

struct tl_rec {
	uint32_t raw_end;  /* bytes of log->out written before this event */
	int32_t depth;
	uint32_t text_len;
	uint16_t size;     /* of the record with what follows it, a multiple of 8 */
	uint16_t extra;    /* line: tl_line's event_split; call: argument count; return: value length */
	uint8_t kind;
	uint8_t flags;
	uint32_t tag_len;
	const char *text;  /* line: tl_line's event; call, return: the location */
	/* The thread's tl_thread.format_tag. A copy of the pointer, not the
	 * thread: the writer reading the thread struct, which the traced
	 * thread changes on every event, would make the two cores trade
	 * its cache line back and forth. */
	const char *tag;
	/* A call's arguments follow as struct tl_rec_arg, each followed by
	 * its value; a return's value follows the record. */
};

struct tl_rec_arg {
	const char *name; /* as the format writes it */
	uint32_t name_len;
	uint32_t value_len;
};

/* Bytes of a value in a record, padded so the next part stays aligned. */
#define TL_REC_PAD(n) (((n) + 7) & ~(size_t)7)

/* Exceptions by type, for the summary. */
struct tl_exc_count {
	char *type;
	uint64_t raised;
	uint64_t caught;
};

/* Output format operations. */
struct tl_format {
	bool relative_paths; /* show files relative to the working directory */
	bool lines;          /* writes line events */
	/* Escape s into out as the format writes strings. */
	void (*escape)(struct tracelog *log, struct tl_buf *out, const char *s, size_t n);
	void (*begin)(struct tracelog *log);
	void (*thread_start)(struct tracelog *log, struct tl_thread *thread);
	void (*event)(struct tracelog *log, const struct tl_event *ev);
	/* Append the part of an event that depends only on its code and line
	 * (file, line and function), which tl_put_location caches per line.
	 * NULL when the format does not use tl_put_location. */
	void (*location)(struct tracelog *log, struct tl_buf *out, const struct tl_code *code, int line);
	/* Render the fixed parts of a line event at line of code, with source
	 * src, into out, and return the offset where the varying parts go.
	 * NULL when the format writes no line events. */
	size_t (*line_cache)(struct tracelog *log, struct tl_buf *out, const struct tl_code *code, int line, const char *src, size_t src_len);
	/* Append the text of a record (NULL: the format makes none). */
	void (*render)(const struct tracelog *log, struct tl_buf *out, const struct tl_rec *rec);
	/* End, at ts_ns, the calls still open in thread from the top of its
	 * stack down to depth from (chrome only). */
	void (*close_open)(struct tracelog *log, struct tl_thread *thread, int from, uint64_t ts_ns);
	void (*end)(struct tracelog *log);
};

struct tracelog {
	const struct options *opts;
	const struct tl_format *fmt;
	unsigned long id; /* distinguishes this log from earlier ones in thread-local caches */

	/* Destination. */
	int fd;
	bool owns_fd;
	bool tty;
	bool stream;                /* a pipe or socket */
	bool shares_output;         /* a stream that is also the program's stdout or stderr */
	atomic_bool *flush_due;     /* set by the writer of a stream: write the events now */
	char *path;      /* as named in messages */
	struct tl_buf out;
	struct tl_buf recs;      /* records of events, interleaved with out */
	struct tl_buf rendered;  /* out and recs as text, when written here */
	uint64_t pending_events; /* events in out and recs, not yet written */
	bool failed;     /* a write failed; later events are dropped */
	struct tl_writer *writer; /* background writer, once a buffer filled */
	bool writer_failed;       /* its thread could not start: write here */

	/* Filters. */
	char *main_file;
	char *main_dir;
	char *cwd;
	char **lib_dirs; /* standard library and site-packages, canonical */
	size_t nlib_dirs;
	bool need_module_names; /* some pattern is a dotted module name */

	/* Environment. */
	bool github;
	bool timing; /* events need a clock reading */
	bool records; /* common events are written as records (struct tl_rec) */
	uint64_t start_ns;
	unsigned long main_ident;
	long pid;
	bool text_thread_tags; /* text: tag lines with the thread name */
	bool chrome_started;   /* chrome: a record was written, so the next needs a comma */
	bool want[TL_EXCEPTION + 1]; /* kinds that --events and the format keep */
	unsigned fork_generation;

	PyObject *exc_type_cached; /* owned: the type exc_name_cached names */
	char *exc_name_cached;

	/* Live code infos, for the summary and for detaching at close. */
	struct tl_code *codes;
	/* Infos of code objects that died, kept for the summary. */
	struct tl_code *dead_codes;

	struct tl_thread *threads;
	size_t nthreads;

	/* Exceptions by type, for the summary. */
	struct tl_exc_count *excs;
	size_t nexcs;

	/* Counters. */
	uint64_t written;
	uint64_t dropped;
	int max_depth;

	/* Handlers currently inside a Python call; close keeps the memory
	 * when another thread may still come back into it. */
	int busy;
	bool closed;

	PyObject *linecache_getline; /* owned */
	PyObject *threading_active;  /* owned: threading._active, or NULL */
};

/* Formats, defined in fmt_*.c. */
extern const struct tl_format tl_format_text;
extern const struct tl_format tl_format_jsonl;
extern const struct tl_format tl_format_chrome;

/* Buffer helpers (tracelog.c). The small ones are inline because the
 * formats call them several times per event. */
void tl_buf_grow(struct tl_buf *buf, size_t extra);

/* Make room for extra more bytes (and a terminating NUL) in buf. */
static inline void tl_buf_reserve(struct tl_buf *buf, size_t extra)
{
	if (buf->cap - buf->len <= extra)
		tl_buf_grow(buf, extra);
}

static inline void tl_buf_put(struct tl_buf *buf, const char *s, size_t n)
{
	tl_buf_reserve(buf, n);
	memcpy(buf->data + buf->len, s, n);
	buf->len += n;
}

static inline void tl_buf_putc(struct tl_buf *buf, char c)
{
	tl_buf_reserve(buf, 1);
	buf->data[buf->len++] = c;
}

static inline void tl_buf_puts(struct tl_buf *buf, const char *s)
{
	tl_buf_put(buf, s, strlen(s));
}

/* Terminate buf with a NUL and return its data as a C string. */
static inline const char *tl_buf_cstr(struct tl_buf *buf)
{
	tl_buf_reserve(buf, 0);
	buf->data[buf->len] = '\0';
	return buf->data;
}

/* Append a string literal, its length known at compile time. */
#define tl_buf_put_lit(buf, lit) tl_buf_put((buf), "" lit, sizeof(lit) - 1)

void tl_buf_put_uint_slow(struct tl_buf *buf, unsigned long long value);

/* Append value in decimal to buf. Depths and small ints take the inline
 * path. */
static inline void tl_buf_put_uint(struct tl_buf *buf, unsigned long long value)
{
	if (value >= 100) {
		tl_buf_put_uint_slow(buf, value);
		return;
	}
	tl_buf_reserve(buf, 2);
	if (value >= 10)
		buf->data[buf->len++] = (char)('0' + value / 10);
	buf->data[buf->len++] = (char)('0' + value % 10);
}

void tl_buf_put_int(struct tl_buf *buf, long long value);
void tl_buf_put_spaces(struct tl_buf *buf, size_t n);
void tl_buf_free(struct tl_buf *buf);

/* Copy s into cache lines of its own, for strings that the background
 * writer reads (tracelog.c). */
char *tl_strdup_apart(const char *s, size_t n);

/* Escape s as the inside of a JSON string (UTF-8; invalid bytes become
 * U+FFFD). */
void tl_escape_json(struct tl_buf *out, const char *s, size_t n);
/* Escape s for one line of text: control characters and invalid UTF-8 as
 * \xNN; under GitHub Actions "::" becomes ":\x3a". */
void tl_escape_text(struct tl_buf *out, const char *s, size_t n, bool github);

/* Append a repr of obj, cut at limit bytes, to out. Never raises.
 * Returns true when the repr is printable ASCII without quotes,
 * backslashes or colons, which no format needs to escape. */
bool tl_repr(struct tracelog *log, struct tl_buf *out, PyObject *obj, size_t limit);

/* Finish one event written into log->out: count it, and write out when
 * the buffer is full (or on every event to a terminal). */
void tl_commit(struct tracelog *log);

/* Write the events buffered in log->out and wait for the background
 * writer to finish. Return 0, or -1 after a failure (reported once). */
int tl_flush(struct tracelog *log);

/* The background writer (tl_writer.c). */
struct tl_writer;
struct tl_writer *tl_writer_start(const struct tracelog *log, bool stream);
atomic_bool *tl_writer_flush_due(struct tl_writer *w);
int tl_writer_submit(struct tl_writer *w, struct tl_buf *raw, struct tl_buf *recs, uint64_t events, bool wait);
int tl_writer_stop(struct tl_writer *w, uint64_t *written, uint64_t *dropped);

/* Append to dst the text of raw with the records in recs placed where
 * they were made, from the position in *at (zeroed at the start) until
 * dst contains at least limit bytes. Returns true when all is rendered. */
struct tl_render_at {
	size_t raw;
	size_t rec;
};
bool tl_render(const struct tracelog *log, struct tl_buf *dst, const struct tl_buf *raw, const struct tl_buf *recs, struct tl_render_at *at, size_t limit);

/* Write all of s to fd, or return -1 with errno set. */
int tl_write_all(int fd, const char *s, size_t n);

/* Microseconds helpers for the formats. */
void tl_buf_put_us(struct tl_buf *buf, uint64_t ns, bool fraction);

/* Source line of code at line, escaped for the active format; "" when
 * there is none. May run Python code. */
const char *tl_source(struct tracelog *log, struct tl_code *code, int line, size_t *len);

/* Slot of line in code's line table, grown on demand, or NULL for a line
 * number that cannot be stored. */
struct tl_line *tl_line_slot_grow(struct tl_code *code, int line);

static inline struct tl_line *tl_line_slot(struct tl_code *code, int line)
{
	int index = line - code->line_base;

	if (line > 0 && index >= 0 && index < code->nlines)
		return &code->lines[index];
	return tl_line_slot_grow(code, line);
}

/* The active format's location of line in code, rendered once per line,
 * or NULL for a line that has no slot. The string lives as long as the
 * log. */
const char *tl_location_slow(struct tracelog *log, struct tl_code *code, int line, uint32_t *len);

static inline const char *tl_location(struct tracelog *log, struct tl_code *code, int line, uint32_t *len)
{
	int index = line - code->line_base;

	if (line > 0 && index >= 0 && index < code->nlines && code->lines[index].location != NULL) {
		*len = code->lines[index].location_len;
		return code->lines[index].location;
	}
	return tl_location_slow(log, code, line, len);
}

/* Append the active format's location of line in code, rendered once per
 * line and then copied from the line's slot. */
static inline void tl_put_location(struct tracelog *log, struct tl_buf *out, struct tl_code *code, int line)
{
	uint32_t len;
	const char *location = tl_location(log, code, line, &len);

	if (location != NULL)
		tl_buf_put(out, location, len);
	else
		log->fmt->location(log, out, code, line);
}

/* The info of code, or NULL when trace mode has not seen it. */
struct tl_code *tl_code_lookup(PyCodeObject *code);

/* Write the summary (summary.c). Called by tracelog_close with the GIL
 * held. */
void tl_summary_write(struct tracelog *log, int exit_status, PyObject *uncaught);

/* Append the type name and the message of an exception object to out,
 * as traceback prints them. Never raises. */
void tl_exception_parts(struct tracelog *log, struct tl_buf *out, PyObject *exc, size_t *type_len, size_t *msg_off, size_t *msg_len);

#endif /* CTRACE_TRACELOG_INTERNAL_H */
