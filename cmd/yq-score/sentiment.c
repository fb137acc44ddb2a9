/*
 * sentiment.c: the trained sentiment classifier.
 *
 * Features are the character unigrams and bigrams of the text (Latin
 * letters lower-cased, full-width forms folded, spaces dropped) and each
 * [表情] emoticon whole, present or absent, hashed into 2^20 weights and
 * scaled to unit length.  The model is logistic regression trained with
 * AdaGrad; it is written as text so that a bad file is found by line.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MODEL_MAGIC "yq-sentiment-model 1"
#define NBUCKETS (1u << MODEL_BITS)

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
	uint32_t c, prev = 0, pair[2];
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
		add(f, fnv(2166136261u, &c, sizeof c));
		if (prev != 0) {
			pair[0] = prev;
			pair[1] = c;
			add(f, fnv(0x811c9dc5u ^ 0x5bd1e995u, pair, sizeof pair));
		}
		prev = c;
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
	double z = m->bias, x = f->n ? 1 / sqrt((double)f->n) : 0;
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

void
model_train(struct model *m, char **texts, const int *labels, size_t n,
    int epochs)
{
	struct feats f = { NULL, 0, 0 };
	float *g2 = xcalloc(NBUCKETS, sizeof *g2);
	double gb2 = 1e-8, lr = 0.5, x, g;
	size_t *order = xmalloc((n + 1) * sizeof *order), i, j, k;
	uint64_t seed = 42;
	int e;

	for (i = 0; i < n; i++)
		order[i] = i;
	for (e = 0; e < epochs; e++) {
		/* A fixed shuffle (xorshift), so a model is reproducible. */
		for (i = n; i > 1; i--) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			j = seed % i;
			k = order[i - 1];
			order[i - 1] = order[j];
			order[j] = k;
		}
		for (i = 0; i < n; i++) {
			features(texts[order[i]], &f);
			g = sigmoid(margin(m, &f)) - labels[order[i]];
			x = f.n ? 1 / sqrt((double)f.n) : 0;
			for (k = 0; k < f.n; k++) {
				uint32_t h = f.h[k];
				double gi = g * x + 1e-6 * m->w[h];

				g2[h] += gi * gi;
				m->w[h] -= lr * gi / sqrt(g2[h] + 1e-8);
			}
			gb2 += g * g;
			m->bias -= lr * g / sqrt(gb2);
		}
	}
	free(f.h);
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
		warn("cannot write '%s'", path);
	return rec_out_close(out, e) < 0 || e ? -1 : 0;
}

static int
bad(struct linereader *lr, const char *why)
{
	warnx("%s:%lu: %s", lr_name(lr), lr_lineno(lr), why);
	lr_close(lr);
	return -1;
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
		warn("cannot open model '%s'", path);
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
		errno = 0;
		idx = strtoul(line, &end, 10);
		if (end == line || *end != ' ' || idx >= NBUCKETS || errno != 0)
			return bad(lr, "want 'INDEX WEIGHT' with an index below 2^20");
		v = strtod(end + 1, &end);
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
