/*
 * conf.c: the subscriptions (yq-alert.conf(5)): blocks headed [name],
 * one "key value" a line, # comments; a block [*] gives every
 * subscriber the values it does not set itself.  Secrets (url,
 * password, secret, user) may be read from env:NAME or file:PATH, so
 * that they are never on a command line.  Every bad line is reported as
 * "FILE:LINE: what" and the whole file refused.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "datapath.h"
#include "gazetteer.h"
#include "opt.h"
#include "record.h"
#include "yq.h"

const char *conf_places_supplement;

static const char *const rules[] = {
	"emergency", "policy_misreading", "moral_bottom_line", "upper_request",
	"public_interest", "rumour", "official_misconduct", "watch", NULL
};
static const char *const warnings[] = {
	"none", "blue", "yellow", "orange", "red", NULL
};
static const char *const channels[] = {
	"mail", "webhook", "wecom", "dingtalk", "feishu", NULL
};
static const char *const changes[] = {
	"new", "raised", "due", "overdue", "answered", NULL
};
static const char *const tlses[] = { "none", "try", "required", NULL };

static int
word_index(const char *const *list, const char *w)
{
	int i;

	for (i = 0; w != NULL && list[i] != NULL; i++)
		if (strcmp(list[i], w) == 0)
			return i;
	return -1;
}

int
rule_index(const char *rule)
{
	return word_index(rules, rule);
}

int
warning_index(const char *w)
{
	return word_index(warnings, w);
}

/* Where the line being read is, for messages. */
struct cursor {
	const char *file;
	unsigned long line;
	int bad;
};

static void
bad(struct cursor *cu, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
bad(struct cursor *cu, const char *fmt, ...)
{
	char *where = xasprintf("%s:%lu: %s", cu->file, cu->line, fmt);
	va_list ap;

	va_start(ap, fmt);
	yq_vwarnx(where, ap);
	va_end(ap);
	free(where);
	cu->bad = 1;
}

/* Split a list on commas (ASCII or ，) and blanks; NULL-terminated, freed by free_list. */
static char **
split(const char *v, size_t *n)
{
	char *s = xstrdup(v), *p, *w, **out = xcalloc(strlen(v) + 1, sizeof *out);

	while ((p = strstr(s, "，")) != NULL)
		memmove(p + 1, p + 3, strlen(p + 3) + 1), *p = ',';
	*n = 0;
	for (w = strtok(s, ", \t"); w != NULL; w = strtok(NULL, ", \t"))
		out[(*n)++] = xstrdup(w);
	free(s);
	return out;
}

static void
free_list(char **l, size_t n)
{
	size_t i;

	for (i = 0; l != NULL && i < n; i++)
		free(l[i]);
	free(l);
}

/* A secret: env:NAME, file:PATH (its first line), or the value itself. */
static char *
secret(struct cursor *cu, const char *v)
{
	char *s = NULL, *nl;
	size_t cap = 0;
	FILE *fp;

	if (strncmp(v, "env:", 4) == 0) {
		if (getenv(v + 4) == NULL || *getenv(v + 4) == '\0') {
			bad(cu, "environment variable '%s' is not set", v + 4);
			return NULL;
		}
		return xstrdup(getenv(v + 4));
	}
	if (strncmp(v, "file:", 5) != 0)
		return xstrdup(v);
	if ((fp = fopen(v + 5, "r")) == NULL) {
		bad(cu, "cannot open '%s': %s", v + 5, strerror(errno));
		return NULL;
	}
	if (getline(&s, &cap, fp) < 0) {
		bad(cu, "'%s' is empty", v + 5);
		free(s);
		s = NULL;
	} else if ((nl = strpbrk(s, "\r\n")) != NULL)
		*nl = '\0';
	fclose(fp);
	return s;
}

/* A list of words from list, as bits; -1 (reported) on an unknown one. */
static long
bits(struct cursor *cu, const char *key, const char *v, const char *const *list)
{
	size_t n, i;
	char **w = split(v, &n);
	long b = 0;
	int k;

	for (i = 0; i < n; i++) {
		if ((k = word_index(list, w[i])) < 0) {
			bad(cu, "%s: unknown word '%s'", key, w[i] ? w[i] : "");
			b = -1;
			break;
		}
		b |= 1L << k;
	}
	free_list(w, n);
	return b;
}

/* A place: its 6-digit code, or its name in the gazetteer. */
static int
place_code(struct cursor *cu, const char *w)
{
	static int loaded;
	const struct gaz_place *p;
	char *path;

	if (strlen(w) == 6 && strspn(w, "0123456789") == 6)
		return atoi(w);
	if (!loaded) {
		loaded = 1;
		if ((path = yq_datafile("gazetteer.csv")) != NULL && gaz_load(path) < 0)
			loaded = -1;
		free(path);
		if (conf_places_supplement && gaz_load_supplement(conf_places_supplement) < 0)
			loaded = -1;
	}
	if (loaded < 0 || (p = gaz_lookup(w, strlen(w), NULL)) == NULL) {
		bad(cu, "places: unknown place '%s'", w);
		return -1;
	}
	return atoi(p->code);
}

static void
set_places(struct cursor *cu, struct sub *s, const char *v)
{
	size_t n, i;
	char **w = split(v, &n);
	int code;

	free(s->places);
	s->places = xcalloc(n + 1, sizeof *s->places);
	s->nplaces = 0;
	for (i = 0; i < n; i++)
		if ((code = place_code(cu, w[i])) >= 0)
			s->places[s->nplaces++] = code;
	s->set_places = 1;
	free_list(w, n);
}

/* "22:00-07:00" into minutes of the day. */
static int
set_quiet(struct sub *s, const char *v)
{
	int h1, m1, h2, m2, used = 0;

	if (strcmp(v, "none") == 0) {
		s->quiet_from = s->quiet_to = -2;
		return 0;
	}
	if (sscanf(v, "%d:%d-%d:%d%n", &h1, &m1, &h2, &m2, &used) != 4 ||
	    v[used] != '\0' || h1 < 0 || h1 > 23 || h2 < 0 || h2 > 24 ||
	    m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59)
		return -1;
	s->quiet_from = h1 * 60 + m1;
	s->quiet_to = h2 * 60 + m2;
	return 0;
}

/* "10/1h": at most 10 messages an hour. */
static int
set_rate(struct sub *s, const char *v)
{
	const char *slash = strchr(v, '/'), *e;
	char *n;

	if (strcmp(v, "none") == 0) {
		s->rate_n = 0;
		return 0;
	}
	if (slash == NULL)
		return -1;
	n = xstrndup(v, (size_t)(slash - v));
	s->rate_n = (int)yq_strtonum(n, 1, 100000, &e);
	free(n);
	s->rate_win = yq_duration(slash + 1);
	return e != NULL || s->rate_win <= 0 ? -1 : 0;
}

static long
duration(struct cursor *cu, const char *key, const char *v)
{
	long d = strcmp(v, "none") == 0 ? 0 : yq_duration(v);

	if (d < 0)
		bad(cu, "%s wants a duration: '%s'", key, v);
	return d;
}

static void
set_string(struct cursor *cu, char **field, const char *v, int is_secret)
{
	char *s = is_secret ? secret(cu, v) : xstrdup(v);

	if (s != NULL) {
		free(*field);
		*field = s;
	}
}

static void
set_words(char ***field, size_t *n, int *set, const char *v)
{
	free_list(*field, *n);
	*field = split(v, n);
	*set = 1;
}

static int
set_enum(struct cursor *cu, const char *key, const char *v,
    const char *const *list)
{
	int i = word_index(list, v);

	if (i < 0)
		bad(cu, "%s: unknown value '%s'", key, v);
	return i;
}

/* Keys of the notify/kinds/break kind: lists of known words. */
static int
set_bits(struct cursor *cu, struct sub *s, const char *key, const char *v)
{
	long b;

	if (strcmp(key, "notify") == 0) {
		b = strcmp(v, "all") == 0 ? CH_ALL : bits(cu, key, v, changes);
		if (b == 0)
			bad(cu, "notify: no change named");
		if (b > 0)
			s->notify = (unsigned)b;
	} else if (strcmp(key, "kinds") == 0) {
		if ((b = bits(cu, key, v, rules)) >= 0)
			s->kinds = (unsigned)b, s->set_kinds = 1;
	} else if (strcmp(key, "break") == 0) {
		static const char *const brk[] = { "red", "overdue", NULL };

		b = strcmp(v, "none") == 0 ? 0 : bits(cu, key, v, brk);
		if (b >= 0)
			s->brk = (unsigned)b;
	} else
		return -1;
	return 0;
}

static void
set_key(struct cursor *cu, struct sub *s, const char *key, const char *v)
{
	if (set_bits(cu, s, key, v) == 0)
		return;
	if (strcmp(key, "channel") == 0)
		s->channel = set_enum(cu, key, v, channels);
	else if (strcmp(key, "tls") == 0)
		s->tls = set_enum(cu, key, v, tlses);
	else if (strcmp(key, "level") == 0)
		s->level = set_enum(cu, key, v, warnings);
	else if (strcmp(key, "to") == 0 || strcmp(key, "from") == 0 ||
	    strcmp(key, "smtp") == 0 || strcmp(key, "report") == 0)
		set_string(cu, *key == 't' ? &s->to : *key == 'f' ? &s->from :
		    *key == 's' ? &s->smtp : &s->report, v, 0);
	else if (strcmp(key, "url") == 0 || strcmp(key, "user") == 0 ||
	    strcmp(key, "password") == 0 || strcmp(key, "secret") == 0)
		set_string(cu, *key == 'u' ? (key[1] == 'r' ? &s->url : &s->user) :
		    *key == 'p' ? &s->password : &s->secret, v, 1);
	else if (strcmp(key, "places") == 0)
		set_places(cu, s, v);
	else if (strcmp(key, "owners") == 0)
		set_words(&s->owners, &s->nowners, &s->set_owners, v);
	else if (strcmp(key, "topics") == 0)
		set_words(&s->topics, &s->ntopics, &s->set_topics, v);
	else if (strcmp(key, "lead") == 0 || strcmp(key, "digest") == 0)
		*(*key == 'l' ? &s->lead : &s->digest) = duration(cu, key, v);
	else if (strcmp(key, "quiet") == 0) {
		if (set_quiet(s, v) < 0)
			bad(cu, "quiet wants HH:MM-HH:MM or none: '%s'", v);
	} else if (strcmp(key, "rate") == 0) {
		if (set_rate(s, v) < 0)
			bad(cu, "rate wants N/DURATION or none: '%s'", v);
	} else
		bad(cu, "unknown key '%s'", key);
}

static void
sub_init(struct sub *s, const char *name, const struct cursor *cu)
{
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->where = xasprintf("%s:%lu", cu->file, cu->line);
	s->channel = s->tls = s->level = s->rate_n = -1;
	s->lead = s->digest = -1;
	s->quiet_from = s->quiet_to = -1;
	s->brk = ~0u;
}

static char **
copy_list(char **l, size_t n)
{
	char **c = xcalloc(n + 1, sizeof *c);
	size_t i;

	for (i = 0; i < n; i++)
		c[i] = xstrdup(l[i]);
	return c;
}

#define INHERIT(f, unset) do { if (s->f == (unset)) s->f = d->f; } while (0)
#define INHERIT_STR(f) do { if (s->f == NULL && d->f) s->f = xstrdup(d->f); } while (0)

/* Fill what s leaves unset from the [*] block d, then the built-in defaults. */
static void
inherit(struct sub *s, const struct sub *d)
{
	INHERIT(channel, -1);
	INHERIT(tls, -1);
	INHERIT(level, -1);
	INHERIT(rate_n, -1);
	INHERIT(rate_win, 0);
	INHERIT(lead, -1);
	INHERIT(digest, -1);
	INHERIT(brk, ~0u);
	INHERIT(notify, 0u);
	if (s->quiet_from == -1)
		s->quiet_from = d->quiet_from, s->quiet_to = d->quiet_to;
	INHERIT_STR(to);
	INHERIT_STR(from);
	INHERIT_STR(url);
	INHERIT_STR(smtp);
	INHERIT_STR(user);
	INHERIT_STR(password);
	INHERIT_STR(secret);
	INHERIT_STR(report);
	if (!s->set_kinds)
		s->kinds = d->kinds;
	if (!s->set_places && d->nplaces > 0) {
		s->places = xcalloc(d->nplaces, sizeof *s->places);
		memcpy(s->places, d->places, d->nplaces * sizeof *s->places);
		s->nplaces = d->nplaces;
	}
	if (!s->set_owners && d->nowners > 0)
		s->owners = copy_list(d->owners, s->nowners = d->nowners);
	if (!s->set_topics && d->ntopics > 0)
		s->topics = copy_list(d->topics, s->ntopics = d->ntopics);
}

static void
builtin(struct sub *s)
{
	if (s->tls < 0)
		s->tls = 2;
	if (s->level < 0)
		s->level = 2;
	if (s->rate_n < 0)
		s->rate_n = 0;
	if (s->lead < 0)
		s->lead = 6 * 3600;
	if (s->digest < 0)
		s->digest = 0;
	if (s->brk == ~0u)
		s->brk = BRK_RED | BRK_OVERDUE;
	if (s->notify == 0)
		s->notify = CH_ALL;
	if (s->quiet_from < 0)
		s->quiet_from = s->quiet_to = -1;
}

/* What a channel needs; reported at the subscriber's [name] line. */
static void
check(const struct sub *s, int *failed)
{
	const char *miss = NULL;

	if (s->channel < 0)
		miss = "channel";
	else if (s->channel == CHAN_MAIL)
		miss = s->smtp == NULL ? "smtp" : s->to == NULL ? "to" :
		    s->from == NULL ? "from" : NULL;
	else if (s->url == NULL)
		miss = "url";
	if (miss != NULL) {
		yq_warnx("%s: [%s] has no %s", s->where, s->name, miss);
		*failed = 1;
	}
}

static void
sub_free(struct sub *s)
{
	free(s->name);
	free(s->where);
	free(s->to);
	free(s->from);
	free(s->url);
	free(s->smtp);
	free(s->user);
	free(s->password);
	free(s->secret);
	free(s->report);
	free(s->places);
	free_list(s->owners, s->nowners);
	free_list(s->topics, s->ntopics);
}

/* One line of the file, into the block being read (*cur; NULL before any). */
static void
conf_line(struct cursor *cu, struct conf *c, struct sub *dflt, struct sub **cur,
    char *line)
{
	char *p, *key, *v, *end;
	size_t i;

	for (p = line; (p = strchr(p, '#')) != NULL; p++)
		if (p == line || isspace((unsigned char)p[-1])) {
			*p = '\0';
			break;
		}
	for (key = line; isspace((unsigned char)*key); key++)
		;
	end = key + strlen(key);
	while (end > key && isspace((unsigned char)end[-1]))
		*--end = '\0';
	if (*key == '\0')
		return;
	if (*key == '[') {
		if (end[-1] != ']' || end - key < 3) {
			bad(cu, "a block starts with [name]");
			return;
		}
		end[-1] = '\0';
		for (i = 0; i < c->nsubs; i++)
			if (strcmp(c->subs[i].name, key + 1) == 0)
				bad(cu, "[%s] is defined twice", key + 1);
		if (strcmp(key + 1, "*") == 0) {
			*cur = dflt;
			return;
		}
		c->subs = xrealloc(c->subs, (c->nsubs + 1) * sizeof *c->subs);
		*cur = &c->subs[c->nsubs++];
		sub_init(*cur, key + 1, cu);
		return;
	}
	for (v = key; *v && !isspace((unsigned char)*v); v++)
		;
	if (*v != '\0')
		*v++ = '\0';
	while (isspace((unsigned char)*v))
		v++;
	if (*cur == NULL)
		bad(cu, "'%s' before the first [name]", key);
	else if (*v == '\0')
		bad(cu, "%s: no value", key);
	else
		set_key(cu, *cur, key, v);
}

int
conf_load(struct conf *c, const char *path)
{
	struct cursor cu = { path, 0, 0 };
	struct linereader *lr;
	struct sub dflt, *cur = NULL;
	char *line;
	size_t len, i;
	int r;

	memset(c, 0, sizeof *c);
	if ((lr = lr_open(path, 1 << 16)) == NULL) {
		yq_warnx("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	sub_init(&dflt, "*", &cu);
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		cu.line = lr_lineno(lr);
		if (r == REC_OK)
			conf_line(&cu, c, &dflt, &cur, line);
		else
			bad(&cu, "%s", lr_error(lr));
		if (r == REC_ERR)
			break;
	}
	if (lr_close(lr) < 0)
		cu.bad = 1;
	for (i = 0; i < c->nsubs; i++) {
		inherit(&c->subs[i], &dflt);
		builtin(&c->subs[i]);
		check(&c->subs[i], &cu.bad);
	}
	sub_free(&dflt);
	if (c->nsubs == 0 && !cu.bad)
		yq_warnx("%s: no subscriber", path);
	return cu.bad || c->nsubs == 0 ? -1 : 0;
}

void
conf_free(struct conf *c)
{
	size_t i;

	for (i = 0; i < c->nsubs; i++)
		sub_free(&c->subs[i]);
	free(c->subs);
	memset(c, 0, sizeof *c);
}

const struct sub *
conf_find(const struct conf *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsubs; i++)
		if (strcmp(c->subs[i].name, name) == 0)
			return &c->subs[i];
	return NULL;
}
