/* Trace mode's background writer: a thread that writes full buffers of
 * the log while the traced program goes on, so the program does not wait
 * for the kernel to copy tens of megabytes. The queue has room for a
 * fixed number of buffers. When all of them wait to be written, the
 * program waits too, so memory stays bounded however many events there
 * are.
 *
 * The writer never calls Python and changes nothing in the log: it gets
 * text and records, turns the records into text, writes it, and reports
 * counts and the first error back through this struct. */
#include "tracelog_internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Buffers queued for writing at most. With the one the program fills,
 * up to four pairs of flush-sized buffers exist at a time. */
#define TL_WRITER_SLOTS 3

/* Bytes of text made from records before they are written. */
#define TL_WRITER_PIECE (128 * 1024)

/* How often the writer of a stream requests the events buffered so far. */
#define TL_WRITER_PERIOD_NS 100000000L

/* A filled buffer of text and its records (see tl_rec). */
struct tl_chunk {
	struct tl_buf raw;
	struct tl_buf recs;
	uint64_t events;
};

struct tl_writer {
	const struct tracelog *log; /* read only: the destination and the format */
	struct tl_buf rendered;      /* the writer's own: text made from records */
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work;  /* a chunk was queued, or stop was set */
	pthread_cond_t space; /* a chunk was written */
	bool stream;          /* request the buffered events every period */
	atomic_bool flush_due;

	/* Queued chunks, a ring of TL_WRITER_SLOTS from head. */
	struct tl_chunk queue[TL_WRITER_SLOTS];
	int head;
	int count;

	/* Empty buffers to hand back to the program. */
	struct tl_chunk spare[TL_WRITER_SLOTS];
	int nspare;

	bool stop;
	int error; /* errno of the first failed write, or 0 */
	uint64_t written;
	uint64_t dropped;
};

/* Write one chunk, making the text of its records a piece at a time, so
 * the text is still in the cache when the kernel copies it. */
static int write_chunk(struct tl_writer *w, const struct tl_chunk *chunk)
{
	struct tl_render_at at = {0, 0};
	bool done = false;

	if (chunk->recs.len == 0)
		return tl_write_all(w->log->fd, chunk->raw.data, chunk->raw.len);
	while (!done) {
		w->rendered.len = 0;
		done = tl_render(w->log, &w->rendered, &chunk->raw, &chunk->recs, &at, TL_WRITER_PIECE);
		if (w->rendered.len > 0 && tl_write_all(w->log->fd, w->rendered.data, w->rendered.len) < 0)
			return -1;
	}
	return 0;
}

/* Wait for a chunk or stop, with w->lock held. The writer of a stream
 * wakes every period to request the traced program's buffered events,
 * which the program hands over at its next event. */
static void wait_for_work(struct tl_writer *w)
{
	struct timespec deadline;

	if (!w->stream) {
		pthread_cond_wait(&w->work, &w->lock);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_nsec += TL_WRITER_PERIOD_NS;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	if (pthread_cond_timedwait(&w->work, &w->lock, &deadline) == ETIMEDOUT)
		atomic_store_explicit(&w->flush_due, true, memory_order_relaxed);
}

static void *writer_main(void *arg)
{
	struct tl_writer *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		struct tl_chunk *chunk;
		int error;

		while (w->count == 0 && !w->stop)
			wait_for_work(w);
		if (w->count == 0)
			break;
		chunk = &w->queue[w->head];
		error = w->error;
		pthread_mutex_unlock(&w->lock);

		if (error == 0 && write_chunk(w, chunk) < 0)
			error = errno;

		pthread_mutex_lock(&w->lock);
		if (error != 0) {
			if (w->error == 0)
				w->error = error;
			w->dropped += chunk->events;
		} else {
			w->written += chunk->events;
		}
		chunk->raw.len = 0;
		chunk->recs.len = 0;
		w->spare[w->nspare++] = *chunk;
		memset(chunk, 0, sizeof(*chunk));
		w->head = (w->head + 1) % TL_WRITER_SLOTS;
		w->count--;
		pthread_cond_signal(&w->space);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

/* Start a writer thread for log's destination. For a stream the thread
 * also sets the flag that tl_writer_flush_due returns, every period.
 * Returns NULL when no thread can be started, and the caller then writes
 * synchronously. */
struct tl_writer *tl_writer_start(const struct tracelog *log, bool stream)
{
	struct tl_writer *w = calloc(1, sizeof(*w));
	pthread_condattr_t monotonic;
	sigset_t all, old;
	int rc;

	if (w == NULL)
		return NULL;
	w->log = log;
	w->stream = stream;
	atomic_init(&w->flush_due, false);
	pthread_mutex_init(&w->lock, NULL);
	pthread_condattr_init(&monotonic);
	pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
	pthread_cond_init(&w->work, &monotonic);
	pthread_condattr_destroy(&monotonic);
	pthread_cond_init(&w->space, NULL);

	/* Signals go to the program's threads: Ctrl-C must reach the
	 * interpreter, and a closed pipe is seen as EPIPE. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&w->thread, NULL, writer_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_cond_destroy(&w->space);
		pthread_cond_destroy(&w->work);
		pthread_mutex_destroy(&w->lock);
		free(w);
		return NULL;
	}
	return w;
}

/* Queue the text in *raw and the records in *recs, which contain events
 * complete events, and leave empty buffers in their place. Waits while
 * every slot is queued, and with wait set until all is written. Returns
 * 0, or the errno of a write that failed, this one's or an earlier
 * one's. After a failure the queued events are dropped and counted. */
int tl_writer_submit(struct tl_writer *w, struct tl_buf *raw, struct tl_buf *recs, uint64_t events, bool wait)
{
	struct tl_chunk *slot;
	int error;

	pthread_mutex_lock(&w->lock);
	while (w->count == TL_WRITER_SLOTS)
		pthread_cond_wait(&w->space, &w->lock);
	error = w->error;
	if (error != 0) {
		w->dropped += events;
		raw->len = 0;
		recs->len = 0;
		pthread_mutex_unlock(&w->lock);
		return error;
	}
	slot = &w->queue[(w->head + w->count) % TL_WRITER_SLOTS];
	slot->raw = *raw;
	slot->recs = *recs;
	slot->events = events;
	w->count++;
	if (w->nspare > 0) {
		w->nspare--;
		*raw = w->spare[w->nspare].raw;
		*recs = w->spare[w->nspare].recs;
	} else {
		memset(raw, 0, sizeof(*raw));
		memset(recs, 0, sizeof(*recs));
	}
	pthread_cond_signal(&w->work);
	while (wait && w->count > 0)
		pthread_cond_wait(&w->space, &w->lock);
	error = w->error;
	pthread_mutex_unlock(&w->lock);
	return error;
}

/* Return the flag that the writer of a stream sets every period. */
atomic_bool *tl_writer_flush_due(struct tl_writer *w)
{
	return &w->flush_due;
}

/* Write what is queued, end the thread and free w. Adds the events
 * written and dropped to *written and *dropped, and returns the errno of
 * the first failed write, or 0. */
int tl_writer_stop(struct tl_writer *w, uint64_t *written, uint64_t *dropped)
{
	int error, i;

	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);

	error = w->error;
	*written += w->written;
	*dropped += w->dropped;
	for (i = 0; i < w->nspare; i++) {
		tl_buf_free(&w->spare[i].raw);
		tl_buf_free(&w->spare[i].recs);
	}
	tl_buf_free(&w->rendered);
	pthread_cond_destroy(&w->space);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->lock);
	free(w);
	return error;
}
