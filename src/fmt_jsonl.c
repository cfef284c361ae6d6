/* The jsonl trace format: one JSON object per line, for tools.
 *
 * Every event has event, file, line, func, depth, thread and tid. Call
 * events add args, line events src (and vars with --vars), return events
 * by_exception with value or exc_type, and exception events exc_type and
 * exc_msg. With --timestamps, ts is microseconds since start. A
 * resumed generator or coroutine has "resume": true on its call event, a
 * suspended one "yield": true on its return event. Lines are written
 * whole, so a killed run leaves only complete, parseable lines. */
#include "tracelog_internal.h"

#include <string.h>

#define EVENT_NAME(lit) {"" lit, sizeof(lit) - 1}

static const struct {
	const char *name;
	size_t len;
} event_names[] = {
	[TL_CALL] = EVENT_NAME("call"),
	[TL_RESUME] = EVENT_NAME("call"),
	[TL_LINE] = EVENT_NAME("line"),
	[TL_RETURN] = EVENT_NAME("return"),
	[TL_YIELD] = EVENT_NAME("return"),
	[TL_EXCEPTION] = EVENT_NAME("exception"),
};

static void jsonl_escape(struct tracelog *log, struct tl_buf *out, const char *s, size_t n)
{
	(void)log;
	tl_escape_json(out, s, n);
}

static void jsonl_begin(struct tracelog *log)
{
	(void)log;
}

static void jsonl_end(struct tracelog *log)
{
	(void)log;
}

/* Append a string field. The key is a literal that ends with the
 * value's opening quote, such as ",\"value\":\"". */
#define put_string_field(out, key, s, n) put_string_field_n((out), "" key, sizeof(key) - 1, (s), (n))

static void put_string_field_n(struct tl_buf *out, const char *key, size_t key_len, const char *s, size_t n)
{
	tl_buf_put(out, key, key_len);
	tl_escape_json(out, s, n);
	tl_buf_putc(out, '"');
}

/* Append an object field of names and values. The key is a literal that
 * ends with the opening brace, such as ",\"args\":{". */
#define put_kv_object(log, ev, key) put_kv_object_n((log), (ev), "" key, sizeof(key) - 1)

static void put_kv_object_n(struct tracelog *log, const struct tl_event *ev, const char *key, size_t key_len)
{
	struct tl_buf *out = &log->out;
	size_t i;

	tl_buf_put(out, key, key_len);
	for (i = 0; i < ev->nkv; i++) {
		if (i > 0)
			tl_buf_putc(out, ',');
		tl_buf_putc(out, '"');
		if (ev->kv[i].name_escaped)
			tl_buf_put(out, ev->kv[i].name, ev->kv[i].name_len);
		else
			tl_escape_json(out, ev->kv[i].name, ev->kv[i].name_len);
		tl_buf_put(out, "\":\"", 3);
		if (ev->kv[i].value_plain)
			tl_buf_put(out, ev->thread->scratch.data + ev->kv[i].value_off, ev->kv[i].value_len);
		else
			tl_escape_json(out, ev->thread->scratch.data + ev->kv[i].value_off, ev->kv[i].value_len);
		tl_buf_putc(out, '"');
	}
	tl_buf_putc(out, '}');
}

/* Append the thread's fields, built once per thread. */
static void put_thread(struct tl_buf *out, struct tl_thread *thread)
{
	if (thread->format_tag == NULL) {
		struct tl_buf tag = {0};

		tl_buf_put_lit(&tag, ",\"thread\":\"");
		tl_buf_put(&tag, thread->name_esc, thread->name_esc_len);
		tl_buf_put_lit(&tag, "\",\"tid\":");
		tl_buf_put_uint(&tag, thread->native_id);
		thread->format_tag = tl_strdup_apart(tag.data, tag.len);
		thread->format_tag_len = tag.len;
		tl_buf_free(&tag);
	}
	tl_buf_put(out, thread->format_tag, thread->format_tag_len);
}

static void put_common(struct tracelog *log, const struct tl_event *ev)
{
	struct tl_buf *out = &log->out;

	tl_buf_put_lit(out, "{\"event\":\"");
	tl_buf_put(out, event_names[ev->kind].name, event_names[ev->kind].len);
	tl_put_location(log, out, ev->code, ev->line);
	tl_buf_put_int(out, ev->depth);
	put_thread(out, ev->thread);
	if (log->opts->trace_timestamps) {
		tl_buf_put_lit(out, ",\"ts\":");
		tl_buf_put_us(out, ev->ts_ns, false);
	}
}

/* The fields from file to the depth's key, cached per line by
 * tl_put_location. */
static void jsonl_location(struct tracelog *log, struct tl_buf *out, const struct tl_code *code, int line)
{
	(void)log;
	tl_buf_put_lit(out, "\",\"file\":\"");
	tl_buf_put(out, code->file_esc, code->file_esc_len);
	tl_buf_put_lit(out, "\",\"line\":");
	tl_buf_put_int(out, line);
	tl_buf_put_lit(out, ",\"func\":\"");
	tl_buf_put(out, code->func_esc, code->func_esc_len);
	tl_buf_put_lit(out, "\",\"depth\":");
}

/* The fixed parts of a line event: up to the depth's key, then from src
 * to the end of the line. */
static size_t jsonl_line_cache(struct tracelog *log, struct tl_buf *out, const struct tl_code *code, int line, const char *src, size_t src_len)
{
	size_t split;

	tl_buf_put_lit(out, "{\"event\":\"line");
	jsonl_location(log, out, code, line);
	split = out->len;
	tl_buf_put_lit(out, ",\"src\":\"");
	tl_buf_put(out, src, src_len);
	tl_buf_put_lit(out, "\"}\n");
	return split;
}

static void jsonl_render(const struct tracelog *log, struct tl_buf *out, const struct tl_rec *rec)
{
	const char *p = (const char *)(rec + 1);
	unsigned i;

	(void)log;
	if (rec->kind == TL_REC_LINE) {
		tl_buf_put(out, rec->text, rec->extra);
		tl_buf_put_int(out, rec->depth);
		tl_buf_put(out, rec->tag, rec->tag_len);
		tl_buf_put(out, rec->text + rec->extra, rec->text_len - rec->extra);
		return;
	}
	if (rec->kind == TL_REC_CALL)
		tl_buf_put_lit(out, "{\"event\":\"call");
	else
		tl_buf_put_lit(out, "{\"event\":\"return");
	tl_buf_put(out, rec->text, rec->text_len);
	tl_buf_put_int(out, rec->depth);
	tl_buf_put(out, rec->tag, rec->tag_len);
	if (rec->kind == TL_REC_CALL) {
		tl_buf_put_lit(out, ",\"args\":{");
		for (i = 0; i < rec->extra; i++) {
			const struct tl_rec_arg *arg = (const struct tl_rec_arg *)p;

			if (i > 0)
				tl_buf_putc(out, ',');
			tl_buf_putc(out, '"');
			tl_buf_put(out, arg->name, arg->name_len);
			tl_buf_put(out, "\":\"", 3);
			tl_buf_put(out, (const char *)(arg + 1), arg->value_len);
			tl_buf_putc(out, '"');
			p = (const char *)(arg + 1) + TL_REC_PAD(arg->value_len);
		}
		tl_buf_put(out, "}}\n", 3);
		return;
	}
	if (rec->flags & TL_REC_VALUE) {
		tl_buf_put_lit(out, ",\"value\":\"");
		tl_buf_put(out, p, rec->extra);
		tl_buf_putc(out, '"');
	}
	tl_buf_put_lit(out, ",\"by_exception\":false}\n");
}

/* Build the thread's fields before any record refers to the thread: the
 * background writer reads them. */
static void jsonl_thread_start(struct tracelog *log, struct tl_thread *thread)
{
	struct tl_buf unused = {0};

	(void)log;
	put_thread(&unused, thread);
	tl_buf_free(&unused);
}

static void jsonl_event(struct tracelog *log, const struct tl_event *ev)
{
	struct tl_buf *out = &log->out;
	const char *scratch = ev->thread->scratch.data;

	put_common(log, ev);
	switch (ev->kind) {
	case TL_CALL:
		put_kv_object(log, ev, ",\"args\":{");
		break;
	case TL_RESUME:
		tl_buf_put_lit(out, ",\"resume\":true");
		break;
	case TL_LINE:
		tl_buf_put_lit(out, ",\"src\":\"");
		tl_buf_put(out, ev->src, ev->src_len);
		tl_buf_putc(out, '"');
		if (log->opts->trace_vars)
			put_kv_object(log, ev, ",\"vars\":{");
		break;
	case TL_YIELD:
	case TL_RETURN:
		if (ev->kind == TL_YIELD)
			tl_buf_put_lit(out, ",\"yield\":true");
		if (ev->has_value && ev->value_plain) {
			tl_buf_put_lit(out, ",\"value\":\"");
			tl_buf_put(out, scratch + ev->value_off, ev->value_len);
			tl_buf_putc(out, '"');
		} else if (ev->has_value) {
			put_string_field(out, ",\"value\":\"", scratch + ev->value_off, ev->value_len);
		}
		if (ev->by_exception)
			tl_buf_put_lit(out, ",\"by_exception\":true");
		else
			tl_buf_put_lit(out, ",\"by_exception\":false");
		if (ev->by_exception && ev->exc_name != NULL)
			put_string_field(out, ",\"exc_type\":\"", ev->exc_name, strlen(ev->exc_name));
		break;
	case TL_EXCEPTION:
		put_string_field(out, ",\"exc_type\":\"", scratch + ev->exc_type_off, ev->exc_type_len);
		put_string_field(out, ",\"exc_msg\":\"", scratch + ev->exc_msg_off, ev->exc_msg_len);
		break;
	}
	tl_buf_put(out, "}\n", 2);
}

const struct tl_format tl_format_jsonl = {
	.relative_paths = false,
	.lines = true,
	.escape = jsonl_escape,
	.begin = jsonl_begin,
	.thread_start = jsonl_thread_start,
	.event = jsonl_event,
	.location = jsonl_location,
	.line_cache = jsonl_line_cache,
	.render = jsonl_render,
	.close_open = NULL,
	.end = jsonl_end,
};
