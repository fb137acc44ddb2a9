/*
 * corr.c: the analysts' corrections in the state store (see corr.h).
 * Rows are only added: an undo is a row of its own that names the one
 * it undoes, so the table is the audit trail, and a file of its rows
 * replayed onto a fresh state gives the same state.
 */
#include <stdlib.h>
#include <string.h>

#include "corr.h"
#include "record.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

static const char *const schema[] = {
	"CREATE TABLE corrections (id INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
	" off INTEGER NOT NULL, by TEXT NOT NULL, verb TEXT NOT NULL,"
	" event_id TEXT NOT NULL, value TEXT NOT NULL, reason TEXT NOT NULL,"
	" undone INTEGER);"
	"CREATE INDEX corrections_event ON corrections (event_id);"
};

static const char *const verbs[] = {
	"mark", "owner", "kind", "level", "merge", "split", "answer", "undo", NULL
};

int
corr_migrate(struct yq_state *st, char **err)
{
	return st_migrate(st, "corrections", schema, 1, err);
}

static int
corr_verb(const char *verb)
{
	int i;

	for (i = 0; verb != NULL && verbs[i] != NULL; i++)
		if (strcmp(verbs[i], verb) == 0)
			return 1;
	return 0;
}

static sqlite3_stmt *
prep(struct yq_state *st, const char *sql, char **err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st_db(st), sql, -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

static const char *
col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t ? t : "";
}

/* Whether row id is there: 1 the same as c, 0 not there, -1 different. */
static int
same_row(struct yq_state *st, const struct corr *c, char **err)
{
	sqlite3_stmt *s;
	int r = 0;

	if ((s = prep(st, "SELECT at, by, verb, event_id, value, reason FROM "
	    "corrections WHERE id = ?1", err)) == NULL)
		return -2;
	sqlite3_bind_int64(s, 1, c->id);
	if (sqlite3_step(s) == SQLITE_ROW)
		r = sqlite3_column_int64(s, 0) == (sqlite3_int64)c->at &&
		    strcmp(col(s, 1), c->by) == 0 && strcmp(col(s, 2), c->verb) == 0 &&
		    strcmp(col(s, 3), c->event) == 0 && strcmp(col(s, 4), c->value) == 0 &&
		    strcmp(col(s, 5), c->reason ? c->reason : "") == 0 ? 1 : -1;
	sqlite3_finalize(s);
	return r;
}

/* Mark the target of an undo undone; -1 and *err when it cannot be. */
static int
undo_target(struct yq_state *st, long target, long by_id, char **err)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = prep(st, "UPDATE corrections SET undone = ?2 WHERE id = ?1 AND "
	    "undone IS NULL AND verb != 'undo'", err)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, target);
	sqlite3_bind_int64(s, 2, by_id);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	if (sqlite3_changes(st_db(st)) == 0) {
		*err = xasprintf("no correction %ld in force to undo", target);
		return -1;
	}
	return 0;
}

long
corr_add(struct yq_state *st, const struct corr *c, char **err)
{
	sqlite3_stmt *s;
	long id;
	int r;

	if (c->id > 0 && (r = same_row(st, c, err)) != 0) {
		if (r == -1)
			*err = xasprintf("correction %ld is in the state already, and "
			    "differs", c->id);
		return r == 1 ? 0 : -1;
	}
	if ((s = prep(st, "INSERT INTO corrections (id, at, off, by, verb, event_id, "
	    "value, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", err)) == NULL)
		return -1;
	if (c->id > 0)
		sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)c->at);
	sqlite3_bind_int(s, 3, c->off);
	sqlite3_bind_text(s, 4, c->by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 5, c->verb, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 6, c->event, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 7, c->value, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 8, c->reason ? c->reason : "", -1, SQLITE_TRANSIENT);
	if (sqlite3_step(s) != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_finalize(s);
	id = (long)sqlite3_last_insert_rowid(st_db(st));
	if (strcmp(c->verb, "undo") == 0 &&
	    undo_target(st, strtol(c->value, NULL, 10), id, err) < 0)
		return -1;
	return id;
}

static json_t *
row_json(sqlite3_stmt *s, int with_undone)
{
	struct yqt at;
	char buf[YQT_BUFSZ];
	json_t *o;

	at.t = (time_t)sqlite3_column_int64(s, 1);
	at.off = sqlite3_column_int(s, 2);
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}",
	    "id", (json_int_t)sqlite3_column_int64(s, 0),
	    "at", yqt_format(at, buf), "by", col(s, 3), "verb", col(s, 4),
	    "event_id", col(s, 5), "value", col(s, 6), "reason", col(s, 7));
	if (with_undone && sqlite3_column_type(s, 8) != SQLITE_NULL)
		json_object_set_new(o, "undone_by",
		    json_integer((json_int_t)sqlite3_column_int64(s, 8)));
	return o;
}

int
corr_list(struct yq_state *st, const char *event, int all, FILE *fp, char **err)
{
	sqlite3_stmt *s;
	json_t *o;
	int rc;

	if ((s = prep(st, "SELECT id, at, off, by, verb, event_id, value, reason, "
	    "undone FROM corrections WHERE (?1 IS NULL OR event_id = ?1) AND "
	    "(?2 OR (undone IS NULL AND verb != 'undo')) ORDER BY id", err)) == NULL)
		return -1;
	if (event != NULL)
		sqlite3_bind_text(s, 1, event, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(s, 2, all);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		o = row_json(s, all);
		json_dumpf(o, fp, REC_DUMP_FLAGS);
		fputc('\n', fp);
		json_decref(o);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	return 0;
}

int
corr_from_json(json_t *rec, struct corr *c, const char **why)
{
	struct yqt at;
	json_t *id = json_object_get(rec, "id");

	memset(c, 0, sizeof *c);
	c->by = rec_str(rec, "by");
	c->verb = rec_str(rec, "verb");
	c->event = rec_str(rec, "event_id");
	c->value = rec_str(rec, "value");
	c->reason = rec_str(rec, "reason");
	if (!json_is_integer(id) || json_integer_value(id) <= 0 || c->by == NULL ||
	    c->event == NULL || c->value == NULL || rec_str(rec, "at") == NULL ||
	    yqt_parse(rec_str(rec, "at"), 0, &at) < 0) {
		*why = "a correction wants id, at, by, verb, event_id and value";
		return -1;
	}
	if (!corr_verb(c->verb)) {
		*why = "unknown verb";
		return -1;
	}
	c->id = (long)json_integer_value(id);
	c->at = at.t;
	c->off = at.off;
	return 0;
}

/* One correction in force, onto the response. */
static void
apply_one(json_t *resp, const char *verb, const char *value)
{
	if (strcmp(verb, "mark") == 0 || strcmp(verb, "merge") == 0) {
		json_object_set_new(resp, "status", json_string(
		    strcmp(verb, "merge") == 0 ? "merged" : value));
		json_object_set_new(resp, "must_respond", json_false());
		json_object_set_new(resp, "hours_left", json_null());
	} else if (strcmp(verb, "owner") == 0)
		json_object_set_new(resp, "owner", json_pack("[s]", value));
	else if (strcmp(verb, "level") == 0)
		json_object_set_new(resp, "level", json_string(value));
	else if (strcmp(verb, "kind") == 0) {
		json_object_set_new(resp, "rule", json_string(value));
		if (strcmp(value, "watch") == 0) {
			json_object_set_new(resp, "must_respond", json_false());
			json_object_set_new(resp, "status", json_string("watch"));
			json_object_set_new(resp, "hours_left", json_null());
		}
	}
}

/* The fields a correction may change, kept as the machine said them. */
static const char *const judged[] = {
	"status", "must_respond", "hours_left", "owner", "rule", "level", NULL
};

/* Take the events merged into ev by corrections off its aliases. */
static void
unmerge(json_t *ev)
{
	json_t *from = json_object_get(ev, "merged_from");
	json_t *al = json_object_get(ev, "aliases"), *x, *y;
	size_t i, k;

	json_array_foreach(from, i, x)
		for (k = json_array_size(al); k-- > 0;)
			if ((y = json_array_get(al, k)) != NULL && json_equal(x, y))
				json_array_remove(al, k);
	if (al != NULL && json_array_size(al) == 0 && json_array_size(from) > 0)
		json_object_del(ev, "aliases");
	json_object_del(ev, "merged_from");
}

/*
 * The events merged into ev by corrections join its aliases, so that
 * their posts count for it (yq-report), and are listed in merged_from.
 */
static int
merge_in(struct yq_state *st, json_t *ev, char **err)
{
	sqlite3_stmt *s;
	json_t *al, *from = json_array();
	int rc;

	if ((s = prep(st, "SELECT event_id FROM corrections WHERE verb = 'merge' "
	    "AND value = ?1 AND undone IS NULL ORDER BY id", err)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, rec_str(ev, "event_id"), -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!json_is_array(al = json_object_get(ev, "aliases")))
			json_object_set_new(ev, "aliases", al = json_array());
		json_array_append_new(al, json_string(col(s, 0)));
		json_array_append_new(from, json_string(col(s, 0)));
	}
	sqlite3_finalize(s);
	if (json_array_size(from) > 0)
		json_object_set(ev, "merged_from", from);
	json_decref(from);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	return 0;
}

void
corr_unapply(json_t *ev)
{
	json_t *resp = json_object_get(ev, "response");
	json_t *m = json_object_get(resp, "machine"), *v;
	int i;

	if (json_is_object(m))
		for (i = 0; judged[i] != NULL; i++) {
			if ((v = json_object_get(m, judged[i])) != NULL)
				json_object_set(resp, judged[i], v);
			else
				json_object_del(resp, judged[i]);
		}
	json_object_del(resp, "machine");
	json_object_del(resp, "corrections");
	json_object_del(ev, "merged_into");
	unmerge(ev);
}

static void
keep_machine(json_t *resp)
{
	json_t *m = json_object(), *v;
	int i;

	for (i = 0; judged[i] != NULL; i++)
		if ((v = json_object_get(resp, judged[i])) != NULL)
			json_object_set(m, judged[i], v);
	json_object_set_new(resp, "machine", m);
}

int
corr_apply(struct yq_state *st, json_t *ev, char **err)
{
	json_t *resp = json_object_get(ev, "response"), *list;
	sqlite3_stmt *s;
	int rc, n = 0;

	if (!json_is_object(resp) || rec_str(ev, "event_id") == NULL)
		return 0;
	if (merge_in(st, ev, err) < 0)
		return -1;
	if ((s = prep(st, "SELECT id, at, off, by, verb, event_id, value, reason, "
	    "undone FROM corrections WHERE event_id = ?1 AND undone IS NULL AND "
	    "verb IN ('mark', 'owner', 'kind', 'level', 'merge') ORDER BY id", err)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, rec_str(ev, "event_id"), -1, SQLITE_TRANSIENT);
	list = json_array();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == 0)
			keep_machine(resp);
		apply_one(resp, col(s, 4), col(s, 6));
		if (strcmp(col(s, 4), "merge") == 0)
			json_object_set_new(ev, "merged_into", json_string(col(s, 6)));
		json_array_append_new(list, row_json(s, 0));
		n++;
	}
	sqlite3_finalize(s);
	if (n > 0)
		json_object_set(resp, "corrections", list);
	json_decref(list);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	return n;
}

json_t *
corr_splits(struct yq_state *st, char **err)
{
	sqlite3_stmt *s;
	json_t *map = json_object(), *v;
	int rc;

	if ((s = prep(st, "SELECT value FROM corrections WHERE verb = 'split' AND "
	    "undone IS NULL ORDER BY id", err)) == NULL) {
		json_decref(map);
		return NULL;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((v = json_loads(col(s, 0), 0, NULL)) != NULL) {
			if (rec_str(v, "post") && rec_str(v, "into"))
				json_object_set_new(map, rec_str(v, "post"),
				    json_string(rec_str(v, "into")));
			json_decref(v);
		}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		json_decref(map);
		return NULL;
	}
	return map;
}

int
corr_resplit(json_t *splits, json_t *post)
{
	const char *id = rec_str(post, "id");
	json_t *to;

	if (id == NULL || (to = json_object_get(splits, id)) == NULL)
		return 0;
	json_object_set(post, "event_id", to);
	return 1;
}

int
corr_unsplit(struct yq_state *st, const char *event)
{
	sqlite3_stmt *s;
	char *err = NULL;
	int gone = 0;

	if ((s = prep(st, "SELECT 1 FROM corrections WHERE verb = 'split' AND "
	    "json_extract(value, '$.into') = ?1 GROUP BY NULL HAVING "
	    "count(undone) = count(*)", &err)) == NULL) {
		free(err);
		return 0;
	}
	sqlite3_bind_text(s, 1, event, -1, SQLITE_TRANSIENT);
	gone = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return gone;
}
