/*
 * cmds.c: the commands of yq-explore.  Each takes the store and the words
 * after the command name, prints to s->out, and returns its status.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <csv.h>
#include <errno.h>
#include <pcre2.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "jit.h"
#include "explore.h"
#include "opt.h"
#include "record.h"
#include "utf8.h"
#include "yq.h"
#include "yqtime.h"

#define BAR 40

struct command {
	const char *name;
	int (*fn)(struct store *, struct words *);
	const char *args;
	const char *help;
};

static const struct command commands[];

/* ------------------------------------------------------------ helpers */

/* Split a line into words; quotes group, and are removed. */
static int
split(const char *line, struct words *w, char *buf)
{
	const char *p = line;
	char *o = buf, q;

	w->n = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	while (*p != '\0') {
		if (w->n == MAXWORDS)
			return -1;
		w->w[w->n++] = o;
		while (*p != '\0' && *p != ' ' && *p != '\t') {
			if (*p == '"' || *p == '\'') {
				q = *p++;
				while (*p != '\0' && *p != q)
					*o++ = *p++;
				if (*p != q)
					return -1;
				p++;
			} else
				*o++ = *p++;
		}
		*o++ = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (w->n == 1)
			w->rest = p;
	}
	return 0;
}

/* The rest of the line, without one pair of enclosing quotes. */
static char *
rest_arg(const char *rest)
{
	size_t n = strlen(rest);

	while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t'))
		n--;
	if (n >= 2 && (rest[0] == '"' || rest[0] == '\'') && rest[n - 1] == rest[0])
		return xstrndup(rest + 1, n - 2);
	return xstrndup(rest, n);
}

/* Columns a string takes on a terminal: CJK and full-width forms are 2. */
static size_t
dispwidth(const char *s, size_t n)
{
	size_t w = 0, k;
	uint32_t cp;

	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		if (k == 0)
			k = 1;
		w += (utf8_is_cjk(cp) || (cp >= 0x3000 && cp <= 0x303f) ||
		    (cp >= 0xff00 && cp <= 0xff60)) ? 2 : 1;
		s += k;
		n -= k;
	}
	return w;
}

/* Print s cut to at most cols columns, newlines shown as spaces. */
static void
put_cut(FILE *fp, const char *s, size_t cols)
{
	size_t n = strlen(s), k, w = 0, cw;
	uint32_t cp;

	while (n > 0) {
		k = utf8_decode(s, n, &cp);
		if (k == 0)
			k = 1;
		cw = dispwidth(s, k);
		if (w + cw > cols) {
			fputs("…", fp);
			return;
		}
		if (*s == '\n' || *s == '\r' || *s == '\t')
			fputc(' ', fp);
		else
			fwrite(s, 1, k, fp);
		w += cw;
		s += k;
		n -= k;
	}
}

static void
put_padded(FILE *fp, const char *s, size_t cols)
{
	size_t w = dispwidth(s, strlen(s));

	put_cut(fp, s, cols);
	for (; w < cols; w++)
		fputc(' ', fp);
}

/* One line about a record, as list, top and event print it. */
static void
summary(struct store *s, const struct xrec *r)
{
	char tb[YQT_BUFSZ], nb[32];
	const char *title, *p;

	if (r->is_event) {
		p = rec_str(r->obj, "warning");
		snprintf(nb, sizeof nb, "%lld", rec_int(r->obj, "posts", 0));
		fprintf(s->out, "%-16s  %-25s  event   posts=%-5s %-6s  ",
		    rec_str(r->obj, "event_id") ? rec_str(r->obj, "event_id") : "-",
		    store_time(r, tb), nb, p ? p : "-");
	} else {
		p = rec_str(r->obj, "platform");
		fprintf(s->out, "%-16s  %-25s  %-6s  ",
		    rec_str(r->obj, "id") ? rec_str(r->obj, "id") : "-",
		    store_time(r, tb), p ? p : "-");
	}
	title = rec_str(r->obj, "title");
	if (title == NULL || *title == '\0')
		title = rec_str(r->obj, "text");
	put_cut(s->out, title ? title : "", 60);
	fputc('\n', s->out);
}

static int
report_selection(struct store *s)
{
	fprintf(s->out, "%zu of %zu records\n", s->cur.n, s->n);
	return s->cur.n == 0 ? 1 : 0;
}

/* Make next the selection and say how much it holds. */
static int
install(struct store *s, struct xsel next)
{
	store_select(s, next);
	return report_selection(s);
}

/* The records of from for which keep() is true, in its order. */
static struct xsel
filter(struct store *s, const struct xsel *from,
    int (*keep)(const struct xrec *, void *), void *arg)
{
	struct xsel next = { NULL, 0, 0, NULL };
	struct xiter it;
	size_t cap = 0;
	uint64_t key;

	sel_begin(s, from, &it);
	while (sel_next(s, &it, &key)) {
		if (!keep(store_rec(s, key), arg))
			continue;
		if (next.n == cap) {
			cap = cap ? cap * 2 : 1024;
			next.v = xrealloc(next.v, cap * sizeof *next.v);
		}
		next.v[next.n++] = key;
	}
	sel_end(&it);
	if (next.v == NULL)
		next.v = xmalloc(sizeof *next.v);
	return next;
}

/* Keep the selected records for which keep() is true. */
static int
narrow(struct store *s, int (*keep)(const struct xrec *, void *), void *arg)
{
	return install(s, filter(s, &s->cur, keep, arg));
}

/* ------------------------------------------------------------ filters */

struct grepctx {
	pcre2_code *re;
	pcre2_match_data *md;
};

static int
grep_keep(const struct xrec *r, void *arg)
{
	struct grepctx *g = arg;
	const char *f[] = { "title", "text" };
	const char *v;
	size_t i;

	for (i = 0; i < 2; i++) {
		v = rec_str(r->obj, f[i]);
		if (v != NULL && pcre2_match(g->re, (PCRE2_SPTR)v, strlen(v), 0, 0,
		    g->md, NULL) >= 0)
			return 1;
	}
	return 0;
}

static int
c_grep(struct store *s, struct words *w)
{
	struct grepctx g;
	char *pat;
	int ec, status;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	if (w->n < 2) {
		yq_warnx("grep: a pattern is needed");
		return 2;
	}
	pat = rest_arg(w->rest);
	g.re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &ec, &off, NULL);
	if (g.re == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		yq_warnx("grep: bad pattern '%s' at offset %zu: %s", pat, (size_t)off,
		    (char *)msg);
		free(pat);
		return 2;
	}
	free(pat);
	yq_jit(g.re);
	g.md = pcre2_match_data_create_from_pattern(g.re, NULL);
	status = narrow(s, grep_keep, &g);
	pcre2_match_data_free(g.md);
	pcre2_code_free(g.re);
	return status;
}

struct wherectx {
	struct cond *c[MAXWORDS];
	int n;
};

static int
where_keep(const struct xrec *r, void *arg)
{
	struct wherectx *x = arg;
	int i;

	for (i = 0; i < x->n; i++)
		if (!cond_match(x->c[i], r))
			return 0;
	return 1;
}

static int
c_where(struct store *s, struct words *w)
{
	struct wherectx x, rest;
	struct xsel next;
	char err[512];
	int i, status = 2, done[MAXWORDS];

	if (w->n < 2) {
		yq_warnx("where: a condition is needed (e.g. heat>100)");
		return 2;
	}
	x.n = 0;
	for (i = 1; i < w->n; i++) {
		x.c[x.n] = cond_parse(w->w[i], s->now, err, sizeof err);
		if (x.c[x.n] == NULL) {
			yq_warnx("where: %s", err);
			goto out;
		}
		x.n++;
	}
	if (s->ix != NULL && iq_where(s, x.c, x.n, done, &next)) {
		/* The index answered some; the records are read for the rest. */
		rest.n = 0;
		for (i = 0; i < x.n; i++)
			if (!done[i])
				rest.c[rest.n++] = x.c[i];
		if (rest.n > 0) {
			struct xsel f = filter(s, &next, where_keep, &rest);

			sel_free(&next);
			next = f;
		}
		status = install(s, next);
	} else
		status = narrow(s, where_keep, &x);
out:
	for (i = 0; i < x.n; i++)
		cond_free(x.c[i]);
	return status;
}

struct wordctx {
	char *const *w;
	int n;
	unsigned char found[MAXWORDS];
	int nfound, failed;
};

static void
word_cb(const char *t, size_t len, void *arg)
{
	struct wordctx *x = arg;
	int i;

	for (i = 0; i < x->n; i++)
		if (!x->found[i] && strlen(x->w[i]) == len &&
		    memcmp(x->w[i], t, len) == 0) {
			x->found[i] = 1;
			x->nfound++;
		}
}

/* Loaded records keep no tokens: their line has them. */
static int
word_keep(const struct xrec *r, void *arg)
{
	struct wordctx *x = arg;
	json_t *obj;

	if (x->failed || (obj = json_loadb(r->line, r->len, 0, NULL)) == NULL)
		return 0;
	memset(x->found, 0, sizeof x->found);
	x->nfound = 0;
	if (words_each(obj, word_cb, x) < 0)
		x->failed = 1;
	json_decref(obj);
	return x->nfound == x->n;
}

static int
c_word(struct store *s, struct words *w)
{
	struct wordctx x;
	struct xsel next;

	if (w->n < 2) {
		yq_warnx("word: a word is needed");
		return 2;
	}
	if (s->ix != NULL && iq_words(s, w->w + 1, w->n - 1, &next))
		return install(s, next);
	memset(&x, 0, sizeof x);
	x.w = w->w + 1;
	x.n = w->n - 1;
	next = filter(s, &s->cur, word_keep, &x);
	if (x.failed) {
		free(next.v);
		return 3;
	}
	return install(s, next);
}

struct timectx {
	time_t t;
	int since;
};

static int
time_keep(const struct xrec *r, void *arg)
{
	struct timectx *x = arg;

	if (!r->has_t)
		return 0;
	return x->since ? r->t >= x->t : r->t < x->t;
}

static int
c_window(struct store *s, struct words *w, int since)
{
	struct timectx x;
	struct xsel next;
	struct yqt t;
	char *arg;

	if (w->n < 2) {
		yq_warnx("%s: a time is needed", since ? "since" : "until");
		return 2;
	}
	arg = rest_arg(w->rest);
	if (yqt_parse(arg, s->now, &t) < 0) {
		yq_warnx("%s: not a time: '%s'", since ? "since" : "until", arg);
		free(arg);
		return 2;
	}
	free(arg);
	x.t = t.t;
	x.since = since;
	if (s->ix != NULL && iq_window(s, x.t, since, &next))
		return install(s, next);
	return narrow(s, time_keep, &x);
}

static int
c_since(struct store *s, struct words *w)
{
	return c_window(s, w, 1);
}

static int
c_until(struct store *s, struct words *w)
{
	return c_window(s, w, 0);
}

static int
kind_keep(const struct xrec *r, void *arg)
{
	return r->is_event == *(int *)arg;
}

static int
c_posts(struct store *s, struct words *w)
{
	int ev = 0;
	struct xsel next;

	(void)w;
	if (s->ix != NULL && iq_kind(s, ev, &next))
		return install(s, next);
	return narrow(s, kind_keep, &ev);
}

static int
c_events(struct store *s, struct words *w)
{
	int ev = 1;
	struct xsel next;

	(void)w;
	if (s->ix != NULL && iq_kind(s, ev, &next))
		return install(s, next);
	return narrow(s, kind_keep, &ev);
}

static int
c_undo(struct store *s, struct words *w)
{
	(void)w;
	if (store_undo(s) < 0) {
		yq_warnx("undo: nothing to undo");
		return 2;
	}
	return report_selection(s);
}

static int
c_reset(struct store *s, struct words *w)
{
	struct xsel all = { NULL, 0, 1, NULL };

	(void)w;
	all.n = s->n;
	store_select(s, all);
	return report_selection(s);
}

/* ------------------------------------------------------------ reading */

struct bucket {
	const char *key;
	size_t n;
};

static int
bucket_cmp(const void *a, const void *b)
{
	const struct bucket *x = a, *y = b;

	if (x->n != y->n)
		return x->n < y->n ? 1 : -1;
	return strcmp(x->key, y->key);
}

static void
histogram(struct store *s, struct bucket *b, size_t n, size_t cap)
{
	size_t i, max = 0, width = 5, w, bar;

	for (i = 0; i < n && i < cap; i++) {
		if (b[i].n > max)
			max = b[i].n;
		w = dispwidth(b[i].key, strlen(b[i].key));
		if (w > width)
			width = w;
	}
	if (width > 30)
		width = 30;
	for (i = 0; i < n && i < cap; i++) {
		fprintf(s->out, "%7zu  ", b[i].n);
		put_padded(s->out, b[i].key, width);
		bar = max ? (b[i].n * BAR + max - 1) / max : 0;
		fputs("  ", s->out);
		while (bar-- > 0)
			fputc('#', s->out);
		fputc('\n', s->out);
	}
	if (n > cap)
		fprintf(s->out, "%7s  (%zu more values)\n", "", n - cap);
}

static void
count_cb(json_t *v, void *arg)
{
	json_t *counts = arg;
	char buf[64];
	const char *k = scalar_text(v, buf, sizeof buf);
	json_t *c = json_object_get(counts, k);

	json_object_set_new(counts, k, json_integer(c ? json_integer_value(c) + 1 : 1));
}

/* Hourly or daily buckets over the selection's time span, empty ones too. */
static int
count_time(struct store *s, time_t step, int posts_only)
{
	time_t lo = 0, hi = 0, t;
	size_t n, k;
	struct xiter it;
	uint64_t key;
	struct bucket *b;
	char (*keys)[YQT_BUFSZ];
	struct yqt y;
	const time_t off = YQT_DEFAULT_OFFSET * 60;

	sel_begin(s, &s->cur, &it);
	while (sel_next(s, &it, &key)) {
		const struct xrec *r = &it.head;

		if (!r->has_t || (posts_only && r->is_event))
			continue;
		t = (r->t + off) / step * step - off;
		if (lo == 0 || t < lo)
			lo = t;
		if (t > hi)
			hi = t;
	}
	sel_end(&it);
	if (lo == 0) {
		fprintf(s->out, "no records with a time\n");
		return 1;
	}
	n = (size_t)((hi - lo) / step) + 1;
	if (n > 24 * 400) {
		yq_warnx("count: the span is too long to show by %s",
		    step == 3600 ? "hour" : "day");
		return 2;
	}
	b = xcalloc(n, sizeof *b);
	keys = xcalloc(n, sizeof *keys);
	for (k = 0; k < n; k++) {
		y.t = lo + (time_t)k * step;
		y.off = YQT_DEFAULT_OFFSET;
		yqt_format(y, keys[k]);
		keys[k][step == 3600 ? 16 : 10] = '\0';
		b[k].key = keys[k];
	}
	sel_begin(s, &s->cur, &it);
	while (sel_next(s, &it, &key)) {
		const struct xrec *r = &it.head;

		if (r->has_t && !(posts_only && r->is_event))
			b[((r->t + off) / step * step - off - lo) / step].n++;
	}
	sel_end(&it);
	histogram(s, b, n, n);
	free(b);
	free(keys);
	return 0;
}

static int
c_count(struct store *s, struct words *w)
{
	json_t *counts, *v;
	struct bucket *b;
	struct xiter it;
	uint64_t key;
	const char *k;
	size_t i, n;

	if (w->n == 1) {
		fprintf(s->out, "%zu\n", s->cur.n);
		return 0;
	}
	if (w->n != 3 || strcmp(w->w[1], "by") != 0) {
		yq_warnx("count: usage: count [by FIELD]");
		return 2;
	}
	if (strcmp(w->w[2], "hour") == 0 || strcmp(w->w[2], "day") == 0)
		return count_time(s, strcmp(w->w[2], "hour") == 0 ? 3600 : 86400, 0);
	counts = json_object();
	sel_begin(s, &s->cur, &it);
	while (sel_next(s, &it, &key))
		path_each(store_rec(s, key)->obj, w->w[2], count_cb, counts);
	sel_end(&it);
	n = json_object_size(counts);
	b = xcalloc(n + 1, sizeof *b);
	i = 0;
	json_object_foreach(counts, k, v) {
		b[i].key = k;
		b[i++].n = json_integer_value(v);
	}
	qsort(b, n, sizeof *b, bucket_cmp);
	if (n == 0)
		fprintf(s->out, "no values of '%s'\n", w->w[2]);
	histogram(s, b, n, 50);
	free(b);
	json_decref(counts);
	return 0;
}

struct ranked {
	uint64_t i;
	double v;
};

static int
ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? 1 : -1;
	return (x->i > y->i) - (x->i < y->i);
}

struct maxctx {
	double v;
	int any;
};

static void
max_cb(json_t *v, void *arg)
{
	struct maxctx *m = arg;

	if (json_is_number(v) && (!m->any || json_number_value(v) > m->v)) {
		m->v = json_number_value(v);
		m->any = 1;
	}
}

static int
c_top(struct store *s, struct words *w)
{
	struct ranked *r = NULL;
	struct xiter it;
	uint64_t key;
	const char *err;
	long long n;
	size_t i, k = 0, cap = 0;
	char buf[32];

	if (w->n != 4 || strcmp(w->w[2], "by") != 0) {
		yq_warnx("top: usage: top N by FIELD");
		return 2;
	}
	n = yq_strtonum(w->w[1], 1, 100000, &err);
	if (err != NULL) {
		yq_warnx("top: N is %s: '%s'", err, w->w[1]);
		return 2;
	}
	/* Only what has the field is kept: memory by the result. */
	sel_begin(s, &s->cur, &it);
	while (sel_next(s, &it, &key)) {
		struct maxctx m = { 0, 0 };

		path_each(store_rec(s, key)->obj, w->w[3], max_cb, &m);
		if (!m.any)
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 1024;
			r = xrealloc(r, cap * sizeof *r);
		}
		r[k].i = key;
		r[k++].v = m.v;
	}
	sel_end(&it);
	if (k > 0)
		qsort(r, k, sizeof *r, ranked_cmp);
	for (i = 0; i < k && i < (size_t)n; i++) {
		snprintf(buf, sizeof buf, "%g", r[i].v);
		fprintf(s->out, "%10s  ", buf);
		summary(s, store_rec(s, r[i].i));
	}
	if (k == 0)
		fprintf(s->out, "no numeric values of '%s'\n", w->w[3]);
	free(r);
	return 0;
}

static int
c_list(struct store *s, struct words *w)
{
	const char *err;
	long long n = 20;
	struct xiter it;
	uint64_t key;
	size_t i;

	if (w->n > 2) {
		yq_warnx("list: usage: list [N]");
		return 2;
	}
	if (w->n == 2) {
		n = yq_strtonum(w->w[1], 1, 10000000, &err);
		if (err != NULL) {
			yq_warnx("list: N is %s: '%s'", err, w->w[1]);
			return 2;
		}
	}
	sel_begin(s, &s->cur, &it);
	for (i = 0; i < (size_t)n && sel_next(s, &it, &key); i++)
		summary(s, store_rec(s, key));
	sel_end(&it);
	if (s->cur.n > (size_t)n)
		fprintf(s->out, "(%zu more)\n", s->cur.n - (size_t)n);
	return 0;
}

static int
c_show(struct store *s, struct words *w)
{
	json_t *obj;
	long long i;
	const char *line;
	size_t len;

	if (w->n != 2) {
		yq_warnx("show: usage: show ID");
		return 2;
	}
	i = store_find(s, w->w[1]);
	if (i < 0) {
		yq_warnx("show: no record with id '%s'", w->w[1]);
		return 1;
	}
	line = store_line(s, i, &len);
	obj = json_loadb(line, len, 0, NULL);
	if (obj == NULL)
		return 3;
	json_dumpf(obj, s->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(10));
	fputc('\n', s->out);
	json_decref(obj);
	return 0;
}

static int
time_cmp(const void *a, const void *b, void *arg)
{
	const struct store *s = arg;
	const struct xrec *x = &s->rec[*(const uint64_t *)a];
	const struct xrec *y = &s->rec[*(const uint64_t *)b];

	if (x->is_event != y->is_event)
		return x->is_event ? -1 : 1;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return (*(const uint64_t *)a > *(const uint64_t *)b) -
	    (*(const uint64_t *)a < *(const uint64_t *)b);
}

/* Select the event's record and its posts, in time order. */
static int
c_event(struct store *s, struct words *w)
{
	struct xsel next = { NULL, 0, 0, NULL };
	size_t i;

	if (w->n != 2) {
		yq_warnx("event: usage: event ID");
		return 2;
	}
	if (s->ix == NULL) {
		next.v = xmalloc((s->n + 1) * sizeof *next.v);
		for (i = 0; i < s->n; i++) {
			const char *e = rec_str(s->rec[i].obj, "event_id");

			if (e != NULL && strcmp(e, w->w[1]) == 0)
				next.v[next.n++] = i;
		}
		if (next.n > 0)
			qsort_r(next.v, next.n, sizeof *next.v, time_cmp, s);
	} else
		iq_event(s, w->w[1], &next);
	if (next.n == 0) {
		free(next.v);
		yq_warnx("event: no event '%s'", w->w[1]);
		return 1;
	}
	store_select(s, next);
	for (i = 0; i < s->cur.n; i++)
		summary(s, store_rec(s, s->cur.v[i]));
	fprintf(s->out, "posts per hour:\n");
	/* Its posts' timeline: the event record itself is not a post. */
	return count_time(s, 3600, 1) == 2 ? 2 : 0;
}

static int
c_fields(struct store *s, struct words *w)
{
	size_t i;

	(void)w;
	for (i = 0; i < s->nfields; i++)
		fprintf(s->out, "%s\n", s->fields[i]);
	return 0;
}

static int
c_info(struct store *s, struct words *w)
{
	char a[YQT_BUFSZ], b[YQT_BUFSZ];
	struct yqt t;

	(void)w;
	fprintf(s->out, "%zu records (%zu posts, %zu events)", s->n, s->nposts,
	    s->nevents);
	if (s->tmin != 0) {
		t.off = YQT_DEFAULT_OFFSET;
		t.t = s->tmin;
		yqt_format(t, a);
		t.t = s->tmax;
		yqt_format(t, b);
		fprintf(s->out, " from %s to %s", a, b);
	}
	fprintf(s->out, "; %zu selected\n", s->cur.n);
	return 0;
}

/* ------------------------------------------------------------ writing */

static int
csv_field(FILE *fp, const char *v, int last)
{
	if (v == NULL)
		v = "";
	if (csv_fwrite(fp, v, strlen(v)) != 0)
		return -1;
	return fputc(last ? '\n' : ',', fp) == EOF ? -1 : 0;
}

static const char *const csv_cols[] = {
	"kind", "id", "event_id", "time", "platform", "source", "author",
	"title", "text", "url", "heat", "risk", "sentiment.label", NULL
};

static int
export_csv(struct store *s, FILE *fp)
{
	char tb[YQT_BUFSZ], nb[64];
	struct xiter it;
	uint64_t key;
	size_t c;
	int e = 0;

	for (c = 0; csv_cols[c] != NULL; c++)
		e |= csv_field(fp, csv_cols[c], csv_cols[c + 1] == NULL);
	sel_begin(s, &s->cur, &it);
	while (sel_next(s, &it, &key)) {
		const struct xrec *r = store_rec(s, key);

		for (c = 0; csv_cols[c] != NULL; c++) {
			const char *col = csv_cols[c], *v = NULL;
			json_t *j;

			if (strcmp(col, "kind") == 0)
				v = r->is_event ? "event" : "post";
			else if (strcmp(col, "time") == 0)
				v = r->has_t ? store_time(r, tb) : "";
			else if ((j = rec_path(r->obj, col)) != NULL &&
			    !json_is_object(j) && !json_is_array(j))
				v = scalar_text(j, nb, sizeof nb);
			e |= csv_field(fp, v, csv_cols[c + 1] == NULL);
		}
	}
	sel_end(&it);
	return e;
}

static int
write_lines(struct store *s, FILE *fp)
{
	struct xiter it;
	uint64_t key;
	const char *line;
	size_t len;
	int e = 0;

	sel_begin(s, &s->cur, &it);
	while (!e && sel_next(s, &it, &key)) {
		line = store_line(s, key, &len);
		if (fwrite(line, 1, len, fp) != len || fputc('\n', fp) == EOF)
			e = -1;
	}
	sel_end(&it);
	return e;
}

static int
c_export(struct store *s, struct words *w)
{
	struct rec_out *out;
	int csv, e;

	if (w->n < 2 || w->n > 3) {
		yq_warnx("export: usage: export FILE [ndjson|csv]");
		return 2;
	}
	csv = w->n == 3 ? strcmp(w->w[2], "csv") == 0 :
	    strlen(w->w[1]) > 4 && strcmp(w->w[1] + strlen(w->w[1]) - 4, ".csv") == 0;
	if (w->n == 3 && !csv && strcmp(w->w[2], "ndjson") != 0) {
		yq_warnx("export: unknown format '%s' (ndjson or csv)", w->w[2]);
		return 2;
	}
	out = rec_out_open(w->w[1]);
	if (out == NULL)
		return 3;
	e = csv ? export_csv(s, rec_out_file(out)) : write_lines(s, rec_out_file(out));
	if (rec_out_close(out, e != 0) < 0 || e != 0) {
		if (e != 0)
			yq_warnx("export: cannot write '%s': %s", w->w[1], strerror(errno));
		return 3;
	}
	fprintf(s->out, "%zu records written to %s\n", s->cur.n, w->w[1]);
	return 0;
}

/* "| command": the selection as NDJSON on the command's standard input. */
static int
run_pipe(struct store *s, const char *cmd)
{
	FILE *p;
	int st;

	while (*cmd == ' ' || *cmd == '\t')
		cmd++;
	if (*cmd == '\0') {
		yq_warnx("|: a command is needed");
		return 2;
	}
	fflush(s->out);
	p = popen(cmd, "w");
	if (p == NULL) {
		yq_warn("|: cannot run '%s'", cmd);
		return 3;
	}
	write_lines(s, p);	/* a command that stops reading is no error */
	st = pclose(p);
	if (st == -1)
		return 3;
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	return 128 + WTERMSIG(st);
}

/* ------------------------------------------------------------ the table */

static int c_help(struct store *, struct words *);

static int
c_timer(struct store *s, struct words *w)
{
	if (w->n != 2 || (strcmp(w->w[1], "on") != 0 && strcmp(w->w[1], "off") != 0)) {
		yq_warnx("timer: usage: timer on|off");
		return 2;
	}
	s->timer = strcmp(w->w[1], "on") == 0;
	return 0;
}

static int
c_quit(struct store *s, struct words *w)
{
	(void)s;
	(void)w;
	return 0;
}

static const struct command commands[] = {
	{ "grep", c_grep, "REGEX", "keep records whose title or text matches REGEX (PCRE2)" },
	{ "word", c_word, "WORD...", "keep records with every WORD among their words (yq-seg's tokens)" },
	{ "where", c_where, "COND...", "keep records meeting every condition (heat>100, places.name=北溪区)" },
	{ "since", c_since, "TIME", "keep records at or after TIME" },
	{ "until", c_until, "TIME", "keep records before TIME" },
	{ "posts", c_posts, "", "keep posts only" },
	{ "events", c_events, "", "keep event records only" },
	{ "event", c_event, "ID", "select an event's record and posts in time order, with an hourly timeline" },
	{ "undo", c_undo, "", "go back to the previous selection" },
	{ "reset", c_reset, "", "select every record again" },
	{ "count", c_count, "[by FIELD]", "count the selection, or a histogram by FIELD (or by hour, day)" },
	{ "top", c_top, "N by FIELD", "the N records with the highest numeric FIELD" },
	{ "list", c_list, "[N]", "one line for each of the first N selected records (20)" },
	{ "show", c_show, "ID", "the whole record with this id or event_id" },
	{ "fields", c_fields, "", "the field names seen in the data" },
	{ "info", c_info, "", "what is loaded and how much is selected" },
	{ "export", c_export, "FILE [ndjson|csv]", "write the selection to FILE" },
	{ "mark", c_mark, "ID VERDICT REASON", "mark an event false_alarm, no_answer or watch (yq-deadline mark)" },
	{ "answer", c_answer, "ID AT FORM BODY", "record an answer given to an event, its URL after (yq-deadline answer)" },
	{ "merge", c_merge, "ID INTO REASON", "count an event as part of another (yq-deadline merge)" },
	{ "timer", c_timer, "on|off", "show how long each command takes, on stderr" },
	{ "help", c_help, "[COMMAND]", "this list, or one command's help" },
	{ "quit", c_quit, "", "leave (also: exit, end of input)" },
	{ NULL, NULL, NULL, NULL }
};

const char *const cmd_names[] = {
	"grep", "word", "where", "since", "until", "posts", "events", "event", "undo",
	"reset", "count", "top", "list", "show", "fields", "info", "export",
	"mark", "answer", "merge", "timer", "help", "quit", "exit", NULL
};

static int
c_help(struct store *s, struct words *w)
{
	size_t i;

	for (i = 0; commands[i].name != NULL; i++) {
		if (w->n > 1 && strcmp(w->w[1], commands[i].name) != 0)
			continue;
		fprintf(s->out, "  %-7s %-18s %s\n", commands[i].name,
		    commands[i].args, commands[i].help);
	}
	if (w->n > 1 && strcmp(w->w[1], "|") != 0) {
		for (i = 0; commands[i].name != NULL; i++)
			if (strcmp(w->w[1], commands[i].name) == 0)
				return 0;
		yq_warnx("help: no command '%s'", w->w[1]);
		return 2;
	}
	fprintf(s->out, "  %-7s %-18s %s\n", "|", "COMMAND",
	    "run a shell command with the selection as NDJSON on its input");
	if (w->n == 1)
		fprintf(s->out, "Conditions: FIELD OP VALUE, OP one of = != > >= < <= ~ !~;"
		    " arrays match when any element does.\n");
	return 0;
}

/*
 * Whether the reader of out went away: the write end of a pipe with no
 * reader left polls as an error (SIGPIPE is ignored, so writes only
 * failed with EPIPE, which a later call may have overwritten).
 */
static int
reader_gone(FILE *out)
{
	struct pollfd p = { fileno(out), POLLOUT, 0 };

	return errno == EPIPE || (poll(&p, 1, 0) == 1 && (p.revents & POLLERR));
}

int
cmd_run(struct store *s, const char *line, int *quit)
{
	struct words w;
	struct timespec t0, t1;
	char *buf;
	size_t i;
	int st;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '\0' || *line == '#')
		return 0;
	if (*line == '|')
		return run_pipe(s, line + 1);
	buf = xmalloc(strlen(line) + 1);
	memset(&w, 0, sizeof w);
	if (split(line, &w, buf) < 0) {
		yq_warnx("unbalanced quotes or too many words: %s", line);
		free(buf);
		return 2;
	}
	if (w.rest == NULL)
		w.rest = "";
	if (strcmp(w.w[0], "quit") == 0 || strcmp(w.w[0], "exit") == 0) {
		*quit = 1;
		free(buf);
		return 0;
	}
	for (i = 0; commands[i].name != NULL; i++)
		if (strcmp(w.w[0], commands[i].name) == 0)
			break;
	if (commands[i].name == NULL) {
		yq_warnx("unknown command '%s' (try 'help')", w.w[0]);
		free(buf);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	st = commands[i].fn(s, &w);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(buf);
	if ((fflush(s->out) == EOF || ferror(s->out)) && reader_gone(s->out)) {
		/* yq-explore | head: the rest would go nowhere. */
		s->gone = 1;
		*quit = 1;
	}
	if (s->timer)
		fprintf(stderr, "(%s: %.3f s)\n", commands[i].name,
		    (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return st;
}
