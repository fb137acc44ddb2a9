/*
 * runlog.c: the runs of a pipeline and their pending records in the
 * state store (see runlog.h).  Every transaction here is short and none
 * is open while a caller writes to a pipe: a run never holds SQLite's
 * write lock while it waits for a reader.
 */
#include <stdlib.h>
#include <string.h>

#include "runlog.h"
#include "yq.h"

#define PAGE 256

static const char *const schema[] = {
	"CREATE TABLE run_log (run TEXT PRIMARY KEY, started INTEGER NOT NULL,"
	" closed INTEGER, archive TEXT, offset INTEGER, tmp TEXT);"
	"CREATE TABLE run_pending (seq INTEGER PRIMARY KEY, id TEXT NOT NULL"
	" UNIQUE, run TEXT NOT NULL, line TEXT NOT NULL);"
	"CREATE INDEX run_pending_run ON run_pending (run, seq);"
};

const char *
rl_current(void)
{
	const char *v = getenv("YQ_RUN");

	return v != NULL && *v != '\0' ? v : NULL;
}

int
rl_migrate(struct yq_state *st, char **err)
{
	return st_migrate(st, "run", schema, 1, err);
}

/* The message for SQLite's last error, as st_exec gives it. */
static int
sqlerr(struct yq_state *st, sqlite3_stmt *s, char **err)
{
	if (sqlite3_errcode(st_db(st)) == SQLITE_BUSY)
		*err = st_busy_message();
	else
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
	sqlite3_finalize(s);
	return -1;
}

/*
 * Run one statement binding text a, b, c (NULL: unbound) and integer n
 * as ?4 when n >= 0; *changes (when given) the rows it changed.
 */
static int
run_sql(struct yq_state *st, const char *sql, const char *a, const char *b,
    const char *c, long long n, long *changes, char **err)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(st_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return sqlerr(st, NULL, err);
	if (a != NULL)
		sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	if (c != NULL)
		sqlite3_bind_text(s, 3, c, -1, SQLITE_STATIC);
	if (n >= 0)
		sqlite3_bind_int64(s, 4, n);
	if (sqlite3_step(s) != SQLITE_DONE)
		return sqlerr(st, s, err);
	if (changes != NULL)
		*changes = sqlite3_changes(st_db(st));
	sqlite3_finalize(s);
	return 0;
}

int
rl_open(struct yq_state *st, const char *run, time_t now, char **err)
{
	return run_sql(st, "INSERT OR IGNORE INTO run_log (run, started) "
	    "VALUES (?1, ?4)", run, NULL, NULL, (long long)now, NULL, err);
}

int
rl_adopt(struct yq_state *st, const char *run, time_t now, long *n,
    char **err)
{
	*n = 0;
	if (st_begin(st, err) < 0)
		return -1;
	if (run_sql(st, "UPDATE run_pending SET run = ?1 WHERE run <> ?1", run,
	    NULL, NULL, -1, n, err) < 0 || run_sql(st, "UPDATE run_log SET "
	    "closed = ?4 WHERE closed IS NULL AND archive IS NULL AND run <> ?1",
	    run, NULL, NULL, (long long)now, NULL, err) < 0) {
		st_rollback(st);
		return -1;
	}
	return st_commit(st, err);
}

struct page {
	char **line;
	size_t *len;
	int n;
};

/* Up to PAGE lines of run after seq *after into pg; -1 with *err. */
static int
read_page(struct yq_state *st, const char *run, sqlite3_int64 *after,
    struct page *pg, char **err)
{
	sqlite3_stmt *s;
	int rc;

	pg->n = 0;
	if (sqlite3_prepare_v2(st_db(st), "SELECT seq, line FROM run_pending "
	    "WHERE run = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3", -1, &s,
	    NULL) != SQLITE_OK)
		return sqlerr(st, NULL, err);
	sqlite3_bind_text(s, 1, run, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, *after);
	sqlite3_bind_int(s, 3, PAGE);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*after = sqlite3_column_int64(s, 0);
		pg->len[pg->n] = (size_t)sqlite3_column_bytes(s, 1);
		pg->line[pg->n] = xstrndup((const char *)sqlite3_column_text(s, 1),
		    pg->len[pg->n]);
		pg->n++;
	}
	if (rc != SQLITE_DONE)
		return sqlerr(st, s, err);
	sqlite3_finalize(s);
	return 0;
}

int
rl_each_pending(struct yq_state *st, const char *run,
    int (*fn)(void *arg, const char *line, size_t len), void *arg,
    char **err)
{
	char *line[PAGE];
	size_t len[PAGE];
	struct page pg = { line, len, 0 };
	sqlite3_int64 after = 0;
	int i, r = 0;

	do {
		if (read_page(st, run, &after, &pg, err) < 0)
			return -1;
		for (i = 0; i < pg.n; i++) {
			if (r == 0)
				r = fn(arg, line[i], len[i]);
			free(line[i]);
		}
	} while (r == 0 && pg.n == PAGE);
	return r;
}

int
rl_closing(struct yq_state *st, const char *run, const char *archive,
    long long offset, const char *tmp, char **err)
{
	return run_sql(st, "UPDATE run_log SET archive = ?2, tmp = ?3, "
	    "offset = ?4 WHERE run = ?1", run, archive, tmp, offset, NULL, err);
}

int
rl_close(struct yq_state *st, const char *run, time_t now, char **err)
{
	if (st_begin(st, err) < 0)
		return -1;
	if (run_sql(st, "UPDATE run_log SET closed = ?4 WHERE run = ?1", run,
	    NULL, NULL, (long long)now, NULL, err) < 0 ||
	    run_sql(st, "DELETE FROM run_pending WHERE run = ?1", run, NULL,
	    NULL, -1, NULL, err) < 0) {
		st_rollback(st);
		return -1;
	}
	return st_commit(st, err);
}

int
rl_output(struct yq_state *st, const char *run, const char *tmp, char **err)
{
	return run_sql(st, "UPDATE run_log SET tmp = ?3 WHERE run = ?1", run,
	    NULL, tmp, -1, NULL, err);
}

int
rl_each_tmp(struct yq_state *st, int (*fn)(void *arg, const char *tmp),
    void *arg, char **err)
{
	sqlite3_stmt *s;
	char **tmp = NULL;
	size_t n = 0, i;
	int rc, r = 0;

	if (sqlite3_prepare_v2(st_db(st), "SELECT tmp FROM run_log WHERE tmp "
	    "IS NOT NULL AND (closed IS NOT NULL OR archive IS NULL)", -1, &s,
	    NULL) != SQLITE_OK)
		return sqlerr(st, NULL, err);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		tmp = xrealloc(tmp, (n + 1) * sizeof *tmp);
		tmp[n++] = xstrdup((const char *)sqlite3_column_text(s, 0));
	}
	if (rc != SQLITE_DONE)
		r = sqlerr(st, s, err);
	else
		sqlite3_finalize(s);
	for (i = 0; i < n; i++) {
		if (r == 0 && fn(arg, tmp[i]) == 0)
			r = run_sql(st, "UPDATE run_log SET tmp = NULL WHERE tmp = ?3",
			    NULL, NULL, tmp[i], -1, NULL, err);
		free(tmp[i]);
	}
	free(tmp);
	return r;
}

int
rl_prune(struct yq_state *st, time_t before, long *n, char **err)
{
	return run_sql(st, "DELETE FROM run_log WHERE closed IS NOT NULL AND "
	    "closed < ?4", NULL, NULL, NULL, (long long)before, n, err);
}

static char *
col(sqlite3_stmt *s, int i)
{
	const char *t = (const char *)sqlite3_column_text(s, i);

	return t != NULL ? xstrdup(t) : NULL;
}

int
rl_unfinished(struct yq_state *st, char **run, char **archive,
    long long *offset, char **tmp, char **err)
{
	sqlite3_stmt *s;
	int rc;

	*run = *archive = *tmp = NULL;
	*offset = 0;
	if (sqlite3_prepare_v2(st_db(st), "SELECT run, archive, offset, tmp "
	    "FROM run_log WHERE closed IS NULL AND archive IS NOT NULL "
	    "ORDER BY started LIMIT 1", -1, &s, NULL) != SQLITE_OK)
		return sqlerr(st, NULL, err);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*run = col(s, 0);
		*archive = col(s, 1);
		*offset = sqlite3_column_int64(s, 2);
		*tmp = col(s, 3);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlerr(st, s, err);
	sqlite3_finalize(s);
	return 0;
}
