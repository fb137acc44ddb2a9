/*
 * emit.c: the one place posts become records.  It gives each post its
 * id, platform and RFC 3339 times, drops the ones the state store has
 * seen, writes the rest, and commits their ids only after they are
 * written and flushed, one transaction per batch: a run killed mid-way
 * re-emits at most its last batch and never loses an item.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "yq.h"
#include "yqtime.h"
#include "fstate.h"
#include "fetch.h"

#define BATCH 256

struct emitter {
	struct rec_out *out;
	struct fstate *st;
	int all, broken, failed;
	int defer;		/* commit only at the end (output to a file) */
	int progress;		/* show a count on stderr */
	const char *platform;	/* for posts that name none (-p) */
	time_t now;
	unsigned long written, pending;
	unsigned long crash_after;	/* tests: YQ_CRASH_AT=records:N */
};

void
post_init(struct post *p)
{
	memset(p, 0, sizeof(*p));
	p->metrics[0] = p->metrics[1] = p->metrics[2] = p->metrics[3] = -1;
}

struct emitter *
emit_new(struct rec_out *out, struct fstate *st, int all, time_t now,
    int defer)
{
	struct emitter *e = xcalloc(1, sizeof(*e));
	const char *crash = getenv("YQ_CRASH_AT");

	if (crash != NULL && strncmp(crash, "records:", 8) == 0)
		e->crash_after = strtoul(crash + 8, NULL, 10);
	e->defer = defer;
	e->out = out;
	e->st = st;
	e->all = all;
	e->now = now;
	return e;
}

static void
set_str(json_t *o, const char *key, const char *v)
{
	if (v != NULL && *v != '\0')
		json_object_set_new(o, key, json_string(v));
}

static void
set_time(json_t *o, const char *key, struct yqt t)
{
	char buf[YQT_BUFSZ];

	json_object_set_new(o, key, json_string(yqt_format(t, buf)));
}

static json_t *
metrics(const struct post *p)
{
	static const char *const names[4] = { "reposts", "comments", "likes",
	    "views" };
	json_t *m = json_object();
	int i;

	for (i = 0; i < 4; i++)
		if (p->metrics[i] >= 0)
			json_object_set_new(m, names[i],
			    json_integer(p->metrics[i]));
	if (json_object_size(m) == 0) {
		json_decref(m);
		return NULL;
	}
	return m;
}

/* The record for p with id; caller owns it. */
static json_t *
record(struct emitter *e, const struct post *p, const char *id)
{
	json_t *o = json_object(), *m;
	struct yqt t;
	const char *platform = p->platform;
	char *host;

	if (platform == NULL || *platform == '\0')
		platform = e->platform;
	if (platform == NULL || *platform == '\0')
		platform = canon_platform(p->url, p->url != NULL ? "news" :
		    "other");
	else
		platform = canon_platform_name(platform);
	json_object_set_new(o, "id", json_string(id));
	json_object_set_new(o, "kind", json_string("post"));
	if (p->source != NULL && *p->source != '\0') {
		set_str(o, "source", p->source);
	} else if ((host = canon_host(p->url)) != NULL) {
		set_str(o, "source", host);
		free(host);
	}
	json_object_set_new(o, "platform", json_string(platform));
	set_str(o, "url", p->url);
	set_str(o, "title", p->title);
	json_object_set_new(o, "text", json_string(p->text != NULL ?
	    p->text : ""));
	set_str(o, "author", p->author);
	if (p->published != NULL && date_parse(p->published, e->now, &t) == 0)
		set_time(o, "published_at", t);
	t.t = p->fetched != 0 ? p->fetched : e->now;
	t.off = YQT_DEFAULT_OFFSET;
	set_time(o, "fetched_at", t);
	if ((m = metrics(p)) != NULL)
		json_object_set_new(o, "metrics", m);
	return o;
}

/* An id for a post with neither URL nor native id: its content. */
static void
content_id(const struct post *p, char id[17])
{
	char *s = xasprintf("%s\x1f%s\x1f%s", p->published != NULL ?
	    p->published : "", p->title != NULL ? p->title : "",
	    p->text != NULL ? p->text : "");

	canon_id(NULL, p->source, s, id);
	free(s);
}

int
emit_post(struct emitter *e, const struct post *p)
{
	char id[17], *err = NULL;
	json_t *o;
	int rc;

	if (e->broken || e->failed)
		return -1;
	if ((p->text == NULL || *p->text == '\0') &&
	    (p->title == NULL || *p->title == '\0'))
		return 0;
	if (canon_id(p->url, p->source, p->native_id, id) < 0)
		content_id(p, id);
	if (e->st != NULL) {
		if (fs_begin(e->st, &err) < 0) {
			warnx("state: %s", err);
			free(err);
			e->failed = 1;
			return -1;
		}
		if (!e->all && fs_seen(e->st, id))
			return 0;
	}
	o = record(e, p, id);
	rc = rec_out_write(e->out, o);
	json_decref(o);
	if (rc < 0 || rec_out_broken(e->out)) {
		e->broken = 1;
		return -1;
	}
	e->written++;
	if (e->crash_after > 0 && e->written == e->crash_after) {
		fflush(rec_out_file(e->out));
		raise(SIGKILL);
	}
	if (e->progress && e->written % 1000 == 0)
		fprintf(stderr, "\r%s: %lu records", yq_prog(), e->written);
	if (e->st != NULL) {
		fs_mark(e->st, id, e->now);
		if (++e->pending >= BATCH)
			return emit_flush(e) < 0 ? -1 : 1;
	}
	return 1;
}

int
emit_flush(struct emitter *e)
{
	char *err = NULL;

	if (e->st == NULL || e->broken || e->defer)
		return 0;
	/* The records reach the reader before their ids are committed. */
	if (fflush(rec_out_file(e->out)) == EOF) {
		if (errno != EPIPE) {
			warn("write error");
			e->failed = 1;
		}
		e->broken = 1;
		return -1;
	}
	if (fs_commit(e->st, &err) < 0) {
		warnx("state: %s", err);
		free(err);
		e->failed = 1;
		return -1;
	}
	e->pending = 0;
	return 0;
}

void
emit_platform(struct emitter *e, const char *platform)
{
	e->platform = platform;
}

void
emit_progress(struct emitter *e, int on)
{
	e->progress = on;
}

int
emit_finish(struct emitter *e)
{
	char *err = NULL;

	if (e->progress && e->written >= 1000)
		fprintf(stderr, "\r%s: %lu records\n", yq_prog(), e->written);
	if (e->st == NULL || e->broken || e->failed)
		return e->failed ? -1 : 0;
	if (fs_commit(e->st, &err) < 0) {
		warnx("state: %s", err);
		free(err);
		return -1;
	}
	return 0;
}

int
emit_failed(const struct emitter *e)
{
	return e->failed;
}

int
emit_broken(const struct emitter *e)
{
	return e->broken || e->failed;
}

unsigned long
emit_count(const struct emitter *e)
{
	return e->written;
}

void
emit_free(struct emitter *e)
{
	free(e);
}
