/*
 * model.c: what the reports say.  The records are read once into a
 * corpus (posts cut down to what a report shows; event records whole),
 * and each report is worked out as a document (see report.h) that the
 * renderers print.
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "state.h"
#include "utf8.h"
#include "yqtime.h"
#include "yq.h"

struct rpost {
	char *id, *event, *platform, *author, *snippet, *url, *source;
	time_t t;
	double sent, heat, risk;
	int has_sent, negative, dup;
	int sclass;		/* 0 negative, 1 neutral, 2 positive */
	json_t *places;		/* names */
	json_t *words;		/* its keywords (yq-seg), place names left out */
	json_t *named;		/* event report: [[kind, name, code]...] */
};

struct corpus {
	int keep;		/* posts kept: K_WINDOW, K_EVENT, K_NONE */
	const struct rparams *rp;
	time_t since, until;
	const char *event;
	struct rpost *p;
	size_t np, cap;
	json_t *events;		/* event records, in input order */
	json_t *byid;		/* event_id -> index in events */
	json_t *alias;		/* an event's alias (merged into it) -> its id */
	json_t *named;		/* daily: the event ids the kept posts name */
	json_t *stale;		/* daily: events counted, not listed (stale_overdue) */
	long prev_posts;	/* daily: posts in the period before the window */
	json_t *cities;		/* city code -> [name, posts naming it or its counties] */
	json_t *ev_cities;	/* the same counted over event records */
	int resolved;		/* posts' event ids made canonical */
};

enum { K_WINDOW, K_EVENT, K_NONE };

struct corpus *
corpus_new(const struct rparams *p, const char *kind)
{
	struct corpus *c = xcalloc(1, sizeof *c);

	c->keep = strcmp(kind, "daily") == 0 ? K_WINDOW :
	    strcmp(kind, "event") == 0 ? K_EVENT : K_NONE;
	c->rp = p;
	c->since = p->since;
	c->until = p->until;
	c->event = p->event;
	c->events = json_array();
	c->byid = json_object();
	c->alias = json_object();
	c->named = json_object();
	c->stale = json_object();
	c->cities = json_object();
	c->ev_cities = json_object();
	return c;
}

void
corpus_free(struct corpus *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->np; i++) {
		free(c->p[i].id);
		free(c->p[i].event);
		free(c->p[i].platform);
		free(c->p[i].author);
		free(c->p[i].snippet);
		free(c->p[i].url);
		free(c->p[i].source);
		json_decref(c->p[i].places);
		json_decref(c->p[i].words);
		json_decref(c->p[i].named);
	}
	free(c->p);
	json_decref(c->events);
	json_decref(c->byid);
	json_decref(c->alias);
	json_decref(c->named);
	json_decref(c->stale);
	json_decref(c->cities);
	json_decref(c->ev_cities);
	free(c);
}

/* A label in the report's language: zh, or en with --lang en. */
static const char *
in_lang(const struct rparams *p, const char *zh, const char *en)
{
	return p->lang_en ? en : zh;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/*
 * The author as the report names it: with the kind of speaker yq-fetch
 * found (author_type) when it is a body, "沄江天气（政府）", so a reader
 * tells an office's release from a citizen's post.  NULL when none.
 */
static char *
speaker(json_t *rec)
{
	static const char *const kinds[][2] = { { "government", "政府" },
	    { "party", "党委" }, { "media", "媒体" }, { "enterprise", "企业" },
	    { "organization", "机构" }, { NULL, NULL } };
	const char *a = rec_str(rec, "author"), *t = rec_str(rec, "author_type");
	size_t i;

	if (a == NULL)
		return NULL;
	for (i = 0; t != NULL && kinds[i][0] != NULL; i++)
		if (strcmp(t, kinds[i][0]) == 0)
			return xasprintf("%s（%s）", a, kinds[i][1]);
	return xstrdup(a);
}

/* The first line of the title, else of the text, at most n characters. */
static char *
snippet(json_t *rec, size_t n)
{
	const char *s = rec_str(rec, "title");
	size_t i = 0, k, chars = 0;
	uint32_t c;

	if (s == NULL || *s == '\0')
		s = rec_str(rec, "text");
	if (s == NULL)
		return xstrdup("");
	while (s[i] && chars < n) {
		k = utf8_decode(s + i, strlen(s + i), &c);
		if (k == 0 || c == '\n')
			break;
		i += k;
		chars++;
	}
	return xasprintf("%.*s%s", (int)i, s, s[i] && s[i] != '\n' ? "…" : "");
}

/*
 * A post's heat: yq-score's, else (not scored) its reach by the same
 * formula without the speaker's authority, which only yq-score knows.
 */
static double
post_heat(json_t *rec)
{
	if (json_is_number(json_object_get(rec, "heat")))
		return json_number_value(json_object_get(rec, "heat"));
	return round(rec_reach(rec) * 100) / 100;
}

/* An event record: kept (without the details only its own report shows). */
static int on_deadline_table(json_t *e, const struct rparams *p);
static time_t rec_time(json_t *rec, const char *key, time_t now);
static int post_heat_cmp(const void *a, const void *b);
static int post_time_cmp(const void *a, const void *b);

/* Whether the event's span meets the window (or is not known). */
static int
spans_window(json_t *rec, const struct rparams *p)
{
	time_t f = rec_time(rec, "first_seen", p->now);
	time_t l = rec_time(rec, "last_seen", p->now);

	return f == -1 || l == -1 || (f < p->until && l >= p->since);
}

/*
 * An event the daily briefing's deadline table counts but does not
 * list: overdue since more than --overdue-within before the window's
 * end, and quiet in the window.  A year of archives has thousands.
 */
static int
stale_overdue(json_t *rec, const struct rparams *p)
{
	json_t *r = json_object_get(rec, "response");
	const char *st = rec_str(r, "status");
	time_t due;

	if (p->overdue_within <= 0 || st == NULL || strcmp(st, "overdue") != 0)
		return 0;
	due = rec_time(r, "deadline", p->now);
	return due != -1 && due < p->until - p->overdue_within && !spans_window(rec, p);
}

/* Whether the daily briefing can show the event (see add_event); one an
 * analyst corrected is listed with the correction. */
static int
daily_relevant(struct corpus *c, json_t *rec)
{
	return spans_window(rec, c->rp) || on_deadline_table(rec, c->rp) ||
	    json_array_size(json_object_get(json_object_get(rec, "response"),
	    "corrections")) > 0;
}

static int
add_event(struct corpus *c, json_t *rec, const char **why)
{
	const char *id = rec_str(rec, "event_id");
	json_t *at, *r;
	size_t i;

	if (id == NULL) {
		*why = "event record without event_id";
		return -1;
	}
	/*
	 * The daily briefing keeps only the events it can show: those whose
	 * span meets the window (which any event with a post in the window
	 * does) and those on its deadline table.  A year of events costs
	 * the memory of those alone, and of their aliases.
	 */
	if (c->keep == K_WINDOW && json_object_get(c->byid, id) == NULL) {
		/* A later record of the event counts instead. */
		json_object_del(c->stale, id);
		if (!daily_relevant(c, rec))
			return 0;
		if (stale_overdue(rec, c->rp)) {
			json_object_set_new(c->stale, id, json_true());
			return 0;
		}
	}
	/*
	 * Events merged into this one (yq-cluster --converge): their posts
	 * are this event's.  One copy of its id for all (a story told for
	 * months has a thousand); the daily briefing maps only the aliases
	 * its posts name, as an event record comes after all the posts of
	 * the event and of its aliases.
	 */
	if (json_array_size(json_object_get(rec, "aliases")) > 0) {
		json_t *own = json_string(id);

		json_array_foreach(json_object_get(rec, "aliases"), i, at)
			if (json_is_string(at) && (c->keep != K_WINDOW ||
			    json_object_get(c->named, json_string_value(at)) != NULL))
				json_object_set(c->alias, json_string_value(at), own);
		json_decref(own);
	}
	if (c->keep != K_EVENT) {
		r = json_object_get(rec, "response");
		json_object_del(rec, "timeline");
		json_object_del(rec, "keywords");
		json_object_del(rec, "spread");
		json_object_del(rec, "places");
		json_object_del(rec, "bodies");
		json_object_del(rec, "aliases");	/* in c->alias now */
		json_object_del(r, "reasons");
		json_object_del(r, "deadlines");
	}
	/* A later record of an event (a later run's, files joined) replaces
	 * the earlier one where it stood. */
	if ((at = json_object_get(c->byid, id)) != NULL)
		json_array_set(c->events, (size_t)json_integer_value(at), rec);
	else {
		json_object_set_new(c->byid, id,
		    json_integer((json_int_t)json_array_size(c->events)));
		json_array_append(c->events, rec);
	}
	return 0;
}

/*
 * The places and bodies a post names, for the event report: [kind, name,
 * code] each (a body's code is its place's), each once.
 */
static json_t *
post_named(json_t *rec)
{
	static const char *const what[][3] = {
		{ "places", "place", "code" }, { "bodies", "body", "place" }
	};
	json_t *named = json_array(), *x, *y;
	size_t w, i, j;
	int seen;

	for (w = 0; w < 2; w++)
		json_array_foreach(json_object_get(rec, what[w][0]), i, x) {
			if (rec_str(x, "name") == NULL)
				continue;
			seen = 0;
			json_array_foreach(named, j, y)
				seen |= strcmp(json_string_value(json_array_get(y, 0)), what[w][1]) == 0 &&
				    strcmp(json_string_value(json_array_get(y, 1)), rec_str(x, "name")) == 0;
			if (!seen)
				json_array_append_new(named, json_pack("[s s s*]", what[w][1],
				    rec_str(x, "name"), rec_str(x, what[w][2])));
		}
	return named;
}

/* A post, cut down to what a report shows. */

/*
 * The class of a sentiment: its label when it has one of the three,
 * else its score's side of the neutral band (a record of an older
 * yq-score).
 */
static int
sent_class(json_t *s)
{
	const char *l = rec_str(s, "label");
	double v = rec_num(s, "score", 0);

	if (l != NULL && strcmp(l, "negative") == 0)
		return 0;
	if (l != NULL && strcmp(l, "positive") == 0)
		return 2;
	if (l != NULL && strcmp(l, "neutral") == 0)
		return 1;
	return v < -0.2 ? 0 : v > 0.2 ? 2 : 1;
}

/*
 * A post's keywords (yq-seg -k: [[word, weight]...]), the names of the
 * places it names left out: 热词 say what is talked of, the places have
 * their own table.
 */
static json_t *
post_words(json_t *rec, json_t *places)
{
	json_t *words = json_array(), *kw, *pl;
	size_t i, k;
	const char *w;
	int place;

	json_array_foreach(json_object_get(rec, "keywords"), i, kw) {
		if ((w = json_string_value(json_array_get(kw, 0))) == NULL || *w == '\0')
			continue;
		place = 0;
		json_array_foreach(places, k, pl)
			place |= strcmp(json_string_value(pl), w) == 0;
		if (!place)
			json_array_append_new(words, json_string(w));
	}
	return words;
}

static void
add_post(struct corpus *c, json_t *rec, time_t t)
{
	struct rpost *p;
	json_t *s, *pl;
	size_t i;

	if (c->np == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 1024;
		c->p = xrealloc(c->p, c->cap * sizeof *c->p);
	}
	p = &c->p[c->np++];
	memset(p, 0, sizeof *p);
	p->id = dup_or_null(rec_str(rec, "id"));
	if (c->keep == K_WINDOW && rec_str(rec, "event_id") != NULL)
		json_object_set_new(c->named, rec_str(rec, "event_id"), json_true());
	p->event = dup_or_null(rec_str(rec, "event_id"));
	p->platform = xstrdup(rec_str(rec, "platform") ? rec_str(rec, "platform") : "other");
	p->author = speaker(rec);
	p->url = dup_or_null(rec_str(rec, "url"));
	p->snippet = snippet(rec, 60);
	p->t = t;
	p->heat = post_heat(rec);
	p->risk = rec_num(rec, "risk", 0);
	p->source = xstrdup(rec_str(rec, "source") ? rec_str(rec, "source") : p->platform);
	p->dup = rec_str(rec, "dup_of") != NULL;
	s = json_object_get(rec, "sentiment");
	if (json_is_number(json_object_get(s, "score"))) {
		p->has_sent = 1;
		p->sent = json_number_value(json_object_get(s, "score"));
		p->negative = rec_str(s, "label") && strcmp(rec_str(s, "label"), "negative") == 0;
		p->sclass = sent_class(s);
	}
	p->places = json_array();
	json_array_foreach(json_object_get(rec, "places"), i, pl)
		if (rec_str(pl, "name"))
			json_array_append_new(p->places, json_string(rec_str(pl, "name")));
	if (c->keep == K_EVENT)
		p->named = post_named(rec);
	p->words = post_words(rec, p->places);
}

/*
 * Count the cities a post names, a county for its city (the code's
 * first four digits), for the place a report's title names when none
 * is configured: the city the posts are about.
 */
static void
count_cities(json_t *cities, json_t *rec)
{
	json_t *pl, *v;
	size_t i;
	const char *code, *level;
	char city[7];

	json_array_foreach(json_object_get(rec, "places"), i, pl) {
		code = rec_str(pl, "code");
		level = rec_str(pl, "level");
		if (code == NULL || strlen(code) != 6 || level == NULL ||
		    (strcmp(level, "city") != 0 && strcmp(level, "county") != 0))
			continue;
		snprintf(city, sizeof city, "%.4s00", code);
		if ((v = json_object_get(cities, city)) == NULL)
			json_object_set_new(cities, city, v = json_pack("[n I]", (json_int_t)0));
		json_array_set_new(v, 1, json_integer(json_integer_value(
		    json_array_get(v, 1)) + 1));
		if (strcmp(level, "city") == 0 && rec_str(pl, "name") != NULL)
			json_array_set_new(v, 0, json_string(rec_str(pl, "name")));
	}
}

int
corpus_add(struct corpus *c, json_t *rec, time_t now, const char **why)
{
	const char *kind = rec_str(rec, "kind");
	struct yqt t;

	if (kind && strcmp(kind, "event") == 0) {
		count_cities(c->ev_cities, rec);
		return add_event(c, rec, why);
	}
	if (rec_published(rec, now, &t) < 0) {
		*why = REC_BAD_TIME;
		return -1;
	}
	count_cities(c->cities, rec);
	/* The event report keeps every post of an event: which events are
	 * aliases of the one asked for is known only at the end. */
	/* The period before the window, as long: counted for 环比. */
	if (c->keep == K_WINDOW && t.t < c->since && t.t >= c->since - (c->until - c->since))
		c->prev_posts++;
	if (c->keep == K_NONE || (c->keep == K_WINDOW && (t.t < c->since ||
	    t.t >= c->until)) || (c->keep == K_EVENT && rec_str(rec, "event_id") == NULL))
		return 0;
	add_post(c, rec, t.t);
	return 0;
}

/* An event id as its event's own: an alias's followed (a few steps at most). */
static const char *
canonical(struct corpus *c, const char *id)
{
	const char *to;
	int hops;

	for (hops = 0; id != NULL && hops < 8; hops++) {
		if ((to = json_string_value(json_object_get(c->alias, id))) == NULL ||
		    strcmp(to, id) == 0)
			break;
		id = to;
	}
	return id;
}

/* Once every record is in: each post's event id made its event's own. */
static void
resolve(struct corpus *c)
{
	const char *to;
	size_t i;

	if (c->resolved++ || json_object_size(c->alias) == 0)
		return;
	for (i = 0; i < c->np; i++)
		if (c->p[i].event != NULL &&
		    (to = canonical(c, c->p[i].event)) != c->p[i].event) {
			char *s = xstrdup(to);

			free(c->p[i].event);
			c->p[i].event = s;
		}
}

/* ------------------------------------------------------------ helpers */

static char *
fmt_time(time_t t, const char *pattern)
{
	struct yqt y = { t, YQT_DEFAULT_OFFSET };
	char buf[YQT_BUFSZ];
	struct tm tm;
	time_t local = t + YQT_DEFAULT_OFFSET * 60;
	char out[64];

	if (t == (time_t)-1)
		return xstrdup("-");	/* unknown */
	if (pattern == NULL)
		return xstrdup(yqt_format(y, buf));
	gmtime_r(&local, &tm);
	strftime(out, sizeof out, pattern, &tm);
	return xstrdup(out);
}

/* A time in a table: with its year in data for programs (csv, json). */
static char *
ptime(const struct rparams *p, time_t t)
{
	return fmt_time(t, p->years ? "%Y-%m-%d %H:%M" : "%m-%d %H:%M");
}

/* The hour a time falls in, as a chart's label. */
static char *
phour(const struct rparams *p, time_t t)
{
	return fmt_time(t, p->years ? "%Y-%m-%d %H:00" : "%m-%d %H:00");
}

static json_t *
jtime(time_t t, const char *pattern)
{
	char *s = fmt_time(t, pattern);
	json_t *v = json_string(s);

	free(s);
	return v;
}

static time_t
rec_time(json_t *rec, const char *key, time_t now)
{
	struct yqt t;
	const char *s = rec_str(rec, key);

	return s && yqt_parse(s, now, &t) == 0 ? t.t : (time_t)-1;
}

static json_t *
section(json_t *doc, const char *name, const char *title)
{
	json_t *s = json_pack("{s:s, s:s}", "name", name, "title", title);

	json_array_append_new(json_object_get(doc, "sections"), s);
	return s;
}

/*
 * A section's table; the arguments after p are its columns, each as its
 * Chinese and its English label, then NULL.  "columns" are the labels in
 * the report's language, "keys" the English ones as identifiers
 * ("posts in window": posts_in_window), the same in every language, for
 * programs reading the JSON.
 */
static json_t *
table(json_t *sec, const struct rparams *p, ...)
{
	json_t *cols = json_array(), *keys = json_array(), *t;
	const char *zh, *en;
	va_list ap;
	char *k, *c;

	va_start(ap, p);
	while ((zh = va_arg(ap, const char *)) != NULL) {
		en = va_arg(ap, const char *);
		json_array_append_new(cols, json_string(in_lang(p, zh, en)));
		k = xstrdup(en);
		for (c = k; *c; c++)
			if (*c == ' ' || *c == '-')
				*c = '_';
		json_array_append_new(keys, json_string(k));
		free(k);
	}
	va_end(ap);
	t = json_pack("{s:o, s:o, s:[]}", "columns", cols, "keys", keys, "rows");
	json_object_set_new(sec, "table", t);
	return t;
}

/* Append a row; rows past max are counted in "more" instead. */
static void
row(json_t *t, const struct rparams *p, json_t *r, const char *flag)
{
	json_t *rows = json_object_get(t, "rows"), *flags;

	if (p->max_rows > 0 && (long)json_array_size(rows) >= p->max_rows) {
		json_object_set_new(t, "more", json_integer(
		    json_integer_value(json_object_get(t, "more")) + 1));
		json_decref(r);
		return;
	}
	json_array_append_new(rows, r);
	if (flag != NULL || json_object_get(t, "flags")) {
		if ((flags = json_object_get(t, "flags")) == NULL) {
			flags = json_array();
			while (json_array_size(flags) + 1 < json_array_size(rows))
				json_array_append_new(flags, json_null());
			json_object_set_new(t, "flags", flags);
		}
		json_array_append_new(flags, flag ? json_string(flag) : json_null());
	}
}

/*
 * A row with a value beside it in the table's array named key, one per
 * row (null where there is none): the event ids of a table of events,
 * the links of a table of posts.
 */
static void
beside(json_t *t, const char *key, size_t n, const char *value)
{
	json_t *a = json_object_get(t, key);

	if (a == NULL)
		json_object_set_new(t, key, a = json_array());
	while (json_array_size(a) < n)
		json_array_append_new(a, json_null());
	json_array_append_new(a, value ? json_string(value) : json_null());
}

static void
row_with(json_t *t, const struct rparams *p, json_t *r, const char *flag,
    const char *key, const char *value)
{
	size_t n = json_array_size(json_object_get(t, "rows"));

	row(t, p, r, flag);
	if (json_array_size(json_object_get(t, "rows")) > n)	/* not left out */
		beside(t, key, n, value);
}

/* A row about a post: its URL in the table's "links", its id in "posts". */
static void
post_row(json_t *t, const struct rparams *p, json_t *r, const struct rpost *post)
{
	size_t n = json_array_size(json_object_get(t, "rows"));

	row(t, p, r, NULL);
	if (json_array_size(json_object_get(t, "rows")) > n) {
		beside(t, "links", n, post->url);
		beside(t, "posts", n, post->id);
	}
}

/* A row about an event: its id goes in the table's "ids", for programs. */
static void
event_row(json_t *t, const struct rparams *p, json_t *r, const char *flag, json_t *ev)
{
	row_with(t, p, r, flag, "ids", rec_str(ev, "event_id"));
}

static json_t *
new_doc(const struct rparams *p, const char *kind, const char *title,
    const char *subtitle)
{
	return json_pack("{s:s, s:s, s:s, s:o, s:s, s:[], s:[]}", "report", kind,
	    "title", title, "subtitle", subtitle, "generated_at", jtime(p->now, NULL),
	    "lang", p->lang_en ? "en" : "zh", "summary", "sections");
}

/* The place a report's title names: the configured one, else the city
 * its posts name most (its events', without posts; the first counted
 * when tied), or "". */
static const char *
title_place(struct corpus *c, const struct rparams *p)
{
	const char *code, *best = "";
	json_int_t most = 0;
	json_t *v;

	json_t *cities = json_object_size(c->cities) ? c->cities : c->ev_cities;

	if (p->form.place != NULL)
		return p->form.place;
	json_object_foreach(cities, code, v)
		if (json_is_string(json_array_get(v, 0)) &&
		    json_integer_value(json_array_get(v, 1)) > most) {
			most = json_integer_value(json_array_get(v, 1));
			best = json_string_value(json_array_get(v, 0));
		}
	return best;
}

/* "label：value" (or "label: value") appended to the list, when value is set. */
static void
form_line(json_t *list, const struct rparams *p, const char *zh, const char *en,
    const char *value)
{
	if (value != NULL && *value != '\0')
		json_array_append_new(list, json_sprintf("%s%s%s", in_lang(p, zh, en),
		    in_lang(p, "：", ": "), value));
}

/*
 * The document's form (report.h): the masthead with the place, the
 * line under it (期号, 编制单位, date) and the lines at its foot (报送,
 * 签发, 生成时间), each ready to print, and the same as fields.
 */
static void
doc_form(json_t *doc, struct corpus *c, const struct rparams *p, const char *zh,
    const char *en)
{
	const char *place = title_place(c, p);
	json_t *f = json_object(), *head = json_array(), *foot = json_array();
	char *date = fmt_time(p->now, p->lang_en ? "%Y-%m-%d" : "%Y年%m月%d日");
	char *made = fmt_time(p->now, "%Y-%m-%d %H:%M");
	char *issue = NULL, *mast = p->lang_en ? (*place ? xasprintf("%s: %s", en, place) :
	    xstrdup(en)) : xasprintf("%s%s", place, zh);

	json_object_set_new(f, "masthead", json_string(mast));
	json_object_set_new(f, "place", json_string(place));
	if (p->form.issue > 0) {
		json_object_set_new(f, "issue", json_integer(p->form.issue));
		issue = p->lang_en ? xasprintf("No. %ld", p->form.issue) :
		    xasprintf("第 %ld 期", p->form.issue);
		json_array_append_new(head, json_string(issue));
	}
	form_line(head, p, "编制单位", "compiled by", p->form.unit);
	json_array_append_new(head, json_string(date));
	form_line(foot, p, "报送", "to", p->form.submit);
	form_line(foot, p, "签发", "signed", p->form.signer);
	form_line(foot, p, "生成时间", "generated", made);
	json_object_set_new(f, "unit", p->form.unit ? json_string(p->form.unit) : json_null());
	json_object_set_new(f, "submit", p->form.submit ? json_string(p->form.submit) :
	    json_null());
	json_object_set_new(f, "signer", p->form.signer ? json_string(p->form.signer) :
	    json_null());
	json_object_set_new(f, "date", json_string(date));
	json_object_set_new(f, "head", head);
	json_object_set_new(f, "foot", foot);
	json_object_set_new(doc, "form", f);
	free(date);
	free(made);
	free(issue);
	free(mast);
}

/*
 * The last touches every report gets: a table cut short says how many
 * rows it left out ("more_label"), an empty one says so in its note.
 */
static json_t *
finish(json_t *doc, const struct rparams *p)
{
	json_t *sec, *t;
	json_int_t more;
	size_t i;
	char *s;

	json_array_foreach(json_object_get(doc, "sections"), i, sec) {
		/* A chart with no bar (a tree has nodes, not bars) goes. */
		if ((t = json_object_get(sec, "chart")) != NULL &&
		    json_array_size(json_object_get(t, "x")) == 0 &&
		    json_array_size(json_object_get(t, "nodes")) == 0) {
			json_object_del(sec, "chart");
			if (json_object_get(sec, "note") == NULL)
				json_object_set_new(sec, "note", json_string(in_lang(p, "无。", "None.")));
		}
		if ((t = json_object_get(sec, "table")) == NULL)
			continue;
		if ((more = json_integer_value(json_object_get(t, "more"))) > 0) {
			s = xasprintf(in_lang(p, "另有 %lld 项未列出", "and %lld more"),
			    (long long)more);
			json_object_set_new(t, "more_label", json_string(s));
			free(s);
		}
		if (json_array_size(json_object_get(t, "rows")) == 0 &&
		    json_object_get(sec, "note") == NULL)
			json_object_set_new(sec, "note", json_string(in_lang(p, "无。", "None.")));
	}
	return doc;
}

static void
summary(json_t *doc, const char *label, json_t *value)
{
	json_array_append_new(json_object_get(doc, "summary"),
	    json_pack("[s o]", label, value));
}

static double
round1(double x)
{
	return round(x * 10) / 10;
}

/* Hour buckets of [since, until): the chart's x labels. */
static size_t
buckets(time_t since, time_t until, long *step)
{
	long span = (long)(until - since);

	*step = span > 2 * 86400 ? 86400 : 3600;
	return span > 0 ? (size_t)((span + *step - 1) / *step) : 0;
}

/*
 * The sentiment chart: posts of each class (negative, neutral,
 * positive) per bucket, stacked; counts, since a mean of scores hides
 * whether a quiet hour is calm or split.
 */
static json_t *
sentiment_chart(const struct rparams *p, json_t *x, long *const cnt[3], size_t nb)
{
	static const char *const zh[] = { "负面", "中性", "正面" };
	static const char *const en[] = { "negative", "neutral", "positive" };
	json_t *series = json_array(), *v;
	size_t b;
	int k;

	for (k = 0; k < 3; k++) {
		v = json_array();
		for (b = 0; b < nb; b++)
			json_array_append_new(v, json_integer(cnt[k][b]));
		json_array_append_new(series, json_pack("{s:s, s:o}", "name",
		    in_lang(p, zh[k], en[k]), "values", v));
	}
	return json_pack("{s:s, s:b, s:s, s:O, s:o}", "kind", "bars", "stacked", 1,
	    "x_label", in_lang(p, "时间", "time"), "x", x, "series", series);
}

static json_t *
volume_chart(const struct rparams *p, struct rpost *const *ps, size_t n,
    time_t since, time_t until, int with_sentiment, json_t **sent_chart)
{
	long step;
	size_t nb = buckets(since, until, &step), i, b;
	long *count = xcalloc(nb + 1, sizeof *count), *dups = xcalloc(nb + 1, sizeof *dups);
	long *cnt[3];
	json_t *x = json_array(), *v = json_array(), *d = json_array();
	json_t *chart;
	const char *pattern = step != 3600 ? "%Y-%m-%d" : p->years ? "%Y-%m-%d %H:00" :
	    "%m-%d %H:00";
	int k;

	for (k = 0; k < 3; k++)
		cnt[k] = xcalloc(nb + 1, sizeof *cnt[k]);
	for (i = 0; i < n; i++) {
		if (ps[i]->t < since || ps[i]->t >= until)
			continue;
		b = (size_t)((ps[i]->t - since) / step);
		count[b]++;
		dups[b] += ps[i]->dup;
		if (ps[i]->has_sent)
			cnt[ps[i]->sclass][b]++;
	}
	for (b = 0; b < nb; b++) {
		json_array_append_new(x, jtime(since + (time_t)b * step, pattern));
		json_array_append_new(v, json_integer(count[b]));
		json_array_append_new(d, json_integer(dups[b]));
	}
	chart = json_pack("{s:s, s:s, s:O, s:[{s:s, s:o}]}", "kind", "bars",
	    "x_label", in_lang(p, "时间", "time"), "x", x,
	    "series", "name", in_lang(p, "帖子", "posts"), "values", v);
	if (with_sentiment == 2)
		json_array_append_new(json_object_get(chart, "series"),
		    json_pack("{s:s, s:o}", "name", in_lang(p, "转载", "copies"), "values", d));
	else
		json_decref(d);
	if (sent_chart != NULL)
		*sent_chart = sentiment_chart(p, x, cnt, nb);
	json_decref(x);
	free(count);
	free(dups);
	for (k = 0; k < 3; k++)
		free(cnt[k]);
	return chart;
}

static int
cmp_count_desc(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	json_int_t m = json_integer_value(json_array_get(x, 1));
	json_int_t n = json_integer_value(json_array_get(y, 1));

	if (m != n)
		return m < n ? 1 : -1;
	return strcmp(json_string_value(json_array_get(x, 0)),
	    json_string_value(json_array_get(y, 0)));
}

/* A table of counts (name, posts, share), most first. */
static void
count_table(json_t *sec, const struct rparams *p, json_t *counts, long total,
    const char *col_zh, const char *col_en)
{
	json_t *t = table(sec, p, col_zh, col_en, "帖子数", "posts", "占比", "share", NULL);
	json_t **v, *x;
	const char *k;
	size_t n = 0, i;

	v = xmalloc((json_object_size(counts) + 1) * sizeof *v);
	json_object_foreach(counts, k, x)
		v[n++] = json_pack("[s I]", k, json_integer_value(x));
	qsort(v, n, sizeof *v, cmp_count_desc);
	for (i = 0; i < n; i++) {
		json_int_t c = json_integer_value(json_array_get(v[i], 1));
		char *share = xasprintf("%.1f%%", total ? 100.0 * (double)c / (double)total : 0.0);

		row(t, p, json_pack("[O I s]", json_array_get(v[i], 0), c, share), NULL);
		free(share);
		json_decref(v[i]);
	}
	free(v);
}

static void
bump(json_t *counts, const char *key)
{
	json_t *v = json_object_get(counts, key);

	json_object_set_new(counts, key, json_integer(v ? json_integer_value(v) + 1 : 1));
}

/* A word of the records (a platform, a status...) in the report's language. */
static const char *
label(const struct rparams *p, const char *const (*names)[3], const char *key)
{
	size_t i;

	for (i = 0; key && names[i][0]; i++)
		if (strcmp(key, names[i][0]) == 0)
			return p->lang_en ? names[i][2] : names[i][1];
	return key ? key : "-";
}

static const char *
platform_label(const struct rparams *p, const char *pl)
{
	static const char *const names[][3] = {
		{ "weibo", "微博", "Weibo" }, { "wechat", "微信", "WeChat" },
		{ "news", "新闻", "news" }, { "forum", "论坛", "forum" },
		{ "video", "视频", "video" }, { "gov", "政务", "government" },
		{ "other", "其他", "other" }, { NULL, NULL, NULL }
	};

	return label(p, names, pl);
}

static const char *
status_label(const struct rparams *p, const char *s)
{
	static const char *const names[][3] = {
		{ "overdue", "逾期未回应", "overdue" }, { "due_soon", "即将到期", "due soon" },
		{ "pending", "待回应", "pending" }, { "update_due", "应持续发布", "update due" },
		{ "answered_late", "超时回应", "answered late" },
		{ "answered", "已按时回应", "answered" }, { "watch", "关注", "watch" },
		{ "false_alarm", "误报", "false alarm" },
		{ "no_answer", "不需回应", "no answer needed" },
		{ "merged", "已并入", "merged" },
		{ NULL, NULL, NULL }
	};

	return label(p, names, s);
}

static const char *
form_label(const struct rparams *p, const char *f)
{
	static const char *const names[][3] = {
		{ "press_conference", "新闻发布会", "press conference" },
		{ "statement", "回应", "statement" }, { "briefing", "吹风会", "briefing" },
		{ "interview", "接受采访", "interview" }, { "refutation", "辟谣", "refutation" },
		{ NULL, NULL, NULL }
	};

	return label(p, names, f);
}

/* The warning level (预警等级): none, blue, yellow, orange, red. */
static const char *
warning_label(const struct rparams *p, const char *w)
{
	static const char *const names[][3] = {
		{ "none", "无", "none" }, { "blue", "蓝色", "blue" },
		{ "yellow", "黄色", "yellow" }, { "orange", "橙色", "orange" },
		{ "red", "红色", "red" }, { NULL, NULL, NULL }
	};

	return w ? label(p, names, w) : "-";
}

/* An emergency's level (突发事件分级), Ⅰ to Ⅳ. */
static const char *
level_label(const struct rparams *p, const char *l)
{
	static const char *const names[][3] = {
		{ "特别重大", "特别重大", "I (extraordinary)" }, { "重大", "重大", "II (major)" },
		{ "较大", "较大", "III (large)" }, { "一般", "一般", "IV (ordinary)" },
		{ NULL, NULL, NULL }
	};

	return l ? label(p, names, l) : "-";
}

/* The rule that made an event one to answer (yq-deadline's response.rule). */
static const char *
rule_label(const struct rparams *p, const char *r)
{
	static const char *const names[][3] = {
		{ "emergency", "突发事件", "emergency" },
		{ "policy_misreading", "政策误读", "policy misreading" },
		{ "moral_bottom_line", "挑战道德底线", "moral bottom line" },
		{ "public_interest", "涉及群众切身利益", "public interest" },
		{ "livelihood", "民生诉求", "livelihood" }, { "rumour", "谣言", "rumour" },
		{ "upper_request", "上级要求回应", "upper-level request" },
		{ "watch", "关注", "watch" }, { NULL, NULL, NULL }
	};

	return label(p, names, r);
}

static const char *
flag_of(const char *status)
{
	if (status == NULL)
		return NULL;
	if (strcmp(status, "overdue") == 0)
		return "overdue";
	if (strcmp(status, "due_soon") == 0 || strcmp(status, "update_due") == 0)
		return "due_soon";
	if (strcmp(status, "answered_late") == 0)
		return "late";
	return NULL;
}

static char *
joined(json_t *list, const char *sep)
{
	size_t i, n = 0;
	json_t *v;
	char *s, *t;

	if (json_is_string(list))	/* one name where a list was due */
		return xstrdup(json_string_value(list));
	s = xstrdup("");
	json_array_foreach(list, i, v) {
		if (!json_is_string(v))
			continue;
		t = xasprintf("%s%s%s", s, n++ ? sep : "", json_string_value(v));
		free(s);
		s = t;
	}
	return s;
}

/* ------------------------------------------------------------ daily */

/*
 * The events not in a report before this window: with the state store,
 * those it had not seen before the window's start (and they are
 * remembered now); without, those first seen in the window.
 */
static void
report_new_events(json_t *doc, const struct rparams *p, json_t *active)
{
	json_t *sec = section(doc, "new_events", in_lang(p, "新增事件", "New events"));
	json_t *t = table(sec, p, "事件", "event", "首发时间", "first seen",
	    "帖子数", "posts", "预警", "warning", NULL);
	sqlite3_stmt *seen = NULL, *add = NULL;
	json_t *e;
	size_t i;
	int is_new;

	if (p->st != NULL) {
		sqlite3_prepare_v2(st_db(p->st), "SELECT first_reported FROM report_seen WHERE "
		    "event_id = ?1", -1, &seen, NULL);
		sqlite3_prepare_v2(st_db(p->st), "INSERT OR IGNORE INTO report_seen "
		    "VALUES (?1, ?2)", -1, &add, NULL);
	}
	json_array_foreach(active, i, e) {
		time_t f = rec_time(e, "first_seen", p->now);

		if (seen != NULL) {
			sqlite3_bind_text(seen, 1, rec_str(e, "event_id"), -1, SQLITE_STATIC);
			/* New to the reports of this window: a page remade
			 * every ten minutes lists the day's new events all day. */
			is_new = sqlite3_step(seen) != SQLITE_ROW ||
			    sqlite3_column_int64(seen, 0) >= p->since;
			sqlite3_reset(seen);
			sqlite3_bind_text(add, 1, rec_str(e, "event_id"), -1, SQLITE_STATIC);
			sqlite3_bind_int64(add, 2, (sqlite3_int64)p->now);
			sqlite3_step(add);
			sqlite3_reset(add);
		} else
			is_new = f >= p->since && f < p->until;
		if (is_new) {
			char *first = ptime(p, f);

			event_row(t, p, json_pack("[s s I s]", rec_str(e, "title") ?
			    rec_str(e, "title") : rec_str(e, "event_id"), first,
			    rec_int(e, "posts", 0), warning_label(p,
			    rec_str(e, "warning"))), NULL, e);
			free(first);
		}
	}
	sqlite3_finalize(seen);
	sqlite3_finalize(add);
}

/* What a correction did, in the report's language. */
static char *
correction_text(const struct rparams *p, json_t *c)
{
	static const char *const verbs[][3] = {
		{ "mark", "标记为", "marked" }, { "owner", "责任主体改为", "owner set to" },
		{ "kind", "类别改为", "kind set to" }, { "level", "级别改为", "level set to" },
		{ "merge", "并入", "merged into" }, { NULL, NULL, NULL }
	};
	const char *verb = rec_str(c, "verb"), *value = rec_str(c, "value");

	if (verb != NULL && strcmp(verb, "mark") == 0)
		value = status_label(p, value);
	return xasprintf("%s %s", label(p, verbs, verb), value ? value : "-");
}

/*
 * The analysts' corrections in force on the events shown (yq-deadline
 * mark, set, merge): what, who, when and why.  Only when there are any,
 * so that a report without them reads as before.
 */
static void
corrections_section(json_t *doc, const struct rparams *p, json_t *events)
{
	json_t *sec = NULL, *t = NULL, *e, *c;
	size_t i, k;
	char *what, *when;

	json_array_foreach(events, i, e)
		json_array_foreach(json_object_get(json_object_get(e, "response"),
		    "corrections"), k, c) {
			if (sec == NULL) {
				sec = section(doc, "corrections", in_lang(p, "人工更正",
				    "Corrections by analysts"));
				t = table(sec, p, "事件", "event", "更正", "correction",
				    "理由", "reason", "更正人", "by", "时间", "at", NULL);
			}
			what = correction_text(p, c);
			when = ptime(p, rec_time(c, "at", p->now));
			event_row(t, p, json_pack("[s s s s s]", rec_str(e, "title") ?
			    rec_str(e, "title") : rec_str(e, "event_id"), what,
			    rec_str(c, "reason") ? rec_str(c, "reason") : "",
			    rec_str(c, "by") ? rec_str(c, "by") : "-", when), NULL, e);
			free(what);
			free(when);
		}
}

static int
event_rank_cmp(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	double rx = rec_num(x, "risk", 0), ry = rec_num(y, "risk", 0);

	if (rx != ry)
		return rx < ry ? 1 : -1;
	rx = rec_num(x, "heat", 0);
	ry = rec_num(y, "heat", 0);
	if (rx != ry)
		return rx < ry ? 1 : -1;
	return strcmp(rec_str(x, "event_id"), rec_str(y, "event_id"));
}

static int
status_order(const char *s)
{
	static const char *const order[] = {
		"overdue", "due_soon", "pending", "update_due", "answered_late", "answered", NULL
	};
	int i;

	for (i = 0; s && order[i]; i++)
		if (strcmp(order[i], s) == 0)
			return i;
	return 9;
}

static int
deadline_cmp(const void *a, const void *b)
{
	json_t *x = json_object_get(*(json_t *const *)a, "response");
	json_t *y = json_object_get(*(json_t *const *)b, "response");
	int sx = status_order(rec_str(x, "status")), sy = status_order(rec_str(y, "status"));
	const char *dx = rec_str(x, "deadline"), *dy = rec_str(y, "deadline");
	double hx = rec_num(x, "hours_left", 0), hy = rec_num(y, "hours_left", 0);

	if (sx != sy)
		return sx - sy;
	if (hx != hy)
		return hx < hy ? -1 : 1;
	return strcmp(dx ? dx : "", dy ? dy : "");
}

/* Events with a post in the window, or whose span meets it. */
static json_t *
active_events(struct corpus *c, const struct rparams *p, json_t *inwin)
{
	json_t *out = json_array(), *e;
	size_t i;
	time_t f, l;

	json_array_foreach(c->events, i, e) {
		f = rec_time(e, "first_seen", p->now);
		l = rec_time(e, "last_seen", p->now);
		if (json_object_get(inwin, rec_str(e, "event_id")) ||
		    (f != -1 && l != -1 && f < p->until && l >= p->since))
			json_array_append(out, e);
	}
	return out;
}

static json_t **
sorted(json_t *arr, int (*cmp)(const void *, const void *), size_t *n)
{
	json_t **v = xmalloc((json_array_size(arr) + 1) * sizeof *v);
	size_t i;

	*n = json_array_size(arr);
	for (i = 0; i < *n; i++)
		v[i] = json_array_get(arr, i);
	qsort(v, *n, sizeof *v, cmp);
	return v;
}

static void
daily_events(json_t *doc, const struct rparams *p, json_t *active, json_t *inwin)
{
	json_t *sec = section(doc, "events", in_lang(p, "事件（按风险排序）", "Events by risk"));
	json_t *t = table(sec, p, "事件", "event", "首发时间", "first seen",
	    "窗口内帖子", "posts in window", "帖子总数", "posts", "风险", "risk",
	    "预警", "warning", "回应状态", "response", NULL);
	size_t n, i;
	json_t **v = sorted(active, event_rank_cmp, &n), *r;
	const char *st;

	for (i = 0; i < n; i++) {
		char *first = ptime(p, rec_time(v[i], "first_seen", p->now));

		r = json_object_get(v[i], "response");
		st = rec_str(r, "status");
		event_row(t, p, json_pack("[s s I I f s s]", rec_str(v[i], "title") ?
		    rec_str(v[i], "title") : rec_str(v[i], "event_id"), first,
		    json_integer_value(json_object_get(inwin, rec_str(v[i], "event_id"))),
		    rec_int(v[i], "posts", 0), rec_num(v[i], "risk", 0),
		    warning_label(p, rec_str(v[i], "warning")),
		    status_label(p, st)), flag_of(st), v[i]);
		free(first);
	}
	free(v);
}

/*
 * Whether an event goes in the daily deadline table: it must be
 * answered, began before the window's end, and is still open or was
 * answered in the window or after (not closed before it).
 */
static int
on_deadline_table(json_t *e, const struct rparams *p)
{
	json_t *r = json_object_get(e, "response"), *a;
	const char *st = rec_str(r, "status");
	time_t f = rec_time(r, "first_seen", p->now), at, last = -1;
	size_t i;

	if (!json_is_true(json_object_get(r, "must_respond")))
		return 0;
	if (f == -1)
		f = rec_time(e, "first_seen", p->now);
	if (f != -1 && f >= p->until)
		return 0;
	if (st == NULL || (strcmp(st, "answered") != 0 && strcmp(st, "answered_late") != 0))
		return 1;
	json_array_foreach(json_object_get(r, "answers"), i, a)
		if ((at = rec_time(a, "at", p->now)) > last)
			last = at;
	return last == -1 || last >= p->since;
}

static void
deadline_table(json_t *doc, const struct rparams *p, json_t *events, size_t stale)
{
	json_t *sec = section(doc, "deadlines", in_lang(p, "回应时限（逾期在前）",
	    "Response deadlines (overdue first)"));
	json_t *t = table(sec, p, "事件", "event", "级别", "level",
	    "时限", "deadline", "剩余小时", "hours left",
	    "第一责任主体", "responsible", "形式", "form", "状态", "status", NULL);
	json_t *must = json_array(), *e, *r, **v;
	size_t i, n;

	json_array_foreach(events, i, e) {
		if (!on_deadline_table(e, p))
			continue;
		if (stale_overdue(e, p))
			stale++;
		else
			json_array_append(must, e);
	}
	v = sorted(must, deadline_cmp, &n);
	for (i = 0; i < n; i++) {
		char *owner, *due;
		const char *st;

		r = json_object_get(v[i], "response");
		st = rec_str(r, "status");
		owner = joined(json_object_get(r, "owner"), in_lang(p, "、", ", "));
		due = rec_str(r, "deadline") ? ptime(p, rec_time(r, "deadline", p->now)) : xstrdup("-");
		event_row(t, p, json_pack("[s s s o s s s]", rec_str(v[i], "title") ?
		    rec_str(v[i], "title") : rec_str(v[i], "event_id"),
		    level_label(p, rec_str(r, "level")), due,
		    json_is_number(json_object_get(r, "hours_left")) ?
		    json_real(round1(json_number_value(json_object_get(r, "hours_left")))) :
		    json_string("-"), *owner ? owner : "-", form_label(p, rec_str(r, "form")),
		    status_label(p, st)), flag_of(st), v[i]);
		free(owner);
		free(due);
	}
	if (stale > 0) {
		long d = (long)(p->overdue_within / 86400), h = (long)(p->overdue_within / 3600);
		int days = p->overdue_within % 86400 == 0;

		json_object_set_new(sec, "note", p->lang_en ?
		    json_sprintf("%zu more overdue by over %ld %s, without posts in the window, not listed.",
		    stale, days ? d : h, days ? (d == 1 ? "day" : "days") : (h == 1 ? "hour" : "hours")) :
		    json_sprintf("另有 %zu 件逾期超过 %ld %s、窗口内无新帖的事件未列出。",
		    stale, days ? d : h, days ? "天" : "小时"));
	} else if (n == 0)
		json_object_set_new(sec, "note", json_string(in_lang(p, "无需重点回应的事件。",
		    "No event to answer in the window.")));
	free(v);
	json_decref(must);
}

static int
post_neg_cmp(const void *a, const void *b)
{
	const struct rpost *x = *(struct rpost *const *)a, *y = *(struct rpost *const *)b;

	if (x->sent != y->sent)
		return x->sent < y->sent ? -1 : 1;
	if (x->heat != y->heat)
		return x->heat < y->heat ? 1 : -1;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static void
post_table(json_t *doc, const struct rparams *p, const char *name, const char *title,
    struct rpost **v, size_t n, long limit)
{
	json_t *sec = section(doc, name, title);
	json_t *t = table(sec, p, "时间", "time", "平台", "platform",
	    "作者", "author", "内容", "text", "情感", "sentiment", "热度", "heat",
	    NULL);
	struct rparams q = *p;
	size_t i;

	/* A list of posts is short (limit), shorter still with --max-rows. */
	q.max_rows = p->max_rows > 0 && p->max_rows < limit ? p->max_rows : limit;
	for (i = 0; i < n; i++) {
		char *when = ptime(p, v[i]->t);

		post_row(t, &q, json_pack("[s s s s o f]", when, platform_label(p, v[i]->platform),
		    v[i]->author ? v[i]->author : "-", v[i]->snippet,
		    v[i]->has_sent ? json_real(round(v[i]->sent * 100) / 100) : json_string("-"),
		    round1(v[i]->heat)), v[i]);
		free(when);
	}
}

/*
 * The posts of each class, "negative / neutral / positive" (the order
 * of the sentiment chart), or "-" when no post has a sentiment.
 */
static void
class_summary(json_t *doc, const struct rparams *p, struct rpost *const *ps, size_t n)
{
	long cls[3] = { 0, 0, 0 }, with = 0;
	size_t i;
	char *v;

	for (i = 0; i < n; i++)
		if (ps[i]->has_sent) {
			cls[ps[i]->sclass]++;
			with++;
		}
	v = with ? xasprintf("%ld / %ld / %ld", cls[0], cls[1], cls[2]) : xstrdup("-");
	summary(doc, in_lang(p, "负面/中性/正面", "negative/neutral/positive"), json_string(v));
	free(v);
}

/*
 * A ranked bar chart of a table's first rows (name, count): places,
 * platforms, hot words.  Drawn in HTML; the other formats show the
 * table.
 */
static void
hbars(json_t *sec, const struct rparams *p, const char *name_zh, const char *name_en,
    size_t limit)
{
	json_t *rows = json_object_get(json_object_get(sec, "table"), "rows"), *r;
	json_t *x = json_array(), *v = json_array();
	size_t i;

	json_array_foreach(rows, i, r) {
		if (i >= limit)
			break;
		json_array_append(x, json_array_get(r, 0));
		json_array_append(v, json_array_get(r, 1));
	}
	json_object_set_new(sec, "chart", json_pack("{s:s, s:o, s:[{s:s, s:o}]}", "kind",
	    "hbars", "x", x, "series", "name", in_lang(p, name_zh, name_en), "values", v));
}

/*
 * 热词: the keywords yq-seg gave the posts (copies and reposts left out,
 * so that a chain of reposts counts once), by the posts that have each.
 */
static void
hot_words(json_t *doc, const struct rparams *p, struct rpost *const *ps, size_t n)
{
	json_t *sec = section(doc, "hot_words", in_lang(p, "热词", "Hot words"));
	json_t *count = json_object(), *once = json_array(), *w, *x;
	struct rparams q = *p;
	long originals = 0;
	const char *k;
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (ps[i]->dup)
			continue;
		originals++;
		json_array_foreach(ps[i]->words, j, w)
			bump(count, json_string_value(w));
	}
	/* The twenty words of most posts, and only those of more than one. */
	json_object_foreach(count, k, x)
		if (json_integer_value(x) < 2)
			json_array_append_new(once, json_string(k));
	json_array_foreach(once, i, w)
		json_object_del(count, json_string_value(w));
	q.max_rows = 20;
	count_table(sec, &q, count, originals, "热词", "word");
	json_object_del(json_object_get(sec, "table"), "more");
	json_decref(once);
	json_decref(count);
	hbars(sec, p, "帖子", "posts", 20);
}

/* ------------------------------------------------------------ narrative */

/*
 * The sentences a report writes from the data (今日概况, 研判, 网民观点,
 * 建议, 事件概述).  Each is a statement with its evidence: the ids of
 * the events and of the posts it rests on (and their URLs), so that
 * every figure and sentence can be traced; a sentence is written only
 * when it has its evidence.  The templates are the table below, in
 * both languages, with their arguments in a fixed order.
 */
enum {
	T_VOLUME, T_VOLUME_PREV, T_VOLUME_NOPREV, T_WARNED, T_OVERDUE, T_IN_TIME,
	T_NOTHING, T_NOTHING_PERIOD, T_JUDGE, T_JUDGE_PLACE, T_JUDGE_TREND_UP, T_JUDGE_TREND_DOWN,
	T_JUDGE_DUE, T_VIEW, T_ADV_OVERDUE, T_ADV_DUE, T_ADV_SOON, T_ADV_RUMOUR, T_ADV_GROWING,
	T_COVERAGE, T_EVENT_OVERVIEW, T_EVENT_RESPONSE
};

static const char *const templates[][2] = {
	[T_VOLUME] = { "%s至%s，共监测到涉%s网络信息%ld条，其中负面%ld条，占%.1f%%",
	    "From %1$s to %2$s, %4$ld posts about %3$s were read, %5$ld of them negative (%6$.1f%%)" },
	[T_VOLUME_PREV] = { "%1$s；较前一时段（%4$ld条）%2$s%3$.1f%%。",
	    "%1$s; %2$s %3$.1f%% on the period before (%4$ld)." },
	[T_VOLUME_NOPREV] = { "%s；前一时段无数据可比。", "%s; nothing to compare with before." },
	[T_WARNED] = { "活跃事件%zu件，其中红色、橙色预警%zu件：%s。",
	    "%zu events were active, %zu of them at a red or orange warning: %s." },
	[T_OVERDUE] = { "需重点回应的事件%ld件，%zu件已逾期未回应：%s。",
	    "%ld events must be answered; %zu are overdue: %s." },
	[T_IN_TIME] = { "需重点回应的事件%ld件，均未逾期。", "%ld events must be answered; none is overdue." },
	[T_NOTHING] = { "今日未监测到需重点回应的政务舆情。",
	    "Nothing that must be answered was found in the period." },
	[T_NOTHING_PERIOD] = { "本期未监测到需重点回应的政务舆情。",
	    "Nothing that must be answered was found in the period." },
	[T_JUDGE] = { "“%s”首发于%s，累计帖子%lld条，本时段%zu条（负面%ld、中性%ld、正面%ld）",
	    "\"%s\" began at %s: %lld posts, %zu in the period (%ld negative, %ld neutral, %ld positive)" },
	[T_JUDGE_PLACE] = { "，主要涉及%s", ", mostly about %s" },
	[T_JUDGE_TREND_UP] = { "；最近6小时%ld条，多于此前6小时的%ld条，仍在发酵",
	    "; %ld in the last 6 hours, more than the %ld before: still growing" },
	[T_JUDGE_TREND_DOWN] = { "；最近6小时%ld条，此前6小时%ld条，热度未再上升",
	    "; %ld in the last 6 hours, %ld before: not growing" },
	[T_JUDGE_DUE] = { "。第一责任主体为%s，回应时限%s，%s。", ". %s must answer by %s: %s." },
	[T_VIEW] = { "关于“%s”，%s帖子%ld条，占该事件本时段网民帖子的%.0f%%，如：%s",
	    "On \"%1$s\", %3$ld %2$s posts, %4$.0f%% of the public's posts on it in the period, such as: %5$s" },
	[T_ADV_OVERDUE] = { "“%s”已超过回应时限（%s），建议%s立即发布权威信息、说明进展（国办发〔2016〕61号）。",
	    "\"%s\" is overdue since %s: %s should publish authoritative information at once (State Council 2016 No. 61)." },
	[T_ADV_DUE] = { "建议%s于%s前就“%s”%s（国办发〔2016〕61号）。",
	    "%1$s should answer \"%3$s\" by %2$s (%4$s; State Council 2016 No. 61)." },
	[T_ADV_SOON] = { "建议%s尽快就“%s”%s（国办发〔2016〕61号）。",
	    "%1$s should answer \"%2$s\" soon (%3$s; State Council 2016 No. 61)." },
	[T_ADV_RUMOUR] = { "“%s”涉及谣言，建议移交公安机关和网信部门依法处置（国办发〔2016〕61号第二条）。",
	    "\"%s\" carries a rumour: refer it to the police and the cyberspace authority (State Council 2016 No. 61, section 2)." },
	[T_ADV_GROWING] = { "“%s”仍在发酵，建议持续发布权威信息、回应关切（国办发〔2016〕61号）。",
	    "\"%s\" is still growing: keep publishing authoritative information (State Council 2016 No. 61)." },
	[T_COVERAGE] = { "本报告依据%ld个来源的帖子%ld条，其中转载、重复%ld条已计入原帖所在事件；输入中无法读取的%lu行已跳过。",
	    "This report rests on %2$ld posts from %1$ld sources; %3$ld copies and reposts count for their originals' events; %4$lu input lines that could not be read were skipped." },
	[T_EVENT_OVERVIEW] = { "“%s”首发于%s（%s，%s），截至%s累计帖子%lld条，其中转载%ld条；负面%ld条、中性%ld条、正面%ld条。",
	    "\"%1$s\" began at %2$s (%3$s, %4$s); by %5$s it had %6$lld posts, %7$ld of them copies; "
	    "%8$ld negative, %9$ld neutral, %10$ld positive." },
	[T_EVENT_RESPONSE] = { "第一责任主体为%s，回应时限%s，回应状态：%s。", " %s must answer by %s; status: %s." },
};

static const char *
T(const struct rparams *p, int which)
{
	return templates[which][p->lang_en ? 1 : 0];
}

/* A section of statements, each {text, events, posts, links}. */
static json_t *
statements(json_t *doc, const char *name, const char *title)
{
	json_t *sec = section(doc, name, title);

	json_object_set_new(sec, "statements", json_array());
	return sec;
}

/* Add a statement with its evidence; text is taken. */
static json_t *
say(json_t *sec, char *text, json_t *events, struct rpost *const *given, size_t n)
{
	json_t *posts = json_array(), *links = json_array(), *st;
	struct rpost **ps = xmalloc((n + 1) * sizeof *ps);
	size_t i;

	/* In time order, whatever order the input or the state gave them. */
	if (n > 0)
		memcpy(ps, given, n * sizeof *ps);
	qsort(ps, n, sizeof *ps, post_time_cmp);
	for (i = 0; i < n; i++) {
		json_array_append_new(posts, json_string(ps[i]->id ? ps[i]->id : ""));
		json_array_append_new(links, ps[i]->url ? json_string(ps[i]->url) : json_null());
	}
	st = json_pack("{s:s, s:o, s:o, s:o}", "text", text, "events", events ? events :
	    json_array(), "posts", posts, "links", links);
	json_array_append_new(json_object_get(sec, "statements"), st);
	free(text);
	free(ps);
	return st;
}

static const char *
ev_title(json_t *e)
{
	return rec_str(e, "title") ? rec_str(e, "title") : rec_str(e, "event_id");
}

/* "title、title" of events (at most five), their ids into ids. */
static char *
ev_list(const struct rparams *p, json_t *const *v, size_t n, json_t *ids)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < n; i++) {
		json_array_append_new(ids, json_string(rec_str(v[i], "event_id")));
		if (i >= 5)
			continue;
		t = xasprintf(p->lang_en ? "%s%s\"%s\"%s" : "%s%s“%s”%s", s, i ? in_lang(p, "、", ", ") : "", ev_title(v[i]),
		    i == 4 && n > 5 ? in_lang(p, "等", " and others") : "");
		free(s);
		s = t;
	}
	return s;
}

/* The posts of ps that are about event id (reposts too), into out. */
static size_t
posts_of(struct rpost *const *ps, size_t n, const char *id, struct rpost **out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (ps[i]->event != NULL && strcmp(ps[i]->event, id) == 0)
			out[k++] = ps[i];
	return k;
}


/* A time in a sentence: 11月20日19:15. */
static char *
stime(const struct rparams *p, time_t t)
{
	return fmt_time(t, p->lang_en ? "%m-%d %H:%M" : "%m月%d日%H:%M");
}

/* The first n characters of s, with … when cut. */
static char *
cut(const char *s, size_t n)
{
	size_t i = 0, k, chars = 0, len = strlen(s);
	uint32_t ch;

	while (i < len && chars < n && (k = utf8_decode(s + i, len - i, &ch)) > 0) {
		i += k;
		chars++;
	}
	return xasprintf("%.*s%s", (int)i, s, i < len ? "…" : "");
}

/* The place the posts name most, or NULL. */
static const char *
main_place(struct rpost *const *ps, size_t n)
{
	json_t *count = json_object(), *pl, *v;
	const char *best = NULL, *k;
	json_int_t most = 0;
	size_t i, j;

	for (i = 0; i < n; i++)
		json_array_foreach(ps[i]->places, j, pl)
			bump(count, json_string_value(pl));
	json_object_foreach(count, k, v)
		if (json_integer_value(v) > most) {
			most = json_integer_value(v);
			best = k;
		}
	/* The names live in the posts, which outlive count. */
	for (i = 0; best != NULL && i < n; i++)
		json_array_foreach(ps[i]->places, j, pl)
			if (strcmp(json_string_value(pl), best) == 0) {
				best = json_string_value(pl);
				goto out;
			}
out:
	json_decref(count);
	return best;
}

/* Posts in [from, to). */
static long
posts_between(struct rpost *const *ps, size_t n, time_t from, time_t to)
{
	size_t i;
	long k = 0;

	for (i = 0; i < n; i++)
		k += ps[i]->t >= from && ps[i]->t < to;
	return k;
}

/* The events the briefing judges: active, with posts in the window, to
 * be answered or at a yellow warning or above; the three riskiest. */
static size_t
main_events(struct corpus *c, const struct rparams *p, json_t *active, json_t *inwin,
    json_t **out)
{
	json_t **v;
	size_t n, i, k = 0;

	(void)c;
	v = sorted(active, event_rank_cmp, &n);
	for (i = 0; i < n && k < 3; i++) {
		const char *w = rec_str(v[i], "warning");

		if (json_object_get(inwin, rec_str(v[i], "event_id")) == NULL)
			continue;
		if (on_deadline_table(v[i], p) || (w != NULL && (strcmp(w, "red") == 0 ||
		    strcmp(w, "orange") == 0 || strcmp(w, "yellow") == 0)))
			out[k++] = v[i];
	}
	free(v);
	return k;
}

/* Append b to *s (both freed but *s's new value). */
static void
cat(char **s, char *b)
{
	char *t = xasprintf("%s%s", *s, b);

	free(*s);
	free(b);
	*s = t;
}

/* 研判: what happened, where, how it spreads, who must answer by when. */
static void
judge(json_t *sec, const struct rparams *p, json_t *e, struct rpost **ps, size_t k)
{
	long cls[3] = { 0, 0, 0 }, last, before;
	json_t *r = json_object_get(e, "response");
	char *first = stime(p, rec_time(e, "first_seen", p->now)), *s;
	const char *place = main_place(ps, k);
	size_t i;

	for (i = 0; i < k; i++)
		if (ps[i]->has_sent)
			cls[ps[i]->sclass]++;
	s = xasprintf(T(p, T_JUDGE), ev_title(e), first, (long long)rec_int(e, "posts", 0),
	    k, cls[0], cls[1], cls[2]);
	if (place != NULL)
		cat(&s, xasprintf(T(p, T_JUDGE_PLACE), place));
	last = posts_between(ps, k, p->until - 6 * 3600, p->until);
	before = posts_between(ps, k, p->until - 12 * 3600, p->until - 6 * 3600);
	cat(&s, xasprintf(T(p, last > before ? T_JUDGE_TREND_UP : T_JUDGE_TREND_DOWN),
	    last, before));
	if (json_is_true(json_object_get(r, "must_respond"))) {
		char *owner = joined(json_object_get(r, "owner"), in_lang(p, "、", ", "));
		char *due = stime(p, rec_time(r, "deadline", p->now));

		cat(&s, xasprintf(T(p, T_JUDGE_DUE), *owner ? owner : "-", due,
		    status_label(p, rec_str(r, "status"))));
		free(owner);
		free(due);
	} else
		cat(&s, xstrdup(in_lang(p, "。", ".")));
	free(first);
	say(sec, s, json_pack("[s]", rec_str(e, "event_id")), ps, k);
}

static int
public_heat_cmp(const void *a, const void *b)
{
	return post_heat_cmp(a, b);
}

/*
 * 网民观点: what the public says of a main event, its posts (not
 * copies, not the media's or officials') grouped by their sentiment
 * class, each group with its share and two quotes (the most read).
 */
static void
views(json_t *sec, const struct rparams *p, json_t *e, struct rpost **ps, size_t k)
{
	static const char *const names[][2] = {
		{ "负面", "negative" }, { "中性", "neutral" }, { "正面", "positive" }
	};
	struct rpost **pub = xmalloc((k + 1) * sizeof *pub), **grp;
	size_t i, np = 0, ng, q;
	int cl;

	for (i = 0; i < k; i++)
		if (!ps[i]->dup && ps[i]->has_sent && strcmp(ps[i]->platform, "gov") != 0 &&
		    strcmp(ps[i]->platform, "news") != 0)
			pub[np++] = ps[i];
	qsort(pub, np, sizeof *pub, public_heat_cmp);
	grp = xmalloc((np + 1) * sizeof *grp);
	for (cl = 0; cl < 3; cl++) {
		char *quotes = xstrdup("");

		for (i = ng = 0; i < np; i++)
			if (pub[i]->sclass == cl)
				grp[ng++] = pub[i];
		if (ng == 0) {
			free(quotes);
			continue;
		}
		for (q = 0; q < ng && q < 2; q++) {
			char *c = cut(grp[q]->snippet, 30);

			cat(&quotes, xasprintf("%s“%s”", q ? in_lang(p, "、", ", ") : "", c));
			free(c);
		}
		say(sec, xasprintf(T(p, T_VIEW), ev_title(e), names[cl][p->lang_en ? 1 : 0],
		    (long)ng, 100.0 * (double)ng / (double)np, quotes),
		    json_pack("[s]", rec_str(e, "event_id")), grp, ng);
		free(quotes);
	}
	free(grp);
	free(pub);
}

/*
 * 建议, from the rules of 国办发〔2016〕61号: answer what is overdue at
 * once and the rest by its deadline, refer rumours (events yq-deadline
 * judged by its rumour rule, not answered) to the police and the
 * cyberspace authority, keep publishing while a main event grows.
 */
static void
advice(json_t *sec, struct corpus *c, const struct rparams *p, json_t *active,
    json_t **mainev, size_t nm, struct rpost **win, size_t nw)
{
	json_t *must = json_array(), **v, *e, *r;
	struct rpost **ps = xmalloc((nw + 1) * sizeof *ps);
	size_t i, j, n, k;
	long before;

	json_array_foreach(c->events, i, e)
		if (on_deadline_table(e, p) && !stale_overdue(e, p))
			json_array_append(must, e);
	v = sorted(must, deadline_cmp, &n);
	for (i = 0; i < n; i++) {
		const char *st = rec_str(json_object_get(v[i], "response"), "status"), *action;
		char *owner, *due;

		r = json_object_get(v[i], "response");
		if (st == NULL || strncmp(st, "answered", 8) == 0 || strcmp(st, "update_due") == 0)
			continue;
		owner = joined(json_object_get(r, "owner"), in_lang(p, "、", ", "));
		due = stime(p, rec_time(r, "deadline", p->now));
		action = rec_str(r, "form") && strcmp(rec_str(r, "form"), "press_conference") == 0 ?
		    in_lang(p, "召开新闻发布会", "a press conference") : in_lang(p, "发布权威信息", "a statement");
		if (strcmp(st, "overdue") == 0)
			say(sec, xasprintf(T(p, T_ADV_OVERDUE), ev_title(v[i]), due, *owner ?
			    owner : "-"), json_pack("[s]", rec_str(v[i], "event_id")), NULL, 0);
		else if (rec_time(r, "deadline", p->now) != -1)
			say(sec, xasprintf(T(p, T_ADV_DUE), *owner ? owner : "-", due,
			    ev_title(v[i]), action),
			    json_pack("[s]", rec_str(v[i], "event_id")), NULL, 0);
		else
			say(sec, xasprintf(T(p, T_ADV_SOON), *owner ? owner : "-",
			    ev_title(v[i]), action),
			    json_pack("[s]", rec_str(v[i], "event_id")), NULL, 0);
		free(owner);
		free(due);
	}
	free(v);
	json_decref(must);
	/* A rumour yq-deadline judged so (its rule), not yet answered. */
	json_array_foreach(active, i, e) {
		const char *st = rec_str(json_object_get(e, "response"), "status");

		if (rec_str(json_object_get(e, "response"), "rule") != NULL &&
		    strcmp(rec_str(json_object_get(e, "response"), "rule"), "rumour") == 0 &&
		    (st == NULL || strncmp(st, "answered", 8) != 0))
			say(sec, xasprintf(T(p, T_ADV_RUMOUR), ev_title(e)),
			    json_pack("[s]", rec_str(e, "event_id")), NULL, 0);
	}
	for (i = 0; i < nm; i++) {
		k = posts_of(win, nw, rec_str(mainev[i], "event_id"), ps);
		/* Growing: three posts or more in the last six hours, more
		 * than in the six before. */
		before = posts_between(ps, k, p->until - 12 * 3600, p->until - 6 * 3600);
		for (j = n = 0; j < k; j++)
			if (ps[j]->t >= p->until - 6 * 3600)
				ps[n++] = ps[j];
		if (n >= 3 && (long)n > before)
			say(sec, xasprintf(T(p, T_ADV_GROWING), ev_title(mainev[i])),
			    json_pack("[s]", rec_str(mainev[i], "event_id")), ps, n);
	}
	free(ps);
	if (json_array_size(json_object_get(sec, "statements")) == 0)
		json_object_set_new(sec, "note", json_string(in_lang(p, "暂无。", "None.")));
}

/* 今日概况: volume and its change, the warned events, what is overdue. */
static void
overview(json_t *doc, struct corpus *c, const struct rparams *p, struct rpost **win,
    size_t nw, json_t *active, long must)
{
	int day = strcmp(p->period, "weekly") != 0 && strcmp(p->period, "monthly") != 0;
	json_t *sec = statements(doc, "overview", day ? in_lang(p, "今日概况", "Overview") :
	    strcmp(p->period, "weekly") == 0 ? in_lang(p, "本周概况", "The week") :
	    in_lang(p, "本月概况", "The month"));
	json_t **v, *ids;
	size_t n, i, nwarn = 0, nover = 0;
	long neg = 0;
	char *a = fmt_time(p->since, p->lang_en ? "%Y-%m-%d %H:%M" : "%m月%d日%H时");
	char *b = fmt_time(p->until, p->lang_en ? "%Y-%m-%d %H:%M" : "%m月%d日%H时");
	char *s, *t, *list;
	const char *place = title_place(c, p);
	double change;

	for (i = 0; i < nw; i++)
		neg += win[i]->negative;
	s = xasprintf(T(p, T_VOLUME), a, b, *place ? place : in_lang(p, "本地", "the area"),
	    (long)nw, neg, nw ? 100.0 * neg / nw : 0.0);
	change = c->prev_posts ? 100.0 * ((double)nw - c->prev_posts) / c->prev_posts : 0;
	/* No comparison with a period the state no longer holds whole. */
	if (c->prev_posts == 0 || (p->kept_from > 0 &&
	    p->since - (p->until - p->since) < p->kept_from))
		t = xasprintf(T(p, T_VOLUME_NOPREV), s);
	else
		t = xasprintf(T(p, T_VOLUME_PREV), s, change >= 0 ? in_lang(p, "增加", "up") :
		    in_lang(p, "减少", "down"), fabs(change), c->prev_posts);
	free(s);
	say(sec, t, NULL, win, nw);
	v = sorted(active, event_rank_cmp, &n);
	for (i = 0; i < n; i++) {
		const char *w = rec_str(v[i], "warning");

		if (w != NULL && (strcmp(w, "red") == 0 || strcmp(w, "orange") == 0))
			v[nwarn++] = v[i];
	}
	if (nwarn > 0) {
		ids = json_array();
		list = ev_list(p, v, nwarn, ids);
		say(sec, xasprintf(T(p, T_WARNED), n, nwarn, list), ids, NULL, 0);
		free(list);
	}
	free(v);
	v = xmalloc((json_array_size(c->events) + 1) * sizeof *v);
	for (i = 0; i < json_array_size(c->events); i++) {
		json_t *e = json_array_get(c->events, i);
		const char *st = rec_str(json_object_get(e, "response"), "status");

		if (on_deadline_table(e, p) && st && strcmp(st, "overdue") == 0)
			v[nover++] = e;
	}
	if (nover > 0) {
		qsort(v, nover, sizeof *v, deadline_cmp);
		ids = json_array();
		list = ev_list(p, v, nover, ids);
		say(sec, xasprintf(T(p, T_OVERDUE), must, nover, list), ids, NULL, 0);
		free(list);
	} else if (must > 0) {
		ids = json_array();
		for (i = 0; i < json_array_size(c->events); i++)
			if (on_deadline_table(json_array_get(c->events, i), p))
				json_array_append_new(ids, json_string(rec_str(json_array_get(
				    c->events, i), "event_id")));
		say(sec, xasprintf(T(p, T_IN_TIME), must), ids, NULL, 0);
	} else if (nwarn == 0)
		say(sec, xstrdup(T(p, day ? T_NOTHING : T_NOTHING_PERIOD)), NULL, win, nw);
	free(v);
	free(a);
	free(b);
}

/*
 * 数据说明: what the report rests on: the sources and posts read, the
 * copies counted for their originals, the input lines skipped.
 */
static void
coverage(json_t *doc, const struct rparams *p, struct rpost **win, size_t nw)
{
	json_t *sec = statements(doc, "coverage", in_lang(p, "数据说明", "What this rests on"));
	json_t *sources = json_object();
	long dups = 0;
	size_t i;

	for (i = 0; i < nw; i++) {
		json_object_set_new(sources, win[i]->source, json_true());
		dups += win[i]->dup;
	}
	say(sec, xasprintf(T(p, T_COVERAGE), (long)json_object_size(sources), (long)nw,
	    dups, p->rejected), NULL, win, nw);
	json_decref(sources);
}

/* The main events' 研判 and 网民观点, then 建议. */
static void
narrative(json_t *doc, struct corpus *c, const struct rparams *p, json_t *active,
    json_t *inwin, struct rpost **win, size_t nw)
{
	json_t *js = statements(doc, "judgements", in_lang(p, "重点事件研判", "Main events"));
	json_t *vs = statements(doc, "views", in_lang(p, "网民观点（按事件与情感归类）",
	    "What the public says (by event and sentiment)"));
	json_t *as = statements(doc, "advice", in_lang(p, "建议", "Advice"));
	json_t **mainev = xmalloc(4 * sizeof *mainev);
	struct rpost **ps = xmalloc((nw + 1) * sizeof *ps);
	size_t nm = main_events(c, p, active, inwin, mainev), i, k;

	for (i = 0; i < nm; i++) {
		k = posts_of(win, nw, rec_str(mainev[i], "event_id"), ps);
		judge(js, p, mainev[i], ps, k);
		views(vs, p, mainev[i], ps, k);
	}
	if (nm == 0) {
		json_object_set_new(js, "note", json_string(in_lang(p, "本时段无需研判的重点事件。",
		    "No main event in the period.")));
		json_object_set_new(vs, "note", json_string(in_lang(p, "无。", "None.")));
	}
	advice(as, c, p, active, mainev, nm, win, nw);
	free(ps);
	free(mainev);
}

/* The events on the deadline table and those of them overdue. */
static void
count_due(struct corpus *c, const struct rparams *p, long *must, long *overdue)
{
	json_t *e;
	size_t i;

	json_array_foreach(c->events, i, e) {
		const char *st = rec_str(json_object_get(e, "response"), "status");

		if (!on_deadline_table(e, p))
			continue;
		(*must)++;
		*overdue += st && strcmp(st, "overdue") == 0;
	}
	*must += (long)json_object_size(c->stale);
	*overdue += (long)json_object_size(c->stale);
}

/* The briefing's form for its period, and its title the masthead. */
static void
daily_form(json_t *doc, struct corpus *c, const struct rparams *p)
{
	if (strcmp(p->period, "weekly") == 0)
		doc_form(doc, c, p, "网络舆情周报", "Weekly briefing");
	else if (strcmp(p->period, "monthly") == 0)
		doc_form(doc, c, p, "网络舆情月报", "Monthly briefing");
	else
		doc_form(doc, c, p, "网络舆情日报", "Daily briefing");
	json_object_set(doc, "title", json_object_get(json_object_get(doc, "form"), "masthead"));
}

/* The posts by place and by platform, as tables and bars. */
static void
distribution(json_t *doc, const struct rparams *p, json_t *places, json_t *plats,
    long nw)
{
	json_t *sec = section(doc, "places", in_lang(p, "地域分布", "Places"));

	count_table(sec, p, places, nw, "地名", "place");
	hbars(sec, p, "帖子", "posts", 10);
	sec = section(doc, "platforms", in_lang(p, "平台分布", "Platforms"));
	count_table(sec, p, plats, nw, "平台", "platform");
	hbars(sec, p, "帖子", "posts", 10);
}

json_t *
report_daily(struct corpus *c, const struct rparams *p)
{
	struct rpost **win = xmalloc((c->np + 1) * sizeof *win), **neg;
	json_t *doc, *inwin = json_object(), *places = json_object(), *plats = json_object();
	json_t *active, *sent_chart, *sec, *pl;
	size_t nw = 0, nn = 0, i, k;
	long negatives = 0, withsent = 0, must = 0, overdue = 0;
	char *a = fmt_time(p->since, "%Y-%m-%d %H:%M"), *b = fmt_time(p->until, "%Y-%m-%d %H:%M");
	char *sub = xasprintf("%s — %s", a, b), *share;

	resolve(c);
	for (i = 0; i < c->np; i++)
		if (c->p[i].t >= p->since && c->p[i].t < p->until)
			win[nw++] = &c->p[i];
	neg = xmalloc((nw + 1) * sizeof *neg);
	for (i = 0; i < nw; i++) {
		if (win[i]->event)
			bump(inwin, win[i]->event);
		bump(plats, platform_label(p, win[i]->platform));
		json_array_foreach(win[i]->places, k, pl)
			bump(places, json_string_value(pl));
		withsent += win[i]->has_sent;
		negatives += win[i]->negative;
		if (win[i]->negative && !win[i]->dup)
			neg[nn++] = win[i];
	}
	active = active_events(c, p, inwin);
	count_due(c, p, &must, &overdue);
	doc = new_doc(p, p->period, in_lang(p, "舆情日报", "Daily briefing"), sub);
	daily_form(doc, c, p);
	summary(doc, in_lang(p, "帖子", "posts"), json_integer((json_int_t)nw));
	summary(doc, in_lang(p, "活跃事件", "active events"),
	    json_integer((json_int_t)json_array_size(active)));
	/* No sentiment known (yq-score not run): no share, not 0%. */
	share = withsent ? xasprintf("%.1f%%", 100.0 * negatives / withsent) : xstrdup("-");
	summary(doc, in_lang(p, "负面占比", "negative share"), json_string(share));
	summary(doc, in_lang(p, "需重点回应", "must respond"), json_integer(must));
	summary(doc, in_lang(p, "逾期未回应", "overdue"), json_integer(overdue));
	class_summary(doc, p, win, nw);
	free(share);
	overview(doc, c, p, win, nw, active, must);
	sec = section(doc, "volume", in_lang(p, "声量走势", "Volume"));
	json_object_set_new(sec, "chart", volume_chart(p, win, nw, p->since, p->until, 1,
	    &sent_chart));
	sec = section(doc, "sentiment", in_lang(p, "情感走势", "Sentiment"));
	json_object_set_new(sec, "chart", sent_chart);
	daily_events(doc, p, active, inwin);
	deadline_table(doc, p, c->events, json_object_size(c->stale));
	narrative(doc, c, p, active, inwin, win, nw);
	qsort(neg, nn, sizeof *neg, post_neg_cmp);
	post_table(doc, p, "negative", in_lang(p, "负面帖子（最负面在前）", "Most negative posts"),
	    neg, nn, 10);
	distribution(doc, p, places, plats, (long)nw);
	hot_words(doc, p, win, nw);
	report_new_events(doc, p, active);
	coverage(doc, p, win, nw);
	corrections_section(doc, p, c->events);
	free(a);
	free(b);
	free(sub);
	free(win);
	free(neg);
	json_decref(inwin);
	json_decref(places);
	json_decref(plats);
	json_decref(active);
	return finish(doc, p);
}

/* ------------------------------------------------------------ event */

/*
 * An event record made from the event's posts, for input without event
 * records (yq-cluster run without --events): its span, its post count,
 * the earliest post as its origin and title.  Kept in the corpus.
 */
static json_t *
event_from_posts(struct corpus *c, const char *id)
{
	struct rpost *first = NULL;
	time_t last = 0;
	json_int_t n = 0;
	json_t *ev;
	char *f, *l;
	size_t i;

	for (i = 0; i < c->np; i++) {
		if (c->p[i].event == NULL || strcmp(c->p[i].event, id) != 0)
			continue;
		n++;
		if (first == NULL || c->p[i].t < first->t)
			first = &c->p[i];
		if (c->p[i].t > last)
			last = c->p[i].t;
	}
	if (first == NULL)
		return NULL;
	f = fmt_time(first->t, NULL);
	l = fmt_time(last, NULL);
	ev = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "kind", "event", "event_id", id,
	    "title", first->snippet, "first_seen", f, "last_seen", l, "posts", n);
	if (first->id != NULL)
		json_object_set_new(ev, "origin", json_string(first->id));
	free(f);
	free(l);
	json_object_set_new(c->byid, id, json_integer((json_int_t)json_array_size(c->events)));
	json_array_append_new(c->events, ev);
	return ev;
}

/*
 * The event named on the command line: by its id, else by a unique
 * prefix of it (as with git); from its posts when the input has no
 * record of it.  NULL and a message when there is none or several.
 */
static json_t *
find_event(struct corpus *c, const char *id)
{
	json_t *e, *found = NULL, *ids = json_object();
	const char *only = NULL, *k;
	size_t i, n = strlen(id);
	int matches = 0;

	resolve(c);
	if ((e = json_object_get(c->byid, canonical(c, id))) != NULL) {
		json_decref(ids);
		return json_array_get(c->events, (size_t)json_integer_value(e));
	}
	json_array_foreach(c->events, i, e)
		if (strncmp(rec_str(e, "event_id"), id, n) == 0) {
			found = e;
			matches++;
		}
	if (matches == 0) {
		for (i = 0; i < c->np; i++)
			if (c->p[i].event != NULL && strncmp(c->p[i].event, id, n) == 0)
				json_object_set_new(ids, c->p[i].event, json_true());
		matches = (int)json_object_size(ids);
		if (json_object_get(ids, id) != NULL)
			only = id, matches = 1;
		else
			json_object_foreach(ids, k, e)
				only = k;
		if (matches == 1)
			found = event_from_posts(c, only);
	}
	json_decref(ids);
	if (matches > 1) {
		yq_warnx("event '%s' is ambiguous: %d events start so", id, matches);
		return NULL;
	}
	if (found == NULL)
		yq_warnx("no event '%s' in the input", id);
	return found;
}

static int
post_heat_cmp(const void *a, const void *b)
{
	const struct rpost *x = *(struct rpost *const *)a, *y = *(struct rpost *const *)b;

	if (x->heat != y->heat)
		return x->heat < y->heat ? 1 : -1;
	return x->t < y->t ? -1 : x->t > y->t;
}

static int
post_time_cmp(const void *a, const void *b)
{
	const struct rpost *x = *(struct rpost *const *)a, *y = *(struct rpost *const *)b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/*
 * How the event went from platform to platform (传播路径): each platform
 * in the order it first carried the event, with when, its posts, their
 * share and its reposts.
 */
static void
spread_table(json_t *doc, const struct rparams *p, struct rpost **mine, size_t n)
{
	json_t *sec = section(doc, "platforms", in_lang(p, "传播路径（按首次出现）",
	    "Platforms in the order they took it up"));
	json_t *t = table(sec, p, "平台", "platform", "首次出现", "first post",
	    "帖子数", "posts", "占比", "share", "转载", "copies", NULL);
	json_t *seen = json_object(), *r;
	struct rpost **v = xmalloc((n + 1) * sizeof *v);
	size_t i, k;

	memcpy(v, mine, n * sizeof *v);
	qsort(v, n, sizeof *v, post_time_cmp);
	for (i = 0; i < n; i++) {
		const char *pl = platform_label(p, v[i]->platform);
		json_int_t posts = 0, dups = 0;
		char *first, *share;

		if (json_object_get(seen, pl) != NULL)
			continue;
		json_object_set_new(seen, pl, json_true());
		for (k = i; k < n; k++)
			if (strcmp(platform_label(p, v[k]->platform), pl) == 0) {
				posts++;
				dups += v[k]->dup;
			}
		first = ptime(p, v[i]->t);
		share = xasprintf("%.1f%%", 100.0 * (double)posts / (double)n);
		r = json_pack("[s s I s I]", pl, first, posts, share, dups);
		row(t, p, r, NULL);
		free(first);
		free(share);
	}
	free(v);
	json_decref(seen);
}

/* The event's own hourly timeline, when its posts are not in the input. */
static json_t *
timeline_chart(const struct rparams *p, json_t *ev)
{
	json_t *x = json_array(), *v = json_array(), *h;
	size_t i;

	json_array_foreach(json_object_get(ev, "timeline"), i, h) {
		const char *ts = json_string_value(json_array_get(h, 0));
		struct yqt at;
		char *label;

		if (ts == NULL || yqt_parse(ts, p->now, &at) < 0)
			continue;
		label = phour(p, at.t);

		json_array_append_new(x, json_string(label));
		json_array_append(v, json_array_get(h, 1));
		free(label);
	}
	return json_pack("{s:s, s:s, s:o, s:[{s:s, s:o}]}", "kind", "bars", "x_label",
	    in_lang(p, "时间", "time"), "x", x, "series", "name", in_lang(p, "帖子", "posts"), "values", v);
}

/* When the first answer was given, or -1: the earliest of the answers. */
static time_t
first_answer(json_t *r, time_t now)
{
	json_t *a;
	size_t i;
	time_t at, first = -1;

	json_array_foreach(json_object_get(r, "answers"), i, a)
		if ((at = rec_time(a, "at", now)) != -1 && (first == -1 || at < first))
			first = at;
	return first;
}

struct timed {
	time_t t;
	json_t *v;
};

static int
timed_cmp(const void *a, const void *b)
{
	const struct timed *x = a, *y = b;

	return (x->t > y->t) - (x->t < y->t);
}

/* The answers given, in the order they were given. */
static void
answer_rows(json_t *t, const struct rparams *p, json_t *answers)
{
	size_t n = json_array_size(answers), i;
	struct timed *v = xmalloc((n + 1) * sizeof *v);

	for (i = 0; i < n; i++) {
		v[i].v = json_array_get(answers, i);
		v[i].t = rec_time(v[i].v, "at", p->now);
	}
	qsort(v, n, sizeof *v, timed_cmp);
	for (i = 0; i < n; i++) {
		json_t *a = v[i].v;
		char *at = ptime(p, v[i].t);
		int ok = json_is_true(json_object_get(a, "on_time"));

		row(t, p, json_pack("[s s s s]", at, form_label(p, rec_str(a, "form")),
		    rec_str(a, "by") ? rec_str(a, "by") : "-", ok ? in_lang(p, "按时", "yes") :
		    in_lang(p, "超时", "late")), ok ? NULL : "late");
		free(at);
	}
	free(v);
}

static void
deadline_row(json_t *t, const struct rparams *p, const char *form, time_t due,
    time_t met, const char *status)
{
	char *d = ptime(p, due), *m = ptime(p, met);

	row(t, p, json_pack("[s s s s]", form_label(p, form), d, m, status_label(p, status)),
	    flag_of(status));
	free(d);
	free(m);
}

static void
event_response(json_t *doc, const struct rparams *p, json_t *r)
{
	json_t *sec = section(doc, "response", in_lang(p, "回应记录与时限", "Response and deadlines"));
	json_t *t = table(sec, p, "形式", "form", "时限", "due",
	    "回应时间", "answered at", "状态", "status", NULL);
	json_t *d, *a;
	size_t i;
	char *owner = joined(json_object_get(r, "owner"), in_lang(p, "、", ", "));
	char *coord = joined(json_object_get(r, "coordinator"), in_lang(p, "、", ", "));
	char *refer = joined(json_object_get(r, "refer_to"), in_lang(p, "、", ", "));
	const char *lead = rec_str(r, "lead");
	const char *level = rec_str(r, "level") ? level_label(p, rec_str(r, "level")) : NULL;
	char *note = xasprintf("%s%s%s%s%s%s%s%s%s%s%s%s%s%s",
	    in_lang(p, "规则：", "Rule: "), rule_label(p, rec_str(r, "rule")),
	    level ? in_lang(p, "；级别：", "; level: ") : "", level ? level : "",
	    in_lang(p, "；第一责任主体：", "; responsible: "), *owner ? owner : "-",
	    lead ? in_lang(p, "；牵头：", "; lead: ") : "", lead ? lead : "",
	    *coord ? in_lang(p, "；协调：", "; coordinating: ") : "", coord,
	    *refer ? in_lang(p, "；移交：", "; referred to: ") : "", refer,
	    in_lang(p, "。", "."), "");

	json_object_set_new(sec, "note", json_string(note));
	json_array_foreach(json_object_get(r, "deadlines"), i, d)
		deadline_row(t, p, rec_str(d, "form"), rec_time(d, "due", p->now),
		    rec_time(d, "met_at", p->now), rec_str(d, "status"));
	/* Without the list, the one deadline the response names. */
	if (json_array_size(json_object_get(r, "deadlines")) == 0 &&
	    rec_str(r, "deadline") != NULL)
		deadline_row(t, p, rec_str(r, "form"), rec_time(r, "deadline", p->now),
		    first_answer(r, p->now), rec_str(r, "status"));
	sec = section(doc, "answers", in_lang(p, "已作回应", "Answers given"));
	t = table(sec, p, "时间", "time", "形式", "form", "回应主体", "by",
	    "是否按时", "on time", NULL);
	answer_rows(t, p, json_object_get(r, "answers"));
	if (json_array_size(json_object_get(r, "answers")) == 0)
		json_object_set_new(sec, "note", json_string(in_lang(p, "尚无回应。", "No answer yet.")));
	if (json_array_size(json_object_get(r, "reasons")) > 0) {
		sec = section(doc, "reasons", in_lang(p, "时限依据", "Why these deadlines"));
		t = table(sec, p, "依据", "reason", NULL);
		json_array_foreach(json_object_get(r, "reasons"), i, a)
			row(t, p, json_pack("[O]", a), NULL);
	}
	free(owner);
	free(coord);
	free(refer);
	free(note);
}

/* The event's figures: its record's, else worked out from its posts. */
static void
event_summary(json_t *doc, const struct rparams *p, json_t *ev, struct rpost **mine,
    size_t n)
{
	json_t *sources = json_object(), *sent = json_object_get(ev, "sentiment");
	double heat = 0, risk = 0;
	long neg = 0, withsent = 0;
	size_t i;
	char *share;

	for (i = 0; i < n; i++) {
		json_object_set_new(sources, mine[i]->source, json_true());
		heat += mine[i]->heat;
		if (mine[i]->risk > risk)
			risk = mine[i]->risk;
		neg += mine[i]->negative;
		withsent += mine[i]->has_sent;
	}
	summary(doc, in_lang(p, "帖子", "posts"), json_integer(json_is_integer(json_object_get(ev,
	    "posts")) ? rec_int(ev, "posts", 0) : (json_int_t)n));
	summary(doc, in_lang(p, "来源", "sources"), json_integer(json_is_integer(json_object_get(ev,
	    "sources")) ? rec_int(ev, "sources", 0) : (json_int_t)json_object_size(sources)));
	summary(doc, in_lang(p, "热度", "heat"), json_real(round1(json_is_number(json_object_get(ev,
	    "heat")) ? rec_num(ev, "heat", 0) : heat)));
	summary(doc, in_lang(p, "风险", "risk"), json_real(round1(json_is_number(json_object_get(ev,
	    "risk")) ? rec_num(ev, "risk", 0) : risk)));
	summary(doc, in_lang(p, "预警", "warning"), json_string(warning_label(p,
	    rec_str(ev, "warning"))));
	if (json_is_number(json_object_get(sent, "negative_share")))
		share = xasprintf("%.1f%%", 100 * json_number_value(json_object_get(sent,
		    "negative_share")));
	else
		share = withsent ? xasprintf("%.1f%%", 100.0 * neg / withsent) : xstrdup("-");
	summary(doc, in_lang(p, "负面占比", "negative share"), json_string(share));
	class_summary(doc, p, mine, n);
	free(share);
	json_decref(sources);
}

/* A place or body of an event, with the number of its posts naming it. */
struct named {
	const char *kind, *name, *code;
	json_int_t posts;
	size_t order;		/* first seen: the event record's, then posts' */
};

static int
named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int kx = strcmp(x->kind, "place") != 0, ky = strcmp(y->kind, "place") != 0;

	if (kx != ky)
		return kx - ky;
	if (x->posts != y->posts)
		return x->posts < y->posts ? 1 : -1;
	return (x->order > y->order) - (x->order < y->order);
}

/* The entry for kind and name in v (of *n), added with 0 posts if new. */
static struct named *
named_get(struct named **v, size_t *n, json_t *index, const char *kind,
    const char *name, const char *code)
{
	char *key = xasprintf("%s\t%s", kind, name);
	json_t *at = json_object_get(index, key);
	struct named *e;

	if (at != NULL) {
		free(key);
		e = &(*v)[json_integer_value(at)];
		if (e->code == NULL)
			e->code = code;
		return e;
	}
	json_object_set_new(index, key, json_integer((json_int_t)*n));
	free(key);
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	e = &(*v)[*n];
	e->kind = kind;
	e->name = name;
	e->code = code;
	e->posts = 0;
	e->order = (*n)++;
	return e;
}

/*
 * Places and bodies: those of the event record and those its posts name,
 * places before bodies, each most named first (the record's order, then
 * the posts', among equals).  An event record may name none (yq-cluster
 * without yq-score's fields, an event made from its posts) though its
 * posts do.
 */
static void
places_table(json_t *doc, const struct rparams *p, json_t *ev, struct rpost **mine,
    size_t n)
{
	json_t *sec, *t, *x, *index = json_object();
	struct named *v = NULL;
	size_t nv = 0, i, k;

	json_array_foreach(json_object_get(ev, "places"), k, x)
		if (rec_str(x, "name"))
			named_get(&v, &nv, index, "place", rec_str(x, "name"), rec_str(x, "code"));
	json_array_foreach(json_object_get(ev, "bodies"), k, x)
		if (rec_str(x, "name"))
			named_get(&v, &nv, index, "body", rec_str(x, "name"), rec_str(x, "place"));
	for (i = 0; i < n; i++)
		json_array_foreach(mine[i]->named, k, x)
			named_get(&v, &nv, index, json_string_value(json_array_get(x, 0)),
			    json_string_value(json_array_get(x, 1)),
			    json_string_value(json_array_get(x, 2)))->posts++;
	if (nv > 0)
		qsort(v, nv, sizeof *v, named_cmp);
	sec = section(doc, "places", in_lang(p, "涉及地域与部门", "Places and bodies"));
	t = table(sec, p, "类别", "kind", "名称", "name", "代码", "code", "帖子数", "posts",
	    NULL);
	for (i = 0; i < nv; i++)
		row(t, p, json_pack("[s s s I]", strcmp(v[i].kind, "place") == 0 ?
		    in_lang(p, "地域", "place") : in_lang(p, "部门", "body"), v[i].name,
		    v[i].code ? v[i].code : "-", v[i].posts), NULL);
	free(v);
	json_decref(index);
}

/* ------------------------------------------------------------ propagation */

/*
 * How the event spread through reposts (the record's "spread", from
 * yq-cluster): the forest as a picture and its main posts, the first
 * post of each platform, the key spreaders, the tipping points.
 */

/* The tree chart: the posts with the most reposts below them, each at its
 * time and level, and the posts of each level. */
static json_t *
tree_chart(const struct rparams *p, json_t *sp)
{
	json_t *nodes = json_array(), *levels = json_array(), *h, *v;
	size_t i;

	json_array_foreach(json_object_get(sp, "levels"), i, v) {
		char *s = i == 0 ? xasprintf("%s %lld", in_lang(p, "原帖", "roots"),
		    (long long)json_integer_value(v)) : xasprintf(in_lang(p, "第%zu层 %lld",
		    "level %zu: %lld"), i, (long long)json_integer_value(v));

		json_array_append_new(levels, json_string(s));
		free(s);
	}
	json_array_foreach(json_object_get(sp, "hubs"), i, h) {
		time_t t = rec_time(h, "at", p->now);

		json_array_append_new(nodes, json_pack("{s:O, s:o, s:O, s:I, s:O, s:O,"
		    " s:O, s:O}", "id", json_object_get(h, "id"), "label",
		    json_string(rec_str(h, "author") ? rec_str(h, "author") : rec_str(h, "id")),
		    "at", json_object_get(h, "at"), "t", (json_int_t)t,
		    "depth", json_object_get(h, "depth"), "reposts",
		    json_object_get(h, "reposts"), "parent", json_object_get(h, "parent"),
		    "root", json_object_get(h, "root")));
	}
	return json_pack("{s:s, s:o, s:o}", "kind", "tree", "levels", levels,
	    "nodes", nodes);
}

static void
propagation_section(json_t *doc, const struct rparams *p, json_t *sp)
{
	json_t *sec = section(doc, "propagation", in_lang(p, "传播路径（转发树）",
	    "Repost paths")), *t, *h;
	json_t *w = json_object_get(sp, "widest");
	size_t i;
	char *note;

	note = xasprintf(in_lang(p, "%lld 棵转发树，%lld 次转发，最深 %lld 层，第 %lld 层最宽（%lld 帖）",
	    "%lld trees, %lld reposts, %lld levels deep, widest at level %lld (%lld posts)"),
	    (long long)json_integer_value(json_object_get(sp, "trees")),
	    (long long)json_integer_value(json_object_get(sp, "reposts")),
	    (long long)json_integer_value(json_object_get(sp, "depth")),
	    (long long)json_integer_value(json_object_get(w, "level")),
	    (long long)json_integer_value(json_object_get(w, "posts")));
	json_object_set_new(sec, "note", json_string(note));
	free(note);
	if (json_array_size(json_object_get(sp, "hubs")) == 0)
		return;
	json_object_set_new(sec, "chart", tree_chart(p, sp));
	t = table(sec, p, "帖子", "post", "作者", "author", "时间", "time", "层级", "level",
	    "下游转发", "reposts below", "上级帖子", "parent", NULL);
	json_array_foreach(json_object_get(sp, "hubs"), i, h) {
		char *at = ptime(p, rec_time(h, "at", p->now));

		row(t, p, json_pack("[s s s O O s]", rec_str(h, "id"), rec_str(h, "author") ?
		    rec_str(h, "author") : "-", at, json_object_get(h, "depth"),
		    json_object_get(h, "reposts"), rec_str(h, "parent") ?
		    rec_str(h, "parent") : "-"), NULL);
		free(at);
	}
}

static void
first_posts_section(json_t *doc, const struct rparams *p, json_t *sp)
{
	json_t *sec = section(doc, "first_posts", in_lang(p, "各平台首发", "First post per platform"));
	json_t *t = table(sec, p, "平台", "platform", "时间", "time", "帖子", "post", NULL), *f;
	size_t i;

	json_array_foreach(json_object_get(sp, "first"), i, f) {
		char *at = ptime(p, rec_time(f, "at", p->now));

		row(t, p, json_pack("[s s s]", platform_label(p, rec_str(f, "platform")),
		    at, rec_str(f, "id") ? rec_str(f, "id") : "-"), NULL);
		free(at);
	}
}

static void
spreaders_section(json_t *doc, const struct rparams *p, json_t *sp)
{
	json_t *sec = section(doc, "spreaders", in_lang(p, "关键传播者", "Key spreaders"));
	json_t *t, *a;
	size_t i;
	int over = 0;

	if (json_array_size(json_object_get(sp, "spreaders")) == 0) {
		json_object_set_new(sec, "note", json_string(in_lang(p,
		    "没有帖子被已知作者的帖子带来转发。", "No post of a known author was reposted.")));
		return;
	}
	t = table(sec, p, "作者", "author", "下游转发", "reposts below", "类型", "type", NULL);
	json_array_foreach(json_object_get(sp, "spreaders"), i, a) {
		over |= json_integer_value(json_object_get(a, "over")) > 0;
		row(t, p, json_pack("[s O s]", rec_str(a, "author") ? rec_str(a, "author") : "-",
		    json_object_get(a, "reposts"), rec_str(a, "type") ?
		    in_lang(p, "官方", "official") : "-"), NULL);
	}
	if (over)
		json_object_set_new(sec, "note", json_string(in_lang(p,
		    "传播者众多，部分计数为上限估计（见 yq-cluster(1)）。",
		    "Many accounts spread it: some counts are upper bounds (see yq-cluster(1)).")));
}

/* The tipping points as a table, and marked on the chart whose first bar
 * begins at from, each step seconds wide. */
static void
tipping_section(json_t *doc, const struct rparams *p, json_t *sp, json_t *chart,
    time_t from, long step)
{
	json_t *sec = section(doc, "tipping", in_lang(p, "引爆点", "Tipping points"));
	json_t *t, *tp, *marks = json_array();
	size_t i, nx = json_array_size(json_object_get(chart, "x"));

	if (json_array_size(json_object_get(sp, "tipping")) == 0) {
		json_object_set_new(sec, "note", json_string(in_lang(p,
		    "没有一次转发之后的一小时比之前一小时帖子更多。",
		    "No repost was followed by more posts in its hour than in the hour before.")));
		json_decref(marks);
		return;
	}
	t = table(sec, p, "时间", "time", "帖子", "post", "之前一小时", "hour before",
	    "之后一小时", "hour after", NULL);
	json_array_foreach(json_object_get(sp, "tipping"), i, tp) {
		time_t at = rec_time(tp, "at", p->now);
		char *s = ptime(p, at);

		row(t, p, json_pack("[s s O O]", s, rec_str(tp, "id") ? rec_str(tp, "id") : "-",
		    json_object_get(tp, "before"), json_object_get(tp, "after")), NULL);
		if (at != -1 && at >= from && step > 0 && (size_t)((at - from) / step) < nx)
			json_array_append_new(marks, json_pack("{s:I, s:s}", "x",
			    (json_int_t)((at - from) / step), "label", rec_str(tp, "id") ?
			    rec_str(tp, "id") : "-"));
		free(s);
	}
	if (chart != NULL && json_array_size(marks) > 0)
		json_object_set(chart, "marks", marks);
	json_decref(marks);
}

/* All of it, when the record says how the event spread. */
static void
event_propagation(json_t *doc, const struct rparams *p, json_t *ev, json_t *chart,
    time_t from, long step)
{
	json_t *sp = json_object_get(ev, "spread");

	if (!json_is_object(sp))
		return;
	propagation_section(doc, p, sp);
	first_posts_section(doc, p, sp);
	spreaders_section(doc, p, sp);
	tipping_section(doc, p, sp, chart, from, step);
}

/*
 * 事件概述: when and where it began, how big it is, how people take it,
 * who must answer by when; its evidence the event and its first post.
 */
static void
event_overview(json_t *doc, const struct rparams *p, json_t *ev, struct rpost **mine,
    size_t n)
{
	struct rpost *origin = NULL;
	json_t *sec = statements(doc, "overview", in_lang(p, "事件概述", "Overview"));
	json_t *r = json_object_get(ev, "response");
	long cls[3] = { 0, 0, 0 }, copies = 0;
	char *first = stime(p, rec_time(ev, "first_seen", p->now));
	char *last = stime(p, rec_time(ev, "last_seen", p->now)), *s;
	size_t i;

	/* The first post is the earliest read (the record's origin may be
	 * the post its title came from). */
	for (i = 0; i < n; i++) {
		copies += mine[i]->dup;
		if (mine[i]->has_sent)
			cls[mine[i]->sclass]++;
		if (origin == NULL || post_time_cmp(&mine[i], &origin) < 0)
			origin = mine[i];
	}
	if (origin != NULL) {
		free(first);
		first = stime(p, origin->t);
	}
	s = xasprintf(T(p, T_EVENT_OVERVIEW), ev_title(ev), first, origin ?
	    platform_label(p, origin->platform) : "-", origin && origin->author ?
	    origin->author : "-", last, json_is_integer(json_object_get(ev, "posts")) ?
	    (long long)rec_int(ev, "posts", 0) : (long long)n, copies, cls[0], cls[1], cls[2]);
	if (json_is_true(json_object_get(r, "must_respond"))) {
		char *owner = joined(json_object_get(r, "owner"), in_lang(p, "、", ", "));
		char *due = stime(p, rec_time(r, "deadline", p->now));

		cat(&s, xasprintf(T(p, T_EVENT_RESPONSE), *owner ? owner : "-", due,
		    status_label(p, rec_str(r, "status"))));
		free(owner);
		free(due);
	}
	say(sec, s, json_pack("[s]", rec_str(ev, "event_id")), &origin, origin ? 1 : 0);
	free(first);
	free(last);
}

/*
 * Key posts by heat: the event's own posts, not their copies and
 * reposts (转发微博//@...: yq-cluster's dup_of), which the repost paths
 * show, so that one post and its chain of reposts are one key post.
 */
static void
key_posts(json_t *doc, const struct rparams *p, struct rpost **mine, size_t n)
{
	struct rpost **v = xmalloc((n + 1) * sizeof *v);
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!mine[i]->dup)
			v[k++] = mine[i];
	qsort(v, k, sizeof *v, post_heat_cmp);
	post_table(doc, p, "key_posts", in_lang(p, "重点帖子（按热度，不含转发）",
	    "Key posts by heat (reposts left out)"), v, k, 10);
	free(v);
}

json_t *
report_event(struct corpus *c, const struct rparams *p)
{
	json_t *ev = find_event(c, p->event), *doc, *sec, *sent, *one;
	struct rpost **mine, *origin = NULL;
	size_t n = 0, i;
	const char *id;
	time_t first, last;
	char *a, *b, *sub;

	if (ev == NULL)
		return NULL;
	id = rec_str(ev, "event_id");
	mine = xmalloc((c->np + 1) * sizeof *mine);
	for (i = 0; i < c->np; i++)
		if (c->p[i].event && strcmp(c->p[i].event, id) == 0) {
			mine[n++] = &c->p[i];
			if (c->p[i].id && rec_str(ev, "origin") &&
			    strcmp(c->p[i].id, rec_str(ev, "origin")) == 0)
				origin = &c->p[i];
		}
	first = rec_time(ev, "first_seen", p->now);
	last = rec_time(ev, "last_seen", p->now);
	a = fmt_time(first, "%Y-%m-%d %H:%M");
	b = fmt_time(last, "%Y-%m-%d %H:%M");
	sub = xasprintf("%s %s — %s", in_lang(p, "舆情专报", "Event report"), a, b);
	doc = new_doc(p, "event", rec_str(ev, "title") ? rec_str(ev, "title") : id, sub);
	doc_form(doc, c, p, "网络舆情专报", "Event report");
	summary(doc, in_lang(p, "事件编号", "event"), json_string(id));
	event_summary(doc, p, ev, mine, n);
	summary(doc, in_lang(p, "回应状态", "response"), json_string(status_label(p,
	    rec_str(json_object_get(ev, "response"), "status"))));
	if (rec_str(json_object_get(ev, "response"), "deadline") != NULL) {
		char *due = ptime(p, rec_time(json_object_get(ev, "response"), "deadline",
		    p->now));

		summary(doc, in_lang(p, "回应时限", "deadline"), json_string(due));
		free(due);
	}
	event_overview(doc, p, ev, mine, n);
	/* 首发 */
	if (origin != NULL)
		post_table(doc, p, "origin", in_lang(p, "首发", "First post"), &origin, 1, 1);
	else {
		sec = section(doc, "origin", in_lang(p, "首发", "First post"));
		json_object_set_new(sec, "note", json_string(rec_str(ev, "origin") ?
		    rec_str(ev, "origin") : "-"));
	}
	/* How it spread */
	sec = section(doc, "spread", in_lang(p, "传播走势", "How it spread"));
	if (n > 0 && first != -1 && last != -1) {
		time_t from = first - first % 3600, to = last - last % 3600 + 3600;
		long step;

		buckets(from, to, &step);
		json_object_set_new(sec, "chart", volume_chart(p, mine, n, from, to, 2, &sent));
		spread_table(doc, p, mine, n);
		event_propagation(doc, p, ev, json_object_get(sec, "chart"), from, step);
		sec = section(doc, "sentiment", in_lang(p, "情感走势", "Sentiment"));
		json_object_set_new(sec, "chart", sent);
		key_posts(doc, p, mine, n);
		hot_words(doc, p, mine, n);
	} else {
		json_t *tl = json_array_get(json_object_get(ev, "timeline"), 0);
		const char *ts = json_string_value(json_array_get(tl, 0));
		struct yqt at;

		json_object_set_new(sec, "chart", timeline_chart(p, ev));
		event_propagation(doc, p, ev, json_object_get(sec, "chart"), ts != NULL &&
		    yqt_parse(ts, p->now, &at) == 0 ? at.t : -1, 3600);
	}
	places_table(doc, p, ev, mine, n);
	if (json_is_object(json_object_get(ev, "response")))
		event_response(doc, p, json_object_get(ev, "response"));
	one = json_pack("[O]", ev);
	corrections_section(doc, p, one);
	json_decref(one);
	free(a);
	free(b);
	free(sub);
	free(mine);
	return finish(doc, p);
}

/* ------------------------------------------------------------ assess */

struct owner {
	const char *name;
	json_t *evs;		/* its events, in input order */
	long events, on_time, late, overdue, pending;
	double *hours;
	size_t nh;
};

static int
dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
owner_cmp(const void *a, const void *b)
{
	const struct owner *x = a, *y = b;
	double rx = x->events ? (double)x->on_time / x->events : 0;
	double ry = y->events ? (double)y->on_time / y->events : 0;

	if (x->overdue != y->overdue)
		return x->overdue < y->overdue ? 1 : -1;
	if (x->late != y->late)
		return x->late < y->late ? 1 : -1;
	if (rx != ry)
		return rx < ry ? -1 : 1;
	return strcmp(x->name, y->name);
}

static struct owner *
owner_get(struct owner **o, size_t *n, const char *name)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*o)[i].name, name) == 0)
			return &(*o)[i];
	*o = xrealloc(*o, (*n + 1) * sizeof **o);
	memset(&(*o)[*n], 0, sizeof **o);
	(*o)[*n].name = name;
	return &(*o)[(*n)++];
}

static void
owner_count(struct owner *w, json_t *e, time_t first, time_t now)
{
	json_t *r = json_object_get(e, "response");
	const char *st = rec_str(r, "status");
	time_t at = first_answer(r, now);

	if (w->evs == NULL)
		w->evs = json_array();
	json_array_append(w->evs, e);
	w->events++;
	if (st == NULL)
		return;
	if (strcmp(st, "answered") == 0 || strcmp(st, "update_due") == 0)
		w->on_time++;
	else if (strcmp(st, "answered_late") == 0)
		w->late++;
	else if (strcmp(st, "overdue") == 0)
		w->overdue++;
	else
		w->pending++;
	if (at != -1 && first != -1 && at >= first) {
		w->hours = xrealloc(w->hours, (w->nh + 1) * sizeof *w->hours);
		w->hours[w->nh++] = (double)(at - first) / 3600;
	}
}

/*
 * The events behind each row of the assessment (考核明细), body by body
 * in the table's order: what a 考核 asks for first.
 */
static void
assess_events(json_t *doc, const struct rparams *p, const struct owner *o, size_t no)
{
	json_t *sec = section(doc, "assess-events", in_lang(p, "考核明细（各责任主体的事件）",
	    "The events behind each row"));
	json_t *t = table(sec, p, "责任主体", "body", "事件", "event", "首发时间", "first seen",
	    "时限", "deadline", "首次回应", "first answer", "状态", "status", NULL);
	json_t *e, *r;
	size_t i, k;

	for (i = 0; i < no; i++)
		json_array_foreach(o[i].evs, k, e) {
			char *first, *due, *answer;
			time_t f;

			r = json_object_get(e, "response");
			if ((f = rec_time(r, "first_seen", p->now)) == -1)
				f = rec_time(e, "first_seen", p->now);
			first = ptime(p, f);
			due = ptime(p, rec_time(r, "deadline", p->now));
			answer = ptime(p, first_answer(r, p->now));
			event_row(t, p, json_pack("[s s s s s s]", o[i].name, rec_str(e, "title") ?
			    rec_str(e, "title") : rec_str(e, "event_id"), first, due, answer,
			    status_label(p, rec_str(r, "status"))),
			    flag_of(rec_str(r, "status")), e);
			free(first);
			free(due);
			free(answer);
		}
}

json_t *
report_assess(struct corpus *c, const struct rparams *p)
{
	struct owner *o = NULL;
	size_t no = 0, i, k;
	json_t *e, *r, *name, *doc, *sec, *t;
	long total = 0;
	char *a = fmt_time(p->since, "%Y-%m-%d"), *b = fmt_time(p->until, "%Y-%m-%d");
	char *sub = xasprintf("%s — %s", a, b);

	json_array_foreach(c->events, i, e) {
		time_t f;

		/* The clock starts at the response's first_seen, else the event's. */
		r = json_object_get(e, "response");
		if ((f = rec_time(r, "first_seen", p->now)) == -1)
			f = rec_time(e, "first_seen", p->now);
		if (!json_is_true(json_object_get(r, "must_respond")) || f < p->since ||
		    f >= p->until)
			continue;
		total++;
		if (json_is_string(name = json_object_get(r, "owner")))
			owner_count(owner_get(&o, &no, json_string_value(name)), e, f, p->now);
		json_array_foreach(json_object_get(r, "owner"), k, name)
			if (json_is_string(name))
				owner_count(owner_get(&o, &no, json_string_value(name)), e, f, p->now);
	}
	if (no > 1)
		qsort(o, no, sizeof *o, owner_cmp);
	doc = new_doc(p, "assess", in_lang(p, "政务舆情回应情况评估", "Response assessment"), sub);
	doc_form(doc, c, p, "政务舆情回应情况评估", "Response assessment");
	json_object_set(doc, "title", json_object_get(json_object_get(doc, "form"), "masthead"));
	summary(doc, in_lang(p, "需回应事件", "events to answer"), json_integer(total));
	summary(doc, in_lang(p, "责任主体", "responsible bodies"), json_integer((json_int_t)no));
	sec = section(doc, "bodies", in_lang(p, "各责任主体回应情况（落后在前）",
	    "By responsible body (laggards first)"));
	t = table(sec, p, "责任主体", "body", "事件数", "events",
	    "按时回应", "on time", "超时回应", "late", "逾期未回应", "overdue",
	    "待回应", "pending",
	    "首次回应中位用时（小时）", "median hours to first answer",
	    "按时率", "on-time rate", NULL);
	for (i = 0; i < no; i++) {
		char *rate = xasprintf("%.0f%%", o[i].events ? 100.0 * o[i].on_time / o[i].events : 0.0);
		json_t *med = json_string("-");

		if (o[i].nh > 0) {
			qsort(o[i].hours, o[i].nh, sizeof *o[i].hours, dbl_cmp);
			json_decref(med);
			med = json_real(round1(o[i].nh % 2 ? o[i].hours[o[i].nh / 2] :
			    (o[i].hours[o[i].nh / 2 - 1] + o[i].hours[o[i].nh / 2]) / 2));
		}
		row(t, p, json_pack("[s i i i i i o s]", o[i].name, (int)o[i].events,
		    (int)o[i].on_time, (int)o[i].late, (int)o[i].overdue, (int)o[i].pending,
		    med, rate), o[i].overdue ? "overdue" : o[i].late ? "late" : NULL);
		free(rate);
		free(o[i].hours);
	}
	if (no == 0)
		json_object_set_new(sec, "note", json_string(in_lang(p, "期间内无需回应的事件。",
		    "No event to answer in the period.")));
	assess_events(doc, p, o, no);
	for (i = 0; i < no; i++)
		json_decref(o[i].evs);
	corrections_section(doc, p, c->events);
	free(o);
	free(a);
	free(b);
	free(sub);
	return finish(doc, p);
}
