/*
 * store.c: the records yq-explore holds in memory, and the selection.
 *
 * Each record is kept twice: its whole compact JSON line in an arena (for
 * show, export and pipes, byte for byte what was read), and a parsed copy
 * without the bulky token arrays, which the filters walk.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "explore.h"
#include "record.h"
#include "yq.h"
#include "yqtime.h"

#define CHUNK (64u << 20)
/* Field names are collected from this many posts (and every event). */
#define FIELD_SAMPLE 20000

static json_t *fieldset;

void
store_init(struct store *s)
{
	memset(s, 0, sizeof *s);
	s->chunksz = CHUNK;
	s->out = stdout;
	fieldset = json_object();
}

/* Remember an allocation so store_free() can release it. */
static char *
arena_alloc(struct store *s, size_t n)
{
	char *p = xmalloc(n);

	s->chunks = xrealloc(s->chunks, (s->nchunks + 1) * sizeof *s->chunks);
	s->chunks[s->nchunks++] = p;
	return p;
}

static const char *
arena_copy(struct store *s, const char *p, size_t n)
{
	char *dst;

	if (n + 1 > s->chunksz / 4) {
		/* An outsized line gets an allocation of its own. */
		dst = arena_alloc(s, n + 1);
	} else {
		if (s->chunk == NULL || s->used + n + 1 > s->chunksz) {
			s->chunk = arena_alloc(s, s->chunksz);
			s->used = 0;
		}
		dst = s->chunk + s->used;
		s->used += n + 1;
	}
	memcpy(dst, p, n);
	dst[n] = '\0';
	return dst;
}

static void
collect_fields(json_t *set, json_t *obj, const char *prefix, int depth)
{
	const char *key;
	json_t *v;
	char path[256];

	json_object_foreach(obj, key, v) {
		snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", key);
		json_object_set_new(set, path, json_true());
		if (depth > 0 && json_is_object(v))
			collect_fields(set, v, path, depth - 1);
		else if (depth > 0 && json_is_array(v) && json_array_size(v) > 0 &&
		    json_is_object(json_array_get(v, 0)))
			collect_fields(set, json_array_get(v, 0), path, depth - 1);
	}
}

void
fields_collect(json_t *set, json_t *obj)
{
	collect_fields(set, obj, "", 1);
}

/* raw: the line as read, or NULL to write the record out again. */
static void
add_record(struct store *s, json_t *obj, const char *raw, size_t rawlen)
{
	struct xrec *r;
	const char *ts, *kind;
	struct yqt t;
	char *line;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->rec = xrealloc(s->rec, s->cap * sizeof *s->rec);
	}
	r = &s->rec[s->n++];
	memset(r, 0, sizeof *r);
	if (raw != NULL) {
		r->len = rawlen;
		r->line = arena_copy(s, raw, rawlen);
	} else {
		line = yq_json_dumps(obj, REC_DUMP_FLAGS);
		if (line == NULL)
			die(YQ_EXIT_IO, "out of memory");
		r->len = strlen(line);
		r->line = arena_copy(s, line, r->len);
		free(line);
	}
	kind = rec_str(obj, "kind");
	r->is_event = kind != NULL && strcmp(kind, "event") == 0;
	if (r->is_event)
		s->nevents++;
	else
		s->nposts++;
	if (r->is_event || s->nposts <= FIELD_SAMPLE)
		fields_collect(fieldset, obj);
	ts = rec_str(obj, r->is_event ? "first_seen" : "published_at");
	if (ts != NULL && yqt_parse(ts, s->now, &t) == 0) {
		r->t = t.t;
		r->has_t = 1;
		if (s->tmin == 0 || t.t < s->tmin)
			s->tmin = t.t;
		if (t.t > s->tmax)
			s->tmax = t.t;
	}
	if (!r->is_event) {
		json_object_del(obj, "tokens");
		json_object_del(obj, "pos");
	}
	r->obj = obj;
}

long
store_load(struct store *s, const char *path, int progress)
{
	struct rec_opts o = { 0, 0, NULL, 0 };	/* its own progress line */
	struct rec_in *in;
	struct rec_stats st;
	json_t *obj;
	int r;

	in = rec_in_new(&o);
	if (in == NULL)
		return -1;
	if (rec_in_open(in, path) < 0) {
		rec_in_free(in, NULL);
		return -1;
	}
	while ((r = rec_in_next(in, &obj)) != REC_EOF) {
		if (r == REC_ERR)
			break;
		if (r == REC_BAD)
			continue;
		{
			size_t rawlen = 0;
			const char *raw = rec_in_raw(in, &rawlen);

			add_record(s, obj, raw, rawlen);
		}
		if (progress && s->n % 100000 == 0)
			fprintf(stderr, "\r%s: loading %s: %zu records", yq_prog(),
			    path, s->n);
	}
	if (progress && s->n >= 100000)
		fputc('\n', stderr);
	rec_in_free(in, &st);
	return r == REC_ERR ? -1 : (long)st.bad;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
store_ready(struct store *s)
{
	const char *key;
	json_t *v;
	size_t i;

	s->nfields = json_object_size(fieldset);
	s->fields = xcalloc(s->nfields + 1, sizeof *s->fields);
	i = 0;
	json_object_foreach(fieldset, key, v)
		s->fields[i++] = xstrdup(key);
	if (s->nfields > 1)
		qsort(s->fields, s->nfields, sizeof *s->fields, cmpstr);
	json_decref(fieldset);
	fieldset = NULL;
	s->cur.n = s->n;
	s->cur.all = 0;
	s->cur.v = xmalloc((s->n + 1) * sizeof *s->cur.v);
	for (i = 0; i < s->n; i++)
		s->cur.v[i] = i;
}

void
sel_free(struct xsel *sel)
{
	free(sel->v);
	free(sel->expr);
	sel->v = NULL;
	sel->expr = NULL;
}

void
store_select(struct store *s, struct xsel next)
{
	if (s->nundo == s->capundo) {
		s->capundo = s->capundo ? s->capundo * 2 : 16;
		s->undo = xrealloc(s->undo, s->capundo * sizeof *s->undo);
	}
	s->undo[s->nundo++] = s->cur;
	s->cur = next;
}

int
store_undo(struct store *s)
{
	if (s->nundo == 0)
		return -1;
	sel_free(&s->cur);
	s->cur = s->undo[--s->nundo];
	return 0;
}

static long long
index_find(struct store *s, const char *id)
{
	sqlite3_stmt *st;
	const struct xrec *r;
	const char *v;
	long long key = -1;

	if (sqlite3_prepare_v2(idx_db(s->ix), "SELECT key FROM recs WHERE h=?"
	    " ORDER BY key", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, (long long)idx_hash(id));
	while (key < 0 && sqlite3_step(st) == SQLITE_ROW) {
		r = idx_rec(s->ix, sqlite3_column_int64(st, 0));
		v = rec_str(r->obj, r->is_event ? "event_id" : "id");
		if (v != NULL && strcmp(v, id) == 0)
			key = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	return key;
}

long long
store_find(struct store *s, const char *id)
{
	size_t i;
	const char *v;

	if (s->ix != NULL)
		return index_find(s, id);
	for (i = 0; i < s->n; i++) {
		v = rec_str(s->rec[i].obj, s->rec[i].is_event ? "event_id" : "id");
		if (v != NULL && strcmp(v, id) == 0)
			return (long long)i;
	}
	return -1;
}

const struct xrec *
store_rec(struct store *s, uint64_t key)
{
	if (s->ix != NULL)
		return idx_rec(s->ix, key);
	return &s->rec[key];
}

const char *
store_line(struct store *s, uint64_t key, size_t *len)
{
	if (s->ix != NULL)
		return idx_line(s->ix, key, len);
	*len = s->rec[key].len;
	return s->rec[key].line;
}

static int
ascending(const struct xsel *sel)
{
	size_t i;

	for (i = 1; i < sel->n; i++)
		if (sel->v[i] <= sel->v[i - 1])
			return 0;
	return 1;
}

/*
 * Over an index, every record is walked in one query; so is a selection
 * of one record in 20 or more, in key order (stepping over the others
 * costs less than looking each one up).
 */
void
sel_begin(struct store *s, const struct xsel *sel, struct xiter *it)
{
	sqlite3_stmt *st = NULL;

	memset(it, 0, sizeof *it);
	it->sel = sel;
	if (s->ix == NULL || (!sel->all && (sel->n == 0 || sel->n * 20 < s->n ||
	    !ascending(sel))))
		return;
	if (sqlite3_prepare_v2(idx_db(s->ix), "SELECT key, flags, t FROM recs"
	    " WHERE key >= ? ORDER BY key", -1, &st, NULL) != SQLITE_OK)
		die(YQ_EXIT_IO, "index '%s' is corrupt: %s", idx_dir(s->ix),
		    sqlite3_errmsg(idx_db(s->ix)));
	sqlite3_bind_int64(st, 1, sel->all ? 0 : (long long)sel->v[0]);
	it->st = st;
}

int
sel_next(struct store *s, struct xiter *it, uint64_t *key)
{
	sqlite3_stmt *st = it->st;

	if (st != NULL) {
		if (!it->sel->all && it->k >= it->sel->n)
			return 0;
		do {
			if (sqlite3_step(st) != SQLITE_ROW) {
				if (it->sel->all)
					return 0;
				die(YQ_EXIT_IO, "index '%s' is corrupt: no record %llu",
				    idx_dir(s->ix),
				    (unsigned long long)it->sel->v[it->k]);
			}
			*key = sqlite3_column_int64(st, 0);
		} while (!it->sel->all && *key < it->sel->v[it->k]);
		if (!it->sel->all && *key != it->sel->v[it->k++])
			die(YQ_EXIT_IO, "index '%s' is corrupt: no record %llu",
			    idx_dir(s->ix), (unsigned long long)it->sel->v[it->k - 1]);
		it->head.is_event = sqlite3_column_int(st, 1) & 1;
		it->head.has_t = sqlite3_column_type(st, 2) != SQLITE_NULL;
		it->head.t = it->head.has_t ? sqlite3_column_int64(st, 2) : 0;
		return 1;
	}
	if (it->k >= it->sel->n)
		return 0;
	*key = it->sel->all ? it->k : it->sel->v[it->k];
	it->k++;
	if (s->ix == NULL)
		it->head = s->rec[*key];
	else if (idx_head(s->ix, *key, &it->head) < 0)
		die(YQ_EXIT_IO, "index '%s' is corrupt: no record %llu",
		    idx_dir(s->ix), (unsigned long long)*key);
	return 1;
}

void
sel_end(struct xiter *it)
{
	sqlite3_finalize(it->st);
	it->st = NULL;
}

int
store_use_index(struct store *s, struct xindex *ix)
{
	sqlite3_stmt *st;
	size_t cap = 0;

	s->ix = ix;
	s->nposts = idx_meta(ix, "posts");
	s->nevents = idx_meta(ix, "events");
	s->n = s->nposts + s->nevents;
	s->tmin = idx_meta(ix, "tmin");
	s->tmax = idx_meta(ix, "tmax");
	if (sqlite3_prepare_v2(idx_db(ix), "SELECT path FROM fields ORDER BY path",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (s->nfields + 1 >= cap) {
			cap = cap ? cap * 2 : 64;
			s->fields = xrealloc(s->fields, cap * sizeof *s->fields);
		}
		s->fields[s->nfields++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	json_decref(fieldset);
	fieldset = NULL;
	s->cur.all = 1;
	s->cur.n = s->n;
	return 0;
}

const char *
store_time(const struct xrec *r, char *buf)
{
	struct yqt t;

	if (!r->has_t)
		return "-";
	t.t = r->t;
	t.off = YQT_DEFAULT_OFFSET;
	return yqt_format(t, buf);
}

void
store_free(struct store *s)
{
	size_t i;

	for (i = 0; s->rec != NULL && i < s->n; i++)
		json_decref(s->rec[i].obj);
	free(s->rec);
	for (i = 0; i < s->nchunks; i++)
		free(s->chunks[i]);
	free(s->chunks);
	for (i = 0; i < s->nfields; i++)
		free(s->fields[i]);
	free(s->fields);
	sel_free(&s->cur);
	for (i = 0; i < s->nundo; i++)
		sel_free(&s->undo[i]);
	free(s->undo);
	if (fieldset != NULL)
		json_decref(fieldset);
	fieldset = NULL;
	idx_close(s->ix);
	s->ix = NULL;
}
