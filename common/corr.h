/*
 * corr.h: the analysts' corrections, kept in the state store (table
 * corrections): each a row with who made it, when and why, never
 * changed afterwards but for being undone by a later row.  yq-deadline
 * makes them and applies them to the responses it writes; yq-report
 * applies them to the events of its picture, so a decision shows in
 * the next report even before the event has another post.
 *
 * Verbs: "mark" (value: false_alarm, no_answer or watch), "owner",
 * "kind" and "level" (value: the override), "merge" (value: the event
 * this one joins), "split" (value: {"post", "into"}, a post taken off
 * the event into a new one),
 * "answer" (value: the answer as JSON), "undo" (value: the id undone).
 */
#ifndef YQ_CORR_H
#define YQ_CORR_H

#include <stdio.h>
#include <time.h>
#include <jansson.h>

struct yq_state;

struct corr {
	long id;		/* 0: the next one */
	time_t at;
	int off;		/* at's UTC offset, minutes */
	const char *by, *verb, *event, *value, *reason;
};

/* Create the table when missing.  0, or -1 and *err (caller frees). */
int corr_migrate(struct yq_state *st, char **err);
/*
 * Keep c (inside the caller's transaction); an "undo" also marks its
 * target undone.  Returns the new row's id, 0 when a row of that id is
 * already there and the same (a replay), or -1 and *err: a different
 * row of that id, or a target that is not there or already undone.
 */
long corr_add(struct yq_state *st, const struct corr *c, char **err);
/* Write the corrections (of one event, or all when NULL; with undone
 * ones when all is set) as records to fp.  0, or -1 and *err. */
int corr_list(struct yq_state *st, const char *event, int all, FILE *fp,
    char **err);
/* A correction from one of those records; -1 and *why when not one. */
int corr_from_json(json_t *rec, struct corr *c, const char **why);
/*
 * Apply the corrections in force to an event record with "response":
 * a mark sets the status (and need to answer), an override its field, a
 * merge the status "merged" and merged_into (and the event it joins
 * the merged one among its aliases, listed in merged_from); each is in
 * response.corrections with who, when and why, and what the machine
 * said is kept in response.machine.
 * Returns how many applied, or -1 and *err.
 */
int corr_apply(struct yq_state *st, json_t *ev, char **err);
/* Undo corr_apply on a record: the machine's judgement back (kept in
 * response.machine), the corrections and merged_into gone. */
void corr_unapply(json_t *ev);

/* The posts split off their events: {post id: the event it now is},
 * new reference; NULL and *err. */
json_t *corr_splits(struct yq_state *st, char **err);
/* Whether event was made by splits that are all undone (it is no more). */
int corr_unsplit(struct yq_state *st, const char *event);
/* Give a post the event a split made it (1), or leave it (0). */
int corr_resplit(json_t *splits, json_t *post);

#endif
