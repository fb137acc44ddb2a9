/*
 * yq-fetch: turn feeds, web pages, WARC archives, CSV and JSON exports
 * into post records (yq-record(7)), never emitting an item twice across
 * runs that share a state store.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include "yq.h"
#include "opt.h"
#include "state.h"
#include "runlog.h"
#include "fstate.h"
#include "run.h"

enum {
	O_TYPE = 't', O_FEEDS = 'f', O_URLS = 'u', O_MAP = 'm',
	O_SOURCE = 's', O_PLATFORM = 'p', O_ALL = 'a', O_JOBS = 'j',
	O_AGENT = 'A', O_CHARSET = 256, O_URL, O_TIMEOUT, O_CTIMEOUT,
	O_MAXSIZE, O_REDIRS, O_RETRIES, O_RETRYWAIT, O_DELAY, O_FROM,
	O_ACCOUNTS
};

static const struct yq_option options[] = {
	{ "type", O_TYPE, 1, "TYPE",
	    "read sources as feed, page, warc, csv or json (default: guess)" },
	{ "feeds", O_FEEDS, 1, "FILE",
	    "fetch the feeds listed in FILE (URL [NAME] [PLATFORM] per line)" },
	{ "urls", O_URLS, 1, "FILE", "fetch the article pages listed in FILE" },
	{ "from", O_FROM, 1, "FORMAT",
	    "a crawler's export: mediacrawler-SITE, weibo-crawler, weibo-api" },
	{ "accounts", O_ACCOUNTS, 1, "FILE",
	    "more accounts that speak for a body (as dict/accounts.tsv)" },
	{ "map", O_MAP, 1, "SPEC",
	    "CSV/JSON columns, e.g. text=正文,author=作者,url=链接" },
	{ "source", O_SOURCE, 1, "NAME", "source name for the records" },
	{ "platform", O_PLATFORM, 1, "NAME",
	    "platform: weibo wechat news forum video gov other" },
	{ "charset", O_CHARSET, 1, "NAME",
	    "encoding of local files (default: detect)" },
	{ "url", O_URL, 1, "URL", "the URL a local page or feed came from" },
	{ "all", O_ALL, 0, NULL, "emit items the state store has seen too" },
	{ "jobs", O_JOBS, 1, "N", "transfers at once (default 4)" },
	{ "timeout", O_TIMEOUT, 1, "DUR", "whole transfer (default 30s)" },
	{ "connect-timeout", O_CTIMEOUT, 1, "DUR",
	    "connection set-up (default 10s)" },
	{ "max-size", O_MAXSIZE, 1, "BYTES",
	    "largest response body (default 10485760)" },
	{ "max-redirs", O_REDIRS, 1, "N", "redirects to follow (default 5)" },
	{ "retries", O_RETRIES, 1, "N",
	    "retries on 5xx and timeouts (default 2)" },
	{ "retry-wait", O_RETRYWAIT, 1, "SECS",
	    "wait before the first retry, doubling (default 1)" },
	{ "delay", O_DELAY, 1, "SECS",
	    "pause between requests to one host (default 1)" },
	{ "user-agent", O_AGENT, 1, "STRING", "User-Agent header" },
	{ 0, 0, 0, NULL, NULL }
};

static const struct yq_cmd cmd = {
	"yq-fetch", "[options] [URL | file ...]",
	"turn feeds, pages, WARC archives and CSV/JSON exports into posts",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT | YQ_OPT_NOW | YQ_OPT_STATE
};

static int
bad_value(const char *opt, const char *v, const char *why)
{
	yq_warnx("--%s: '%s': %s", opt, v, why);
	yq_usage(&cmd, stderr);
	return YQ_EXIT_USAGE;
}

static long long
number(const char *opt, const char *v, long long min, long long max, int *bad)
{
	const char *errstr = NULL;
	long long n = yq_strtonum(v, min, max, &errstr);

	if (errstr != NULL) {
		bad_value(opt, v, errstr);
		*bad = 1;
	}
	return n;
}

static double
seconds(const char *opt, const char *v, int *bad)
{
	const char *err;
	double d = yq_strtod(v, 0, 86400, &err);

	if (err != NULL) {
		bad_value(opt, v, "not a number of seconds");
		*bad = 1;
	}
	return d;
}

static enum ftype
type_of(const char *v)
{
	static const char *const names[] = { "auto", "feed", "page", "warc",
	    "csv", "json", NULL };
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(v, names[i]) == 0)
			return (enum ftype)i;
	return (enum ftype)-1;
}

static int
worst(int a, int b)
{
	return a > b ? a : b;
}

/* Fetch the URLs and read the files; the exit status. */
static int
run(struct run_opts *o, struct src *urls, size_t nurls, const char **files,
    size_t nfiles)
{
	int status = 0;
	size_t i;

	if (nurls > 0)
		status = run_http(urls, nurls, o);
	for (i = 0; i < nfiles && !emit_broken(o->e); i++)
		status = worst(status, run_file(files[i], o));
	return status;
}

static int
open_state(struct yq_common *c, struct run_opts *o)
{
	char *path, *err = NULL;

	if (c->no_state && c->db == NULL)
		return 0;
	path = st_default_path(c->db);
	o->st = fs_open(path, &err);
	if (o->st == NULL) {
		yq_warnx("state '%s': %s", path, err != NULL ? err : "cannot open");
		free(err);
		free(path);
		return -1;
	}
	free(path);
	/* Finish what a run killed between its commit and its rename left. */
	if (fs_begin(o->st, &err) < 0 || fs_recover(o->st, &err) < 0 ||
	    fs_commit(o->st, o->now, &err) < 0) {
		yq_warnx("state: %s", err);
		free(err);
		return -1;
	}
	return 0;
}

/*
 * Inside a run, first the records of runs that did not finish: they are
 * this run's now, written before anything new.  Returns 0, or -1 when
 * the state failed (reported) or the output is broken.
 */
static int
again(struct run_opts *o)
{
	const char *run;
	char *err = NULL;
	long n = 0;
	int r;

	if (o->st == NULL || (run = fs_run(o->st)) == NULL)
		return 0;
	if (rl_adopt(fs_state(o->st), run, time(NULL), &n, &err) < 0) {
		yq_warnx("state: %s", err);
		free(err);
		return -1;
	}
	if (n == 0)
		return 0;
	yq_warnx("%ld records of a run that did not finish, written again", n);
	r = rl_each_pending(fs_state(o->st), run, emit_line, o->e, &err);
	if (r < 0 && !emit_broken(o->e)) {
		yq_warnx("state: %s", err);
		free(err);
	}
	return r < 0 ? -1 : 0;
}

/*
 * For the crash tests: YQ_CRASH_AT=NAME kills the process with SIGKILL
 * at the point NAME (journal, commit, rename).
 */
void
crash_point(const char *name)
{
	const char *at = getenv("YQ_CRASH_AT");

	if (at != NULL && strcmp(at, name) == 0)
		raise(SIGKILL);
}

/*
 * With -o FILE and the state: the output is fsynced, noted in the state's
 * journal and the seen ids committed together; then renamed into place
 * and the note dropped.  Killed anywhere, the next run's recovery (or
 * nothing having been committed) means every item comes out once.
 */
static int
finish(struct yq_common *c, struct run_opts *o, struct rec_out *out)
{
	const char *tmp = NULL;
	char *err = NULL, *keep = NULL;
	int status = 0;

	if (emit_drain(o->e) < 0 || emit_failed(o->e)) {
		rec_out_close(out, 1);
		return emit_failed(o->e) ? YQ_EXIT_IO : YQ_EXIT_OK;
	}
	if (o->st != NULL && c->output != NULL && (tmp = rec_out_prepare(out)) != NULL) {
		keep = xstrdup(tmp);
		if (fs_begin(o->st, &err) < 0 || fs_journal(o->st, keep, c->output, &err) < 0) {
			yq_warnx("state: %s", err);
			free(err);
			free(keep);
			rec_out_close(out, 1);
			return YQ_EXIT_IO;
		}
		crash_point("journal");
	}
	if (emit_finish(o->e) < 0) {
		rec_out_close(out, 1);
		free(keep);
		return YQ_EXIT_IO;
	}
	crash_point("commit");
	if (rec_out_close(out, 0) < 0)
		status = YQ_EXIT_IO;
	crash_point("rename");
	if (keep != NULL && fs_unjournal(o->st, keep, &err) < 0) {
		yq_warnx("state: %s", err);
		free(err);
		status = YQ_EXIT_IO;
	}
	free(keep);
	return status;
}

/* One of the HTTP options into h; sets *bad when it is bad. */
static void
take_http_opt(int ch, const char *arg, struct http_opts *h, int *bad)
{
	switch (ch) {
	case O_AGENT: h->user_agent = arg; break;
	case O_JOBS:
		h->jobs = (int)number("jobs", arg, 1, 256, bad);
		break;
	case O_TIMEOUT:
	case O_CTIMEOUT:
		if (yq_duration(arg) <= 0) {
			*bad = bad_value(ch == O_TIMEOUT ? "timeout" :
			    "connect-timeout", arg, "not a duration");
			break;
		}
		*(ch == O_TIMEOUT ? &h->timeout : &h->connect_timeout) =
		    yq_duration(arg);
		break;
	case O_MAXSIZE:
		h->max_body = (size_t)number("max-size", arg, 1, 1LL << 34, bad);
		break;
	case O_REDIRS:
		h->max_redirs = (long)number("max-redirs", arg, 0, 50, bad);
		break;
	case O_RETRIES:
		h->retries = (int)number("retries", arg, 0, 20, bad);
		break;
	case O_RETRYWAIT:
		h->retry_wait = seconds("retry-wait", arg, bad);
		break;
	case O_DELAY:
		h->delay = seconds("delay", arg, bad);
		break;
	}
}

/* What the options and operands give beyond run_opts. */
struct args {
	struct src *urls;	/* -f, -u and the URL operands */
	size_t nurls;
	const char **files;	/* the file operands ("-": none given) */
	size_t nfiles;
	const char **accounts;	/* --accounts files */
	size_t naccounts;
	int all;		/* --all */
	int status;		/* a list of URLs could not be read */
};

/* One option of the tool's own into o and a; sets *bad when it is bad. */
static void
take_opt(int ch, const char *arg, struct run_opts *o, struct args *a, int *bad)
{
	const char *badmap;

	switch (ch) {
	case O_TYPE:
		if ((int)(o->type = type_of(arg)) < 0)
			*bad = bad_value("type", arg, "unknown type");
		break;
	case O_FEEDS:
	case O_URLS:
		if (list_read(arg, ch == O_FEEDS ? T_FEED : T_PAGE, &a->urls,
		    &a->nurls) != 0)
			a->status = YQ_EXIT_USAGE;
		break;
	case O_FROM:
		if ((o->from = plat_find(arg)) == NULL)
			*bad = bad_value("from", arg, "unknown format");
		break;
	case O_ACCOUNTS:
		a->accounts[a->naccounts++] = arg;
		break;
	case O_MAP:
		if (fieldmap_parse(&o->map, arg, &badmap) < 0)
			*bad = bad_value("map", badmap, "not FIELD=COLUMN");
		break;
	case O_SOURCE: o->source = arg; break;
	case O_PLATFORM: o->platform = arg; break;
	case O_CHARSET: o->charset = arg; break;
	case O_URL: o->page_url = arg; break;
	case O_ALL: a->all = 1; break;
	default:
		take_http_opt(ch, arg, &o->http, bad);
	}
}

/* The operands: URLs join a's list, the rest are files ("-" if none). */
static void
operands(int argc, char **argv, const struct run_opts *o, struct args *a)
{
	int i;

	a->files = xcalloc((size_t)argc + 1, sizeof(*a->files));
	for (i = optind; i < argc; i++) {
		if (!is_url(argv[i])) {
			a->files[a->nfiles++] = argv[i];
			continue;
		}
		a->urls = xrealloc(a->urls, (a->nurls + 1) * sizeof(*a->urls));
		memset(&a->urls[a->nurls], 0, sizeof(*a->urls));
		a->urls[a->nurls].url = xstrdup(argv[i]);
		a->urls[a->nurls++].type = o->type == T_PAGE || o->type == T_FEED ?
		    o->type : T_AUTO;
	}
	if (a->nurls == 0 && a->nfiles == 0 && a->status == 0)
		a->files[a->nfiles++] = "-";
}

/* Free what main holds. */
static void
cleanup(struct run_opts *o, struct args *a, struct accounts *registry)
{
	src_free(a->urls, a->nurls);
	free(a->urls);
	free(a->files);
	free(a->accounts);
	fieldmap_free(&o->map);
	acct_free(registry);
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct run_opts o;
	struct args a = { 0 };
	struct accounts *registry = NULL;
	struct rec_out *out;
	const char *arg;
	int ch, bad = 0, status;

	yq_common_init(&c, argv[0]);
	/* A reader that goes away shows as EPIPE, and ends the run quietly. */
	signal(SIGPIPE, SIG_IGN);
	memset(&o, 0, sizeof(o));
	o.http = (struct http_opts){ 4, 10, 30, 10 << 20, 5,
	    "yq-fetch/" YQ_VERSION " (+https://github.com/yq)", 2, 1.0, 1.0 };
	a.accounts = xcalloc((size_t)argc, sizeof(*a.accounts));
	while (!bad && (ch = yq_getopt(&cmd, argc, argv, &c, &arg)) != -1) {
		if (ch == YQ_GETOPT_EXIT) {
			cleanup(&o, &a, NULL);
			return c.exit_status;
		}
		take_opt(ch, arg, &o, &a, &bad);
	}
	if (!bad && o.from != NULL && fieldmap_any(&o.map))
		bad = bad_value("map", "--from", "the format names the fields");
	if (bad || (registry = acct_load(a.accounts, a.naccounts)) == NULL) {
		cleanup(&o, &a, NULL);
		return YQ_EXIT_USAGE;
	}
	operands(argc, argv, &o, &a);
	o.now = c.now;
	o.rec = &c.rec;
	xmlInitParser();
	if (http_global_init() < 0 || open_state(&c, &o) < 0 ||
	    (out = rec_out_open(c.output)) == NULL) {
		fs_close(o.st);
		cleanup(&o, &a, registry);
		http_global_cleanup();
		xmlCleanupParser();
		return YQ_EXIT_IO;
	}
	o.e = emit_new(out, o.st, a.all, c.now, c.output != NULL &&
	    strcmp(c.output, "-") != 0);
	emit_progress(o.e, !c.quiet && isatty(2));
	c.rec.progress = 0;	/* the emitter's line counts what is written */
	emit_platform(o.e, o.platform);
	emit_accounts(o.e, registry);
	status = a.status;
	if (again(&o) < 0 && !emit_broken(o.e))
		status = YQ_EXIT_IO;
	else
		status = worst(status, run(&o, a.urls, a.nurls, a.files, a.nfiles));
	status = worst(status, finish(&c, &o, out));
	if (fs_close(o.st) < 0)
		status = YQ_EXIT_IO;
	emit_free(o.e);
	cleanup(&o, &a, registry);
	http_global_cleanup();
	xmlCleanupParser();
	return status;
}
