/*
 * emit.c: the one place posts become records.  It gives each post its
 * id, platform and RFC 3339 times, drops the ones the state store has
 * seen, writes the rest, and commits their ids only after they are
 * written and flushed, one transaction per batch: a run killed mid-way
 * re-emits at most its last batch and never loses an item.  Inside a
 * run ($YQ_RUN, yq-run(1)) the order is the other way: a batch is
 * committed as pending first, then written, and the run's end decides.
 * No transaction is open while records are written.
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
	const struct accounts *accounts;	/* the registry, or NULL */
	time_t now;
	unsigned long written, pending;
	unsigned long crash_after;	/* tests: YQ_CRASH_AT=records:N */
};

void
post_init(struct post *p)
{
	memset(p, 0, sizeof(*p));
	p->metrics[0] = p->metrics[1] = p->metrics[2] = p->metrics[3] = -1;
	p->verified = -1;
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

/*
 * Who speaks: the registry's word on the account first (the office
 * knows its level and body), else the platform's verification.
 */
static void
speaker(struct emitter *e, json_t *o, const struct post *p,
    const char *platform)
{
	const struct account *ac = acct_find(e->accounts, p->site, platform,
	    p->author_id, p->author);

	set_str(o, "author_id", p->author_id);
	if (p->verified >= 0)
		json_object_set_new(o, "verified", json_boolean(p->verified));
	set_str(o, "author_type", ac != NULL ? ac->type : p->author_type);
	if (ac != NULL) {
		set_str(o, "author_level", ac->level);
		set_str(o, "author_body", ac->body);
	}
}

/* What platform exports add after the metrics. */
static void
links(json_t *o, const struct post *p)
{
	set_str(o, "ip_location", p->ip_location);
	set_str(o, "reply_to", p->reply_to);
	set_str(o, "repost_of", p->repost_of);
	if (p->extra != NULL && json_object_size(p->extra) > 0)
		json_object_set(o, "extra", p->extra);
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
	speaker(e, o, p, platform);
	if (p->published != NULL && date_parse(p->published, e->now, &t) == 0)
		set_time(o, "published_at", t);
	t.t = p->fetched != 0 ? p->fetched : e->now;
	t.off = YQT_DEFAULT_OFFSET;
	set_time(o, "fetched_at", t);
	if ((m = metrics(p)) != NULL)
		json_object_set_new(o, "metrics", m);
	links(o, p);
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

/* Count a record written, and die on cue for the crash tests. */
static void
written(struct emitter *e)
{
	e->written++;
	if (e->crash_after > 0 && e->written == e->crash_after) {
		fflush(rec_out_file(e->out));
		raise(SIGKILL);
	}
	if (e->progress && e->written % 1000 == 0)
		fprintf(stderr, "\r%s: %lu records", yq_prog(), e->written);
}

int
emit_line(void *arg, const char *line, size_t len)
{
	struct emitter *e = arg;

	if (rec_out_line(e->out, line, len) < 0 || rec_out_broken(e->out)) {
		e->broken = 1;
		return -1;
	}
	written(e);
	return 0;
}

/* Inside a run: the record goes into the batch, written once settled. */
static int
batch_post(struct emitter *e, json_t *o, const char *id)
{
	const char *text;
	size_t n;

	text = rec_out_render(e->out, o, NULL, 0, NULL, &n);
	if (text == NULL || fs_mark(e->st, id, text, n - 1) < 0) {
		yq_warnx("state: %s", text == NULL ? "cannot encode a record" :
		    fs_errmsg(e->st));
		e->failed = 1;
		return -1;
	}
	if (++e->pending >= BATCH)
		return emit_flush(e) < 0 ? -1 : 1;
	return 1;
}

int
emit_post(struct emitter *e, const struct post *p)
{
	char id[17];
	json_t *o;
	int rc;

	if (e->broken || e->failed)
		return -1;
	if ((p->text == NULL || *p->text == '\0') &&
	    (p->title == NULL || *p->title == '\0'))
		return 0;
	if (p->id != NULL)
		snprintf(id, sizeof(id), "%s", p->id);
	else if (canon_id(p->url, p->source, p->native_id, id) < 0)
		content_id(p, id);
	if (e->st != NULL && !e->all && fs_seen(e->st, id))
		return 0;
	o = record(e, p, id);
	if (e->st != NULL && fs_run(e->st) != NULL) {
		rc = batch_post(e, o, id);
		json_decref(o);
		return rc;
	}
	rc = rec_out_write(e->out, o);
	json_decref(o);
	if (rc < 0 || rec_out_broken(e->out)) {
		e->broken = 1;
		return -1;
	}
	written(e);
	if (e->st != NULL) {
		if (fs_mark(e->st, id, NULL, 0) < 0) {
			yq_warnx("state: %s", fs_errmsg(e->st));
			e->failed = 1;
			return -1;
		}
		if (++e->pending >= BATCH)
			return emit_flush(e) < 0 ? -1 : 1;
	}
	return 1;
}

/* Flush the output: 0, or -1 when it failed (a broken pipe is quiet). */
static int
flush_out(struct emitter *e)
{
	if (fflush(rec_out_file(e->out)) == EOF) {
		if (errno != EPIPE) {
			yq_warn("write error");
			e->failed = 1;
		}
		e->broken = 1;
		return -1;
	}
	return 0;
}

/*
 * Settle the batch and write it (inside a run): its records are pending
 * in the state before any goes out, so a run killed at any point has
 * every record it may have written kept for the next.
 */
static int
flush_run(struct emitter *e)
{
	char *err = NULL;

	if (e->pending == 0)
		return 0;
	if (fs_commit(e->st, e->now, &err) < 0 ||
	    (fs_batch_lines(e->st, emit_line, e, &err) < 0 && !e->broken)) {
		yq_warnx("state: %s", err);
		free(err);
		e->failed = 1;
		return -1;
	}
	if (e->broken)
		return -1;
	if (fs_batch_clear(e->st, &err) < 0) {
		yq_warnx("state: %s", err);
		free(err);
		e->failed = 1;
		return -1;
	}
	e->pending = 0;
	return flush_out(e);
}

int
emit_flush(struct emitter *e)
{
	char *err = NULL;

	if (e->st == NULL || e->broken)
		return 0;
	if (fs_run(e->st) != NULL)
		return flush_run(e);
	if (e->defer)
		return 0;
	/* The records reach the reader before their ids are committed. */
	if (flush_out(e) < 0)
		return -1;
	if (fs_commit(e->st, e->now, &err) < 0 || fs_batch_clear(e->st, &err) < 0) {
		yq_warnx("state: %s", err);
		free(err);
		e->failed = 1;
		return -1;
	}
	e->pending = 0;
	return 0;
}

int
emit_drain(struct emitter *e)
{
	if (e->st == NULL || fs_run(e->st) == NULL || e->broken || e->failed)
		return 0;
	return emit_flush(e);
}

void
emit_platform(struct emitter *e, const char *platform)
{
	e->platform = platform;
}

void
emit_accounts(struct emitter *e, const struct accounts *a)
{
	e->accounts = a;
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
	if (fs_commit(e->st, e->now, &err) < 0) {
		yq_warnx("state: %s", err);
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

void
emit_free(struct emitter *e)
{
	free(e);
}
