/*
 * dates.c: the time forms feeds and exports use beyond those
 * yqt_parse() knows: "CST" meaning China Standard Time, "GMT+8",
 * ISO forms with a colon-less offset or a Java ".0" tail, epoch seconds
 * and milliseconds, the Weibo API's "Wed Nov 20 08:00:00 +0800 2026".  Each is rewritten into a form yqt_parse() reads.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "yq.h"
#include "yqtime.h"
#include "fetch.h"

/* Replace the first occurrence of from in buf (size cap) by to. */
static int
replace(char *buf, size_t cap, const char *from, const char *to)
{
	char *p = strstr(buf, from);
	size_t f = strlen(from), t = strlen(to);

	if (p == NULL || strlen(buf) - f + t + 1 > cap)
		return 0;
	memmove(p + t, p + f, strlen(p + f) + 1);
	memcpy(p, to, t);
	return 1;
}

static int
epoch(const char *s, struct yqt *out)
{
	char *end;
	long long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || (end - s != 10 && end - s != 13))
		return -1;
	if (end - s == 13)
		v /= 1000;
	out->t = (time_t)v;
	out->off = YQT_DEFAULT_OFFSET;
	return 0;
}

/* "Wed Nov 20 08:00:00 +0800 2026" (Weibo and Twitter APIs) as RFC 822. */
static int
api_form(const char *s, time_t now, struct yqt *out)
{
	char wd[4], mon[4], zone[6], buf[64];
	int d, H, M, S, Y;

	if (sscanf(s, "%3s %3s %d %d:%d:%d %5s %d", wd, mon, &d, &H, &M, &S,
	    zone, &Y) != 8)
		return -1;
	snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d %s", wd, d,
	    mon, Y, H, M, S, zone);
	return yqt_parse(buf, now, out);
}

int
date_parse(const char *s, time_t now, struct yqt *out)
{
	static const char *const zones[][2] = {
		{ " CST", " +0800" }, { "GMT+8", "+0800" }, { "GMT+08:00", "+0800" },
		{ "GMT+0800", "+0800" }, { "UTC+8", "+0800" },
		{ "UTC+08:00", "+0800" }, { "北京时间", "" }, { NULL, NULL }
	};
	char buf[128], *p;
	size_t n;
	int i, changed = 0;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (yqt_parse(s, now, out) == 0 || epoch(s, out) == 0 ||
	    api_form(s, now, out) == 0)
		return 0;
	if ((n = strlen(s)) >= sizeof(buf) - 8)
		return -1;
	memcpy(buf, s, n + 1);
	while (n > 0 && isspace((unsigned char)buf[n - 1]))
		buf[--n] = '\0';
	for (i = 0; zones[i][0] != NULL; i++)
		changed |= replace(buf, sizeof(buf), zones[i][0], zones[i][1]);
	/* "2026-11-20 08:00:00.0": a Java timestamp's fraction. */
	if ((p = strrchr(buf, '.')) != NULL && p > buf && isdigit((unsigned
	    char)p[-1]) && strspn(p + 1, "0123456789") == strlen(p + 1) &&
	    strlen(p + 1) <= 3 && strchr(buf, ':') != NULL) {
		*p = '\0';
		changed = 1;
	}
	/* "+0800" after an ISO time: "+08:00". */
	n = strlen(buf);
	if (n > 5 && (buf[n - 5] == '+' || buf[n - 5] == '-') &&
	    strspn(buf + n - 4, "0123456789") == 4 && strchr(buf, '-') < buf +
	    n - 5 && isdigit((unsigned char)buf[n - 6])) {
		memmove(buf + n - 1, buf + n - 2, 3);
		buf[n - 2] = ':';
		changed = 1;
	}
	/* "2026-11-20T08:00" handled; "2026-11-20T08:00:00 +08:00": glue. */
	if ((p = strstr(buf, " +")) != NULL && strchr(buf, 'T') != NULL &&
	    strchr(buf, ',') == NULL) {
		memmove(p, p + 1, strlen(p));
		changed = 1;
	}
	return changed ? yqt_parse(buf, now, out) : -1;
}
