/*
 * canon.c: canonical URLs and the post ids derived from them.  URLs are
 * split and resolved by libcurl's URL API; this file only decides what
 * the canonical form keeps (yq-record(7), field id).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <curl/curl.h>
#include "yq.h"
#include "fetch.h"

/* Query parameters that only say how the reader arrived. */
static const char *const tracking[] = {
	"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid",
	"mc_eid", "spm", "scm", "wfr", "isappinstalled", "share_token",
	"from_source", "_ga", NULL
};

static int
is_tracking(const char *p, size_t n)
{
	size_t i;

	if (n >= 4 && strncasecmp(p, "utm_", 4) == 0)
		return 1;
	for (i = 0; tracking[i] != NULL; i++)
		if (strlen(tracking[i]) == n && strncasecmp(p, tracking[i], n) == 0)
			return 1;
	return 0;
}

/* The query without tracking parameters, fresh; "" when none are left. */
static char *
filter_query(const char *q)
{
	char *out = xmalloc(strlen(q) + 1), *o = out;

	while (*q != '\0') {
		size_t len = strcspn(q, "&"), key = strcspn(q, "=&");

		if (len > 0 && !is_tracking(q, key)) {
			if (o != out)
				*o++ = '&';
			memcpy(o, q, len);
			o += len;
		}
		q += len;
		if (*q == '&')
			q++;
	}
	*o = '\0';
	return out;
}

static char *
lower(char *s)
{
	char *p;

	for (p = s; p != NULL && *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

static CURLU *
parse(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL;

	if (u == NULL)
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) !=
	    CURLUE_OK || curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) !=
	    CURLUE_OK || (strcasecmp(scheme, "http") != 0 &&
	    strcasecmp(scheme, "https") != 0)) {
		curl_free(scheme);
		curl_url_cleanup(u);
		return NULL;
	}
	curl_free(scheme);
	return u;
}

static char *
canon_url(const char *url)
{
	CURLU *u;
	char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
	char *query = NULL, *q = NULL, *res;

	while (isspace((unsigned char)*url))
		url++;
	if ((u = parse(url)) == NULL)
		return NULL;
	curl_url_get(u, CURLUPART_SCHEME, &scheme, 0);
	curl_url_get(u, CURLUPART_HOST, &host, 0);
	curl_url_get(u, CURLUPART_PORT, &port, CURLU_NO_DEFAULT_PORT);
	curl_url_get(u, CURLUPART_PATH, &path, 0);
	curl_url_get(u, CURLUPART_QUERY, &query, 0);
	q = filter_query(query != NULL ? query : "");
	res = xasprintf("%s://%s%s%s%s%s%s", lower(scheme),
	    lower(host != NULL ? host : (char *)""), port != NULL ? ":" : "",
	    port != NULL ? port : "", path != NULL && *path != '\0' ? path : "/",
	    *q != '\0' ? "?" : "", q);
	free(q);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(path);
	curl_free(query);
	curl_url_cleanup(u);
	return res;
}

static void
hex16(const void *data, size_t n, char out[17])
{
	unsigned char d[20];
	int i;

	sha1(data, n, d);
	for (i = 0; i < 8; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

int
canon_id(const char *url, const char *source, const char *native,
    char out[17])
{
	char *c, *s;

	if (url != NULL && (c = canon_url(url)) != NULL) {
		hex16(c, strlen(c), out);
		free(c);
		return 0;
	}
	if (native == NULL || *native == '\0')
		return -1;
	s = xasprintf("%s\x1f%s", source != NULL ? source : "", native);
	hex16(s, strlen(s), out);
	free(s);
	return 0;
}

char *
canon_resolve(const char *base, const char *ref)
{
	CURLU *u;
	char *full = NULL, *res;

	if (ref == NULL)
		return NULL;
	while (isspace((unsigned char)*ref))
		ref++;
	if (base == NULL || (u = parse(base)) == NULL) {
		if ((u = parse(ref)) == NULL)
			return NULL;
	} else if (curl_url_set(u, CURLUPART_URL, ref,
	    CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	if (curl_url_get(u, CURLUPART_URL, &full, 0) != CURLUE_OK) {
		curl_url_cleanup(u);
		return NULL;
	}
	res = xstrdup(full);
	curl_free(full);
	curl_url_cleanup(u);
	return res;
}

char *
canon_host(const char *url)
{
	CURLU *u;
	char *host = NULL, *res = NULL;

	if (url == NULL || (u = parse(url)) == NULL)
		return NULL;
	if (curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK)
		res = lower(xstrdup(host));
	curl_free(host);
	curl_url_cleanup(u);
	return res;
}

/* True when host is domain or ends in ".domain". */
static int
in_domain(const char *host, const char *domain)
{
	size_t h = strlen(host), d = strlen(domain);

	if (h == d)
		return strcmp(host, domain) == 0;
	return h > d && host[h - d - 1] == '.' && strcmp(host + h - d, domain) == 0;
}

const char *
canon_platform(const char *url, const char *dflt)
{
	static const struct { const char *domain, *platform; } map[] = {
		{ "gov.cn", "gov" }, { "gov", "gov" }, { "weibo.com", "weibo" },
		{ "weibo.cn", "weibo" }, { "mp.weixin.qq.com", "wechat" },
		{ "bilibili.com", "video" }, { "douyin.com", "video" },
		{ "kuaishou.com", "video" }, { "ixigua.com", "video" },
		{ "youku.com", "video" }, { "tieba.baidu.com", "forum" },
		{ "douban.com", "forum" }, { "zhihu.com", "forum" },
		{ "tianya.cn", "forum" }, { "bbs", "forum" }, { NULL, NULL }
	};
	char *host = canon_host(url);
	const char *p = dflt;
	int i;

	if (host == NULL)
		return p;
	for (i = 0; map[i].domain != NULL; i++)
		if (in_domain(host, map[i].domain) ||
		    (strcmp(map[i].domain, "bbs") == 0 &&
		    strncmp(host, "bbs.", 4) == 0)) {
			p = map[i].platform;
			break;
		}
	free(host);
	return p;
}

/*
 * The platform an export or a feeds list names, in DESIGN's set: exports
 * say 微博, 新浪微博, 公众号, 论坛, 贴吧, 抖音 ...; unknown names are other.
 */
const char *
canon_platform_name(const char *name)
{
	static const struct {
		const char *platform;
		const char *names;	/* '|'-separated */
	} map[] = {
		{ "weibo", "|weibo|微博|新浪微博|腾讯微博|" },
		{ "wechat", "|wechat|微信|公众号|微信公众号|" },
		{ "news", "|news|新闻|网媒|新闻网站|报纸|纸媒|客户端|新闻客户端|" },
		{ "forum", "|forum|bbs|论坛|贴吧|社区|" },
		{ "video", "|video|视频|短视频|抖音|快手|B站|哔哩哔哩|" },
		{ "gov", "|gov|政务|政府|政务网站|政务微博|" },
		{ "other", "|other|其他|" },
	};
	char key[64];
	size_t i;

	if (name == NULL || strlen(name) > sizeof key - 3)
		return "other";
	snprintf(key, sizeof key, "|%s|", name);
	for (i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasestr(map[i].names, key) != NULL)
			return map[i].platform;
	return "other";
}
