/*
 * yqtime.h: parsing the time forms found in feeds, pages and exports,
 * and formatting RFC 3339.  Times are epoch seconds plus the UTC offset
 * in minutes that the source gave (or the default, +08:00).
 */
#ifndef YQ_TIME_H
#define YQ_TIME_H

#include <time.h>

#define YQT_DEFAULT_OFFSET 480	/* Asia/Shanghai, minutes east of UTC */

struct yqt {
	time_t t;	/* seconds since the epoch */
	int off;	/* minutes east of UTC */
};

/*
 * Parse s, relative forms counted back from now.  Accepts RFC 3339
 * ("2026-11-20T08:00:00+08:00", "...Z", fractional seconds), RFC 822 and
 * 1123 ("Fri, 20 Nov 2026 08:00:00 +0800", "GMT", zone names), ISO-like
 * "2026-11-20 08:00[:00]", "2026/11/20 08:00", a bare date,
 * "2020年12月27日 15:45[:00]", "2020年12月27日", "12月27日 15:45" (year
 * from now, the previous year if that would be in the future),
 * "今天 08:30", "昨天 12:30", "前天 12:30", "N秒前", "N分钟前",
 * "N小时前", "N天前", "刚刚".  A form without offset is read as +08:00.
 * Returns 0 and fills *out, or -1 when s is none of these.
 */
int yqt_parse(const char *s, time_t now, struct yqt *out);

/*
 * Format t in RFC 3339 with its offset, e.g. "2026-11-20T08:00:00+08:00"
 * ("Z" is never used).  buf must hold YQT_BUFSZ bytes; returns buf.
 */
#define YQT_BUFSZ 32
char *yqt_format(struct yqt t, char *buf);

/* Parse and re-format in one step; NULL when s is not a time. */
char *yqt_normalise(const char *s, time_t now, char *buf);

#endif
