/*
 * digest.c: the duty officer's mail.  Each run with the state store
 * keeps, per event, the deadline and status it worked out and the
 * owner and title to name it by (ledger_picture); the digest is what
 * of that became overdue, or came within --due-within of its deadline,
 * since the digest before, each told once: an overdue event that gets
 * one more post is not news, a new deadline is.
 *
 *   yq-deadline digest [--due-within DUR] [--now TIME] [--db FILE]
 *
 * Exit 1 when it wrote anything, 0 when there was nothing to tell (and
 * it wrote nothing), so that cron mails only what means something.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "opt.h"
#include "record.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

enum { O_WITHIN = 400 };

static const struct yq_option digest_options[] = {
	{ "due-within", O_WITHIN, 1, "DUR", "tell of deadlines this near too (6h; 0: overdue only)" },
	{ 0 }
};

const struct yq_cmd digest_cmd = {
	"yq-deadline digest", "[--due-within DUR]",
	"what became overdue or due soon since the last digest, each told once",
	digest_options, YQ_OPT_NOW | YQ_OPT_STATE
};

int
ledger_picture(struct yq_state *st, json_t *ev, char **err)
{
	json_t *r = json_object_get(ev, "response"), *o;
	sqlite3_stmt *s = NULL;
	const char *dl = rec_str(r, "deadline");
	struct yqt due;
	char *owner = xstrdup("");
	size_t i;
	int rc;

	json_array_foreach(json_object_get(r, "owner"), i, o) {
		char *more = xasprintf("%s%s%s", owner, *owner ? "、" : "",
		    json_is_string(o) ? json_string_value(o) : "");

		free(owner);
		owner = more;
	}
	if (sqlite3_prepare_v2(st_db(st), "UPDATE deadline_events SET title = ?2, "
	    "owner = ?3, deadline = ?4, deadline_off = ?5, status = ?6 "
	    "WHERE event_id = ?1", -1, &s, NULL) != SQLITE_OK) {
		free(owner);
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	sqlite3_bind_text(s, 1, rec_str(ev, "event_id"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 2, rec_str(ev, "title"), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, owner, -1, SQLITE_TRANSIENT);
	if (dl != NULL && yqt_parse(dl, 0, &due) == 0) {
		sqlite3_bind_int64(s, 4, (sqlite3_int64)due.t);
		sqlite3_bind_int(s, 5, due.off);
	}
	sqlite3_bind_text(s, 6, rec_str(r, "status"), -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	free(owner);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	return 0;
}

/*
 * The events with an unmet deadline, as last judged, but those an
 * analyst has marked, merged or set to watch since, and those made by
 * splits all undone: overdue ones first, then by deadline.
 */
static const char open_sql[] =
	"SELECT event_id, title, owner, deadline, deadline_off, told "
	"FROM deadline_events WHERE deadline IS NOT NULL AND status IN "
	"('pending', 'due_soon', 'overdue', 'update_due') AND event_id NOT IN "
	"(SELECT event_id FROM corrections WHERE undone IS NULL AND (verb IN "
	"('mark', 'merge') OR (verb = 'kind' AND value = 'watch'))) "
	"AND event_id NOT IN (SELECT json_extract(value, '$.into') FROM "
	"corrections WHERE verb = 'split' GROUP BY 1 HAVING count(undone) = "
	"count(*)) "
	"ORDER BY deadline <= ?1 DESC, deadline, event_id";

/* One line of the digest. */
static void
tell(FILE *fp, sqlite3_stmt *s, time_t now, int overdue)
{
	struct yqt due = { (time_t)sqlite3_column_int64(s, 3), sqlite3_column_int(s, 4) };
	char buf[YQT_BUFSZ];
	double h = round(fabs((double)(due.t - now)) / 360.0) / 10.0;
	const char *title = (const char *)sqlite3_column_text(s, 1);
	const char *owner = (const char *)sqlite3_column_text(s, 2);

	fprintf(fp, "%s\t%s\t%s %.1f 小时\t%s\t%s\t%s\n",
	    overdue ? "逾期未回应" : "即将到期", yqt_format(due, buf),
	    overdue ? "已过" : "还剩", h, owner && *owner ? owner : "-",
	    title ? title : "-", (const char *)sqlite3_column_text(s, 0));
}

/* Tell what is news, and remember it was told; lines written, or -1. */
static int
digest(struct yq_state *st, time_t now, long within, FILE *fp, char **err)
{
	sqlite3_stmt *s = NULL, *u = NULL;
	const char *told;
	char *key;
	time_t due;
	int rc, n = 0, overdue;

	if (sqlite3_prepare_v2(st_db(st), open_sql, -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(st_db(st), "UPDATE deadline_events SET told = ?2 "
	    "WHERE event_id = ?1", -1, &u, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		sqlite3_finalize(s);
		return -1;
	}
	sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		due = (time_t)sqlite3_column_int64(s, 3);
		overdue = now > due;
		if (!overdue && due - now > within)
			continue;
		key = xasprintf("%s@%lld", overdue ? "overdue" : "due", (long long)due);
		told = (const char *)sqlite3_column_text(s, 5);
		if (told == NULL || strcmp(told, key) != 0) {
			tell(fp, s, now, overdue);
			n++;
			sqlite3_bind_text(u, 1, (const char *)sqlite3_column_text(s, 0),
			    -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 2, key, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(u) != SQLITE_DONE)
				rc = SQLITE_ERROR;
			sqlite3_reset(u);
		}
		free(key);
		if (rc == SQLITE_ERROR)
			break;
	}
	if (rc != SQLITE_DONE)
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
	sqlite3_finalize(s);
	sqlite3_finalize(u);
	return rc == SQLITE_DONE ? n : -1;
}

int
run_digest(int argc, char **argv)
{
	struct yq_common c;
	struct yq_state *st;
	const char *arg;
	char *err = NULL;
	long within = 6 * 3600;
	int ch, n;

	yq_common_init(&c, "yq-deadline");
	optind = 2;
	while ((ch = yq_getopt(&digest_cmd, argc, argv, &c, &arg)) != -1) {
		if (ch == YQ_GETOPT_EXIT)
			return c.exit_status;
		if (ch == O_WITHIN && (within = yq_duration(arg)) < 0)
			die(YQ_EXIT_USAGE, "--due-within wants a duration: '%s'", arg);
	}
	if (optind != argc) {
		yq_usage(&digest_cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	if (c.no_state && c.db == NULL)
		die(YQ_EXIT_USAGE, "the digest needs the state store: drop --no-state");
	if ((st = ledger_open(c.db, &err)) == NULL || st_begin(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	/* Told is remembered only once the lines are out. */
	if ((n = digest(st, c.now, within, stdout, &err)) < 0 || fflush(stdout) != 0 ||
	    ferror(stdout)) {
		st_rollback(st);
		st_close(st);
		die(YQ_EXIT_IO, "%s%s", n < 0 ? "state: " : "cannot write the digest",
		    n < 0 ? err : "");
	}
	if (st_commit(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	st_close(st);
	return n > 0 ? YQ_EXIT_FOUND : YQ_EXIT_OK;
}
