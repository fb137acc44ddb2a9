/*
 * iquery.c: the filters an index answers from its own tables, without
 * reading the records back: kind, time window, words, and FIELD=VALUE
 * on the fields whose values are terms (idx_tagged).  Each gives exactly
 * the records the in-memory filter keeps, in the selection's order; the
 * memory used is that of the keys the query finds.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "explore.h"
#include "record.h"
#include "yq.h"

static int
keycmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The keys st gives (its first column), sorted. */
static uint64_t *
collect(struct store *s, sqlite3_stmt *st, size_t *n)
{
	uint64_t *v = NULL;
	size_t cap = 0;
	int sorted = 1, r;

	*n = 0;
	while ((r = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 1024;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[*n] = sqlite3_column_int64(st, 0);
		if (*n > 0 && v[*n] < v[*n - 1])
			sorted = 0;
		(*n)++;
	}
	if (r != SQLITE_DONE)
		die(YQ_EXIT_IO, "index '%s': %s", idx_dir(s->ix),
		    sqlite3_errmsg(idx_db(s->ix)));
	sqlite3_finalize(st);
	if (!sorted)
		qsort(v, *n, sizeof *v, keycmp);
	return v;
}

/*
 * next: the records of the selection that are among keys[0..n) (taken);
 * all of them when mine (the query was made within the selection).
 */
static void
keep_in(struct store *s, uint64_t *keys, size_t n, int mine, struct xsel *next)
{
	size_t i;

	next->all = 0;
	next->expr = NULL;
	if (s->cur.all || mine) {
		next->v = keys;
		next->n = n;
		return;
	}
	next->v = xmalloc((s->cur.n + 1) * sizeof *next->v);
	next->n = 0;
	for (i = 0; i < s->cur.n; i++)
		if (n > 0 && bsearch(&s->cur.v[i], keys, n, sizeof *keys, keycmp))
			next->v[next->n++] = s->cur.v[i];
	free(keys);
}

static sqlite3_stmt *
prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(idx_db(s->ix), sql, -1, &st, NULL) != SQLITE_OK)
		die(YQ_EXIT_IO, "index '%s' is corrupt: %s", idx_dir(s->ix),
		    sqlite3_errmsg(idx_db(s->ix)));
	return st;
}

static void
run_keys(struct store *s, sqlite3_stmt *st, int mine, struct xsel *next)
{
	uint64_t *keys;
	size_t n;

	keys = collect(s, st, &n);
	keep_in(s, keys, n, mine, next);
}

int
iq_kind(struct store *s, int ev, struct xsel *next)
{
	sqlite3_stmt *st = prepare(s, "SELECT key FROM recs WHERE flags & 1 = ?");

	sqlite3_bind_int(st, 1, ev);
	run_keys(s, st, 0, next);
	return 1;
}

int
iq_window(struct store *s, time_t t, int since, struct xsel *next)
{
	sqlite3_stmt *st = prepare(s, since ? "SELECT key FROM recs WHERE t >= ?" :
	    "SELECT key FROM recs WHERE t < ?");

	sqlite3_bind_int64(st, 1, t);
	run_keys(s, st, 0, next);
	return 1;
}

/* Append term a (of this kind) to the FTS query q, quoted, after join. */
static void
add_term(char **q, const char *join, char kind, const char *a)
{
	size_t n = *q ? strlen(*q) : 0;
	char *p;

	*q = xrealloc(*q, n + strlen(join) + 2 * strlen(a) + 4);
	p = *q + n;
	if (n > 0)
		p = stpcpy(p, join);
	*p++ = '"';
	*p++ = kind;
	for (; *a != '\0'; a++) {
		if (*a == '"')
			*p++ = '"';
		*p++ = *a;
	}
	*p++ = '"';
	*p = '\0';
}

/*
 * The records matching expr among the selection.  A selection that is an
 * FTS query itself is ANDed into this one: SQLite intersects the term
 * lists, skipping through the longer, where keeping the selection's keys
 * among all of expr's would read every one of them.
 */
static void
run_match(struct store *s, const char *expr, struct xsel *next)
{
	sqlite3_stmt *st = prepare(s,
	    "SELECT rowid FROM terms WHERE terms MATCH ?");
	char *q = s->cur.expr ? xasprintf("(%s) AND (%s)", s->cur.expr, expr) :
	    xstrdup(expr);

	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	run_keys(s, st, s->cur.expr != NULL, next);
	if (s->cur.all || s->cur.expr != NULL)
		next->expr = q;
	else
		free(q);
}

static int
holdable(const char *w)
{
	return *w != '\0' && strchr(w, WORD_SEP) == NULL;
}

int
iq_words(struct store *s, char *const *w, int n, struct xsel *next)
{
	char *q = NULL;
	int i;

	for (i = 0; i < n; i++) {
		if (!holdable(w[i])) {
			/* A word the index cannot hold matches nothing, as in memory. */
			free(q);
			next->v = xmalloc(sizeof *next->v);
			next->n = 0;
			next->all = 0;
			next->expr = NULL;
			return 1;
		}
		add_term(&q, " AND ", 'w', w[i]);
	}
	run_match(s, q, next);
	free(q);
	return 1;
}

int
iq_where(struct store *s, struct cond **c, int n, int *done, struct xsel *next)
{
	char *q = NULL, *t;
	int i, any = 0;

	for (i = 0; i < n; i++) {
		done[i] = 0;
		if ((t = cond_term(c[i])) == NULL)
			continue;
		q = xrealloc(q, (q ? strlen(q) : 0) + strlen(t) + 8);
		if (any)
			strcat(q, " AND ");
		else
			*q = '\0';
		strcat(q, t);
		free(t);
		done[i] = any = 1;
	}
	if (!any)
		return 0;
	run_match(s, q, next);
	free(q);
	return 1;
}

char *
iq_term(const char *path, const char *value, const char *num)
{
	char *q = NULL, *t = xasprintf("%s=%s", path, value), *both;

	add_term(&q, "", 't', t);
	free(t);
	if (num == NULL)
		return q;
	t = xasprintf("%s#%s", path, num);
	add_term(&q, " OR ", 't', t);
	free(t);
	both = xasprintf("(%s)", q);
	free(q);
	return both;
}

int
iq_event(struct store *s, const char *id, struct xsel *next)
{
	sqlite3_stmt *st;
	char *q;
	const char *e;
	uint64_t key;

	q = iq_term("event_id", id, NULL);
	st = prepare(s, "SELECT key FROM recs WHERE key IN (SELECT rowid FROM"
	    " terms WHERE terms MATCH ?) ORDER BY flags & 1 DESC, coalesce(t, 0), key");
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	next->v = NULL;
	next->n = 0;
	next->all = 0;
	next->expr = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		key = sqlite3_column_int64(st, 0);
		/* The term holds any value at the path; the event wants a string. */
		e = rec_str(store_rec(s, key)->obj, "event_id");
		if (e == NULL || strcmp(e, id) != 0)
			continue;
		next->v = xrealloc(next->v, (next->n + 1) * sizeof *next->v);
		next->v[next->n++] = key;
	}
	sqlite3_finalize(st);
	free(q);
	return 1;
}
