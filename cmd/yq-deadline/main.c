/*
 * yq-deadline: who must answer an event, in what form, by when, and
 * what is overdue, by the rules of 国办发〔2016〕61号 (dict/response.conf).
 * Reads posts (grouped by event_id) and event records; writes the posts
 * unchanged, then each event record with "response" added.
 *
 *   yq-deadline answer EVENT --at TIME --form FORM --by BODY [--url URL]
 *   yq-deadline answers [EVENT]
 * record answers in the state store and list them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corr.h"
#include "datapath.h"
#include "deadline.h"
#include "each.h"
#include "opt.h"
#include "record.h"
#include "state.h"
#include "vocab.h"
#include "yqtime.h"
#include "yq.h"

enum {
	O_RULES = 256, O_PLACES, O_WARN, O_DUE, O_STATUS, O_EXPLAIN, O_UPPER,
	O_ONLY, O_AT, O_FORM, O_BY, O_URL
};

static const struct yq_option options[] = {
	{ "rules", O_RULES, 1, "FILE", "response rules (response.conf in the data path)" },
	{ "places", O_PLACES, 1, "FILE", "more places: code, name, short, level (TSV)" },
	{ "warn", O_WARN, 1, "DUR", "due_soon when a deadline is this near (6h)" },
	{ "due-within", O_DUE, 1, "DUR", "only events with an unmet deadline within DUR (or past)" },
	{ "status", O_STATUS, 1, "LIST", "only events whose status is in the comma-separated LIST" },
	{ "explain", O_EXPLAIN, 0, NULL, "add the reasons for each rule, level, owner and deadline" },
	{ "upper", O_UPPER, 1, "EVENT", "an upper level asked for an answer on EVENT (repeatable)" },
	{ "only-events", O_ONLY, 0, NULL, "write the event records only" },
	{ 0 }
};

static const struct yq_cmd cmd = {
	"yq-deadline", "[options] [file ...]",
	"who must answer each event, in what form, by when, and what is overdue",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT | YQ_OPT_NOW | YQ_OPT_STATE
};

static const struct yq_option answer_options[] = {
	{ "at", O_AT, 1, "TIME", "when the answer was given" },
	{ "form", O_FORM, 1, "press_conference|statement|briefing|interview|refutation",
	  "what kind of answer" },
	{ "by", O_BY, 1, "BODY", "the body that answered" },
	{ "url", O_URL, 1, "URL", "where it was published" },
	{ 0 }
};

static const struct yq_cmd answer_cmd = {
	"yq-deadline answer", "EVENT --at TIME --form FORM --by BODY [--url URL]",
	"record an answer given to an event in the state store",
	answer_options, YQ_OPT_NOW | YQ_OPT_STATE
};

static const struct yq_cmd answers_cmd = {
	"yq-deadline answers", "[EVENT]",
	"list the answers in the state store, as records",
	NULL, YQ_OPT_STATE
};

static const char *const subcommands[] = {
	"answer", "record an answer given to an event",
	"answers", "list the recorded answers",
	"digest", "what became overdue or due soon since the last digest",
	"mark", "mark an event a false alarm, not to be answered, or only to watch",
	"set", "override an event's owner, kind or level",
	"merge", "count an event as part of another",
	"split", "take posts off an event into a new one",
	"undo", "undo a correction",
	"corrections", "list the corrections",
	"replay", "make the corrections of a file again",
	NULL
};

static const struct yq_cmd *const subtables[] = {
	&answer_cmd, &answers_cmd, &digest_cmd, &mark_cmd, &set_cmd, &merge_cmd, &split_cmd, &undo_cmd,
	&corrections_cmd, &replay_cmd, NULL
};

struct params {
	const char *rules, *places;
	long warn, due_within;
	char *status;		/* ",a,b," */
	int explain, only_events;
	json_t *upper;
	json_t *splits;		/* posts split off their events, or NULL */
};

static void
open_state(struct yq_common *c, struct yq_state **st)
{
	char *err = NULL;

	if (c->no_state && c->db == NULL)
		die(YQ_EXIT_USAGE, "the ledger needs the state store: drop --no-state");
	if ((*st = ledger_open(c->db, &err)) == NULL)
		die(YQ_EXIT_IO, "state: %s", err);
}

/*
 * The correction row of an answer recorded by hand (who: $USER), so
 * that it is in the trail and can be undone; its id, or -1 and *err.
 */
static long
answer_correction(struct yq_state *st, const struct yq_common *c,
    const char *ev, const struct answer *a, char **err)
{
	struct yqt at = { a->at, a->off };
	char buf[YQT_BUFSZ], *value;
	struct corr cr;
	json_t *v;
	long id;

	v = json_pack("{s:s, s:s, s:s}", "at", yqt_format(at, buf), "form", a->form,
	    "by", a->by);
	if (a->url != NULL)
		json_object_set_new(v, "url", json_string(a->url));
	value = yq_json_dumps(v, REC_DUMP_FLAGS);
	memset(&cr, 0, sizeof cr);
	cr.at = c->now;
	cr.off = YQT_DEFAULT_OFFSET;
	cr.by = getenv("USER") && *getenv("USER") ? getenv("USER") : "unknown";
	cr.verb = "answer";
	cr.event = ev;
	cr.value = value;
	cr.reason = "";
	id = corr_add(st, &cr, err);
	free(value);
	json_decref(v);
	return id;
}

static int
run_answer(int argc, char **argv)
{
	static const char *const forms[] = {
		"press_conference", "statement", "briefing", "interview", "refutation", NULL
	};
	struct yq_common c;
	struct answer a;
	struct yq_state *st;
	struct yqt at;
	char source[] = "ledger";
	const char *arg, *when = NULL;
	char *err = NULL, *ev;
	long id = 0;
	int ch, i, r;

	memset(&a, 0, sizeof a);
	yq_common_init(&c, "yq-deadline");
	optind = 2;
	while ((ch = yq_getopt(&answer_cmd, argc, argv, &c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c.exit_status;
		case O_AT:
			when = arg;
			break;
		case O_FORM:
			a.form = (char *)arg;
			break;
		case O_BY:
			a.by = (char *)arg;
			break;
		case O_URL:
			a.url = (char *)arg;
			break;
		}
	}
	if (optind != argc - 1 || when == NULL || a.form == NULL || a.by == NULL) {
		yq_usage(&answer_cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	for (i = 0; forms[i] && strcmp(forms[i], a.form) != 0; i++)
		;
	if (forms[i] == NULL)
		die(YQ_EXIT_USAGE, "--form is one of press_conference, statement, "
		    "briefing, interview, refutation: '%s'", a.form);
	if (yqt_parse(when, c.now, &at) < 0)
		die(YQ_EXIT_USAGE, "--at is not a time: '%s'", when);
	a.at = at.t;
	a.off = at.off;
	a.source = source;
	open_state(&c, &st);
	ev = marks_resolve(st, argv[optind]);
	r = st_begin(st, &err) == 0 && ledger_add(st, ev, &a, &err) == 0 &&
	    (id = answer_correction(st, &c, ev, &a, &err)) > 0 &&
	    st_commit(st, &err) == 0 ? 0 : -1;
	if (r < 0)
		yq_warnx("state: %s", err);
	free(err);
	free(ev);
	st_close(st);
	if (r == 0)
		printf("%ld\n", id);
	return r < 0 || fflush(stdout) != 0 ? YQ_EXIT_IO : YQ_EXIT_OK;
}

static int
run_answers(int argc, char **argv)
{
	struct yq_common c;
	struct yq_state *st;
	const char *arg;
	char *err = NULL;
	int ch, r;

	yq_common_init(&c, "yq-deadline");
	optind = 2;
	while ((ch = yq_getopt(&answers_cmd, argc, argv, &c, &arg)) != -1)
		if (ch == YQ_GETOPT_EXIT)
			return c.exit_status;
	if (argc - optind > 1) {
		yq_usage(&answers_cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	open_state(&c, &st);
	r = ledger_list(st, optind < argc ? argv[optind] : NULL, stdout, &err);
	if (r < 0)
		yq_warnx("state: %s", err);
	free(err);
	st_close(st);
	if (fflush(stdout) != 0 || r < 0)
		return YQ_EXIT_IO;
	return YQ_EXIT_OK;
}

static int
parse_opts(int argc, char **argv, struct yq_common *c, struct params *p)
{
	const char *arg;
	char *s, *save, *w;
	int ch;

	while ((ch = yq_getopt(&cmd, argc, argv, c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c->exit_status;
		case O_RULES:
			p->rules = arg;
			break;
		case O_PLACES:
			p->places = arg;
			break;
		case O_WARN:
		case O_DUE:
			if (yq_duration(arg) < 0)
				die(YQ_EXIT_USAGE, "--%s wants a duration: '%s'",
				    ch == O_WARN ? "warn" : "due-within", arg);
			*(ch == O_WARN ? &p->warn : &p->due_within) = yq_duration(arg);
			break;
		case O_STATUS:
			s = xstrdup(arg);
			for (w = strtok_r(s, ",", &save); w; w = strtok_r(NULL, ",", &save))
				if (!vocab_status_known(w))
					die(YQ_EXIT_USAGE, "--status: unknown status '%s'", w);
			free(s);
			free(p->status);
			p->status = xasprintf(",%s,", arg);
			break;
		case O_EXPLAIN:
			p->explain = 1;
			break;
		case O_UPPER:
			json_object_set_new(p->upper, arg, json_true());
			break;
		case O_ONLY:
			p->only_events = 1;
			break;
		}
	}
	return -1;
}

static int
load_data(const struct params *p, struct rules *rules)
{
	char *path = p->rules ? xstrdup(p->rules) : yq_datafile("response.conf");
	int r;

	if (path == NULL) {
		yq_warnx("cannot find response.conf in the data path");
		return YQ_EXIT_IO;
	}
	r = rules_load(rules, path);
	free(path);
	if (r < 0)
		return YQ_EXIT_USAGE;
	if ((path = yq_datafile("gazetteer.csv")) != NULL) {
		r = places_load(path);
		free(path);
		if (r < 0)
			return YQ_EXIT_IO;
	}
	if (p->places && places_load_supplement(p->places) < 0)
		return YQ_EXIT_USAGE;
	if (figures_init() < 0) {
		yq_warnx("cannot compile the figure patterns");
		return YQ_EXIT_IO;
	}
	return 0;
}

/* The posts analysts split off their events, with the state store. */
static json_t *
load_splits(struct yq_common *c)
{
	struct yq_state *st;
	json_t *map;
	char *err = NULL;

	if (c->no_state && c->db == NULL)
		return NULL;
	open_state(c, &st);
	if ((map = corr_splits(st, &err)) == NULL)
		die(YQ_EXIT_IO, "state: %s", err);
	st_close(st);
	return map;
}

static int respond(struct yq_common *c, const struct params *p,
    struct tally *t, struct rec_out *out, int *overdue, struct event **list,
    size_t n);

struct reading {
	struct yq_common *c;
	const struct params *p;
	struct tally *t;
	struct rec_out *out;
	int write_posts;
	int *overdue, *failed;
};

/*
 * One record tallied; a post is written on at once, and the event
 * records a post follows (yq-cluster --stream) are final: answered then,
 * and forgotten.
 */
static int
read_one(void *ctx, struct rec_in *in, json_t *obj)
{
	struct reading *rd = ctx;
	const char *kind = rec_str(obj, "kind"), *why, *raw;
	int event = kind && strcmp(kind, "event") == 0, resplit = 0, r;
	struct event **pend;
	size_t npend, rawlen;

	if (!event && (npend = tally_pending(rd->t, &pend)) > 0) {
		if (respond(rd->c, rd->p, rd->t, rd->out, rd->overdue, pend, npend) < 0)
			*rd->failed = 1;
		tally_forget(rd->t);
	}
	raw = rec_in_raw(in, &rawlen);
	if (event)
		r = tally_event(rd->t, obj, raw, rawlen, &why);
	else {
		resplit = rd->p->splits && corr_resplit(rd->p->splits, obj);
		r = tally_post(rd->t, obj, &why);
	}
	if (r < 0) {
		rec_in_reject(in, "%s", why);
		return EACH_REJECTED;
	}
	if (!rd->write_posts || event)
		return EACH_ON;
	/* Posts pass through as read, when they can. */
	r = raw && !resplit ? rec_out_line(rd->out, raw, rawlen) :
	    rec_out_write(rd->out, obj);
	return r < 0 ? EACH_STOP : EACH_ON;
}

/* Tally every input.  -1 on an output error. */
static int
read_all(struct yq_common *c, const struct params *p, struct tally *t,
    struct rec_in *in, struct rec_out *out, int argc, char **argv,
    int write_posts, int *overdue, int *failed)
{
	struct reading rd = { c, p, t, out, write_posts, overdue, failed };

	return rec_each(in, argc - optind, argv + optind, read_one, &rd, failed);
}

static int
selected(const struct params *p, json_t *ev, time_t now)
{
	json_t *resp = json_object_get(ev, "response");
	const char *status = rec_str(resp, "status"), *dl = rec_str(resp, "deadline");
	struct yqt due;
	char *key;
	int ok = 1;

	if (p->status) {
		key = xasprintf(",%s,", status ? status : "");
		ok = strstr(p->status, key) != NULL;
		free(key);
	}
	if (ok && p->due_within >= 0)
		ok = dl && vocab_status_open(status) &&
		    yqt_parse(dl, now, &due) == 0 && due.t <= now + p->due_within;
	return ok;
}

/*
 * Work out the response of each event of list[0..n) (every event when
 * list is NULL) and write the selected ones.  With the state store:
 * merge first what earlier runs knew (first-seen times, answers, the
 * kind and level decided), and remember this run's, all in one
 * transaction.  -1 on an output or state error.
 */
#define EVENT_AT(i) (list ? list[i] : tally_get(t, i))
static int
respond(struct yq_common *c, const struct params *p, struct tally *t,
    struct rec_out *out, int *overdue, struct event **list, size_t n)
{
	struct yq_state *st = NULL;
	char *err = NULL;
	json_t *ev;
	size_t i;
	int r = 0, w = 0;

	if (list == NULL)
		n = tally_count(t);
	if (!c->no_state || c->db != NULL) {
		open_state(c, &st);
		r = st_begin(st, &err);
		if (r == 0)
			r = ledger_forget_posts(st, c->now, &err);
		/* An event merged into another (aliases) is that one's now. */
		for (i = 0; r == 0 && i < n; i++)
			if (EVENT_AT(i) != NULL && !event_gone(EVENT_AT(i)))
				r = ledger_sync(st, EVENT_AT(i), c->now, &err);
	}
	for (i = 0; r == 0 && w == 0 && i < n; i++) {
		struct event *e = EVENT_AT(i);

		if (e == NULL || event_gone(e))
			continue;
		if (json_object_get(p->upper, event_id(e)))
			event_set_upper(e);
		if (st != NULL)
			r = marks_overrides(st, e, &err);
		ev = event_response(t, e, p->warn, p->explain);
		if (st != NULL && r == 0)
			r = ledger_save(st, e, &err);
		if (st != NULL && r == 0) {
			corr_unapply(ev);	/* a record read as written before */
			r = corr_apply(st, ev, &err) < 0 ? -1 :
			    ledger_picture(st, ev, &err);
		}
		if (selected(p, ev, c->now)) {
			if (strcmp(rec_str(json_object_get(ev, "response"), "status"),
			    "overdue") == 0)
				*overdue = 1;
			w = rec_out_write(out, ev);
		}
		json_decref(ev);
	}
	if (st != NULL) {
		if (r == 0)
			r = st_commit(st, &err);
		else
			st_rollback(st);
		if (r < 0)
			yq_warnx("state: %s", err);
		st_close(st);
	}
	free(err);
	return r < 0 || w < 0 ? -1 : 0;
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct params p;
	struct rules rules;
	struct tally *t = NULL;
	struct rec_in *in = NULL;
	struct rec_out *out = NULL;
	struct rec_stats st = { 0, 0, 0 };
	int r, failed = 0, overdue = 0, status;

	if (argc > 1 && strcmp(argv[1], "answer") == 0)
		return run_answer(argc, argv);
	if (argc > 1 && strcmp(argv[1], "answers") == 0)
		return run_answers(argc, argv);
	if (argc > 1 && strcmp(argv[1], "digest") == 0)
		return run_digest(argc, argv);
	if ((r = marks_main(argc, argv)) >= 0)
		return r;
	yq_common_init(&c, argv[0]);
	yq_subcommands(subcommands);
	yq_subcommand_tables(subtables);
	memset(&p, 0, sizeof p);
	memset(&rules, 0, sizeof rules);
	p.warn = 6 * 3600;
	p.due_within = -1;
	p.upper = json_object();
	if ((r = parse_opts(argc, argv, &c, &p)) >= 0 ||
	    (r = load_data(&p, &rules)) != 0)
		goto done;
	p.splits = load_splits(&c);
	t = tally_new(&rules, c.now);
	if (!c.no_state || c.db != NULL)
		tally_keep_ids(t);
	if ((in = rec_in_new(&c.rec)) == NULL || (out = rec_out_open(c.output)) == NULL) {
		r = YQ_EXIT_IO;
		goto done;
	}
	r = read_all(&c, &p, t, in, out, argc, argv, !p.only_events && !p.status &&
	    p.due_within < 0, &overdue, &failed);
	if (r == 0 && !rec_out_broken(out) &&
	    respond(&c, &p, t, out, &overdue, NULL, 0) < 0)
		failed = 1;
	rec_in_free(in, &st);
	in = NULL;
	if (rec_out_broken(out)) {
		rec_out_close(out, 0);
		status = YQ_EXIT_OK;
	} else {
		status = rec_out_close(out, r < 0 || failed) < 0 || r < 0 || failed ?
		    YQ_EXIT_IO : YQ_EXIT_OK;
		if (status == YQ_EXIT_OK && st.bad > 0)
			status = YQ_EXIT_USAGE;
		if (status == YQ_EXIT_OK && overdue)
			status = YQ_EXIT_FOUND;
	}
	out = NULL;
	r = status;
done:
	rec_in_free(in, NULL);
	if (out)
		rec_out_close(out, 1);
	tally_free(t);
	figures_free_re();
	places_free();
	rules_free(&rules);
	json_decref(p.upper);
	json_decref(p.splits);
	free(p.status);
	return r;
}
