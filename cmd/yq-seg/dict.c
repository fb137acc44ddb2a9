/*
 * dict.c: yq-seg's compiled dictionary.
 *
 * One file holds everything the segmenter looks up, laid out so that it
 * is used straight from mmap with no parsing at start-up:
 *
 *   header | tags | chars | bloom | words table | idf table | HMM
 *
 * A table is open addressing with linear probing over 64-bit FNV-1a
 * hashes of UTF-8 keys (the keys themselves are not kept: see seg.h).  The words table holds every word and every prefix of a
 * word (as SEG_NOWORD), so the segmenter extends a candidate word one
 * character at a time, hashing incrementally, and stops as soon as the
 * prefix is unknown: jieba's prefix dictionary, without its start-up.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "datafile.h"
#include "record.h"
#include "seg.h"
#include "utf8.h"
#include "yq.h"

struct header {
	char magic[8];
	uint32_t nwords_slots, nidf_slots;
	uint32_t ntags, unused;
	double logtotal;
	float idf_median;
	uint32_t pad;
};

/* ------------------------------------------------------------ hashing */

uint64_t
dict_hash(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	return h;
}

static const struct slot *
probe(const struct slot *slots, uint32_t mask, uint64_t h, size_t n)
{
	uint32_t i = (uint32_t)h & mask, k;

	/* At most every slot once: a damaged file's full table ends too. */
	for (k = 0; k <= mask; k++) {
		const struct slot *sl = &slots[i];

		if (sl->len == 0)
			return NULL;
		if (sl->hash == h && sl->len == n)
			return sl;
		i = (i + 1) & mask;
	}
	return NULL;
}

const struct slot *
dict_get(const struct dict *d, uint64_t h, size_t n)
{
	const struct slot *sl, *m;

	if (d->ucount > 0 && (sl = probe(d->uslots, d->umask, h, n))) {
		/* A user word's prefix must not hide a main-dictionary word. */
		if (sl->tag == SEG_PREFIX_TAG && d->words.slots != NULL &&
		    (m = probe(d->words.slots, d->words.mask, h, n)))
			return m;
		return sl;
	}
	if (d->words.slots == NULL)
		return NULL;
	return probe(d->words.slots, d->words.mask, h, n);
}

static uint32_t
bloom_bit(uint64_t h)
{
	return (uint32_t)(h >> 41);	/* 23 bits the table's index does not use */
}

int
dict_maybe2(const struct dict *d, uint64_t h)
{
	uint32_t b;

	if (d->ucount > 0 || d->bloom == NULL)
		return 1;
	b = bloom_bit(h);
	return (d->bloom[b >> 3] >> (b & 7)) & 1;
}

const struct slot *
dict_get_char(const struct dict *d, uint32_t cp, uint64_t h, size_t n,
    struct slot *tmp)
{
	const struct chent *c;

	if (d->ucount > 0 || d->chars == NULL || cp >= 0x10000)
		return dict_get(d, h, n);
	c = &d->chars[cp];
	if (!c->known)
		return NULL;
	tmp->val = c->val;
	tmp->tag = c->tag;
	return tmp;
}

float
dict_idf(const struct dict *d, const char *s, size_t n)
{
	const struct slot *sl;

	if (d->idf.slots == NULL)
		return d->idf_median;
	sl = probe(d->idf.slots, d->idf.mask, dict_hash(DICT_HASH_INIT, s, n), n);
	return sl ? sl->val : d->idf_median;
}

/* ------------------------------------------------------------ building */

/*
 * A growable table used while compiling (and for user words), with the
 * single-character table and the Bloom filter filled as keys arrive.
 */
struct builder {
	struct slot *slots;
	uint32_t mask, count;
	struct chent *chars;	/* NULL: not kept */
	unsigned char *bloom;
};

static void
grow(struct builder *b)
{
	struct slot *old = b->slots;
	uint32_t n = b->mask + 1, i, j, nmask = n * 2 - 1;

	b->slots = xcalloc(nmask + 1, sizeof *b->slots);
	for (i = 0; i < n; i++) {
		if (old[i].len == 0)
			continue;
		for (j = (uint32_t)old[i].hash & nmask; b->slots[j].len != 0;
		    j = (j + 1) & nmask)
			;
		b->slots[j] = old[i];
	}
	b->mask = nmask;
	free(old);
}

/* Find or add key s; returns its slot. */
static struct slot *
b_put(struct builder *b, const char *s, size_t n, int *added)
{
	uint64_t h = dict_hash(DICT_HASH_INIT, s, n);
	uint32_t i;

	if ((b->count + 1) * 2 > b->mask + 1)
		grow(b);
	for (i = (uint32_t)h & b->mask;; i = (i + 1) & b->mask) {
		struct slot *sl = &b->slots[i];

		if (sl->len == 0) {
			sl->hash = h;
			sl->len = n;
			sl->val = SEG_NOWORD;
			sl->tag = 0;
			b->count++;
			*added = 1;
			return sl;
		}
		if (sl->hash == h && sl->len == n) {
			*added = 0;
			return sl;
		}
	}
}

static void
b_init(struct builder *b, int fast)
{
	memset(b, 0, sizeof *b);
	b->mask = 1023;
	b->slots = xcalloc(b->mask + 1, sizeof *b->slots);
	if (fast) {
		b->chars = xcalloc(0x10000, sizeof *b->chars);
		b->bloom = xcalloc(BLOOM_BITS / 8, 1);
	}
}

/* Note a key in the fast tables: one character in the direct table, a
 * longer key (word or prefix) in the Bloom filter. */
static void
b_fast(struct builder *b, const char *w, size_t n, const struct slot *sl)
{
	uint32_t c1, bit;
	size_t k1;

	if (b->chars == NULL || (k1 = utf8_decode(w, n, &c1)) == 0)
		return;
	if (k1 == n && c1 < 0x10000) {
		b->chars[c1].known = 1;
		b->chars[c1].val = sl->val;
		b->chars[c1].tag = sl->tag;
	} else if (k1 < n) {
		bit = bloom_bit(sl->hash);
		b->bloom[bit >> 3] |= 1 << (bit & 7);
	}
}

/* Add word and every proper prefix of it (by code point). */
static struct slot *
add_word(struct builder *b, const char *w, size_t n)
{
	size_t i = 0, k;
	uint32_t cp;
	int added;

	while (i < n) {
		k = utf8_decode(w + i, n - i, &cp);
		i += k ? k : 1;
		if (i < n) {
			struct slot *p = b_put(b, w, i, &added);

			if (added) {
				p->tag = SEG_PREFIX_TAG;
				b_fast(b, w, i, p);
			}
		}
	}
	return b_put(b, w, n, &added);
}

static int
tag_index(char tags[64][8], int *ntags, const char *t)
{
	int i;

	for (i = 0; i < *ntags; i++)
		if (strcmp(tags[i], t) == 0)
			return i;
	if (*ntags == 64 || strlen(t) > 7)
		return 0;
	snprintf(tags[*ntags], sizeof tags[0], "%s", t);
	return (*ntags)++;
}

/* Split "word freq tag" in place; freq and tag may be absent. */
static int
fields(char *line, char **word, char **freq, char **tag)
{
	char *save;

	*word = strtok_r(line, " \t", &save);
	*freq = *word ? strtok_r(NULL, " \t", &save) : NULL;
	*tag = *freq ? strtok_r(NULL, " \t", &save) : NULL;
	return *word != NULL;
}

static int
read_words(struct builder *b, const char *path, char tags[64][8], int *ntags,
    double *total)
{
	struct datafile *df = df_open(path, 4096, DF_WORDS);
	char *line, *w, *f, *t, *end;
	size_t len;
	double freq;
	struct slot *sl;
	int r;

	if (df == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = df_next(df, &line, &len)) > 0) {
		if (!fields(line, &w, &f, &t))
			continue;
		freq = f ? strtod(f, &end) : 1;
		if (f == NULL || *end != '\0' || freq < 0 || strlen(w) > 200) {
			df_bad(df, "want 'word freq [tag]'");
			df_close(df);
			return -1;
		}
		sl = add_word(b, w, strlen(w));
		if (freq > 0) {
			sl->val = log(freq);
			*total += freq;
		}
		sl->tag = tag_index(tags, ntags, t ? t : "x");
		b_fast(b, w, strlen(w), sl);
	}
	return df_close(df) < 0 || r < 0 ? -1 : 0;
}

static int
cmpf(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return (x > y) - (x < y);
}

static int
read_idf(struct builder *b, const char *path, float *median)
{
	struct datafile *df = df_open(path, 4096, DF_WORDS);
	char *line, *w, *f, *t, *end;
	size_t len, n = 0, cap = 0;
	float *all = NULL;
	int added, r;

	if (df == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = df_next(df, &line, &len)) > 0) {
		if (!fields(line, &w, &f, &t))
			continue;
		if (f == NULL || (strtod(f, &end), *end != '\0')) {
			df_bad(df, "want 'word idf'");
			df_close(df);
			free(all);
			return -1;
		}
		b_put(b, w, strlen(w), &added)->val = strtod(f, NULL);
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			all = xrealloc(all, cap * sizeof *all);
		}
		all[n++] = strtod(f, NULL);
	}
	if (df_close(df) < 0 || r < 0) {
		free(all);
		return -1;
	}
	qsort(all, n, sizeof *all, cmpf);
	*median = n ? all[n / 2] : 10;
	free(all);
	return 0;
}

/*
 * cppjieba's HMM model: after '#' comments, a line of 4 start log
 * probabilities, 4 lines of the transition matrix, then 4 lines of
 * "char:logp,char:logp,..." emissions, states in the order B E M S.
 */
static int
read_hmm(const char *path, float start[4], float trans[4][4], float (*emit)[4])
{
	struct datafile *df = df_open(path, 4u << 20, 0);
	char *line, *p, *save, *colon;
	size_t len;
	int row = 0, i, r = 0;
	uint32_t cp;

	if (df == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	for (i = 0; i < 0x10000; i++)
		emit[i][0] = emit[i][1] = emit[i][2] = emit[i][3] = -3.14e30f;
	while (row < 9 && (r = df_next(df, &line, &len)) > 0) {
		if (row < 5) {
			float *dst = row == 0 ? start : trans[row - 1];

			for (i = 0, p = strtok_r(line, " ", &save); p && i < 4;
			    p = strtok_r(NULL, " ", &save))
				dst[i++] = fmaxf(strtof(p, NULL), -3.14e30f);
			if (i != 4)
				goto bad;
		} else {
			for (p = strtok_r(line, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
				colon = strrchr(p, ':');
				if (colon == NULL || utf8_decode(p, colon - p, &cp) == 0)
					goto bad;
				if (cp < 0x10000)
					emit[cp][row - 5] = strtof(colon + 1, NULL);
			}
		}
		row++;
	}
	if (df_close(df) < 0 || r < 0)
		return -1;
	if (row != 9) {
		yq_warnx("%s: want 9 lines of HMM tables, found %d", path, row);
		return -1;
	}
	return 0;
bad:
	df_bad(df, "not an HMM table line");
	df_close(df);
	return -1;
}

static int
write_all(FILE *fp, const void *p, size_t n)
{
	return fwrite(p, 1, n, fp) == n ? 0 : -1;
}

int
dict_compile(const char *dictfile, const char *hmmfile, const char *idffile,
    const char *out)
{
	struct builder words, idf;
	struct header h;
	char tags[64][8];
	float start[4], trans[4][4], (*emit)[4];
	double total = 0;
	struct rec_out *o;
	FILE *fp;
	int ntags = 0, e = 0;
	uint32_t i;

	memset(tags, 0, sizeof tags);
	memset(&h, 0, sizeof h);
	tag_index(tags, &ntags, "x");
	emit = xcalloc(0x10000, sizeof *emit);
	b_init(&words, 1);
	b_init(&idf, 0);
	if (read_words(&words, dictfile, tags, &ntags, &total) < 0 ||
	    read_hmm(hmmfile, start, trans, emit) < 0 ||
	    read_idf(&idf, idffile, &h.idf_median) < 0) {
		e = -1;
		goto out;
	}
	memcpy(h.magic, SEG_MAGIC, 8);
	h.nwords_slots = words.mask + 1;
	h.nidf_slots = idf.mask + 1;
	h.ntags = ntags;
	h.logtotal = log(total > 0 ? total : 1);
	if ((o = rec_out_open(out)) == NULL) {
		e = -1;
		goto out;
	}
	fp = rec_out_file(o);
	e |= write_all(fp, &h, sizeof h);
	e |= write_all(fp, tags, sizeof tags);
	e |= write_all(fp, words.chars, 0x10000 * sizeof *words.chars);
	e |= write_all(fp, words.bloom, BLOOM_BITS / 8);
	e |= write_all(fp, words.slots, (size_t)h.nwords_slots * sizeof(struct slot));
	e |= write_all(fp, idf.slots, (size_t)h.nidf_slots * sizeof(struct slot));
	e |= write_all(fp, start, sizeof start);
	e |= write_all(fp, trans, sizeof trans);
	for (i = 0; i < 0x10000; i++)
		e |= write_all(fp, emit[i], sizeof emit[i]);
	if (e != 0)
		yq_warn("cannot write '%s'", out);
	if (rec_out_close(o, e != 0) < 0)
		e = -1;
out:
	free(words.slots);
	free(words.chars);
	free(words.bloom);
	free(idf.slots);
	free(emit);
	return e != 0 ? -1 : 0;
}

/* ------------------------------------------------------------ loading */

int
dict_load(struct dict *d, const char *path)
{
	const struct header *h;
	const char *p;
	struct stat st;
	size_t need;
	int fd, i;

	memset(d, 0, sizeof *d);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		yq_warn("cannot open dictionary '%s'", path);
		return -1;
	}
	if (fstat(fd, &st) < 0 || st.st_size < (off_t)(sizeof *h + 64 * 8)) {
		close(fd);
		yq_warnx("%s: not a yq-seg dictionary (too short)", path);
		return -1;
	}
	d->map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (d->map == MAP_FAILED) {
		d->map = NULL;
		yq_warn("cannot map '%s'", path);
		return -1;
	}
	d->maplen = st.st_size;
	h = d->map;
	need = sizeof *h + 64 * 8 + 0x10000 * sizeof(struct chent) + BLOOM_BITS / 8 +
	    ((size_t)h->nwords_slots + h->nidf_slots) *
	    sizeof(struct slot) + sizeof(float) * (4 + 16 + 4 * 0x10000);
	if (memcmp(h->magic, SEG_MAGIC, 8) != 0 || need != d->maplen ||
	    h->nwords_slots == 0 || h->nidf_slots == 0 ||
	    (h->nwords_slots & (h->nwords_slots - 1)) != 0 ||
	    (h->nidf_slots & (h->nidf_slots - 1)) != 0 || h->ntags > 64) {
		yq_warnx("%s: not a yq-seg dictionary of this version (run make)", path);
		dict_free(d);
		return -1;
	}
	p = (const char *)d->map + sizeof *h;
	memcpy(d->tags, p, sizeof d->tags);
	for (i = 0; i < 64; i++)
		d->tags[i][7] = '\0';	/* a damaged file's names end too */
	d->ntags = h->ntags;
	p += 64 * 8;
	d->chars = (const struct chent *)p;
	p += 0x10000 * sizeof(struct chent);
	d->bloom = (const unsigned char *)p;
	p += BLOOM_BITS / 8;
	d->words.slots = (const struct slot *)p;
	d->words.mask = h->nwords_slots - 1;
	p += (size_t)h->nwords_slots * sizeof(struct slot);
	d->idf.slots = (const struct slot *)p;
	d->idf.mask = h->nidf_slots - 1;
	p += (size_t)h->nidf_slots * sizeof(struct slot);
	memcpy(d->hmm.start, p, sizeof d->hmm.start);
	p += sizeof d->hmm.start;
	memcpy(d->hmm.trans, p, sizeof d->hmm.trans);
	p += sizeof d->hmm.trans;
	d->hmm.emit = (const float (*)[4])p;
	p += sizeof(float) * 4 * 0x10000;
	d->logtotal = h->logtotal;
	d->idf_median = h->idf_median;
	return 0;
}

void
dict_free(struct dict *d)
{
	if (d->map != NULL)
		munmap(d->map, d->maplen);
	free(d->uslots);
	memset(d, 0, sizeof *d);
}

/* ------------------------------------------------------------ user words */

/*
 * The frequency that makes word win over its current best split, as
 * jieba's suggest_freq does: the product of its parts' probabilities,
 * scaled back to a count, plus one.
 */
static double
suggest_freq(const struct dict *d, const char *w, size_t n)
{
	struct segopts o = { 0, 0, 0, 0 };
	struct tokens t = { NULL, 0, 0 };
	double logp = 0;
	size_t i;

	seg_text(d, &o, w, n, &t);
	for (i = 0; i < t.n; i++) {
		const struct slot *sl = dict_get(d, dict_hash(DICT_HASH_INIT,
		    w + t.v[i].off, t.v[i].len), t.v[i].len);

		logp += (sl && sl->val > SEG_NOWORD ? sl->val : 0) - d->logtotal;
	}
	free(t.v);
	return exp(logp + d->logtotal) + 1;
}

int
dict_load_user(struct dict *d, const char *path)
{
	struct linereader *lr = lr_open(path, 4096);
	struct builder b;
	struct slot *sl;
	char *line, *w, *f, *t, *end;
	size_t len;
	double freq;
	int r, tagged;

	if (lr == NULL) {
		yq_warn("cannot open user dictionary '%s'", path);
		return -1;
	}
	if (d->uslots == NULL) {
		b_init(&b, 0);
	} else {
		memset(&b, 0, sizeof b);
		b.slots = d->uslots;
		b.mask = d->umask;
		b.count = d->ucount;
	}
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r != REC_OK)
			continue;
		if (len >= 3 && memcmp(line, "\xef\xbb\xbf", 3) == 0)
			line += 3;
		if (!fields(line, &w, &f, &t) || *w == '#')
			continue;
		freq = -1;
		tagged = 0;
		if (f != NULL) {
			freq = strtod(f, &end);
			if (*end != '\0') {
				/* "word tag": jieba accepts a tag without a frequency. */
				t = f;
				freq = -1;
			}
		}
		if (strlen(w) > 200) {
			yq_warnx("%s:%lu: word too long", path, lr_lineno(lr));
			lr_close(lr);
			d->uslots = b.slots;	/* freed by dict_free() */
			d->umask = b.mask;
			d->ucount = b.count;
			return -1;
		}
		if (freq < 0) {
			d->uslots = b.slots;	/* let suggest_freq see earlier words */
			d->umask = b.mask;
			d->ucount = b.count;
			freq = suggest_freq(d, w, strlen(w));
		}
		sl = add_word(&b, w, strlen(w));
		sl->val = freq > 0 ? log(freq) : SEG_NOWORD;
		if (t != NULL) {
			sl->tag = tag_index(d->tags, &d->ntags, t);
			tagged = 1;
		}
		if (!tagged) {
			const struct slot *m = d->words.slots ? probe(d->words.slots,
			    d->words.mask, sl->hash, strlen(w)) : NULL;

			sl->tag = m ? m->tag : 0;
		}
	}
	lr_close(lr);
	d->uslots = b.slots;
	d->umask = b.mask;
	d->ucount = b.count;
	return 0;
}
