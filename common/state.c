/*
 * state.c: the SQLite state store shared by the tools that remember across
 * runs.  WAL mode lets readers go on while one writer commits; the busy
 * timeout makes a second cron run wait for the first instead of failing;
 * BEGIN IMMEDIATE takes the write lock at the start of a batch, so two
 * writers never deadlock half-way; and a batch is one transaction, so a
 * run killed at any point leaves only whole batches behind.  Every wait
 * (SQLite's write lock, a component's lock) is bounded by st_wait()
 * seconds and ends in one message, never a hang.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "opt.h"
#include "state.h"
#include "yq.h"

#define WAIT_DEFAULT 30

struct yq_state {
	sqlite3 *db;
	char *path;
	int lockfd;		/* st_lock's, or -1 */
};

static char *
errf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
errf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

int
st_wait(void)
{
	const char *v = getenv("YQ_STATE_WAIT"), *errstr = NULL;
	long long n;

	if (v == NULL || *v == '\0')
		return WAIT_DEFAULT;
	n = yq_strtonum(v, 1, 86400, &errstr);
	return errstr == NULL ? (int)n : WAIT_DEFAULT;
}

char *
st_busy_message(void)
{
	return errf("state busy for %d s: another run holds it", st_wait());
}

char *
st_default_path(const char *path)
{
	const char *v;

	if (path != NULL && *path != '\0')
		return xstrdup(path);
	if ((v = getenv("YQ_DB")) != NULL && *v != '\0')
		return xstrdup(v);
	if ((v = getenv("XDG_DATA_HOME")) != NULL && *v != '\0')
		return xasprintf("%s/yq/yq.db", v);
	if ((v = getenv("HOME")) != NULL && *v != '\0')
		return xasprintf("%s/.local/share/yq/yq.db", v);
	/* Not a yq.db in whatever directory cron started in. */
	die(YQ_EXIT_IO, "no place for the state database: give --db FILE or "
	    "--no-state, or set YQ_DB, XDG_DATA_HOME or HOME");
}

/* mkdir -p of the directory part of path. */
static int
make_parent(const char *path)
{
	char *dir = xstrdup(path), *p;
	int r = 0;

	p = strrchr(dir, '/');
	if (p == NULL || p == dir) {
		free(dir);
		return 0;
	}
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST)
			r = -1;
		*p = '/';
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		r = -1;
	free(dir);
	return r;
}

int
st_exec(struct yq_state *st, const char *sql, char **err)
{
	char *msg = NULL;

	int rc = sqlite3_exec(st->db, sql, NULL, NULL, &msg);

	if (rc == SQLITE_BUSY) {
		sqlite3_free(msg);
		*err = st_busy_message();
		return -1;
	}
	if (rc != SQLITE_OK) {
		*err = errf("state database '%s': %s", st->path,
		    msg ? msg : sqlite3_errmsg(st->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/*
 * Switch to WAL.  Changing the journal mode needs a lock that SQLite
 * does not wait for with the busy handler when two processes open a new
 * database at once, so wait here, as long as the busy timeout.  Returns
 * the stepped statement (its row is the mode now), or NULL.
 */
static sqlite3_stmt *
wal_mode(sqlite3 *db)
{
	sqlite3_stmt *q = NULL;
	int waited, rc = SQLITE_BUSY;

	for (waited = 0; waited <= st_wait() * 1000; waited += 10) {
		if (sqlite3_prepare_v2(db, "PRAGMA journal_mode=WAL", -1, &q, NULL) !=
		    SQLITE_OK)
			return NULL;
		if ((rc = sqlite3_step(q)) == SQLITE_ROW)
			return q;
		sqlite3_finalize(q);
		q = NULL;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_sleep(10);
	}
	return NULL;
}

struct yq_state *
st_open(const char *path, char **err)
{
	struct yq_state *st;
	sqlite3_stmt *q;
	const char *mode;

	*err = NULL;
	if (make_parent(path) < 0) {
		*err = errf("cannot open state database '%s': cannot create its "
		    "directory: %s", path, strerror(errno));
		return NULL;
	}
	st = xcalloc(1, sizeof *st);
	st->lockfd = -1;
	st->path = xstrdup(path);
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		*err = errf("cannot open state database '%s': %s", path,
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(st->db, st_wait() * 1000);
	if ((q = wal_mode(st->db)) == NULL) {
		*err = errf("cannot open state database '%s': %s", path,
		    sqlite3_errmsg(st->db));
		goto fail;
	}
	mode = (const char *)sqlite3_column_text(q, 0);
	if (mode == NULL || strcmp(mode, "wal") != 0) {
		*err = errf("cannot open state database '%s': WAL mode refused",
		    path);
		sqlite3_finalize(q);
		goto fail;
	}
	sqlite3_finalize(q);
	if (st_exec(st, "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
	    "CREATE TABLE IF NOT EXISTS yq_schema(component TEXT PRIMARY KEY,"
	    " version INTEGER NOT NULL)", err) < 0)
		goto fail;
	return st;
fail:
	sqlite3_close(st->db);
	free(st->path);
	free(st);
	return NULL;
}

static int
stored_version(struct yq_state *st, const char *component, int *v, char **err)
{
	sqlite3_stmt *q;
	int rc;

	*v = 0;
	if (sqlite3_prepare_v2(st->db, "SELECT version FROM yq_schema WHERE "
	    "component = ?", -1, &q, NULL) != SQLITE_OK) {
		*err = errf("state database '%s': %s", st->path,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	sqlite3_bind_text(q, 1, component, -1, SQLITE_STATIC);
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*err = errf("state database '%s': %s", st->path,
		    sqlite3_errmsg(st->db));
		return -1;
	}
	return 0;
}

int
st_migrate(struct yq_state *st, const char *component,
    const char *const *steps, int n, char **err)
{
	int v;
	char *sql;

	*err = NULL;
	if (st_begin(st, err) < 0)
		return -1;
	if (stored_version(st, component, &v, err) < 0)
		goto fail;
	if (v > n) {
		*err = errf("state database '%s': schema for '%s' is version %d, "
		    "newer than this yq (%d)", st->path, component, v, n);
		goto fail;
	}
	/* Every step and its version bump commit together. */
	for (; v < n; v++) {
		if (st_exec(st, steps[v], err) < 0)
			goto fail;
		sql = sqlite3_mprintf("INSERT INTO yq_schema VALUES(%Q, %d) ON "
		    "CONFLICT(component) DO UPDATE SET version = excluded.version",
		    component, v + 1);
		if (st_exec(st, sql, err) < 0) {
			sqlite3_free(sql);
			goto fail;
		}
		sqlite3_free(sql);
	}
	return st_commit(st, err);
fail:
	st_rollback(st);
	return -1;
}

int
st_begin(struct yq_state *st, char **err)
{
	return st_exec(st, "BEGIN IMMEDIATE", err);
}

int
st_commit(struct yq_state *st, char **err)
{
	return st_exec(st, "COMMIT", err);
}

int
st_rollback(struct yq_state *st)
{
	char *err = NULL;
	int r;

	if (sqlite3_get_autocommit(st->db))
		return 0;	/* no transaction open */
	r = st_exec(st, "ROLLBACK", &err);
	free(err);
	return r;
}

sqlite3 *
st_db(struct yq_state *st)
{
	return st->db;
}

int
st_close(struct yq_state *st)
{
	int r;

	if (st == NULL)
		return 0;
	r = sqlite3_close(st->db) == SQLITE_OK ? 0 : -1;
	if (st->lockfd >= 0)
		close(st->lockfd);	/* and the lock goes with it */
	free(st->path);
	free(st);
	return r;
}

int
st_lock(struct yq_state *st, const char *component, char **err)
{
	char *path = xasprintf("%s.%s.lock", st->path, component);
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666), r;

	if (fd < 0) {
		*err = errf("cannot lock '%s': %s", path, strerror(errno));
		free(path);
		return -1;
	}
	free(path);
	if ((r = st_flock(fd, st_wait())) < 0) {
		*err = r == -2 ? st_busy_message() : errf("cannot lock '%s.%s."
		    "lock': %s", st->path, component, strerror(errno));
		close(fd);
		return -1;
	}
	if (st->lockfd >= 0)
		close(st->lockfd);
	st->lockfd = fd;
	return 0;
}

int
st_flock(int fd, int secs)
{
	long waited;

	/* Polled, not blocking: a wait that ends, whatever holds the lock. */
	for (waited = 0; flock(fd, LOCK_EX | LOCK_NB) < 0; waited += 50) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (waited >= secs * 1000L)
			return -2;
		usleep(50000);
	}
	return 0;
}
