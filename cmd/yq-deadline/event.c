/*
 * event.c: what yq-deadline knows of each event, tallied post by post
 * (no post is kept), and the response the rules ask of it: the kind of
 * event, its emergency level, the place and bodies that own it, the
 * deadlines counted from its first post, the answers given and the
 * status as of --now.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "deadline.h"
#include "record.h"
#include "spill.h"
#include "vocab.h"
#include "yqtime.h"
#include "yq.h"

struct event {
	char *id;
	char *raw;		/* the event record read, as text, or NULL */
	struct spill_ref ref;	/* or where it waits in the spill */
	int spilled;
	json_t *rec;		/* and parsed, while its response is made */
	time_t first, last;
	int first_off, has_first;
	char *origin, *title;	/* of the first post */
	time_t origin_at;
	long nposts, day_now, day_before;
	/*
	 * The kinds are decided on the originals: a story of one post and a
	 * thousand reposts is that post's story.  Reposts and copies (dup_of)
	 * count apart, and only while the event has no original here.  Posts
	 * about events abroad, and emergencies of years past, are counted but
	 * are no evidence.
	 */
	long norig, nrep, nabroad, nhistory, nofficial;
	int strong;		/* most binding rule a merged part reached, or -1 */
	json_t *cats;		/* category -> originals */
	json_t *rcats;		/* category -> reposts and copies */
	json_t *places;		/* code -> posts */
	json_t *leads;		/* code -> posts naming it first */
	json_t *bodies;		/* "code\tdept" -> posts */
	json_t *national;	/* State Council departments named -> posts */
	struct figures fig;
	struct answer *ans;
	size_t nans, capans;
	int upper;
	int gone;		/* merged into another by yq-cluster (aliases) */
	int queued;		/* in the tally's pending list */
	size_t pos;		/* in the tally's list */
	char *st_rule;		/* remembered from earlier runs, or NULL */
	int st_level;
	long st_posts;		/* posts earlier runs counted */
	int by_id;		/* counted by post id (the ledger) */
	long fresh;		/* and of those here, the new ones */
	/*
	 * Hashes of the ids of the posts counted here (with the state
	 * store), for the ledger to count each post once across runs.
	 */
	uint64_t *ids;
	size_t nids, capids;
	char *out_rule;		/* what this run decided, to remember */
	int out_level;
	char *ov_rule;		/* an analyst's override (marks.c), or NULL */
	int ov_level;		/* enum level, or -1 */
};

struct tally {
	const struct rules *r;
	time_t now;
	int keep_ids;		/* keep each event's post ids (tally_keep_ids) */
	json_t *index;		/* event_id -> position */
	struct event **ev;	/* NULL where forgotten */
	size_t nev, capev, nforgot;
	struct event **pend;	/* records came, not yet answered */
	size_t npend, cappend;
	/*
	 * Event records wait in temporary files until they are answered:
	 * memory holds the counts only (in memory when no such file could
	 * be made).
	 */
	struct spill *spill;
};

struct tally *
tally_new(const struct rules *r, time_t now)
{
	struct tally *t = xcalloc(1, sizeof *t);

	t->r = r;
	t->now = now;
	t->index = json_object();
	t->spill = spill_new("yq-deadline", SPILL_TURN);
	return t;
}

static void
answer_free(struct answer *a)
{
	free(a->id);
	free(a->form);
	free(a->by);
	free(a->url);
	free(a->source);
}

static void
event_free(struct event *e)
{
	size_t j;

	free(e->id);
		free(e->origin);
		free(e->title);
		free(e->st_rule);
		free(e->out_rule);
		free(e->ov_rule);
		free(e->raw);
		json_decref(e->rec);
		json_decref(e->cats);
		json_decref(e->rcats);
		json_decref(e->places);
		json_decref(e->leads);
		json_decref(e->bodies);
		json_decref(e->national);
		figures_clear(&e->fig);
	for (j = 0; j < e->nans; j++)
		answer_free(&e->ans[j]);
	free(e->ans);
	free(e->ids);
	free(e);
}

void
tally_keep_ids(struct tally *t)
{
	t->keep_ids = 1;
}

/* A 64-bit FNV-1a hash of a post id: 8 bytes a post, not its id. */
static uint64_t
id_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static void
add_id(struct event *e, uint64_t h)
{
	if (e->nids == e->capids) {
		e->capids = e->capids ? e->capids * 2 : 8;
		e->ids = xrealloc(e->ids, e->capids * sizeof *e->ids);
	}
	e->ids[e->nids++] = h;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

size_t
event_post_ids(struct event *e, const uint64_t **ids)
{
	size_t i, n = 0;

	*ids = e->ids;
	if (e->nids == 0)	/* ids may be NULL: no qsort of nothing */
		return 0;
	/* Sorted and each once: a post read twice is one post. */
	qsort(e->ids, e->nids, sizeof *e->ids, cmp_u64);
	for (i = 0; i < e->nids; i++)
		if (n == 0 || e->ids[i] != e->ids[n - 1])
			e->ids[n++] = e->ids[i];
	e->nids = n;
	*ids = e->ids;
	return n;
}

void
event_counted_before(struct event *e, long posts, long fresh)
{
	e->st_posts = posts;
	e->fresh = fresh;
	e->by_id = 1;
}

void
tally_free(struct tally *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nev; i++)
		if (t->ev[i] != NULL)
			event_free(t->ev[i]);
	free(t->ev);
	free(t->pend);
	json_decref(t->index);
	spill_free(t->spill);
	free(t);
}

static int first_rule(const struct rules *rs, const struct event *e, int *cat,
    long *n, long *of);

static struct event *
get(struct tally *t, const char *id)
{
	json_t *pos = json_object_get(t->index, id);
	struct event *e;

	if (pos != NULL)
		return t->ev[json_integer_value(pos)];
	if (t->nev == t->capev) {
		t->capev = t->capev ? t->capev * 2 : 64;
		t->ev = xrealloc(t->ev, t->capev * sizeof *t->ev);
	}
	e = xcalloc(1, sizeof *e);
	e->id = xstrdup(id);
	e->fig.deaths = e->fig.injuries = e->fig.loss = -1;
	e->strong = -1;
	e->ov_level = -1;
	e->pos = t->nev;
	json_object_set_new(t->index, id, json_integer((json_int_t)t->nev));
	t->ev[t->nev++] = e;
	return e;
}

static void
queue(struct tally *t, struct event *e)
{
	if (e->queued)
		return;
	if (t->npend == t->cappend) {
		t->cappend = t->cappend ? 2 * t->cappend : 64;
		t->pend = xrealloc(t->pend, t->cappend * sizeof *t->pend);
	}
	e->queued = 1;
	t->pend[t->npend++] = e;
}

size_t
tally_pending(const struct tally *t, struct event ***list)
{
	*list = t->pend;
	return t->npend;
}

void
tally_forget(struct tally *t)
{
	size_t i, n;

	for (i = 0; i < t->npend; i++) {
		struct event *e = t->pend[i];

		json_object_del(t->index, e->id);
		t->ev[e->pos] = NULL;
		/* A record never answered (of an event merged into another)
		 * is not wanted either. */
		if (e->spilled)
			spill_drop(t->spill, &e->ref);
		event_free(e);
	}
	t->nforgot += t->npend;
	t->npend = 0;
	/* Half the list forgotten: the rest move up. */
	if (t->nforgot < 1024 || 2 * t->nforgot < t->nev)
		return;
	for (i = n = 0; i < t->nev; i++)
		if (t->ev[i] != NULL) {
			t->ev[n] = t->ev[i];
			t->ev[n]->pos = n;
			json_object_set_new(t->index, t->ev[n]->id,
			    json_integer((json_int_t)n));
			n++;
		}
	t->nev = n;
	t->nforgot = 0;
}

/*
 * A count set made on its first key: most events name no body, many no
 * place or category, and an empty jansson object costs some 200 bytes.
 */
static json_t *
set_of(json_t **set)
{
	if (*set == NULL)
		*set = json_object();
	return *set;
}

static void
bump(json_t *counts, const char *key)
{
	json_t *v = json_object_get(counts, key);

	json_object_set_new(counts, key, json_integer(v ? json_integer_value(v) + 1 : 1));
}

static long
count(const json_t *counts, const char *key)
{
	return (long)json_integer_value(json_object_get(counts, key));
}

/* Count each distinct string of a post once. */
static void
bump_set(json_t **counts, json_t *seen, const char *key)
{
	if (key == NULL || json_object_get(seen, key) != NULL)
		return;
	json_object_set_new(seen, key, json_true());
	bump(set_of(counts), key);
}

/* The department word of a body: its name without the place's name. */
static const char *
dept_of(const char *body, const char *code, const json_t *post_places)
{
	const char *names[3] = { place_name(code), place_short(code), NULL };
	json_t *p;
	size_t i, n;

	json_array_foreach(post_places, i, p)
		if (rec_str(p, "code") && strcmp(rec_str(p, "code"), code) == 0)
			names[2] = rec_str(p, "name");
	for (i = 0; i < 3; i++) {
		n = names[i] ? strlen(names[i]) : 0;
		if (n > 0 && strncmp(body, names[i], n) == 0 && body[n] != '\0')
			return body + n;
	}
	return NULL;
}

static void
tally_places(struct tally *t, struct event *e, json_t *post)
{
	json_t *seen = json_object(), *places = json_object_get(post, "places");
	json_t *nseen = json_object(), *p;
	const char *code, *dept;
	char *key;
	size_t i;

	json_array_foreach(places, i, p) {
		if (!place_counts(p) || rec_str(p, "code") == NULL)
			continue;
		place_learn(rec_str(p, "code"), rec_str(p, "name"));
		if (json_object_size(seen) == 0)
			bump(set_of(&e->leads), rec_str(p, "code"));
		bump_set(&e->places, seen, rec_str(p, "code"));
	}
	json_object_clear(seen);
	json_array_foreach(json_object_get(post, "bodies"), i, p) {
		code = rec_str(p, "place");
		/* yq-score's department (泰顺警方: 公安局), else the name less its place. */
		if ((dept = rec_str(p, "dept")) == NULL && code != NULL && rec_str(p, "name"))
			dept = dept_of(rec_str(p, "name"), code, places);
		/* A national organ (央行) is a State Council department named. */
		if (dept != NULL && rec_str(p, "level") &&
		    strcmp(rec_str(p, "level"), "national") == 0) {
			bump_set(&e->national, nseen, dept);
			continue;
		}
		if (code == NULL || dept == NULL)
			continue;
		key = xasprintf("%s\t%s", code, rules_dept(t->r, dept));
		bump_set(&e->bodies, seen, key);
		free(key);
	}
	json_decref(seen);
	json_decref(nseen);
}

/*
 * Whether the post tells of events abroad: it names a foreign place (the
 * rules' abroad pattern) and no place at home but in passing, nor a
 * body, nor the nation (the rules' home pattern: 中国政府, 钓鱼岛).
 */
static int
post_abroad(const struct rules *r, json_t *post, const char *text)
{
	json_t *p;
	size_t i;

	if (r->abroad_re == NULL || !rules_match(r->abroad_re, text) ||
	    (r->home_re != NULL && rules_match(r->home_re, text)))
		return 0;
	json_array_foreach(json_object_get(post, "places"), i, p)
		if (place_counts(p))
			return 0;
	return json_array_size(json_object_get(post, "bodies")) == 0;
}

static int
is_emergency(const char *cat)
{
	return cat != NULL && strncmp(cat, "emergency", 9) == 0;
}

/*
 * Count the post's kinds: an original's as evidence, a repost's or a
 * copy's apart; none of a post abroad, no emergency of one that dates
 * its story years before it was written (1988年 in a post of 2013: a
 * case recalled, not an emergency to answer).
 */
static void
tally_kinds(struct tally *t, struct event *e, json_t *post, const char *text,
    const struct yqt *at, int official)
{
	json_t *seen, *c, *cats = json_object_get(post, "categories");
	int orig = rec_str(post, "repost_of") == NULL && rec_str(post, "dup_of") == NULL;
	int past;
	size_t i;

	if (post_abroad(t->r, post, text)) {
		e->nabroad++;
		return;
	}
	/* An office's own release is an answer, not a case to answer. */
	if (official) {
		e->nofficial++;
		return;
	}
	if (orig)
		e->norig++;
	else
		e->nrep++;
	if (json_array_size(cats) == 0)
		return;
	past = t->r->history_years > 0 &&
	    rules_history(t->r, text, at->t + at->off) >= t->r->history_years;
	seen = json_object();
	json_array_foreach(cats, i, c) {
		if (past && is_emergency(json_string_value(c)))
			continue;
		bump_set(orig ? &e->cats : &e->rcats, seen, json_string_value(c));
	}
	e->nhistory += past && json_object_size(seen) < json_array_size(cats);
	json_decref(seen);
}

static void
tally_words(struct tally *t, struct event *e, const char *text)
{
	json_t *seen = json_object();
	int k;

	for (k = 0; k < t->r->nnational; k++)
		if (strstr(text, t->r->national[k]) != NULL)
			bump_set(&e->national, seen, t->r->national[k]);
	json_decref(seen);
}

/* The first line of the title, else of the text. */
static char *
headline(json_t *post)
{
	const char *s = rec_str(post, "title");

	if (s == NULL || *s == '\0')
		s = rec_str(post, "text");
	if (s == NULL)
		return xstrdup("");
	return xstrndup(s, strcspn(s, "\n"));
}

static void
add_answer(struct event *e, const char *id, struct yqt at, const char *form,
    const char *by, const char *url, const char *source)
{
	struct answer *a;
	size_t i;

	for (i = 0; i < e->nans; i++)
		if ((id && e->ans[i].id && strcmp(id, e->ans[i].id) == 0) ||
		    (e->ans[i].at == at.t && strcmp(e->ans[i].form, form) == 0 &&
		    strcmp(e->ans[i].by ? e->ans[i].by : "", by ? by : "") == 0))
			return;
	if (e->nans == e->capans) {
		e->capans = e->capans ? e->capans * 2 : 4;
		e->ans = xrealloc(e->ans, e->capans * sizeof *e->ans);
	}
	a = &e->ans[e->nans++];
	a->id = id ? xstrdup(id) : NULL;
	a->at = at.t;
	a->off = at.off;
	a->form = xstrdup(form);
	a->by = by ? xstrdup(by) : NULL;
	a->url = url ? xstrdup(url) : NULL;
	a->source = xstrdup(source);
}

void
event_add_answer(struct event *e, const struct answer *a)
{
	struct yqt at = { a->at, a->off };

	add_answer(e, a->id, at, a->form, a->by, a->url, a->source);
}

void
event_first_seen(struct event *e, time_t t, int off)
{
	if (!e->has_first || t < e->first) {
		e->first = t;
		e->first_off = off;
		e->has_first = 1;
	}
}

time_t
event_get_first_seen(const struct event *e, int *off)
{
	*off = e->first_off;
	return e->has_first ? e->first : (time_t)-1;
}

void
event_remembered(struct event *e, const char *rule, int level, long posts)
{
	free(e->st_rule);
	e->st_rule = xstrdup(rule);
	e->st_level = level;
	e->st_posts = posts;
}

const char *
event_decided(const struct event *e, int *level, long *posts)
{
	*level = e->out_level;
	if (e->by_id)
		*posts = -1;	/* the ledger counted them, each once */
	else
		*posts = e->nposts > e->st_posts ? e->nposts : e->st_posts;
	return e->out_rule;
}

void
event_set_upper(struct event *e)
{
	e->upper = 1;
}

const char *
event_id(const struct event *e)
{
	return e->id;
}

size_t
event_answers(const struct event *e, const struct answer **list)
{
	*list = e->ans;
	return e->nans;
}

/*
 * Whether the post is an office's own: what yq-fetch says of the
 * speaker (author_type government or party) when it says, else the
 * account's name and platform as the rules read them.
 */
static int
speaker_official(const struct tally *t, json_t *post)
{
	const char *type = rec_str(post, "author_type");
	const char *platform = rec_str(post, "platform");

	if (type == NULL)
		return rules_official(t->r, rec_str(post, "author"), platform);
	return strcmp(type, "government") == 0 || strcmp(type, "party") == 0 ||
	    (platform != NULL && strcmp(platform, "gov") == 0);
}

int
tally_post(struct tally *t, json_t *post, const char **why)
{
	const char *id = rec_str(post, "event_id");
	struct event *e;
	struct yqt at;
	char *text, *head;
	int form, official;

	if (id == NULL)
		return 0;
	if (rec_published(post, t->now, &at) < 0) {
		*why = REC_BAD_TIME;
		return -1;
	}
	if (at.t > t->now)
		return 0;	/* not yet published as of --now */
	e = get(t, id);
	if (!e->has_first || at.t < e->first) {
		free(e->origin);
		free(e->title);
		e->origin = rec_str(post, "id") ? xstrdup(rec_str(post, "id")) : NULL;
		e->title = headline(post);
		e->origin_at = at.t;
	}
	event_first_seen(e, at.t, at.off);
	if (at.t > e->last)
		e->last = at.t;
	e->nposts++;
	if (t->keep_ids && rec_str(post, "id") != NULL)
		add_id(e, id_hash(rec_str(post, "id")));
	if (at.t > t->now - 86400)
		e->day_now++;
	else if (at.t > t->now - 2 * 86400)
		e->day_before++;
	text = rec_text(post);
	official = speaker_official(t, post);
	tally_places(t, e, post);
	tally_kinds(t, e, post, text, &at, official);
	tally_words(t, e, text);
	figures_scan(&e->fig, text, rec_str(post, "id"));
	head = headline(post);
	if (official && (form = rules_answer_form(t->r, head)) >= 0)
		add_answer(e, rec_str(post, "id"), at, answer_forms[form],
		    rec_str(post, "author_body") != NULL ?
		    rec_str(post, "author_body") : rec_str(post, "author"),
		    rec_str(post, "url"), "post");
	free(head);
	free(text);
	return 0;
}

/* Add counts (json objects of integers) of src into dst. */
static void
add_counts(json_t **dstp, json_t *src)
{
	const char *k;
	json_t *v, *w, *dst;

	if (json_object_size(src) == 0)
		return;
	dst = set_of(dstp);
	json_object_foreach(src, k, v) {
		w = json_object_get(dst, k);
		json_object_set_new(dst, k, json_integer(json_integer_value(v) +
		    (w ? json_integer_value(w) : 0)));
	}
}

/*
 * yq-cluster merged src's event into dst's after their posts were
 * written (the event record's aliases): what was counted under src's id
 * is dst's.  A post counted in both is counted twice; yq-cluster gives a
 * post one event, so that does not happen.
 */
static void
event_merge(const struct rules *rs, struct event *dst, struct event *src)
{
	size_t i;
	long n, of;
	int k, j, a = first_rule(rs, dst, &j, &n, &of), b = first_rule(rs, src, &j, &n, &of);

	/* The merged event keeps the most binding kind either part had. */
	for (k = 0; k < 4; k++) {
		int x = k == 0 ? a : k == 1 ? b : k == 2 ? dst->strong : src->strong;

		if (x >= 0 && (dst->strong < 0 || x < dst->strong))
			dst->strong = x;
	}

	if (src->has_first && (!dst->has_first || src->first < dst->first)) {
		free(dst->origin);
		free(dst->title);
		dst->origin = src->origin ? xstrdup(src->origin) : NULL;
		dst->title = src->title ? xstrdup(src->title) : NULL;
		dst->origin_at = src->origin_at;
		event_first_seen(dst, src->first, src->first_off);
	}
	if (src->last > dst->last)
		dst->last = src->last;
	dst->nposts += src->nposts;
	dst->norig += src->norig;
	dst->nrep += src->nrep;
	dst->nabroad += src->nabroad;
	dst->nhistory += src->nhistory;
	dst->nofficial += src->nofficial;
	add_counts(&dst->rcats, src->rcats);
	dst->day_now += src->day_now;
	dst->day_before += src->day_before;
	add_counts(&dst->cats, src->cats);
	add_counts(&dst->places, src->places);
	add_counts(&dst->leads, src->leads);
	add_counts(&dst->bodies, src->bodies);
	add_counts(&dst->national, src->national);
	for (k = 0; k < 3; k++)
		if ((&src->fig.deaths)[k] > (&dst->fig.deaths)[k]) {
			(&dst->fig.deaths)[k] = (&src->fig.deaths)[k];
			free(dst->fig.src[k]);
			free(dst->fig.quote[k]);
			dst->fig.src[k] = src->fig.src[k] ? xstrdup(src->fig.src[k]) : NULL;
			dst->fig.quote[k] = src->fig.quote[k] ? xstrdup(src->fig.quote[k]) : NULL;
		}
	for (i = 0; i < src->nans; i++)
		event_add_answer(dst, &src->ans[i]);
	for (i = 0; i < src->nids; i++)
		add_id(dst, src->ids[i]);
	dst->upper |= src->upper;
	src->gone = 1;
	/* Counted in dst now: the sets go (aliases are most of the events
	 * of a long run). */
	json_decref(src->cats);
	json_decref(src->rcats);
	json_decref(src->places);
	json_decref(src->leads);
	json_decref(src->bodies);
	json_decref(src->national);
	src->rcats = src->leads = NULL;
	src->cats = src->places = src->bodies = src->national = NULL;
	free(src->ids);
	src->ids = NULL;
	src->nids = src->capids = 0;
}

int
event_gone(const struct event *e)
{
	return e->gone;
}

int
tally_event(struct tally *t, json_t *ev, const char *raw, size_t rawlen,
    const char **why)
{
	const char *id = rec_str(ev, "event_id"), *fs = rec_str(ev, "first_seen"), *err;
	char *dumped;
	struct event *e;
	struct yqt at;
	json_t *a;
	size_t i;
	int r;

	if (id == NULL) {
		*why = "event record without event_id";
		return -1;
	}
	e = get(t, id);
	/* Kept as text (the line as read, when it can be; a parsed record
	 * takes ten times the memory), in the spill file if there is one. */
	free(e->raw);
	e->raw = NULL;
	if (e->spilled)
		spill_drop(t->spill, &e->ref);
	dumped = raw == NULL ? yq_json_dumps(ev, REC_DUMP_FLAGS) : NULL;
	if ((r = spill_put(t->spill, raw ? raw : dumped, raw ? rawlen : strlen(dumped),
	    &e->ref, &err)) < 0)
		die(YQ_EXIT_IO, "%s", err);
	if ((e->spilled = r == 0) == 0) {
		e->raw = dumped ? dumped : xstrndup(raw, rawlen);
		dumped = NULL;
	}
	free(dumped);
	json_array_foreach(json_object_get(ev, "aliases"), i, a) {
		json_t *pos = json_object_get(t->index, json_string_value(a) ?
		    json_string_value(a) : "");

		if (pos != NULL && t->ev[json_integer_value(pos)] != e) {
			queue(t, t->ev[json_integer_value(pos)]);
			event_merge(t->r, e, t->ev[json_integer_value(pos)]);
			e = get(t, id);
		}
	}
	queue(t, e);
	if (fs != NULL && yqt_parse(fs, t->now, &at) == 0 && at.t <= t->now)
		event_first_seen(e, at.t, at.off);
	return 0;
}

size_t
tally_count(const struct tally *t)
{
	return t->nev;
}

struct event *
tally_get(struct tally *t, size_t i)
{
	return i < t->nev ? t->ev[i] : NULL;
}

/* ------------------------------------------------------------ the response */

struct resp {
	struct tally *t;
	struct event *e;
	const struct rule *rule;
	const char *emergency;	/* the emergency.* category most named */
	int level;
	char place[7];
	json_t *owner, *coord, *refer, *reasons;
	json_t *lead;
	int explain;
};

static void
why(struct resp *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
why(struct resp *r, const char *fmt, ...)
{
	va_list ap;
	char *s;

	if (!r->explain)
		return;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die(YQ_EXIT_IO, "out of memory");
	va_end(ap);
	json_array_append_new(r->reasons, json_string(s));
	free(s);
}

/*
 * Posts that carry the category (or, for "x.*", the most of any x.) in
 * counts; *best gets that category.
 */
static long
count_cat(const json_t *counts, const char *cat, const char **best)
{
	size_t n = strlen(cat);
	const char *k;
	json_t *v;
	long m = 0;

	if (n < 2 || strcmp(cat + n - 2, ".*") != 0)
		return count(counts, cat);
	json_object_foreach((json_t *)counts, k, v)
		if (strncmp(k, cat, n - 1) == 0 && json_integer_value(v) > m) {
			m = (long)json_integer_value(v);
			if (best)
				*best = k;
		}
	return m;
}

/*
 * The evidence for a kind.  When the originals carry any kind, they
 * speak for the event: the share of them that carry this one (a story of
 * one post and a thousand reposts is that post's story, and reposts that
 * quote it say it again).  When they carry none, or the event has no
 * original here, what the reposting public adds is the evidence: the
 * share of all posts (住建局出来解释一下啊 under a silent original).
 * *of gets the posts the share is of; 0 without posts (an event record
 * alone).
 */
static long
cat_posts_of(const struct event *e, const char *cat, const char **best, long *of)
{
	long no = count_cat(e->cats, cat, best), all = e->norig + e->nrep;

	*of = 0;
	if (all == 0)
		return no;
	if (e->norig > 0 && json_object_size(e->cats) > 0) {
		*of = e->norig;
		return no;
	}
	*of = all;
	if (best != NULL && no == 0)
		count_cat(e->rcats, cat, best);
	return no + count_cat(e->rcats, cat, NULL);
}

static long
cat_posts(const struct event *e, const char *cat, const char **best)
{
	long of;

	return cat_posts_of(e, cat, best, &of);
}

/* Without posts, the event record's categories stand in, each on all. */
static void
cats_from_record(struct event *e)
{
	json_t *c;
	size_t i;

	if (e->nposts > 0 || e->rec == NULL)
		return;
	json_array_foreach(json_object_get(e->rec, "categories"), i, c)
		if (json_is_string(c))
			json_object_set_new(set_of(&e->cats), json_string_value(c),
			    json_integer(1));
}

/* The share n posts of of are; without posts (of 0), 0 or 1. */
static double
share_of(long n, long of)
{
	return of > 0 ? (double)n / of : n > 0;
}

/*
 * The index of the first rule the event's evidence reaches, or -1; *cat
 * gets the index of the category that reached it, *n and *of its posts
 * and the posts they are a share of.
 */
static int
first_rule(const struct rules *rs, const struct event *e, int *cat, long *n,
    long *of)
{
	int i, j;

	for (i = 0; i < rs->nrules; i++)
		for (j = 0; j < rs->rule[i].ncats; j++) {
			*n = cat_posts_of(e, rs->rule[i].cats[j], NULL, of);
			if (*n > 0 && share_of(*n, *of) >= rs->rule[i].min_share) {
				*cat = j;
				return i;
			}
		}
	return -1;
}

static const struct rule *
find_rule_named(const struct rules *rs, const char *name)
{
	int i;

	for (i = 0; name && i < rs->nrules; i++)
		if (strcmp(rs->rule[i].name, name) == 0)
			return &rs->rule[i];
	return NULL;
}

static int
has_answer(const struct event *e, const char *form, time_t now)
{
	size_t i;

	for (i = 0; i < e->nans; i++)
		if (e->ans[i].at <= now && strcmp(e->ans[i].form, form) == 0)
			return 1;
	return 0;
}

/* Posts that were no evidence, for the reasons. */
static void
why_evidence(struct resp *r)
{
	const struct event *e = r->e;

	if (e->nabroad > 0)
		why(r, "not evidence: %ld posts of events abroad", e->nabroad);
	if (e->nhistory > 0)
		why(r, "not evidence: %ld posts of an emergency years before "
		    "they were written", e->nhistory);
	if (e->nofficial > 0)
		why(r, "not evidence: %ld releases of official accounts (answers, "
		    "not cases to answer)", e->nofficial);
}

static void
choose_rule(struct resp *r)
{
	const struct rules *rs = r->t->r;
	const struct rule *ru, *rumour = find_rule_named(rs, rs->refuted[0]);
	struct event *e = r->e;
	long n, of = 0;
	int i, j;

	why_evidence(r);
	r->rule = NULL;
	n = rumour ? cat_posts_of(e, rs->refuted[0], NULL, &of) : 0;
	if (rumour && share_of(n, of) >= rumour->min_share &&
	    has_answer(e, rs->refuted[1], r->t->now)) {
		r->rule = rumour;
		why(r, "rule %s: %s on %ld of %ld posts, and an official %s",
		    rumour->name, rs->refuted[0], n, of ? of : e->nposts, rs->refuted[1]);
		return;
	}
	if ((i = first_rule(rs, e, &j, &n, &of)) >= 0) {
		ru = r->rule = &rs->rule[i];
		why(r, "rule %s: %s on %ld of %ld %sposts (%.2f >= %.2f)",
		    ru->name, ru->cats[j], n, of ? of : e->nposts,
		    of > 0 && of == e->norig && e->nrep > 0 ? "original " : "",
		    share_of(n, of), ru->min_share);
	}
	if (e->strong >= 0 && (r->rule == NULL || e->strong < r->rule - rs->rule)) {
		r->rule = &rs->rule[e->strong];
		why(r, "rule %s: reached by an event merged into this one",
		    r->rule->name);
	}
	if (r->rule == NULL && e->upper) {
		r->rule = find_rule_named(rs, "upper_request");
		why(r, "rule upper_request: --upper");
	}
	if (r->rule && strcmp(r->rule->name, "emergency") == 0)
		cat_posts(e, "emergency.*", &r->emergency);
}

static const char *const fig_names[3] = { "deaths", "injuries", "direct loss (yuan)" };

static void
choose_level(struct resp *r)
{
	const struct rules *rs = r->t->r;
	struct event *e = r->e;
	const char *warning;
	double *fig = &e->fig.deaths;
	int lv, k;

	r->level = LV_NONE;
	if (r->rule == NULL || strcmp(r->rule->name, "emergency") != 0)
		return;
	for (lv = LV_EXTRA; lv <= LV_LARGE; lv++)
		for (k = 0; k < 3; k++)
			if (fig[k] >= 0 && rs->limits[lv][k] > 0 &&
			    fig[k] >= rs->limits[lv][k]) {
				r->level = lv;
				why(r, "level %s: %s %.0f >= %.0f (post %s: %s)",
				    level_names[lv], fig_names[k], fig[k],
				    rs->limits[lv][k], e->fig.src[k] ? e->fig.src[k] : "-",
				    e->fig.quote[k]);
				return;
			}
	warning = e->rec ? rec_str(e->rec, "warning") : NULL;
	r->level = LV_GENERAL;
	if (fig[0] >= 0 || fig[1] >= 0 || fig[2] >= 0)
		why(r, "level 一般: figures below 较大 (deaths %.0f, injuries %.0f)",
		    fig[0] < 0 ? 0 : fig[0], fig[1] < 0 ? 0 : fig[1]);
	else if (warning && strcmp(warning, "red") == 0 && json_object_size(e->places) > 3) {
		r->level = LV_LARGE;
		why(r, "level 较大: no figures; warning red across %zu places",
		    json_object_size(e->places));
	} else
		why(r, "level 一般: no casualty or loss figures reported");
}

/*
 * The province whose places the event's posts name most (the places
 * within it and the province itself), of the places named on at least
 * floor posts.  A tie goes to the province named at the lower level (毕节
 * beside a passing 北京), then to the one its posts name first more
 * often, then to the lower code.
 */
static void
choose_province(const struct event *e, double floor, char prov[3])
{
	struct { char p[3]; long n, lead; int low; } g[64];
	const char *code;
	json_t *v;
	int ng = 0, k, best = -1;

	prov[0] = '\0';
	json_object_foreach(e->places, code, v) {
		if (json_integer_value(v) < floor || place_level(code) == PL_NONE)
			continue;
		for (k = 0; k < ng && strncmp(g[k].p, code, 2) != 0; k++)
			;
		if (k == ng) {
			if (ng == 64)
				continue;
			memcpy(g[ng].p, code, 2);
			g[ng].p[2] = '\0';
			g[ng].n = g[ng].lead = g[ng].low = 0;
			ng++;
		}
		g[k].n += (long)json_integer_value(v);
		g[k].lead += count(e->leads, code);
		if ((int)place_level(code) > g[k].low)
			g[k].low = (int)place_level(code);
	}
	for (k = 0; k < ng; k++)
		if (best < 0 || g[k].n > g[best].n || (g[k].n == g[best].n &&
		    (g[k].low > g[best].low || (g[k].low == g[best].low &&
		    (g[k].lead > g[best].lead || (g[k].lead == g[best].lead &&
		    strcmp(g[k].p, g[best].p) < 0))))))
			best = k;
	if (best >= 0)
		memcpy(prov, g[best].p, 3);
}

/*
 * Within the province, the lowest level of the places named, or the
 * common level of several (上城区 and 西湖区: 杭州市).
 */
static void
place_within(struct resp *r, double floor, const char *prov)
{
	const struct event *e = r->e;
	enum plevel low = PL_NONE;
	const char *code;
	json_t *v;
	char buf[7];

	r->place[0] = '\0';
	json_object_foreach(e->places, code, v)
		if (json_integer_value(v) >= floor && strncmp(code, prov, 2) == 0 &&
		    place_level(code) != PL_NONE && (low == PL_NONE || place_level(code) > low))
			low = place_level(code);
	json_object_foreach(e->places, code, v) {
		if (json_integer_value(v) < floor || strncmp(code, prov, 2) != 0 ||
		    place_level(code) != low)
			continue;
		if (r->place[0] == '\0')
			snprintf(r->place, sizeof r->place, "%s", code);
		else if (place_lca(r->place, code, buf) != NULL)
			memcpy(r->place, buf, 7);
	}
}

/* Posts without places may stand on the event record's. */
static void
places_from_record(struct event *e)
{
	json_t *rp;
	size_t i;

	if (e->nposts > 0 || e->rec == NULL)
		return;
	json_array_foreach(json_object_get(e->rec, "places"), i, rp)
		if (rec_str(rp, "code") && place_counts(rp))
			json_object_set_new(set_of(&e->places), rec_str(rp, "code"),
			    json_integer(1));
}

/*
 * Where the event is owned (属地管理): of the places named on at least
 * place_share of the most named one's posts (side mentions were never
 * counted), those of the province named most, and there the lowest
 * level; raised to the level its emergency is owned at (分级负责).
 */
static void
choose_place(struct resp *r)
{
	struct event *e = r->e;
	json_t *v;
	const char *code;
	char buf[7], prov[3];
	long max = 0;
	enum plevel want;

	places_from_record(e);
	r->place[0] = '\0';
	json_object_foreach(e->places, code, v)
		if (json_integer_value(v) > max)
			max = (long)json_integer_value(v);
	choose_province(e, r->t->r->place_share * max, prov);
	if (prov[0] == '\0')
		return;
	place_within(r, r->t->r->place_share * max, prov);
	if (r->place[0] == '\0')
		return;
	why(r, "place: %s (%s), named on %ld of %ld posts, first on %ld",
	    place_name(r->place) ? place_name(r->place) : r->place, r->place,
	    count(e->places, r->place), e->nposts, count(e->leads, r->place));
	if (r->level == LV_NONE)
		return;
	want = (enum plevel)r->t->r->owner_level[r->level];
	while (place_level(r->place) > want && place_parent(r->place, buf)) {
		memcpy(r->place, buf, 7);
		why(r, "分级负责: a %s emergency is owned at %s level: %s (%s)",
		    level_names[r->level], want == PL_PROVINCE ? "province" :
		    want == PL_CITY ? "city" : "county",
		    place_name(r->place) ? place_name(r->place) : r->place, r->place);
	}
}

static char *
body_name(const char *code, const char *dept)
{
	const char *n = place_name(code);

	return xasprintf("%s%s", n ? n : code, dept);
}

static void
add_name(json_t *list, const char *code, const char *dept)
{
	char *s = body_name(code, dept);
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (strcmp(json_string_value(v), s) == 0) {
			free(s);
			return;
		}
	json_array_append_new(list, json_string(s));
	free(s);
}

/*
 * Is the body's place (code, clen bytes) the place or one within it?  Codes
 * are the six digits of GB/T 2260: a province's ends in 0000, a city's in 00.
 */
static int
within(const char *code, size_t clen, const char *place)
{
	size_t plen = strlen(place), keep;

	if (clen != plen)
		return 0;
	if (plen == 6 && strcmp(place + 2, "0000") == 0)
		keep = 2;
	else if (plen == 6 && strcmp(place + 4, "00") == 0)
		keep = 4;
	else
		keep = plen;
	return strncmp(code, place, keep) == 0;
}

/*
 * Departments named at the place or at places within it (the same
 * department of several districts is answered by the city's), most named
 * first, above the share.
 */
static json_t *
departments(struct resp *r)
{
	const struct rules *rs = r->t->r;
	json_t *out = json_array(), *v, *had;
	const char *key, *dept, *tab;
	long top = 0, n, best;
	json_t *left = json_object();

	json_object_foreach(r->e->bodies, key, v) {
		if ((tab = strchr(key, '\t')) == NULL ||
		    !within(key, (size_t)(tab - key), r->place))
			continue;
		dept = tab + 1;
		if (strstr(dept, "人民政府") != NULL ||
		    rules_is_in(rs->notdept, rs->nnotdept, dept))
			continue;
		n = (long)json_integer_value(v);
		if ((had = json_object_get(left, dept)) != NULL)
			n += (long)json_integer_value(had);
		json_object_set_new(left, dept, json_integer(n));
		if (n > top)
			top = n;
	}
	for (;;) {
		const char *pick = NULL;

		best = 0;
		json_object_foreach(left, key, v)
			if ((n = (long)json_integer_value(v)) > best ||
			    (n == best && pick && strcmp(key, pick) < 0)) {
				best = n;
				pick = key;
			}
		if (pick == NULL || best < rs->dept_share * top ||
		    (r->e->nposts > 0 && best < rs->dept_min_posts))
			break;
		json_array_append_new(out, json_pack("[s i]", pick, (int)best));
		json_object_del(left, pick);
	}
	json_decref(left);
	return out;
}

static const char *
competent(const struct rules *rs, const char *cat)
{
	int i;

	for (i = 0; cat && i < rs->ncompetent; i++)
		if (strcmp(rs->competent[i][0], cat) == 0)
			return rs->competent[i][1];
	return NULL;
}

static void
owners_national(struct resp *r)
{
	const char *k;
	json_t *v;

	json_object_foreach(r->e->national, k, v)
		json_array_append_new(r->owner, json_string(k));
	if (json_array_size(r->owner) == 0)
		json_array_append_new(r->owner, json_string("国务院有关部门"));
	json_array_append_new(r->coord, json_string("国务院办公厅"));
	why(r, "owner: no place at home is named; %s", json_object_size(r->e->national) ?
	    "the State Council departments named answer (谁主管谁负责)" :
	    "a matter of no one place is the State Council department's in charge");
}

static void
owners_vertical(struct resp *r)
{
	const struct rules *rs = r->t->r;
	const char *name, *dept;
	char buf[7];
	size_t i, n;
	json_t *v;

	json_array_foreach(r->owner, i, v) {
		name = json_string_value(v);
		if (!rules_is_in(rs->vertical, rs->nvertical, name) ||
		    place_parent(r->place, buf) == NULL)
			continue;
		n = place_name(r->place) ? strlen(place_name(r->place)) : 0;
		dept = strncmp(name, place_name(r->place) ? place_name(r->place) : "", n) == 0 ?
		    name + n : name;
		add_name(r->coord, buf, dept);
		why(r, "vertical system: %s is managed from above; the office of "
		    "%s%s coordinates", name, place_name(buf) ? place_name(buf) : buf, dept);
	}
}

static void
choose_owner(struct resp *r)
{
	const struct rules *rs = r->t->r;
	const char *comp;
	json_t *deps, *d;
	size_t i;

	r->owner = json_array();
	r->coord = json_array();
	r->refer = json_array();
	if (r->place[0] == '\0') {
		owners_national(r);
		return;
	}
	deps = departments(r);
	if (r->rule && r->rule->owner) {
		add_name(r->owner, r->place, r->rule->owner);
		if (r->rule->coordinator)
			add_name(r->coord, r->place, r->rule->coordinator);
		for (i = 0; i < (size_t)r->rule->nrefer; i++)
			add_name(r->refer, r->place, r->rule->refer[i]);
		why(r, "owner: a %s is answered by the %s at the place, clues "
		    "referred to public security and the cyberspace authority",
		    r->rule->name, r->rule->owner);
	} else if (r->level == LV_EXTRA || r->level == LV_MAJOR || r->level == LV_LARGE) {
		add_name(r->owner, r->place, "人民政府");
		comp = competent(rs, r->emergency);
		if (comp == NULL && json_array_size(deps) > 0)
			comp = json_string_value(json_array_get(json_array_get(deps, 0), 0));
		if (comp != NULL)
			add_name(r->coord, r->place, comp);
		why(r, "owner: the government leads a %s emergency; the department "
		    "in charge (%s) coordinates", level_names[r->level],
		    comp ? comp : "none named");
		if (r->level == LV_EXTRA) {
			r->lead = json_array();
			add_name(r->lead, r->place, "人民政府主要负责同志");
		}
	} else if (json_array_size(deps) > 0) {
		json_array_foreach(deps, i, d) {
			add_name(r->owner, r->place, json_string_value(json_array_get(d, 0)));
			why(r, "谁主管谁负责: %s named on %lld posts",
			    json_string_value(json_array_get(d, 0)),
			    (long long)json_integer_value(json_array_get(d, 1)));
		}
		if (json_array_size(deps) > 1) {
			add_name(r->coord, r->place, "人民政府办公室");
			add_name(r->coord, r->place, "委宣传部");
			why(r, "several departments: each answers for its duties; the "
			    "general office and the propaganda department coordinate");
		}
	} else {
		add_name(r->owner, r->place, "人民政府");
		why(r, "属地管理: no department named at the place; its government owns it");
	}
	json_decref(deps);
	owners_vertical(r);
}

/* ------------------------------------------------------------ deadlines */

struct due {
	const char *form;
	time_t due, met;
	long hours;
};

static const char *
status_of(const struct due *d, time_t now, long warn)
{
	if (d->met != (time_t)-1)
		return d->met <= d->due ? "answered" : "answered_late";
	if (now > d->due)
		return "overdue";
	return d->due - now <= warn ? "due_soon" : "pending";
}

static int
satisfies(const char *answer_form, const char *deadline_form)
{
	return strcmp(deadline_form, "statement") == 0 ||
	    strcmp(answer_form, deadline_form) == 0;
}

static int
cmp_answer(const void *a, const void *b)
{
	const struct answer *x = a, *y = b;

	return (x->at > y->at) - (x->at < y->at);
}

static size_t
deadlines(struct resp *r, struct due *d)
{
	const struct rules *rs = r->t->r;
	int want = r->level == LV_EXTRA || r->level == LV_MAJOR ? r->level : LV_NONE;
	size_t n = 0, i;
	int k;

	for (k = 0; k < rs->ndl && n < MAXDL; k++) {
		if (rs->dl[k].level != want)
			continue;
		d[n].form = rs->dl[k].form;
		d[n].hours = rs->dl[k].hours;
		d[n].due = r->e->first + rs->dl[k].hours * 3600;
		d[n].met = (time_t)-1;
		for (i = 0; i < r->e->nans; i++)
			if (r->e->ans[i].at <= r->t->now &&
			    satisfies(r->e->ans[i].form, d[n].form)) {
				d[n].met = r->e->ans[i].at;
				break;
			}
		n++;
	}
	return n;
}

static json_t *
time_json(time_t t, int off)
{
	struct yqt y = { t, off };
	char buf[YQT_BUFSZ];

	return json_string(yqt_format(y, buf));
}

static json_t *
answers_json(struct resp *r, const struct due *d, size_t nd)
{
	json_t *out = json_array(), *a;
	const struct answer *x;
	size_t i, k;
	int on_time;

	for (i = 0; i < r->e->nans; i++) {
		x = &r->e->ans[i];
		if (x->at > r->t->now)
			continue;
		for (on_time = 0, k = 0; k < nd; k++)
			if (satisfies(x->form, d[k].form) && x->at <= d[k].due)
				on_time = 1;
		a = json_object();
		if (x->id)
			json_object_set_new(a, "id", json_string(x->id));
		json_object_set_new(a, "at", time_json(x->at, x->off));
		json_object_set_new(a, "form", json_string(x->form));
		if (x->by)
			json_object_set_new(a, "by", json_string(x->by));
		if (x->url)
			json_object_set_new(a, "url", json_string(x->url));
		json_object_set_new(a, "on_time", json_boolean(on_time));
		json_object_set_new(a, "source", json_string(x->source));
		json_array_append_new(out, a);
		why(r, "answer %s: %s by %s at +%ldh%02ldm: %s", x->id ? x->id : "(ledger)",
		    x->form, x->by ? x->by : "-", (long)(x->at - r->e->first) / 3600,
		    (long)(x->at - r->e->first) % 3600 / 60, on_time ? "on time" : "late");
	}
	return out;
}


/* The last answer as of now, or -1. */
static time_t
last_answer(const struct event *e, time_t now)
{
	time_t last = -1;
	size_t i;

	for (i = 0; i < e->nans; i++)
		if (e->ans[i].at <= now && e->ans[i].at > last)
			last = e->ans[i].at;
	return last;
}

static void
set_deadlines(struct resp *r, json_t *resp, long warn)
{
	const struct rules *rs = r->t->r;
	struct due d[MAXDL];
	size_t nd = deadlines(r, d), i;
	json_t *list = json_array(), *o;
	const char *st, *status = NULL;
	time_t next = -1, last, now = r->t->now;

	for (i = 0; i < nd; i++) {
		st = status_of(&d[i], now, warn);
		o = json_pack("{s:s, s:o, s:o, s:s}", "form", d[i].form,
		    "due", time_json(d[i].due, r->e->first_off),
		    "met_at", d[i].met == (time_t)-1 ? json_null() :
		    time_json(d[i].met, r->e->first_off), "status", st);
		json_array_append_new(list, o);
		if (status == NULL || vocab_status_rank(st) < vocab_status_rank(status))
			status = st;
		if (d[i].met == (time_t)-1 && (next == -1 || d[i].due < next))
			next = d[i].due;
		why(r, "deadline %s %s: %ld h from the first post (%s)", d[i].form,
		    st, d[i].hours, r->e->origin && r->e->first == r->e->origin_at ?
		    r->e->origin : "an earlier run");
	}
	last = last_answer(r->e, now);
	if (next == -1 && last != -1 && r->e->day_now >= rs->growing_min &&
	    r->e->day_now > r->e->day_before &&
	    now - last >= rs->update_hours * 3600) {
		status = "update_due";
		next = last + rs->update_hours * 3600;
		why(r, "持续发布: %ld posts in the last day against %ld the day "
		    "before, and the last answer is %ld h old", r->e->day_now,
		    r->e->day_before, (long)(now - last) / 3600);
	}
	if (next == -1 && nd > 0) {
		for (i = 0; i < nd; i++)
			if (next == -1 || d[i].due > next)
				next = d[i].due;
	}
	json_object_set_new(resp, "form", json_string(nd > 1 ? "press_conference" : "statement"));
	json_object_set_new(resp, "deadline", next == -1 ? json_null() :
	    time_json(next, r->e->first_off));
	json_object_set_new(resp, "deadlines", list);
	json_object_set_new(resp, "status", json_string(status ? status : "watch"));
	json_object_set_new(resp, "hours_left", vocab_status_open(status) ?
	    json_real(round((double)(next - now) / 360.0) / 10.0) : json_null());
	json_object_set_new(resp, "answers", answers_json(r, d, nd));
}

void
event_override(struct event *e, const char *rule, int level)
{
	if (rule != NULL) {
		free(e->ov_rule);
		e->ov_rule = xstrdup(rule);
	}
	if (level >= 0)
		e->ov_level = level;
}

/*
 * What an analyst said the kind and level are stands over what the
 * posts say (after what is remembered is kept, so that undoing the
 * override gives back the machine's judgement); the deadlines follow.
 */
static void
overridden(struct resp *r)
{
	struct event *e = r->e;

	if (e->ov_rule != NULL) {
		r->rule = strcmp(e->ov_rule, "watch") == 0 ? NULL :
		    find_rule_named(r->t->r, e->ov_rule);
		why(r, "rule %s: as an analyst decided", e->ov_rule);
		if (r->rule && strcmp(r->rule->name, "emergency") == 0 &&
		    r->level == LV_NONE)
			r->level = LV_GENERAL;
	}
	if (e->ov_level >= 0 && e->ov_level < LV_NONE) {
		r->level = e->ov_level;
		why(r, "level %s: as an analyst decided", level_names[r->level]);
	}
}

/*
 * A later run may see only the tail of an event (a cron window): the
 * kind decided over more posts stands, and the level never falls, since
 * figures only grow.
 */
static void
remembered(struct resp *r)
{
	struct event *e = r->e;
	const struct rule *ru;

	/*
	 * Counted by id, it stands unless this run brings more new posts
	 * than were counted before: a run that repeats posts changes
	 * nothing, whatever batches they came in.
	 */
	if (e->st_rule != NULL && e->st_posts > (e->by_id ? e->fresh : e->nposts)) {
		ru = find_rule_named(r->t->r, e->st_rule);
		if (ru != r->rule)
			why(r, "rule %s: as decided in an earlier run, over %ld "
			    "posts (%ld new in this one)", ru ? ru->name : "watch",
			    e->st_posts, e->by_id ? e->fresh : e->nposts);
		r->rule = ru;
		if (r->rule && strcmp(r->rule->name, "emergency") == 0 &&
		    r->level == LV_NONE)
			r->level = LV_GENERAL;
	}
	if (e->st_rule != NULL && r->rule && strcmp(r->rule->name, "emergency") == 0 &&
	    e->st_level < r->level) {
		r->level = e->st_level;
		why(r, "level %s: as reported earlier", level_names[r->level]);
	}
	free(e->out_rule);
	e->out_rule = xstrdup(r->rule ? r->rule->name : "watch");
	e->out_level = r->level;
	overridden(r);
}

static json_t *
synthesise(struct event *e)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string("event"));
	json_object_set_new(o, "event_id", json_string(e->id));
	if (e->title)
		json_object_set_new(o, "title", json_string(e->title));
	if (e->has_first)
		json_object_set_new(o, "first_seen", time_json(e->first, e->first_off));
	if (e->nposts)
		json_object_set_new(o, "last_seen", time_json(e->last, e->first_off));
	json_object_set_new(o, "posts", json_integer(e->nposts));
	if (e->origin)
		json_object_set_new(o, "origin", json_string(e->origin));
	return o;
}

json_t *
event_response(struct tally *t, struct event *e, long warn, int explain)
{
	struct resp r;
	json_t *out, *resp;
	const char *err;

	if (e->nans > 1)
		qsort(e->ans, e->nans, sizeof *e->ans, cmp_answer);
	memset(&r, 0, sizeof r);
	r.t = t;
	r.e = e;
	r.explain = explain;
	r.reasons = json_array();
	if (e->spilled && (e->raw = spill_get(t->spill, &e->ref, 1, &err)) == NULL)
		die(YQ_EXIT_IO, "%s", err);
	e->spilled = 0;
	if (e->raw != NULL) {
		e->rec = json_loads(e->raw, 0, NULL);
		free(e->raw);
		e->raw = NULL;
	}
	cats_from_record(e);
	choose_rule(&r);
	choose_level(&r);
	remembered(&r);
	out = e->rec ? e->rec : synthesise(e);
	e->rec = NULL;
	resp = json_object();
	json_object_set_new(resp, "must_respond", json_boolean(r.rule != NULL));
	json_object_set_new(resp, "rule", json_string(r.rule ? r.rule->name : "watch"));
	json_object_set_new(resp, "level", r.level == LV_NONE ? json_null() :
	    json_string(level_names[r.level]));
	if (e->has_first)
		json_object_set_new(resp, "first_seen", time_json(e->first, e->first_off));
	if (r.rule != NULL && e->has_first) {
		choose_place(&r);
		choose_owner(&r);
		set_deadlines(&r, resp, warn);
		json_object_set_new(resp, "owner", r.owner);
		json_object_set_new(resp, "coordinator", r.coord);
		if (r.lead)
			json_object_set_new(resp, "lead", json_incref(json_array_get(r.lead, 0)));
		json_decref(r.lead);
		if (json_array_size(r.refer) > 0)
			json_object_set_new(resp, "refer_to", r.refer);
		else
			json_decref(r.refer);
	} else {
		json_object_set_new(resp, "status", json_string("watch"));
		json_object_set_new(resp, "answers", json_array());
		why(&r, "watch: no must-respond category on enough posts");
	}
	if (explain)
		json_object_set_new(resp, "reasons", r.reasons);
	else
		json_decref(r.reasons);
	json_object_set_new(out, "response", resp);
	return out;
}
