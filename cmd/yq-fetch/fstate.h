/*
 * fstate.h: yq-fetch's tables in the state store (see fstate.c).
 */
#ifndef YQ_FSTATE_H
#define YQ_FSTATE_H

#include <stddef.h>
#include <time.h>

struct fstate;
struct yq_state;

/* Open the store at path and bring the fetch tables up to date.  NULL
 * and a message in *err (caller frees) on failure. */
struct fstate *fs_open(const char *path, char **err);
/*
 * fs_begin opens the transaction that fs_commit ends (beginning one
 * when none is open) once it has settled the batch: the ids marked go
 * into the seen items and, inside a run, their lines into the run's
 * pending records.  0 or -1 with *err set.
 */
int fs_begin(struct fstate *f, char **err);
/*
 * The journal of output files (-o): fs_journal notes, inside the run's
 * transaction, that tmp is to become path; once renamed, fs_unjournal
 * forgets it; fs_recover, at the start of a run, finishes the renames of
 * runs killed between their commit and their rename.  0, or -1 with *err.
 */
int fs_journal(struct fstate *f, const char *tmp, const char *path, char **err);
int fs_unjournal(struct fstate *f, const char *tmp, char **err);
int fs_recover(struct fstate *f, char **err);
int fs_commit(struct fstate *f, time_t now, char **err);
/* Has the item with this id been emitted before, or is it in the batch?
 * 1 or 0. */
int fs_seen(struct fstate *f, const char *id);
/* Put it in the batch, with its line (len bytes) inside a run, else
 * NULL.  0 or -1. */
int fs_mark(struct fstate *f, const char *id, const char *line, size_t len);
/* Call fn on each line of the batch in order; 0, fn's first non-zero,
 * or -1 with *err.  fs_batch_clear empties the batch: 0 or -1. */
int fs_batch_lines(struct fstate *f, int (*fn)(void *, const char *, size_t),
    void *arg, char **err);
int fs_batch_clear(struct fstate *f, char **err);
/* The run this fetch belongs to ($YQ_RUN), or NULL. */
const char *fs_run(const struct fstate *f);
/* The state store under f. */
struct yq_state *fs_state(struct fstate *f);
/* The validators kept for url (fresh strings or NULL).  0 or -1. */
int fs_validators(struct fstate *f, const char *url, char **etag,
    char **lastmod);
int fs_set_validators(struct fstate *f, const char *url, const char *etag,
    const char *lastmod, time_t now);
const char *fs_errmsg(struct fstate *f);
/* Roll back an open batch and close; -1 if SQLite reported an error. */
int fs_close(struct fstate *f);

#endif
