/*
 * outbox.c: what yq-alert keeps in the state store.  alert_sent holds
 * every change key sent to each subscriber (so nothing is sent twice);
 * alert_events the events whose deadline is still open (so that one
 * falls due in a run that read nothing); alert_outbox every message,
 * pending until a channel takes it, retried with backoff, given up
 * after a time, or held for a digest; alert_digest when each
 * subscriber's last digest went out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "record.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

static const char *const schema[] = {
	"CREATE TABLE alert_events ("
	" event_id TEXT PRIMARY KEY,"
	" rec TEXT NOT NULL,"
	" deadline INTEGER NOT NULL);"
	"CREATE TABLE alert_sent ("
	" event_id TEXT NOT NULL,"
	" sub TEXT NOT NULL,"
	" change TEXT NOT NULL,"
	" at INTEGER NOT NULL,"
	" PRIMARY KEY (event_id, sub, change)) WITHOUT ROWID;"
	"CREATE TABLE alert_outbox ("
	" id INTEGER PRIMARY KEY,"
	" sub TEXT NOT NULL,"
	" event_id TEXT,"
	" subject TEXT NOT NULL,"
	" body TEXT NOT NULL,"
	" fields TEXT NOT NULL,"
	" ikey TEXT NOT NULL,"
	" urgent INTEGER NOT NULL,"
	" created INTEGER NOT NULL,"
	" next_try INTEGER NOT NULL,"
	" tries INTEGER NOT NULL DEFAULT 0,"
	" state TEXT NOT NULL,"
	" error TEXT,"
	" sent_at INTEGER);"
	"CREATE INDEX alert_outbox_due ON alert_outbox (state, next_try);"
	"CREATE INDEX alert_outbox_sub ON alert_outbox (sub, state, sent_at);"
	"CREATE TABLE alert_digest ("
	" sub TEXT PRIMARY KEY,"
	" at INTEGER NOT NULL);"
};

/* The statements run once per event, prepared once. */
static sqlite3_stmt *q_sent, *q_mark, *q_keep, *q_drop, *q_insert;

struct yq_state *
ob_open(const char *db, char **err)
{
	struct yq_state *st;
	char *path = st_default_path(db);
	sqlite3 *h;

	st = st_open(path, err);
	free(path);
	if (st == NULL)
		return NULL;
	h = st_db(st);
	if (st_migrate(st, "alert", schema, 1, err) < 0 ||
	    sqlite3_prepare_v2(h, "SELECT sub, change FROM alert_sent WHERE event_id = ?",
	    -1, &q_sent, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT OR IGNORE INTO alert_sent VALUES (?, ?, ?, ?)",
	    -1, &q_mark, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO alert_events VALUES (?, ?, ?)",
	    -1, &q_keep, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "DELETE FROM alert_events WHERE event_id = ?",
	    -1, &q_drop, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO alert_outbox (sub, event_id, subject,"
	    " body, fields, ikey, urgent, created, next_try, state)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &q_insert, NULL) != SQLITE_OK) {
		if (*err == NULL)
			*err = xstrdup(sqlite3_errmsg(h));
		ob_close(st);
		return NULL;
	}
	return st;
}

int
ob_close(struct yq_state *st)
{
	sqlite3_finalize(q_sent);
	sqlite3_finalize(q_mark);
	sqlite3_finalize(q_keep);
	sqlite3_finalize(q_drop);
	sqlite3_finalize(q_insert);
	q_sent = q_mark = q_keep = q_drop = q_insert = NULL;
	return st_close(st);
}

/* Finish statement s: 0, or -1 with SQLite's message in *err. */
static int
done(struct yq_state *st, sqlite3_stmt *s, int rc, char **err)
{
	if (rc != SQLITE_DONE && rc != SQLITE_ROW && rc != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return 0;
}

static sqlite3_stmt *
prepare(struct yq_state *st, const char *sql, char **err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

/* Run a prepared one-off statement to its end and finalize it. */
static int
run(struct yq_state *st, sqlite3_stmt *s, char **err)
{
	int rc = sqlite3_step(s);

	rc = done(st, s, rc, err);
	sqlite3_finalize(s);
	return rc;
}

int
ob_prune(struct yq_state *st, time_t before, char **err)
{
	sqlite3_stmt *s = prepare(st, "DELETE FROM alert_outbox WHERE created < ?"
	    " AND state IN ('sent', 'digested', 'given_up')", err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)before);
	return run(st, s, err);
}

int
ob_events(struct yq_state *st, time_t forget, json_t *out, char **err)
{
	sqlite3_stmt *s = prepare(st, "DELETE FROM alert_events WHERE deadline < ?", err);
	json_t *rec;
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)forget);
	if (run(st, s, err) < 0 ||
	    (s = prepare(st, "SELECT rec FROM alert_events ORDER BY rowid", err)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((rec = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL)) != NULL)
			json_array_append_new(out, rec);
	rc = done(st, s, rc, err);
	sqlite3_finalize(s);
	return rc;
}

int
ob_keep_event(struct yq_state *st, const struct ev *e, char **err)
{
	char *text;
	int rc;

	if (e->status != ST_OPEN) {
		sqlite3_bind_text(q_drop, 1, e->id, -1, SQLITE_STATIC);
		return done(st, q_drop, sqlite3_step(q_drop), err);
	}
	text = yq_json_dumps(e->rec, REC_DUMP_FLAGS);
	sqlite3_bind_text(q_keep, 1, e->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q_keep, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q_keep, 3, (sqlite3_int64)e->deadline);
	rc = done(st, q_keep, sqlite3_step(q_keep), err);
	free(text);
	return rc;
}

int
ob_sent(struct yq_state *st, const char *id, json_t *out, char **err)
{
	const char *sub, *prev;
	char *keys;
	int rc;

	sqlite3_bind_text(q_sent, 1, id, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(q_sent)) == SQLITE_ROW) {
		sub = (const char *)sqlite3_column_text(q_sent, 0);
		prev = json_string_value(json_object_get(out, sub));
		keys = xasprintf("%s%s\n", prev ? prev : "\n",
		    (const char *)sqlite3_column_text(q_sent, 1));
		json_object_set_new(out, sub, json_string(keys));
		free(keys);
	}
	return done(st, q_sent, rc, err);
}

int
ob_mark_sent(struct yq_state *st, const struct alert *a, time_t now, char **err)
{
	char *keys = xstrdup(a->keys), *k, *save;
	int r = 0;

	for (k = strtok_r(keys, "\n", &save); r == 0 && k; k = strtok_r(NULL, "\n", &save)) {
		sqlite3_bind_text(q_mark, 1, a->ev->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q_mark, 2, a->sub->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(q_mark, 3, k, -1, SQLITE_STATIC);
		sqlite3_bind_int64(q_mark, 4, (sqlite3_int64)now);
		r = done(st, q_mark, sqlite3_step(q_mark), err);
	}
	free(keys);
	return r;
}

/* A key that names this message on every retry: a hash of what makes it. */
static char *
idem_key(const char *sub, const char *what, time_t now)
{
	unsigned char d[32];
	char *s = xasprintf("%s\n%s\n%lld", sub, what, (long long)now), *k;

	sha256(s, strlen(s), d);
	free(s);
	k = hex(d, 16);
	return k;
}

static int
insert(struct yq_state *st, const struct ob_row *r, int urgent,
    const char *state, char **err)
{
	sqlite3_stmt *s = q_insert;
	char *fields = yq_json_dumps(r->fields, REC_DUMP_FLAGS);
	int rc;

	sqlite3_bind_text(s, 1, r->sub, -1, SQLITE_STATIC);
	if (r->event_id != NULL)
		sqlite3_bind_text(s, 2, r->event_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, r->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, r->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, fields, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, r->ikey, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 7, urgent);
	sqlite3_bind_int64(s, 8, (sqlite3_int64)r->created);
	sqlite3_bind_int64(s, 9, (sqlite3_int64)r->next_try);
	sqlite3_bind_text(s, 10, state, -1, SQLITE_STATIC);
	rc = done(st, s, sqlite3_step(s), err);
	free(fields);
	return rc;
}

int
ob_queue(struct yq_state *st, const struct alert *a, const struct msg *m,
    time_t now, char **err)
{
	struct ob_row r;
	char *what = xasprintf("%s\n%s", a->ev->id, a->keys);
	int rc;

	memset(&r, 0, sizeof r);
	r.sub = a->sub->name;
	r.event_id = (char *)a->ev->id;
	r.subject = m->subject;
	r.body = m->body;
	r.fields = m->fields;
	r.ikey = idem_key(a->sub->name, what, now);
	r.urgent = (a->sub->brk & BRK_RED && a->ev->warning == 4) ||
	    (a->sub->brk & BRK_OVERDUE && a->changes & CH_OVERDUE);
	r.created = r.next_try = now;
	rc = insert(st, &r, r.urgent, a->sub->digest > 0 && !r.urgent ?
	    "held" : "pending", err);
	free(r.ikey);
	free(what);
	return rc;
}

/* When s's last digest went out; 0 if never. */
static time_t
last_digest(struct yq_state *st, const char *sub, time_t *oldest_held, char **err)
{
	sqlite3_stmt *s = prepare(st, "SELECT (SELECT at FROM alert_digest WHERE sub = ?1),"
	    " (SELECT min(created) FROM alert_outbox WHERE sub = ?1 AND state = 'held')", err);
	time_t at = 0;

	*oldest_held = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, sub, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		at = (time_t)sqlite3_column_int64(s, 0);
		*oldest_held = (time_t)sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	return at;
}

/* The held messages of sub, folded into r's subject, body and fields. */
static int
fold_held(struct yq_state *st, const char *sub, struct ob_row *r, char **err)
{
	sqlite3_stmt *s = prepare(st, "SELECT subject, body, fields FROM alert_outbox"
	    " WHERE sub = ? AND state = 'held' ORDER BY id", err);
	json_t *list = json_array(), *f;
	char *body = xstrdup(""), *n;
	int rc, count = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, sub, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n = xasprintf("%s%s%s\n%s", body, count++ ? "\n" : "",
		    sqlite3_column_text(s, 0), sqlite3_column_text(s, 1));
		free(body);
		body = n;
		if ((f = json_loads((const char *)sqlite3_column_text(s, 2), 0, NULL)) != NULL)
			json_array_append_new(list, f);
	}
	rc = done(st, s, rc, err);
	sqlite3_finalize(s);
	r->subject = xasprintf("【舆情摘要】%d条提醒", count);
	r->body = body;
	r->fields = json_pack("{so}", "digest", list);
	return rc;
}

/* What one row holds (the row itself is the caller's). */
static void
ob_rows_free_one(struct ob_row *r)
{
	free(r->sub);
	free(r->event_id);
	free(r->subject);
	free(r->body);
	free(r->ikey);
	json_decref(r->fields);
}

int
ob_digest(struct yq_state *st, const struct sub *sub, time_t now, char **err)
{
	struct ob_row r;
	sqlite3_stmt *s;
	time_t last, oldest;
	int rc;

	if (sub->digest <= 0)
		return 0;
	if ((last = last_digest(st, sub->name, &oldest, err)) < 0)
		return -1;
	if (oldest == 0 || now - (last ? last : oldest) < sub->digest)
		return 0;
	memset(&r, 0, sizeof r);
	r.sub = xstrdup(sub->name);
	r.created = r.next_try = now;
	rc = fold_held(st, sub->name, &r, err);
	r.ikey = idem_key(sub->name, "digest", now);
	if (rc == 0)
		rc = insert(st, &r, 0, "pending", err);
	ob_rows_free_one(&r);
	if (rc == 0 && (s = prepare(st, "UPDATE alert_outbox SET state = 'digested'"
	    " WHERE sub = ? AND state = 'held'", err)) != NULL) {
		sqlite3_bind_text(s, 1, sub->name, -1, SQLITE_STATIC);
		rc = run(st, s, err);
	} else if (rc == 0)
		rc = -1;
	if (rc == 0 && (s = prepare(st, "INSERT OR REPLACE INTO alert_digest VALUES (?, ?)",
	    err)) != NULL) {
		sqlite3_bind_text(s, 1, sub->name, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
		rc = run(st, s, err);
	} else if (rc == 0)
		rc = -1;
	return rc;
}

static char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

int
ob_due(struct yq_state *st, time_t now, struct ob_row **rows, size_t *n,
    char **err)
{
	sqlite3_stmt *s = prepare(st, "SELECT id, sub, event_id, subject, body, fields,"
	    " ikey, urgent, tries, created, next_try FROM alert_outbox"
	    " WHERE state = 'pending' AND next_try <= ? ORDER BY id", err);
	struct ob_row *r;
	int rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*rows = xrealloc(*rows, (*n + 1) * sizeof **rows);
		r = &(*rows)[(*n)++];
		r->id = sqlite3_column_int64(s, 0);
		r->sub = col(s, 1);
		r->event_id = col(s, 2);
		r->subject = col(s, 3);
		r->body = col(s, 4);
		r->fields = json_loads((const char *)sqlite3_column_text(s, 5), 0, NULL);
		r->ikey = col(s, 6);
		r->urgent = sqlite3_column_int(s, 7);
		r->tries = sqlite3_column_int(s, 8);
		r->created = (time_t)sqlite3_column_int64(s, 9);
		r->next_try = (time_t)sqlite3_column_int64(s, 10);
	}
	rc = done(st, s, rc, err);
	sqlite3_finalize(s);
	return rc;
}


void
ob_rows_free(struct ob_row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		ob_rows_free_one(&rows[i]);
	free(rows);
}

int
ob_count_sent(struct yq_state *st, const char *sub, time_t since, long *n,
    time_t *oldest, char **err)
{
	sqlite3_stmt *s = prepare(st, "SELECT count(*), min(sent_at) FROM alert_outbox"
	    " WHERE sub = ? AND state = 'sent' AND sent_at > ?", err);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_text(s, 1, sub, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)since);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*n = (long)sqlite3_column_int64(s, 0);
		*oldest = (time_t)sqlite3_column_int64(s, 1);
	}
	rc = done(st, s, rc, err);
	sqlite3_finalize(s);
	return rc;
}

/* Set a row's state after a try: sent, pending again, or given up. */
static int
update(struct yq_state *st, long long id, const char *state, int tried,
    time_t t, const char *why, char **err)
{
	sqlite3_stmt *s = prepare(st, "UPDATE alert_outbox SET state = ?2,"
	    " tries = tries + ?3, error = ?4,"
	    " sent_at = CASE WHEN ?2 = 'sent' THEN ?5 ELSE sent_at END,"
	    " next_try = CASE WHEN ?2 = 'pending' THEN ?5 ELSE next_try END"
	    " WHERE id = ?1", err);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_text(s, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, tried);
	if (why != NULL)
		sqlite3_bind_text(s, 4, why, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)t);
	return run(st, s, err);
}

int
ob_done(struct yq_state *st, long long id, time_t now, char **err)
{
	return update(st, id, "sent", 1, now, NULL, err);
}

int
ob_retry(struct yq_state *st, long long id, time_t next, int give_up,
    const char *why, char **err)
{
	return update(st, id, give_up ? "given_up" : "pending", 1, next, why, err);
}

int
ob_give_up(struct yq_state *st, long long id, const char *why, char **err)
{
	return update(st, id, "given_up", 0, 0, why, err);
}

int
ob_postpone(struct yq_state *st, long long id, time_t next, char **err)
{
	return update(st, id, "pending", 0, next, NULL, err);
}

/* One outbox row as a record. */
static json_t *
row_record(sqlite3_stmt *s)
{
	struct yqt t = { 0, YQT_DEFAULT_OFFSET };
	char buf[YQT_BUFSZ];
	json_t *r = json_object();

	json_object_set_new(r, "kind", json_string("alert"));
	json_object_set_new(r, "id", json_integer(sqlite3_column_int64(s, 0)));
	json_object_set_new(r, "state", json_string((const char *)sqlite3_column_text(s, 1)));
	json_object_set_new(r, "to", json_string((const char *)sqlite3_column_text(s, 2)));
	if (sqlite3_column_type(s, 3) != SQLITE_NULL)
		json_object_set_new(r, "event_id", json_string((const char *)sqlite3_column_text(s, 3)));
	json_object_set_new(r, "subject", json_string((const char *)sqlite3_column_text(s, 4)));
	t.t = (time_t)sqlite3_column_int64(s, 5);
	json_object_set_new(r, "created", json_string(yqt_format(t, buf)));
	json_object_set_new(r, "tries", json_integer(sqlite3_column_int(s, 6)));
	t.t = (time_t)sqlite3_column_int64(s, 7);
	json_object_set_new(r, "next_try", json_string(yqt_format(t, buf)));
	if (sqlite3_column_type(s, 8) != SQLITE_NULL)
		json_object_set_new(r, "error", json_string((const char *)sqlite3_column_text(s, 8)));
	if (sqlite3_column_type(s, 9) != SQLITE_NULL) {
		t.t = (time_t)sqlite3_column_int64(s, 9);
		json_object_set_new(r, "sent_at", json_string(yqt_format(t, buf)));
	}
	return r;
}

int
ob_list(struct yq_state *st, struct rec_out *out, int all, char **err)
{
	sqlite3_stmt *s = prepare(st, all ? "SELECT id, state, sub, event_id, subject,"
	    " created, tries, next_try, error, sent_at FROM alert_outbox ORDER BY id" :
	    "SELECT id, state, sub, event_id, subject, created, tries, next_try, error,"
	    " sent_at FROM alert_outbox WHERE state IN ('pending', 'held', 'given_up')"
	    " ORDER BY id", err);
	json_t *r;
	int rc = SQLITE_DONE, w = 0;

	if (s == NULL)
		return -1;
	while (w == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		r = row_record(s);
		w = rec_out_write(out, r);
		json_decref(r);
	}
	rc = w < 0 ? SQLITE_OK : done(st, s, rc, err);
	sqlite3_finalize(s);
	return w < 0 ? -1 : rc;
}
