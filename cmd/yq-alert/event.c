/*
 * event.c: an event record as yq-alert routes it.  The record is
 * trimmed to what the messages say (and what is remembered in the state
 * store, so that a deadline can fall due in a run that read nothing),
 * and the few things every subscription asks are worked out once:
 * warning, kind, open or answered, deadline, and the codes of its places
 * with those above them, so that a subscription to a city hears of its
 * counties.
 */
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "gazetteer.h"
#include "record.h"
#include "yqtime.h"
#include "yq.h"

struct posts {
	json_t *topics;		/* event_id -> {topic: true} */
	json_t *urls;		/* post id -> url */
};

struct posts *
posts_new(void)
{
	struct posts *p = xmalloc(sizeof *p);

	p->topics = json_object();
	p->urls = json_object();
	return p;
}

void
posts_add(struct posts *p, json_t *post)
{
	const char *id = rec_str(post, "id"), *url = rec_str(post, "url");
	const char *ev = rec_str(post, "event_id");
	json_t *topics = json_object_get(post, "topics"), *t, *set;
	size_t i;

	if (id != NULL && url != NULL)
		json_object_set_new(p->urls, id, json_string(url));
	if (ev == NULL || !json_is_array(topics) || json_array_size(topics) == 0)
		return;
	if ((set = json_object_get(p->topics, ev)) == NULL)
		json_object_set_new(p->topics, ev, set = json_object());
	json_array_foreach(topics, i, t)
		if (json_is_string(t))
			json_object_set(set, json_string_value(t), json_true());
}

void
posts_free(struct posts *p)
{
	if (p == NULL)
		return;
	json_decref(p->topics);
	json_decref(p->urls);
	free(p);
}

/* Copy the members named in keys (NULL-terminated) that from has. */
static void
copy_keys(json_t *to, json_t *from, const char *const *keys)
{
	json_t *v;

	for (; *keys != NULL; keys++)
		if ((v = json_object_get(from, *keys)) != NULL && !json_is_null(v))
			json_object_set(to, *keys, v);
}

/* The event's topics: its own, its posts', and those remembered. */
static json_t *
topics_of(json_t *event, const struct posts *p, json_t *prev)
{
	json_t *set = json_object(), *list = json_array(), *t, *srcs[2];
	const char *id = rec_str(event, "event_id"), *k;
	size_t i, j;

	srcs[0] = json_object_get(event, "topics");
	srcs[1] = json_object_get(prev, "topics");
	for (j = 0; j < 2; j++)
		json_array_foreach(srcs[j], i, t)
			if (json_is_string(t))
				json_object_set(set, json_string_value(t), json_true());
	if (p != NULL && id != NULL && (t = json_object_get(p->topics, id)) != NULL)
		json_object_update(set, t);
	json_object_foreach(set, k, t)
		json_array_append_new(list, json_string(k));
	json_decref(set);
	return list;
}

json_t *
ev_trim(json_t *event, const struct posts *p, json_t *prev)
{
	static const char *const top[] = {
		"event_id", "title", "warning", "first_seen", "last_seen", "posts",
		"sources", "risk", "origin", "places", "aliases", NULL
	};
	static const char *const resp[] = {
		"must_respond", "rule", "level", "form", "deadline", "status",
		"answers", "owner", NULL
	};
	json_t *t = json_object(), *r = json_object(), *topics, *url;
	const char *origin = rec_str(event, "origin");

	copy_keys(t, event, top);
	copy_keys(r, json_object_get(event, "response"), resp);
	json_object_set_new(t, "response", r);
	topics = topics_of(event, p, prev);
	if (json_array_size(topics) > 0)
		json_object_set(t, "topics", topics);
	json_decref(topics);
	url = p && origin ? json_object_get(p->urls, origin) : NULL;
	if (url == NULL)
		url = json_object_get(event, "first_url");
	if (url == NULL && prev != NULL)
		url = json_object_get(prev, "first_url");
	if (json_is_string(url))
		json_object_set(t, "first_url", url);
	return t;
}

static void
add_code(struct ev *e, const char *code)
{
	size_t i;
	int c = atoi(code);

	for (i = 0; i < e->ncodes; i++)
		if (e->codes[i] == c)
			return;
	e->codes = xrealloc(e->codes, (e->ncodes + 1) * sizeof *e->codes);
	e->codes[e->ncodes++] = c;
}

static void
places_of(struct ev *e)
{
	json_t *pl;
	const char *code, *role;
	char buf[7];
	size_t i;

	json_array_foreach(json_object_get(e->rec, "places"), i, pl) {
		code = rec_str(pl, "code");
		role = rec_str(pl, "role");
		if (code == NULL || strlen(code) != 6 || (role && strcmp(role, "side") == 0))
			continue;
		for (; code != NULL; code = gaz_parent(code, buf))
			add_code(e, code);
	}
}

int
ev_init(struct ev *e, json_t *rec)
{
	json_t *resp = json_object_get(rec, "response");
	const char *status = rec_str(resp, "status"), *dl = rec_str(resp, "deadline");
	struct yqt t;

	memset(e, 0, sizeof *e);
	e->rec = rec;
	if ((e->id = rec_str(rec, "event_id")) == NULL)
		return -1;
	e->warning = warning_index(rec_str(rec, "warning"));
	if (e->warning < 0)
		e->warning = 0;
	e->rule = rule_index(rec_str(resp, "rule"));
	if (status && (strcmp(status, "answered") == 0 || strcmp(status, "answered_late") == 0))
		e->status = ST_ANSWERED;
	else if (status && strcmp(status, "watch") != 0 && dl && yqt_parse(dl, 0, &t) == 0) {
		e->status = ST_OPEN;
		e->deadline = t.t;
	}
	places_of(e);
	return 0;
}

void
ev_clear(struct ev *e)
{
	json_decref(e->rec);
	free(e->codes);
	memset(e, 0, sizeof *e);
}

/* True when any of the strings of array arr contains one of words[0..n). */
static int
any_in(json_t *arr, char **words, size_t n, int whole)
{
	json_t *v;
	size_t i, j;

	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);

		for (j = 0; s != NULL && j < n; j++)
			if (whole ? strcmp(s, words[j]) == 0 : strstr(s, words[j]) != NULL)
				return 1;
	}
	return 0;
}

/* True when one of s's places is e's or above it. */
static int
in_places(const struct ev *e, const struct sub *s)
{
	size_t i, j;

	for (i = 0; i < s->nplaces; i++)
		for (j = 0; j < e->ncodes; j++)
			if (s->places[i] == e->codes[j])
				return 1;
	return 0;
}

int
ev_matches(const struct ev *e, const struct sub *s)
{
	if (s->kinds != 0 && (e->rule < 0 || !(s->kinds & 1u << e->rule)))
		return 0;
	if (s->nplaces > 0 && !in_places(e, s))
		return 0;
	if (s->nowners > 0 && !any_in(rec_path(e->rec, "response.owner"),
	    s->owners, s->nowners, 0))
		return 0;
	if (s->ntopics > 0 && !any_in(json_object_get(e->rec, "topics"),
	    s->topics, s->ntopics, 1))
		return 0;
	return 1;
}
