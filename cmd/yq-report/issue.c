/*
 * issue.c: a report's issue number (期号) in the state store, counted
 * per kind of report and year.  A period keeps the number it was first
 * given: the daily page remade every ten minutes, or a report made
 * again after a crash, carries the same number, and only a new period
 * takes the next.  The number is taken in the transaction that commits
 * once the report is out, so a report that was not written takes none.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "report.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

static const char *const schema[] = {
	"CREATE TABLE report_issues (kind TEXT NOT NULL, period TEXT NOT NULL,"
	" year INTEGER NOT NULL, number INTEGER NOT NULL, first INTEGER NOT NULL,"
	" PRIMARY KEY (kind, period));"
};

int
issue_migrate(struct yq_state *st, char **err)
{
	return st_migrate(st, "report_issue", schema, 1, err);
}

/* The local (+08:00) calendar date of t in buf (11 bytes); its year. */
static int
day_of(time_t t, char *buf)
{
	time_t local = t + YQT_DEFAULT_OFFSET * 60;
	struct tm tm;

	gmtime_r(&local, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
	return tm.tm_year + 1900;
}

char *
issue_period(const char *kind, const struct rparams *p, int *year)
{
	char a[11], b[11];

	/* A window ending at midnight is the day before's. */
	*year = day_of(p->until - 1, b);
	if (strcmp(kind, "daily") == 0)
		return xstrdup(b);
	if (strcmp(kind, "event") == 0)
		return xstrdup(p->event);
	day_of(p->since, a);
	return xasprintf("%s..%s", a, b);
}

/* The number of (kind, period) in *number, or 0 when it has none. */
static int
lookup(sqlite3 *db, const char *kind, const char *period, long *number,
    char **err)
{
	sqlite3_stmt *s;
	int rc;

	*number = 0;
	if (sqlite3_prepare_v2(db, "SELECT number FROM report_issues WHERE "
	    "kind = ?1 AND period = ?2", -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*number = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

int
issue_number(struct yq_state *st, const char *kind, const char *period,
    int year, time_t now, long *number, char **err)
{
	sqlite3 *db = st_db(st);
	sqlite3_stmt *s;
	int rc;

	if (lookup(db, kind, period, number, err) < 0 || *number > 0)
		return *number > 0 ? 0 : -1;
	if (sqlite3_prepare_v2(db, "INSERT INTO report_issues SELECT ?1, ?2, ?3, "
	    "coalesce(max(number), 0) + 1, ?4 FROM report_issues WHERE kind = ?1 "
	    "AND year = ?3", -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(db));
		return -1;
	}
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, year);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)now);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(db));
		return -1;
	}
	return lookup(db, kind, period, number, err);
}
