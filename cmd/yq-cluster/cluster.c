/*
 * cluster.c: single-pass event clustering.
 *
 * Each post, in order, is first checked for being a repeat: a repost of a
 * known post (repost_of, or the text after the last "//@name:" of a Weibo
 * chain) or a near-duplicate by SimHash (a banded index over four 16-bit
 * bands finds the candidates; within --hamming bits is a repeat).  A
 * repeat gets dup_of, the earliest post it repeats, and that post's event.
 * Any other post becomes a TF-IDF vector (document frequencies counted as
 * the stream goes); the events whose centroids share its strongest terms
 * are found through an inverted index, never by a scan of all events; the
 * most similar one still open (last post within --window) takes the post
 * when the cosine reaches --threshold-alone, or --threshold when the post
 * names a place (by its code) that the event's posts name; else the post
 * starts an event.  The same story is told in different words from the
 * place where it happened, while different stories can share words.
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "record.h"
#include "utf8.h"
#include "yq.h"
#include "yqtime.h"

#define PROBE_TERMS 8		/* of a post's terms, used to find events */
#define SCAN_EVENTS 256		/* of a term's events, the latest, compared */
#define MAX_TOKENS 512
#define ATTACH_RECENT 16	/* latest posts looked at by --attach */
#define ATTACH_TERMS 8		/* a post of at most this many terms is short */
#define ATTACH_GAP 3600		/* seconds since the event's last post */
#define MAX_PLACES 32		/* of a post's places, compared with an event's */
#define CONVERGE_PLACE 0.85	/* of --converge, for events naming a place in common */

void
cl_defaults(struct params *p)
{
	memset(p, 0, sizeof *p);
	p->threshold = 0.2;
	p->alone = 0.5;
	p->window = 3 * 86400;
	p->keep = 30 * 86400;
	p->converge = 0.2;
	p->attach = 0.125;
	p->hamming = 3;
	p->centroid_terms = 64;
	p->title_weight = 2;
}

void
cl_init(struct clusterer *cl, const struct params *p, json_t *stop)
{
	memset(cl, 0, sizeof *cl);
	cl->p = *p;
	cl->stop = stop;
	sm_init(&cl->terms);
	sm_init(&cl->ids);
	sp_init(cl);
}

/* ------------------------------------------------------------ tokens */

/* A token worth comparing: a word, not punctuation, a number, a link. */
static int
useful(const struct clusterer *cl, const char *t)
{
	size_t n = strlen(t), chars = utf8_len(t, n);
	uint32_t c;

	if (n == 0 || t[0] == '@' || strncmp(t, "http", 4) == 0 || t[0] == '[')
		return 0;
	utf8_decode(t, n, &c);
	if (!(utf8_is_cjk(c) || (c < 0x80 && (t[0] | 0x20) >= 'a' &&
	    (t[0] | 0x20) <= 'z') || t[0] == '#'))
		return 0;
	if (chars < 2)
		return 0;
	return cl->stop == NULL || json_object_get(cl->stop, t) == NULL;
}

/*
 * The post's tokens, split at a repost chain: own[] before the first
 * "//", orig[] after the last "//@name:" (the reposted text).  Without
 * tokens, character bigrams of title and text stand in.
 */
struct toks {
	const char *own[MAX_TOKENS], *orig[MAX_TOKENS];
	size_t nown, norig, ntitle;
	int chain;
	char *bigrams;		/* storage when made here */
};

static void
bigrams(const char *text, struct toks *tk)
{
	size_t n = strlen(text), i = 0, k1, k2, o = 0;
	uint32_t c1, c2;

	tk->bigrams = xmalloc(n * 3 + 1);
	while (i < n && tk->nown < MAX_TOKENS) {
		k1 = utf8_decode(text + i, n - i, &c1);
		if (k1 == 0) {
			i++;
			continue;
		}
		k2 = utf8_decode(text + i + k1, n - i - k1, &c2);
		if (k2 > 0 && utf8_is_cjk(c1) && utf8_is_cjk(c2)) {
			memcpy(tk->bigrams + o, text + i, k1 + k2);
			tk->own[tk->nown++] = tk->bigrams + o;
			o += k1 + k2;
			tk->bigrams[o++] = '\0';
		}
		i += k1;
	}
}

/* Tokens that spell the title, at the start (yq-seg puts the title first). */
static size_t
title_tokens(json_t *tokens, const char *title)
{
	size_t i, n = 0, pos = 0, tl = strlen(title);

	for (i = 0; i < json_array_size(tokens); i++) {
		const char *t = json_string_value(json_array_get(tokens, i));
		size_t k = t ? strlen(t) : 0;

		while (pos < tl && (title[pos] == ' ' || title[pos] == '\t'))
			pos++;
		if (pos >= tl || t == NULL || strncmp(title + pos, t, k) != 0)
			break;
		pos += k;
		n++;
	}
	return n;
}

static void
get_tokens(const struct clusterer *cl, json_t *obj, struct toks *tk)
{
	json_t *tokens = json_object_get(obj, "tokens");
	const char *title = rec_str(obj, "title");
	size_t i, n, first_chain = SIZE_MAX, last_chain = SIZE_MAX, ntitle = 0;

	memset(tk, 0, sizeof *tk);
	if (!json_is_array(tokens)) {
		char *text = rec_text(obj);

		bigrams(text, tk);
		free(text);
		return;
	}
	n = json_array_size(tokens);
	if (title != NULL)
		ntitle = title_tokens(tokens, title);
	for (i = 0; i + 1 < n; i++) {
		const char *a = json_string_value(json_array_get(tokens, i));
		const char *b = json_string_value(json_array_get(tokens, i + 1));

		if (a && b && strcmp(a, "//") == 0 && b[0] == '@') {
			if (first_chain == SIZE_MAX)
				first_chain = i;
			last_chain = i + 1;
		}
	}
	tk->chain = first_chain != SIZE_MAX;
	for (i = 0; i < n; i++) {
		const char *t = json_string_value(json_array_get(tokens, i));

		if (t == NULL || !useful(cl, t))
			continue;
		if (i < first_chain && tk->nown < MAX_TOKENS) {
			tk->own[tk->nown++] = t;
			if (i < ntitle)
				tk->ntitle = tk->nown;
		} else if (tk->chain && i > last_chain && tk->norig < MAX_TOKENS)
			tk->orig[tk->norig++] = t;
	}
}

/* ------------------------------------------------------------ vectors */

uint32_t
cl_term(struct clusterer *cl, const char *t)
{
	uint32_t id = sm_get(&cl->terms, t);

	if (id != UINT32_MAX)
		return id;
	id = cl->nterms++;
	if (cl->nterms > cl->capterms) {
		cl->capterms = cl->capterms ? cl->capterms * 2 : 4096;
		cl->df = xrealloc(cl->df, cl->capterms * sizeof *cl->df);
		cl->names = xrealloc(cl->names, cl->capterms * sizeof *cl->names);
		cl->inv = xrealloc(cl->inv, cl->capterms * sizeof *cl->inv);
		cl->ninv = xrealloc(cl->ninv, cl->capterms * sizeof *cl->ninv);
		cl->capinv = xrealloc(cl->capinv, cl->capterms * sizeof *cl->capinv);
	}
	cl->df[id] = 0;
	cl->names[id] = xstrdup(t);
	cl->inv[id] = NULL;
	cl->ninv[id] = cl->capinv[id] = 0;
	sm_put(&cl->terms, t, id);
	return id;
}

static int
term_cmp(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Whether term a ranks before b: heavier, then the lower id (a total order). */
static int
heavier(const struct term *a, const struct term *b)
{
	return a->w != b->w ? a->w > b->w : a->id < b->id;
}

/* qsort's form of heavier(): the heaviest first. */
static int
weight_cmp(const void *a, const void *b)
{
	const struct term *x = a, *y = b;

	return heavier(x, y) ? -1 : heavier(y, x);
}

/*
 * Reorder a[0..n) so that its first k terms (0 < k <= n) are the k that
 * rank first by heavier(), a[k-1] the last of them: a
 * quickselect, in place of sorting the lot to keep the head.
 */
static void
select_top(struct term *a, int n, int k)
{
	int lo = 0, hi = n - 1, i, j;
	struct term p, x;

	while (lo < hi) {
		p = a[lo + (hi - lo) / 2];
		i = lo;
		j = hi;
		while (i <= j) {
			while (heavier(&a[i], &p))
				i++;
			while (heavier(&p, &a[j]))
				j--;
			if (i <= j) {
				x = a[i];
				a[i++] = a[j];
				a[j--] = x;
			}
		}
		if (k - 1 <= j)
			hi = j;
		else if (k - 1 >= i)
			lo = i;
		else
			break;
	}
}

/*
 * The L2-normalised TF-IDF vector of tokens, sorted by term id, in v
 * (at most MAX_TOKENS terms); title tokens count title_weight times.
 * Document frequencies are counted here.
 */
static int
vectorise(struct clusterer *cl, const char *const *t, size_t n, size_t ntitle,
    struct term *v)
{
	size_t i;
	int nv = 0, j, k;
	double norm = 0;

	for (i = 0; i < n; i++) {
		uint32_t id = cl_term(cl, t[i]);
		float w = i < ntitle ? cl->p.title_weight : 1;

		for (j = 0; j < nv && v[j].id != id; j++)
			;
		if (j == nv) {
			v[nv].id = id;
			v[nv++].w = 0;
			cl->df[id]++;
		}
		v[j].w += w;
	}
	cl->ndocs++;
	for (k = 0; k < nv; k++) {
		v[k].w *= log((cl->ndocs + 1.0) / (cl->df[v[k].id] + 1.0)) + 1;
		norm += (double)v[k].w * v[k].w;
	}
	norm = sqrt(norm);
	for (k = 0; k < nv && norm > 0; k++)
		v[k].w /= norm;
	qsort(v, nv, sizeof *v, term_cmp);
	return nv;
}

static double
dot(const struct term *a, int na, const struct term *b, int nb)
{
	double s = 0;
	int i = 0, j = 0;

	if (nb > 8 * na) {
		/*
		 * A post against a large centroid: find each of the post's
		 * terms by galloping, then halving, from the last one found.
		 * The same products summed in the same order as the merge.
		 */
		for (; i < na && j < nb; i++) {
			int lo = j, step = 1, hi;

			while (lo + step < nb && b[lo + step].id < a[i].id) {
				lo += step;
				step *= 2;
			}
			hi = lo + step < nb ? lo + step : nb - 1;
			if (b[lo].id >= a[i].id)
				hi = lo;
			while (lo < hi) {
				int mid = lo + (hi - lo) / 2;

				if (b[mid].id < a[i].id)
					lo = mid + 1;
				else
					hi = mid;
			}
			j = lo;
			if (b[j].id == a[i].id)
				s += (double)a[i].w * b[j++].w;
		}
		return s;
	}
	while (i < na && j < nb) {
		if (a[i].id == b[j].id)
			s += (double)a[i++].w * b[j++].w;
		else if (a[i].id < b[j].id)
			i++;
		else
			j++;
	}
	return s;
}

/*
 * The post's weights spread over an array by term, so that comparing it
 * with a centroid is one pass over the centroid without branches: the
 * same products, summed in the same order as dot(), with the terms the
 * post lacks adding an exact 0.
 */
static float *dense;
static uint32_t ndense;

static void
dense_set(const struct term *v, int nv, uint32_t nterms, int on)
{
	int i;

	for (i = 0; i < nv; i++)
		if (v[i].id >= nterms)
			nterms = v[i].id + 1;
	if (nterms > ndense) {
		dense = xrealloc(dense, nterms * sizeof *dense);
		memset(dense + ndense, 0, (nterms - ndense) * sizeof *dense);
		ndense = nterms;
	}
	for (i = 0; i < nv; i++)
		dense[v[i].id] = on ? v[i].w : 0;
}

static double
dot_dense(const struct term *b, int nb)
{
	double s = 0;
	int j;

	for (j = 0; j < nb; j++)
		s += (double)dense[b[j].id] * b[j].w;
	return s;
}

/* ------------------------------------------------------------ events */

/* Drop the closed and merged events from a term's list; its new length. */
static uint32_t
compact(struct clusterer *cl, uint32_t term)
{
	uint32_t *l = cl->inv[term], x, y;
	struct event *e;

	for (x = y = 0; x < cl->ninv[term]; x++) {
		e = &cl->events[l[x]];
		if (e->last >= cl->latest - cl->p.window && e->merged_into == UINT32_MAX)
			l[y++] = l[x];
	}
	return cl->ninv[term] = y;
}

static void
index_term(struct clusterer *cl, uint32_t term, uint32_t ev)
{
	uint32_t *l = cl->inv[term], n = cl->ninv[term];

	if (n > 0 && l[n - 1] == ev)
		return;
	/* A full list sheds its closed events before it grows. */
	if (n == cl->capinv[term] && n >= 1024)
		n = compact(cl, term);
	if (n == cl->capinv[term]) {
		cl->capinv[term] = n ? n * 2 : 4;
		cl->inv[term] = l = xrealloc(l, cl->capinv[term] * sizeof *l);
	}
	l[cl->ninv[term]++] = ev;
}

/* Add v to the event's centroid, keep its strongest terms, index them. */
static void
centroid_add(struct clusterer *cl, uint32_t ei, const struct term *v, int nv)
{
	struct event *e = &cl->events[ei];
	struct term *m = xmalloc((e->nc + nv) * sizeof *m);
	int i = 0, j = 0, n = 0, k;
	double norm = 0;

	while (i < e->nc || j < nv) {
		if (j >= nv || (i < e->nc && e->c[i].id < v[j].id))
			m[n++] = e->c[i++];
		else if (i >= e->nc || v[j].id < e->c[i].id)
			m[n++] = v[j++];
		else {
			m[n] = e->c[i++];
			m[n++].w += v[j++].w;
		}
	}
	if (n > cl->p.centroid_terms) {
		/* The strongest terms, left in term order. */
		static struct term *tmp;
		static int ntmp;
		struct term last;
		int kept = 0;

		if (n > ntmp) {
			ntmp = n * 2;
			tmp = xrealloc(tmp, ntmp * sizeof *tmp);
		}
		memcpy(tmp, m, n * sizeof *m);
		select_top(tmp, n, cl->p.centroid_terms);
		last = tmp[cl->p.centroid_terms - 1];
		for (k = 0; k < n; k++)
			if (!heavier(&last, &m[k]))
				m[kept++] = m[k];
		n = kept;
	}
	for (k = 0; k < n; k++) {
		norm += (double)m[k].w * m[k].w;
		index_term(cl, m[k].id, ei);
	}
	free(e->c);
	e->c = m;
	e->nc = n;
	e->cnorm = sqrt(norm);
}

/* An event's gate: its last post's time t, or above it. */
static void
set_gate(struct clusterer *cl, uint32_t ei, time_t t)
{
	cl->slot[ei].gate = t < 0 ? 0 : t >= (time_t)UINT32_MAX ? UINT32_MAX :
	    (uint32_t)t;
}

uint32_t
cl_alloc_event(struct clusterer *cl, const char *id)
{
	struct event *e;

	if (cl->nevents == cl->capevents) {
		cl->capevents = cl->capevents ? cl->capevents * 2 : 256;
		cl->events = xrealloc(cl->events, cl->capevents * sizeof *cl->events);
		cl->slot = xrealloc(cl->slot, cl->capevents * sizeof *cl->slot);
	}
	cl->slot[cl->nevents].seen = 0;
	cl->slot[cl->nevents].gate = UINT32_MAX;
	e = &cl->events[cl->nevents];
	memset(e, 0, sizeof *e);
	snprintf(e->id, sizeof e->id, "%s", id);
	e->merged_into = UINT32_MAX;
	e->title_sim = -1;
	return cl->nevents++;
}

void
cl_index_event(struct clusterer *cl, uint32_t ei)
{
	struct event *e = &cl->events[ei];
	double norm = 0;
	int k;

	for (k = 0; k < e->nc; k++) {
		norm += (double)e->c[k].w * e->c[k].w;
		index_term(cl, e->c[k].id, ei);
	}
	e->cnorm = sqrt(norm);
}

static uint32_t
new_event(struct clusterer *cl, uint32_t post, const char *postid, time_t t)
{
	struct event *e;
	uint64_t h;
	char id[16];
	uint32_t ei;

	/* The id comes from the first post's id: the same on every run. */
	h = hash64(postid, strlen(postid));
	snprintf(id, sizeof id, "E%012llx", (unsigned long long)(h >> 16));
	ei = cl_alloc_event(cl, id);
	e = &cl->events[ei];
	e->origin = post;
	e->first = e->last = t;
	set_gate(cl, ei, t);
	/* places, bodies and categories: made on their first key. */
	e->sources = json_object();
	return ei;
}

/* The event ei was merged into, or ei. */
static uint32_t
final_of(const struct clusterer *cl, uint32_t ei)
{
	while (cl->events[ei].merged_into != UINT32_MAX)
		ei = cl->events[ei].merged_into;
	return ei;
}

uint32_t
cl_final(const struct clusterer *cl, uint32_t ei)
{
	return final_of(cl, ei);
}

/*
 * Whether post pi is forgotten (settling): two windows older than the
 * newest post, or of a settled event.
 */
static int
forgotten(const struct clusterer *cl, uint32_t pi)
{
	return cl->settling && (cl->posts[pi].t < cl->latest - 2 * cl->p.window ||
	    cl->events[final_of(cl, cl->posts[pi].event)].done);
}

/* Whether the set of places (keys) shares a key with the post's list. */
static int
shares_place(json_t *set, const char *const *keys, int nkeys)
{
	int k;

	for (k = 0; k < nkeys; k++)
		if (json_object_get(set, keys[k]) != NULL)
			return 1;
	return 0;
}

/* No bound on when a candidate event began. */
#define ANY_TIME ((time_t)LONG_MIN)

/*
 * The open event most similar to v, or UINT32_MAX.  With a gate (the
 * places of what is compared, keys[0..nkeys)), only an event that can
 * take it counts: cosine at least hi, or at least lo and a place in
 * common.  Only events of index below before count, and that began at
 * born or later (converging: an earlier event, begun within a window).
 */
static uint32_t
best_event(struct clusterer *cl, const struct term *v, int nv, time_t t,
    double *sim, const char *const *keys, int nkeys, uint32_t before,
    time_t born, double lo, double hi)
{
	struct term probe[MAX_TOKENS];
	uint32_t best = UINT32_MAX, ei, cand[SCAN_EVENTS], nc, c, stamp, g;
	int k, np;
	uint32_t x, y;

	if ((stamp = ++cl->stamp) == 0) {
		for (x = 0; x < cl->nevents; x++)
			cl->slot[x].seen = 0;
		stamp = cl->stamp = 1;
	}
	*sim = 0;
	dense_set(v, nv, cl->nterms, 1);
	/* The strongest terms (their order does not matter: see below). */
	memcpy(probe, v, nv * sizeof *v);
	np = nv < PROBE_TERMS ? nv : PROBE_TERMS;
	if (nv > np)
		select_top(probe, nv, np);
	for (k = 0; k < np; k++) {
		uint32_t term = probe[k].id, *l = cl->inv[term];

		/*
		 * The latest SCAN_EVENTS events of the term: a common word
		 * is in thousands of centroids, and comparing with all of
		 * them would make the cost grow with the square of the posts.
		 */
		y = cl->ninv[term] > SCAN_EVENTS ? cl->ninv[term] - SCAN_EVENTS : 0;
		/*
		 * First the events to compare, each asked of memory as it
		 * is found; then the comparisons, each event's centroid
		 * asked two ahead: the cache misses overlap.  An event is
		 * in a list once for each post that changed its centroid:
		 * the stamps (4 bytes an event) rule the repeats out, the
		 * gates the closed events, before the event is read.
		 */
		for (x = cl->ninv[term], nc = 0; x-- > y;) {
			ei = l[x];
			if (cl->slot[ei].seen == stamp)
				continue;
			cl->slot[ei].seen = stamp;
			if ((g = cl->slot[ei].gate) != UINT32_MAX &&
			    (time_t)g < t - cl->p.window)
				continue;
			__builtin_prefetch(&cl->events[ei]);
			cand[nc++] = ei;
		}
		for (c = 0; c < nc; c++) {
			struct event *e;
			double s;

			if (c + 2 < nc)
				__builtin_prefetch(cl->events[cand[c + 2]].c);
			ei = cand[c];
			e = &cl->events[ei];
			if (e->last < t - cl->p.window || e->merged_into != UINT32_MAX ||
			    ei >= before || e->done || e->first < born)
				continue;
			s = e->cnorm <= 0 ? 0 : (e->nc > 8 * nv ? dot(v, nv, e->c, e->nc) :
			    dot_dense(e->c, e->nc)) / e->cnorm;
			if (keys != NULL && s < hi && (s < lo ||
			    !shares_place(e->places, keys, nkeys)))
				continue;
			/* The highest cosine, then the lowest index: the
			 * same whatever the order events are met in. */
			if (s > *sim || (s == *sim && best != UINT32_MAX && ei < best)) {
				*sim = s;
				best = ei;
			}
		}
	}
	dense_set(v, nv, cl->nterms, 0);
	return best;
}

/*
 * For --attach: the event that holds the stream now, or UINT32_MAX.  Of
 * the latest ATTACH_RECENT posts before post pi, the event with the most
 * (the earlier event on a tie), if it has at least the --attach share of
 * them and took a post within ATTACH_GAP seconds of t.  None when one of
 * those posts came with repost_of: a stream that carries its links has
 * linked its comments already, and a short post without one there is an
 * original of its own.
 */
static uint32_t
dominant_event(const struct clusterer *cl, uint32_t pi, time_t t)
{
	uint32_t ev[ATTACH_RECENT], best = UINT32_MAX, q;
	int cnt[ATTACH_RECENT], n = 0, j, top = 0, brief = 0, seen = 0;

	/* The forgotten posts (of settled events) do not count. */
	for (q = pi; q-- > 0 && seen < ATTACH_RECENT;) {
		uint32_t ei = final_of(cl, cl->posts[q].event);

		if (forgotten(cl, q))
			continue;
		seen++;
		if (cl->posts[q].linked)
			return UINT32_MAX;
		brief += cl->posts[q].brief;
		for (j = 0; j < n && ev[j] != ei; j++)
			;
		if (j == n) {
			ev[n] = ei;
			cnt[n++] = 0;
		}
		if (++cnt[j] > top || (cnt[j] == top && ei < best)) {
			top = cnt[j];
			best = ei;
		}
	}
	if (best == UINT32_MAX || top < cl->p.attach * ATTACH_RECENT ||
	    brief * 2 < seen ||
	    cl->events[best].last < t - ATTACH_GAP)
		return UINT32_MAX;
	return best;
}

/* ------------------------------------------------------------ repeats */

/* The two 16-bit lanes of h after band b's, as one word. */
static uint32_t
band_rest(uint64_t h, int b)
{
	return (uint32_t)(((h >> 16 * ((b + 1) & 3)) & 0xffff) |
	    ((h >> 16 * ((b + 2) & 3)) & 0xffff) << 16);
}

void
cl_band_add(struct clusterer *cl, uint64_t h, uint32_t post)
{
	int b;

	for (b = 0; b < 4; b++) {
		uint16_t key = (uint16_t)(h >> (16 * b));

		if (cl->nband[b][key] == cl->capband[b][key]) {
			if (cl->capband[b][key] == 65535)
				continue;	/* a saturated band bucket stays as it is */
			cl->capband[b][key] = cl->capband[b][key] ?
			    (cl->capband[b][key] > 32767 ? 65535 : cl->capband[b][key] * 2) : 4;
			cl->band[b][key] = xrealloc(cl->band[b][key],
			    cl->capband[b][key] * sizeof **cl->band);
		}
		cl->band[b][key][cl->nband[b][key]].post = post;
		cl->band[b][key][cl->nband[b][key]++].rest = band_rest(h, b);
	}
}

/* The earliest open post within --hamming bits of h, or UINT32_MAX. */
static uint32_t
near_dup(struct clusterer *cl, uint64_t h, time_t t)
{
	uint32_t best = UINT32_MAX, i, p, rest;
	int b;

	for (b = 0; b < 4; b++) {
		uint16_t key = (uint16_t)(h >> (16 * b));
		const struct bandent *l = cl->band[b][key];

		rest = band_rest(h, b);
		for (i = 0; i < cl->nband[b][key]; i++) {
			/* Half the other bits already too far: not a repeat. */
			if (__builtin_popcount(l[i].rest ^ rest) > cl->p.hamming)
				continue;
			p = l[i].post;
			if (cl->posts[p].t < t - cl->p.window)
				continue;
			if (hamming(cl->posts[p].simhash, h) <= cl->p.hamming &&
			    (best == UINT32_MAX || p < best) && !forgotten(cl, p))
				best = p;
		}
	}
	return best == UINT32_MAX ? best : cl->posts[best].root;
}

/* ------------------------------------------------------------ stats */

static void
set_add(json_t **set, const char *key, json_t *val)
{
	if (key == NULL || json_object_get(*set, key) != NULL)
		return;
	/* Most events name no body, many no place: no empty objects. */
	if (*set == NULL)
		*set = json_object();
	json_object_set(*set, key, val);
}

/*
 * An event's hourly counts past a month and a day: the hours its record's
 * timeline no longer shows (it ends at the last hour and goes back 30
 * days) and the warning does not read (the 25 hours before --now) go, or
 * an event told for months would keep thousands.
 */
#define HOURS_KEPT (31 * 24)
static void
prune_hours(const struct clusterer *cl, struct event *e)
{
	int32_t cut;
	time_t hs;
	uint32_t i, n;

	if (e->nhours <= HOURS_KEPT + 24)
		return;
	cut = e->hours[e->nhours - 1].t - 30 * 24;
	for (i = n = 0; i < e->nhours; i++) {
		hs = CL_HOUR_START(e->hours[i].t);
		if (e->hours[i].t >= cut || (cl->p.now_set &&
		    hs > cl->p.now - 26 * 3600 && hs <= cl->p.now))
			e->hours[n++] = e->hours[i];
	}
	/* The timeline still begins 30 days before its end, as with the
	 * hours gone: an hour of no posts there says so. */
	if (n < e->nhours) {
		e->nhours = n;
		cl_hours_add(e, cut, 0);
	}
}

int32_t
cl_hour(time_t t)
{
	return (int32_t)(t >= 0 ? t / 3600 : -((-t + 3599) / 3600));
}

uint32_t
tcount_find(const struct tcount *v, uint32_t nv, int32_t t)
{
	uint32_t lo = 0, hi = nv, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].t < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
tcount_add(struct tcount **v, uint32_t *nv, uint32_t *cap, int32_t t,
    uint32_t n)
{
	uint32_t i;

	/* Counts come in time order, mostly: the last entry first. */
	if (*nv > 0 && (*v)[*nv - 1].t == t) {
		(*v)[*nv - 1].n += n;
		return;
	}
	i = *nv == 0 || (*v)[*nv - 1].t < t ? *nv : tcount_find(*v, *nv, t);
	if (i < *nv && (*v)[i].t == t) {
		(*v)[i].n += n;
		return;
	}
	if (*nv == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		*v = xrealloc(*v, *cap * sizeof **v);
	}
	memmove(*v + i + 1, *v + i, (*nv - i) * sizeof **v);
	(*v)[i].t = t;
	(*v)[i].n = n;
	(*nv)++;
}

void
cl_hours_add(struct event *e, int32_t h, uint32_t n)
{
	tcount_add(&e->hours, &e->nhours, &e->caphours, h, n);
}

static void
add_stats(struct clusterer *cl, struct event *e, json_t *obj, time_t t)
{
	json_t *x, *s;
	const char *src = rec_str(obj, "source");
	size_t i;

	e->nposts++;
	e->touched |= TOUCH_NEW;
	if (t < e->first)
		e->first = t;
	if (t > e->last)
		set_gate(cl, (uint32_t)(e - cl->events), e->last = t);
	set_add(&e->sources, src ? src : rec_str(obj, "platform"), json_true());
	json_array_foreach(json_object_get(obj, "places"), i, x) {
		const char *k = rec_str(x, "code") ? rec_str(x, "code") : rec_str(x, "name");

		set_add(&e->places, k, x);
	}
	json_array_foreach(json_object_get(obj, "bodies"), i, x)
		set_add(&e->bodies, rec_str(x, "name"), x);
	json_array_foreach(json_object_get(obj, "categories"), i, x)
		set_add(&e->categories, json_string_value(x), json_true());
	e->heat += rec_num(obj, "heat", 0);
	if (rec_num(obj, "risk", 0) > e->risk)
		e->risk = rec_num(obj, "risk", 0);
	s = json_object_get(obj, "sentiment");
	if (json_is_object(s) && json_is_number(json_object_get(s, "score"))) {
		e->sent_sum += json_number_value(json_object_get(s, "score"));
		e->sent_n++;
		if (rec_str(s, "label") && strcmp(rec_str(s, "label"), "negative") == 0)
			e->sent_neg++;
	}
	cl_hours_add(e, cl_hour(t), 1);
	prune_hours(cl, e);
}

/*
 * The event's title: a headline when a post has one (news and government
 * posts), the most central such post's; else the most central post's text,
 * its first line or sentence.
 */
static void
consider_title(struct event *e, json_t *obj, double sim)
{
	const char *t = rec_str(obj, "title");
	char *s;
	size_t n, cut = 0, k;
	uint32_t c;

	if (t != NULL && *t != '\0')
		sim += 1;
	if (sim <= e->title_sim)
		return;
	if (t == NULL || *t == '\0')
		t = rec_str(obj, "text");
	if (t == NULL)
		return;
	/* At most 40 characters, to the end of the first line or sentence. */
	n = strlen(t);
	for (k = 0; cut < n && k < 40; k++) {
		size_t l = utf8_decode(t + cut, n - cut, &c);

		if (l == 0 || c == '\n' || c == 0x3002 || c == 0xff01 || c == 0xff1f)
			break;
		cut += l;
	}
	s = xstrndup(t, cut);
	free(e->title);
	e->title = s;
	e->title_sim = sim;
}

/* ------------------------------------------------------------ a post */

/* The keys of the places a post names (as add_stats keys them). */
static int
post_places(json_t *obj, const char **keys, int max)
{
	json_t *x;
	size_t i;
	int n = 0;

	json_array_foreach(json_object_get(obj, "places"), i, x) {
		const char *k = rec_str(x, "code") ? rec_str(x, "code") : rec_str(x, "name");

		if (k != NULL && n < max)
			keys[n++] = k;
	}
	return n;
}

/* The place codes of a set of an event's (its places), at most max. */
static int
set_places(json_t *set, const char **keys, int max)
{
	const char *key;
	json_t *val;
	int n = 0;

	json_object_foreach(set, key, val)
		if (n < max)
			keys[n++] = key;
	return n;
}

uint32_t
cl_new_post(struct clusterer *cl, const char *id, time_t t)
{
	struct post *p;

	if (cl->nposts == cl->capposts) {
		cl->capposts = cl->capposts ? cl->capposts * 2 : 4096;
		cl->posts = xrealloc(cl->posts, cl->capposts * sizeof *cl->posts);
	}
	p = &cl->posts[cl->nposts];
	memset(p, 0, sizeof *p);
	p->t = t;
	p->root = cl->nposts;
	p->parent = p->author = UINT32_MAX;
	p->id = sm_put(&cl->ids, id, cl->nposts);
	return cl->nposts++;
}

/*
 * The event of the post a comment answers (reply_to, yq-fetch's
 * platform exports), or UINT32_MAX when it names none seen.
 */
static uint32_t
replied(struct clusterer *cl, json_t *obj, uint32_t pi)
{
	const char *to = rec_str(obj, "reply_to");
	uint32_t qi;

	if (to == NULL || (qi = sm_get(&cl->ids, to)) == UINT32_MAX ||
	    qi == pi || forgotten(cl, qi))
		return UINT32_MAX;
	return final_of(cl, cl->posts[qi].event);
}

/*
 * The time of the post: the one the tools after this one check
 * (rec_published), or for a post with none at all when it was fetched.
 * 0, or -1 with *why.
 */
static int
post_time(const struct clusterer *cl, json_t *obj, time_t *t, const char **why)
{
	const char *ts;
	struct yqt yt;
	int r;

	if ((r = rec_published(obj, cl->p.now, &yt)) == -2) {
		*why = REC_BAD_TIME;
		return -1;
	}
	ts = r == 0 ? NULL : rec_str(obj, "fetched_at");
	if (r != 0)
		yt.t = ts != NULL && yqt_parse(ts, cl->p.now, &yt) == 0 ? yt.t : cl->p.now;
	*t = yt.t;
	return 0;
}

/* The same post again (a crawl overlap, post pi): its first copy's place. */
static void
seen_again(struct clusterer *cl, json_t *obj, uint32_t pi)
{
	uint32_t ei = final_of(cl, cl->posts[pi].event);

	if (cl->posts[pi].root != pi)
		json_object_set_new(obj, "dup_of",
		    json_string(cl->posts[cl->posts[pi].root].id));
	json_object_set_new(obj, "event_id", json_string(cl->events[ei].id));
	cl->events[ei].touched |= TOUCH_AGAIN;
	cl->placed = ei;
}

/*
 * The original new post pi repeats: the post repost_of names, else a
 * near duplicate of the text it quotes (a //@ chain) or of its own; or
 * UINT32_MAX.
 */
static uint32_t
source_of(struct clusterer *cl, json_t *obj, uint32_t pi, time_t t,
    const struct toks *tk)
{
	const char *parent = rec_str(obj, "repost_of");
	uint32_t src = UINT32_MAX;

	cl->posts[pi].linked = parent != NULL;
	if (parent != NULL && (src = sm_get(&cl->ids, parent)) == pi)
		src = UINT32_MAX;	/* its own parent: no earlier post */
	if (src != UINT32_MAX && forgotten(cl, src))
		src = UINT32_MAX;
	if (src != UINT32_MAX)
		return cl->posts[src].root;
	if (tk->chain && tk->norig > 0) {
		cl->posts[pi].simhash = simhash(tk->orig, tk->norig);
		src = near_dup(cl, cl->posts[pi].simhash, t);
	}
	if (src == UINT32_MAX && !tk->chain && tk->nown > 0) {
		cl->posts[pi].simhash = simhash(tk->own, tk->nown);
		src = near_dup(cl, cl->posts[pi].simhash, t);
	}
	return src;
}

/* An original post pi: the event it joins, or a new one; its index. */
static uint32_t
place_original(struct clusterer *cl, json_t *obj, uint32_t pi, time_t t,
    const struct toks *tk)
{
	const char *const *words = tk->chain && tk->norig > 0 ? tk->orig : tk->own;
	size_t nw = tk->chain && tk->norig > 0 ? tk->norig : tk->nown;
	struct term v[MAX_TOKENS];
	const char *keys[MAX_PLACES];
	double sim = 0;
	uint32_t ei;
	int nv, nkeys;

	cl_band_add(cl, cl->posts[pi].simhash, pi);
	cl->posts[pi].banded = 1;
	nv = vectorise(cl, words, nw, tk->chain ? 0 : tk->ntitle, v);
	nkeys = post_places(obj, keys, MAX_PLACES);
	ei = nv > 0 ? best_event(cl, v, nv, t, &sim, keys, nkeys, UINT32_MAX,
	    ANY_TIME, cl->p.threshold, cl->p.alone) : UINT32_MAX;
	cl->posts[pi].brief = nv <= ATTACH_TERMS;
	if (ei == UINT32_MAX && cl->p.attach > 0 && cl->posts[pi].brief)
		ei = dominant_event(cl, pi, t);
	if (ei == UINT32_MAX) {
		ei = new_event(cl, pi, rec_str(obj, "id"), t);
		sim = 1;
	}
	cl->posts[pi].event = ei;
	centroid_add(cl, ei, v, nv);
	consider_title(&cl->events[ei], obj, sim);
	return ei;
}

int
cl_add(struct clusterer *cl, json_t *obj, const char **why)
{
	const char *id = rec_str(obj, "id");
	uint32_t pi, src, ei, ri;
	struct toks tk;
	time_t t;

	if (id == NULL || *id == '\0') {
		*why = "a post without an id";
		return -1;
	}
	if (post_time(cl, obj, &t, why) < 0)
		return -1;
	if (t > cl->latest)
		cl->latest = t;
	if ((pi = sm_get(&cl->ids, id)) != UINT32_MAX && !forgotten(cl, pi)) {
		seen_again(cl, obj, pi);
		return 0;
	}
	get_tokens(cl, obj, &tk);
	pi = cl_new_post(cl, id, t);
	src = source_of(cl, obj, pi, t, &tk);
	if (src == UINT32_MAX && (ri = replied(cl, obj, pi)) != UINT32_MAX) {
		/* A comment: in the event of what it answers, no copy of it. */
		cl->posts[pi].event = ei = ri;
	} else if (src != UINT32_MAX) {
		/* A repeat: the event of what it repeats. */
		cl->posts[pi].root = src;
		cl->posts[pi].event = ei = final_of(cl, cl->posts[src].event);
		json_object_set_new(obj, "dup_of", json_string(cl->posts[src].id));
	} else
		ei = place_original(cl, obj, pi, t, &tk);
	add_stats(cl, &cl->events[ei], obj, t);
	sp_add(cl, pi, ei, obj);
	json_object_set_new(obj, "event_id", json_string(cl->events[ei].id));
	cl->placed = ei;
	free(tk.bigrams);
	return 0;
}

/* ------------------------------------------------------------ output */

static json_t *
set_keys(json_t *set)
{
	json_t *a = json_array();
	const char *k;
	json_t *v;

	json_object_foreach(set, k, v)
		json_array_append_new(a, json_string(k));
	return a;
}

static json_t *
set_values(json_t *set)
{
	json_t *a = json_array();
	const char *k;
	json_t *v;

	json_object_foreach(set, k, v)
		json_array_append(a, v);
	return a;
}

static json_t *
keywords(const struct clusterer *cl, const struct event *e)
{
	struct term *t = xmalloc((e->nc + 1) * sizeof *t);
	json_t *a = json_array();
	int i;

	/* A merged event's centroid is gone (release). */
	if (e->nc > 0) {
		memcpy(t, e->c, e->nc * sizeof *t);
		qsort(t, e->nc, sizeof *t, weight_cmp);
	}
	for (i = 0; i < e->nc && i < 8; i++)
		json_array_append_new(a, json_pack("[s f]", cl->names[t[i].id],
		    round(t[i].w / (e->cnorm > 0 ? e->cnorm : 1) * 10000) / 10000));
	free(t);
	return a;
}

/* Posts per hour from the first hour to the last, empty hours as 0. */
static json_t *
timeline(const struct event *e)
{
	json_t *a = json_array();
	int32_t h, lo, hi;
	uint32_t i = 0, n;
	char buf[YQT_BUFSZ];
	struct yqt t;

	if (e->nhours == 0)
		return a;
	lo = e->hours[0].t;
	hi = e->hours[e->nhours - 1].t;
	/* A long-lived event lists its last 30 days. */
	if (hi - lo > 30 * 24)
		lo = hi - 30 * 24;
	for (h = lo; h <= hi; h++) {
		while (i < e->nhours && e->hours[i].t < h)
			i++;
		n = i < e->nhours && e->hours[i].t == h ? e->hours[i].n : 0;
		t.t = CL_HOUR_START(h);
		t.off = YQT_DEFAULT_OFFSET;
		json_array_append_new(a, json_pack("[s i]", yqt_format(t, buf), (int)n));
	}
	return a;
}

json_t *
cl_event_record(struct clusterer *cl, uint32_t i)
{
	struct event *e = &cl->events[i];
	char a[YQT_BUFSZ], b[YQT_BUFSZ];
	struct yqt t1 = { e->first, YQT_DEFAULT_OFFSET }, t2 = { e->last, YQT_DEFAULT_OFFSET };
	double growth;
	const char *level;
	time_t now = cl->p.now_set ? cl->p.now : e->last;

	level = warn_level(&cl->p, e, now, &growth);
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:s, s:i, s:s, s:i, s:f, s:f,"
	    " s:{s:f, s:f}, s:o, s:o, s:o, s:o, s:s, s:o}",
	    "kind", "event", "event_id", e->id, "title", e->title ? e->title : "",
	    "keywords", keywords(cl, e),
	    "first_seen", yqt_format(t1, a), "last_seen", yqt_format(t2, b),
	    "posts", (int)e->nposts, "origin", cl->posts[e->origin].id,
	    "sources", (int)json_object_size(e->sources),
	    "heat", round(e->heat * 100) / 100, "risk", round(e->risk * 100) / 100,
	    "sentiment", "mean", e->sent_n ? round(e->sent_sum / e->sent_n * 1000) / 1000 : 0.0,
	    "negative_share", e->sent_n ? round((double)e->sent_neg / e->sent_n * 1000) / 1000 : 0.0,
	    "places", set_values(e->places), "bodies", set_values(e->bodies),
	    "categories", set_keys(e->categories), "timeline", timeline(e),
	    "warning", level, "spread", sp_record(cl, e));
}

/* An event's centroid, sets and title, once it is merged or settled. */
static void
release(struct event *e)
{
	free(e->c);
	free(e->title);
	json_decref(e->sources);
	json_decref(e->places);
	json_decref(e->bodies);
	json_decref(e->categories);
	free(e->hours);
	e->c = NULL;
	e->nc = 0;
	e->cnorm = 0;
	e->title = NULL;
	e->sources = e->places = e->bodies = e->categories = NULL;
	e->hours = NULL;
	e->nhours = e->caphours = 0;
	sp_release(e);
}

void
cl_free(struct clusterer *cl)
{
	uint32_t i;
	int b, k;

	for (i = 0; i < cl->nevents; i++)
		release(&cl->events[i]);
	free(cl->events);
	free(cl->slot);
	for (i = 0; i < cl->nterms; i++) {
		free(cl->names[i]);
		free(cl->inv[i]);
	}
	free(cl->names);
	free(cl->inv);
	free(cl->ninv);
	free(cl->capinv);
	free(cl->df);
	free(cl->posts);
	for (b = 0; b < 4; b++)
		for (k = 0; k < 65536; k++)
			free(cl->band[b][k]);
	sm_free(&cl->terms);
	sm_free(&cl->ids);
	sp_done(cl);
	for (i = 0; i < cl->nheld; i++) {
		free(cl->held[i].line);
		json_decref(cl->held[i].obj);
	}
	free(cl->held);
}

/* ------------------------------------------------------------ merge */

static void
sets_union(json_t **into, json_t *from)
{
	const char *k;
	json_t *v;

	json_object_foreach(from, k, v)
		set_add(into, k, v);
}

/* A shard event's centroid in m's term ids, sorted; its length. */
static int
remap(struct clusterer *m, const struct clusterer *sh, const struct event *se,
    struct term *v)
{
	int k;

	for (k = 0; k < se->nc; k++) {
		v[k].id = cl_term(m, sh->names[se->c[k].id]);
		v[k].w = se->c[k].w;
	}
	qsort(v, se->nc, sizeof *v, term_cmp);
	return se->nc;
}

/* Fold shard event se into m's event ei. */
static void
fold(struct clusterer *m, uint32_t ei, const struct clusterer *sh,
    const struct event *se, const struct term *v, int nv)
{
	struct event *e;
	uint32_t k;

	sp_merge(m, ei, sh, se);
	centroid_add(m, ei, v, nv);
	e = &m->events[ei];
	if (se->first < e->first) {
		e->first = se->first;
		e->origin = sm_get(&m->ids, sh->posts[se->origin].id);
	}
	if (se->last > e->last)
		set_gate(m, ei, e->last = se->last);
	e->nposts += se->nposts;
	if (se->title && se->title_sim > e->title_sim) {
		free(e->title);
		e->title = xstrdup(se->title);
		e->title_sim = se->title_sim;
	}
	sets_union(&e->sources, se->sources);
	sets_union(&e->places, se->places);
	sets_union(&e->bodies, se->bodies);
	sets_union(&e->categories, se->categories);
	for (k = 0; k < se->nhours; k++)
		cl_hours_add(e, se->hours[k].t, se->hours[k].n);
	prune_hours(m, e);
	e->heat += se->heat;
	if (se->risk > e->risk)
		e->risk = se->risk;
	e->sent_sum += se->sent_sum;
	e->sent_n += se->sent_n;
	e->sent_neg += se->sent_neg;
	e->touched |= TOUCH_NEW;
}

/* A copy of shard event se as a new event of m. */
static uint32_t
adopt(struct clusterer *m, const struct clusterer *sh, const struct event *se,
    const struct term *v, int nv)
{
	uint32_t ei = cl_alloc_event(m, se->id);
	struct event *e;

	sp_merge(m, ei, sh, se);
	e = &m->events[ei];

	e->origin = sm_get(&m->ids, sh->posts[se->origin].id);
	e->first = se->first;
	e->last = se->last;
	e->nposts = se->nposts;
	e->title = se->title ? xstrdup(se->title) : NULL;
	e->title_sim = se->title_sim;
	e->sources = json_deep_copy(se->sources);
	e->places = json_deep_copy(se->places);
	e->bodies = json_deep_copy(se->bodies);
	e->categories = json_deep_copy(se->categories);
	if ((e->nhours = e->caphours = se->nhours) > 0) {
		e->hours = xmalloc(se->nhours * sizeof *e->hours);
		memcpy(e->hours, se->hours, se->nhours * sizeof *e->hours);
	}
	e->heat = se->heat;
	e->risk = se->risk;
	e->sent_sum = se->sent_sum;
	e->sent_n = se->sent_n;
	e->sent_neg = se->sent_neg;
	e->touched |= TOUCH_NEW;
	centroid_add(m, ei, v, nv);
	return ei;
}

static int
first_cmp(const void *a, const void *b)
{
	const struct event *x = *(const struct event *const *)a;
	const struct event *y = *(const struct event *const *)b;

	if (x->first != y->first)
		return (x->first > y->first) - (x->first < y->first);
	return strcmp(x->id, y->id);
}

/* Copy the shard's posts that m does not know, with their events mapped. */
static void
adopt_posts(struct clusterer *m, const struct clusterer *sh)
{
	uint32_t i, pi, root;
	const struct post *sp;

	for (i = 0; i < sh->nposts; i++) {
		sp = &sh->posts[i];
		if (sm_get(&m->ids, sp->id) != UINT32_MAX)
			continue;
		pi = cl_new_post(m, sp->id, sp->t);
		m->posts[pi].simhash = sp->simhash;
		root = sm_get(&m->ids, sh->posts[sp->root].id);
		m->posts[pi].root = root != UINT32_MAX ? root : pi;
		m->posts[pi].linked = sp->linked;
		m->posts[pi].brief = sp->brief;
		if (sp->banded) {
			m->posts[pi].banded = 1;
			cl_band_add(m, sp->simhash, pi);
		}
	}
}

int
cl_merge(struct clusterer *m, struct clusterer *const *shards, int n,
    json_t *aliases)
{
	struct event **all = NULL;
	struct term v[256], unit[256];
	double norm;
	size_t na = 0, i;
	uint32_t k, ei;
	json_t *map = json_object();	/* shard event id -> m's event id, m's index */
	const char *keys[MAX_PLACES];
	double sim;
	int s, nv, nkeys;

	for (s = 0; s < n; s++) {
		for (k = 0; k < shards[s]->nterms; k++) {
			uint32_t id = cl_term(m, shards[s]->names[k]);

			m->df[id] += shards[s]->df[k];
		}
		m->ndocs += shards[s]->ndocs;
		all = xrealloc(all, (na + shards[s]->nevents) * sizeof *all);
		for (k = 0; k < shards[s]->nevents; k++)
			all[na++] = &shards[s]->events[k];
	}
	if (na > 1)
		qsort(all, na, sizeof *all, first_cmp);
	/* Posts first, so that origins resolve; their events are set below. */
	for (s = 0; s < n; s++)
		adopt_posts(m, shards[s]);
	for (i = 0; i < na; i++) {
		const struct clusterer *sh = NULL;

		for (s = 0; s < n && sh == NULL; s++)
			if (all[i] >= shards[s]->events &&
			    all[i] < shards[s]->events + shards[s]->nevents)
				sh = shards[s];
		nv = remap(m, sh, all[i], v);
		for (norm = 0, k = 0; k < (uint32_t)nv; k++)
			norm += (double)v[k].w * v[k].w;
		for (norm = sqrt(norm), k = 0; k < (uint32_t)nv; k++) {
			unit[k] = v[k];
			unit[k].w = norm > 0 ? v[k].w / norm : 0;
		}
		nkeys = set_places(all[i]->places, keys, MAX_PLACES);
		ei = nv > 0 ? best_event(m, unit, nv, all[i]->first, &sim, keys, nkeys,
		    UINT32_MAX, ANY_TIME, m->p.threshold, m->p.alone) :
		    UINT32_MAX;
		if (ei != UINT32_MAX) {
			json_t *l = json_object_get(aliases, m->events[ei].id);

			if (l == NULL)
				json_object_set_new(aliases, m->events[ei].id, l = json_array());
			json_array_append_new(l, json_string(all[i]->id));
			fold(m, ei, sh, all[i], v, nv);
		} else
			ei = adopt(m, sh, all[i], v, nv);
		json_object_set_new(map, all[i]->id, json_integer(ei));
	}
	/* Now every post's event. */
	for (s = 0; s < n; s++)
		for (k = 0; k < shards[s]->nposts; k++) {
			const struct post *sp = &shards[s]->posts[k];
			uint32_t pi = sm_get(&m->ids, sp->id);
			json_t *e = json_object_get(map, shards[s]->events[sp->event].id);

			if (pi != UINT32_MAX && e != NULL)
				m->posts[pi].event = (uint32_t)json_integer_value(e);
		}
	for (k = 0; k < m->nevents; k++)
		if (m->events[k].origin == UINT32_MAX)
			m->events[k].origin = 0;
	free(all);
	json_decref(map);
	return 0;
}

/* ------------------------------------------------------------ converge */

/* Event i joins the most similar earlier open event, if one is close. */
static void
converge_one(struct clusterer *cl, uint32_t i, double threshold, json_t *aliases)
{
	struct term unit[256], *copy;
	struct event *e = &cl->events[i];
	const char *keys[MAX_PLACES];
	json_t *l, *mine;
	double norm, sim;
	int k, n, nkeys;
	uint32_t j;

	if (e->converged)
		return;
	e->converged = 1;
	if (e->merged_into != UINT32_MAX || !(e->touched & TOUCH_NEW) || e->nc == 0 ||
	    e->done)
		return;
	n = e->nc < 256 ? e->nc : 256;
	for (norm = 0, k = 0; k < n; k++)
		norm += (double)e->c[k].w * e->c[k].w;
	for (norm = sqrt(norm), k = 0; k < n; k++) {
		unit[k] = e->c[k];
		unit[k].w = norm > 0 ? e->c[k].w / norm : 0;
	}
	/* Not itself: marked merged while the others are compared. */
	e->merged_into = i;
	nkeys = set_places(e->places, keys, MAX_PLACES);
	/*
	 * Converging joins the fragments a story split into as it began: an
	 * event that began more than a window before this one is another
	 * story, whatever straggling repost kept it open (the dev set's
	 * stories had parts joined fifteen months apart).
	 */
	j = best_event(cl, unit, n, e->first, &sim, keys, nkeys, i,
	    e->first - cl->p.window, threshold * CONVERGE_PLACE, threshold);
	e = &cl->events[i];
	e->merged_into = UINT32_MAX;
	if (j == UINT32_MAX)
		return;
	/* The later event joins the earlier, which keeps its id. */
	copy = xmalloc((size_t)n * sizeof *copy);
	memcpy(copy, e->c, (size_t)n * sizeof *copy);
	fold(cl, j, cl, e, copy, n);
	free(copy);
	e = &cl->events[i];
	e->merged_into = j;
	/* All it held is j's now (a merged event is neither written nor
	 * saved). */
	release(e);
	if (aliases == NULL)
		return;
	if ((l = json_object_get(aliases, cl->events[j].id)) == NULL)
		json_object_set_new(aliases, cl->events[j].id, l = json_array());
	json_array_append_new(l, json_string(e->id));
	if ((mine = json_object_get(aliases, e->id)) != NULL) {
		json_array_extend(l, mine);
		json_object_del(aliases, e->id);
	}
}

void
cl_converge(struct clusterer *cl, double threshold, json_t *aliases)
{
	uint32_t i;

	for (i = 0; i < cl->nevents; i++)
		converge_one(cl, i, threshold, aliases);
}

/* ------------------------------------------------------------ settling */

/*
 * A term's list keeps the entries of the events kept (enew: each event's
 * index after the move, or UINT32_MAX; ne kept), and of the entries older
 * than the latest SCAN_EVENTS (which best_event reads) only each event's
 * latest: an event is in it once for every post that changed its
 * centroid, in a long-lived event thousands of times.  A list much
 * shorter than its room shrinks.
 */
static void
compact_terms(struct clusterer *cl, const uint32_t *enew, uint32_t ne)
{
	uint32_t *last = xmalloc((ne + 1) * sizeof *last), term, x, y;

	memset(last, 0xff, (ne + 1) * sizeof *last);
	for (term = 0; term < cl->nterms; term++) {
		uint32_t *l = cl->inv[term], n = cl->ninv[term];

		for (x = n; x-- > 0;)
			if (enew[l[x]] != UINT32_MAX && (last[enew[l[x]]] != term ||
			    x + SCAN_EVENTS >= n))
				last[enew[l[x]]] = term;
			else
				l[x] = UINT32_MAX;
		for (x = y = 0; x < n; x++)
			if (l[x] != UINT32_MAX)
				l[y++] = enew[l[x]];
		cl->ninv[term] = y;
		if (y < cl->capinv[term] / 4 && cl->capinv[term] > 16) {
			cl->capinv[term] = y > 2 ? 2 * y : 4;
			cl->inv[term] = xrealloc(l, cl->capinv[term] * sizeof *l);
		}
	}
	free(last);
}

/* The SimHash bands keep the posts kept, by their index after the move. */
static void
compact_bands(struct clusterer *cl, const uint32_t *pnew)
{
	uint32_t x, y;
	int b, k;

	for (b = 0; b < 4; b++)
		for (k = 0; k < 65536; k++) {
			struct bandent *l = cl->band[b][k];

			for (x = y = 0; x < cl->nband[b][k]; x++)
				if (pnew[l[x].post] != UINT32_MAX) {
					l[y].post = pnew[l[x].post];
					l[y++].rest = l[x].rest;
				}
			cl->nband[b][k] = (uint16_t)y;
		}
}

/*
 * Drop the settled and the merged events (the posts of a merged one name
 * the event it joined) and the forgotten posts, but for an event's first
 * post and a kept post's original (for the ids they give), renumbering
 * the rest in order: the events, the posts, the id map, the SimHash
 * bands and the term lists.
 */
static void
compact_all(struct clusterer *cl)
{
	uint32_t *enew, *pnew, *firstpost, i, ne, np, x, nold = cl->nposts;
	unsigned char *keep;
	struct strmap ids;

	/* Each event's place after the move, or UINT32_MAX. */
	enew = xmalloc((cl->nevents + 1) * sizeof *enew);
	for (i = ne = 0; i < cl->nevents; i++)
		enew[i] = cl->events[i].done || cl->events[i].merged_into !=
		    UINT32_MAX ? UINT32_MAX : ne++;
	/* Each post's event after the move: the one it was merged into. */
	firstpost = xmalloc((ne + 1) * sizeof *firstpost);
	memset(firstpost, 0xff, (ne + 1) * sizeof *firstpost);
	/* The posts kept: not forgotten, or an origin, or an original of
	 * one kept (earlier: marked from the last post back). */
	keep = xcalloc(cl->nposts + 1, 1);
	for (i = 0; i < cl->nevents; i++)
		if (enew[i] != UINT32_MAX)
			keep[cl->events[i].origin] = 1;
	for (i = cl->nposts; i-- > 0;) {
		if (!forgotten(cl, i))
			keep[i] = 1;
		if (keep[i] && enew[final_of(cl, cl->posts[i].event)] == UINT32_MAX)
			keep[i] = 0;
		if (keep[i])
			keep[cl->posts[i].root] = 1;
	}
	sp_forget(cl, keep);
	pnew = xmalloc((cl->nposts + 1) * sizeof *pnew);
	sm_init(&ids);
	for (i = np = 0; i < cl->nposts; i++) {
		struct post p = cl->posts[i];
		uint32_t ei = enew[final_of(cl, p.event)];

		if ((pnew[i] = keep[i] ? np : UINT32_MAX) == UINT32_MAX)
			continue;
		p.event = ei;
		/* A repeat's original is of its event: kept, and earlier. */
		p.root = p.root < i && pnew[p.root] != UINT32_MAX ? pnew[p.root] : np;
		p.id = sm_put(&ids, p.id, np);
		if (firstpost[ei] == UINT32_MAX)
			firstpost[ei] = np;
		cl->posts[np++] = p;
	}
	sm_free(&cl->ids);
	cl->ids = ids;
	for (i = 0; i < cl->nevents; i++)
		if (enew[i] != UINT32_MAX) {
			struct event *e = &cl->events[enew[i]];

			*e = cl->events[i];
			cl->slot[enew[i]] = cl->slot[i];
			e->origin = pnew[e->origin] != UINT32_MAX ? pnew[e->origin] :
			    firstpost[enew[i]] != UINT32_MAX ? firstpost[enew[i]] : 0;
		}
	compact_terms(cl, enew, ne);
	compact_bands(cl, pnew);
	/* A held post's event has not converged: it is kept. */
	for (x = 0; x < cl->nheld; x++)
		cl->held[x].event = enew[final_of(cl, cl->held[x].event)];
	cl->nevents = ne;
	cl->nposts = np;
	sp_compact(cl, pnew, nold);
	free(keep);
	free(enew);
	free(pnew);
	free(firstpost);
}

void
cl_hold(struct clusterer *cl, const struct held *h)
{
	if (cl->nheld == cl->capheld) {
		cl->capheld = cl->capheld ? 2 * cl->capheld : 1024;
		cl->held = xrealloc(cl->held, cl->capheld * sizeof *cl->held);
	}
	cl->held[cl->nheld] = *h;
	cl->held[cl->nheld++].event = cl->placed;
}

int
cl_write_held(struct clusterer *cl, cl_post_fn post, void *arg)
{
	size_t i, n;
	uint32_t ei;
	int r = 0;

	for (i = n = 0; i < cl->nheld; i++) {
		struct held *h = &cl->held[i];

		/* The event it ended in joins nothing more once it has
		 * converged itself. */
		ei = final_of(cl, h->event);
		if (!cl->events[ei].converged) {
			cl->held[n++] = *h;
			continue;
		}
		if (r == 0)
			r = post(arg, h, cl->events[ei].id);
		free(h->line);
		json_decref(h->obj);
	}
	cl->nheld = n;
	/* The room of a burst goes again. */
	if (cl->capheld > 4096 && n < cl->capheld / 4) {
		cl->capheld /= 2;
		cl->held = xrealloc(cl->held, cl->capheld * sizeof *cl->held);
	}
	return r;
}

int
cl_settle(struct clusterer *cl, json_t *aliases, cl_post_fn post,
    cl_emit_fn emit, void *arg)
{
	time_t cut = cl->latest - 2 * cl->p.window, first = cl->latest;
	uint32_t i;
	int r = 0;

	/*
	 * An event converges, in order, when it began two windows ago: by
	 * then it is closed, or a story of its own that has been told for
	 * days (a run without settling converges every event at its end).
	 */
	if (cl->p.converge > 0)
		for (i = 0; i < cl->nevents; i++)
			if (!cl->events[i].converged && cl->events[i].first < cut)
				converge_one(cl, i, cl->p.converge, aliases);
	/* The posts of the events that converged, before any record. */
	if (post != NULL)
		r = cl_write_held(cl, post, arg);
	/*
	 * From the last event back, first is the earliest start of the
	 * later events still to converge: one that can join event i
	 * began within a window of its last post.
	 */
	for (i = cl->nevents; i-- > 0;) {
		struct event *e = &cl->events[i];

		if (e->done || e->merged_into != UINT32_MAX)
			continue;
		if (cl->p.converge > 0 && !e->converged) {
			if (e->first < first)
				first = e->first;
			continue;
		}
		if (e->last < cut && e->last < first - cl->p.window)
			e->done = 2;	/* final: written below */
	}
	/* In order, as a run without settling writes them. */
	for (i = 0; i < cl->nevents; i++) {
		struct event *e = &cl->events[i];

		if (e->done != 2)
			continue;
		if (emit != NULL && e->touched && r == 0)
			r = emit(arg, cl, i);
		e = &cl->events[i];
		e->done = 1;
		release(e);
	}
	/* When the posts have doubled since, what is forgotten goes. */
	if (cl->nposts >= cl->compact_at) {
		compact_all(cl);
		cl->compact_at = cl->nposts > 2048 ? 2 * cl->nposts : 4096;
	}
	return r;
}
