/*
 * platform.c: the exports of the crawlers offices use, by name
 * (--from): MediaCrawler's notes, videos and comments of seven sites,
 * the dataabc weibo-crawler's CSV and JSON, and the Weibo API's mblog
 * objects.  Each record is read as a JSON object (a CSV row becomes
 * one), its fields are taken out by the format's schema, and what is
 * left goes under "extra", so nothing is dropped silently.
 *
 * Ids do not depend on the crawler: a post is the SHA-1 of its site,
 * 0x1f and its native id, a comment of its site, 0x1f, "comment:" and
 * its id, so that a comment's reply_to and a repost's repost_of name
 * the id its parent gets from any of the formats.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "yq.h"
#include "fetch.h"

enum {
	K_ID, K_PARENT, K_PARENT_C, K_TEXT, K_TITLE, K_TIME, K_URL, K_AUTHOR,
	K_AUTHOR_ID, K_VERIFIED, K_VTYPE, K_IP, K_REPOSTS, K_COMMENTS,
	K_LIKES, K_VIEWS, K_FETCHED, K_N
};

/*
 * Where a kind of record keeps each field: '|'-separated keys, the
 * first present wins; a key may be a path ("user.screen_name").
 */
struct schema {
	const char *key[K_N];
	const char *sub;	/* the reposted original, an object */
	int comment;		/* comments: reply_to from K_PARENT(_C) */
	int weibo_url;		/* no URL given: m.weibo.cn/detail/ID */
};

enum family { MEDIACRAWLER, WEIBO_CRAWLER, WEIBO_API };

struct platform {
	const char *name;	/* --from */
	const char *site;	/* the ids' and the accounts' namespace */
	const char *platform;	/* DESIGN's */
	enum family family;
	const char *id, *url;	/* MediaCrawler: a note's id and URL keys */
};

static const struct platform formats[] = {
	{ "mediacrawler-weibo", "weibo", "weibo", MEDIACRAWLER, "note_id",
	    "note_url" },
	{ "mediacrawler-douyin", "douyin", "video", MEDIACRAWLER, "aweme_id",
	    "aweme_url" },
	{ "mediacrawler-xhs", "xhs", "other", MEDIACRAWLER, "note_id",
	    "note_url" },
	{ "mediacrawler-bilibili", "bilibili", "video", MEDIACRAWLER,
	    "video_id", "video_url" },
	{ "mediacrawler-zhihu", "zhihu", "forum", MEDIACRAWLER, "content_id",
	    "content_url" },
	{ "mediacrawler-tieba", "tieba", "forum", MEDIACRAWLER, "note_id",
	    "note_url" },
	{ "mediacrawler-kuaishou", "kuaishou", "video", MEDIACRAWLER,
	    "video_id", "video_url" },
	{ "weibo-crawler", "weibo", "weibo", WEIBO_CRAWLER, NULL, NULL },
	{ "weibo-api", "weibo", "weibo", WEIBO_API, NULL, NULL },
	{ NULL, NULL, NULL, 0, NULL, NULL }
};

/* MediaCrawler's store/<site> modules write these names; the id of a
 * note (and of a comment's note) and its URL are the site's own. */
static const struct schema mc_note = { {
	[K_TEXT] = "content_text|desc|content",
	[K_TITLE] = "title",
	[K_TIME] = "create_time|time|publish_time|created_time|create_date_time",
	[K_AUTHOR] = "nickname|user_nickname",
	[K_AUTHOR_ID] = "user_id",
	[K_IP] = "ip_location",
	[K_REPOSTS] = "shared_count|share_count|video_share_count",
	[K_COMMENTS] = "comments_count|comment_count|video_comment|total_replay_num",
	[K_LIKES] = "liked_count|voteup_count",
	[K_VIEWS] = "video_play_count|viewd_count",
	[K_FETCHED] = "last_modify_ts",
}, NULL, 0, 0 };

static const struct schema mc_comment = { {
	[K_ID] = "comment_id",
	[K_PARENT_C] = "parent_comment_id|parment_comment_id",
	[K_TEXT] = "content",
	[K_TIME] = "create_time|publish_time|create_date_time",
	[K_AUTHOR] = "nickname|user_nickname",
	[K_AUTHOR_ID] = "user_id",
	[K_IP] = "ip_location",
	[K_COMMENTS] = "sub_comment_count",
	[K_LIKES] = "comment_like_count|like_count",
	[K_FETCHED] = "last_modify_ts",
}, NULL, 1, 0 };

/* dataabc/weibo-crawler's weibo objects (its CSV columns are renamed to
 * these by csv_key()). */
static const struct schema wc_post = { {
	[K_ID] = "id",
	[K_TEXT] = "text",
	[K_TIME] = "full_created_at|created_at",
	[K_AUTHOR] = "screen_name",
	[K_AUTHOR_ID] = "user_id",
	[K_VERIFIED] = "verified",
	[K_VTYPE] = "verified_type",
	[K_IP] = "ip",
	[K_REPOSTS] = "reposts_count",
	[K_COMMENTS] = "comments_count",
	[K_LIKES] = "attitudes_count",
}, "retweet", 0, 1 };

/* The Weibo API's mblog (m.weibo.cn and api.weibo.com alike). */
static const struct schema api_post = { {
	[K_ID] = "idstr|mid|id",
	[K_TEXT] = "longText.longTextContent|text",
	[K_TIME] = "created_at",
	[K_AUTHOR] = "user.screen_name",
	[K_AUTHOR_ID] = "user.idstr|user.id",
	[K_VERIFIED] = "user.verified",
	[K_VTYPE] = "user.verified_type",
	[K_IP] = "region_name",
	[K_REPOSTS] = "reposts_count",
	[K_COMMENTS] = "comments_count",
	[K_LIKES] = "attitudes_count",
}, "retweeted_status", 0, 1 };

/* weibo-crawler's CSV header: its JSON keys, "源微博" the original's. */
static const char *const wc_columns[][2] = {
	{ "id", "id" }, { "bid", "bid" }, { "正文", "text" },
	{ "头条文章url", "article_url" }, { "原始图片url", "pics" },
	{ "视频url", "video_url" }, { "位置", "location" },
	{ "日期", "created_at" }, { "完整日期", "full_created_at" },
	{ "工具", "source" }, { "点赞数", "attitudes_count" },
	{ "评论数", "comments_count" }, { "转发数", "reposts_count" },
	{ "话题", "topics" }, { "@用户", "at_users" }, { "IP属地", "ip" },
	{ "是否原创", "is_original" }, { NULL, NULL }
};

const struct platform *
plat_find(const char *name)
{
	int i;

	for (i = 0; formats[i].name != NULL; i++)
		if (strcmp(name, formats[i].name) == 0)
			return &formats[i];
	return NULL;
}

const char *
plat_name(int i)
{
	return i >= 0 && (size_t)i < sizeof(formats) / sizeof(formats[0]) ?
	    formats[i].name : NULL;
}

const char *
plat_site(const struct platform *f)
{
	return f->site;
}

int
plat_whole(const struct platform *f)
{
	return f->family == WEIBO_CRAWLER;
}

/* ----------------------------------------------------- CSV rows */

/* The key a weibo-crawler column goes under; "源微博" columns under
 * the original's object (*sub set). */
static const char *
csv_key(const char *col, int *sub)
{
	size_t i;

	*sub = 0;
	if (strcmp(col, "源用户id") == 0 || strcmp(col, "源用户昵称") == 0) {
		*sub = 1;
		return col[9] == 'i' ? "user_id" : "screen_name";
	}
	if (strncmp(col, "源微博", 9) == 0) {
		*sub = 1;
		col += 9;
	}
	for (i = 0; wc_columns[i][0] != NULL; i++)
		if (strcmp(col, wc_columns[i][0]) == 0)
			return wc_columns[i][1];
	return col;
}

json_t *
plat_row(const struct platform *f, char *const *head, char *const *row,
    size_t n)
{
	json_t *o = json_object(), *sub = NULL;
	const char *k;
	size_t i;
	int in_sub;

	for (i = 0; i < n; i++) {
		if (head[i] == NULL || row[i] == NULL || row[i][0] == '\0')
			continue;
		/* The reader made the row valid UTF-8 already. */
		if (f->family != WEIBO_CRAWLER) {
			json_object_set_new_nocheck(o, head[i],
			    json_string_nocheck(row[i]));
			continue;
		}
		k = csv_key(head[i], &in_sub);
		if (in_sub && sub == NULL)
			sub = json_object();
		json_object_set_new_nocheck(in_sub ? sub : o, k,
		    json_string_nocheck(row[i]));
	}
	if (sub != NULL)
		json_object_set_new(o, "retweet", sub);
	return o;
}

/* ------------------------------------------------------- fields */

/* The object holding the last part of path, and that part's name. */
static json_t *
holder(json_t *o, const char *path, const char **last)
{
	const char *dot = strchr(path, '.') != NULL ? strrchr(path, '.') : NULL;
	char buf[128];

	*last = dot != NULL ? dot + 1 : path;
	if (dot == NULL)
		return o;
	if ((size_t)(dot - path) >= sizeof(buf))
		return NULL;
	memcpy(buf, path, (size_t)(dot - path));
	buf[dot - path] = '\0';
	return rec_path(o, buf);
}

/* A scalar as a string, fresh; NULL for objects, arrays, null, "". */
static char *
scalar(const json_t *v)
{
	if (json_is_string(v))
		return json_string_length(v) > 0 ?
		    xstrdup(json_string_value(v)) : NULL;
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.0f", json_real_value(v));
	if (json_is_boolean(v))
		return xstrdup(json_is_true(v) ? "1" : "0");
	return NULL;
}

/*
 * Take the first of keys ('|'-separated) with a value out of o: its
 * value as a fresh string, or NULL.  Empty values met on the way are
 * dropped; a key that holds an object or array is left alone.
 */
static char *
take(json_t *o, const char *keys)
{
	char key[128], *s;
	const char *p = keys, *last;
	size_t n;
	json_t *h, *v;

	while (p != NULL && *p != '\0') {
		n = strcspn(p, "|");
		if (n < sizeof(key)) {
			memcpy(key, p, n);
			key[n] = '\0';
			if ((h = holder(o, key, &last)) != NULL &&
			    (v = json_object_get(h, last)) != NULL &&
			    !json_is_object(v) && !json_is_array(v)) {
				s = scalar(v);
				json_object_del(h, last);
				if (s != NULL)
					return s;
			}
		}
		p += n + (p[n] == '|');
	}
	return NULL;
}

/* Drop the other keys of keys that repeat value (idstr, mid, id). */
static void
drop_copies(json_t *o, const char *keys, const char *value)
{
	char key[64], *s;
	const char *p = keys;
	size_t n;

	for (; *p != '\0'; p += n + (p[n] == '|')) {
		n = strcspn(p, "|");
		if (n >= sizeof(key))
			continue;
		memcpy(key, p, n);
		key[n] = '\0';
		if ((s = scalar(json_object_get(o, key))) != NULL &&
		    strcmp(s, value) == 0)
			json_object_del(o, key);
		free(s);
	}
}

/* The Weibo verified_type as an author_type (NULL: unverified). */
static const char *
weibo_type(const char *t)
{
	int v;

	if (t == NULL)
		return NULL;
	v = atoi(t);
	switch (v) {
	case 0: case 200: case 220: return "person";
	case 1: return "government";
	case 2: case 8: return "enterprise";
	case 3: return "media";
	case 4: case 5: case 6: case 7: return "organization";
	default: return NULL;
	}
}

/* "发布于 北京", "来自北京", "IP属地：北京": the place alone, in place. */
static void
ip_place(char *s)
{
	static const char *const prefix[] = { "发布于", "来自", "IP属地：",
	    "IP属地:", "IP属地", "IP 属地：", "IP 属地", NULL };
	size_t i, n;

	for (i = 0; prefix[i] != NULL; i++)
		if (strncmp(s, prefix[i], n = strlen(prefix[i])) == 0) {
			memmove(s, s + n, strlen(s + n) + 1);
			break;
		}
	text_normalise(s);
}

/* A title that only repeats the start of the text says nothing more. */
static int
title_repeats(const char *title, const char *text)
{
	size_t n = strlen(title);

	while (n > 0 && (title[n - 1] == '.' || title[n - 1] == ' '))
		n--;
	return text != NULL && strncmp(title, text, n) == 0;
}

/* Drop the null and empty values left at the top of o. */
static void
sweep(json_t *o)
{
	const char *k;
	json_t *v;
	void *tmp;

	json_object_foreach_safe(o, tmp, k, v)
		if (json_is_null(v) || (json_is_string(v) &&
		    json_string_length(v) == 0) || (json_is_object(v) &&
		    json_object_size(v) == 0))
			json_object_del(o, k);
}

/* ------------------------------------------------------ records */

static void
make_id(const char *site, const char *native, int comment, char id[17])
{
	char *s = xasprintf("%s%s", comment ? "comment:" : "", native);

	canon_id(NULL, site, s, id);
	free(s);
}

/* Whether a Weibo post is gone: the API keeps a shell of it. */
static int
deleted(const json_t *o)
{
	const char *d = rec_str(o, "deleted");

	return (d != NULL && strcmp(d, "1") == 0) ||
	    json_is_true(json_object_get(o, "deleted"));
}

/* Fill p's fields from v (the strings taken out of the record). */
static void
fill(struct plat_run *r, struct post *p, char **v, const char *text,
    const char *title)
{
	long long ms;
	int i;

	post_init(p);
	p->source = r->source;
	p->platform = r->f->platform;
	p->site = r->f->site;
	p->url = v[K_URL];
	p->title = title;
	p->text = text;
	p->author = v[K_AUTHOR];
	p->author_id = v[K_AUTHOR_ID];
	p->published = v[K_TIME];
	if (v[K_VERIFIED] != NULL)
		p->verified = strcmp(v[K_VERIFIED], "1") == 0 ||
		    strcasecmp(v[K_VERIFIED], "true") == 0;
	p->author_type = weibo_type(v[K_VTYPE]);
	if (v[K_IP] != NULL)
		ip_place(v[K_IP]);
	p->ip_location = v[K_IP];
	for (i = 0; i < 4; i++)
		p->metrics[i] = count_parse(v[K_REPOSTS + i]);
	/* The crawl's own time: seconds or milliseconds. */
	if (v[K_FETCHED] != NULL && (ms = atoll(v[K_FETCHED])) > 0)
		p->fetched = (time_t)(ms > 100000000000LL ? ms / 1000 : ms);
}

static int one(struct plat_run *r, const struct schema *s, json_t *o,
    unsigned long line, char *made_id);

/* The post a repost quotes, emitted before it; its id in id, or "". */
static int
original(struct plat_run *r, const struct schema *s, json_t *o,
    unsigned long line, char id[17])
{
	json_t *sub;
	int rc = 0;

	id[0] = '\0';
	if (s->sub == NULL || !json_is_object(sub = json_object_get(o, s->sub)))
		return 0;
	json_incref(sub);
	json_object_del(o, s->sub);
	rc = one(r, s, sub, line, id);
	json_decref(sub);
	return rc;
}

/*
 * Emit the record o of schema s; its id in made_id when not NULL.
 * emit_post()'s return; a malformed record is reported and counted.
 */
static int
one(struct plat_run *r, const struct schema *s, json_t *o,
    unsigned long line, char *made_id)
{
	char *v[K_N], id[17], parent[17], orig[17], *text = NULL, *title;
	char *url = NULL;
	struct post p;
	int i, rc = 0, gone;

	if ((rc = original(r, s, o, line, orig)) < 0)
		return rc;
	gone = deleted(o);
	for (i = 0; i < K_N; i++)
		v[i] = s->key[i] != NULL ? take(o, s->key[i]) : NULL;
	if (v[K_ID] != NULL)
		drop_copies(o, s->key[K_ID], v[K_ID]);
	if (v[K_ID] == NULL || (s->comment && v[K_PARENT] == NULL)) {
		yq_warnx("%s:%lu: %s", r->path, line, v[K_ID] == NULL ?
		    "a record without its id" : "a comment without its post's id");
		r->bad = 1;
		goto out;
	}
	make_id(r->f->site, v[K_ID], s->comment, id);
	if (made_id != NULL)
		memcpy(made_id, id, 17);
	text = v[K_TEXT] != NULL ? text_plain(v[K_TEXT]) : xstrdup("");
	title = v[K_TITLE];
	if (title != NULL && title_repeats(title, text))
		title = NULL;
	if (gone || (*text == '\0' && title == NULL)) {
		r->left_out++;
		goto out;
	}
	if (made_id == NULL && v[K_AUTHOR] == NULL && v[K_AUTHOR_ID] == NULL) {
		v[K_AUTHOR] = r->author != NULL ? xstrdup(r->author) : NULL;
		v[K_AUTHOR_ID] = r->author_id != NULL ? xstrdup(r->author_id) : NULL;
	}
	if (v[K_URL] == NULL && s->weibo_url)
		v[K_URL] = url = xasprintf("https://m.weibo.cn/detail/%s", v[K_ID]);
	fill(r, &p, v, text, title);
	p.id = id;
	if (s->comment) {
		const char *pc = v[K_PARENT_C];

		if (pc != NULL && strcmp(pc, "0") != 0 && strcmp(pc, v[K_ID]) != 0)
			make_id(r->f->site, pc, 1, parent);
		else
			make_id(r->f->site, v[K_PARENT], 0, parent);
		p.reply_to = parent;
	}
	if (orig[0] != '\0')
		p.repost_of = orig;
	sweep(o);
	p.extra = o;
	rc = emit_post(r->e, &p);
out:
	for (i = 0; i < K_N; i++)
		if (v[i] != url)
			free(v[i]);
	free(url);
	free(text);
	return rc;
}

/* The weibo-crawler JSON file: {"user": {...}, "weibo": [...]}; the
 * user's verification goes to each of the user's posts. */
static int
crawler_file(struct plat_run *r, json_t *o, unsigned long line)
{
	json_t *user = json_object_get(o, "user"), *w;
	const char *uid = NULL;
	char *u;
	size_t i;
	int rc = 0;

	if (json_is_object(user))
		uid = (u = scalar(json_object_get(user, "id"))) != NULL ? u : NULL;
	else
		u = NULL;
	json_array_foreach(json_object_get(o, "weibo"), i, w) {
		char *pid;

		if (!json_is_object(w))
			continue;
		pid = scalar(json_object_get(w, "user_id"));
		if (uid != NULL && pid != NULL && strcmp(uid, pid) == 0) {
			json_object_set(w, "verified", json_object_get(user,
			    "verified"));
			json_object_set(w, "verified_type", json_object_get(user,
			    "verified_type"));
		}
		free(pid);
		if ((rc = one(r, &wc_post, w, line, NULL)) < 0)
			break;
	}
	free(u);
	return rc;
}

/* A MediaCrawler record: a comment when it has a comment_id. */
static int
mc_record(struct plat_run *r, json_t *o, unsigned long line)
{
	struct schema s = json_object_get(o, "comment_id") != NULL ?
	    mc_comment : mc_note;

	if (s.comment) {
		s.key[K_PARENT] = r->f->id;
	} else {
		s.key[K_ID] = r->f->id;
		s.key[K_URL] = r->f->url;
	}
	return one(r, &s, o, line, NULL);
}

int
plat_record(struct plat_run *r, json_t *o, unsigned long line)
{
	json_t *cards, *c;
	size_t i;
	int rc = 0;

	switch (r->f->family) {
	case MEDIACRAWLER:
		return mc_record(r, o, line);
	case WEIBO_CRAWLER:
		if (json_is_array(json_object_get(o, "weibo")))
			return crawler_file(r, o, line);
		return one(r, &wc_post, o, line, NULL);
	case WEIBO_API:
		break;
	}
	/* A card, or a page of cards (getIndex), or a timeline. */
	if (json_is_object(c = json_object_get(o, "mblog")))
		return one(r, &api_post, c, line, NULL);
	cards = rec_path(o, "data.cards");
	if (!json_is_array(cards))
		cards = json_object_get(o, "statuses");
	if (!json_is_array(cards))
		return one(r, &api_post, o, line, NULL);
	json_array_foreach(cards, i, c) {
		json_t *m = json_object_get(c, "mblog");

		if (json_is_object(m))
			c = m;
		else if (json_object_get(c, "card_type") != NULL)
			continue;	/* not a post: a user list, a banner */
		if ((rc = one(r, &api_post, c, line, NULL)) < 0)
			break;
	}
	return rc;
}

/*
 * weibo-crawler writes a user's posts to weibo/NAME/ID.csv: the author
 * of rows that name none.
 */
void
plat_begin(struct plat_run *r, const struct platform *f, const char *path,
    const char *source, struct emitter *e)
{
	const char *b = strrchr(path, '/'), *d;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->f = f;
	r->path = path;
	r->source = source;
	r->e = e;
	if (r->f->family != WEIBO_CRAWLER || b == NULL)
		return;
	n = strcspn(b + 1, ".");
	if (n == 0 || strspn(b + 1, "0123456789") != n)
		return;
	r->author_id = xstrndup(b + 1, n);
	for (d = b; d > r->path && d[-1] != '/'; d--)
		;
	if (d < b)
		r->author = xstrndup(d, (size_t)(b - d));
}

/* Say what was left out of a file (deleted posts, empty comments). */
void
plat_done(struct plat_run *r)
{
	if (r->left_out > 0)
		yq_warnx("%s: %lu deleted or empty records left out",
		    r->path, r->left_out);
	free(r->author);
	free(r->author_id);
	r->author = r->author_id = NULL;
}
