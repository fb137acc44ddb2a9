/*
 * state.h: the SQLite state store shared by the tools that remember
 * across runs (DESIGN section 4): WAL mode, a busy timeout, schema
 * versions per component with migrations, one transaction per batch.
 */
#ifndef YQ_STATE_H
#define YQ_STATE_H

#include <sqlite3.h>

struct yq_state;

/*
 * The database to use: path when given, else $YQ_DB, else
 * $XDG_DATA_HOME/yq/yq.db (~/.local/share/yq/yq.db).  Fresh string.
 * With none of them (no HOME either) it exits 3 with a message.
 */
char *st_default_path(const char *path);

/*
 * How long any wait for the state lasts, in seconds: $YQ_STATE_WAIT
 * when it is a number from 1 to 86400, else 30.
 */
int st_wait(void);

/* "state busy for N s: another run holds it", fresh, for *err. */
char *st_busy_message(void);

/*
 * Take an exclusive flock on fd, waiting at most secs seconds.  0; -2
 * when the wait ran out; -1 with errno on another error.
 */
int st_flock(int fd, int secs);

/*
 * Open or create the database (and its directory), set WAL, busy timeout
 * (st_wait() seconds; a write lock not had by then fails with
 * st_busy_message()) and foreign keys.  Returns NULL and a message in *err (caller
 * frees) on failure.
 */
struct yq_state *st_open(const char *path, char **err);

/*
 * Bring component's schema to version n, running steps[v] (SQL, one or
 * more statements) for each version v from the stored one to n - 1,
 * each in its own transaction.  Returns 0, or -1 with *err set.  A
 * database newer than the code is an error.
 */
int st_migrate(struct yq_state *st, const char *component,
    const char *const *steps, int n, char **err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK.  0 or -1 with *err set. */
int st_begin(struct yq_state *st, char **err);
int st_commit(struct yq_state *st, char **err);
int st_rollback(struct yq_state *st);

/* Run SQL without results.  0 or -1 with *err set. */
int st_exec(struct yq_state *st, const char *sql, char **err);

/* The underlying handle, for prepared statements. */
sqlite3 *st_db(struct yq_state *st);

/*
 * Wait for, then hold until st_close, the lock of one component's runs
 * (a flock on FILE.COMPONENT.lock): two overlapping runs of the same
 * tool take turns, without holding SQLite's write lock while they wait
 * for input, so that the tools of one pipeline never block each other.
 * The wait lasts st_wait() seconds at most.  0, or -1 with *err.
 */
int st_lock(struct yq_state *st, const char *component, char **err);
/* Close; returns -1 if SQLite reported an error. */
int st_close(struct yq_state *st);

#endif
