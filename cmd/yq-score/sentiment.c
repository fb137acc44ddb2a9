/*
 * sentiment.c: the trained sentiment classifier.
 *
 * Features are the character unigrams, bigrams and trigrams of the text
 * (Latin letters lower-cased, full-width forms folded, spaces dropped)
 * and each [表情] emoticon whole, present or absent, hashed into 2^20
 * buckets.  Training is NB-LR (Wang and Manning's NBSVM with the
 * logistic loss): each bucket's log-count ratio r (how much likelier it
 * is in positive texts than negative ones, add-one smoothed) scales its
 * feature, logistic regression is fitted on the scaled features (unit
 * length per text) with AdaGrad, and the saved weight of a bucket is its
 * fitted weight times r, so prediction is one sum of weights.  The model
 * is written as text so that a bad file is found by line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MODEL_MAGIC "yq-sentiment-model 2"
#define NBUCKETS (1u << MODEL_BITS)

/*
 * Training constants, chosen by 10-fold cross-validation on the three
 * sets (bench/score/run): AdaGrad's rate, the L2 penalty per step, and
 * the naive Bayes weight every seen bucket starts from (NBSVM's
 * interpolation towards the ratios themselves).
 */
#ifndef RATE
#define RATE 0.2
#endif
#ifndef L2
#define L2 1e-6
#endif
#ifndef XSCALE
#define XSCALE(n) ((n) ? 1 / sqrt((double)(n)) : 0)
#endif
#ifndef PRIOR
#define PRIOR 0.0
#endif

struct feats {
	uint32_t *h;
	size_t n, cap;
};

static uint32_t
fnv(uint32_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= 16777619u;
	}
	return h;
}

/*
 * Each bucket once a text.  Features are gathered with repeats, then
 * the repeats dropped through a small open-addressing set sized to the
 * text (it stays in cache, where a stamp per model bucket does not).
 */
static void
add(struct feats *f, uint32_t h)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 256;
		f->h = xrealloc(f->h, f->cap * sizeof *f->h);
	}
	f->h[f->n++] = h & (NBUCKETS - 1);
}

static uint32_t *set;
static size_t setcap;

static void
distinct(struct feats *f)
{
	size_t size = 16, i, j, k = 0;

	while (size < 2 * f->n)
		size *= 2;
	if (size > setcap) {
		free(set);
		set = xmalloc(size * sizeof *set);
		setcap = size;
	}
	memset(set, 0xff, size * sizeof *set);	/* no bucket is ~0 */
	for (i = 0; i < f->n; i++) {
		uint32_t h = f->h[i];

		for (j = (h * 0x9e3779b1u) & (size - 1); set[j] != UINT32_MAX &&
		    set[j] != h; j = (j + 1) & (size - 1))
			;
		if (set[j] == h)
			continue;
		set[j] = h;
		f->h[k++] = h;
	}
	f->n = k;
}

/* The distinct feature buckets of text, in f. */
static void
features(const char *text, struct feats *f)
{
	size_t n = strlen(text), i = 0, k;
	uint32_t c, g[3] = { 0, 0, 0 };
	const char *close;

	f->n = 0;
	while (i < n) {
		k = utf8_decode(text + i, n - i, &c);
		if (k == 0) {
			i++;
			continue;
		}
		/* An emoticon counts whole as well as by its characters. */
		if (c == '[' && (close = memchr(text + i, ']', n - i < 30 ? n - i : 30)))
			add(f, fnv(0x9747b28cu, text + i, close - (text + i) + 1));
		if (c >= 0xff01 && c <= 0xff5e)
			c -= 0xfee0;
		if (c < 0x80 && c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		i += k;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000)
			continue;
		/* g holds the last three characters, the newest last. */
		g[0] = g[1];
		g[1] = g[2];
		g[2] = c;
		add(f, fnv(2166136261u, g + 2, sizeof *g));
		if (g[1] != 0)
			add(f, fnv(0x811c9dc5u ^ 0x5bd1e995u, g + 1, 2 * sizeof *g));
		if (g[0] != 0)
			add(f, fnv(0x811c9dc5u ^ 0x27d4eb2fu, g, 3 * sizeof *g));
	}
	distinct(f);
}

static double
sigmoid(double z)
{
	return z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z));
}

static double
margin(const struct model *m, const struct feats *f)
{
	double z = m->bias, x = XSCALE(f->n);
	size_t i;

	for (i = 0; i < f->n; i++)
		z += m->w[f->h[i]] * x;
	return z;
}

double
model_predict(const struct model *m, const char *text)
{
	struct feats f = { NULL, 0, 0 };
	double p;

	features(text, &f);
	p = sigmoid(margin(m, &f));
	free(f.h);
	return p;
}

/* The training texts' features, once: text i has h[off[i] .. off[i+1]). */
struct corpus {
	uint32_t *h;
	size_t *off, n;
};

static void
corpus_make(struct corpus *c, char **texts, size_t n)
{
	struct feats f = { NULL, 0, 0 };
	size_t i, len = 0, cap = 1 << 16;

	c->h = xmalloc(cap * sizeof *c->h);
	c->off = xmalloc((n + 1) * sizeof *c->off);
	c->n = n;
	for (i = 0; i < n; i++) {
		features(texts[i], &f);
		while (len + f.n > cap)
			cap *= 2;
		c->h = xrealloc(c->h, cap * sizeof *c->h);
		memcpy(c->h + len, f.h, f.n * sizeof *f.h);
		c->off[i] = len;
		len += f.n;
	}
	c->off[n] = len;
	free(f.h);
}

/*
 * The log-count ratio of each bucket, add-one smoothed over the buckets
 * seen: log((p + 1) / (|p| + B)) - log((q + 1) / (|q| + B)) for p and q
 * the numbers of positive and negative texts it is in.  Buckets never
 * seen keep 0, so they stay out of the model file.
 */
static float *
ratios(const struct corpus *c, const int *labels)
{
	float *cnt = xcalloc(2 * (size_t)NBUCKETS, sizeof *cnt), *r;
	double tot[2] = { 0, 0 }, seen = 0;
	size_t i, k;
	uint32_t b;

	for (i = 0; i < c->n; i++)
		for (k = c->off[i]; k < c->off[i + 1]; k++) {
			cnt[2 * (size_t)c->h[k] + (labels[i] != 0)]++;
			tot[labels[i] != 0]++;
		}
	for (b = 0; b < NBUCKETS; b++)
		seen += cnt[2 * b] + cnt[2 * b + 1] > 0;
	r = xcalloc(NBUCKETS, sizeof *r);
	for (b = 0; b < NBUCKETS; b++)
		if (cnt[2 * b] + cnt[2 * b + 1] > 0)
			r[b] = log((cnt[2 * b + 1] + 1) / (tot[1] + seen)) -
			    log((cnt[2 * b] + 1) / (tot[0] + seen));
	free(cnt);
	return r;
}

/* A fixed shuffle (xorshift), so that a model is reproducible. */
static void
shuffle(size_t *order, size_t n, uint64_t *seed)
{
	size_t i, j, k;

	for (i = n; i > 1; i--) {
		*seed ^= *seed << 13;
		*seed ^= *seed >> 7;
		*seed ^= *seed << 17;
		j = *seed % i;
		k = order[i - 1];
		order[i - 1] = order[j];
		order[j] = k;
	}
}

/* One AdaGrad step of the logistic loss on text i; features scaled by r. */
static void
step(struct model *m, const struct corpus *c, size_t i, int y, const float *r,
    float *g2, double *gb2)
{
	const uint32_t *h = c->h + c->off[i];
	size_t n = c->off[i + 1] - c->off[i], k;
	double x = XSCALE(n), z = m->bias, g, gi;

	for (k = 0; k < n; k++)
		z += m->w[h[k]] * r[h[k]] * x;
	g = sigmoid(z) - y;
	for (k = 0; k < n; k++) {
		gi = g * r[h[k]] * x + L2 * m->w[h[k]];
		g2[h[k]] += gi * gi;
		m->w[h[k]] -= RATE * gi / sqrt(g2[h[k]] + 1e-8);
	}
	*gb2 += g * g;
	m->bias -= RATE * g / sqrt(*gb2);
}

void
model_train(struct model *m, char **texts, const int *labels, size_t n,
    int epochs)
{
	struct corpus c;
	float *g2 = xcalloc(NBUCKETS, sizeof *g2), *r;
	double gb2 = 1e-8;
	size_t *order = xmalloc((n + 1) * sizeof *order), i;
	uint64_t seed = 42;
	uint32_t b;
	int e;

	corpus_make(&c, texts, n);
	r = ratios(&c, labels);
	for (i = 0; i < n; i++)
		order[i] = i;
	for (e = 0; e < epochs; e++) {
		shuffle(order, n, &seed);
		for (i = 0; i < n; i++)
			step(m, &c, order[i], labels[order[i]] != 0, r, g2, &gb2);
	}
	/* Fold the ratios in: the saved weight is what prediction adds. */
	for (b = 0; b < NBUCKETS; b++)
		m->w[b] = (m->w[b] + PRIOR) * r[b];
	free(c.h);
	free(c.off);
	free(r);
	free(g2);
	free(order);
}

int
model_save(const struct model *m, const char *path)
{
	struct rec_out *out = rec_out_open(path);
	FILE *fp;
	uint32_t i;
	int e = 0;

	if (out == NULL)
		return -1;
	fp = rec_out_file(out);
	if (fprintf(fp, "%s\nbits %d\nbias %.9g\n", MODEL_MAGIC, MODEL_BITS,
	    m->bias) < 0)
		e = 1;
	for (i = 0; i < NBUCKETS && !e; i++)
		if (m->w[i] != 0 && fprintf(fp, "%u %.6g\n", i, m->w[i]) < 0)
			e = 1;
	if (e)
		yq_warn("cannot write '%s'", path);
	return rec_out_close(out, e) < 0 || e ? -1 : 0;
}

static int
bad(struct linereader *lr, const char *why)
{
	yq_warnx("%s:%lu: %s", lr_name(lr), lr_lineno(lr), why);
	lr_close(lr);
	return -1;
}

/* A bucket index below NBUCKETS in decimal; the end, or NULL. */
static char *
parse_index(const char *s, unsigned long *idx)
{
	const char *p = s;

	for (*idx = 0; *p >= '0' && *p <= '9' && p - s < 8; p++)
		*idx = *idx * 10 + (unsigned long)(*p - '0');
	return p == s || *idx >= NBUCKETS || (*p >= '0' && *p <= '9') ? NULL : (char *)p;
}

/*
 * A weight as the model file writes it (%g: 0.212192, -3.5e-05).  The
 * model has a million lines, and strtod took most of yq-score's start:
 * a mantissa of at most 15 digits and a power of ten up to 22 are exact
 * in a double, so their quotient or product is the correctly rounded
 * value strtod gives (Clinger's fast path); anything else goes to
 * strtod.  *end gets where the number ends.
 */
static double
parse_weight(const char *s, char **end)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
	    1e19, 1e20, 1e21, 1e22 };
	const char *p = s + (*s == '-');
	unsigned long long mant = 0;
	int digits = 0, exp = 0, e = 0, esign = 1;

	for (; *p >= '0' && *p <= '9'; p++, digits++)
		mant = mant * 10 + (unsigned long long)(*p - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, exp--)
			mant = mant * 10 + (unsigned long long)(*p - '0');
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			esign = *p++ == '-' ? -1 : 1;
		for (; *p >= '0' && *p <= '9' && e < 1000; p++)
			e = e * 10 + (*p - '0');
		exp += esign * e;
	}
	if (digits == 0 || digits > 15 || exp < -22 || exp > 22 ||
	    (*p != '\0' && *p != ' '))
		return strtod(s, end);
	*end = (char *)p;
	return (*s == '-' ? -1.0 : 1.0) * (exp < 0 ? (double)mant / p10[-exp] :
	    (double)mant * p10[exp]);
}

int
model_load(struct model *m, const char *path)
{
	struct linereader *lr = lr_open(path, 4096);
	char *line, *end;
	size_t len;
	unsigned long idx;
	double v;
	int r;

	if (lr == NULL) {
		yq_warn("cannot open model '%s'", path);
		return -1;
	}
	m->w = xcalloc(NBUCKETS, sizeof *m->w);
	m->bias = 0;
	if (lr_next(lr, &line, &len) != REC_OK || strcmp(line, MODEL_MAGIC) != 0)
		return bad(lr, "not a yq sentiment model (want '" MODEL_MAGIC "')");
	if (lr_next(lr, &line, &len) != REC_OK || strncmp(line, "bits ", 5) != 0 ||
	    strtol(line + 5, &end, 10) != MODEL_BITS || *end != '\0')
		return bad(lr, "want 'bits 20'");
	if (lr_next(lr, &line, &len) != REC_OK || strncmp(line, "bias ", 5) != 0 ||
	    (m->bias = strtod(line + 5, &end), *end != '\0'))
		return bad(lr, "want 'bias NUMBER'");
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r != REC_OK)
			return bad(lr, lr_error(lr));
		if ((end = parse_index(line, &idx)) == NULL || *end != ' ')
			return bad(lr, "want 'INDEX WEIGHT' with an index below 2^20");
		v = parse_weight(end + 1, &end);
		if (*end != '\0' || !isfinite(v))
			return bad(lr, "want 'INDEX WEIGHT'");
		m->w[idx] = v;
	}
	lr_close(lr);
	return 0;
}

void
model_free(struct model *m)
{
	free(m->w);
	m->w = NULL;
	free(set);
	set = NULL;
	setcap = 0;
}
