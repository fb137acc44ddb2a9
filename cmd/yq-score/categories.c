/*
 * categories.c: the must-respond and signal categories, each a set of
 * PCRE2 patterns from a data file (categories.conf), compiled into one
 * alternation per category.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MAXCAT 32

static struct cat {
	char *name;
	char *alt;		/* the patterns joined by | */
	pcre2_code *re;
	pcre2_match_data *md;
	int always;		/* a pattern of it has no literal start */
} cats[MAXCAT];
static int ncats;

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

/* Mark the categories of the words with this key that begin s. */
static void
lit_find(const char *s, size_t n, uint32_t key, char *possible)
{
	size_t j;

	for (j = 0; j < nlits; j++)
		if (lits[j].key == key && lits[j].len <= n &&
		    memcmp(lits[j].s, s, lits[j].len) == 0)
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
cat_get(const char *name)
{
	int i;

	for (i = 0; i < ncats; i++)
		if (strcmp(cats[i].name, name) == 0)
			return &cats[i];
	if (ncats == MAXCAT)
		return NULL;
	cats[ncats].name = xstrdup(name);
	cats[ncats].alt = NULL;
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
		warnx("%s:%lu:%zu: %s", path, line, col + utf8_len(pat, off),
		    (char *)msg);
		return -1;
	}
	pcre2_code_free(re);
	return 0;
}

int
cat_load(const char *path)
{
	struct linereader *lr = lr_open(path, 65536);
	char *line, *tab;
	size_t len;
	struct cat *c;
	int r, i, ec;
	PCRE2_SIZE off;

	if (lr == NULL) {
		warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r != REC_OK || len == 0 || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL || tab == line || tab[1] == '\0') {
			warnx("%s:%lu: want 'category<TAB>pattern'", path, lr_lineno(lr));
			lr_close(lr);
			return -1;
		}
		*tab = '\0';
		if (check(path, lr_lineno(lr), tab + 1, utf8_len(line, tab - line) + 2) < 0) {
			lr_close(lr);
			return -1;
		}
		if ((c = cat_get(line)) == NULL) {
			warnx("%s:%lu: more than %d categories", path,
			    lr_lineno(lr), MAXCAT);
			lr_close(lr);
			return -1;
		}
		if (!lit_prefix(tab + 1, (int)(c - cats)))
			c->always = 1;
		if (c->alt == NULL)
			c->alt = xasprintf("(?:%s)", tab + 1);
		else {
			char *s = xasprintf("%s|(?:%s)", c->alt, tab + 1);

			free(c->alt);
			c->alt = s;
		}
	}
	lr_close(lr);
	for (i = 0; i < ncats; i++) {
		cats[i].re = pcre2_compile((PCRE2_SPTR)cats[i].alt,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_MATCH_INVALID_UTF, &ec, &off, NULL);
		if (cats[i].re == NULL) {
			warnx("%s: category %s does not compile", path, cats[i].name);
			return -1;
		}
		yq_jit(cats[i].re);
		cats[i].md = pcre2_match_data_create_from_pattern(cats[i].re, NULL);
	}
	return 0;
}

json_t *
cat_match(const char *text)
{
	json_t *out = json_array();
	size_t n = strlen(text), i, k;
	int c, emergency = 0;
	char possible[MAXCAT];
	uint32_t key;

	for (c = 0; c < ncats; c++)
		possible[c] = cats[c].always || !cat_prefilter;
	for (i = 0; cat_prefilter && i < n; i += k) {
		uint32_t ch;

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
	for (c = 0; c < ncats; c++) {
		if (!possible[c])
			continue;
		if (pcre2_match(cats[c].re, (PCRE2_SPTR)text, n, 0, 0, cats[c].md,
		    NULL) < 0)
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

void
cat_free(void)
{
	int i;

	for (i = 0; i < ncats; i++) {
		free(cats[i].name);
		free(cats[i].alt);
		pcre2_code_free(cats[i].re);
		pcre2_match_data_free(cats[i].md);
		/* A failed load leaves re and md unset: no stale pointers. */
		memset(&cats[i], 0, sizeof cats[i]);
	}
	ncats = 0;
	for (i = 0; i < (int)nlits; i++)
		free(lits[i].s);
	free(lits);
	lits = NULL;
	nlits = caplits = 0;
	single = 0;
	memset(litpairs, 0, sizeof litpairs);
}
