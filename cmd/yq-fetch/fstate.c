/*
 * fstate.c: what yq-fetch keeps in the shared state store: the ids of
 * the items it has emitted and the HTTP validators (ETag,
 * Last-Modified) of the sources it polls, under the component "fetch";
 * inside a run (runlog.h), the records themselves, pending until the run
 * closes.  The items of a batch wait in a temporary table of this
 * connection, which takes no lock on the database, so that the write
 * lock is held only for the short transaction that settles a batch and
 * never while the records go out to a pipe.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "yq.h"
#include "state.h"
#include "runlog.h"
#include "fstate.h"

struct fstate {
	struct yq_state *st;
	sqlite3_stmt *seen, *mark, *getv, *setv;
	int intx;
	const char *run;	/* $YQ_RUN, or NULL */
};

static const char *const steps[] = {
	"CREATE TABLE fetch_seen (id TEXT PRIMARY KEY, first_seen INTEGER "
	"NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE fetch_http (url TEXT PRIMARY KEY, etag TEXT, "
	"last_modified TEXT, checked INTEGER NOT NULL);",
	/* Output files committed but perhaps not yet renamed into place. */
	"CREATE TABLE fetch_outputs (tmp TEXT PRIMARY KEY, path TEXT NOT NULL);"
};

static int
prep(struct fstate *f, const char *sql, sqlite3_stmt **st, char **err)
{
	if (sqlite3_prepare_v2(st_db(f->st), sql, -1, st, NULL) == SQLITE_OK)
		return 0;
	*err = xstrdup(sqlite3_errmsg(st_db(f->st)));
	return -1;
}

struct fstate *
fs_open(const char *path, char **err)
{
	struct fstate *f = xcalloc(1, sizeof(*f));

	if ((f->st = st_open(path, err)) == NULL) {
		free(f);
		return NULL;
	}
	/* Overlapping runs take turns: the second emits what the first did not. */
	if (st_lock(f->st, "fetch", err) < 0) {
		st_close(f->st);
		free(f);
		return NULL;
	}
	f->run = rl_current();
	if (st_migrate(f->st, "fetch", steps, 2, err) < 0 ||
	    (f->run != NULL && (rl_migrate(f->st, err) < 0 ||
	    rl_open(f->st, f->run, time(NULL), err) < 0)) ||
	    st_exec(f->st, "CREATE TEMP TABLE fetch_batch (seq INTEGER PRIMARY "
	    "KEY, id TEXT NOT NULL UNIQUE, line TEXT)", err) < 0 ||
	    prep(f, "SELECT 1 FROM fetch_seen WHERE id = ?1 UNION ALL "
	    "SELECT 1 FROM temp.fetch_batch WHERE id = ?1", &f->seen, err) ||
	    prep(f, "INSERT OR IGNORE INTO temp.fetch_batch (id, line) "
	    "VALUES (?, ?)", &f->mark, err) || prep(f, "SELECT etag, last_modified FROM fetch_http "
	    "WHERE url = ?", &f->getv, err) || prep(f, "INSERT OR REPLACE "
	    "INTO fetch_http VALUES (?, ?, ?, ?)", &f->setv, err)) {
		fs_close(f);
		return NULL;
	}
	return f;
}

/* Run one statement with one or two text parameters. */
static int
exec_text(struct fstate *f, const char *sql, const char *a, const char *b,
    char **err)
{
	sqlite3_stmt *s;
	int rc;

	if (prep(f, sql, &s, err))
		return -1;
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	if (b != NULL)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(f->st)));
		return -1;
	}
	return 0;
}

int
fs_journal(struct fstate *f, const char *tmp, const char *path, char **err)
{
	return exec_text(f, "INSERT OR REPLACE INTO fetch_outputs VALUES (?, ?)",
	    tmp, path, err);
}

int
fs_unjournal(struct fstate *f, const char *tmp, char **err)
{
	return exec_text(f, "DELETE FROM fetch_outputs WHERE tmp = ?", tmp, NULL, err);
}

int
fs_recover(struct fstate *f, char **err)
{
	sqlite3_stmt *s;
	const char *tmp, *path;
	int rc;

	if (prep(f, "SELECT tmp, path FROM fetch_outputs", &s, err))
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		tmp = (const char *)sqlite3_column_text(s, 0);
		path = (const char *)sqlite3_column_text(s, 1);
		/* Committed, then killed before the rename: finish it. */
		if (access(tmp, F_OK) == 0) {
			if (rename(tmp, path) != 0) {
				*err = xasprintf("cannot rename '%s' to '%s': %s", tmp,
				    path, strerror(errno));
				sqlite3_finalize(s);
				return -1;
			}
			yq_warnx("%s: output of a run killed after its commit, put in place",
			    path);
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(f->st)));
		return -1;
	}
	return st_exec(f->st, "DELETE FROM fetch_outputs", err);
}

int
fs_begin(struct fstate *f, char **err)
{
	if (f->intx)
		return 0;
	if (st_begin(f->st, err) < 0)
		return -1;
	f->intx = 1;
	return 0;
}

int
fs_commit(struct fstate *f, time_t now, char **err)
{
	char *sql;
	int r;

	if (!f->intx && st_begin(f->st, err) < 0)
		return -1;
	f->intx = 0;
	sql = sqlite3_mprintf("INSERT OR IGNORE INTO fetch_seen SELECT id, %lld "
	    "FROM temp.fetch_batch ORDER BY seq;", (long long)now);
	r = st_exec(f->st, sql, err);
	sqlite3_free(sql);
	if (r == 0 && f->run != NULL) {
		sql = sqlite3_mprintf("INSERT OR REPLACE INTO run_pending (id, run, "
		    "line) SELECT id, %Q, line FROM temp.fetch_batch ORDER BY seq",
		    f->run);
		r = st_exec(f->st, sql, err);
		sqlite3_free(sql);
	}
	if (r < 0 || st_commit(f->st, err) < 0) {
		st_rollback(f->st);
		return -1;
	}
	return 0;
}

int
fs_batch_lines(struct fstate *f, int (*fn)(void *, const char *, size_t),
    void *arg, char **err)
{
	sqlite3_stmt *s;
	int rc, r = 0;

	if (prep(f, "SELECT line FROM temp.fetch_batch ORDER BY seq", &s, err))
		return -1;
	while (r == 0 && (rc = sqlite3_step(s)) == SQLITE_ROW)
		r = fn(arg, (const char *)sqlite3_column_text(s, 0),
		    (size_t)sqlite3_column_bytes(s, 0));
	sqlite3_finalize(s);
	if (r == 0 && rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(f->st)));
		return -1;
	}
	return r;
}

int
fs_batch_clear(struct fstate *f, char **err)
{
	return st_exec(f->st, "DELETE FROM temp.fetch_batch", err);
}

const char *
fs_run(const struct fstate *f)
{
	return f->run;
}

struct yq_state *
fs_state(struct fstate *f)
{
	return f->st;
}

int
fs_seen(struct fstate *f, const char *id)
{
	int rc;

	sqlite3_bind_text(f->seen, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(f->seen);
	sqlite3_reset(f->seen);
	return rc == SQLITE_ROW;
}

int
fs_mark(struct fstate *f, const char *id, const char *line, size_t len)
{
	int rc;

	sqlite3_bind_text(f->mark, 1, id, -1, SQLITE_STATIC);
	if (line != NULL)
		sqlite3_bind_text(f->mark, 2, line, (int)len, SQLITE_STATIC);
	else
		sqlite3_bind_null(f->mark, 2);
	rc = sqlite3_step(f->mark);
	sqlite3_reset(f->mark);
	return rc == SQLITE_DONE ? 0 : -1;
}

static char *
col(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t != NULL ? xstrdup((const char *)t) : NULL;
}

int
fs_validators(struct fstate *f, const char *url, char **etag, char **lastmod)
{
	int rc;

	*etag = *lastmod = NULL;
	sqlite3_bind_text(f->getv, 1, url, -1, SQLITE_STATIC);
	rc = sqlite3_step(f->getv);
	if (rc == SQLITE_ROW) {
		*etag = col(f->getv, 0);
		*lastmod = col(f->getv, 1);
	}
	sqlite3_reset(f->getv);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
fs_set_validators(struct fstate *f, const char *url, const char *etag,
    const char *lastmod, time_t now)
{
	int rc;

	sqlite3_bind_text(f->setv, 1, url, -1, SQLITE_STATIC);
	sqlite3_bind_text(f->setv, 2, etag, -1, SQLITE_STATIC);
	sqlite3_bind_text(f->setv, 3, lastmod, -1, SQLITE_STATIC);
	sqlite3_bind_int64(f->setv, 4, (sqlite3_int64)now);
	rc = sqlite3_step(f->setv);
	sqlite3_reset(f->setv);
	return rc == SQLITE_DONE ? 0 : -1;
}

const char *
fs_errmsg(struct fstate *f)
{
	return sqlite3_errmsg(st_db(f->st));
}

int
fs_close(struct fstate *f)
{
	int rc;

	if (f == NULL)
		return 0;
	if (f->intx)
		st_rollback(f->st);
	sqlite3_finalize(f->seen);
	sqlite3_finalize(f->mark);
	sqlite3_finalize(f->getv);
	sqlite3_finalize(f->setv);
	rc = st_close(f->st);
	free(f);
	return rc;
}
