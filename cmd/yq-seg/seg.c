/*
 * seg.c: cutting text into tokens.
 *
 * A first pass splits the text into spans by character class: runs of
 * Chinese characters, and the tokens that must stay whole (URLs, e-mail
 * addresses, @mentions, #话题# hashtags, [表情] emoticons, numbers with
 * their decimals, percent sign and unit, Latin words, numeric dates and
 * times), punctuation and space.  A run of Chinese characters is then cut
 * by the dictionary: the DAG of the words found at each position and the
 * route of highest log probability through it; runs of single characters
 * that the dictionary does not join go to the HMM for unknown words.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "seg.h"
#include "utf8.h"
#include "yq.h"

/* Counts that stand in for frequencies of rule-made spans. */
#define NUMERAL_LOGF 9.0	/* Chinese numerals (and a unit): 十二人 */
#define MAXWORD 32		/* longest dictionary word, in characters */

/* ------------------------------------------------------------ classes */

static int
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v' || c == 0xa0 || (c >= 0x2000 && c <= 0x200b) ||
	    c == 0x3000 || c == 0xfeff || c == 0x202f || c == 0x205f;
}

static int
is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_han(uint32_t c)
{
	/* 〇, and ○ as Chinese text writes zero in years: 二○二六年. */
	return utf8_is_cjk(c) || c == 0x3007 || c == 0x25cb;
}

/*
 * Character classes by table, built once from the lists below (looking
 * each character up in a string was a tenth of the run time).
 */
enum { C_NUMERAL = 1, C_UNIT = 2, C_SURNAME = 4 };

static unsigned char cclass[0x10000];

static void
class_add(const char *list, int bit)
{
	size_t n = strlen(list), i = 0, k;
	uint32_t c;

	while (i < n) {
		k = utf8_decode(list + i, n - i, &c);
		if (k == 0)
			return;
		if (c < 0x10000)
			cclass[c] |= bit;
		i += k;
	}
}

static int
has_class(uint32_t c, int bit)
{
	static int ready;

	if (!ready) {
		class_add("零〇○一二三四五六七八九十百千万亿两", C_NUMERAL);
		/* Units that stay with the number before them: 3.5亿, 12月, 十二人. */
		class_add("年月日号时点分秒亿万千百元角岁人名个次件起天周台辆家所位"
		    "条项倍米吨度克斤户套间层届期批支只头股份", C_UNIT);
		/* Common surnames, for names the HMM finds and --fine. */
		class_add("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
		    "曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
		    "石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万"
		    "钱严覃武戴莫孔向汤", C_SURNAME);
		ready = 1;
	}
	return c < 0x10000 && (cclass[c] & bit) != 0;
}

static int
is_cn_numeral(uint32_t c)
{
	return has_class(c, C_NUMERAL);
}

static int
is_unit(uint32_t c)
{
	return has_class(c, C_UNIT);
}

/*
 * With --fine only dates keep their unit: a year of four digits (or
 * four numerals), and months and days; 万 and 亿 are numerals.
 */
static int
is_date_unit(uint32_t c, int long_number)
{
	return (c == 0x5e74 && long_number) ||	/* 年 */
	    c == 0x6708 || c == 0x65e5 ||	/* 月 日 */
	    c == 0x4e07 || c == 0x4ebf;		/* 万 亿 */
}

/* ------------------------------------------------------------ scanning */

struct scan {
	const char *s;
	size_t n;
	const unsigned char *wide;	/* per byte: full-width before, or NULL */
};

/* Was the byte at i a full-width form before normalisation? */
static int
was_wide(const struct scan *sc, size_t i)
{
	return sc->wide != NULL && i < sc->n && sc->wide[i];
}

/* Code point at i (U+FFFD and length 1 for a bad byte). */
static uint32_t
cp_at(const struct scan *sc, size_t i, size_t *len)
{
	uint32_t c;

	if (i >= sc->n) {
		*len = 0;
		return 0;
	}
	if ((unsigned char)sc->s[i] < 0x80) {
		*len = 1;
		return (unsigned char)sc->s[i];
	}
	*len = utf8_decode(sc->s + i, sc->n - i, &c);
	if (*len == 0)
		*len = 1;
	return c;
}

static void
push(struct tokens *t, size_t off, size_t len, int cls, int tag)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	t->v[t->n].off = off;
	t->v[t->n].len = len;
	t->v[t->n].cls = cls;
	t->v[t->n].tag = tag;
	t->n++;
}

/*
 * The end of a URL at i.  It stops at the first character that was
 * full-width in the original text: "http://t.cn/A6x，@张三" ends before
 * the comma, so the token is the original bytes.
 */
static size_t
url_end(const struct scan *sc, size_t i)
{
	static const char ok[] = "-._~:/?#[]@!$&'()*+,;=%";
	size_t j = i;

	while (j < sc->n && (unsigned char)sc->s[j] < 0x80 && !was_wide(sc, j) &&
	    (is_alpha(sc->s[j]) || is_digit(sc->s[j]) || strchr(ok, sc->s[j])))
		j++;
	/* Trailing punctuation belongs to the sentence. */
	while (j > i && strchr(".,;:!?)'", sc->s[j - 1]))
		j--;
	return j;
}

/* Does p start at i, written in ASCII in the original text? */
static int
starts(const struct scan *sc, size_t i, const char *p)
{
	size_t n = strlen(p), k;

	if (i + n > sc->n || strncasecmp(sc->s + i, p, n) != 0)
		return 0;
	for (k = i; k < i + n; k++)
		if (was_wide(sc, k))
			return 0;
	return 1;
}

/* An e-mail address starting at i: its end, or 0. */
static size_t
email_end(const struct scan *sc, size_t i)
{
	size_t j = i, at, dot = 0;

	while (j < sc->n && (is_alpha(sc->s[j]) || is_digit(sc->s[j]) ||
	    strchr("._%+-", sc->s[j])))
		j++;
	if (j == i || j >= sc->n || sc->s[j] != '@')
		return 0;
	at = ++j;
	while (j < sc->n && (is_alpha(sc->s[j]) || is_digit(sc->s[j]) ||
	    sc->s[j] == '-' || sc->s[j] == '.')) {
		if (sc->s[j] == '.')
			dot = j;
		j++;
	}
	while (j > at && sc->s[j - 1] == '.')
		j--;
	if (dot <= at || dot + 2 >= j + 0 || !is_alpha(sc->s[j - 1]))
		return 0;
	return j;
}

/* @name: Chinese, Latin, digits, _ and -, up to 30 characters. */
static size_t
mention_end(const struct scan *sc, size_t i)
{
	size_t j = i + 1, k, count = 0;
	uint32_t c;

	while (j < sc->n && count < 30) {
		c = cp_at(sc, j, &k);
		if (!(is_han(c) || is_alpha(c) || is_digit(c) || c == '_' || c == '-'))
			break;
		j += k;
		count++;
	}
	return count > 0 ? j : 0;
}

/* #话题# or [表情]: closing mark within limit characters, no space inside. */
static size_t
closed_end(const struct scan *sc, size_t i, char close, int limit)
{
	size_t j = i + 1, k;
	int count = 0;
	uint32_t c;

	while (j < sc->n && count <= limit) {
		c = cp_at(sc, j, &k);
		if (c == (uint32_t)close)
			return count > 0 ? j + 1 : 0;
		if (c == '\n' || c == '[' || c == ']' || (close == ']' && is_space(c)))
			return 0;
		j += k;
		count++;
	}
	return 0;
}

/* After "2026": "-11-20" or "/11/20" (1 or 2 digits each); its end, or 0. */
static size_t
date_end(const struct scan *sc, size_t j)
{
	char sep = j < sc->n ? sc->s[j] : 0;
	int part;
	size_t k;

	if (sep != '-' && sep != '/')
		return 0;
	for (part = 0; part < 2; part++) {
		if (j >= sc->n || sc->s[j] != sep)
			return 0;
		for (k = j + 1; k < sc->n && k - j <= 2 && is_digit(sc->s[k]); k++)
			;
		if (k == j + 1 || (k < sc->n && is_digit(sc->s[k])))
			return 0;
		j = k;
	}
	return j;
}

/*
 * After "2026年" or "11月": one or two digits and the next unit of a date
 * (月 after 年; 日 or 号 after 月); its end, or 0.
 */
static size_t
date_next(const struct scan *sc, size_t j, uint32_t after)
{
	size_t k = j, len;
	uint32_t c;

	while (k < sc->n && k - j < 2 && is_digit(sc->s[k]))
		k++;
	if (k == j || (k < sc->n && is_digit(sc->s[k])))
		return 0;
	c = cp_at(sc, k, &len);
	if (after == 0x5e74 ? c == 0x6708 : (c == 0x65e5 || c == 0x53f7))
		return k + len;
	return 0;
}

/*
 * A number at i: digits with decimal separators, a percent sign, or a
 * numeric date or time (2026-11-20, 2026/11/20, 09:30:00), then one unit;
 * a date in Chinese form (2026年11月20日, 11月20号) is one token but with
 * --fine, which keeps the bakeoff's year, month and day apart.
 */
static size_t
number_end(const struct scan *sc, size_t i, int *is_num, int fine)
{
	size_t j = i, k;
	uint32_t c;

	*is_num = 1;
	while (j < sc->n && is_digit(sc->s[j]))
		j++;
	/* A numeric date, 2026-11-20 or 2026/11/20, is one token. */
	if (j - i == 4 && (k = date_end(sc, j)) > 0)
		return k;
	/* A time, 09:30 or 09:30:00. */
	if (j - i <= 2 && j + 2 < sc->n && sc->s[j] == ':' && is_digit(sc->s[j + 1]) &&
	    is_digit(sc->s[j + 2])) {
		j += 3;
		if (j + 2 < sc->n && sc->s[j] == ':' && is_digit(sc->s[j + 1]) &&
		    is_digit(sc->s[j + 2]))
			j += 3;
		return j;
	}
	while (j + 1 < sc->n && (sc->s[j] == '.' || sc->s[j] == ',') &&
	    is_digit(sc->s[j + 1])) {
		j++;
		while (j < sc->n && is_digit(sc->s[j]))
			j++;
	}
	if (j < sc->n && sc->s[j] == '%')
		return j + 1;
	c = cp_at(sc, j, &k);
	if (fine ? is_date_unit(c, j - i >= 4) : is_unit(c)) {
		size_t ndig = j - i, d;

		j += k;
		if (!fine && ((c == 0x5e74 && ndig == 4) || (c == 0x6708 && ndig <= 2))) {
			while ((d = date_next(sc, j, c)) > 0) {
				j = d;
				if (c != 0x5e74)
					break;
				c = 0x6708;
			}
			return j;
		}
		/* 3.5亿元, 5万人: a second unit after 万 or 亿. */
		if (c == 0x4e07 || c == 0x4ebf) {
			uint32_t c2 = cp_at(sc, j, &k);

			if (c2 == 0x5143 || c2 == 0x4eba)	/* 元 人 */
				j += k;
		}
	} else if (is_alpha(c)) {
		/* 5G, 3D, 10km: a Latin word with digits. */
		while (j < sc->n && (is_alpha(sc->s[j]) || is_digit(sc->s[j])))
			j++;
		*is_num = 0;
	}
	return j;
}

static size_t
latin_end(const struct scan *sc, size_t i)
{
	size_t j = i;

	while (j < sc->n && (is_alpha(sc->s[j]) || is_digit(sc->s[j]) ||
	    ((sc->s[j] == '-' || sc->s[j] == '\'' || sc->s[j] == '_' ||
	    sc->s[j] == '.') && j + 1 < sc->n && (is_alpha(sc->s[j + 1]) ||
	    is_digit(sc->s[j + 1])))))
		j++;
	return j;
}

/* ------------------------------------------------------------ the DAG */

struct work {
	size_t *off;		/* byte offset of each character, n + 1 */
	uint32_t *cp;
	int *edges;		/* per position, MAXWORD ends at most */
	float *elogp;
	uint16_t *etag;		/* the dictionary tag of each edge */
	int *nedge;
	double *route;
	int *next;
	size_t cap;
};

static struct work W;

static void
work_reserve(size_t n)
{
	if (n + 1 <= W.cap)
		return;
	W.cap = (n + 1) * 2;
	W.off = xrealloc(W.off, W.cap * sizeof *W.off);
	W.cp = xrealloc(W.cp, W.cap * sizeof *W.cp);
	W.edges = xrealloc(W.edges, W.cap * MAXWORD * sizeof *W.edges);
	W.elogp = xrealloc(W.elogp, W.cap * MAXWORD * sizeof *W.elogp);
	W.etag = xrealloc(W.etag, W.cap * MAXWORD * sizeof *W.etag);
	W.nedge = xrealloc(W.nedge, W.cap * sizeof *W.nedge);
	W.route = xrealloc(W.route, W.cap * sizeof *W.route);
	W.next = xrealloc(W.next, W.cap * sizeof *W.next);
}

static void
add_edge(size_t i, int end, float logp, int tag)
{
	int k;

	for (k = 0; k < W.nedge[i]; k++) {
		if (W.edges[i * MAXWORD + k] == end) {
			if (logp > W.elogp[i * MAXWORD + k])
				W.elogp[i * MAXWORD + k] = logp;
			return;
		}
	}
	if (W.nedge[i] < MAXWORD) {
		W.edges[i * MAXWORD + W.nedge[i]] = end;
		W.etag[i * MAXWORD + W.nedge[i]] = tag;
		W.elogp[i * MAXWORD + W.nedge[i]++] = logp;
	}
}

/* The tag of the edge from i to e (0xffff when it is not a word). */
static int
edge_tag(size_t i, size_t e)
{
	int k;

	for (k = 0; k < W.nedge[i]; k++)
		if (W.edges[i * MAXWORD + k] == (int)e)
			return W.etag[i * MAXWORD + k];
	return 0xffff;
}

static void
build_dag(const struct dict *d, const char *s, size_t n, int fine)
{
	size_t i, j;
	uint64_t h;
	const struct slot *sl;

	struct slot tmp;

	for (i = 0; i < n; i++) {
		W.nedge[i] = 0;
		h = DICT_HASH_INIT;
		for (j = i; j < n && j - i < MAXWORD; j++) {
			h = dict_hash(h, s + W.off[j], W.off[j + 1] - W.off[j]);
			if (j == i)
				sl = dict_get_char(d, W.cp[i], h,
				    W.off[i + 1] - W.off[i], &tmp);
			else if (!dict_maybe2(d, h))
				sl = NULL;	/* surely not a key: no table probe */
			else
				sl = dict_get(d, h, W.off[j + 1] - W.off[i]);
			if (sl == NULL)
				break;
			if (sl->val > SEG_NOWORD)
				add_edge(i, j, sl->val - d->logtotal,
				    sl->tag < 64 ? sl->tag : 0xffff);
		}
		/* Chinese numerals, and a unit after them, make one word. */
		if (is_cn_numeral(W.cp[i])) {
			for (j = i; j + 1 < n && is_cn_numeral(W.cp[j + 1]); j++)
				;
			if (j + 1 < n && (fine ? is_date_unit(W.cp[j + 1], j - i >= 3) :
			    is_unit(W.cp[j + 1])))
				j++;
			if (j > i)
				add_edge(i, j, NUMERAL_LOGF - d->logtotal, 0xffff);
		}
		if (W.nedge[i] == 0)
			add_edge(i, i, -d->logtotal, 0xffff);
	}
}

static void
best_route(size_t n)
{
	size_t i;
	int k;

	W.route[n] = 0;
	for (i = n; i-- > 0;) {
		double best = -INFINITY;
		int arg = (int)i;

		for (k = 0; k < W.nedge[i]; k++) {
			int e = W.edges[i * MAXWORD + k];
			double v = W.elogp[i * MAXWORD + k] + W.route[e + 1];

			if (v > best || (v == best && e > arg)) {
				best = v;
				arg = e;
			}
		}
		W.route[i] = best;
		W.next[i] = arg;
	}
}

/* ------------------------------------------------------------ the HMM */

enum { B, E, M, S };

/* Viterbi over characters [a, b) of the run; pushes the words found. */
static int tag_of(const struct dict *d, const char *s, size_t len);

static void push_word(const struct dict *d, const struct segopts *o,
    const char *s, size_t i, size_t e, size_t base, int cls, int tag,
    struct tokens *t);

static void
hmm_cut(const struct dict *d, const struct segopts *o, const char *s, size_t a,
    size_t b, size_t base, struct tokens *t)
{
	static double (*v)[4];
	static unsigned char (*from)[4];
	static size_t vcap;
	const struct hmm *m = &d->hmm;
	size_t n = b - a, i, start;
	int st, p, best;
	unsigned char state;

	if (n > vcap) {
		vcap = n * 2;
		v = xrealloc(v, vcap * sizeof *v);
		from = xrealloc(from, vcap * sizeof *from);
	}
	for (st = 0; st < 4; st++)
		v[0][st] = m->start[st] + (W.cp[a] < 0x10000 ? m->emit[W.cp[a]][st] : -3.14e30);
	for (i = 1; i < n; i++) {
		uint32_t c = W.cp[a + i];

		for (st = 0; st < 4; st++) {
			double e = c < 0x10000 ? m->emit[c][st] : -3.14e30, bv = -INFINITY;

			best = 0;
			for (p = 0; p < 4; p++) {
				double x = v[i - 1][p] + m->trans[p][st];

				if (x > bv) {
					bv = x;
					best = p;
				}
			}
			v[i][st] = bv + e;
			from[i][st] = best;
		}
	}
	/* The last character ends a word: E or S. */
	state = v[n - 1][E] >= v[n - 1][S] ? E : S;
	for (i = n; i-- > 0;) {
		unsigned char prev = i > 0 ? from[i][state] : 0;

		v[i][0] = state;	/* reuse as the decoded state */
		state = prev;
	}
	start = 0;
	for (i = 0; i < n; i++) {
		int q = (int)v[i][0];

		if (q == B || q == S)
			start = i;
		if (q == E || q == S || i == n - 1) {
			size_t off = W.off[a + start], l = W.off[a + i + 1] - off;

			if (i == start)	/* one character: the dictionary may know it */
				push(t, base + off, l, TK_WORD, tag_of(d, s + off, l));
			else
				push_word(d, o, s, a + start, a + i, base, TK_HMM, 0xffff, t);
			start = i + 1;
		}
	}
}

static int
is_word(const struct dict *d, const char *s, size_t len)
{
	const struct slot *sl = dict_get(d, dict_hash(DICT_HASH_INIT, s, len), len);

	return sl != NULL && sl->val > SEG_NOWORD;
}

static int
tag_of(const struct dict *d, const char *s, size_t len)
{
	const struct slot *sl = dict_get(d, dict_hash(DICT_HASH_INIT, s, len), len);

	return sl != NULL && sl->val > SEG_NOWORD && sl->tag < 64 ? sl->tag : 0xffff;
}

static int
is_function_char(const struct dict *d, int tag)
{
	static const char *const function_tags[] = { "u", "uj", "ul", "uv", "uz",
	    "ud", "ug", "p", "c", "y", "e", NULL };
	int k;

	if (tag >= d->ntags)
		return 0;
	for (k = 0; function_tags[k] != NULL; k++)
		if (strcmp(d->tags[tag], function_tags[k]) == 0)
			return 1;
	return 0;
}

/* Emit the single characters buffered in [a, b): through the HMM or as they are. */
static void
flush_singles(const struct dict *d, const struct segopts *o, const char *s,
    size_t a, size_t b, size_t base, struct tokens *t)
{
	size_t i;

	if (b == a)
		return;
	if (b - a > 1 && o->hmm && !is_word(d, s + W.off[a], W.off[b] - W.off[a])) {
		/*
		 * A function character (particle, preposition, conjunction,
		 * modal or interjection: 的 了 在 和 吗) is never inside an
		 * unknown word: cut the buffer around it.
		 */
		for (i = a; i < b; i++) {
			if (!is_function_char(d, edge_tag(i, i)))
				continue;
			flush_singles(d, o, s, a, i, base, t);
			push(t, base + W.off[i], W.off[i + 1] - W.off[i], TK_WORD,
			    edge_tag(i, i));
			flush_singles(d, o, s, i + 1, b, base, t);
			return;
		}
		hmm_cut(d, o, s, a, b, base, t);
		return;
	}
	for (i = a; i < b; i++)
		push(t, base + W.off[i], W.off[i + 1] - W.off[i], TK_WORD,
		    edge_tag(i, i));
}

static int is_surname(uint32_t c);

/*
 * --fine: the best cut of characters [i, e] into dictionary words of two
 * characters or more, other than the whole; pushes them and returns 1, or
 * returns 0 when there is none.
 */
static int
split_compound(const struct dict *d, const char *s, size_t i, size_t e,
    size_t base, struct tokens *t)
{
	double best[MAXWORD + 2];
	int next[MAXWORD + 2];
	size_t n = e - i + 1, a, b;

	if (n < 4 || n > MAXWORD)
		return 0;
	best[n] = 0;
	for (a = n; a-- > 0;) {
		best[a] = -INFINITY;
		for (b = a + 1; b < n; b++) {
			const char *w = s + W.off[i + a];
			size_t l = W.off[i + b + 1] - W.off[i + a];
			const struct slot *sl;

			if (a == 0 && b == n - 1)
				continue;	/* not the whole word */
			sl = dict_get(d, dict_hash(DICT_HASH_INIT, w, l), l);
			if (sl == NULL)
				break;
			if (sl->val > SEG_NOWORD && best[b + 1] > -INFINITY &&
			    sl->val - d->logtotal + best[b + 1] > best[a]) {
				best[a] = sl->val - d->logtotal + best[b + 1];
				next[a] = b;
			}
		}
	}
	if (best[0] == -INFINITY)
		return 0;
	for (a = 0; a < n; a = next[a] + 1) {
		size_t o = W.off[i + a], l = W.off[i + next[a] + 1] - o;
		const struct slot *sl = dict_get(d, dict_hash(DICT_HASH_INIT, s + o, l), l);

		push(t, base + o, l, TK_WORD, sl && sl->tag < 64 ? sl->tag : 0xffff);
	}
	return 1;
}

/* Push the word of characters [i, e], cut finer with --fine. */
static void
push_word(const struct dict *d, const struct segopts *o, const char *s,
    size_t i, size_t e, size_t base, int cls, int tag, struct tokens *t)
{
	size_t off = W.off[i], len = W.off[e + 1] - off, n = e - i + 1;
	const char *tn = tag < d->ntags ? d->tags[tag] : "";

	if (o->fine && n >= 2 && n <= 4 && is_surname(W.cp[i]) &&
	    (strcmp(tn, "nr") == 0 || (cls == TK_HMM && n <= 3))) {
		/* 江泽民 -> 江 泽民: surname and given name, as PKU writes them. */
		push(t, base + off, W.off[i + 1] - off, TK_WORD, tag);
		push(t, base + W.off[i + 1], W.off[e + 1] - W.off[i + 1], cls, tag);
		return;
	}
	if (o->numbers && n >= 2 && is_unit(W.cp[e]) && !is_date_unit(W.cp[e], n >= 5)) {
		size_t k;

		/* 三个, 十二人: the number apart from its measure word. */
		for (k = i; k < e && is_cn_numeral(W.cp[k]); k++)
			;
		if (k == e) {
			push(t, base + off, W.off[e] - off, TK_NUM, 0xffff);
			push(t, base + W.off[e], W.off[e + 1] - W.off[e], TK_WORD,
			    tag_of(d, s + W.off[e], W.off[e + 1] - W.off[e]));
			return;
		}
	}
	if (o->fine && cls == TK_WORD && strcmp(tn, "i") != 0 &&
	    strcmp(tn, "l") != 0 && split_compound(d, s, i, e, base, t))
		return;
	push(t, base + off, len, cls, tag);
}

/* Cut one run of Chinese characters s[0..len) at offset base. */
static void
cut_han(const struct dict *d, const struct segopts *o, const char *s,
    size_t len, size_t base, struct tokens *t)
{
	size_t n = 0, i, k, single;
	int tag;

	work_reserve(len);
	for (i = 0; i < len; i += k) {
		W.off[n] = i;
		k = utf8_decode(s + i, len - i, &W.cp[n]);
		if (k == 0)
			k = 1;
		n++;
	}
	W.off[n] = len;
	build_dag(d, s, n, o->numbers);
	best_route(n);
	single = 0;
	for (i = 0; i < n; i = W.next[i] + 1) {
		size_t e = W.next[i];

		if (e == i)
			continue;	/* a single character: keep buffering */
		flush_singles(d, o, s, single, i, base, t);
		tag = edge_tag(i, e);
		push_word(d, o, s, i, e, base,
		    tag == 0xffff && is_cn_numeral(W.cp[i]) ? TK_NUM : TK_WORD, tag, t);
		single = e + 1;
	}
	flush_singles(d, o, s, single, n, base, t);
}

/* ------------------------------------------------------------ the text */

void
seg_text(const struct dict *d, const struct segopts *o, const char *text,
    size_t n, struct tokens *t)
{
	seg_text_wide(d, o, text, NULL, n, t);
}

void
seg_text_wide(const struct dict *d, const struct segopts *o, const char *text,
    const unsigned char *wide, size_t n, struct tokens *t)
{
	struct scan sc = { text, n, wide };
	size_t i = 0, j, k, k2;
	uint32_t c, c2;
	int num;

	while (i < n) {
		c = cp_at(&sc, i, &k);
		if (is_space(c)) {
			i += k;
			continue;
		}
		if (is_han(c)) {
			for (j = i + k; j < n; j += k2) {
				c2 = cp_at(&sc, j, &k2);
				if (!is_han(c2))
					break;
			}
			cut_han(d, o, text + i, j - i, i, t);
			i = j;
			continue;
		}
		if (starts(&sc, i, "http://") || starts(&sc, i, "https://") ||
		    starts(&sc, i, "www.")) {
			j = url_end(&sc, i);
			push(t, i, j - i, TK_URL, 0xffff);
			i = j;
			continue;
		}
		if ((is_alpha(c) || is_digit(c)) && (j = email_end(&sc, i)) > 0) {
			push(t, i, j - i, TK_EMAIL, 0xffff);
			i = j;
			continue;
		}
		if (c == '@' && (j = mention_end(&sc, i)) > 0) {
			push(t, i, j - i, TK_MENTION, 0xffff);
			i = j;
			continue;
		}
		if (c == '#' && (j = closed_end(&sc, i, '#', 40)) > 0) {
			push(t, i, j - i, TK_TOPIC, 0xffff);
			i = j;
			continue;
		}
		if (c == '[' && (j = closed_end(&sc, i, ']', 8)) > 0) {
			push(t, i, j - i, TK_EMOTICON, 0xffff);
			i = j;
			continue;
		}
		if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(text[i + 1]))) {
			j = number_end(&sc, i + (c == '.'), &num, o->numbers);
			push(t, i, j - i, num ? TK_NUM : TK_LATIN, 0xffff);
			i = j;
			continue;
		}
		if (is_alpha(c)) {
			j = latin_end(&sc, i);
			push(t, i, j - i, TK_LATIN, 0xffff);
			i = j;
			continue;
		}
		/* Punctuation: a repeated mark (……, ——, !!!) is one token. */
		for (j = i + k; j < n; j += k2) {
			c2 = cp_at(&sc, j, &k2);
			if (c2 != c || c == 0xfffd)
				break;
		}
		push(t, i, j - i, TK_PUNCT, 0xffff);
		i = j;
	}
}

char *
seg_normalise_wide(const char *s, size_t n, size_t *outlen,
    unsigned char **widep)
{
	char *out = xmalloc(n + 1);
	unsigned char *wide = widep != NULL ? xmalloc(n + 1) : NULL;
	size_t i = 0, o = 0, k;
	uint32_t c;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			if (wide != NULL)
				wide[o] = 0;
			out[o++] = s[i] == '\0' ? ' ' : s[i];
			i++;
			continue;
		}
		k = utf8_decode(s + i, n - i, &c);
		if (k == 0)
			k = 1;
		if ((c >= 0xff01 && c <= 0xff5e) || c == 0x3000) {
			if (wide != NULL)
				wide[o] = 1;
			out[o++] = c == 0x3000 ? ' ' : (char)(c - 0xff01 + 0x21);
		} else {
			if (wide != NULL)
				memset(wide + o, 0, k);
			memcpy(out + o, s + i, k);
			o += k;
		}
		i += k;
	}
	out[o] = '\0';
	if (wide != NULL)
		wide[o] = 0;
	if (widep != NULL)
		*widep = wide;
	*outlen = o;
	return out;
}

static int
is_surname(uint32_t c)
{
	return has_class(c, C_SURNAME);
}

const char *
seg_tag(const struct dict *d, const struct token *tk, const char *text)
{
	uint32_t c;
	size_t chars;

	switch (tk->cls) {
	case TK_NUM:
		return "m";
	case TK_LATIN:
		return "eng";
	case TK_URL:
		return "url";
	case TK_EMAIL:
		return "email";
	case TK_MENTION:
		return "at";
	case TK_TOPIC:
		return "topic";
	case TK_EMOTICON:
		return "emoji";
	case TK_PUNCT:
		return "w";
	case TK_HMM:
		utf8_decode(text + tk->off, tk->len, &c);
		chars = utf8_len(text + tk->off, tk->len);
		return (chars == 2 || chars == 3) && is_surname(c) ? "nr" : "n";
	}
	if (tk->tag < d->ntags)
		return d->tags[tk->tag];
	return "x";
}

char *
seg_fields(const struct dict *d, const struct segopts *o,
    const char *const *v, int nv, size_t max, size_t *nlen, size_t *total,
    struct tokens *t)
{
	char *joined = NULL, *norm;
	unsigned char *wide;
	size_t jlen = 0, n;
	int f;

	/* The fields joined by newlines, so no word spans two of them. */
	*total = 0;
	for (f = 0; f < nv; f++) {
		if (v[f] == NULL || *v[f] == '\0')
			continue;
		n = strlen(v[f]);
		*total += n + (*total > 0);
		if (jlen + 1 >= max)
			continue;
		n = utf8_fit(v[f], n, max - jlen - 1);
		joined = xrealloc(joined, jlen + n + 2);
		if (jlen > 0)
			joined[jlen++] = '\n';
		memcpy(joined + jlen, v[f], n);
		jlen += n;
	}
	norm = seg_normalise_wide(joined ? joined : "", jlen, nlen, &wide);
	free(joined);
	seg_text_wide(d, o, norm, wide, *nlen, t);
	free(wide);
	return norm;
}
