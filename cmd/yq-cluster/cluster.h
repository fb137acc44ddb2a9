/*
 * cluster.h: the parts of yq-cluster: a string table, sparse TF-IDF
 * vectors, SimHash near-duplicates, single-pass event clustering and the
 * event records.
 */
#ifndef CLUSTER_H
#define CLUSTER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>

#include "spill.h"

/* strmap.c: strings to small integers, open addressing. */
struct strmap {
	char **keys;
	uint32_t *vals;
	uint32_t mask, count;
};

void sm_init(struct strmap *m);
void sm_free(struct strmap *m);
/* The value of key, or UINT32_MAX. */
uint32_t sm_get(const struct strmap *m, const char *key);
/* Set key (copied) to val; returns the stored copy of key. */
const char *sm_put(struct strmap *m, const char *key, uint32_t val);

/* A term of a sparse vector. */
struct term {
	uint32_t id;
	float w;
};

struct params {
	double threshold;	/* cosine to join an event naming a place of the post's */
	double alone;		/* cosine to join an event without one */
	long window;		/* seconds an event stays open */
	long keep;		/* seconds the state keeps a closed event; 0: ever */
	double converge;	/* cosine at which events merge at the end; 0: never */
	double attach;		/* share of the latest posts that lets a short post join their event; 0: never */
	int hamming;		/* SimHash distance of a near-duplicate */
	int centroid_terms;	/* terms kept per event centroid */
	double title_weight;
	time_t now;
	int now_set;
	/* Warning thresholds (dict/warning.conf). */
	struct warnlevel {
		char name[8];
		int min_last;	/* posts in the last hour */
		double min_growth;	/* last hour over the mean of the 24 before */
		double min_risk;
		double min_heat;
	} levels[4];		/* red, orange, yellow, blue */
	int nlevels;
};

struct post {
	const char *id;		/* the id map's copy */
	uint32_t event;		/* index into events */
	uint32_t root;		/* index of the post this one repeats, or itself */
	uint64_t simhash;
	time_t t;
	int banded;		/* in the SimHash bands: an original */
	int linked;		/* came with repost_of: the stream carries links */
	int brief;		/* at most ATTACH_TERMS terms: a comment */
	/* Propagation (spread.c): the post it reposts in its event
	 * (UINT32_MAX: a root), its reposts below it, its account,
	 * its level and the levels below it. */
	uint32_t parent, desc, author;
	uint16_t depth, height;
};

/*
 * What an event took in this run: a new post (it changed, and may
 * converge with another), or only posts it had counted (written again,
 * as a run that did not finish is, it changes nothing).
 */
#define TOUCH_NEW	1
#define TOUCH_AGAIN	2

/* A count at a time (an hour or a minute since the epoch), kept in
 * arrays sorted by t. */
struct tcount {
	int32_t t;
	uint32_t n;
};

struct event {
	char id[16];
	uint32_t origin;	/* post index */
	time_t first, last;
	uint32_t nposts;
	struct term *c;		/* centroid, sorted by term id */
	int nc;
	double cnorm;
	/* Best representative so far: highest cosine to the centroid. */
	char *title;
	double title_sim;
	json_t *sources, *places, *bodies, *categories;	/* sets */
	double heat, risk, sent_sum;
	uint32_t sent_n, sent_neg;
	/* Posts per hour, by hour (8 bytes an hour, not a JSON member's
	 * hundred: a story told for a month has 720); t in hours since the
	 * epoch. */
	struct tcount *hours;
	uint32_t nhours, caphours;
	uint32_t merged_into;	/* UINT32_MAX unless merged */
	int touched;		/* took a post in this run: TOUCH_NEW or TOUCH_AGAIN */
	int converged;		/* compared with the earlier events (cl_converge) */
	int done;		/* settled: written and forgotten */
	struct spread *sp;	/* propagation (spread.c), or NULL */
};

/*
 * The accounts seen (spread.c): name -> index, each with its latest
 * post.  The names are kept end to end in one buffer (an account is one
 * more per post on Weibo: no allocation each).
 */
struct accounts {
	uint32_t *table;	/* open addressing: index + 1, 0 empty */
	uint32_t mask;
	char *names;
	size_t used, room;
	size_t *off;		/* index -> offset of its name */
	uint32_t *latest;	/* post index, or UINT32_MAX */
	unsigned char *official;	/* wrote an official answer */
	uint32_t n, cap;
};

struct clusterer {
	struct params p;
	struct strmap terms;	/* token -> term id */
	uint32_t *df;		/* document frequency by term id */
	uint32_t nterms, capterms;
	uint64_t ndocs;
	time_t latest;		/* the newest post's time */
	struct strmap ids;	/* post id -> post index */
	struct post *posts;
	uint32_t nposts, capposts;
	struct event *events;
	uint32_t nevents, capevents;
	/*
	 * For each event, read in best_event before the event: the stamp
	 * of the last look-up that met it, and its gate, the time of its
	 * last post in seconds (never below it; UINT32_MAX: not known), so
	 * that a closed event is passed over without its cache lines.
	 */
	struct evslot {
		uint32_t seen, gate;
	} *slot;
	uint32_t stamp;
	/* Inverted index: term id -> events whose centroid has it. */
	uint32_t **inv;
	uint32_t *ninv, *capinv;
	/*
	 * SimHash bands: 4 tables of 16-bit keys -> post lists.  An entry
	 * keeps 32 more bits of its post's hash, so that most posts in a
	 * bucket are ruled out without reading the post.
	 */
	struct bandent { uint32_t post, rest; } *band[4][65536];
	uint16_t nband[4][65536], capband[4][65536];
	char **names;		/* term id -> token, for keywords */
	json_t *stop;		/* stopwords */
	/* Settling (cl_settle): on; the posts at which to drop what is
	 * forgotten next. */
	int settling;
	uint32_t compact_at;
	uint32_t placed;	/* the event cl_add gave its post */
	/*
	 * Settling with --converge: the posts written once their event has
	 * converged (cl_hold), in the order they came.
	 */
	struct held *held;
	size_t nheld, capheld;
	struct accounts acc;	/* spread.c */
};

/*
 * A post held back: as it will be written (newline excluded, its event's
 * id at idoff: in line, or put aside in a spill at ref when line is
 * NULL), or obj when it is written encoded again; and the event it was
 * placed in.
 */
struct held {
	char *line;
	json_t *obj;
	size_t len, idoff;
	struct spill_ref ref;
	uint32_t event;
};

/* cluster.c */
/* The hour (since the epoch) of time t; its first second. */
int32_t cl_hour(time_t t);
#define CL_HOUR_START(h) ((time_t)(h) * 3600)
/* Add n posts to event e's hour h. */
void cl_hours_add(struct event *e, int32_t h, uint32_t n);
/* The first entry of v[0, nv) at time t or after. */
uint32_t tcount_find(const struct tcount *v, uint32_t nv, int32_t t);
/* Add n at time t to the sorted *v (*nv entries of *cap). */
void tcount_add(struct tcount **v, uint32_t *nv, uint32_t *cap, int32_t t,
    uint32_t n);
/* The options' defaults (warning levels and --now apart). */
void cl_defaults(struct params *p);
void cl_init(struct clusterer *cl, const struct params *p, json_t *stop);
void cl_free(struct clusterer *cl);
/*
 * Place one post: sets dup_of and event_id on obj (after its fields).
 * Returns 0, or -1 when the post has no usable id or time (reported by
 * the caller through the record layer).
 */
int cl_add(struct clusterer *cl, json_t *obj, const char **why);
/* The event record of event i (fresh reference). */
json_t *cl_event_record(struct clusterer *cl, uint32_t i);
/* For store.c, rebuilding a clusterer from the state: the id of a term
 * (made when new), a post, an empty event with its id, the index of an
 * event's centroid (c and nc set), a post in the SimHash bands. */
uint32_t cl_term(struct clusterer *cl, const char *t);
uint32_t cl_new_post(struct clusterer *cl, const char *id, time_t t);
uint32_t cl_alloc_event(struct clusterer *cl, const char *id);
void cl_index_event(struct clusterer *cl, uint32_t ei);
void cl_band_add(struct clusterer *cl, uint64_t h, uint32_t post);

/*
 * Fold the events of shard clusterers into m (a reduce step): in order of
 * first post, each joins m's most similar open event when the centroids'
 * cosine reaches the threshold, else it is copied with its id.  Posts,
 * document frequencies and statistics are combined.  aliases gets, for
 * each event of m that took shard events, the list of their ids.
 */
int cl_merge(struct clusterer *m, struct clusterer *const *shards, int n,
    json_t *aliases);

/*
 * Events that converge: each event that took posts in this run joins the
 * most similar earlier open event, if their centroids are within cosine
 * threshold, or CONVERGE_PLACE of it when the events name a place in
 * common (the earlier keeps its id); aliases gets, for each event that
 * took others, their ids.
 */
void cl_converge(struct clusterer *cl, double threshold, json_t *aliases);

/*
 * Settling, for a run that keeps no state (cl->settling set before the
 * first post).  An event converges (with --converge) two windows after
 * its first post, and is final when its last post is two windows old and
 * no later event that began within a window of its last post is still to
 * converge.  Each final event is given to emit (unless NULL), then
 * forgotten with its posts; so is a post two windows older than the
 * newest, as the state store forgets it between runs: a post that
 * repeats, reposts or is one of them later is a new post.  Returns 0, or
 * the first -1 of emit.
 */
typedef int (*cl_emit_fn)(void *arg, struct clusterer *cl, uint32_t ei);
typedef int (*cl_post_fn)(void *arg, struct held *h, const char *event_id);
int cl_settle(struct clusterer *cl, json_t *aliases, cl_post_fn post,
    cl_emit_fn emit, void *arg);

/*
 * Holding posts (settling with --converge, where an event may join an
 * earlier one two windows after it began): the post cl_add just placed
 * is held (h, its event apart; line or obj now the clusterer's) until its event has
 * converged; cl_settle then gives it to post, before the event records
 * it writes, with the id of the event it ended in, and frees it.
 * cl_write_held does that for every held post whose event has converged
 * (after cl_converge: all).  Both return 0 or the first -1 of post.
 */
void cl_hold(struct clusterer *cl, const struct held *h);
int cl_write_held(struct clusterer *cl, cl_post_fn post, void *arg);

/*
 * spread.c: each event's propagation: repost forest, first post per
 * platform, key spreaders, tipping points, bounded per event.
 */
void sp_init(struct clusterer *cl);
void sp_done(struct clusterer *cl);
/* Record post pi (obj), just placed in event ei; never fails. */
void sp_add(struct clusterer *cl, uint32_t pi, uint32_t ei, json_t *obj);
/* Event src's propagation (of clusterer scl) folded into event dst of cl. */
void sp_merge(struct clusterer *cl, uint32_t dst, const struct clusterer *scl,
    const struct event *src);
/* Before compact_all drops the posts not kept (keep[post] 0): the
 * tipping candidates among them are measured. */
void sp_forget(struct clusterer *cl, const unsigned char *keep);
/* After compact_all moved the posts: pnew maps old post index to new. */
void sp_compact(struct clusterer *cl, const uint32_t *pnew, uint32_t nold);
/* Free an event's propagation. */
void sp_release(struct event *e);
/* The "spread" member of event e's record (fresh reference). */
json_t *sp_record(const struct clusterer *cl, const struct event *e);
/* The state store's forms (store.c): an event's (fresh reference) and
 * its restoring; a post's (to free) and its restoring, its parent loaded
 * before it; then sp_relink once all posts are loaded. */
json_t *sp_state(const struct clusterer *cl, const struct event *e);
void sp_restore(struct clusterer *cl, struct event *e, json_t *o);
char *sp_post_state(const struct clusterer *cl, uint32_t pi);
void sp_post_restore(struct clusterer *cl, uint32_t pi, const char *text);
void sp_relink(struct clusterer *cl);
/* The event ei was merged into, or ei. */
uint32_t cl_final(const struct clusterer *cl, uint32_t ei);

/* store.c: the clusterer's state in the state store (DESIGN section 4). */
struct yq_state;
/* Load what earlier runs left (terms, events, recent posts).  0 or -1. */
int cs_load(struct clusterer *cl, struct yq_state *st, char **err);
/* Save it, dropping posts older than two windows and events older than
 * p.keep.  0 or -1. */
int cs_save(struct clusterer *cl, struct yq_state *st, char **err);
struct yq_state *cs_open(const char *db, char **err);

/* simhash.c */
uint64_t simhash(const char *const *tokens, size_t n);
int hamming(uint64_t a, uint64_t b);
uint64_t hash64(const char *s, size_t n);

/* warn.c */
int warn_load(struct params *p, const char *path);
const char *warn_level(const struct params *p, const struct event *e,
    time_t now, double *growth);

#endif
