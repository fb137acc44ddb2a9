/*
 * categories.c: the must-respond and signal categories, each a set of
 * PCRE2 patterns from a data file (categories.conf), compiled into one
 * alternation per category, and guards: patterns whose match cancels a
 * hit of the category when it overlaps the hit's words (引发热议 holds
 * 发热 and is no fever; 辟谣 of a rumour is not the rumour).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "datafile.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MAXCAT 32

static struct cat {
	char *name;
	char *alt;		/* the patterns joined by | */
	char *galt;		/* the guards joined by |, or NULL */
	pcre2_code *re, *gre;
	pcre2_match_data *md, *gmd;
	int always;		/* a pattern of it has no literal start */
} cats[MAXCAT];
static int ncats;

/* Guards of category "*" guard every category. */
static struct cat anyguard;

/*
 * The spans guards cover in the text being matched, found when a hit
 * first needs them: gspan[0] for "*", gspan[1] for the category at hand.
 */
struct spans {
	PCRE2_SIZE *v;		/* start, end pairs */
	size_t n, cap;
	int done;
};

/*
 * A prefilter.  Most patterns begin with a group of plain words,
 * "(爆炸|起火|...)": the category can only match where one of them
 * does.  One pass over the text finds which of these words occur, and
 * only the categories so possible (or with a pattern of another shape,
 * "always") run their regular expression.  The words are found by their
 * first two characters, hashed into a bitmap.
 */
#define PAIRBITS 16
static struct lit {
	char *s;
	size_t len;
	uint32_t key;
	int cat;
} *lits;
static size_t nlits, caplits;
static int single;		/* some word is one character */
int cat_prefilter = 1;
static unsigned char litpairs[(1u << PAIRBITS) / 8];

static uint32_t
lit_key(const char *s, size_t n)
{
	uint32_t a = 0, b = 0;
	size_t k = utf8_decode(s, n, &a);

	if (k > 0 && k < n)
		utf8_decode(s + k, n - k, &b);
	return ((a * 0x9e3779b1u) ^ (b * 0x85ebca6bu)) >> (32 - PAIRBITS);
}

static void
lit_add(const char *s, size_t len, int cat)
{
	uint32_t key;

	if (nlits == caplits) {
		caplits = caplits ? caplits * 2 : 64;
		lits = xrealloc(lits, caplits * sizeof *lits);
	}
	key = lit_key(s, len);
	if (utf8_len(s, len) == 1)
		single = 1;
	lits[nlits].s = xstrndup(s, len);
	lits[nlits].len = len;
	lits[nlits].key = key;
	lits[nlits++].cat = cat;
	litpairs[key >> 3] |= 1 << (key & 7);
}

static int
lit_cmp(const void *a, const void *b)
{
	const struct lit *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* Sort the words by key, for lit_find's binary search. */
static void
lit_sort(void)
{
	if (nlits > 1)
		qsort(lits, nlits, sizeof *lits, lit_cmp);
}

/*
 * Mark the categories of the words with this key that begin s.  The
 * words are sorted by key: a binary search finds the first, so the cost
 * does not grow with the number of words (hundreds, with guards' words).
 */
static void
lit_find(const char *s, size_t n, uint32_t key, char *possible)
{
	size_t lo = 0, hi = nlits, mid, j;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (lits[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (j = lo; j < nlits && lits[j].key == key; j++)
		if (lits[j].len <= n && memcmp(lits[j].s, s, lits[j].len) == 0)
			possible[lits[j].cat] = 1;
}

/*
 * The words of pat's leading group when the pattern must begin with one
 * of them: "(w1|w2|...)" with no metacharacter inside, not quantified,
 * and no "|" at the pattern's top level after it.  Returns 1 and adds
 * them for category cat, or 0 (nothing added).
 */
static int
lit_prefix(const char *pat, int cat)
{
	const char *p, *q, *close;
	int depth = 0;

	if (pat[0] != '(')
		return 0;
	for (close = pat + 1; *close != ')'; close++)
		if (*close == '\0' || strchr("\\.^$?*+()[]{}", *close) != NULL)
			return 0;
	if (close[1] != '\0' && strchr("?*+{", close[1]) != NULL)
		return 0;
	/* Quoting and comments hide brackets from the count below. */
	if (strstr(close, "\\Q") != NULL || strstr(close, "(?#") != NULL)
		return 0;
	for (p = close + 1; *p != '\0'; p++) {
		if (depth < 0)
			return 0;
		if (*p == '\\' && p[1] != '\0')
			p++;
		else if (*p == '[') {
			for (p++; *p != '\0' && *p != ']'; p++)
				if (*p == '\\' && p[1] != '\0')
					p++;
			if (*p == '\0')
				return 0;
		} else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return 0;
	}
	for (p = pat + 1; p <= close; p = q + 1) {
		q = p + strcspn(p, "|)");
		if (q == p)
			return 0;
	}
	for (p = pat + 1; p < close; p = q + 1) {
		q = p + strcspn(p, "|)");
		lit_add(p, q - p, cat);
	}
	return 1;
}


static struct cat *
cat_find(const char *name)
{
	int i;

	if (strcmp(name, "*") == 0)
		return &anyguard;
	for (i = 0; i < ncats; i++)
		if (strcmp(cats[i].name, name) == 0)
			return &cats[i];
	return NULL;
}

static struct cat *
cat_get(const char *name)
{
	struct cat *c = cat_find(name);

	if (c != NULL || ncats == MAXCAT)
		return c;
	memset(&cats[ncats], 0, sizeof cats[ncats]);
	cats[ncats].name = xstrdup(name);
	return &cats[ncats++];
}

/*
 * Check one pattern alone, so an error names its line and column (in
 * characters; col is the pattern's first column).
 */
static int
check(const char *path, unsigned long line, const char *pat, size_t col)
{
	pcre2_code *re;
	int ec;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
	    PCRE2_UCP, &ec, &off, NULL);
	if (re == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		yq_warnx("%s:%lu:%zu: %s", path, line, col + utf8_len(pat, off),
		    (char *)msg);
		return -1;
	}
	pcre2_code_free(re);
	return 0;
}

/* Add pat to *alt as one more alternative. */
static void
alt_add(char **alt, const char *pat)
{
	char *s = *alt == NULL ? xasprintf("(?:%s)", pat) :
	    xasprintf("%s|(?:%s)", *alt, pat);

	free(*alt);
	*alt = s;
}

/*
 * One line: "category<TAB>pattern" (evidence) or
 * "category<TAB>guard<TAB>pattern".  Returns 0, or -1 after reporting
 * file:line.
 */
static int
load_line(const char *path, unsigned long ln, char *line)
{
	char *pat = strchr(line, '\t'), *kw = NULL, *tab;
	struct cat *c;

	if (pat == NULL || pat == line || pat[1] == '\0')
		goto want;
	*pat++ = '\0';
	if ((tab = strchr(pat, '\t')) != NULL) {
		kw = pat;
		*tab = '\0';
		pat = tab + 1;
		if (strcmp(kw, "guard") != 0) {
			yq_warnx("%s:%lu: unknown word '%s' (want guard)", path, ln, kw);
			return -1;
		}
		if (*pat == '\0')
			goto want;
	}
	if (check(path, ln, pat, utf8_len(line, strlen(line)) + 2 +
	    (kw ? utf8_len(kw, strlen(kw)) + 1 : 0)) < 0)
		return -1;
	if (kw != NULL) {
		/* Guards follow their category's patterns, so a typo shows. */
		if ((c = cat_find(line)) == NULL) {
			yq_warnx("%s:%lu: guard for '%s' before any pattern of it",
			    path, ln, line);
			return -1;
		}
		alt_add(&c->galt, pat);
		return 0;
	}
	if (strcmp(line, "*") == 0) {
		yq_warnx("%s:%lu: '*' takes guards only", path, ln);
		return -1;
	}
	if ((c = cat_get(line)) == NULL) {
		yq_warnx("%s:%lu: more than %d categories", path, ln, MAXCAT);
		return -1;
	}
	if (!lit_prefix(pat, (int)(c - cats)))
		c->always = 1;
	alt_add(&c->alt, pat);
	return 0;
want:
	yq_warnx("%s:%lu: want 'category<TAB>pattern' or 'category<TAB>guard<TAB>pattern'",
	    path, ln);
	return -1;
}

/*
 * Compile a category's patterns and guards.  The patterns sit in a
 * branch-reset group, so each line's capturing groups, the words of the
 * hit a guard is checked against, are numbered from 1.
 */
static int
cat_compile(const char *path, struct cat *c)
{
	char *s;
	int ec;
	PCRE2_SIZE off;
	const uint32_t opt = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;

	if (c->alt != NULL) {
		s = xasprintf("(?|%s)", c->alt);
		c->re = pcre2_compile((PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, opt,
		    &ec, &off, NULL);
		free(s);
		if (c->re == NULL) {
			yq_warnx("%s: category %s does not compile", path, c->name);
			return -1;
		}
		yq_jit(c->re);
		c->md = pcre2_match_data_create_from_pattern(c->re, NULL);
	}
	if (c->galt == NULL)
		return 0;
	c->gre = pcre2_compile((PCRE2_SPTR)c->galt, PCRE2_ZERO_TERMINATED, opt,
	    &ec, &off, NULL);
	if (c->gre == NULL) {
		yq_warnx("%s: the guards of %s do not compile", path, c->name);
		return -1;
	}
	yq_jit(c->gre);
	c->gmd = pcre2_match_data_create_from_pattern(c->gre, NULL);
	return 0;
}

int
cat_load(const char *path)
{
	struct datafile *df = df_open(path, 65536, 0);
	char *line;
	size_t len;
	int r, i;

	if (df == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = df_next(df, &line, &len)) > 0)
		if (load_line(path, df_lineno(df), line) < 0) {
			df_close(df);
			return -1;
		}
	if (df_close(df) < 0 || r < 0)
		return -1;
	lit_sort();
	for (i = 0; i < ncats; i++)
		if (cat_compile(path, &cats[i]) < 0)
			return -1;
	return cat_compile(path, &anyguard);
}

/* The byte after the character at i (at least one byte on). */
static size_t
next_char(const char *text, size_t n, size_t i)
{
	uint32_t ch;
	size_t k = i < n ? utf8_decode(text + i, n - i, &ch) : 0;

	return i + (k > 0 ? k : 1);
}

/* Find the spans re matches in text: leftmost, not overlapping. */
static void
spans_find(struct spans *s, pcre2_code *re, pcre2_match_data *md,
    const char *text, size_t n)
{
	PCRE2_SIZE at = 0, *ov;

	s->n = 0;
	s->done = 1;
	while (re != NULL && at <= n &&
	    pcre2_match(re, (PCRE2_SPTR)text, n, at, 0, md, NULL) > 0) {
		ov = pcre2_get_ovector_pointer(md);
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 16;
			s->v = xrealloc(s->v, 2 * s->cap * sizeof *s->v);
		}
		s->v[2 * s->n] = ov[0];
		s->v[2 * s->n++ + 1] = ov[1];
		at = ov[1] > ov[0] ? ov[1] : next_char(text, n, ov[0]);
	}
}

/* Whether [a, b) overlaps a span of s. */
static int
spans_overlap(const struct spans *s, PCRE2_SIZE a, PCRE2_SIZE b)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (a < s->v[2 * i + 1] && s->v[2 * i] < b)
			return 1;
	return 0;
}

static struct spans gs[2];

/*
 * Whether c's hit in its match data (rc from pcre2_match) is cancelled:
 * a guard of c or of "*" overlaps one of the hit's words, its capturing
 * groups, or the whole match when it has none.
 */
static int
guarded(const struct cat *c, int rc, const char *text, size_t n)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
	int i, k;

	if (!gs[0].done)
		spans_find(&gs[0], anyguard.gre, anyguard.gmd, text, n);
	if (!gs[1].done)
		spans_find(&gs[1], c->gre, c->gmd, text, n);
	if (gs[0].n == 0 && gs[1].n == 0)
		return 0;
	for (i = rc > 1 ? 1 : 0; i < rc; i++) {
		if (ov[2 * i] == PCRE2_UNSET || ov[2 * i] == ov[2 * i + 1])
			continue;
		for (k = 0; k < 2; k++)
			if (spans_overlap(&gs[k], ov[2 * i], ov[2 * i + 1]))
				return 1;
	}
	return 0;
}

/* Whether c has a hit in text that no guard cancels. */
static int
cat_hit(const struct cat *c, const char *text, size_t n)
{
	PCRE2_SIZE at = 0;
	int rc;

	gs[1].done = 0;
	while (at <= n && (rc = pcre2_match(c->re, (PCRE2_SPTR)text, n, at, 0,
	    c->md, NULL)) > 0) {
		if (!guarded(c, rc, text, n))
			return 1;
		/* A later start may hold an unguarded hit. */
		at = next_char(text, n, pcre2_get_ovector_pointer(c->md)[0]);
	}
	return 0;
}

/* Mark in possible the categories the prefilter's words allow. */
static void
prefilter(const char *text, size_t n, char *possible)
{
	size_t i, k;
	uint32_t key, ch;
	int c;

	for (c = 0; c < ncats; c++)
		possible[c] = cats[c].always || !cat_prefilter;
	for (i = 0; cat_prefilter && i < n; i += k) {
		k = utf8_decode(text + i, n - i, &ch);
		if (k == 0)
			k = 1;
		if (single && (key = lit_key(text + i, k),
		    litpairs[key >> 3] & (1 << (key & 7))))
			lit_find(text + i, n - i, key, possible);
		key = lit_key(text + i, n - i);
		if (litpairs[key >> 3] & (1 << (key & 7)))
			lit_find(text + i, n - i, key, possible);
	}
}

json_t *
cat_match(const char *text)
{
	json_t *out = json_array();
	size_t n = strlen(text);
	int c, emergency = 0;
	char possible[MAXCAT];

	prefilter(text, n, possible);
	gs[0].done = 0;
	for (c = 0; c < ncats; c++) {
		if (!possible[c] || cats[c].re == NULL || !cat_hit(&cats[c], text, n))
			continue;
		/* A kind of emergency is an emergency too. */
		if (strncmp(cats[c].name, "emergency.", 10) == 0 && !emergency) {
			json_array_append_new(out, json_string("emergency"));
			emergency = 1;
		}
		if (strcmp(cats[c].name, "emergency") == 0) {
			if (emergency)
				continue;
			emergency = 1;
		}
		json_array_append_new(out, json_string(cats[c].name));
	}
	return out;
}

static void
cat_clear(struct cat *c)
{
	free(c->name);
	free(c->alt);
	free(c->galt);
	pcre2_code_free(c->re);
	pcre2_code_free(c->gre);
	pcre2_match_data_free(c->md);
	pcre2_match_data_free(c->gmd);
	/* A failed load leaves re and md unset: no stale pointers. */
	memset(c, 0, sizeof *c);
}

void
cat_free(void)
{
	int i;

	for (i = 0; i < ncats; i++)
		cat_clear(&cats[i]);
	cat_clear(&anyguard);
	ncats = 0;
	for (i = 0; i < (int)nlits; i++)
		free(lits[i].s);
	free(lits);
	lits = NULL;
	nlits = caplits = 0;
	single = 0;
	memset(litpairs, 0, sizeof litpairs);
	for (i = 0; i < 2; i++) {
		free(gs[i].v);
		memset(&gs[i], 0, sizeof gs[i]);
	}
}
