/*
 * store.c: yq-cluster's memory across runs, in the state store.  What a
 * run needs to go on exactly as one long run would: the document
 * frequencies of every term (with the term ids, so that vectors sort and
 * tie the same way), the events still open with their centroids and
 * statistics, and the recent posts that later ones may repeat.  Posts
 * older than two windows before the newest post are dropped (no later
 * post can reach them), and so are events whose last post is older than
 * --keep (30 days; 0 keeps them all, as shards to be merged need).
 */
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "record.h"
#include "state.h"
#include "yq.h"

static const char *const schema[] = {
	"CREATE TABLE cluster_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);"
	"CREATE TABLE cluster_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL,"
	" df INTEGER NOT NULL);"
	"CREATE TABLE cluster_events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" origin TEXT NOT NULL, first INTEGER NOT NULL, last INTEGER NOT NULL,"
	" posts INTEGER NOT NULL, centroid BLOB, title TEXT, title_sim REAL,"
	" heat REAL, risk REAL, sent_sum REAL, sent_n INTEGER, sent_neg INTEGER,"
	" sets TEXT NOT NULL);"
	"CREATE TABLE cluster_posts (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	" t INTEGER NOT NULL, simhash INTEGER NOT NULL, root TEXT NOT NULL,"
	" event TEXT NOT NULL, banded INTEGER NOT NULL);",
	/* 2: each post's place in its event's repost forest (spread.c). */
	"ALTER TABLE cluster_posts ADD COLUMN spread TEXT;"
};

struct yq_state *
cs_open(const char *db, char **err)
{
	char *path = st_default_path(db);
	struct yq_state *st = st_open(path, err);

	free(path);
	if (st != NULL && st_migrate(st, "cluster", schema, 2, err) < 0) {
		st_close(st);
		return NULL;
	}
	return st;
}

static int
sqlfail(struct yq_state *st, sqlite3_stmt *s, char **err)
{
	*err = xstrdup(sqlite3_errmsg(st_db(st)));
	sqlite3_finalize(s);
	return -1;
}

static sqlite3_stmt *
prep(struct yq_state *st, const char *sql, char **err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return NULL;
	}
	return s;
}

static const char *
text(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? t : "";
}

static int
load_terms(struct clusterer *cl, struct yq_state *st, char **err)
{
	sqlite3_stmt *s;
	uint32_t id;
	int rc;

	if ((s = prep(st, "SELECT value FROM cluster_meta WHERE key = 'ndocs'", err)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		cl->ndocs = (uint64_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if ((s = prep(st, "SELECT id, term, df FROM cluster_terms ORDER BY id", err)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = cl_term(cl, text(s, 1));
		if (id != (uint32_t)sqlite3_column_int64(s, 0)) {
			sqlite3_finalize(s);
			*err = xstrdup("cluster_terms: term ids are not contiguous");
			return -1;
		}
		cl->df[id] = (uint32_t)sqlite3_column_int64(s, 2);
	}
	if (rc != SQLITE_DONE)
		return sqlfail(st, s, err);
	sqlite3_finalize(s);
	return 0;
}

static json_t *
sets_get(json_t *sets, const char *key)
{
	json_t *v = json_object_get(sets, key);

	return json_is_object(v) ? json_incref(v) : json_object();
}

static int
load_events(struct clusterer *cl, struct yq_state *st, json_t *origins, char **err)
{
	sqlite3_stmt *s;
	struct event *e;
	json_t *sets, *v;
	const char *key;
	const void *blob;
	uint32_t ei;
	int rc, n;

	if ((s = prep(st, "SELECT id, origin, first, last, posts, centroid, title, "
	    "title_sim, heat, risk, sent_sum, sent_n, sent_neg, sets "
	    "FROM cluster_events ORDER BY seq", err)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ei = cl_alloc_event(cl, text(s, 0));
		e = &cl->events[ei];
		json_object_set_new(origins, e->id, json_string(text(s, 1)));
		e->first = (time_t)sqlite3_column_int64(s, 2);
		e->last = (time_t)sqlite3_column_int64(s, 3);
		e->nposts = (uint32_t)sqlite3_column_int64(s, 4);
		blob = sqlite3_column_blob(s, 5);
		n = sqlite3_column_bytes(s, 5) / (int)sizeof *e->c;
		e->c = xmalloc((n + 1) * sizeof *e->c);
		if (n > 0)
			memcpy(e->c, blob, n * sizeof *e->c);
		e->nc = n;
		e->title = sqlite3_column_text(s, 6) ? xstrdup(text(s, 6)) : NULL;
		e->title_sim = sqlite3_column_double(s, 7);
		e->heat = sqlite3_column_double(s, 8);
		e->risk = sqlite3_column_double(s, 9);
		e->sent_sum = sqlite3_column_double(s, 10);
		e->sent_n = (uint32_t)sqlite3_column_int64(s, 11);
		e->sent_neg = (uint32_t)sqlite3_column_int64(s, 12);
		sets = json_loads(text(s, 13), 0, NULL);
		e->sources = sets_get(sets, "sources");
		e->places = sets_get(sets, "places");
		e->bodies = sets_get(sets, "bodies");
		e->categories = sets_get(sets, "categories");
		json_object_foreach(json_object_get(sets, "hours"), key, v)
			if (json_is_integer(v) && json_integer_value(v) >= 0)
				cl_hours_add(e, cl_hour((time_t)strtoll(key, NULL, 10)),
				    (uint32_t)json_integer_value(v));
		sp_restore(cl, e, json_object_get(sets, "spread"));
		json_decref(sets);
		cl_index_event(cl, ei);
	}
	if (rc != SQLITE_DONE)
		return sqlfail(st, s, err);
	sqlite3_finalize(s);
	return 0;
}

/* The index of the event with this id among those loaded. */
static uint32_t
event_index(json_t *byid, const char *id)
{
	json_t *v = json_object_get(byid, id);

	return v ? (uint32_t)json_integer_value(v) : UINT32_MAX;
}

static int
load_posts(struct clusterer *cl, struct yq_state *st, json_t *byid, char **err)
{
	sqlite3_stmt *s;
	struct post *p;
	uint32_t pi, root;
	int rc, flags;

	if ((s = prep(st, "SELECT id, t, simhash, root, event, banded, spread FROM "
	    "cluster_posts ORDER BY seq", err)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		uint32_t ei = event_index(byid, text(s, 4));

		if (ei == UINT32_MAX)
			continue;	/* its event was dropped */
		pi = cl_new_post(cl, text(s, 0), (time_t)sqlite3_column_int64(s, 1));
		p = &cl->posts[pi];
		p->simhash = (uint64_t)sqlite3_column_int64(s, 2);
		p->event = ei;
		root = sm_get(&cl->ids, text(s, 3));
		p->root = root != UINT32_MAX ? root : pi;
		/* banded: bit 0 in the bands, bit 1 came with repost_of,
		 * bit 2 brief (see cluster.c). */
		flags = sqlite3_column_int(s, 5);
		p->linked = (flags & 2) != 0;
		p->brief = (flags & 4) != 0;
		if (flags & 1) {
			p->banded = 1;
			cl_band_add(cl, p->simhash, pi);
		}
		sp_post_restore(cl, pi, (const char *)sqlite3_column_text(s, 6));
	}
	if (rc != SQLITE_DONE)
		return sqlfail(st, s, err);
	sqlite3_finalize(s);
	return 0;
}

int
cs_load(struct clusterer *cl, struct yq_state *st, char **err)
{
	json_t *origins = json_object(), *byid = json_object();
	const char *id;
	uint32_t i, pi;
	int r;

	r = load_terms(cl, st, err);
	if (r == 0)
		r = load_events(cl, st, origins, err);
	for (i = 0; r == 0 && i < cl->nevents; i++)
		json_object_set_new(byid, cl->events[i].id, json_integer(i));
	if (r == 0)
		r = load_posts(cl, st, byid, err);
	/* An origin no longer among the posts kept stands in by its id. */
	for (i = 0; r == 0 && i < cl->nevents; i++) {
		id = json_string_value(json_object_get(origins, cl->events[i].id));
		if ((pi = sm_get(&cl->ids, id)) == UINT32_MAX) {
			pi = cl_new_post(cl, id, cl->events[i].first);
			cl->posts[pi].event = i;
		}
		cl->events[i].origin = pi;
	}
	if (r == 0)
		sp_relink(cl);
	json_decref(origins);
	json_decref(byid);
	return r;
}

static int
save_terms(struct clusterer *cl, struct yq_state *st, char **err)
{
	sqlite3_stmt *s;
	uint32_t i;

	if ((s = prep(st, "INSERT INTO cluster_terms (id, term, df) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (id) DO UPDATE SET df = excluded.df", err)) == NULL)
		return -1;
	for (i = 0; i < cl->nterms; i++) {
		sqlite3_bind_int64(s, 1, i);
		sqlite3_bind_text(s, 2, cl->names[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, cl->df[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			return sqlfail(st, s, err);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	if ((s = prep(st, "INSERT OR REPLACE INTO cluster_meta VALUES ('ndocs', ?1)",
	    err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)cl->ndocs);
	if (sqlite3_step(s) != SQLITE_DONE)
		return sqlfail(st, s, err);
	sqlite3_finalize(s);
	return 0;
}

/* A set as stored: one never made (no key yet) as {}. */
static json_t *
set_or_empty(json_t *set)
{
	return set != NULL ? json_incref(set) : json_object();
}

static char *
sets_json(const struct clusterer *cl, const struct event *e)
{
	json_t *hours = json_object(), *o;
	char key[24];
	uint32_t i;

	/* Hours stored as the epoch second each begins -> posts. */
	for (i = 0; i < e->nhours; i++) {
		snprintf(key, sizeof key, "%lld", (long long)CL_HOUR_START(e->hours[i].t));
		json_object_set_new(hours, key, json_integer(e->hours[i].n));
	}
	o = json_pack("{s:o, s:o, s:o, s:o, s:o}", "sources",
	    set_or_empty(e->sources), "places", set_or_empty(e->places), "bodies",
	    set_or_empty(e->bodies), "categories", set_or_empty(e->categories),
	    "hours", hours);
	json_object_set_new(o, "spread", sp_state(cl, e));
	char *s = yq_json_dumps(o, REC_DUMP_FLAGS);

	json_decref(o);
	return s;
}

static int
save_events(struct clusterer *cl, struct yq_state *st, time_t cut, char **err)
{
	sqlite3_stmt *s;
	struct event *e;
	char *sets;
	uint32_t i;
	int rc;

	if ((s = prep(st, "INSERT INTO cluster_events (seq, id, origin, first, last, "
	    "posts, centroid, title, title_sim, heat, risk, sent_sum, sent_n, sent_neg, "
	    "sets) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	    err)) == NULL)
		return -1;
	for (i = 0; i < cl->nevents; i++) {
		e = &cl->events[i];
		if (e->last < cut || e->merged_into != UINT32_MAX)
			continue;
		sets = sets_json(cl, e);
		sqlite3_bind_int64(s, 1, i);
		sqlite3_bind_text(s, 2, e->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, cl->posts[e->origin].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, e->first);
		sqlite3_bind_int64(s, 5, e->last);
		sqlite3_bind_int64(s, 6, e->nposts);
		sqlite3_bind_blob(s, 7, e->c, e->nc * (int)sizeof *e->c, SQLITE_STATIC);
		if (e->title)
			sqlite3_bind_text(s, 8, e->title, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s, 8);
		sqlite3_bind_double(s, 9, e->title_sim);
		sqlite3_bind_double(s, 10, e->heat);
		sqlite3_bind_double(s, 11, e->risk);
		sqlite3_bind_double(s, 12, e->sent_sum);
		sqlite3_bind_int64(s, 13, e->sent_n);
		sqlite3_bind_int64(s, 14, e->sent_neg);
		sqlite3_bind_text(s, 15, sets, -1, free);
		rc = sqlite3_step(s);
		if (rc != SQLITE_DONE)
			return sqlfail(st, s, err);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return 0;
}

static int
save_posts(struct clusterer *cl, struct yq_state *st, time_t cut, time_t keep,
    char **err)
{
	sqlite3_stmt *s;
	struct post *p;
	uint32_t i, ei;

	if ((s = prep(st, "INSERT INTO cluster_posts (seq, id, t, simhash, root, event, "
	    "banded, spread) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)) == NULL)
		return -1;
	for (i = 0; i < cl->nposts; i++) {
		p = &cl->posts[i];
		ei = p->event;
		while (cl->events[ei].merged_into != UINT32_MAX)
			ei = cl->events[ei].merged_into;
		if (p->t < cut || cl->events[ei].last < keep)
			continue;
		sqlite3_bind_int64(s, 1, i);
		sqlite3_bind_text(s, 2, p->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, p->t);
		sqlite3_bind_int64(s, 4, (sqlite3_int64)p->simhash);
		sqlite3_bind_text(s, 5, cl->posts[p->root].id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, cl->events[ei].id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 7, p->banded | p->linked << 1 |
		    p->brief << 2);
		sqlite3_bind_text(s, 8, sp_post_state(cl, i), -1, free);
		if (sqlite3_step(s) != SQLITE_DONE)
			return sqlfail(st, s, err);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return 0;
}

int
cs_save(struct clusterer *cl, struct yq_state *st, char **err)
{
	time_t newest = 0, cut, keep;
	uint32_t i;

	for (i = 0; i < cl->nposts; i++)
		if (cl->posts[i].t > newest)
			newest = cl->posts[i].t;
	cut = newest - 2 * cl->p.window;
	keep = cl->p.keep > 0 ? newest - cl->p.keep : 0;
	if (st_exec(st, "DELETE FROM cluster_events; DELETE FROM cluster_posts;", err) < 0)
		return -1;
	if (save_terms(cl, st, err) < 0 || save_events(cl, st, keep, err) < 0 ||
	    save_posts(cl, st, cut, keep, err) < 0)
		return -1;
	return 0;
}
