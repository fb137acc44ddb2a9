/*
 * fieldmap.c: which column (CSV) or key (JSON) fills which post field:
 * given by --map, else guessed from the header by the names Chinese
 * exports use (正文, 作者, 发布时间 ...).  Also the number forms of
 * exported counts ("1.2万", "10万+", "3,402").
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "yq.h"
#include "fetch.h"

const char *const fieldmap_names[F_NFIELDS] = {
	"id", "source", "platform", "url", "title", "text", "author",
	"published_at", "metrics.reposts", "metrics.comments", "metrics.likes",
	"metrics.views"
};

/* Names a header may use for each field, best first. */
static const char *const guesses[F_NFIELDS][12] = {
	[F_ID] = { "id", "ID", "编号", "序号", "mid", "idstr", "guid", NULL },
	[F_SOURCE] = { "source", "来源", "媒体", "站点", "网站", "媒体名称",
	    "信息来源", NULL },
	[F_PLATFORM] = { "platform", "平台", "渠道", "媒体类型", NULL },
	[F_URL] = { "url", "URL", "链接", "网址", "原文链接", "地址", "link",
	    NULL },
	[F_TITLE] = { "title", "标题", "主题", NULL },
	[F_TEXT] = { "text", "正文", "内容", "content", "微博内容", "摘要",
	    "body", "全文", NULL },
	[F_AUTHOR] = { "author", "作者", "发布者", "用户", "昵称", "用户名",
	    "博主", "发布人", NULL },
	[F_PUBLISHED] = { "published_at", "发布时间", "时间", "日期",
	    "发文时间", "发表时间", "pubdate", "date", "created_at", NULL },
	[F_REPOSTS] = { "reposts", "转发", "转发数", "转发量",
	    "reposts_count", NULL },
	[F_COMMENTS] = { "comments", "评论", "评论数", "评论量",
	    "comments_count", NULL },
	[F_LIKES] = { "likes", "点赞", "点赞数", "点赞量", "赞",
	    "attitudes_count", NULL },
	[F_VIEWS] = { "views", "阅读", "阅读数", "阅读量", "浏览量", "播放量",
	    NULL },
};

static int
fieldmap_field(const char *name)
{
	int i;

	for (i = 0; i < F_NFIELDS; i++)
		if (strcmp(name, fieldmap_names[i]) == 0 ||
		    (strncmp(fieldmap_names[i], "metrics.", 8) == 0 &&
		    strcmp(name, fieldmap_names[i] + 8) == 0))
			return i;
	if (strcmp(name, "published") == 0 || strcmp(name, "time") == 0)
		return F_PUBLISHED;
	return -1;
}

int
fieldmap_parse(struct fieldmap *m, const char *spec, const char **bad)
{
	char *copy = xstrdup(spec), *p, *save = NULL;
	int rc = 0;

	for (p = strtok_r(copy, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		char *eq = strchr(p, '=');
		int f;

		if (eq == NULL || eq == p || eq[1] == '\0' ||
		    (*eq = '\0', f = fieldmap_field(p)) < 0) {
			*bad = spec + (p - copy);
			rc = -1;
			break;
		}
		free(m->col[f]);
		m->col[f] = xstrdup(eq + 1);
	}
	free(copy);
	return rc;
}

void
fieldmap_guess(struct fieldmap *m, char *const *names, size_t n)
{
	int f, g;
	size_t i;

	for (f = 0; f < F_NFIELDS; f++) {
		if (m->col[f] != NULL)
			continue;
		for (g = 0; guesses[f][g] != NULL && m->col[f] == NULL; g++)
			for (i = 0; i < n; i++)
				if (names[i] != NULL &&
				    strcasecmp(names[i], guesses[f][g]) == 0) {
					m->col[f] = xstrdup(names[i]);
					break;
				}
	}
}

int
fieldmap_any(const struct fieldmap *m)
{
	int f;

	for (f = 0; f < F_NFIELDS; f++)
		if (m->col[f] != NULL)
			return 1;
	return 0;
}

void
fieldmap_free(struct fieldmap *m)
{
	int f;

	for (f = 0; f < F_NFIELDS; f++) {
		free(m->col[f]);
		m->col[f] = NULL;
	}
}

/* A count from its value: none (-1) when it is beyond any real count
 * (converting 1e121 to long long would be undefined). */
static long long
to_count(double x)
{
	return x >= 0 && x < 1e15 ? (long long)(x + 0.5) : -1;
}

long long
count_parse(const char *s)
{
	double v = 0, frac = 0, scale = 1;
	int digits = 0, dot = 0;

	if (s == NULL)
		return -1;
	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			digits++;
			if (dot) {
				frac += (*s - '0') / (scale *= 10);
			} else {
				v = v * 10 + (*s - '0');
			}
		} else if (*s == '.' && !dot) {
			dot = 1;
		} else if (*s == ',' || *s == ' ' || *s == '+') {
			continue;
		} else if (strncmp(s, "万", 3) == 0) {
			return digits ? to_count((v + frac) * 1e4) : -1;
		} else if (strncmp(s, "亿", 3) == 0) {
			return digits ? to_count((v + frac) * 1e8) : -1;
		} else if (*s == 'k' || *s == 'K') {
			return digits ? to_count((v + frac) * 1e3) : -1;
		} else if (*s == 'w' || *s == 'W') {
			/* Kuaishou writes 万 so: "1.5w". */
			return digits ? to_count((v + frac) * 1e4) : -1;
		} else {
			return -1;
		}
	}
	return digits ? to_count(v + frac) : -1;
}

/* Does s look like HTML rather than plain text? */
static int
htmlish(const char *s)
{
	return strstr(s, "</") != NULL || strcasestr(s, "<br") != NULL ||
	    strcasestr(s, "<p>") != NULL || strstr(s, "&nbsp;") != NULL;
}

char *
text_plain(const char *s)
{
	char *t = htmlish(s) ? text_of_html(s) : xstrdup(s);

	text_normalise(t);
	return t;
}

int
fieldmap_emit(struct emitter *e, const char *const v[F_NFIELDS],
    const char *source)
{
	char *text, *title = NULL, *author = NULL;
	struct post p;
	int i, rc;

	post_init(&p);
	p.source = v[F_SOURCE] != NULL && *v[F_SOURCE] != '\0' ?
	    v[F_SOURCE] : source;
	p.platform = v[F_PLATFORM];
	p.url = v[F_URL] != NULL && *v[F_URL] != '\0' ? v[F_URL] : NULL;
	p.native_id = v[F_ID];
	p.published = v[F_PUBLISHED];
	text = text_plain(v[F_TEXT] != NULL ? v[F_TEXT] : "");
	if (v[F_TITLE] != NULL) {
		title = xstrdup(v[F_TITLE]);
		text_normalise(title);
	}
	if (v[F_AUTHOR] != NULL) {
		author = xstrdup(v[F_AUTHOR]);
		text_normalise(author);
	}
	p.text = text;
	p.title = title;
	p.author = author;
	for (i = 0; i < 4; i++)
		p.metrics[i] = count_parse(v[F_REPOSTS + i]);
	rc = emit_post(e, &p);
	free(text);
	free(title);
	free(author);
	return rc;
}
