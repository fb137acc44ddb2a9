/*
 * ledger.c: what yq-deadline remembers across runs in the state store:
 * each event's first-seen time (so a deadline does not move when the
 * first post falls out of a later run's window) and the answers given,
 * recorded by hand (yq-deadline answer) or found in posts.
 */
#include <stdlib.h>
#include <string.h>

#include "corr.h"
#include "deadline.h"
#include "record.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

static const char *const schema[] = {
	"CREATE TABLE deadline_events ("
	" event_id TEXT PRIMARY KEY,"
	" first_seen INTEGER NOT NULL,"
	" first_off INTEGER NOT NULL,"
	" rule TEXT,"
	" level INTEGER NOT NULL DEFAULT 4,"
	" posts INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE deadline_answers ("
	" event_id TEXT NOT NULL,"
	" post_id TEXT,"
	" at INTEGER NOT NULL,"
	" off INTEGER NOT NULL,"
	" form TEXT NOT NULL,"
	" by_body TEXT NOT NULL DEFAULT '',"
	" url TEXT,"
	" source TEXT NOT NULL,"
	" UNIQUE (event_id, at, form, by_body));"
	"CREATE INDEX deadline_answers_post ON deadline_answers (event_id, post_id);",
	/* The picture the digest reads (digest.c): what each event's last
	 * judgement said, and what the digest last told of it. */
	"ALTER TABLE deadline_events ADD COLUMN title TEXT;"
	"ALTER TABLE deadline_events ADD COLUMN owner TEXT;"
	"ALTER TABLE deadline_events ADD COLUMN deadline INTEGER;"
	"ALTER TABLE deadline_events ADD COLUMN deadline_off INTEGER;"
	"ALTER TABLE deadline_events ADD COLUMN status TEXT;"
	"ALTER TABLE deadline_events ADD COLUMN told TEXT;",
	/* Each post counted once (a hash of its id): deadline_events.posts
	 * counts the posts of the event, whatever the batches held. */
	"CREATE TABLE deadline_posts (h INTEGER PRIMARY KEY,"
	" event_id TEXT NOT NULL, first INTEGER NOT NULL);"
	"CREATE INDEX deadline_posts_first ON deadline_posts (first);"
};

/* A post is known by its id this long after it was first counted. */
#define POSTS_KEEP (30 * 86400)

struct yq_state *
ledger_open(const char *db, char **err)
{
	struct yq_state *st;
	char *path = st_default_path(db);

	st = st_open(path, err);
	free(path);
	if (st == NULL)
		return NULL;
	if (st_migrate(st, "deadline", schema, 3, err) < 0 ||
	    corr_migrate(st, err) < 0) {
		st_close(st);
		return NULL;
	}
	return st;
}

static int
fail(sqlite3 *db, sqlite3_stmt *s, char **err)
{
	*err = xstrdup(sqlite3_errmsg(db));
	sqlite3_finalize(s);
	return -1;
}

static sqlite3_stmt *
prepare(sqlite3 *db, const char *sql, char **err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(db));
		return NULL;
	}
	return s;
}

static void
text_or_null(sqlite3_stmt *s, int i, const char *v)
{
	if (v != NULL)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

int
ledger_add(struct yq_state *st, const char *event, const struct answer *a,
    char **err)
{
	sqlite3 *db = st_db(st);
	sqlite3_stmt *s;

	/* A post's answer is stored once, whatever its author field says. */
	if (a->id != NULL) {
		if ((s = prepare(db, "SELECT 1 FROM deadline_answers WHERE "
		    "event_id = ?1 AND post_id = ?2", err)) == NULL)
			return -1;
		sqlite3_bind_text(s, 1, event, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, a->id, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(s) == SQLITE_ROW) {
			sqlite3_finalize(s);
			return 0;
		}
		sqlite3_finalize(s);
	}
	if ((s = prepare(db, "INSERT OR IGNORE INTO deadline_answers (event_id, "
	    "post_id, at, off, form, by_body, url, source) VALUES "
	    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, event, -1, SQLITE_TRANSIENT);
	text_or_null(s, 2, a->id);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)a->at);
	sqlite3_bind_int(s, 4, a->off);
	sqlite3_bind_text(s, 5, a->form, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, a->by ? a->by : "", -1, SQLITE_TRANSIENT);
	text_or_null(s, 7, a->url);
	sqlite3_bind_text(s, 8, a->source, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_DONE)
		return fail(db, s, err);
	sqlite3_finalize(s);
	return 0;
}

static int
sync_first(sqlite3 *db, struct event *e, char **err)
{
	sqlite3_stmt *s;
	time_t t;
	int off;

	if ((s = prepare(db, "SELECT first_seen, first_off, rule, level, posts "
	    "FROM deadline_events WHERE event_id = ?1", err)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, event_id(e), -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) == SQLITE_ROW) {
		event_first_seen(e, (time_t)sqlite3_column_int64(s, 0),
		    sqlite3_column_int(s, 1));
		if (sqlite3_column_text(s, 2) != NULL)
			event_remembered(e, (const char *)sqlite3_column_text(s, 2),
			    sqlite3_column_int(s, 3), (long)sqlite3_column_int64(s, 4));
	}
	sqlite3_finalize(s);
	if ((t = event_get_first_seen(e, &off)) == (time_t)-1)
		return 0;
	if ((s = prepare(db, "INSERT INTO deadline_events (event_id, first_seen, "
	    "first_off) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (event_id) DO UPDATE SET first_seen = excluded.first_seen, "
	    "first_off = excluded.first_off WHERE excluded.first_seen < first_seen",
	    err)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, event_id(e), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)t);
	sqlite3_bind_int(s, 3, off);
	if (sqlite3_step(s) != SQLITE_DONE)
		return fail(db, s, err);
	sqlite3_finalize(s);
	return 0;
}

int
ledger_save(struct yq_state *st, struct event *e, char **err)
{
	sqlite3 *db = st_db(st);
	sqlite3_stmt *s;
	const char *rule;
	long posts;
	int level;

	if ((rule = event_decided(e, &level, &posts)) == NULL)
		return 0;
	/* posts -1: count_posts counted them. */
	if ((s = prepare(db, "UPDATE deadline_events SET rule = ?2, level = ?3, "
	    "posts = CASE WHEN ?4 < 0 THEN posts ELSE ?4 END WHERE event_id = ?1",
	    err)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, event_id(e), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, rule, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 3, level);
	sqlite3_bind_int64(s, 4, posts);
	if (sqlite3_step(s) != SQLITE_DONE)
		return fail(db, s, err);
	sqlite3_finalize(s);
	return 0;
}

/*
 * Count post h in event: 1 when it is new to it (moved from the event
 * that counted it before, whose count falls), 0 when the event counted
 * it before, -1 with *err.  ps: insert, select, move and fall.
 */
static int
count_post(sqlite3 *db, sqlite3_stmt **ps, const char *event, uint64_t h,
    char **err)
{
	const char *was;
	int rc, r = 1;

	sqlite3_bind_int64(ps[0], 1, (sqlite3_int64)h);
	rc = sqlite3_step(ps[0]);
	sqlite3_reset(ps[0]);
	if (rc == SQLITE_DONE && sqlite3_changes(db) == 1)
		return 1;
	sqlite3_bind_int64(ps[1], 1, (sqlite3_int64)h);
	if (rc != SQLITE_DONE || (rc = sqlite3_step(ps[1])) != SQLITE_ROW) {
		*err = xstrdup(sqlite3_errmsg(db));
		sqlite3_reset(ps[1]);
		return -1;
	}
	was = (const char *)sqlite3_column_text(ps[1], 0);
	if (strcmp(was, event) == 0)
		r = 0;
	else {
		sqlite3_bind_text(ps[3], 1, was, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(ps[2], 1, (sqlite3_int64)h);
		if (sqlite3_step(ps[3]) != SQLITE_DONE ||
		    sqlite3_step(ps[2]) != SQLITE_DONE) {
			*err = xstrdup(sqlite3_errmsg(db));
			r = -1;
		}
		sqlite3_reset(ps[2]);
		sqlite3_reset(ps[3]);
	}
	sqlite3_reset(ps[1]);
	return r;
}

static const char *const count_sql[] = {
	"INSERT OR IGNORE INTO deadline_posts VALUES (?1, ?2, ?3)",
	"SELECT event_id FROM deadline_posts WHERE h = ?1",
	"UPDATE deadline_posts SET event_id = ?2 WHERE h = ?1",
	"UPDATE deadline_events SET posts = posts - 1 WHERE event_id = ?1 AND "
	"posts > 0",
	"SELECT posts FROM deadline_events WHERE event_id = ?1",
	"UPDATE deadline_events SET posts = ?2 WHERE event_id = ?1",
};
#define NCOUNT (sizeof count_sql / sizeof count_sql[0])

/*
 * Count the event's posts once each across runs: a post counted before
 * in it counts nothing; one counted in another event (merged since)
 * moves.  Tells the event how many earlier runs counted and how many
 * of this run's are new.
 */
static int
count_posts(sqlite3 *db, struct event *e, time_t now, char **err)
{
	const uint64_t *ids;
	size_t n = event_post_ids(e, &ids), i, k;
	sqlite3_stmt *ps[NCOUNT];
	long before = 0, fresh = 0;
	int r = 0;

	if (n == 0)
		return 0;
	for (k = 0; k < NCOUNT; k++)
		if ((ps[k] = r < 0 ? NULL : prepare(db, count_sql[k], err)) == NULL)
			r = -1;
	if (r == 0) {
		for (k = 0; k < NCOUNT; k++)
			if (k != 1 && k != 3)
				sqlite3_bind_text(ps[k], k < 4 ? 2 : 1, event_id(e), -1,
				    SQLITE_STATIC);
		sqlite3_bind_int64(ps[0], 3, (sqlite3_int64)now);
		if (sqlite3_step(ps[4]) == SQLITE_ROW)
			before = (long)sqlite3_column_int64(ps[4], 0);
	}
	for (i = 0; r == 0 && i < n; i++) {
		if ((r = count_post(db, ps, event_id(e), ids[i], err)) == 1) {
			fresh++;
			r = 0;
		}
	}
	if (r == 0) {
		event_counted_before(e, before, fresh);
		sqlite3_bind_int64(ps[5], 2, before + fresh);
		if (sqlite3_step(ps[5]) != SQLITE_DONE) {
			*err = xstrdup(sqlite3_errmsg(db));
			r = -1;
		}
	}
	for (k = 0; k < NCOUNT; k++)
		sqlite3_finalize(ps[k]);
	return r;
}

int
ledger_forget_posts(struct yq_state *st, time_t now, char **err)
{
	sqlite3 *db = st_db(st);
	sqlite3_stmt *s;

	if ((s = prepare(db, "DELETE FROM deadline_posts WHERE first < ?1",
	    err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)(now - POSTS_KEEP));
	if (sqlite3_step(s) != SQLITE_DONE)
		return fail(db, s, err);
	sqlite3_finalize(s);
	return 0;
}

static const char *
col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

int
ledger_sync(struct yq_state *st, struct event *e, time_t now, char **err)
{
	sqlite3 *db = st_db(st);
	const struct answer *found;
	struct answer a;
	sqlite3_stmt *s;
	size_t n, i;
	int rc;

	if (sync_first(db, e, err) < 0 || count_posts(db, e, now, err) < 0)
		return -1;
	n = event_answers(e, &found);
	for (i = 0; i < n; i++)
		if (ledger_add(st, event_id(e), &found[i], err) < 0)
			return -1;
	if ((s = prepare(db, "SELECT post_id, at, off, form, by_body, url, source "
	    "FROM deadline_answers WHERE event_id = ?1 ORDER BY at", err)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, event_id(e), -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		a.id = (char *)col(s, 0);
		a.at = (time_t)sqlite3_column_int64(s, 1);
		a.off = sqlite3_column_int(s, 2);
		a.form = (char *)col(s, 3);
		a.by = col(s, 4) && *col(s, 4) ? (char *)col(s, 4) : NULL;
		a.url = (char *)col(s, 5);
		a.source = (char *)col(s, 6);
		event_add_answer(e, &a);
	}
	if (rc != SQLITE_DONE)
		return fail(db, s, err);
	sqlite3_finalize(s);
	return 0;
}

int
ledger_list(struct yq_state *st, const char *event, FILE *fp, char **err)
{
	sqlite3 *db = st_db(st);
	sqlite3_stmt *s;
	struct yqt at;
	char buf[YQT_BUFSZ];
	json_t *o;
	int rc;

	if ((s = prepare(db, "SELECT event_id, post_id, at, off, form, by_body, "
	    "url, source FROM deadline_answers WHERE ?1 IS NULL OR event_id = ?1 "
	    "ORDER BY event_id, at", err)) == NULL)
		return -1;
	text_or_null(s, 1, event);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		at.t = (time_t)sqlite3_column_int64(s, 2);
		at.off = sqlite3_column_int(s, 3);
		o = json_pack("{s:s}", "event_id", col(s, 0));
		if (col(s, 1))
			json_object_set_new(o, "id", json_string(col(s, 1)));
		json_object_set_new(o, "at", json_string(yqt_format(at, buf)));
		json_object_set_new(o, "form", json_string(col(s, 4)));
		if (*col(s, 5))
			json_object_set_new(o, "by", json_string(col(s, 5)));
		if (col(s, 6))
			json_object_set_new(o, "url", json_string(col(s, 6)));
		json_object_set_new(o, "source", json_string(col(s, 7)));
		json_dumpf(o, fp, REC_DUMP_FLAGS);
		fputc('\n', fp);
		json_decref(o);
	}
	if (rc != SQLITE_DONE)
		return fail(db, s, err);
	sqlite3_finalize(s);
	return 0;
}

/* The answer of a correction's value, its strings borrowed from v. */
static int
answer_of(json_t *v, struct answer *a, char **err)
{
	struct yqt at;
	static char source[] = "ledger";

	memset(a, 0, sizeof *a);
	if (rec_str(v, "at") == NULL || yqt_parse(rec_str(v, "at"), 0, &at) < 0 ||
	    rec_str(v, "form") == NULL || rec_str(v, "by") == NULL) {
		*err = xstrdup("an answer wants at, form and by");
		return -1;
	}
	a->at = at.t;
	a->off = at.off;
	a->form = (char *)rec_str(v, "form");
	a->by = (char *)rec_str(v, "by");
	a->url = (char *)rec_str(v, "url");
	a->source = source;
	return 0;
}

int
ledger_answer_json(struct yq_state *st, const char *event, const char *value,
    char **err)
{
	json_t *v = json_loads(value, 0, NULL);
	struct answer a;
	int r;

	r = answer_of(v, &a, err) < 0 ? -1 : ledger_add(st, event, &a, err);
	json_decref(v);
	return r;
}

int
ledger_undo_answer(struct yq_state *st, long id, char **err)
{
	sqlite3 *db = st_db(st);
	sqlite3_stmt *s, *d;
	struct answer a;
	json_t *v = NULL;
	int r = 0;

	if ((s = prepare(db, "SELECT event_id, value FROM corrections WHERE id = ?1 "
	    "AND verb = 'answer'", err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    (v = json_loads(col(s, 1), 0, NULL)) != NULL &&
	    (r = answer_of(v, &a, err)) == 0) {
		if ((d = prepare(db, "DELETE FROM deadline_answers WHERE event_id = ?1 "
		    "AND post_id IS NULL AND at = ?2 AND form = ?3 AND by_body = ?4",
		    err)) == NULL)
			r = -1;
		else {
			sqlite3_bind_text(d, 1, col(s, 0), -1, SQLITE_TRANSIENT);
			sqlite3_bind_int64(d, 2, (sqlite3_int64)a.at);
			sqlite3_bind_text(d, 3, a.form, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(d, 4, a.by, -1, SQLITE_TRANSIENT);
			r = sqlite3_step(d) == SQLITE_DONE ? 0 : fail(db, d, err);
			if (r == 0)
				sqlite3_finalize(d);
		}
	}
	json_decref(v);
	sqlite3_finalize(s);
	return r;
}
