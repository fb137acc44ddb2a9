/*
 * yq-report: what leaves the toolkit for people.
 *
 *   yq-report daily  [options] [file ...]   the duty officer's briefing
 *   yq-report event ID [options] [file ...] the special report on one event
 *   yq-report assess [options] [file ...]   who answered on time
 *
 * Reads post and event records (with "response" from yq-deadline when
 * present) and writes text, Markdown, HTML, CSV or JSON.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "each.h"
#include "opt.h"
#include "record.h"
#include "report.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

enum {
	O_FORMAT = 'f', O_LANG = 256, O_SINCE, O_UNTIL, O_TABLE, O_BOM, O_MAX,
	O_COLOUR, O_OVERDUE, O_CONFIG, O_PLACE, O_UNIT, O_SUBMIT, O_SIGNER, O_ISSUE
};

static const struct yq_option options[] = {
	{ "format", O_FORMAT, 1, "text|md|html|csv|json", "output format (text)" },
	{ "lang", O_LANG, 1, "zh|en", "labels in Chinese (default) or English" },
	{ "since", O_SINCE, 1, "TIME", "start of the window (daily: 24 h before --until)" },
	{ "until", O_UNTIL, 1, "TIME", "end of the window (--now)" },
	{ "table", O_TABLE, 1, "NAME", "csv: only this section's table" },
	{ "bom", O_BOM, 0, NULL, "csv: start with a UTF-8 BOM (Excel, WPS)" },
	{ "max-rows", O_MAX, 1, "N", "rows per table before \"and N more\" (50; csv, json: all)" },
	{ "colour", O_COLOUR, 1, "auto|always|never", "text: colour overdue rows (auto: on a tty)" },
	{ "color", O_COLOUR, 1, "auto|always|never", "the same as --colour" },
	{ "overdue-within", O_OVERDUE, 1, "DUR", "daily: list the events overdue this long, or with posts in the window (7d; 0: all)" },
	{ "config", O_CONFIG, 1, "FILE", "the report's form: place, unit, submit, signer (/etc/yq/report.conf)" },
	{ "place", O_PLACE, 1, "NAME", "the place in the title (the city the posts name most)" },
	{ "unit", O_UNIT, 1, "NAME", "the unit compiling the report (编制单位)" },
	{ "submit", O_SUBMIT, 1, "TEXT", "whom the report goes to (报送)" },
	{ "signer", O_SIGNER, 1, "NAME", "who signs the report (签发)" },
	{ "issue", O_ISSUE, 1, "N", "the issue number (期号; with the state: counted per kind and year)" },
	{ 0 }
};

static const char *const subcommands[] = {
	"daily", "the briefing: volume, sentiment, events by risk, deadlines, posts",
	"event", "the special report on one event (舆情专报)",
	"weekly", "the briefing over a week (周报), with the week before",
	"monthly", "the briefing over 30 days (月报), with the 30 days before",
	"assess", "on-time answers per responsible body over a period",
	NULL
};

static const struct yq_cmd cmd = {
	"yq-report", "[daily|weekly|monthly|event ID|assess] [options] [file ...]",
	"briefings, event reports and response assessments",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT | YQ_OPT_NOW | YQ_OPT_STATE
};

#define CONFIG	"/etc/yq/report.conf"

struct args {
	const char *format, *table, *since, *until, *colour, *config;
	int bom;
};

static int
parse(int argc, char **argv, struct yq_common *c, struct rparams *p, struct args *a)
{
	const char *arg, *err;
	char **slot;
	int ch;

	while ((ch = yq_getopt(&cmd, argc, argv, c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c->exit_status;
		case O_FORMAT:
			if (strcmp(arg, "text") && strcmp(arg, "md") && strcmp(arg, "html") &&
			    strcmp(arg, "csv") && strcmp(arg, "json"))
				die(YQ_EXIT_USAGE, "--format is text, md, html, csv or json: '%s'", arg);
			a->format = arg;
			break;
		case O_LANG:
			if (strcmp(arg, "zh") && strcmp(arg, "en"))
				die(YQ_EXIT_USAGE, "--lang is zh or en: '%s'", arg);
			p->lang_en = strcmp(arg, "en") == 0;
			break;
		case O_SINCE:
			a->since = arg;
			break;
		case O_UNTIL:
			a->until = arg;
			break;
		case O_TABLE:
			a->table = arg;
			break;
		case O_BOM:
			a->bom = 1;
			break;
		case O_MAX:
			p->max_rows = yq_strtonum(arg, 0, 1000000, &err);
			if (err != NULL)
				die(YQ_EXIT_USAGE, "--max-rows is %s: '%s'", err, arg);
			break;
		case O_OVERDUE:
			if (strcmp(arg, "0") == 0)
				p->overdue_within = 0;
			else if ((p->overdue_within = yq_duration(arg)) <= 0)
				die(YQ_EXIT_USAGE, "--overdue-within wants a duration: '%s'", arg);
			break;
		case O_CONFIG:
			a->config = arg;
			break;
		case O_PLACE: case O_UNIT: case O_SUBMIT: case O_SIGNER:
			slot = ch == O_PLACE ? &p->form.place : ch == O_UNIT ? &p->form.unit :
			    ch == O_SUBMIT ? &p->form.submit : &p->form.signer;
			free(*slot);
			*slot = xstrdup(arg);
			break;
		case O_ISSUE:
			p->form.issue = yq_strtonum(arg, 1, 1000000, &err);
			if (err != NULL)
				die(YQ_EXIT_USAGE, "--issue is %s: '%s'", err, arg);
			break;
		case O_COLOUR:
			if (strcmp(arg, "auto") && strcmp(arg, "always") && strcmp(arg, "never"))
				die(YQ_EXIT_USAGE, "--colour is auto, always or never: '%s'", arg);
			a->colour = arg;
			break;
		}
	}
	return -1;
}

static void
window(struct rparams *p, const struct args *a, const char *kind)
{
	struct yqt t;

	p->until = p->now;
	if (a->until != NULL) {
		if (yqt_parse(a->until, p->now, &t) < 0)
			die(YQ_EXIT_USAGE, "--until is not a time: '%s'", a->until);
		p->until = t.t;
	}
	p->since = p->until - (strcmp(kind, "assess") == 0 || strcmp(kind, "monthly") == 0 ?
	    30 : strcmp(kind, "weekly") == 0 ? 7 : 1) * 86400;
	if (a->since != NULL) {
		if (yqt_parse(a->since, p->now, &t) < 0)
			die(YQ_EXIT_USAGE, "--since is not a time: '%s'", a->since);
		p->since = t.t;
	}
	if (p->since >= p->until)
		die(YQ_EXIT_USAGE, "--since must come before --until");
}

struct reading {
	struct corpus *co;
	FILE *spool;
	time_t now;
};

/* One record into the corpus, or checked into the spool. */
static int
read_one(void *ctx, struct rec_in *in, json_t *obj)
{
	struct reading *rd = ctx;
	const char *why;
	int r = rd->spool ? fromdb_check(obj, rd->now, &why) :
	    corpus_add(rd->co, obj, rd->now, &why);

	if (r == 0 && rd->spool && (json_dumpf(obj, rd->spool, REC_DUMP_FLAGS) < 0 ||
	    fputc('\n', rd->spool) == EOF))
		die(YQ_EXIT_IO, "cannot write a temporary file: %s", strerror(errno));
	if (r < 0) {
		rec_in_reject(in, "%s", why);
		return EACH_REJECTED;
	}
	return EACH_ON;
}

/*
 * Read every input into the corpus, or with the state store into spool
 * (a temporary file, so that the state is not locked while the pipeline
 * before us still runs); the rec_in policy for bad lines.  1 when an
 * input could not be read, else 0.
 */
static int
read_all(struct corpus *co, FILE *spool, struct rec_in *in, int argc,
    char **argv, time_t now)
{
	struct reading rd = { co, spool, now };
	int failed = 0;

	rec_each(in, argc - optind, argv + optind, read_one, &rd, &failed);
	return failed;
}

static int
render(json_t *doc, const struct args *a, FILE *fp)
{
	int colour, auto_on;

	if (strcmp(a->format, "md") == 0)
		return render_md(doc, fp);
	if (strcmp(a->format, "html") == 0)
		return render_html(doc, fp);
	if (strcmp(a->format, "csv") == 0)
		return render_csv(doc, fp, a->table, a->bom);
	if (strcmp(a->format, "json") == 0)
		return render_json(doc, fp);
	/* auto: on a terminal, unless NO_COLOR is set (no-color.org). */
	auto_on = fp == stdout && isatty(1) &&
	    (getenv("NO_COLOR") == NULL || *getenv("NO_COLOR") == '\0');
	colour = a->colour ? strcmp(a->colour, "always") == 0 ||
	    (strcmp(a->colour, "auto") == 0 && auto_on) : auto_on;
	return render_text(doc, fp, colour);
}

/*
 * Write the report to path (NULL or "-": standard output) and say how
 * it went as an exit status.  A regular file is replaced atomically
 * (rec_out); a device or a FIFO (-o /dev/null, -o /dev/stdout) is
 * written in place, as renaming over it would replace the node itself.
 */
static int
write_report(json_t *doc, const struct args *a, const char *path)
{
	struct rec_out *out;
	struct stat sb;
	FILE *fp;
	int r;

	if (path != NULL && strcmp(path, "-") != 0 && stat(path, &sb) == 0 &&
	    !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
		if ((fp = fopen(path, "w")) == NULL) {
			yq_warn("cannot open '%s'", path);
			return YQ_EXIT_IO;
		}
		r = render(doc, a, fp);
		if ((fclose(fp) != 0 || r == -1) && r != -2) {
			yq_warn("cannot write '%s'", path);
			r = -1;
		}
		return r == -2 ? YQ_EXIT_USAGE : r < 0 ? YQ_EXIT_IO : YQ_EXIT_OK;
	}
	if ((out = rec_out_open(path)) == NULL)
		return YQ_EXIT_IO;
	r = render(doc, a, rec_out_file(out));
	if (r == -2) {
		rec_out_close(out, 1);
		return YQ_EXIT_USAGE;
	}
	/* A reader that went away (| head) is not a failure. */
	if (r == -1 && errno == EPIPE && (path == NULL || strcmp(path, "-") == 0)) {
		rec_out_close(out, 1);
		return YQ_EXIT_OK;
	}
	return rec_out_close(out, r < 0) < 0 || r < 0 ? YQ_EXIT_IO : YQ_EXIT_OK;
}

/*
 * Read the inputs into the corpus; with the state store, into the store
 * first, and then the corpus from it (fromdb.c).  Returns whether an
 * input failed; the state store, or NULL.
 */
static int
gather(struct yq_common *c, struct corpus *co, struct rparams *p,
    const char *kind, int argc, char **argv, struct yq_state **st,
    struct rec_stats *rs)
{
	struct rec_in *in;
	FILE *spool = NULL;
	char *err = NULL;
	int failed;

	*st = NULL;
	if (!c->no_state || c->db != NULL) {
		if ((*st = fromdb_open(c->db, &err)) == NULL)
			die(YQ_EXIT_IO, "state: %s", err);
		if ((spool = tmpfile()) == NULL)
			die(YQ_EXIT_IO, "cannot make a temporary file: %s", strerror(errno));
	}
	if ((in = rec_in_new(&c->rec)) == NULL)
		exit(YQ_EXIT_IO);
	failed = read_all(co, spool, in, argc, argv, p->now);
	rec_in_free(in, rs);
	if (*st != NULL) {
		if (fflush(spool) != 0 || fromdb_store(*st, spool, p->now, &err) < 0 ||
		    fromdb_load(*st, co, p, kind, &err) < 0)
			die(YQ_EXIT_IO, "state: %s", err);
		fclose(spool);
		/* report_seen: written with the report, kept once it is out. */
		if (st_begin(*st, &err) < 0)
			die(YQ_EXIT_IO, "state: %s", err);
	}
	return failed;
}

/* The day of t in China Standard Time, as 2026-11-23. */
static char *
fmt_day(time_t t)
{
	time_t local = t + YQT_DEFAULT_OFFSET * 60;
	struct tm tm;
	char buf[32];

	gmtime_r(&local, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
	return xstrdup(buf);
}

/*
 * The issue number of this report from the state: one per kind and
 * period (the day the daily window ends in, the event asked for, the
 * assessment's dates), so the page made every ten minutes keeps its
 * number; kept only once the report is out (the caller's transaction).
 */
static long
issue_number(struct yq_state *st, const struct rparams *p, const char *kind)
{
	char *a = fmt_day(p->since), *b = fmt_day(p->until - 1), *period;
	char *err = NULL;
	long no;

	period = strcmp(kind, "event") == 0 ? xstrdup(p->event) :
	    strcmp(p->period, "daily") == 0 ? xstrdup(b) : xasprintf("%s/%s", a, b);
	if ((no = form_issue(st, p->period, period, atoi(b), &err)) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	free(a);
	free(b);
	free(period);
	return no;
}

/*
 * The report kind from argv[1] (options first: the daily briefing, as
 * from cron), with optind set past it; NULL when it is not one.
 */
static const char *
kind_of(int argc, char **argv)
{
	static const char *const kinds[] = {
		"daily", "event", "assess", "weekly", "monthly", NULL
	};
	int i;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0') {
		optind = 1;
		return "daily";
	}
	for (i = 0; argc > 1 && kinds[i] != NULL; i++)
		if (strcmp(argv[1], kinds[i]) == 0) {
			optind = 2;
			return kinds[i];
		}
	return NULL;
}

/* What the options imply for p, checked together; the form read. */
static void
settle_args(struct rparams *p, struct args *a)
{
	char *err = NULL;

	if (a->table != NULL && strcmp(a->format, "csv") != 0)
		die(YQ_EXIT_USAGE, "--table goes with --format csv");
	/* Tables for people are cut short; data for programs is whole. */
	if (p->max_rows < 0)
		p->max_rows = strcmp(a->format, "csv") == 0 ||
		    strcmp(a->format, "json") == 0 ? 0 : 50;
	/* A spreadsheet's times carry their year. */
	p->years = strcmp(a->format, "csv") == 0;
	if (a->config == NULL && (a->config = getenv("YQ_REPORT_CONF")) != NULL &&
	    *a->config == '\0')
		a->config = NULL;
	if (form_read(&p->form, a->config ? a->config : CONFIG, a->config != NULL,
	    &err) < 0)
		die(YQ_EXIT_USAGE, "%s", err);
}

/*
 * Write the report and, with the state, remember what it reported only
 * once it is out; the exit status.
 */
static int
deliver(json_t *doc, const struct args *a, const char *output,
    struct yq_state *st, int failed)
{
	char *err = NULL;
	/* An input not read (reported) leaves the -o file as it was. */
	int status = failed ? YQ_EXIT_IO : write_report(doc, a, output);

	if (st == NULL)
		return status;
	if (status == YQ_EXIT_OK && st_commit(st, &err) < 0) {
		yq_warnx("state: %s", err);
		status = YQ_EXIT_IO;
	} else if (status != YQ_EXIT_OK)
		st_rollback(st);
	free(err);
	return status;
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct rparams p;
	struct args a = { "text", NULL, NULL, NULL, NULL, NULL, 0 };
	struct corpus *co;
	struct yq_state *st;
	struct rec_stats rs;
	const char *kind;
	json_t *doc;
	int r, failed, status;

	yq_common_init(&c, argv[0]);
	yq_subcommands(subcommands);
	memset(&p, 0, sizeof p);
	p.max_rows = -1;
	p.overdue_within = 7 * 86400;
	if ((kind = kind_of(argc, argv)) == NULL) {
		yq_usage(&cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	if ((r = parse(argc, argv, &c, &p, &a)) >= 0)
		return r;
	if (strcmp(kind, "event") == 0) {
		if (optind >= argc)
			die(YQ_EXIT_USAGE, "event wants an event id");
		p.event = argv[optind++];
	}
	settle_args(&p, &a);
	p.now = c.now;
	window(&p, &a, kind);
	/* A weekly or monthly briefing is the daily one over its period. */
	p.period = kind;
	if (strcmp(kind, "weekly") == 0 || strcmp(kind, "monthly") == 0)
		kind = "daily";
	if (!c.no_state || c.db != NULL)
		p.kept_from = p.now - FROMDB_KEEP_DAYS * 86400;
	co = corpus_new(&p, kind);
	failed = gather(&c, co, &p, kind, argc, argv, &st, &rs);
	p.rejected = rs.bad;
	p.st = strcmp(kind, "daily") == 0 ? st : NULL;
	if (st != NULL && p.form.issue == 0)
		p.form.issue = issue_number(st, &p, kind);
	doc = strcmp(kind, "daily") == 0 ? report_daily(co, &p) :
	    strcmp(kind, "event") == 0 ? report_event(co, &p) : report_assess(co, &p);
	status = doc == NULL ? YQ_EXIT_USAGE : deliver(doc, &a, c.output, st, failed);
	if (st != NULL)
		st_close(st);
	json_decref(doc);
	corpus_free(co);
	form_free(&p.form);
	if (status == YQ_EXIT_OK && rs.bad > 0)
		status = YQ_EXIT_USAGE;
	return status;
}
