/*
 * fromdb.c: the current picture, from the state store.  A cron run's
 * batch holds only what came since the last run; what the office must
 * read is everything still open.  So with the state store yq-report
 * keeps the records it reads (each event's latest record, the posts of
 * the last KEEP_DAYS) in its table report_records and makes every
 * report from that table, the batch included: a run that fetched
 * nothing writes the same briefing as the one before it, with each
 * deadline's status worked out again at this run's --now.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corr.h"
#include "record.h"
#include "report.h"
#include "state.h"
#include "vocab.h"
#include "yqtime.h"
#include "yq.h"

/* Posts and closed events are kept this long (the assessment's period;
 * report.h's FROMDB_KEEP_DAYS). */
#define KEEP_DAYS	FROMDB_KEEP_DAYS
/* A deadline this near is due soon (yq-deadline's default --warn). */
#define WARN_SECS	(6 * 3600)

static const char *const schema[] = {
	"CREATE TABLE report_seen (event_id TEXT PRIMARY KEY, first_reported INTEGER);",
	"CREATE TABLE report_records (key TEXT PRIMARY KEY, kind TEXT NOT NULL,"
	" event_id TEXT, t INTEGER NOT NULL, open INTEGER NOT NULL, rec TEXT NOT NULL);"
	"CREATE INDEX report_records_t ON report_records (kind, t);"
};

struct yq_state *
fromdb_open(const char *db, char **err)
{
	char *path = st_default_path(db);
	struct yq_state *st = st_open(path, err);

	free(path);
	if (st != NULL && (st_migrate(st, "report", schema, 2, err) < 0 ||
	    corr_migrate(st, err) < 0 || form_migrate(st, err) < 0)) {
		st_close(st);
		return NULL;
	}
	return st;
}

static int
is_event(json_t *rec)
{
	const char *k = rec_str(rec, "kind");

	return k != NULL && strcmp(k, "event") == 0;
}

int
fromdb_check(json_t *rec, time_t now, const char **why)
{
	const char *ts = rec_str(rec, "published_at");
	struct yqt t;

	if (is_event(rec)) {
		if (rec_str(rec, "event_id") != NULL)
			return 0;
		*why = "event record without event_id";
		return -1;
	}
	if (ts == NULL || yqt_parse(ts, now, &t) < 0) {
		*why = "post without a valid published_at";
		return -1;
	}
	return 0;
}

static time_t
when(json_t *rec, const char *key, time_t now)
{
	const char *s = rec_str(rec, key);
	struct yqt t;

	return s != NULL && yqt_parse(s, now, &t) == 0 ? t.t : (time_t)-1;
}


/* Store one record: an event's latest record, a post once by its id. */
static int
put(sqlite3_stmt *s, json_t *rec, time_t now)
{
	const char *id = is_event(rec) ? rec_str(rec, "event_id") : rec_str(rec, "id");
	char *key, *text;
	time_t t;
	int rc;

	if (id == NULL)		/* a post without an id: no way to keep it once */
		return 0;
	/* Words and tags are yq-seg's, for programs; no report shows them. */
	json_object_del(rec, "tokens");
	json_object_del(rec, "pos");
	t = is_event(rec) ? when(rec, "last_seen", now) : when(rec, "published_at", now);
	key = xasprintf("%c:%s", is_event(rec) ? 'e' : 'p', id);
	text = yq_json_dumps(rec, REC_DUMP_FLAGS);
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, is_event(rec) ? "event" : "post", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, rec_str(rec, "event_id"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)(t == (time_t)-1 ? now : t));
	sqlite3_bind_int(s, 5, vocab_status_open(rec_str(json_object_get(rec, "response"),
	    "status")));
	sqlite3_bind_text(s, 6, text, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(key);
	free(text);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
sqlerr(struct yq_state *st, sqlite3_stmt *s, char **err)
{
	*err = xstrdup(sqlite3_errmsg(st_db(st)));
	sqlite3_finalize(s);
	st_rollback(st);
	return -1;
}

int
fromdb_store(struct yq_state *st, FILE *spool, time_t now, char **err)
{
	sqlite3_stmt *s = NULL;
	json_error_t je;
	json_t *rec;

	rewind(spool);
	if (st_begin(st, err) < 0)
		return -1;
	/* A later record of an event takes the place of the earlier one. */
	if (sqlite3_prepare_v2(st_db(st), "INSERT INTO report_records (key, kind, "
	    "event_id, t, open, rec) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT "
	    "(key) DO UPDATE SET event_id = excluded.event_id, t = excluded.t, "
	    "open = excluded.open, rec = excluded.rec", -1, &s, NULL) != SQLITE_OK)
		return sqlerr(st, s, err);
	while ((rec = json_loadf(spool, JSON_DISABLE_EOF_CHECK, &je)) != NULL) {
		if (put(s, rec, now) < 0) {
			json_decref(rec);
			return sqlerr(st, s, err);
		}
		json_decref(rec);
	}
	sqlite3_finalize(s);
	if (ferror(spool)) {
		*err = xstrdup("cannot read the records back from a temporary file");
		st_rollback(st);
		return -1;
	}
	if (sqlite3_prepare_v2(st_db(st), "DELETE FROM report_records WHERE t < ?1 "
	    "AND open = 0", -1, &s, NULL) != SQLITE_OK)
		return sqlerr(st, s, err);
	sqlite3_bind_int64(s, 1, (sqlite3_int64)now - KEEP_DAYS * 86400LL);
	if (sqlite3_step(s) != SQLITE_DONE)
		return sqlerr(st, s, err);
	sqlite3_finalize(s);
	return st_commit(st, err);
}


/* An unmet deadline's status at now. */
static const char *
due_status(time_t due, time_t now)
{
	return now > due ? "overdue" : due - now <= WARN_SECS ? "due_soon" : "pending";
}

/*
 * Move an event's response on to now: each unmet deadline's status, the
 * event's (the most pressing), and the hours left to the next deadline.
 * Met deadlines, answers and the analysts' decisions stay as they are.
 */
static void
fromdb_restatus(json_t *ev, time_t now)
{
	json_t *r = json_object_get(ev, "response"), *d;
	const char *st = rec_str(r, "status"), *best = NULL, *s;
	time_t due;
	size_t i;

	if (!vocab_status_open(st) || strcmp(st, "update_due") == 0)
		goto hours;
	json_array_foreach(json_object_get(r, "deadlines"), i, d) {
		s = rec_str(d, "status");
		if (json_is_null(json_object_get(d, "met_at")) &&
		    (due = when(d, "due", now)) != (time_t)-1) {
			s = due_status(due, now);
			json_object_set_new(d, "status", json_string(s));
		}
		if (best == NULL || vocab_status_rank(s) < vocab_status_rank(best))
			best = s;
	}
	if (best == NULL && (due = when(r, "deadline", now)) != (time_t)-1)
		best = due_status(due, now);
	if (best != NULL)
		json_object_set_new(r, "status", json_string(best));
hours:
	due = when(r, "deadline", now);
	if (vocab_status_open(rec_str(r, "status")) && due != (time_t)-1)
		json_object_set_new(r, "hours_left",
		    json_real(round((double)(due - now) / 360.0) / 10.0));
}

/* Feed the corpus the stored records of one kind; -1 with *err. */
static int
load_kind(struct yq_state *st, struct corpus *co, const char *sql,
    const struct rparams *p, json_t *splits, char **err)
{
	sqlite3_stmt *s = NULL;
	const char *why;
	json_error_t je;
	json_t *rec;
	int rc;

	if (sqlite3_prepare_v2(st_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	sqlite3_bind_int64(s, 1, (sqlite3_int64)p->since);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)p->until);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rec = json_loads((const char *)sqlite3_column_text(s, 0), 0, &je);
		if (rec == NULL)
			continue;
		if (!is_event(rec))
			corr_resplit(splits, rec);
		else if (corr_unsplit(st, rec_str(rec, "event_id"))) {
			json_decref(rec);	/* its posts went back */
			continue;
		} else {
			/* The analysts' decisions as of now, over the machine's. */
			corr_unapply(rec);
			fromdb_restatus(rec, p->now);
			if (corr_apply(st, rec, err) < 0) {
				json_decref(rec);
				sqlite3_finalize(s);
				return -1;
			}
		}
		corpus_add(co, rec, p->now, &why);
		json_decref(rec);
	}
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	return 0;
}

int
fromdb_load(struct yq_state *st, struct corpus *co, const struct rparams *p,
    const char *kind, char **err)
{
	/*
	 * Posts first, then the events, as yq-cluster writes them: an event
	 * record comes after the posts of the events merged into it.  Each
	 * in an order of their own (time, then id), not of the runs that
	 * brought them, so that a state rebuilt from an archive reports
	 * the same.  The daily briefing reads the period before its window
	 * too, which it counts (环比) and does not keep.
	 */
	const char *posts = strcmp(kind, "daily") == 0 ?
	    "SELECT rec FROM report_records WHERE kind = 'post' AND t >= 2 * ?1 - ?2 "
	    "AND t < ?2 ORDER BY t, key" : strcmp(kind, "event") == 0 ?
	    "SELECT rec FROM report_records WHERE kind = 'post' AND "
	    "event_id IS NOT NULL AND ?1 = ?1 AND ?2 = ?2 ORDER BY t, key" : NULL;

	json_t *splits;
	int r;

	if ((splits = corr_splits(st, err)) == NULL)
		return -1;
	r = posts != NULL ? load_kind(st, co, posts, p, splits, err) : 0;
	if (r == 0)
		r = load_kind(st, co, "SELECT rec FROM report_records WHERE "
		    "kind = 'event' AND ?1 = ?1 AND ?2 = ?2 ORDER BY "
		    "json_extract(rec, '$.first_seen'), key", p, splits, err);
	json_decref(splits);
	return r;
}
