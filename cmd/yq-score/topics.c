/*
 * topics.c: monitoring rules (监测方案), yq-rules(5).  Each topic names
 * word groups (region, subject, event: one word of each must appear),
 * exclusion words, and boolean expressions over words, phrases and PCRE2
 * patterns with AND, OR, NOT and NEAR/n; optional platform and source
 * filters.
 *
 * Every word of every topic goes into one Aho-Corasick automaton, so a
 * post is scanned once whatever the number of topics; only the topics
 * that one of the found words belongs to are then evaluated.
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

/* ------------------------------------------------------------ automaton */

struct edge {
	unsigned char c;
	uint32_t to;
};

struct state {
	uint32_t first, n;	/* edges[first .. first + n), sorted by c */
	uint32_t fail;
	uint32_t out;		/* word ending here, or UINT32_MAX */
	uint32_t dict;		/* next state on the fail chain with a word */
};

static struct state *st;
static uint32_t nst, capst;
static struct edge *edges;
static uint32_t nedges, capedges;
/* Build-time children: a linked list per state. */
struct bnode {
	unsigned char c;
	uint32_t to, next;
};
static struct bnode *bn;
static uint32_t nbn, capbn, *bfirst;

static uint32_t
new_state(void)
{
	if (nst == capst) {
		capst = capst ? capst * 2 : 1024;
		st = xrealloc(st, capst * sizeof *st);
		bfirst = xrealloc(bfirst, capst * sizeof *bfirst);
	}
	memset(&st[nst], 0, sizeof st[nst]);
	st[nst].out = st[nst].dict = UINT32_MAX;
	bfirst[nst] = UINT32_MAX;
	return nst++;
}

static uint32_t
child(uint32_t s, unsigned char c, int make)
{
	uint32_t i;

	for (i = bfirst[s]; i != UINT32_MAX; i = bn[i].next)
		if (bn[i].c == c)
			return bn[i].to;
	if (!make)
		return UINT32_MAX;
	if (nbn == capbn) {
		capbn = capbn ? capbn * 2 : 1024;
		bn = xrealloc(bn, capbn * sizeof *bn);
	}
	bn[nbn].c = c;
	bn[nbn].to = new_state();
	bn[nbn].next = bfirst[s];
	bfirst[s] = nbn;
	return bn[nbn++].to;
}

static int
edge_cmp(const void *a, const void *b)
{
	return ((const struct edge *)a)->c - ((const struct edge *)b)->c;
}

/* Freeze the children into sorted edge arrays, then set failure links. */
static void
ac_build(void)
{
	uint32_t s, i, *queue, head = 0, tail = 0, f, t;

	for (s = 0; s < nst; s++) {
		st[s].first = nedges;
		for (i = bfirst[s]; i != UINT32_MAX; i = bn[i].next) {
			if (nedges == capedges) {
				capedges = capedges ? capedges * 2 : 1024;
				edges = xrealloc(edges, capedges * sizeof *edges);
			}
			edges[nedges].c = bn[i].c;
			edges[nedges++].to = bn[i].to;
		}
		st[s].n = nedges - st[s].first;
		if (st[s].n > 1)
			qsort(edges + st[s].first, st[s].n, sizeof *edges, edge_cmp);
	}
	free(bn);
	free(bfirst);
	bn = NULL;
	bfirst = NULL;
	queue = xmalloc((nst + 1) * sizeof *queue);
	for (i = 0; i < st[0].n; i++) {
		t = edges[st[0].first + i].to;
		st[t].fail = 0;
		queue[tail++] = t;
	}
	while (head < tail) {
		s = queue[head++];
		for (i = 0; i < st[s].n; i++) {
			struct edge *e = &edges[st[s].first + i];
			uint32_t g = UINT32_MAX;

			for (f = st[s].fail;; f = st[f].fail) {
				uint32_t k;

				for (k = 0; k < st[f].n; k++)
					if (edges[st[f].first + k].c == e->c)
						g = edges[st[f].first + k].to;
				if (g != UINT32_MAX || f == 0)
					break;
			}
			st[e->to].fail = g != UINT32_MAX && g != e->to ? g : 0;
			f = st[e->to].fail;
			st[e->to].dict = st[f].out != UINT32_MAX ? f : st[f].dict;
			queue[tail++] = e->to;
		}
	}
	free(queue);
}

static uint32_t
step(uint32_t s, unsigned char c)
{
	for (;;) {
		uint32_t lo = st[s].first, hi = lo + st[s].n;

		while (lo < hi) {
			uint32_t mid = (lo + hi) / 2;

			if (edges[mid].c == c)
				return edges[mid].to;
			if (edges[mid].c < c)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (s == 0)
			return 0;
		s = st[s].fail;
	}
}

/* ------------------------------------------------------------ words and topics */

enum { N_WORD, N_RE, N_AND, N_OR, N_NOT, N_NEAR };

struct node {
	int kind;
	uint32_t word;		/* N_WORD */
	pcre2_code *re;		/* N_RE */
	int dist;		/* N_NEAR: characters */
	struct node *a, *b;
};

#define NGROUPS 3

struct topic {
	char *name;
	json_t *groups[NGROUPS];	/* arrays of word ids: region, subject, event */
	json_t *exclude;
	struct node **expr;
	int nexpr;
	json_t *platforms, *sources;	/* sets, or NULL */
	int positive;			/* has a positive word to be found by */
	unsigned stamp;
};

static struct topic *topics;
static int ntopics;
static json_t *wordids;		/* word -> id */
static char **words;
static uint32_t nwords;
static json_t *users;		/* word id -> [topic...] (as arrays) */
static int *always;		/* topics with no positive word */
static int nalways;

static uint32_t
word_id(const char *w)
{
	json_t *v = json_object_get(wordids, w);
	uint32_t s = 0;
	const unsigned char *p;

	if (v != NULL)
		return (uint32_t)json_integer_value(v);
	words = xrealloc(words, (nwords + 1) * sizeof *words);
	words[nwords] = xstrdup(w);
	json_object_set_new(wordids, w, json_integer(nwords));
	json_array_append_new(users, json_array());
	if (nst == 0)
		new_state();
	for (p = (const unsigned char *)w; *p; p++)
		s = child(s, *p, 1);
	st[s].out = nwords;
	return nwords++;
}

static void
uses(int topic, uint32_t word)
{
	json_t *l = json_array_get(users, word);
	size_t n = json_array_size(l);

	if (n == 0 || json_integer_value(json_array_get(l, n - 1)) != topic)
		json_array_append_new(l, json_integer(topic));
	topics[topic].positive = 1;
}

/* ------------------------------------------------------------ parsing */

struct src {
	const char *path;
	unsigned long line;
	const char *start, *p;
	int err;
};

static void
perr(struct src *s, const char *what)
{
	if (!s->err)
		yq_warnx("%s:%lu:%zu: %s", s->path, s->line,
		    utf8_len(s->start, (size_t)(s->p - s->start)) + 1, what);
	s->err = 1;
}

static void
skip(struct src *s)
{
	while (*s->p == ' ' || *s->p == '\t')
		s->p++;
}

static int
is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c > ' ' && !strchr("()|&!\"/,#", c));
}

/* The next bare or quoted word, or NULL. */
static char *
token(struct src *s)
{
	const char *b;

	skip(s);
	if (*s->p == '"') {
		b = ++s->p;
		while (*s->p && *s->p != '"')
			s->p++;
		if (*s->p != '"') {
			perr(s, "unterminated quoted phrase");
			return NULL;
		}
		s->p++;
		return s->p - b > 1 ? xstrndup(b, (size_t)(s->p - 1 - b)) : NULL;
	}
	b = s->p;
	/* A word ends at blanks, operators, and the full-width ，、 too. */
	while (is_word_byte((unsigned char)*s->p) && strncmp(s->p, "，", 3) != 0 &&
	    strncmp(s->p, "、", 3) != 0)
		s->p++;
	return s->p > b ? xstrndup(b, (size_t)(s->p - b)) : NULL;
}

static int
keyword(struct src *s, const char *kw)
{
	size_t n = strlen(kw);

	skip(s);
	if (strncmp(s->p, kw, n) == 0 && !is_word_byte((unsigned char)s->p[n])) {
		s->p += n;
		return 1;
	}
	return 0;
}

static struct node *expr_or(struct src *s, int topic);

static struct node *
mknode(int kind, struct node *a, struct node *b)
{
	struct node *n = xcalloc(1, sizeof *n);

	n->kind = kind;
	n->a = a;
	n->b = b;
	return n;
}

static void
node_free(struct node *n)
{
	if (n == NULL)
		return;
	node_free(n->a);
	node_free(n->b);
	pcre2_code_free(n->re);
	free(n);
}

static struct node *
primary(struct src *s, int topic)
{
	struct node *n;
	const char *b;
	char *w, *pat;
	int ec;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[160];

	skip(s);
	if (*s->p == '(') {
		s->p++;
		n = expr_or(s, topic);
		skip(s);
		if (*s->p != ')') {
			perr(s, "')' expected");
			node_free(n);
			return NULL;
		}
		s->p++;
		return n;
	}
	if (*s->p == '/') {
		b = ++s->p;
		while (*s->p && *s->p != '/')
			s->p += *s->p == '\\' && s->p[1] ? 2 : 1;
		if (*s->p != '/') {
			perr(s, "unterminated /pattern/");
			return NULL;
		}
		pat = xstrndup(b, (size_t)(s->p - b));
		n = mknode(N_RE, NULL, NULL);
		n->re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
		    PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
		free(pat);
		if (n->re == NULL) {
			s->p = b + off;
			pcre2_get_error_message(ec, msg, sizeof msg);
			perr(s, (char *)msg);
			free(n);
			return NULL;
		}
		yq_jit(n->re);
		s->p++;
		return n;
	}
	b = s->p;
	if ((w = token(s)) == NULL || (*b != '"' && (strcmp(w, "AND") == 0 ||
	    strcmp(w, "OR") == 0 || strcmp(w, "NOT") == 0))) {
		s->p = b;
		perr(s, "a word, \"phrase\", /pattern/ or '(' expected");
		free(w);
		return NULL;
	}
	n = mknode(N_WORD, NULL, NULL);
	n->word = word_id(w);
	free(w);
	return n;
}

/* NEAR/n binds tightest; its operands must be positive (no NOT). */
static struct node *
near(struct src *s, int topic)
{
	struct node *n = primary(s, topic), *r;
	char *end;
	long d;

	while (n != NULL && (skip(s), strncmp(s->p, "NEAR/", 5) == 0)) {
		s->p += 5;
		d = strtol(s->p, &end, 10);
		if (end == s->p || d < 0 || d > 10000) {
			perr(s, "NEAR/ wants a distance in characters, 0 to 10000");
			node_free(n);
			return NULL;
		}
		s->p = end;
		if ((r = primary(s, topic)) == NULL) {
			node_free(n);
			return NULL;
		}
		n = mknode(N_NEAR, n, r);
		n->dist = (int)d;
	}
	return n;
}

static struct node *
unary(struct src *s, int topic)
{
	struct node *n;

	skip(s);
	if (*s->p == '!' || keyword(s, "NOT")) {
		if (*s->p == '!')
			s->p++;
		if ((n = unary(s, topic)) == NULL)
			return NULL;
		return mknode(N_NOT, n, NULL);
	}
	return near(s, topic);
}

static int
at_and(struct src *s)
{
	skip(s);
	if (*s->p == '&') {
		s->p++;
		return 1;
	}
	if (keyword(s, "AND"))
		return 1;
	/* Juxtaposition is AND, as in a search box. */
	return *s->p && *s->p != ')' && *s->p != '|' && strncmp(s->p, "OR", 2) != 0 &&
	    *s->p != '#';
}

static struct node *
expr_and(struct src *s, int topic)
{
	struct node *n = unary(s, topic), *r;

	while (n != NULL && at_and(s)) {
		if ((r = unary(s, topic)) == NULL) {
			node_free(n);
			return NULL;
		}
		n = mknode(N_AND, n, r);
	}
	return n;
}

static struct node *
expr_or(struct src *s, int topic)
{
	struct node *n = expr_and(s, topic), *r;

	while (n != NULL) {
		skip(s);
		if (*s->p == '|')
			s->p++;
		else if (!keyword(s, "OR"))
			break;
		if ((r = expr_and(s, topic)) == NULL) {
			node_free(n);
			return NULL;
		}
		n = mknode(N_OR, n, r);
	}
	return n;
}

/* The words an expression finds a post by (not under NOT). */
static void
index_node(const struct node *n, int topic, int negated)
{
	if (n == NULL)
		return;
	if (n->kind == N_WORD && !negated)
		uses(topic, n->word);
	if (n->kind == N_NOT) {
		index_node(n->a, topic, !negated);
		return;
	}
	index_node(n->a, topic, negated);
	index_node(n->b, topic, negated);
}

static int
has_not(const struct node *n)
{
	return n != NULL && (n->kind == N_NOT || has_not(n->a) || has_not(n->b));
}

static int
near_ok(const struct node *n)
{
	if (n == NULL)
		return 1;
	if (n->kind == N_NEAR && (has_not(n->a) || has_not(n->b)))
		return 0;
	return near_ok(n->a) && near_ok(n->b);
}

/* Words of a group line, split at blanks, |, commas (also ，、). */
static json_t *
word_list(struct src *s)
{
	json_t *l = json_array();
	char *w;

	for (;;) {
		skip(s);
		while (*s->p == '|' || *s->p == ',')
			s->p++;
		if (strncmp(s->p, "，", 3) == 0 || strncmp(s->p, "、", 3) == 0) {
			s->p += 3;
			continue;
		}
		skip(s);
		if (*s->p == '\0' || *s->p == '#')
			break;
		if ((w = token(s)) == NULL) {
			perr(s, "a word or \"phrase\" expected");
			break;
		}
		json_array_append_new(l, json_integer(word_id(w)));
		free(w);
	}
	return l;
}

static json_t *
name_set(struct src *s)
{
	json_t *set = json_object();
	char *w;

	for (;;) {
		skip(s);
		while (*s->p == ',' || *s->p == '|')
			s->p++;
		skip(s);
		if (*s->p == '\0' || *s->p == '#')
			break;
		if ((w = token(s)) == NULL) {
			perr(s, "a name expected");
			break;
		}
		json_object_set_new(set, w, json_true());
		free(w);
	}
	return set;
}

static const char *const group_keys[NGROUPS] = { "region", "subject", "event" };

static void
key_line(struct src *s, struct topic *t, int ti)
{
	const char *b = s->p;
	char key[16];
	struct node *n;
	size_t k;
	int g;

	while (*s->p >= 'a' && *s->p <= 'z')
		s->p++;
	k = (size_t)(s->p - b);
	snprintf(key, sizeof key, "%.*s", (int)(k < 15 ? k : 15), b);
	skip(s);
	if (*s->p != '=' && *s->p != ':') {
		perr(s, "'key = value' expected (region, subject, event, exclude, "
		    "match, platform, source)");
		return;
	}
	s->p++;
	for (g = 0; g < NGROUPS; g++)
		if (strcmp(key, group_keys[g]) == 0) {
			json_t *l = word_list(s);

			if (t->groups[g] == NULL)
				t->groups[g] = json_array();
			json_array_extend(t->groups[g], l);
			json_decref(l);
			return;
		}
	if (strcmp(key, "exclude") == 0) {
		json_t *l = word_list(s);

		if (t->exclude == NULL)
			t->exclude = json_array();
		json_array_extend(t->exclude, l);
		json_decref(l);
	} else if (strcmp(key, "match") == 0) {
		if ((n = expr_or(s, ti)) == NULL)
			return;
		skip(s);
		if (*s->p != '\0' && *s->p != '#') {
			perr(s, "operator or end of line expected");
			node_free(n);
			return;
		}
		if (!near_ok(n)) {
			perr(s, "NEAR/ cannot take NOT inside its operands");
			node_free(n);
			return;
		}
		t->expr = xrealloc(t->expr, (t->nexpr + 1) * sizeof *t->expr);
		t->expr[t->nexpr++] = n;
	} else if (strcmp(key, "platform") == 0) {
		json_decref(t->platforms);	/* given twice: the last wins */
		t->platforms = name_set(s);
	} else if (strcmp(key, "source") == 0) {
		json_decref(t->sources);
		t->sources = name_set(s);
	} else {
		s->p = b;
		perr(s, "unknown key (region, subject, event, exclude, match, "
		    "platform, source)");
	}
}

static void
finish(int ti)
{
	struct topic *t = &topics[ti];
	json_t *v;
	size_t i;
	int g, k;

	for (g = 0; g < NGROUPS; g++)
		json_array_foreach(t->groups[g], i, v)
			uses(ti, (uint32_t)json_integer_value(v));
	for (k = 0; k < t->nexpr; k++)
		index_node(t->expr[k], ti, 0);
	if (!t->positive) {
		always = xrealloc(always, (nalways + 1) * sizeof *always);
		always[nalways++] = ti;
	}
}

int
topics_load(const char *path)
{
	struct linereader *lr = lr_open(path, 1 << 20);
	struct src s = { path, 0, NULL, NULL, 0 };
	char *line, *end;
	size_t len;
	int r, cur = -1;

	if (lr == NULL) {
		yq_warn("cannot open rules '%s'", path);
		return -1;
	}
	if (wordids == NULL) {
		wordids = json_object();
		users = json_array();
	}
	while (!s.err && (r = lr_next(lr, &line, &len)) != REC_EOF) {
		s.line = lr_lineno(lr);
		s.start = s.p = line;
		if (r != REC_OK) {
			perr(&s, lr_error(lr));
			break;
		}
		skip(&s);
		if (*s.p == '\0' || *s.p == '#')
			continue;
		if (*s.p == '[') {
			if (cur >= 0)
				finish(cur);
			if ((end = strchr(s.p, ']')) == NULL || end == s.p + 1) {
				perr(&s, "'[topic name]' expected");
				break;
			}
			topics = xrealloc(topics, (ntopics + 1) * sizeof *topics);
			memset(&topics[ntopics], 0, sizeof *topics);
			topics[ntopics].name = xstrndup(s.p + 1, (size_t)(end - s.p - 1));
			cur = ntopics++;
			continue;
		}
		if (cur < 0) {
			perr(&s, "a '[topic name]' line must come first");
			break;
		}
		key_line(&s, &topics[cur], cur);
	}
	if (!s.err && cur >= 0)
		finish(cur);
	lr_close(lr);
	if (s.err)
		return -1;
	if (nst == 0)
		new_state();	/* a file without words: the root alone */
	ac_build();
	return 0;
}

/* ------------------------------------------------------------ matching */

struct hits {
	uint32_t *start, *n;		/* per word: first position, count */
	uint32_t *pos;			/* positions, grouped by word */
	unsigned *stamp;
	unsigned now;
};

static struct hits h;

static int
found(uint32_t w)
{
	return h.stamp[w] == h.now && h.n[w] > 0;
}

/* Character positions where node n holds, into *out (may be NULL). */
static int
positions(const struct node *n, const char *text, size_t tlen, json_t *out)
{
	pcre2_match_data *md;
	PCRE2_SIZE *ov, start = 0;
	uint32_t i;
	int any;

	switch (n->kind) {
	case N_WORD:
		if (!found(n->word))
			return 0;
		for (i = 0; out && i < h.n[n->word]; i++)
			json_array_append_new(out, json_integer(h.pos[h.start[n->word] + i]));
		return 1;
	case N_RE:
		md = pcre2_match_data_create_from_pattern(n->re, NULL);
		any = 0;
		while (start <= tlen && pcre2_match(n->re, (PCRE2_SPTR)text, tlen, start, 0,
		    md, NULL) >= 0) {
			ov = pcre2_get_ovector_pointer(md);
			any = 1;
			if (out == NULL)
				break;
			json_array_append_new(out, json_integer((json_int_t)utf8_len(text, ov[0])));
			start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
		pcre2_match_data_free(md);
		return any;
	case N_NOT:
		return !positions(n->a, text, tlen, NULL);
	case N_AND:
		return positions(n->a, text, tlen, out) && positions(n->b, text, tlen, out);
	case N_OR:
		any = positions(n->a, text, tlen, out);
		return positions(n->b, text, tlen, out) || any;
	default: {	/* N_NEAR: where a is within dist of some b */
		json_t *pa = json_array(), *pb = json_array(), *x, *y;
		size_t k, l;

		any = 0;
		if (positions(n->a, text, tlen, pa) && positions(n->b, text, tlen, pb))
			json_array_foreach(pa, k, x)
				json_array_foreach(pb, l, y) {
					json_int_t d = json_integer_value(x) - json_integer_value(y);

					if (d <= n->dist && -d <= n->dist) {
						any = 1;
						if (out)
							json_array_append(out, x);
						break;
					}
				}
		json_decref(pa);
		json_decref(pb);
		return any;
	}
	}
}

static int
any_found(json_t *list)
{
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (found((uint32_t)json_integer_value(v)))
			return 1;
	return 0;
}

static int
topic_holds(const struct topic *t, json_t *post, const char *text, size_t tlen)
{
	const char *pl = rec_str(post, "platform"), *src = rec_str(post, "source");
	int g, k;

	if (t->platforms && (pl == NULL || json_object_get(t->platforms, pl) == NULL))
		return 0;
	if (t->sources && (src == NULL || json_object_get(t->sources, src) == NULL))
		return 0;
	for (g = 0; g < NGROUPS; g++)
		if (t->groups[g] && json_array_size(t->groups[g]) && !any_found(t->groups[g]))
			return 0;
	if (t->exclude && any_found(t->exclude))
		return 0;
	for (k = 0; k < t->nexpr; k++)
		if (!positions(t->expr[k], text, tlen, NULL))
			return 0;
	return 1;
}

/* Scan text once; group the occurrences by word. */
static void
scan(const char *text, size_t tlen, uint32_t **seen, size_t *nseen)
{
	static uint32_t *occ_w, *occ_p;
	static size_t cap;
	size_t nocc = 0, i, k;
	uint32_t s = 0, chars = 0, w, x, total = 0;

	if (h.stamp == NULL) {
		h.start = xcalloc(nwords + 1, sizeof *h.start);
		h.n = xcalloc(nwords + 1, sizeof *h.n);
		h.stamp = xcalloc(nwords + 1, sizeof *h.stamp);
	}
	h.now++;
	*nseen = 0;
	for (i = 0; i < tlen; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c & 0xc0) != 0x80)
			chars++;
		s = step(s, c);
		for (x = st[s].out != UINT32_MAX ? s : st[s].dict; x != UINT32_MAX;
		    x = st[x].dict) {
			if (nocc == cap) {
				cap = cap ? cap * 2 : 256;
				occ_w = xrealloc(occ_w, cap * sizeof *occ_w);
				occ_p = xrealloc(occ_p, cap * sizeof *occ_p);
			}
			w = st[x].out;
			occ_w[nocc] = w;
			/* The start: the end less the word's characters. */
			occ_p[nocc++] = chars - (uint32_t)utf8_len(words[w], strlen(words[w]));
		}
	}
	*seen = xrealloc(*seen, (nocc + 1) * sizeof **seen);
	for (k = 0; k < nocc; k++) {
		w = occ_w[k];
		if (h.stamp[w] != h.now) {
			h.stamp[w] = h.now;
			h.n[w] = 0;
			(*seen)[(*nseen)++] = w;
		}
		h.n[w]++;
	}
	for (k = 0; k < *nseen; k++) {
		h.start[(*seen)[k]] = total;
		total += h.n[(*seen)[k]];
		h.n[(*seen)[k]] = 0;
	}
	h.pos = xrealloc(h.pos, (total + 1) * sizeof *h.pos);
	for (k = 0; k < nocc; k++) {
		w = occ_w[k];
		h.pos[h.start[w] + h.n[w]++] = occ_p[k];
	}
}

static int
int_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

json_t *
topics_match(json_t *post, const char *text)
{
	static uint32_t *seen;
	static int *cand;
	static size_t capc;
	static unsigned stamp;
	size_t nseen, nc = 0, k, i, tlen = strlen(text);
	json_t *out = json_array(), *l, *v;
	int ti;

	if (ntopics == 0)
		return out;
	scan(text, tlen, &seen, &nseen);
	stamp++;
	for (k = 0; k <= nseen; k++) {
		size_t n = k < nseen ? json_array_size(json_array_get(users, seen[k])) :
		    (size_t)nalways;

		if (nc + n > capc) {
			capc = (nc + n) * 2;
			cand = xrealloc(cand, capc * sizeof *cand);
		}
		if (k == nseen) {
			for (i = 0; i < (size_t)nalways; i++)
				if (topics[always[i]].stamp != stamp) {
					topics[always[i]].stamp = stamp;
					cand[nc++] = always[i];
				}
			break;
		}
		l = json_array_get(users, seen[k]);
		json_array_foreach(l, i, v) {
			ti = (int)json_integer_value(v);
			if (topics[ti].stamp != stamp) {
				topics[ti].stamp = stamp;
				cand[nc++] = ti;
			}
		}
	}
	/* In the rules file's order. */
	if (nc > 1)
		qsort(cand, nc, sizeof *cand, int_cmp);
	for (k = 0; k < nc; k++)
		if (topic_holds(&topics[cand[k]], post, text, tlen))
			json_array_append_new(out, json_string(topics[cand[k]].name));
	return out;
}

int
topics_count(void)
{
	return ntopics;
}

void
topics_free(void)
{
	int i, k, g;

	for (i = 0; i < ntopics; i++) {
		free(topics[i].name);
		for (g = 0; g < NGROUPS; g++)
			json_decref(topics[i].groups[g]);
		json_decref(topics[i].exclude);
		for (k = 0; k < topics[i].nexpr; k++)
			node_free(topics[i].expr[k]);
		free(topics[i].expr);
		json_decref(topics[i].platforms);
		json_decref(topics[i].sources);
	}
	free(topics);
	for (i = 0; i < (int)nwords; i++)
		free(words[i]);
	free(words);
	json_decref(wordids);
	json_decref(users);
	free(always);
	free(st);
	free(edges);
	free(h.start);
	free(h.n);
	free(h.pos);
	free(h.stamp);
	/* Back to nothing loaded, so that a next topics_load starts afresh. */
	topics = NULL;
	ntopics = 0;
	words = NULL;
	nwords = 0;
	wordids = users = NULL;
	always = NULL;
	nalways = 0;
	st = NULL;
	nst = capst = 0;
	edges = NULL;
	nedges = capedges = 0;
	free(bn);
	free(bfirst);
	bn = NULL;
	bfirst = NULL;
	nbn = capbn = 0;
	memset(&h, 0, sizeof h);
}
