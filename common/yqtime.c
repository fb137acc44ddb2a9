/*
 * yqtime.c: reading the time forms that feeds, pages and exports use,
 * and writing RFC 3339.
 *
 * Calendar arithmetic is done here (days from a civil date and back), not
 * with mktime or timegm, so results never depend on the process's TZ.
 * Forms without an offset, and the relative Chinese forms (昨天, 3分钟前),
 * are read in China Standard Time, +08:00, which has no daylight saving.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "yqtime.h"

struct cursor {
	const char *p;
};

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

static void
civil_from_days(long long z, long long *y, int *m, int *d)
{
	long long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (long long)yoe + era * 400 + (*m <= 2);
}

static int
days_in_month(long long y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

/* ------------------------------------------------------------ scanning */

static void
skipws(struct cursor *c)
{
	while (*c->p == ' ' || *c->p == '\t')
		c->p++;
}

/* Read min..max digits into *v. */
static int
num(struct cursor *c, int min, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (n < max && isdigit((unsigned char)c->p[n])) {
		*v = *v * 10 + (c->p[n] - '0');
		n++;
	}
	if (n < min)
		return 0;
	c->p += n;
	return 1;
}

static int
lit(struct cursor *c, const char *s)
{
	size_t n = strlen(s);

	if (strncmp(c->p, s, n) != 0)
		return 0;
	c->p += n;
	return 1;
}

/* Validate and combine a local date and time with an offset. */
static int
make(long long y, int mo, int d, int h, int mi, int s, int off, struct yqt *out)
{
	if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59 ||
	    s < 0 || s > 60)
		return -1;
	if (s == 60)
		s = 59;		/* a leap second: no calendar here has them */
	out->t = (time_t)(days_from_civil(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + s - (long long)off * 60);
	out->off = off;
	return 0;
}

/* HH:MM[:SS[.fraction]]; seconds default to 0. */
static int
clock_time(struct cursor *c, int *h, int *mi, int *s)
{
	int frac;

	*s = 0;
	if (!num(c, 1, 2, h) || !(lit(c, ":")) || !num(c, 2, 2, mi))
		return 0;
	if (lit(c, ":")) {
		if (!num(c, 2, 2, s))
			return 0;
		if (lit(c, ".") || lit(c, ","))
			if (!num(c, 1, 9, &frac))
				return 0;
	}
	return 1;
}

/* Z, +08:00, +0800, +08; and "GMT+8", "UTC+08:00". */
static int
numeric_zone(struct cursor *c, int *off)
{
	int sign, hh, mm = 0;
	const char *save = c->p;

	if (*c->p != '+' && *c->p != '-')
		return 0;
	sign = *c->p++ == '-' ? -1 : 1;
	if (!num(c, 1, 2, &hh))
		goto fail;
	if (lit(c, ":")) {
		if (!num(c, 2, 2, &mm))
			goto fail;
	} else if (isdigit((unsigned char)*c->p) && !num(c, 2, 2, &mm)) {
		goto fail;
	}
	if (hh > 14 || mm > 59)
		goto fail;
	*off = sign * (hh * 60 + mm);
	return 1;
fail:
	c->p = save;
	return 0;
}

static const struct {
	const char *name;
	int off;
} zones[] = {
	/* CST is read as China Standard Time: yq's sources are Chinese. */
	{ "GMT", 0 }, { "UTC", 0 }, { "UT", 0 }, { "Z", 0 }, { "CST", 480 },
	{ "HKT", 480 }, { "JST", 540 }, { "KST", 540 }, { "SGT", 480 },
	{ "EST", -300 }, { "EDT", -240 }, { "CDT", -300 }, { "MST", -420 },
	{ "MDT", -360 }, { "PST", -480 }, { "PDT", -420 }, { "BST", 60 },
	{ "CET", 60 }, { "CEST", 120 },
};

static int
zone(struct cursor *c, int *off)
{
	size_t i;
	int extra;

	skipws(c);
	if (numeric_zone(c, off))
		return 1;
	for (i = 0; i < sizeof zones / sizeof zones[0]; i++) {
		size_t n = strlen(zones[i].name);

		if (strncmp(c->p, zones[i].name, n) == 0 &&
		    !isalpha((unsigned char)c->p[n])) {
			c->p += n;
			*off = zones[i].off;
			if (numeric_zone(c, &extra))	/* GMT+8 */
				*off += extra;
			return 1;
		}
	}
	return 0;
}

static int
at_end(struct cursor *c)
{
	skipws(c);
	return *c->p == '\0';
}

/* ------------------------------------------------------------ the forms */

/* 2026-11-20[T ]08:00[:00][zone], also / and . as date separators. */
static int
iso(const char *s, struct yqt *out)
{
	struct cursor c = { s };
	int y, mo, d, h = 0, mi = 0, sec = 0, off = YQT_DEFAULT_OFFSET;
	char sep;

	if (!num(&c, 4, 4, &y))
		return -1;
	sep = *c.p;
	if (sep != '-' && sep != '/' && sep != '.')
		return -1;
	c.p++;
	if (!num(&c, 1, 2, &mo) || *c.p++ != sep || !num(&c, 1, 2, &d))
		return -1;
	if (*c.p == 'T' || *c.p == 't' || *c.p == ' ') {
		struct cursor save = c;

		c.p++;
		skipws(&c);
		if (!clock_time(&c, &h, &mi, &sec)) {
			c = save;
		} else if (*c.p == 'Z' || *c.p == 'z') {
			c.p++;
			off = 0;
		} else {
			zone(&c, &off);
		}
	}
	if (!at_end(&c))
		return -1;
	return make(y, mo, d, h, mi, sec, off, out);
}

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec"
};

static int
month_name(struct cursor *c, int *mo)
{
	int i;

	for (i = 0; i < 12; i++) {
		if (strncasecmp(c->p, months[i], 3) == 0) {
			c->p += 3;
			while (isalpha((unsigned char)*c->p))	/* "November" */
				c->p++;
			lit(c, ".");
			*mo = i + 1;
			return 1;
		}
	}
	return 0;
}

/* RFC 822/1123: [Fri,] 20 Nov 2026 [08:00[:00]] [zone]. */
static int
rfc822(const char *s, struct yqt *out)
{
	struct cursor c = { s };
	int y, mo, d, h = 0, mi = 0, sec = 0, off = YQT_DEFAULT_OFFSET;

	if (isalpha((unsigned char)*c.p)) {
		while (isalpha((unsigned char)*c.p))
			c.p++;
		lit(&c, ",");
		skipws(&c);
	}
	if (!num(&c, 1, 2, &d))
		return -1;
	skipws(&c);
	lit(&c, "-");
	if (!month_name(&c, &mo))
		return -1;
	skipws(&c);
	lit(&c, "-");
	if (!num(&c, 2, 4, &y))
		return -1;
	if (y < 100)
		y += y < 50 ? 2000 : 1900;
	skipws(&c);
	if (isdigit((unsigned char)*c.p)) {
		if (!clock_time(&c, &h, &mi, &sec))
			return -1;
		zone(&c, &off);
	}
	if (!at_end(&c))
		return -1;
	return make(y, mo, d, h, mi, sec, off, out);
}

/* The local (+08:00) calendar date of t. */
static void
local_date(time_t t, long long *y, int *mo, int *d)
{
	long long s = (long long)t + YQT_DEFAULT_OFFSET * 60;
	long long z = s / 86400 - (s % 86400 < 0);

	civil_from_days(z, y, mo, d);
}

/* An optional time after a Chinese date: " 15:45", "15:45:00", "15时45分". */
static int
cn_clock(struct cursor *c, int *h, int *mi, int *s)
{
	const char *save;

	*h = *mi = *s = 0;
	skipws(c);
	if (*c->p == '\0')
		return 1;
	save = c->p;
	if (clock_time(c, h, mi, s))
		return 1;
	c->p = save;
	*h = *mi = *s = 0;
	if (num(c, 1, 2, h) && (lit(c, "时") || lit(c, "点"))) {
		if (num(c, 1, 2, mi))
			lit(c, "分");
		return 1;
	}
	return 0;
}

/* [2020年]12月27日[ 15:45[:00]]; without a year, the latest not in the future. */
static int
chinese_date(const char *s, time_t now, struct yqt *out)
{
	struct cursor c = { s };
	long long y, ny;
	int mo, d, h, mi, sec, nm, nd, has_year;
	const char *save = c.p;

	has_year = num(&c, 4, 4, &mo) && lit(&c, "年");
	if (has_year) {
		y = mo;
		skipws(&c);
	} else {
		c.p = save;
		local_date(now, &ny, &nm, &nd);
		y = ny;
	}
	if (!num(&c, 1, 2, &mo) || !lit(&c, "月") || !num(&c, 1, 2, &d) ||
	    !(lit(&c, "日") || lit(&c, "号")))
		return -1;
	if (!cn_clock(&c, &h, &mi, &sec) || !at_end(&c))
		return -1;
	if (make(y, mo, d, h, mi, sec, YQT_DEFAULT_OFFSET, out) < 0)
		return -1;
	if (!has_year && out->t > now + 86400)
		return make(y - 1, mo, d, h, mi, sec, YQT_DEFAULT_OFFSET, out);
	return 0;
}

/* 今天/昨天/前天 [HH:MM]. */
static int
day_word(const char *s, time_t now, struct yqt *out)
{
	static const char *const words[] = { "今天", "昨天", "前天" };
	struct cursor c = { s };
	long long y;
	int back, mo, d, h, mi, sec;

	for (back = 0; back < 3; back++)
		if (lit(&c, words[back]))
			break;
	if (back == 3 || !cn_clock(&c, &h, &mi, &sec) || !at_end(&c))
		return -1;
	local_date(now - back * 86400, &y, &mo, &d);
	return make(y, mo, d, h, mi, sec, YQT_DEFAULT_OFFSET, out);
}

/* 刚刚, N秒前, N分钟前, 半小时前, N小时前, N天前. */
static int
ago(const char *s, time_t now, struct yqt *out)
{
	static const struct {
		const char *unit;
		long secs;
	} units[] = {
		{ "秒钟前", 1 }, { "秒前", 1 }, { "分钟前", 60 }, { "分前", 60 },
		{ "小时前", 3600 }, { "个小时前", 3600 }, { "天前", 86400 },
	};
	struct cursor c = { s };
	size_t i;
	int n;

	out->off = YQT_DEFAULT_OFFSET;
	if (lit(&c, "刚刚") && at_end(&c)) {
		out->t = now;
		return 0;
	}
	c.p = s;
	if (lit(&c, "半小时前") && at_end(&c)) {
		out->t = now - 1800;
		return 0;
	}
	c.p = s;
	if (!num(&c, 1, 6, &n))
		return -1;
	skipws(&c);
	for (i = 0; i < sizeof units / sizeof units[0]; i++) {
		struct cursor u = c;

		if (lit(&u, units[i].unit) && at_end(&u)) {
			out->t = now - (time_t)n * units[i].secs;
			return 0;
		}
	}
	return -1;
}

/*
 * Copy s, trimmed, with full-width digits, colon, slash, hyphen and the
 * ideographic space turned into ASCII.
 */
static int
normalise_input(const char *s, char *buf, size_t bufsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	while (*p != '\0') {
		if (o + 4 >= bufsz)
			return -1;
		/* U+FF01..U+FF5E are EF BC 81..EF BD 9E. */
		if (p[0] == 0xef && (p[1] == 0xbc || p[1] == 0xbd) && p[2] >= 0x80) {
			unsigned cp = 0xff00 + ((p[1] - 0xbc) << 6) + (p[2] - 0x80);

			if (cp >= 0xff01 && cp <= 0xff5e) {
				buf[o++] = (char)(cp - 0xff01 + 0x21);
				p += 3;
				continue;
			}
		}
		if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {	/* U+3000 */
			buf[o++] = ' ';
			p += 3;
			continue;
		}
		buf[o++] = (char)*p++;
	}
	while (o > 0 && (buf[o - 1] == ' ' || buf[o - 1] == '\t' ||
	    buf[o - 1] == '\n' || buf[o - 1] == '\r'))
		o--;
	buf[o] = '\0';
	return o > 0 ? 0 : -1;
}

int
yqt_parse(const char *s, time_t now, struct yqt *out)
{
	char buf[128];

	if (s == NULL || normalise_input(s, buf, sizeof buf) < 0)
		return -1;
	if (isdigit((unsigned char)buf[0]) && isdigit((unsigned char)buf[1]) &&
	    isdigit((unsigned char)buf[2]) && isdigit((unsigned char)buf[3]) &&
	    iso(buf, out) == 0)
		return 0;
	if (rfc822(buf, out) == 0)
		return 0;
	if (chinese_date(buf, now, out) == 0)
		return 0;
	if (day_word(buf, now, out) == 0)
		return 0;
	return ago(buf, now, out);
}

char *
yqt_format(struct yqt t, char *buf)
{
	long long s = (long long)t.t + (long long)t.off * 60, y;
	long long z = s / 86400 - (s % 86400 < 0 ? 1 : 0);
	long long sec = s - z * 86400;
	int m, d, off = t.off < 0 ? -t.off : t.off;

	civil_from_days(z, &y, &m, &d);
	if (y < 0 || y > 9999)
		y = y < 0 ? 0 : 9999;	/* keep the buffer bound */
	snprintf(buf, YQT_BUFSZ, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
	    (int)y, m, d, (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60),
	    t.off < 0 ? '-' : '+', (off / 60) % 100, off % 60);
	return buf;
}

char *
yqt_normalise(const char *s, time_t now, char *buf)
{
	struct yqt t;

	if (yqt_parse(s, now, &t) < 0)
		return NULL;
	return yqt_format(t, buf);
}
