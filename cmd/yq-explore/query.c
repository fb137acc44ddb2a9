/*
 * query.c: field conditions of yq-explore's `where` command.
 *
 *   PATH OP VALUE     OP is = != > >= < <= ~ (PCRE2 match) !~
 *   PATH              the field is present and not null
 *
 * PATH is dotted (sentiment.label, metrics.reposts, places.name); arrays
 * on the way are walked, and the condition holds when any value there
 * satisfies it (for != and !~: when none equals or matches).  Values
 * compare as numbers when both sides are numbers, as times when both
 * sides read as times (published_at>=2026-11-20), else as strings.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "explore.h"
#include "yq.h"
#include "yqtime.h"

enum op { OP_EXISTS, OP_EQ, OP_NE, OP_GT, OP_GE, OP_LT, OP_LE, OP_RE, OP_NRE };

struct cond {
	char *path;
	enum op op;
	char *value;
	int is_num;		/* value is a number */
	double num;
	int is_time;		/* value is a time */
	time_t t;
	time_t now;		/* the run's --now: relative times read against it */
	int time_field;		/* path is the record's own time field */
	pcre2_code *re;
	pcre2_match_data *md;
};

static const struct {
	const char *s;
	enum op op;
} ops[] = {
	/* Two-character operators first so that ">=" is not read as ">". */
	{ "!~", OP_NRE }, { ">=", OP_GE }, { "<=", OP_LE }, { "!=", OP_NE },
	{ "=", OP_EQ }, { ">", OP_GT }, { "<", OP_LT }, { "~", OP_RE },
};

static int
valid_path(const char *p, size_t n)
{
	size_t i;

	if (n == 0 || p[0] == '.' || p[n - 1] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (!(c == '_' || c == '.' || c == '-' || c >= 0x80 ||
		    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z')))
			return 0;
	}
	return 1;
}

static int
compile_re(struct cond *c, char *err, size_t errsz)
{
	int ec;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	c->re = pcre2_compile((PCRE2_SPTR)c->value, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &ec, &off, NULL);
	if (c->re == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		snprintf(err, errsz, "bad pattern '%s' at offset %zu: %s",
		    c->value, (size_t)off, (char *)msg);
		return -1;
	}
	yq_jit(c->re);
	c->md = pcre2_match_data_create_from_pattern(c->re, NULL);
	return 0;
}

static void
read_value(struct cond *c, time_t now)
{
	char *end;
	struct yqt t;

	c->num = strtod(c->value, &end);
	c->is_num = end != c->value && *end == '\0';
	if (!c->is_num && yqt_parse(c->value, now, &t) == 0) {
		c->is_time = 1;
		c->t = t.t;
	}
	c->time_field = strcmp(c->path, "published_at") == 0 ||
	    strcmp(c->path, "first_seen") == 0;
}

struct cond *
cond_parse(const char *s, time_t now, char *err, size_t errsz)
{
	struct cond *c;
	size_t i, n;
	const char *p;

	n = strcspn(s, "=!<>~");
	if (!valid_path(s, n)) {
		snprintf(err, errsz, "not a condition: '%s' (want FIELD OP VALUE)", s);
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->path = xstrndup(s, n);
	c->now = now;
	p = s + n;
	if (*p == '\0') {
		c->op = OP_EXISTS;
		return c;
	}
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strncmp(p, ops[i].s, strlen(ops[i].s)) == 0)
			break;
	if (i == sizeof ops / sizeof ops[0]) {
		snprintf(err, errsz, "unknown operator in '%s'", s);
		cond_free(c);
		return NULL;
	}
	c->op = ops[i].op;
	p += strlen(ops[i].s);
	if (strchr("=!<>~", *p) != NULL && *p != '\0') {
		snprintf(err, errsz, "unknown operator in '%s'", s);
		cond_free(c);
		return NULL;
	}
	c->value = xstrdup(p);
	if ((c->op == OP_RE || c->op == OP_NRE) && compile_re(c, err, errsz) < 0) {
		cond_free(c);
		return NULL;
	}
	read_value(c, now);
	return c;
}

void
cond_free(struct cond *c)
{
	if (c == NULL)
		return;
	free(c->path);
	free(c->value);
	pcre2_match_data_free(c->md);
	pcre2_code_free(c->re);
	free(c);
}

static void
walk(json_t *v, const char *path, void (*fn)(json_t *, void *), void *arg)
{
	const char *dot;
	char key[128];
	size_t i, n;

	if (json_is_array(v)) {
		/* A [word, weight] pair (keywords, timeline) stands for its word. */
		if (*path == '\0' && json_array_size(v) == 2 &&
		    json_is_string(json_array_get(v, 0)) &&
		    json_is_number(json_array_get(v, 1))) {
			fn(json_array_get(v, 0), arg);
			return;
		}
		for (i = 0; i < json_array_size(v); i++)
			walk(json_array_get(v, i), path, fn, arg);
		return;
	}
	if (*path == '\0') {
		if (!json_is_null(v))
			fn(v, arg);
		return;
	}
	if (!json_is_object(v))
		return;
	dot = strchr(path, '.');
	n = dot ? (size_t)(dot - path) : strlen(path);
	if (n >= sizeof key)
		return;
	memcpy(key, path, n);
	key[n] = '\0';
	v = json_object_get(v, key);
	if (v != NULL)
		walk(v, dot ? dot + 1 : "", fn, arg);
}

void
path_each(json_t *obj, const char *path, void (*fn)(json_t *, void *),
    void *arg)
{
	walk(obj, path, fn, arg);
}

const char *
scalar_text(json_t *v, char *buf, size_t bufsz)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		return json_string_value(v);
	case JSON_INTEGER:
		snprintf(buf, bufsz, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return buf;
	case JSON_REAL:
		snprintf(buf, bufsz, "%g", json_real_value(v));
		return buf;
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	default:
		/* Objects at the end of a path print compactly. */
		{
			char *s = yq_json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);

			snprintf(buf, bufsz, "%s", s ? s : "?");
			free(s);
			return buf;
		}
	}
}

/* Compare one value at the path with the condition: <0, 0, >0. */
static int
compare(const struct cond *c, json_t *v)
{
	char buf[64];
	const char *s;
	struct yqt t;
	double d;

	if (c->is_num && json_is_number(v)) {
		d = json_number_value(v);
		return (d > c->num) - (d < c->num);
	}
	s = scalar_text(v, buf, sizeof buf);
	if (c->is_time && json_is_string(v) && yqt_parse(s, c->now, &t) == 0)
		return (t.t > c->t) - (t.t < c->t);
	return strcmp(s, c->value);
}

static int
test_one(const struct cond *c, json_t *v)
{
	char buf[64];
	const char *s;
	int r;

	if (c->op == OP_EXISTS)
		return 1;
	if (c->op == OP_RE || c->op == OP_NRE) {
		s = scalar_text(v, buf, sizeof buf);
		return pcre2_match(c->re, (PCRE2_SPTR)s, strlen(s), 0, 0,
		    c->md, NULL) >= 0;
	}
	r = compare(c, v);
	switch (c->op) {
	case OP_EQ: case OP_NE:
		return r == 0;
	case OP_GT:
		return r > 0;
	case OP_GE:
		return r >= 0;
	case OP_LT:
		return r < 0;
	case OP_LE:
		return r <= 0;
	default:
		return 0;
	}
}

struct matchstate {
	const struct cond *c;
	int any;
};

static void
match_cb(json_t *v, void *arg)
{
	struct matchstate *m = arg;

	if (!m->any && test_one(m->c, v))
		m->any = 1;
}

static int
time_match(const struct cond *c, const struct xrec *r)
{
	if (!r->has_t)
		return c->op == OP_NE;
	switch (c->op) {
	case OP_EQ:
		return r->t == c->t;
	case OP_NE:
		return r->t != c->t;
	case OP_GT:
		return r->t > c->t;
	case OP_GE:
		return r->t >= c->t;
	case OP_LT:
		return r->t < c->t;
	case OP_LE:
		return r->t <= c->t;
	default:
		return 0;
	}
}

int
cond_match(const struct cond *c, const struct xrec *r)
{
	struct matchstate m = { c, 0 };

	/* The record's own time is parsed once at load; use it. */
	if (c->time_field && c->is_time && c->op != OP_RE && c->op != OP_NRE &&
	    (r->is_event == (strcmp(c->path, "first_seen") == 0)))
		return time_match(c, r);
	walk(r->obj, c->path, match_cb, &m);
	if (c->op == OP_NE || c->op == OP_NRE)
		return !m.any;
	return m.any;
}

char *
cond_term(const struct cond *c)
{
	char num[32];
	int i;

	/* Equality on a field whose values are terms; a time compares as such. */
	if (c->op != OP_EQ || c->is_time || strchr(c->value, WORD_SEP) != NULL)
		return NULL;
	for (i = 0; idx_tagged[i] != NULL; i++)
		if (strcmp(c->path, idx_tagged[i]) == 0)
			break;
	if (idx_tagged[i] == NULL)
		return NULL;
	snprintf(num, sizeof num, "%.17g", c->num);
	return iq_term(c->path, c->value, c->is_num ? num : NULL);
}
