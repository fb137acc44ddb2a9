/*
 * runlog.h: the runs of a pipeline in the state store (component
 * "run"), for effectively-once delivery (yq(7), "Runs").  yq-run opens
 * a run and exports its id as $YQ_RUN; yq-fetch keeps every record it
 * writes in the run as pending, before writing it; yq-run closes the
 * run, dropping its pending records, once every stage has ended well.
 * A run that never closes leaves its records pending, and the next
 * run's yq-fetch writes them again first.
 */
#ifndef YQ_RUNLOG_H
#define YQ_RUNLOG_H

#include <stddef.h>
#include <time.h>
#include "state.h"

/* The run this process belongs to: $YQ_RUN, or NULL outside a run. */
const char *rl_current(void);

/* Create or update the component's tables.  0, or -1 with *err set. */
int rl_migrate(struct yq_state *st, char **err);

/* Record run as open from now.  0, or -1 with *err set. */
int rl_open(struct yq_state *st, const char *run, time_t now, char **err);

/*
 * Make the pending records of every other run (none of them closed)
 * run's own, and close those runs (as of now), in one short
 * transaction; the records' count in *n.  Runs take turns (yq-run's
 * lock), so no other run is alive.  0, or -1 with *err set.
 */
int rl_adopt(struct yq_state *st, const char *run, time_t now, long *n,
    char **err);

/*
 * Call fn on each pending line of run (without newline), in the order
 * they were first written.  Lines are read a page at a time and no
 * statement is open while fn runs, so fn may block on a pipe.  0; the
 * first non-zero fn returned; or -1 with *err set.
 */
int rl_each_pending(struct yq_state *st, const char *run,
    int (*fn)(void *arg, const char *line, size_t len), void *arg,
    char **err);

/*
 * Note that run's output (the file tmp) is being appended to archive,
 * which was offset bytes long, so that a run killed while it appends is
 * finished by the next (rl_unfinished).  0, or -1 with *err set.
 */
int rl_closing(struct yq_state *st, const char *run, const char *archive,
    long long offset, const char *tmp, char **err);

/*
 * Note that run's output goes to the temporary file tmp, so that the
 * file is found and removed when the run is killed before it closes
 * (rl_each_tmp).  0, or -1 with *err set.
 */
int rl_output(struct yq_state *st, const char *run, const char *tmp,
    char **err);

/*
 * Call fn on the temporary file of every run that is closed or never
 * began to close (rl_closing): the output of a run killed before it
 * closed, or left by one killed as it removed it.  Call it with no run
 * alive (under yq-run's lock, after the unfinished runs are finished).
 * Each file fn returned 0 for is forgotten.  No statement is open
 * while fn runs.  0, or -1 with *err set.
 */
int rl_each_tmp(struct yq_state *st, int (*fn)(void *arg, const char *tmp),
    void *arg, char **err);

/*
 * Forget the runs closed before the time before; their count in *n.
 * 0, or -1 with *err set.
 */
int rl_prune(struct yq_state *st, time_t before, long *n, char **err);

/*
 * Close run: mark it closed and drop its pending records, in one
 * transaction.  0, or -1 with *err set.
 */
int rl_close(struct yq_state *st, const char *run, time_t now, char **err);

/*
 * The first run noted by rl_closing and not closed: fresh strings in
 * *run, *archive and *tmp (NULL *run when there is none), its offset.
 * 0, or -1 with *err set.
 */
int rl_unfinished(struct yq_state *st, char **run, char **archive,
    long long *offset, char **tmp, char **err);

#endif
