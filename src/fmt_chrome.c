/* The chrome trace format: Trace Event Format JSON, which the Perfetto
 * UI and chrome://tracing open. Each call (and each resume of a
 * generator or coroutine) is a B/E pair on its thread, each exception an
 * instant event, and each thread gets a thread_name metadata event.
 *
 * The file is the format's JSON array form, one event per line. A run
 * that is killed leaves the array without its closing bracket, which
 * both viewers accept. Line events are not written. */
#include "tracelog_internal.h"

#include <string.h>

static void chrome_escape(struct tracelog *log, struct tl_buf *out, const char *s, size_t n)
{
	(void)log;
	tl_escape_json(out, s, n);
}

/* Start a record: the separator, then the fields every record has. */
static void record_start(struct tracelog *log, const char *phase, unsigned long tid)
{
	struct tl_buf *out = &log->out;

	tl_buf_puts(out, log->chrome_started ? ",\n{\"ph\":\"" : "{\"ph\":\"");
	log->chrome_started = true;
	tl_buf_puts(out, phase);
	tl_buf_put_lit(out, "\",\"pid\":");
	tl_buf_put_int(out, log->pid);
	tl_buf_put_lit(out, ",\"tid\":");
	tl_buf_put_uint(out, tid);
}

static void put_ts(struct tl_buf *out, uint64_t ts_ns)
{
	tl_buf_put_lit(out, ",\"ts\":");
	tl_buf_put_us(out, ts_ns, true);
}

static void chrome_begin(struct tracelog *log)
{
	struct tl_buf *out = &log->out;
	const char *name = log->main_file ? strrchr(log->main_file, '/') : NULL;

	tl_buf_put_lit(out, "[\n");
	record_start(log, "M", PyThread_get_thread_native_id());
	tl_buf_put_lit(out, ",\"name\":\"process_name\",\"args\":{\"name\":\"ctrace");
	if (name != NULL) {
		tl_buf_putc(out, ' ');
		tl_escape_json(out, name + 1, strlen(name + 1));
	}
	tl_buf_put_lit(out, "\"}}");
	tl_commit(log);
}

static void chrome_thread_start(struct tracelog *log, struct tl_thread *thread)
{
	struct tl_buf *out = &log->out;

	record_start(log, "M", thread->native_id);
	tl_buf_put_lit(out, ",\"name\":\"thread_name\",\"args\":{\"name\":\"");
	tl_buf_puts(out, thread->name_esc);
	tl_buf_put_lit(out, "\"}}");
	tl_commit(log);
}

static void put_location(struct tl_buf *out, const struct tl_event *ev)
{
	tl_buf_put_lit(out, "\"file\":\"");
	tl_buf_put(out, ev->code->file_esc, ev->code->file_esc_len);
	tl_buf_put_lit(out, "\",\"line\":");
	tl_buf_put_int(out, ev->line);
}

static void chrome_event(struct tracelog *log, const struct tl_event *ev)
{
	struct tl_buf *out = &log->out;
	const char *scratch = ev->thread->scratch.data;

	switch (ev->kind) {
	case TL_CALL:
	case TL_RESUME:
		record_start(log, "B", ev->thread->native_id);
		put_ts(out, ev->ts_ns);
		tl_buf_put_lit(out, ",\"cat\":\"python\",\"name\":\"");
		tl_buf_put(out, ev->code->func_esc, ev->code->func_esc_len);
		tl_buf_put_lit(out, "\",\"args\":{");
		put_location(out, ev);
		if (ev->kind == TL_RESUME)
			tl_buf_put_lit(out, ",\"resume\":true");
		tl_buf_put_lit(out, "}}");
		break;
	case TL_RETURN:
	case TL_YIELD:
		record_start(log, "E", ev->thread->native_id);
		put_ts(out, ev->ts_ns);
		if (ev->by_exception)
			tl_buf_put_lit(out, ",\"args\":{\"by_exception\":true}");
		else if (ev->kind == TL_YIELD)
			tl_buf_put_lit(out, ",\"args\":{\"yield\":true}");
		tl_buf_putc(out, '}');
		break;
	case TL_EXCEPTION:
		record_start(log, "i", ev->thread->native_id);
		put_ts(out, ev->ts_ns);
		tl_buf_put_lit(out, ",\"s\":\"t\",\"cat\":\"exception\",\"name\":\"");
		tl_escape_json(out, scratch + ev->exc_type_off, ev->exc_type_len);
		tl_buf_put_lit(out, "\",\"args\":{");
		put_location(out, ev);
		tl_buf_put_lit(out, ",\"func\":\"");
		tl_buf_put(out, ev->code->func_esc, ev->code->func_esc_len);
		tl_buf_put_lit(out, "\",\"msg\":\"");
		tl_escape_json(out, scratch + ev->exc_msg_off, ev->exc_msg_len);
		tl_buf_put_lit(out, "\"}}");
		break;
	case TL_LINE:
		break;
	}
}

static void chrome_close_open(struct tracelog *log, struct tl_thread *thread, int from, uint64_t ts_ns)
{
	int i;

	for (i = thread->depth - 1; i >= from; i--) {
		if (!thread->stack[i].logged)
			continue;
		record_start(log, "E", thread->native_id);
		put_ts(&log->out, ts_ns);
		tl_buf_put_lit(&log->out, ",\"args\":{\"unfinished\":true}}");
		tl_commit(log);
	}
}

static void chrome_end(struct tracelog *log)
{
	tl_buf_put_lit(&log->out, "\n]\n");
}

const struct tl_format tl_format_chrome = {
	.relative_paths = false,
	.lines = false,
	.escape = chrome_escape,
	.begin = chrome_begin,
	.thread_start = chrome_thread_start,
	.event = chrome_event,
	.close_open = chrome_close_open,
	.end = chrome_end,
};
