/*
 * explore.h: the parts of yq-explore: a store of loaded records, the
 * current selection with an undo stack, the query language, and the
 * commands.
 */
#ifndef EXPLORE_H
#define EXPLORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <jansson.h>

/*
 * One loaded record.  obj is a slimmed copy (tokens and pos removed,
 * since nothing filters on them and they dominate memory); line
 * is the whole record as compact JSON, for show, export and pipes.
 */
struct xrec {
	json_t *obj;
	const char *line;
	uint32_t len;
	int is_event;
	time_t t;		/* published_at, or first_seen for events */
	int has_t;
};

/* The selection: indices into the store, ascending. */
struct xsel {
	uint32_t *v;
	size_t n;
};

struct store {
	struct xrec *rec;
	size_t n, cap;
	size_t nposts, nevents;
	time_t tmin, tmax;
	/* Field paths seen (dotted), sorted, for completion and `fields`. */
	char **fields;
	size_t nfields;
	/* Arena for the record lines. */
	char **chunks;		/* every allocation, for freeing */
	size_t nchunks;
	char *chunk;		/* the one being filled */
	size_t used, chunksz;
	/* Selection and the undo stack. */
	struct xsel cur;
	struct xsel *undo;
	size_t nundo, capundo;
	time_t now;
	int quiet;
	int timer;		/* print each command's time on stderr */
	FILE *out;		/* where command output goes (stdout) */
	int gone;		/* its reader went away (yq-explore | head) */
};

/* store.c */
void store_init(struct store *s);
void store_free(struct store *s);
/*
 * Load every record of path into s, through the common record reader
 * (so bad lines are reported and counted).  Returns the number of bad
 * lines, or -1 when the file could not be read.
 */
long store_load(struct store *s, const char *path, int progress);
/* Finish loading: build the field list and select everything. */
void store_ready(struct store *s);
/* Push the current selection for undo and install next (taken over). */
void store_select(struct store *s, struct xsel next);
/* Go back one step; -1 when there is nothing to undo. */
int store_undo(struct store *s);
/* Index of the record whose id or event_id is id, or -1. */
long store_find(const struct store *s, const char *id);
/* Display time of a record, "-" when none. */
const char *store_time(const struct xrec *r, char *buf);

/* query.c: conditions such as heat>100, places.name=余杭区, text~焚烧. */
struct cond;
/*
 * Parse one condition.  Returns NULL with a message in err (size errsz)
 * when it is not a condition; now is used to read relative times.
 */
struct cond *cond_parse(const char *s, time_t now, char *err, size_t errsz);
void cond_free(struct cond *c);
int cond_match(const struct cond *c, const struct xrec *r);
/* Does any value at the dotted path of obj equal s (as a string)? */
int path_has_value(json_t *obj, const char *path, const char *s);
/* Call fn for every scalar value at the dotted path (arrays walked). */
void path_each(json_t *obj, const char *path,
    void (*fn)(json_t *v, void *arg), void *arg);
/* Text of a scalar for display and grouping, in buf. */
const char *scalar_text(json_t *v, char *buf, size_t bufsz);

/* A command line split into words (cmds.c). */
#define MAXWORDS 64
struct words {
	char *w[MAXWORDS];
	int n;
	const char *rest;	/* the line after the command word, trimmed */
};

/* marks.c: mark, answer and merge, by yq-deadline's verbs. */
/* Find yq-deadline beside argv0 (else on PATH); --db or --no-state,
 * and --now (unless -1), to pass on. */
void marks_setup(const char *argv0, const char *db, int no_state, time_t now);
void marks_free(void);
int c_mark(struct store *s, struct words *w);
int c_answer(struct store *s, struct words *w);
int c_merge(struct store *s, struct words *w);

/* cmds.c */
/*
 * Run one command line.  Returns its exit status: 0 success, 1 when a
 * filter left nothing selected, 2 for a bad command, or the status of a
 * shell pipeline.  quit is set by "quit".
 */
int cmd_run(struct store *s, const char *line, int *quit);
/* Names of the commands, NULL-terminated, for completion. */
extern const char *const cmd_names[];

/* term.c: the interactive loop with readline. */
int term_loop(struct store *s);

#endif
