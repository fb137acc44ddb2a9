/*
 * yq-cluster: collapse reposts, group posts into events, warn on bursts.
 * Adds dup_of and event_id to each post; --events appends the event
 * records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cluster.h"
#include "datapath.h"
#include "each.h"
#include "opt.h"
#include "state.h"
#include "record.h"
#include "wordset.h"
#include "yq.h"

enum { O_EVENTS = 256, O_ONLY, O_THRESHOLD, O_ALONE, O_WINDOW, O_HAMMING, O_WARNINGS, O_MERGE, O_KEEP, O_CONVERGE, O_ATTACH, O_STREAM };

static const struct yq_option options[] = {
	{ "events", O_EVENTS, 0, NULL, "after the posts, write the event records" },
	{ "only-events", O_ONLY, 0, NULL, "write the event records only" },
	{ "threshold", O_THRESHOLD, 1, "X", "cosine with an event's centroid to join it, naming a place of its (0.2)" },
	{ "threshold-alone", O_ALONE, 1, "X", "cosine with an event's centroid to join it without a place in common (0.5)" },
	{ "attach", O_ATTACH, 1, "X", "a short post that joins no event joins the one holding share X of the latest 16 posts (0.125; 0: never)" },
	{ "window", O_WINDOW, 1, "DUR", "how long an event stays open after its last post (3d)" },
	{ "hamming", O_HAMMING, 1, "N", "SimHash bits within which a post repeats another (3)" },
	{ "warnings", O_WARNINGS, 1, "FILE", "warning thresholds (warning.conf in the data path)" },
	{ "converge", O_CONVERGE, 1, "X", "events whose centroids reach cosine X merge at the end (0.2; 0: never)" },
	{ "keep", O_KEEP, 1, "DUR", "how long the state keeps a closed event (30d; 0: for ever)" },
	{ "merge", O_MERGE, 0, NULL, "the operands are shard state databases: merge them into --db" },
	{ "stream", O_STREAM, 0, NULL, "with --no-state: write each event once final and forget it, so memory follows --window" },
	{ 0 }
};

static const struct yq_cmd cmd = {
	"yq-cluster", "[options] [file ...]",
	"collapse reposts, group posts into events, warn on bursts",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT | YQ_OPT_NOW | YQ_OPT_STATE
};

/* What a run reads and writes. */
enum mode {
	MODE_POSTS,		/* posts in, posts out */
	MODE_EVENTS,		/* --events: posts, then the event records */
	MODE_ONLY_EVENTS,	/* --only-events */
	MODE_MERGE		/* --merge: shard states in, event records out */
};

static int
parse_opts(int argc, char **argv, struct yq_common *c, struct params *p,
    enum mode *mode, const char **warnings, int *stream)
{
	const char *arg, *err;
	int ch;

	while ((ch = yq_getopt(&cmd, argc, argv, c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c->exit_status;
		case O_EVENTS:
			*mode = MODE_EVENTS;
			break;
		case O_ONLY:
			*mode = MODE_ONLY_EVENTS;
			break;
		case O_THRESHOLD:
			p->threshold = yq_strtod(arg, 0, 1, &err);
			if (err != NULL || p->threshold == 0)
				die(YQ_EXIT_USAGE, "--threshold wants a number in (0, 1]: '%s'", arg);
			break;
		case O_ALONE:
			p->alone = yq_strtod(arg, 0, 1, &err);
			if (err != NULL || p->alone == 0)
				die(YQ_EXIT_USAGE, "--threshold-alone wants a number in (0, 1]: '%s'", arg);
			break;
		case O_WINDOW:
			if ((p->window = yq_duration(arg)) <= 0)
				die(YQ_EXIT_USAGE, "--window wants a duration: '%s'", arg);
			break;
		case O_HAMMING:
			p->hamming = yq_strtonum(arg, 0, 16, &err);
			if (err != NULL)
				die(YQ_EXIT_USAGE, "--hamming is %s: '%s'", err, arg);
			break;
		case O_WARNINGS:
			*warnings = arg;
			break;
		case O_CONVERGE:
			p->converge = yq_strtod(arg, 0, 1, &err);
			if (err != NULL)
				die(YQ_EXIT_USAGE, "--converge wants a number in [0, 1]: '%s'", arg);
			break;
		case O_ATTACH:
			p->attach = yq_strtod(arg, 0, 1, &err);
			if (err != NULL)
				die(YQ_EXIT_USAGE, "--attach wants a number in [0, 1]: '%s'", arg);
			break;
		case O_KEEP:
			if (strcmp(arg, "0") == 0)
				p->keep = 0;
			else if ((p->keep = yq_duration(arg)) <= 0)
				die(YQ_EXIT_USAGE, "--keep wants a duration: '%s'", arg);
			break;
		case O_MERGE:
			*mode = MODE_MERGE;
			break;
		case O_STREAM:
			*stream = 1;
			break;
		}
	}
	return -1;
}

/*
 * What settling writes to: the output with --events, or nothing; and,
 * holding posts, where their text waits (or NULL: in memory).
 */
struct settle {
	struct rec_out *out;
	json_t *aliases;
	int events;
	unsigned long posts;	/* since the last settling */
	time_t at;		/* the newest post's time that settles next */
	struct clusterer *hold;	/* posts held in it, or NULL */
	struct spill *spill;
};

/*
 * A post with the fields clustering gave it: when it had none of them,
 * its line as read with them appended (no encoding again).  Holding
 * posts, it is held instead (cl_hold): as text (put aside in the spill,
 * if it can be) when its event's id is found in it once, else parsed.
 */
static int
write_post(struct rec_out *out, struct rec_in *in, json_t *obj, int fresh,
    struct settle *settle)
{
	static const char *const keys[] = { "dup_of", "event_id" };
	struct clusterer *hold = settle ? settle->hold : NULL;
	struct held h = { 0 };
	json_t *add = NULL, *v;
	const char *raw = NULL, *text, *at, *id, *err;
	char *pat;
	size_t rawlen = 0, k, n, plen;
	int r;

	if (fresh) {
		add = json_object();
		for (k = 0; k < 2; k++)
			if ((v = json_object_get(obj, keys[k])) != NULL) {
				json_object_set(add, keys[k], v);
				json_object_del(obj, keys[k]);
			}
		raw = rec_in_raw(in, &rawlen);
	}
	if (hold == NULL) {
		r = rec_out_extend(out, obj, raw, rawlen, add);
		json_decref(add);
		return r;
	}
	id = json_string_value(json_object_get(add ? add : obj, "event_id"));
	text = rec_out_render(out, obj, raw, rawlen, add, &n);
	if (add != NULL)
		json_object_update(obj, add);
	json_decref(add);
	if (text == NULL || id == NULL)
		return -1;
	/* Written compact: "event_id":"<id>", the top level's unless the
	 * same member is in the record twice (then it is kept parsed). */
	plen = strlen(id) + 13;
	pat = xmalloc(plen + 1);
	memcpy(pat, "\"event_id\":\"", 12);
	memcpy(pat + 12, id, plen - 13);
	memcpy(pat + plen - 1, "\"", 2);
	at = memmem(text, n, pat, plen);
	if (at != NULL && memmem(at + 1, n - (size_t)(at + 1 - text), pat, plen) != NULL)
		at = NULL;
	free(pat);
	if (at != NULL) {
		h.len = n - 1;
		h.idoff = (size_t)(at - text) + 12;
		if ((r = spill_put(settle->spill, text, h.len, &h.ref, &err)) < 0)
			die(YQ_EXIT_IO, "%s", err);
		if (r > 0)
			h.line = xstrndup(text, h.len);
	} else
		h.obj = json_incref(obj);
	cl_hold(hold, &h);
	return 0;
}

/* Event i's record, with the ids of the events that joined it. */
static int
write_event(struct rec_out *out, struct clusterer *cl, uint32_t i,
    json_t *aliases)
{
	json_t *e, *a;
	int r;

	e = cl_event_record(cl, i);
	if ((a = json_object_get(aliases, cl->events[i].id)) != NULL) {
		json_object_set(e, "aliases", a);
		json_object_del(aliases, cl->events[i].id);
	}
	r = rec_out_write(out, e);
	json_decref(e);
	return r;
}

/* A held post, with the id of the event it ended in. */
static int
write_held(void *arg, struct held *h, const char *id)
{
	struct settle *s = arg;
	struct rec_out *out = s->out;
	size_t was, now = strlen(id);
	const char *err;
	char *line;
	int r;

	if (h->obj != NULL) {
		json_object_set_new(h->obj, "event_id", json_string(id));
		return rec_out_write(out, h->obj);
	}
	if (h->line == NULL && (h->line = spill_get(s->spill, &h->ref, 1, &err)) == NULL)
		die(YQ_EXIT_IO, "%s", err);
	for (was = 0; h->idoff + was < h->len && h->line[h->idoff + was] != '"'; was++)
		;
	if (was == now) {
		memcpy(h->line + h->idoff, id, now);
		return rec_out_line(out, h->line, h->len);
	}
	line = xmalloc(h->len - was + now);
	memcpy(line, h->line, h->idoff);
	memcpy(line + h->idoff, id, now);
	memcpy(line + h->idoff + now, h->line + h->idoff + was, h->len - h->idoff - was);
	r = rec_out_line(out, line, h->len - was + now);
	free(line);
	return r;
}

static int
emit(void *arg, struct clusterer *cl, uint32_t i)
{
	struct settle *s = arg;

	if (s->events)
		return write_event(s->out, cl, i, s->aliases);
	json_object_del(s->aliases, cl->events[i].id);
	return 0;
}

/*
 * Cluster every input; 0, or -1 when the output failed.  With settle
 * (--stream), every SETTLE_POSTS posts, and whenever the newest post is
 * half a window newer than at the last settling, the final events are
 * written and forgotten.
 */
#define SETTLE_POSTS 4096
struct reading {
	struct clusterer *cl;
	struct rec_out *out;
	enum mode mode;
	struct settle *settle;	/* --stream, else NULL */
};

/* One post: clustered, written, and now and then the events settled. */
static int
read_one(void *ctx, struct rec_in *in, json_t *obj)
{
	struct reading *rd = ctx;
	struct clusterer *cl = rd->cl;
	struct settle *settle = rd->settle;
	const char *why;
	int r, fresh;

	/* Event records from an earlier run are not posts. */
	if (rec_str(obj, "kind") && strcmp(rec_str(obj, "kind"), "event") == 0)
		return EACH_ON;
	fresh = json_object_get(obj, "dup_of") == NULL &&
	    json_object_get(obj, "event_id") == NULL;
	if (cl_add(cl, obj, &why) < 0) {
		rec_in_reject(in, "%s", why);
		return EACH_REJECTED;
	}
	r = rd->mode == MODE_ONLY_EVENTS ? 0 :
	    write_post(rd->out, in, obj, fresh, settle);
	if (r == 0 && settle != NULL && (++settle->posts == SETTLE_POSTS ||
	    cl->latest >= settle->at)) {
		settle->posts = 0;
		settle->at = cl->latest + cl->p.window / 2;
		r = cl_settle(cl, settle->aliases, write_held, emit, settle);
	}
	return r < 0 ? EACH_STOP : EACH_ON;
}


static int
write_events(struct clusterer *cl, struct rec_out *out, json_t *aliases)
{
	uint32_t i;

	for (i = 0; i < cl->nevents; i++) {
		/* Events of earlier runs that took no post now are not news;
		 * settled ones were written. */
		if (cl->events[i].merged_into != UINT32_MAX ||
		    !cl->events[i].touched || cl->events[i].done)
			continue;
		if (write_event(out, cl, i, aliases) < 0)
			return -1;
	}
	return 0;
}

/*
 * The state, under the cluster lock for the whole run so that an
 * overlapping run waits for this one and goes on from what it left;
 * NULL with --no-state, or on error (reported).
 */
static struct yq_state *
open_state(struct yq_common *c, struct clusterer *cl)
{
	struct yq_state *st;
	char *err = NULL;

	if (c->no_state && c->db == NULL)
		return NULL;
	if ((st = cs_open(c->db, &err)) == NULL) {
		yq_warnx("state: %s", err);
		free(err);
		c->no_state = 0;
		return NULL;
	}
	/*
	 * Runs take turns by the component's lock; the state is read in a
	 * plain transaction and written at the end in a short one, so the
	 * tools before this one in a pipeline can write theirs meanwhile.
	 */
	if (st_lock(st, "cluster", &err) < 0 || st_exec(st, "BEGIN", &err) < 0 ||
	    cs_load(cl, st, &err) < 0 || st_exec(st, "COMMIT", &err) < 0) {
		yq_warnx("state: %s", err);
		free(err);
		st_close(st);
		c->no_state = 0;
		return NULL;
	}
	return st;
}

/*
 * --merge: load each shard's state (read only) and fold it into cl.
 * Returns 0, or -1 after reporting.
 */
static int
merge_shards(struct clusterer *cl, const struct params *p, json_t *stop,
    int argc, char **argv, json_t *aliases)
{
	struct clusterer **sh;
	struct yq_state *st = NULL;
	char *err = NULL;
	int i, n = argc - optind, r = 0;

	sh = xcalloc(n, sizeof *sh);
	for (i = 0; i < n && r == 0; i++) {
		sh[i] = xmalloc(sizeof *sh[i]);
		cl_init(sh[i], p, stop);
		if (access(argv[optind + i], R_OK) != 0) {
			yq_warn("%s", argv[optind + i]);
			r = -1;
		} else if ((st = cs_open(argv[optind + i], &err)) == NULL ||
		    cs_load(sh[i], st, &err) < 0) {
			yq_warnx("%s: %s", argv[optind + i], err);
			r = -1;
		}
		if (st != NULL)
			st_close(st);
		st = NULL;
	}
	if (r == 0)
		r = cl_merge(cl, sh, n, aliases);
	for (i = 0; i < n; i++)
		if (sh[i] != NULL) {
			cl_free(sh[i]);
			free(sh[i]);
		}
	free(sh);
	free(err);
	return r;
}

/* Save and commit when the run went well, else leave the state as it was. */
static int
close_state(struct yq_state *st, struct clusterer *cl, int ok)
{
	char *err = NULL;
	int r = 0;

	/* A failed run leaves the state as it read it. */
	if (ok && (st_begin(st, &err) < 0 || cs_save(cl, st, &err) < 0 ||
	    st_commit(st, &err) < 0)) {
		yq_warnx("state: %s", err);
		st_rollback(st);
		r = -1;
	}
	free(err);
	st_close(st);
	return r;
}

/* Everything one run works with. */
struct job {
	enum mode mode;
	int stream;		/* --stream */
	struct params p;
	struct clusterer *cl;
	json_t *stop;		/* stopwords */
	struct rec_in *in;
	struct rec_out *out;
	json_t *aliases;	/* ids of events that joined others */
	struct settle settle;
	int failed;		/* an input not read */
};

/* The operands clustered (or, --merge, the shards merged); 0 or -1. */
static int
cluster(struct job *j, int argc, char **argv)
{
	struct settle *s = &j->settle;
	struct reading rd = { j->cl, j->out, j->mode, j->stream ? s : NULL };
	int r;

	if (j->mode == MODE_MERGE) {
		j->failed = merge_shards(j->cl, &j->p, j->stop, argc, argv,
		    j->aliases) < 0;
		return 0;
	}
	s->out = j->out;
	/* Posts are held until their event converged: they carry the id it
	 * ended in, and no record needs aliases. */
	s->aliases = j->stream ? NULL : j->aliases;
	s->events = j->mode != MODE_POSTS;
	s->hold = j->stream && j->p.converge > 0 ? j->cl : NULL;
	s->spill = spill_new("yq-cluster", SPILL_TURN);
	j->cl->settling = j->stream;
	r = rec_each(j->in, argc - optind, argv + optind, read_one, &rd, &j->failed);
	if (r == 0 && j->p.converge > 0)
		cl_converge(j->cl, j->p.converge, s->aliases);
	if (r == 0)
		r = cl_write_held(j->cl, write_held, s);
	return r;
}

/* The options checked together and the warning levels read; 0 or a status. */
static int
setup(struct yq_common *c, struct job *j, const char *warnings, int argc)
{
	char *path;
	int r;

	if (j->stream && (!c->no_state || c->db != NULL || j->mode == MODE_MERGE))
		die(YQ_EXIT_USAGE, "--stream forgets what a state keeps: use it with --no-state");
	/* --threshold is the least cosine that ever joins. */
	if (j->p.alone < j->p.threshold)
		j->p.alone = j->p.threshold;
	if (j->mode == MODE_MERGE && optind == argc)
		die(YQ_EXIT_USAGE, "--merge wants one or more shard state databases");
	j->p.now = c->now;
	j->p.now_set = c->now_set;
	path = warnings ? xstrdup(warnings) : yq_datafile("warning.conf");
	if (path == NULL)
		die(YQ_EXIT_IO, "cannot find warning.conf in the data path");
	r = warn_load(&j->p, path);
	free(path);
	return r < 0 ? YQ_EXIT_USAGE : 0;
}

/* Free what a job holds. */
static void
job_free(struct job *j)
{
	json_decref(j->aliases);
	spill_free(j->settle.spill);
	if (j->cl != NULL)
		cl_free(j->cl);
	free(j->cl);
	json_decref(j->stop);
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct job j = { 0 };
	struct rec_stats rs;
	struct yq_state *st = NULL;
	const char *warnings = NULL;
	int r, status, broken, closed;

	yq_common_init(&c, argv[0]);
	cl_defaults(&j.p);
	if ((r = parse_opts(argc, argv, &c, &j.p, &j.mode, &warnings, &j.stream)) >= 0)
		return r;
	if ((r = setup(&c, &j, warnings, argc)) != 0)
		return r;
	j.stop = ws_load("stopwords.txt");
	/* Over 3 MB of SimHash bands: on the heap, not the stack. */
	j.cl = xmalloc(sizeof *j.cl);
	cl_init(j.cl, &j.p, j.stop);
	j.aliases = json_object();
	if ((j.in = rec_in_new(&c.rec)) == NULL ||
	    (j.out = rec_out_open(c.output)) == NULL ||
	    ((st = open_state(&c, j.cl)) == NULL && !c.no_state)) {
		rec_in_free(j.in, NULL);
		if (j.out != NULL)
			rec_out_close(j.out, 1);
		job_free(&j);
		return YQ_EXIT_IO;
	}
	r = cluster(&j, argc, argv);
	if (r == 0 && !j.failed && j.mode != MODE_POSTS)
		r = write_events(j.cl, j.out, j.aliases);
	/*
	 * The state is saved once every record is out (flushed, or renamed
	 * into place): killed before, the run counted nothing, and the
	 * posts fed again count once.
	 */
	broken = rec_out_broken(j.out);
	closed = rec_out_close(j.out, j.failed);	/* an input not read: -o kept */
	if (st != NULL && close_state(st, j.cl, r == 0 && !j.failed && !broken &&
	    closed == 0) < 0)
		j.failed = 1;
	if (rec_in_free(j.in, &rs) < 0)
		j.failed = 1;
	job_free(&j);
	if (broken)
		return YQ_EXIT_OK;
	status = closed < 0 || j.failed ? YQ_EXIT_IO : YQ_EXIT_OK;
	return status == YQ_EXIT_OK && rs.bad > 0 ? YQ_EXIT_USAGE : status;
}
