/*
 * spread.c: how each event spread (传播路径).  A post's parent is the
 * post it reposts within its event: the latest post of the account a
 * Weibo chain names first ("评论//@某人:..."), else its repost_of, else,
 * for a chain, the original it repeats.  A post without one (a copy
 * without chain or link too) is a root; the roots and
 * their reposts make the event's repost forest.
 *
 * Per post, four numbers (parent, reposts below, account, level); per
 * event only what a summary needs, bounded whatever its size: posts per
 * level, the first post of each platform, the SP_HUBS posts with the
 * most reposts below them (exact: a count only grows, one at a time, so
 * a post enters the list the moment it passes the least in it), the
 * SP_SPREADERS accounts counted by Space-Saving (exact while fewer
 * accounts have spread; beyond, a count may be over by at most "over"),
 * and the tipping points, found in the event's posts per minute over
 * the last two windows (as long as the clusterer keeps posts).
 */
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "record.h"
#include "yq.h"
#include "yqtime.h"

#define SP_HUBS 16		/* posts with the most reposts kept per event */
#define SP_SPREADERS 32		/* accounts counted per event */
#define SP_SHOW 10		/* accounts written */
#define SP_TIPS 3		/* tipping points kept */
#define SP_WALK 256		/* ancestors a repost is counted for */
#define SP_MAXDEPTH 255		/* deeper posts count at this level */
#define SP_NAME 64		/* bytes of an account name in a chain */
#define HALF 60			/* minutes before and after a tipping point */

struct hub {
	char *id, *parent, *root, *author;
	uint32_t post;		/* index, UINT32_MAX once compacted away */
	time_t t;
	uint32_t desc;
	uint16_t depth, height;
};

struct count {
	uint32_t author, n, over;
};

struct tip {
	char *id;
	int32_t min;		/* minute since the epoch */
	time_t t;
	int32_t before, after;
};

struct spread {
	uint32_t trees, reposts;
	uint32_t *levels;
	uint32_t nlevels;
	struct first { char *platform, *id; time_t t; } *first;
	int nfirst;
	struct hub hub[SP_HUBS];
	int nhub;
	struct count *sp;	/* SP_SPREADERS, allocated at the first */
	int nsp;
	/* Tipping: posts per minute (sorted, the last two windows), the
	 * newest minute; the first repost of each minute, waiting to be
	 * measured; the tipping points so far. */
	struct tcount *mins;	/* t in minutes since the epoch */
	uint32_t nmins, capmins;
	int32_t newest;
	struct cand { uint32_t post; int32_t min; time_t t; } *cand;
	int ncand, capcand;
	struct tip *waiting;	/* candidates read from the state (sp_relink) */
	int nwaiting;
	struct tip tip[SP_TIPS];
	int ntip;
};

/* ------------------------------------------------------------ accounts */

void
sp_init(struct clusterer *cl)
{
	memset(&cl->acc, 0, sizeof cl->acc);
	cl->acc.mask = 1023;
	cl->acc.table = xcalloc(cl->acc.mask + 1, sizeof *cl->acc.table);
}

void
sp_done(struct clusterer *cl)
{
	free(cl->acc.table);
	free(cl->acc.names);
	free(cl->acc.off);
	free(cl->acc.latest);
	free(cl->acc.official);
}

static const char *
acc_name(const struct accounts *a, uint32_t i)
{
	return a->names + a->off[i];
}

/* The slot of name (hash h) in the table: its own or the empty one. */
static uint32_t
acc_slot(const struct accounts *a, const char *name, uint64_t h)
{
	uint32_t i = (uint32_t)h & a->mask, x;

	while ((x = a->table[i]) != 0 && strcmp(acc_name(a, x - 1), name) != 0)
		i = (i + 1) & a->mask;
	return i;
}

/* The index of account name, or UINT32_MAX. */
static uint32_t
acc_find(const struct accounts *a, const char *name)
{
	return a->table[acc_slot(a, name, hash64(name, strlen(name)))] - 1;
}

static void
acc_grow(struct accounts *a)
{
	uint32_t i, k;

	free(a->table);
	a->mask = 2 * a->mask + 1;
	a->table = xcalloc(a->mask + 1, sizeof *a->table);
	for (i = 0; i < a->n; i++) {
		const char *name = acc_name(a, i);

		for (k = (uint32_t)hash64(name, strlen(name)) & a->mask; a->table[k] != 0;
		    k = (k + 1) & a->mask)
			;
		a->table[k] = i + 1;
	}
}

/* The index of account name, made when new. */
static uint32_t
account(struct accounts *a, const char *name)
{
	size_t len = strlen(name);
	uint64_t h = hash64(name, len);
	uint32_t slot = acc_slot(a, name, h);

	if (a->table[slot] != 0)
		return a->table[slot] - 1;
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 1024;
		a->off = xrealloc(a->off, a->cap * sizeof *a->off);
		a->latest = xrealloc(a->latest, a->cap * sizeof *a->latest);
		a->official = xrealloc(a->official, a->cap);
	}
	while (a->used + len + 1 > a->room) {
		a->room = a->room ? 2 * a->room : 65536;
		a->names = xrealloc(a->names, a->room);
	}
	memcpy(a->names + a->used, name, len + 1);
	a->off[a->n] = a->used;
	a->used += len + 1;
	a->latest[a->n] = UINT32_MAX;
	a->official[a->n] = 0;
	a->table[slot] = ++a->n;
	if (a->n > a->mask / 2)
		acc_grow(a);
	return a->n - 1;
}

/* Whether the post's categories say an official account wrote it. */
static int
official(json_t *obj)
{
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(obj, "categories"), i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), "official_answer") == 0)
			return 1;
	return 0;
}

/*
 * The account a Weibo chain names first (the one reposted), copied into
 * buf, or NULL.  "a//@B:b//@C:c": B.
 */
static const char *
chain_name(const char *text, char *buf)
{
	const char *s = text ? strstr(text, "//@") : NULL;
	size_t n = 0;

	if (s == NULL)
		return NULL;
	for (s += 3; *s && *s != ':' && *s != ' ' && strncmp(s, "：", 3) != 0; s++)
		if (n < SP_NAME - 1)
			buf[n++] = *s;
	buf[n] = '\0';
	return n > 0 ? buf : NULL;
}

/* ------------------------------------------------------------ parents */

/* Post x, when it is of event ei and earlier than post pi. */
static uint32_t
in_event(const struct clusterer *cl, uint32_t x, uint32_t pi, uint32_t ei)
{
	if (x == UINT32_MAX || x >= pi)
		return UINT32_MAX;
	return cl_final(cl, cl->posts[x].event) == ei ? x : UINT32_MAX;
}

/* The parent of post pi in event ei: see the top of the file. */
static uint32_t
parent_of(struct clusterer *cl, uint32_t pi, uint32_t ei, json_t *obj)
{
	char buf[SP_NAME];
	const char *text = rec_str(obj, "text"), *name = chain_name(text, buf), *link;
	uint32_t x, a;

	if (name != NULL && (a = acc_find(&cl->acc, name)) != UINT32_MAX &&
	    (x = in_event(cl, cl->acc.latest[a], pi, ei)) != UINT32_MAX)
		return x;
	link = rec_str(obj, "repost_of");
	if (link != NULL && (x = sm_get(&cl->ids, link)) != UINT32_MAX &&
	    x != pi && cl->posts[x].root == cl->posts[pi].root &&
	    in_event(cl, x, pi, ei) != UINT32_MAX)
		return x;
	/* A chain whose reposter is unknown reposts the original it
	 * repeats; a copy without a chain or a link starts a tree. */
	if (cl->posts[pi].root != pi && text != NULL && strstr(text, "//@") != NULL)
		return in_event(cl, cl->posts[pi].root, pi, ei);
	return UINT32_MAX;
}

/* ------------------------------------------------------------ counts */

static void
level_add(struct spread *s, uint32_t d, uint32_t n)
{
	if (d >= s->nlevels) {
		s->levels = xrealloc(s->levels, (d + 1) * sizeof *s->levels);
		memset(s->levels + s->nlevels, 0, (d + 1 - s->nlevels) * sizeof *s->levels);
		s->nlevels = d + 1;
	}
	s->levels[d] += n;
}

/* The platform's first post: the earliest, of equal times the least id. */
static void
first_add(struct spread *s, const char *platform, const char *id, time_t t)
{
	struct first *f;
	int i;

	for (i = 0; i < s->nfirst; i++) {
		f = &s->first[i];
		if (strcmp(f->platform, platform) != 0)
			continue;
		if (t < f->t || (t == f->t && strcmp(id, f->id) < 0)) {
			free(f->id);
			f->id = xstrdup(id);
			f->t = t;
		}
		return;
	}
	s->first = xrealloc(s->first, (s->nfirst + 1) * sizeof *s->first);
	f = &s->first[s->nfirst++];
	f->platform = xstrdup(platform);
	f->id = xstrdup(id);
	f->t = t;
}

/* Whether a post with d reposts below it and id a ranks before b's. */
static int
hub_better(uint32_t da, const char *a, uint32_t db, const char *b)
{
	return da != db ? da > db : strcmp(a, b) < 0;
}

static void
hub_clear(struct hub *h)
{
	free(h->id);
	free(h->parent);
	free(h->root);
	free(h->author);
	memset(h, 0, sizeof *h);
}

/* The list's worst entry, to be replaced. */
static int
hub_worst(const struct spread *s)
{
	int i, w = 0;

	for (i = 1; i < s->nhub; i++)
		if (hub_better(s->hub[w].desc, s->hub[w].id, s->hub[i].desc, s->hub[i].id))
			w = i;
	return w;
}

/* Hub h becomes post a of tree root. */
static void
hub_set(const struct clusterer *cl, struct hub *h, uint32_t a, uint32_t root)
{
	const struct post *p = &cl->posts[a];

	h->id = xstrdup(p->id);
	h->parent = p->parent != UINT32_MAX ? xstrdup(cl->posts[p->parent].id) : NULL;
	h->root = xstrdup(cl->posts[root].id);
	h->author = p->author != UINT32_MAX ? xstrdup(acc_name(&cl->acc, p->author)) : NULL;
	h->post = a;
	h->t = p->t;
	h->desc = p->desc;
	h->depth = p->depth;
	h->height = p->height;
}

/* Post a has one more repost below it: it keeps or takes its place. */
static void
hub_touch(const struct clusterer *cl, struct spread *s, uint32_t a, uint32_t root)
{
	const struct post *p = &cl->posts[a];
	int i;

	for (i = 0; i < s->nhub; i++)
		if (s->hub[i].post == a) {
			s->hub[i].desc = p->desc;
			s->hub[i].height = p->height;
			return;
		}
	if (s->nhub < SP_HUBS) {
		hub_set(cl, &s->hub[s->nhub++], a, root);
		return;
	}
	i = hub_worst(s);
	if (hub_better(p->desc, p->id, s->hub[i].desc, s->hub[i].id)) {
		hub_clear(&s->hub[i]);
		hub_set(cl, &s->hub[i], a, root);
	}
}

/* Account a's count grows by n (Space-Saving: a newcomer takes the
 * least count's place, and that count as its possible excess). */
static void
count_add(struct spread *s, uint32_t a, uint32_t n, uint32_t over)
{
	int i, least = 0;

	if (s->sp == NULL)
		s->sp = xmalloc(SP_SPREADERS * sizeof *s->sp);
	for (i = 0; i < s->nsp; i++)
		if (s->sp[i].author == a) {
			s->sp[i].n += n;
			s->sp[i].over += over;
			return;
		}
	if (s->nsp < SP_SPREADERS) {
		s->sp[s->nsp].author = a;
		s->sp[s->nsp].n = n;
		s->sp[s->nsp++].over = over;
		return;
	}
	for (i = 1; i < s->nsp; i++)
		if (s->sp[i].n < s->sp[least].n)
			least = i;
	s->sp[least].author = a;
	s->sp[least].over = s->sp[least].n + over;
	s->sp[least].n += n;
}

/*
 * Repost pi counts once for each post above it and once for each
 * account that wrote one of them (SP_WALK levels up at most).
 */
static void
walk(struct clusterer *cl, struct spread *s, uint32_t pi)
{
	uint32_t path[SP_WALK], seen[SP_WALK], a;
	int n = 0, ns = 0, i, k;

	for (a = cl->posts[pi].parent; a != UINT32_MAX && n < SP_WALK;
	    a = cl->posts[a].parent)
		path[n++] = a;
	for (i = 0; i < n; i++) {
		struct post *p = &cl->posts[path[i]];

		p->desc++;
		if (p->height < i + 1)
			p->height = (uint16_t)(i + 1);
		hub_touch(cl, s, path[i], path[n - 1]);
		if (p->author == UINT32_MAX)
			continue;
		for (k = 0; k < ns && seen[k] != p->author; k++)
			;
		if (k == ns) {
			seen[ns++] = p->author;
			count_add(s, p->author, 1, 0);
		}
	}
}

/* ------------------------------------------------------------ tipping */

/*
 * A tipping point is a repost (the first of its minute) after which the
 * event's rate rose: "after" is the event's posts in its minute and the
 * 59 after (itself left out), "before" those in the 60 minutes before.
 * The SP_TIPS with the greatest rise (after - before > 0; of equal rises
 * the earlier), each more than an hour from the others, are kept.
 */
static int32_t
minute(time_t t)
{
	return (int32_t)(t >= 0 ? t / 60 : -((-t + 59) / 60));
}

/* The event's posts in minutes [a, b). */
static int32_t
mins_sum(const struct spread *s, int32_t a, int32_t b)
{
	uint32_t i = tcount_find(s->mins, s->nmins, a);
	int32_t n = 0;

	for (; i < s->nmins && s->mins[i].t < b; i++)
		n += (int32_t)s->mins[i].n;
	return n;
}

static void
mins_add(struct spread *s, int32_t m, uint32_t n)
{
	if (s->nmins == 0 || m > s->newest)
		s->newest = m;
	tcount_add(&s->mins, &s->nmins, &s->capmins, m, n);
}

/* The repost id at t (minute min) measured with the posts counted so far,
 * its id copied. */
static struct tip
measure(const struct spread *s, int32_t min, time_t t, const char *id)
{
	struct tip x;

	x.id = xstrdup(id);
	x.min = min;
	x.t = t;
	x.before = mins_sum(s, min - HALF, min);
	x.after = mins_sum(s, min, min + HALF) - 1;
	return x;
}

static struct tip
measure_cand(const struct clusterer *cl, const struct spread *s, const struct cand *c)
{
	return measure(s, c->min, c->t, cl->posts[c->post].id);
}

static int
tip_better(const struct tip *a, const struct tip *b)
{
	int32_t ra = a->after - a->before, rb = b->after - b->before;

	if (ra != rb)
		return ra > rb;
	if (a->t != b->t)
		return a->t < b->t;
	return strcmp(a->id, b->id) < 0;
}

static int
near(const struct tip *a, const struct tip *b)
{
	return a->min - b->min < HALF && b->min - a->min < HALF;
}

/* Keep x (its id now the list's) if it rises and beats those near it. */
static void
tip_keep(struct tip *tip, int *ntip, struct tip x)
{
	int i, k;

	for (i = 0; i < *ntip; i++)
		if (near(&tip[i], &x) && !tip_better(&x, &tip[i]))
			break;
	if (x.after <= x.before || i < *ntip) {
		free(x.id);
		return;
	}
	for (i = k = 0; i < *ntip; i++)
		if (near(&tip[i], &x))
			free(tip[i].id);
		else
			tip[k++] = tip[i];
	*ntip = k;
	if (k < SP_TIPS) {
		tip[(*ntip)++] = x;
		return;
	}
	for (i = 1, k = 0; i < SP_TIPS; i++)
		if (tip_better(&tip[k], &tip[i]))
			k = i;
	if (!tip_better(&x, &tip[k])) {
		free(x.id);
		return;
	}
	free(tip[k].id);
	tip[k] = x;
}

/* Post post at t (minute min) among s's candidates, in order of minute,
 * the earliest of each minute (of equal times the least id). */
static void
cand_insert(const struct clusterer *cl, struct spread *s, uint32_t post,
    int32_t min, time_t t)
{
	int i = s->ncand;

	while (i > 0 && s->cand[i - 1].min > min)
		i--;
	if (i > 0 && s->cand[i - 1].min == min) {
		struct cand *o = &s->cand[i - 1];

		if (t < o->t || (t == o->t && strcmp(cl->posts[post].id,
		    cl->posts[o->post].id) < 0)) {
			o->post = post;
			o->t = t;
		}
		return;
	}
	if (s->ncand == s->capcand) {
		s->capcand = s->capcand ? 2 * s->capcand : 4;
		s->cand = xrealloc(s->cand, s->capcand * sizeof *s->cand);
	}
	memmove(s->cand + i + 1, s->cand + i, (s->ncand - i) * sizeof *s->cand);
	s->cand[i].post = post;
	s->cand[i].min = min;
	s->cand[i].t = t;
	s->ncand++;
}

/*
 * What is older than keep minutes before the newest goes, as the
 * clusterer forgets posts: each candidate before it is measured and
 * kept or dropped, the minutes an hour before it are dropped.  Done
 * once an hour's slack has gathered.
 */
static void
mins_prune(const struct clusterer *cl, struct spread *s, int32_t keep)
{
	int32_t cut = s->newest - keep;
	uint32_t i;
	int k, j;

	if (s->nmins == 0 || s->mins[0].t >= cut - 2 * HALF)
		return;
	for (k = 0; k < s->ncand && s->cand[k].min < cut; k++)
		tip_keep(s->tip, &s->ntip, measure_cand(cl, s, &s->cand[k]));
	for (j = k; j < s->ncand; j++)
		s->cand[j - k] = s->cand[j];
	s->ncand -= k;
	i = tcount_find(s->mins, s->nmins, cut - HALF);
	memmove(s->mins, s->mins + i, (s->nmins - i) * sizeof *s->mins);
	s->nmins -= i;
}

/* Post pi, a repost or not, of the event, whose clusterer keeps posts
 * for keep seconds. */
static void
tip_post(const struct clusterer *cl, struct spread *s, uint32_t pi, int repost,
    time_t keep)
{
	const struct post *p = &cl->posts[pi];

	mins_add(s, minute(p->t), 1);
	if (repost)
		cand_insert(cl, s, pi, minute(p->t), p->t);
	mins_prune(cl, s, (int32_t)(keep / 60));
}

/* ------------------------------------------------------------ posts */

void
sp_add(struct clusterer *cl, uint32_t pi, uint32_t ei, json_t *obj)
{
	struct event *e = &cl->events[ei];
	const char *author = rec_str(obj, "author");
	const char *platform = rec_str(obj, "platform");
	struct post *p;
	uint32_t parent;

	if (e->sp == NULL)
		e->sp = xcalloc(1, sizeof *e->sp);
	parent = parent_of(cl, pi, ei, obj);
	p = &cl->posts[pi];
	p->parent = parent;
	if (author != NULL && *author != '\0') {
		p->author = account(&cl->acc, author);
		if (official(obj))
			cl->acc.official[p->author] = 1;
	}
	p->depth = parent == UINT32_MAX ? 0 : cl->posts[parent].depth < SP_MAXDEPTH ?
	    cl->posts[parent].depth + 1 : SP_MAXDEPTH;
	level_add(e->sp, p->depth, 1);
	if (parent == UINT32_MAX)
		e->sp->trees++;
	else {
		e->sp->reposts++;
		walk(cl, e->sp, pi);
	}
	first_add(e->sp, platform ? platform : "other", p->id, p->t);
	tip_post(cl, e->sp, pi, parent != UINT32_MAX, 2 * cl->p.window);
	if (p->author != UINT32_MAX)
		cl->acc.latest[p->author] = pi;
}

/* ------------------------------------------------------------ merging */

/* Hub h of another event joins s's list (h's post, same: of cl). */
static void
hub_join(struct spread *s, const struct hub *h, int same)
{
	struct hub *d;
	int i;

	if (s->nhub < SP_HUBS)
		i = s->nhub++;
	else {
		i = hub_worst(s);
		if (!hub_better(h->desc, h->id, s->hub[i].desc, s->hub[i].id))
			return;
		hub_clear(&s->hub[i]);
	}
	d = &s->hub[i];
	*d = *h;
	d->id = xstrdup(h->id);
	d->parent = h->parent ? xstrdup(h->parent) : NULL;
	d->root = xstrdup(h->root);
	d->author = h->author ? xstrdup(h->author) : NULL;
	d->post = same ? h->post : UINT32_MAX;
}

/*
 * The minutes, candidates and tipping points of s (of clusterer scl)
 * folded into d: a candidate whose post cl does not know (a shard's) is
 * measured on its own event's minutes.
 */
static void
tips_join(const struct clusterer *cl, struct spread *d, const struct clusterer *scl,
    const struct spread *s)
{
	struct tip x;
	uint32_t post;
	int i;

	for (i = 0; i < (int)s->nmins; i++)
		mins_add(d, s->mins[i].t, s->mins[i].n);
	for (i = 0; i < s->ncand; i++) {
		post = scl == cl ? s->cand[i].post : sm_get(&cl->ids,
		    scl->posts[s->cand[i].post].id);
		if (post != UINT32_MAX)
			cand_insert(cl, d, post, s->cand[i].min, s->cand[i].t);
		else
			tip_keep(d->tip, &d->ntip, measure_cand(scl, s, &s->cand[i]));
	}
	for (i = 0; i < s->ntip; i++) {
		x = s->tip[i];
		x.id = xstrdup(x.id);
		tip_keep(d->tip, &d->ntip, x);
	}
}

void
sp_merge(struct clusterer *cl, uint32_t dst, const struct clusterer *scl,
    const struct event *src)
{
	const struct spread *s = src->sp;
	struct event *de = &cl->events[dst];
	struct spread *d;
	uint32_t i;
	int k;

	if (s == NULL)
		return;
	if (de->sp == NULL)
		de->sp = xcalloc(1, sizeof *de->sp);
	d = de->sp;
	d->trees += s->trees;
	d->reposts += s->reposts;
	for (i = 0; i < s->nlevels; i++)
		level_add(d, i, s->levels[i]);
	for (k = 0; k < s->nfirst; k++)
		first_add(d, s->first[k].platform, s->first[k].id, s->first[k].t);
	for (k = 0; k < s->nhub; k++)
		hub_join(d, &s->hub[k], scl == cl);
	for (k = 0; k < s->nsp; k++) {
		uint32_t a = s->sp[k].author;

		if (scl != cl)
			a = account(&cl->acc, acc_name(&scl->acc, a));
		count_add(d, a, s->sp[k].n, s->sp[k].over);
	}
	tips_join(cl, d, scl, s);
}

/* ------------------------------------------------------------ upkeep */

void
sp_forget(struct clusterer *cl, const unsigned char *keep)
{
	uint32_t i;
	int k, j;

	for (i = 0; i < cl->nevents; i++) {
		struct spread *s = cl->events[i].sp;

		for (k = j = 0; s != NULL && k < s->ncand; k++)
			if (keep[s->cand[k].post])
				s->cand[j++] = s->cand[k];
			else
				tip_keep(s->tip, &s->ntip, measure_cand(cl, s, &s->cand[k]));
		if (s != NULL)
			s->ncand = j;
	}
}

void
sp_compact(struct clusterer *cl, const uint32_t *pnew, uint32_t nold)
{
	uint32_t i;
	int k;

	for (i = 0; i < cl->nposts; i++)
		if (cl->posts[i].parent != UINT32_MAX)
			cl->posts[i].parent = pnew[cl->posts[i].parent];
	for (i = 0; i < cl->acc.n; i++)
		if (cl->acc.latest[i] != UINT32_MAX)
			cl->acc.latest[i] = cl->acc.latest[i] < nold ?
			    pnew[cl->acc.latest[i]] : UINT32_MAX;
	for (i = 0; i < cl->nevents; i++) {
		struct spread *s = cl->events[i].sp;

		for (k = 0; s != NULL && k < s->nhub; k++)
			if (s->hub[k].post != UINT32_MAX)
				s->hub[k].post = s->hub[k].post < nold ?
				    pnew[s->hub[k].post] : UINT32_MAX;
		/* sp_forget left only candidates of posts kept. */
		for (k = 0; s != NULL && k < s->ncand; k++)
			s->cand[k].post = pnew[s->cand[k].post];
	}
}

void
sp_release(struct event *e)
{
	struct spread *s = e->sp;
	int k;

	if (s == NULL)
		return;
	free(s->levels);
	for (k = 0; k < s->nfirst; k++) {
		free(s->first[k].platform);
		free(s->first[k].id);
	}
	free(s->first);
	for (k = 0; k < s->nhub; k++)
		hub_clear(&s->hub[k]);
	free(s->sp);
	free(s->mins);
	free(s->cand);
	for (k = 0; k < s->nwaiting; k++)
		free(s->waiting[k].id);
	free(s->waiting);
	for (k = 0; k < s->ntip; k++)
		free(s->tip[k].id);
	free(s);
	e->sp = NULL;
}

/* ------------------------------------------------------------ record */

static json_t *
when(time_t t)
{
	struct yqt y = { t, YQT_DEFAULT_OFFSET };
	char buf[YQT_BUFSZ];

	return json_string(yqt_format(y, buf));
}

static json_t *
opt_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int
first_cmp(const void *a, const void *b)
{
	const struct first *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return strcmp(x->platform, y->platform);
}

static int
hub_cmp(const void *a, const void *b)
{
	const struct hub *x = a, *y = b;

	return hub_better(x->desc, x->id, y->desc, y->id) ? -1 :
	    hub_better(y->desc, y->id, x->desc, x->id);
}

static int
tip_cmp(const void *a, const void *b)
{
	const struct tip *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* For count_cmp: the accounts' names. */
static const struct accounts *sorting;

static int
count_cmp(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(acc_name(sorting, x->author), acc_name(sorting, y->author));
}

static json_t *
firsts(const struct spread *s)
{
	struct first *f = xmalloc((s->nfirst + 1) * sizeof *f);
	json_t *a = json_array();
	int k;

	if (s->nfirst > 0)	/* none yet: s->first is NULL */
		memcpy(f, s->first, s->nfirst * sizeof *f);
	qsort(f, s->nfirst, sizeof *f, first_cmp);
	for (k = 0; k < s->nfirst; k++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "platform",
		    f[k].platform, "id", f[k].id, "at", when(f[k].t)));
	free(f);
	return a;
}

static json_t *
hubs(const struct spread *s)
{
	struct hub h[SP_HUBS];
	json_t *a = json_array();
	int k;

	memcpy(h, s->hub, s->nhub * sizeof *h);
	qsort(h, s->nhub, sizeof *h, hub_cmp);
	for (k = 0; k < s->nhub; k++)
		json_array_append_new(a, json_pack("{s:s, s:o, s:o, s:i, s:o, s:s,"
		    " s:i, s:i}", "id", h[k].id, "at", when(h[k].t), "author",
		    opt_str(h[k].author), "depth", h[k].depth, "parent",
		    opt_str(h[k].parent), "root", h[k].root, "reposts", (int)h[k].desc,
		    "height", h[k].height));
	return a;
}

static json_t *
spreaders(const struct clusterer *cl, const struct spread *s)
{
	struct count c[SP_SPREADERS];
	json_t *a = json_array(), *o;
	int k;

	if (s->nsp > 0)
		memcpy(c, s->sp, s->nsp * sizeof *c);
	sorting = &cl->acc;
	qsort(c, s->nsp, sizeof *c, count_cmp);
	for (k = 0; k < s->nsp && k < SP_SHOW; k++) {
		o = json_pack("{s:s, s:i}", "author", acc_name(&cl->acc, c[k].author),
		    "reposts", (int)c[k].n);
		if (c[k].over > 0)
			json_object_set_new(o, "over", json_integer(c[k].over));
		if (cl->acc.official[c[k].author])
			json_object_set_new(o, "type", json_string("official"));
		json_array_append_new(a, o);
	}
	return a;
}

/* The tipping points kept, with the candidates still waiting measured
 * on what has come (the list itself is left as it is). */
static json_t *
tipping(const struct clusterer *cl, const struct spread *s)
{
	struct tip t[SP_TIPS];
	json_t *a = json_array();
	int k, n = s->ntip;

	for (k = 0; k < n; k++) {
		t[k] = s->tip[k];
		t[k].id = xstrdup(t[k].id);
	}
	for (k = 0; k < s->ncand; k++)
		tip_keep(t, &n, measure_cand(cl, s, &s->cand[k]));
	qsort(t, n, sizeof *t, tip_cmp);
	for (k = 0; k < n; k++) {
		json_array_append_new(a, json_pack("{s:s, s:o, s:i, s:i}", "id",
		    t[k].id, "at", when(t[k].t), "before", t[k].before,
		    "after", t[k].after));
		free(t[k].id);
	}
	return a;
}

json_t *
sp_record(const struct clusterer *cl, const struct event *e)
{
	static const struct spread none;
	const struct spread *s = e->sp ? e->sp : &none;
	json_t *levels = json_array();
	uint32_t i, w = 0;

	for (i = 0; i < s->nlevels; i++) {
		json_array_append_new(levels, json_integer(s->levels[i]));
		if (s->levels[i] > s->levels[w])
			w = i;
	}
	return json_pack("{s:i, s:i, s:i, s:{s:i, s:i}, s:o, s:o, s:o, s:o, s:o}",
	    "trees", (int)s->trees, "reposts", (int)s->reposts,
	    "depth", s->nlevels > 0 ? (int)s->nlevels - 1 : 0,
	    "widest", "level", (int)w, "posts", s->nlevels > 0 ? (int)s->levels[w] : 0,
	    "levels", levels, "first", firsts(s), "hubs", hubs(s),
	    "spreaders", spreaders(cl, s), "tipping", tipping(cl, s));
}

/* ------------------------------------------------------------ state */

/*
 * An event's propagation as the state store keeps it, all of it, so that batches give the same
 * records as one run.
 */
json_t *
sp_state(const struct clusterer *cl, const struct event *e)
{
	const struct spread *s = e->sp;
	json_t *o, *a;
	uint32_t i;
	int k;

	if (s == NULL)
		return json_null();
	o = json_pack("{s:i, s:i}", "trees", (int)s->trees, "reposts",
	    (int)s->reposts);
	json_object_set_new(o, "levels", a = json_array());
	for (i = 0; i < s->nlevels; i++)
		json_array_append_new(a, json_integer(s->levels[i]));
	json_object_set_new(o, "first", a = json_array());
	for (k = 0; k < s->nfirst; k++)
		json_array_append_new(a, json_pack("[s s I]", s->first[k].platform,
		    s->first[k].id, (json_int_t)s->first[k].t));
	json_object_set_new(o, "hubs", a = json_array());
	for (k = 0; k < s->nhub; k++) {
		const struct hub *h = &s->hub[k];

		json_array_append_new(a, json_pack("[s o s o I i i i]", h->id,
		    opt_str(h->parent), h->root, opt_str(h->author), (json_int_t)h->t,
		    (int)h->desc, h->depth, h->height));
	}
	json_object_set_new(o, "spreaders", a = json_array());
	for (k = 0; k < s->nsp; k++)
		json_array_append_new(a, json_pack("[s i i]", acc_name(&cl->acc, s->sp[k].author),
		    (int)s->sp[k].n, (int)s->sp[k].over));
	json_object_set_new(o, "minutes", a = json_array());
	for (i = 0; i < s->nmins; i++)
		json_array_append_new(a, json_pack("[i i]", s->mins[i].t, (int)s->mins[i].n));
	json_object_set_new(o, "tips", a = json_array());
	for (k = 0; k < s->ncand; k++)
		json_array_append_new(a, json_pack("[b s i I i i]", 1,
		    cl->posts[s->cand[k].post].id, s->cand[k].min,
		    (json_int_t)s->cand[k].t, 0, 0));
	for (k = 0; k < s->nwaiting + s->ntip; k++) {
		const struct tip *t = k < s->nwaiting ? &s->waiting[k] : &s->tip[k - s->nwaiting];

		json_array_append_new(a, json_pack("[b s i I i i]", k < s->nwaiting, t->id,
		    t->min, (json_int_t)t->t, t->before, t->after));
	}
	return o;
}

static char *
dup_str(json_t *v)
{
	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

static void
restore_hub(struct spread *s, json_t *v)
{
	struct hub *h;

	if (s->nhub == SP_HUBS || !json_is_string(json_array_get(v, 0)) ||
	    !json_is_string(json_array_get(v, 2)))
		return;
	h = &s->hub[s->nhub++];
	h->id = dup_str(json_array_get(v, 0));
	h->parent = dup_str(json_array_get(v, 1));
	h->root = dup_str(json_array_get(v, 2));
	h->author = dup_str(json_array_get(v, 3));
	h->t = (time_t)json_integer_value(json_array_get(v, 4));
	h->desc = (uint32_t)json_integer_value(json_array_get(v, 5));
	h->depth = (uint16_t)json_integer_value(json_array_get(v, 6));
	h->height = (uint16_t)json_integer_value(json_array_get(v, 7));
	h->post = UINT32_MAX;	/* sp_relink */
}

static void
restore_tip(struct spread *s, json_t *v)
{
	struct tip t;

	if (!json_is_string(json_array_get(v, 1)))
		return;
	t.id = dup_str(json_array_get(v, 1));
	t.min = (int32_t)json_integer_value(json_array_get(v, 2));
	t.t = (time_t)json_integer_value(json_array_get(v, 3));
	t.before = (int32_t)json_integer_value(json_array_get(v, 4));
	t.after = (int32_t)json_integer_value(json_array_get(v, 5));
	if (json_is_true(json_array_get(v, 0))) {
		s->waiting = xrealloc(s->waiting, (s->nwaiting + 1) * sizeof *s->waiting);
		s->waiting[s->nwaiting++] = t;
	} else if (s->ntip < SP_TIPS)
		s->tip[s->ntip++] = t;
	else
		free(t.id);
}

void
sp_restore(struct clusterer *cl, struct event *e, json_t *o)
{
	struct spread *s;
	json_t *v;
	size_t i;

	if (!json_is_object(o))
		return;
	s = e->sp = xcalloc(1, sizeof *e->sp);
	s->trees = (uint32_t)json_integer_value(json_object_get(o, "trees"));
	s->reposts = (uint32_t)json_integer_value(json_object_get(o, "reposts"));
	json_array_foreach(json_object_get(o, "levels"), i, v)
		level_add(s, (uint32_t)i, (uint32_t)json_integer_value(v));
	json_array_foreach(json_object_get(o, "first"), i, v)
		if (json_is_string(json_array_get(v, 0)) && json_is_string(json_array_get(v, 1)))
			first_add(s, json_string_value(json_array_get(v, 0)),
			    json_string_value(json_array_get(v, 1)),
			    (time_t)json_integer_value(json_array_get(v, 2)));
	json_array_foreach(json_object_get(o, "hubs"), i, v)
		restore_hub(s, v);
	json_array_foreach(json_object_get(o, "spreaders"), i, v)
		if (json_is_string(json_array_get(v, 0)))
			count_add(s, account(&cl->acc, json_string_value(json_array_get(v, 0))),
			    (uint32_t)json_integer_value(json_array_get(v, 1)),
			    (uint32_t)json_integer_value(json_array_get(v, 2)));
	json_array_foreach(json_object_get(o, "minutes"), i, v)
		mins_add(s, (int32_t)json_integer_value(json_array_get(v, 0)),
		    (uint32_t)json_integer_value(json_array_get(v, 1)));
	json_array_foreach(json_object_get(o, "tips"), i, v)
		restore_tip(s, v);
}

/* Post pi's part, as the state keeps it: [parent, author, depth,
 * reposts below, levels below, official]. */
char *
sp_post_state(const struct clusterer *cl, uint32_t pi)
{
	const struct post *p = &cl->posts[pi];
	json_t *a = json_pack("[o o i i i b]", p->parent != UINT32_MAX ?
	    json_string(cl->posts[p->parent].id) : json_null(),
	    opt_str(p->author != UINT32_MAX ? acc_name(&cl->acc, p->author) : NULL),
	    p->depth, (int)p->desc, p->height,
	    p->author != UINT32_MAX && cl->acc.official[p->author]);
	char *s = yq_json_dumps(a, REC_DUMP_FLAGS);

	json_decref(a);
	return s;
}

void
sp_post_restore(struct clusterer *cl, uint32_t pi, const char *text)
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	struct post *p = &cl->posts[pi];
	const char *v;

	if (!json_is_array(a)) {
		json_decref(a);
		return;
	}
	if ((v = json_string_value(json_array_get(a, 0))) != NULL &&
	    (p->parent = sm_get(&cl->ids, v)) == pi)
		p->parent = UINT32_MAX;
	if ((v = json_string_value(json_array_get(a, 1))) != NULL) {
		p->author = account(&cl->acc, v);
		cl->acc.latest[p->author] = pi;
		if (json_is_true(json_array_get(a, 5)))
			cl->acc.official[p->author] = 1;
	}
	p->depth = (uint16_t)json_integer_value(json_array_get(a, 2));
	p->desc = (uint32_t)json_integer_value(json_array_get(a, 3));
	p->height = (uint16_t)json_integer_value(json_array_get(a, 4));
	json_decref(a);
}

/* The candidates read from the state: among the posts again, or, their
 * post not kept, measured now. */
static void
relink_waiting(struct clusterer *cl, struct spread *s)
{
	uint32_t post;
	int k;

	for (k = 0; k < s->nwaiting; k++) {
		struct tip *w = &s->waiting[k];

		if ((post = sm_get(&cl->ids, w->id)) != UINT32_MAX)
			cand_insert(cl, s, post, w->min, w->t);
		else
			tip_keep(s->tip, &s->ntip, measure(s, w->min, w->t, w->id));
		free(w->id);
	}
	free(s->waiting);
	s->waiting = NULL;
	s->nwaiting = 0;
}

/*
 * Hub h's post, if it was kept or stands in for its event's origin (see
 * cs_load): a post not kept is loaded without its counts, which the hub
 * has.
 */
static void
relink_hub(struct clusterer *cl, struct hub *h)
{
	struct post *p;

	if ((h->post = sm_get(&cl->ids, h->id)) == UINT32_MAX)
		return;
	p = &cl->posts[h->post];
	if (p->desc < h->desc)
		p->desc = h->desc;
	if (p->height < h->height)
		p->height = h->height;
	if (p->depth == 0)
		p->depth = h->depth;
	if (p->author == UINT32_MAX && h->author != NULL)
		p->author = account(&cl->acc, h->author);
}

/* After the posts are loaded (and the origins not kept stand in): each
 * hub's post, if it is there; each candidate's. */
void
sp_relink(struct clusterer *cl)
{
	uint32_t i;
	int k;

	for (i = 0; i < cl->nevents; i++) {
		if (cl->events[i].sp == NULL)
			continue;
		for (k = 0; k < cl->events[i].sp->nhub; k++)
			relink_hub(cl, &cl->events[i].sp->hub[k]);
		relink_waiting(cl, cl->events[i].sp);
	}
}
