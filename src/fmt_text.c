/* The text trace format: one line per event, indented by call depth,
 * meant to be read in a terminal or a CI log and diffed between runs.
 *
 *   call      app.py:10 total(items=[1, 2])
 *     line    app.py:11 total | s = 0
 *     return  app.py:13 total -> 3
 *
 * Under GitHub Actions, when the log goes to the console, it sits in a
 * collapsible group. */
#include "tracelog_internal.h"

#include <string.h>

/* Kind names, padded so that locations line up. */
static const char *const kind_names[] = {
	[TL_CALL] = "call      ",
	[TL_RESUME] = "resume    ",
	[TL_LINE] = "line      ",
	[TL_RETURN] = "return    ",
	[TL_YIELD] = "yield     ",
	[TL_EXCEPTION] = "exception ",
};

static void text_escape(struct tracelog *log, struct tl_buf *out, const char *s, size_t n)
{
	tl_escape_text(out, s, n, log->github);
}

static bool to_console(const struct tracelog *log)
{
	return log->opts->trace_output == NULL || strcmp(log->opts->trace_output, "-") == 0;
}

static void text_begin(struct tracelog *log)
{
	const char *name;

	if (!log->github || !to_console(log))
		return;
	name = log->main_file ? strrchr(log->main_file, '/') : NULL;
	tl_buf_put_lit(&log->out, "::group::ctrace trace log");
	if (name != NULL) {
		tl_buf_put_lit(&log->out, " of ");
		tl_escape_text(&log->out, name + 1, strlen(name + 1), true);
	}
	tl_buf_putc(&log->out, '\n');
}

static void text_end(struct tracelog *log)
{
	if (log->github && to_console(log))
		tl_buf_put_lit(&log->out, "::endgroup::\n");
}

/* Append a value from the thread's scratch buffer, escaped unless it is
 * plain. */
static void put_scratch(struct tracelog *log, const struct tl_event *ev, size_t off, size_t len, bool plain)
{
	if (plain)
		tl_buf_put(&log->out, ev->thread->scratch.data + off, len);
	else
		tl_escape_text(&log->out, ev->thread->scratch.data + off, len, log->github);
}

/* Append "name=value" pairs, separated by ", ". */
static void put_kv_list(struct tracelog *log, const struct tl_event *ev)
{
	size_t i;

	for (i = 0; i < ev->nkv; i++) {
		if (i > 0)
			tl_buf_put(&log->out, ", ", 2);
		if (ev->kv[i].name_escaped)
			tl_buf_put(&log->out, ev->kv[i].name, ev->kv[i].name_len);
		else
			tl_escape_text(&log->out, ev->kv[i].name, ev->kv[i].name_len, log->github);
		tl_buf_putc(&log->out, '=');
		put_scratch(log, ev, ev->kv[i].value_off, ev->kv[i].value_len, ev->kv[i].value_plain);
	}
}

static void put_prefix(struct tracelog *log, const struct tl_event *ev)
{
	struct tl_buf *out = &log->out;
	int indent = ev->depth < TL_MAX_INDENT ? ev->depth : TL_MAX_INDENT;

	if (log->opts->trace_timestamps) {
		/* Seconds with microseconds, right-aligned for short runs. */
		uint64_t us = ev->ts_ns / 1000;
		char frac[8] = {'.', 0};
		int i;

		for (i = 6; i >= 1; i--) {
			frac[i] = (char)('0' + us % 10);
			us /= 10;
		}
		if (us < 10)
			tl_buf_put_spaces(out, 3);
		else if (us < 100)
			tl_buf_put_spaces(out, 2);
		else if (us < 1000)
			tl_buf_put_spaces(out, 1);
		tl_buf_put_uint(out, us);
		tl_buf_put(out, frac, 7);
		tl_buf_putc(out, ' ');
	}
	if (log->text_thread_tags) {
		tl_buf_putc(out, '[');
		tl_buf_put(out, ev->thread->name_esc, ev->thread->name_esc_len);
		tl_buf_put(out, "] ", 2);
	}
	tl_buf_put_spaces(out, (size_t)indent * 2);
	tl_buf_put(out, kind_names[ev->kind], 10);
	tl_put_location(log, out, ev->code, ev->line);
}

/* "file:line function", cached per line by tl_put_location. */
static void text_location(struct tracelog *log, struct tl_buf *out, const struct tl_code *code, int line)
{
	(void)log;
	tl_buf_put(out, code->file_esc, code->file_esc_len);
	tl_buf_putc(out, ':');
	tl_buf_put_int(out, line);
	tl_buf_putc(out, ' ');
	tl_buf_put(out, code->func_esc, code->func_esc_len);
}

/* The fixed parts of a line event: everything after the indentation. */
static size_t text_line_cache(struct tracelog *log, struct tl_buf *out, const struct tl_code *code, int line, const char *src, size_t src_len)
{
	tl_buf_put(out, kind_names[TL_LINE], 10);
	text_location(log, out, code, line);
	if (src_len > 0) {
		tl_buf_put(out, " | ", 3);
		tl_buf_put(out, src, src_len);
	}
	tl_buf_putc(out, '\n');
	return 0;
}

static void text_render(const struct tracelog *log, struct tl_buf *out, const struct tl_rec *rec)
{
	const char *p = (const char *)(rec + 1);
	unsigned i;

	(void)log;
	if (rec->flags & TL_REC_TAG)
		tl_buf_put(out, rec->tag, rec->tag_len);
	tl_buf_put_spaces(out, (size_t)(rec->depth < TL_MAX_INDENT ? rec->depth : TL_MAX_INDENT) * 2);
	switch (rec->kind) {
	case TL_REC_LINE:
		tl_buf_put(out, rec->text, rec->text_len);
		return;
	case TL_REC_CALL:
		tl_buf_put(out, kind_names[TL_CALL], 10);
		tl_buf_put(out, rec->text, rec->text_len);
		if (rec->flags & TL_REC_MODULE)
			break;
		tl_buf_putc(out, '(');
		for (i = 0; i < rec->extra; i++) {
			const struct tl_rec_arg *arg = (const struct tl_rec_arg *)p;

			if (i > 0)
				tl_buf_put(out, ", ", 2);
			tl_buf_put(out, arg->name, arg->name_len);
			tl_buf_putc(out, '=');
			tl_buf_put(out, (const char *)(arg + 1), arg->value_len);
			p = (const char *)(arg + 1) + TL_REC_PAD(arg->value_len);
		}
		tl_buf_putc(out, ')');
		break;
	case TL_REC_RETURN:
		tl_buf_put(out, kind_names[TL_RETURN], 10);
		tl_buf_put(out, rec->text, rec->text_len);
		if (rec->flags & TL_REC_VALUE) {
			tl_buf_put(out, " -> ", 4);
			tl_buf_put(out, p, rec->extra);
		}
		break;
	}
	tl_buf_putc(out, '\n');
}

/* Build the thread's "[name] " tag for records. */
static void text_thread_start(struct tracelog *log, struct tl_thread *thread)
{
	struct tl_buf tag = {0};

	(void)log;
	tl_buf_putc(&tag, '[');
	tl_buf_put(&tag, thread->name_esc, thread->name_esc_len);
	tl_buf_put(&tag, "] ", 2);
	thread->format_tag = tl_strdup_apart(tag.data, tag.len);
	thread->format_tag_len = tag.len;
	tl_buf_free(&tag);
}

static void text_event(struct tracelog *log, const struct tl_event *ev)
{
	struct tl_buf *out = &log->out;

	put_prefix(log, ev);
	switch (ev->kind) {
	case TL_CALL:
		if (ev->code->module)
			break;
		tl_buf_putc(out, '(');
		put_kv_list(log, ev);
		tl_buf_putc(out, ')');
		break;
	case TL_LINE:
		if (ev->src_len > 0) {
			tl_buf_put(out, " | ", 3);
			tl_buf_put(out, ev->src, ev->src_len);
		}
		if (ev->nkv > 0) {
			tl_buf_put(out, "   # ", 5);
			put_kv_list(log, ev);
		}
		break;
	case TL_RETURN:
	case TL_YIELD:
		if (ev->by_exception) {
			tl_buf_put_lit(out, " -> exception");
			if (ev->exc_name != NULL) {
				tl_buf_put(out, " (", 2);
				tl_escape_text(out, ev->exc_name, strlen(ev->exc_name), log->github);
				tl_buf_putc(out, ')');
			}
		} else if (ev->has_value) {
			tl_buf_put(out, " -> ", 4);
			put_scratch(log, ev, ev->value_off, ev->value_len, ev->value_plain);
		}
		break;
	case TL_EXCEPTION:
		tl_buf_put(out, " ! ", 3);
		put_scratch(log, ev, ev->exc_type_off, ev->exc_type_len, false);
		if (ev->exc_msg_len > 0) {
			tl_buf_put(out, ": ", 2);
			put_scratch(log, ev, ev->exc_msg_off, ev->exc_msg_len, false);
		}
		break;
	case TL_RESUME:
		break;
	}
	tl_buf_putc(out, '\n');
}

const struct tl_format tl_format_text = {
	.relative_paths = true,
	.lines = true,
	.escape = text_escape,
	.begin = text_begin,
	.thread_start = text_thread_start,
	.event = text_event,
	.location = text_location,
	.line_cache = text_line_cache,
	.render = text_render,
	.close_open = NULL,
	.end = text_end,
};
