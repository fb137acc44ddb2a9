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

/*
 * The selection: keys of records (indices into the store when loaded,
 * index keys over an index), in the order they are shown: ascending but
 * after `event`.  all: every record, the keys not listed (v is NULL).
 */
struct xsel {
	uint64_t *v;
	size_t n;
	int all;
	char *expr;		/* over an index: the FTS query it is, or NULL */
};

struct xindex;

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
	struct xindex *ix;	/* records read back from an index, or NULL */
};

/* Walks a selection: sel_next gives each key and the record's kind and time. */
struct xiter {
	const struct xsel *sel;
	size_t k;
	void *st;		/* over an index, every record: the query */
	struct xrec head;
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
/* Use the index ix (taken over) instead of loaded records; -1 when corrupt. */
int store_use_index(struct store *s, struct xindex *ix);
/*
 * The record of key: over an index it is read back from the archive, and
 * valid until the next call (a stale index ends the program, status 3).
 */
const struct xrec *store_rec(struct store *s, uint64_t key);
/* Its line as read, for show, export and pipes (valid as store_rec). */
const char *store_line(struct store *s, uint64_t key, size_t *len);
/* Walk sel: 1 with *key and it->head (no obj, no line) set, 0 at its end. */
void sel_begin(struct store *s, const struct xsel *sel, struct xiter *it);
int sel_next(struct store *s, struct xiter *it, uint64_t *key);
void sel_end(struct xiter *it);
/* Add the dotted field paths of obj (two levels) to set. */
void fields_collect(json_t *set, json_t *obj);
void sel_free(struct xsel *sel);
/* Push the current selection for undo and install next (taken over). */
void store_select(struct store *s, struct xsel next);
/* Go back one step; -1 when there is nothing to undo. */
int store_undo(struct store *s);
/* Key of the first record whose id (or event's event_id) is id; -1: none. */
long long store_find(struct store *s, const char *id);
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
/* Call fn for every scalar value at the dotted path (arrays walked). */
void path_each(json_t *obj, const char *path,
    void (*fn)(json_t *v, void *arg), void *arg);
/* Text of a scalar for display and grouping, in buf. */
const char *scalar_text(json_t *v, char *buf, size_t bufsz);

/* words.c */
#define WORD_SEP '\x1f'	/* between the terms of an index document */
/*
 * Call fn for each word of obj: its "tokens", or yq-seg's words of its
 * title and text.  -1 when the dictionary cannot be loaded (reported).
 */
int words_each(json_t *obj, void (*fn)(const char *, size_t, void *), void *arg);
void words_free(void);

/* index.c: the on-disk index; see there. */
extern const char *const idx_tagged[];
/* Open (create: make) the index in dir.  NULL when it cannot (reported). */
struct xindex *idx_open(const char *dir, int create);
void idx_close(struct xindex *ix);
/*
 * Whether every file is as indexed: 0, or -1 when one changed, was
 * truncated or removed (reported).  Says when files have grown, unless quiet.
 */
int idx_check(struct xindex *ix, int quiet);
/*
 * Index the lines of paths the index has not read (npaths 0: of every
 * file it has).  Bad lines are reported and counted in *bad.  -1 when
 * a file cannot be read or is stale (reported): what was read is kept.
 */
int idx_update(struct xindex *ix, char *const *paths, int npaths, time_t now,
    int progress, long *bad);
/* Build the index of dir again from its files and paths.  -1 as above. */
int idx_rebuild(const char *dir, char *const *paths, int npaths, time_t now,
    int progress, long *bad);
long long idx_meta(struct xindex *ix, const char *k);
unsigned long long idx_hash(const char *s);
struct sqlite3 *idx_db(struct xindex *ix);
const char *idx_dir(struct xindex *ix);
/* Records read back: valid until the next call (a stale line: exit 3). */
const struct xrec *idx_rec(struct xindex *ix, unsigned long long key);
const char *idx_line(struct xindex *ix, unsigned long long key, size_t *n);
/* Kind and time of key into r (no obj); -1 when it is not there. */
int idx_head(struct xindex *ix, unsigned long long key, struct xrec *r);

/* iquery.c: the filters an index answers itself, in SQL.  Each returns
 * 1 with next set, or 0 when it cannot (the caller reads the records). */
int iq_kind(struct store *s, int ev, struct xsel *next);
int iq_window(struct store *s, time_t t, int since, struct xsel *next);
/* Records with every word of w (n of them). */
int iq_words(struct store *s, char *const *w, int n, struct xsel *next);
/* The conditions of c[0..n) it can answer: done[i] is set for those. */
int iq_where(struct store *s, struct cond **c, int n, int *done,
    struct xsel *next);
int iq_event(struct store *s, const char *id, struct xsel *next);
/* The FTS query of PATH=VALUE (num: VALUE as a number, or NULL). */
char *iq_term(const char *path, const char *value, const char *num);
/* query.c: the FTS query of c when the index answers it alone, or NULL. */
char *cond_term(const struct cond *c);

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
