/*
 * msg.c: what an alert says, in Chinese, short and exact: a subject
 * naming the change and the event's title, then one line each for the
 * change, place, warning, emergency level, kind, owner, deadline and
 * time left, answer, counts and links.  The labels are yq-report's, so
 * an alert and the report it links to use the same words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "record.h"
#include "yqtime.h"
#include "yq.h"

static const char *const warn_zh[] = { "无", "蓝色", "黄色", "橙色", "红色" };
static const char *const warn_en[] = { "none", "blue", "yellow", "orange", "red" };

static const char *
label(const char *const names[][2], const char *key)
{
	size_t i;

	for (i = 0; key != NULL && names[i][0] != NULL; i++)
		if (strcmp(names[i][0], key) == 0)
			return names[i][1];
	return key;
}

static const char *
rule_zh(const char *r)
{
	static const char *const names[][2] = {
		{ "emergency", "突发事件" }, { "policy_misreading", "政策误读" },
		{ "moral_bottom_line", "挑战道德底线" },
		{ "public_interest", "涉及群众切身利益" }, { "rumour", "谣言" },
		{ "upper_request", "上级要求回应" },
		{ "official_misconduct", "公职人员失范" }, { "watch", "关注" },
		{ NULL, NULL }
	};

	return label(names, r);
}

static const char *
form_zh(const char *f)
{
	static const char *const names[][2] = {
		{ "press_conference", "新闻发布会" }, { "statement", "回应" },
		{ "briefing", "吹风会" }, { "interview", "接受采访" },
		{ "refutation", "辟谣" }, { NULL, NULL }
	};

	return label(names, f);
}

static char *
msg_subject(const struct alert *a)
{
	const char *title = rec_str(a->ev->rec, "title");
	char *tag;

	if (a->changes & CH_OVERDUE)
		tag = xstrdup("回应超期");
	else if (a->changes & CH_RAISED)
		tag = xasprintf("预警升级·%s", warn_zh[a->ev->warning]);
	else if (a->changes & CH_NEW)
		tag = xasprintf("%s预警", warn_zh[a->ev->warning]);
	else if (a->changes & CH_DUE)
		tag = xstrdup("回应将到期");
	else
		tag = xstrdup("已回应");
	title = xasprintf("【%s】%s", tag, title ? title : a->ev->id);
	free(tag);
	return (char *)title;
}

/* "2026-11-22 19:15" in the time's own offset. */
static void
clock_of(const char *rfc3339, char out[20])
{
	struct yqt t;
	char buf[YQT_BUFSZ];

	if (rfc3339 == NULL || yqt_parse(rfc3339, 0, &t) < 0) {
		snprintf(out, 20, "%s", rfc3339 ? rfc3339 : "-");
		return;
	}
	yqt_format(t, buf);
	snprintf(out, 20, "%.10s %.5s", buf, buf + 11);
}

/* "剩余3小时05分" or "已超期4小时48分". */
static char *
time_left(time_t deadline, time_t now)
{
	long d = (long)(deadline - now), a = d < 0 ? -d : d;

	if (a >= 48 * 3600)
		return xasprintf("%s%ld天%ld小时", d < 0 ? "已超期" : "剩余",
		    a / 86400, a % 86400 / 3600);
	return xasprintf("%s%ld小时%02ld分", d < 0 ? "已超期" : "剩余",
	    a / 3600, a % 3600 / 60);
}

/* Append "key：value\n" to *s when value is not NULL. */
static void
line(char **s, const char *key, const char *value)
{
	char *n;

	if (value == NULL || *value == '\0')
		return;
	n = xasprintf("%s%s：%s\n", *s, key, value);
	free(*s);
	*s = n;
}

/* The changes in words, joined by "；". */
static char *
changes_zh(const struct alert *a)
{
	char *s = xstrdup(""), *n;
	const char *part[5];
	char buf[64];
	int i, k = 0;

	if (a->changes & CH_NEW) {
		snprintf(buf, sizeof buf, "新事件，%s预警", warn_zh[a->ev->warning]);
		part[k++] = buf;
	}
	if (a->changes & CH_RAISED) {
		snprintf(buf, sizeof buf, "预警由%s升为%s", warn_zh[a->from_level],
		    warn_zh[a->ev->warning]);
		part[k++] = buf;
	}
	if (a->changes & CH_DUE)
		part[k++] = "回应期限将到";
	if (a->changes & CH_OVERDUE)
		part[k++] = "回应已超期";
	if (a->changes & CH_ANSWERED)
		part[k++] = "已回应";
	for (i = 0; i < k; i++) {
		n = xasprintf("%s%s%s", s, i ? "；" : "", part[i]);
		free(s);
		s = n;
	}
	return s;
}

/* True when the place of code a holds the place of code b. */
static int
is_above(const char *a, const char *b)
{
	if (a == NULL || b == NULL || strlen(a) != 6 || strcmp(a, b) == 0)
		return 0;
	if (strcmp(a + 2, "0000") == 0)
		return strncmp(a, b, 2) == 0;
	return strcmp(a + 4, "00") == 0 && strncmp(a, b, 4) == 0;
}

/*
 * The event's places as a reader names them: those not above another
 * of its places (临河市, not 临河市、沄江市), never a side mention.
 */
static char *
places_zh(json_t *rec)
{
	json_t *places = json_object_get(rec, "places"), *p, *q;
	char *s = xstrdup(""), *n;
	const char *code, *role;
	size_t i, j;
	int above;

	json_array_foreach(places, i, p) {
		code = rec_str(p, "code");
		role = rec_str(p, "role");
		if (rec_str(p, "name") == NULL || (role && strcmp(role, "side") == 0))
			continue;
		above = 0;
		json_array_foreach(places, j, q)
			if (is_above(code, rec_str(q, "code")))
				above = 1;
		if (above)
			continue;
		n = xasprintf("%s%s%s", s, *s ? "、" : "", rec_str(p, "name"));
		free(s);
		s = n;
	}
	return s;
}

static char *
joined(json_t *list)
{
	char *s = xstrdup(""), *n;
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v) {
		if (!json_is_string(v))
			continue;
		n = xasprintf("%s%s%s", s, *s ? "、" : "", json_string_value(v));
		free(s);
		s = n;
	}
	return s;
}

/* 回应期限 and 已回应 lines. */
static void
response_lines(char **s, const struct alert *a, time_t now)
{
	json_t *r = json_object_get(a->ev->rec, "response"), *ans;
	char when[20], *v, *left;

	if (a->ev->status == ST_OPEN) {
		clock_of(rec_str(r, "deadline"), when);
		left = time_left(a->ev->deadline, now);
		v = xasprintf("%s（%s），%s", when, form_zh(rec_str(r, "form")), left);
		line(s, "回应期限", v);
		free(v);
		free(left);
	}
	ans = json_array_get(json_object_get(r, "answers"),
	    json_array_size(json_object_get(r, "answers")) - 1);
	if (a->ev->status == ST_ANSWERED && ans != NULL) {
		clock_of(rec_str(ans, "at"), when);
		v = xasprintf("%s %s（%s）%s%s", when, rec_str(ans, "by") ?
		    rec_str(ans, "by") : "", form_zh(rec_str(ans, "form")),
		    rec_str(ans, "url") ? " " : "", rec_str(ans, "url") ?
		    rec_str(ans, "url") : "");
		line(s, "已回应", v);
		free(v);
	}
}

/* The report link: the template with {event_id} replaced. */
static char *
report_link(const struct alert *a)
{
	const char *t = a->sub->report, *at;

	if (t == NULL)
		return NULL;
	if ((at = strstr(t, "{event_id}")) == NULL)
		return xstrdup(t);
	return xasprintf("%.*s%s%s", (int)(at - t), t, a->ev->id, at + 10);
}

static char *
msg_body(const struct alert *a, time_t now)
{
	json_t *rec = a->ev->rec, *r = json_object_get(rec, "response");
	char *s = xstrdup(""), *v;
	char first[20];

	v = changes_zh(a);
	line(&s, "变化", v);
	free(v);
	v = places_zh(rec);
	line(&s, "地点", v);
	free(v);
	line(&s, "预警", warn_zh[a->ev->warning]);
	line(&s, "级别", rec_str(r, "level"));
	if (a->ev->rule >= 0)
		line(&s, "类别", rule_zh(rec_str(r, "rule")));
	v = joined(json_object_get(r, "owner"));
	line(&s, "责任单位", v);
	free(v);
	response_lines(&s, a, now);
	clock_of(rec_str(rec, "first_seen"), first);
	v = xasprintf("%lld条，%lld个来源，首发于%s", rec_int(rec, "posts", 0),
	    rec_int(rec, "sources", 0), first);
	line(&s, "规模", v);
	free(v);
	line(&s, "首发链接", rec_str(rec, "first_url"));
	v = report_link(a);
	line(&s, "专报", v);
	free(v);
	line(&s, "事件", a->ev->id);
	return s;
}

static json_t *
msg_fields(const struct alert *a, time_t now)
{
	static const char *const names[] = {
		"new", "raised", "due", "overdue", "answered"
	};
	json_t *f = json_object(), *ch = json_array();
	json_t *r = json_object_get(a->ev->rec, "response");
	char *link = report_link(a);
	int i;

	for (i = 0; i < 5; i++)
		if (a->changes & 1u << i)
			json_array_append_new(ch, json_string(names[i]));
	json_object_set_new(f, "event_id", json_string(a->ev->id));
	json_object_set_new(f, "changes", ch);
	json_object_set(f, "title", json_object_get(a->ev->rec, "title"));
	json_object_set(f, "warning", json_object_get(a->ev->rec, "warning"));
	if (a->changes & CH_RAISED)
		json_object_set_new(f, "warning_before",
		    json_string(warn_en[a->from_level]));
	json_object_set(f, "places", json_object_get(a->ev->rec, "places"));
	json_object_set(f, "response", r);
	if (a->ev->status == ST_OPEN)
		json_object_set_new(f, "seconds_left",
		    json_integer((json_int_t)(a->ev->deadline - now)));
	json_object_set(f, "posts", json_object_get(a->ev->rec, "posts"));
	json_object_set(f, "first_url", json_object_get(a->ev->rec, "first_url"));
	if (link != NULL)
		json_object_set_new(f, "report_url", json_string(link));
	free(link);
	return f;
}

static int
same_report(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

const struct msg *
msg_of(struct msg_cache *c, const struct alert *a, time_t now)
{
	struct msg *m;
	size_t i;

	for (i = 0; i < c->n; i++) {
		m = &c->m[i];
		if (m->changes == a->changes && m->from_level == a->from_level &&
		    same_report(m->report, a->sub->report))
			return m;
	}
	if (c->n == MSG_CACHE)
		msg_cache_clear(c);
	m = &c->m[c->n++];
	m->changes = a->changes;
	m->from_level = a->from_level;
	m->report = a->sub->report;
	m->subject = msg_subject(a);
	m->body = msg_body(a, now);
	m->fields = msg_fields(a, now);
	return m;
}

void
msg_cache_clear(struct msg_cache *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->m[i].subject);
		free(c->m[i].body);
		json_decref(c->m[i].fields);
	}
	c->n = 0;
}
