/*
 * marks.c: the analysts' corrections to yq-deadline's judgement, kept
 * in the state store (common/corr.c) with who, when and why:
 *
 *   yq-deadline mark EVENT --as false_alarm|no_answer|watch --reason WHY
 *   yq-deadline set EVENT [--owner BODY] [--kind RULE] [--level LEVEL] --reason WHY
 *   yq-deadline merge EVENT --into EVENT --reason WHY
 *   yq-deadline split EVENT --post ID [--post ID ...] --reason WHY
 *   yq-deadline undo ID [--reason WHY]
 *   yq-deadline corrections [EVENT] [--all]
 *   yq-deadline replay [FILE ...]
 *
 * They live here because the facts they correct are yq-deadline's: an
 * event's need to answer, kind, level, owner and answers (and which
 * event a post's deadline counts for).  Event ids are those yq-deadline
 * has judged with the state store: an exact id or a unique prefix.
 */
#include <stdlib.h>
#include <string.h>

#include "corr.h"
#include "deadline.h"
#include "opt.h"
#include "record.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

enum { O_AS = 300, O_REASON, O_WHO, O_OWNER, O_KIND, O_LEVEL, O_INTO, O_ALL,
	O_POST };

#define MAXSPLIT 64

static const struct yq_option mark_options[] = {
	{ "as", O_AS, 1, "false_alarm|no_answer|watch", "the verdict: 误报, 不需回应, or only watch" },
	{ "reason", O_REASON, 1, "TEXT", "why (required)" },
	{ "by", O_WHO, 1, "NAME", "who decides ($USER)" },
	{ 0 }
};

static const struct yq_option set_options[] = {
	{ "owner", O_OWNER, 1, "BODY", "the responsible body (第一责任主体)" },
	{ "kind", O_KIND, 1, "RULE", "the kind of event (a rule of response.conf, or watch)" },
	{ "level", O_LEVEL, 1, "特别重大|重大|较大|一般", "the emergency level" },
	{ "reason", O_REASON, 1, "TEXT", "why (required)" },
	{ "by", O_WHO, 1, "NAME", "who decides ($USER)" },
	{ 0 }
};

static const struct yq_option merge_options[] = {
	{ "into", O_INTO, 1, "EVENT", "the event this one joins" },
	{ "reason", O_REASON, 1, "TEXT", "why (required)" },
	{ "by", O_WHO, 1, "NAME", "who decides ($USER)" },
	{ 0 }
};

static const struct yq_option split_options[] = {
	{ "post", O_POST, 1, "ID", "a post to take off the event (repeatable)" },
	{ "reason", O_REASON, 1, "TEXT", "why (required)" },
	{ "by", O_WHO, 1, "NAME", "who decides ($USER)" },
	{ 0 }
};

static const struct yq_option undo_options[] = {
	{ "reason", O_REASON, 1, "TEXT", "why" },
	{ "by", O_WHO, 1, "NAME", "who decides ($USER)" },
	{ 0 }
};

static const struct yq_option list_options[] = {
	{ "all", O_ALL, 0, NULL, "the whole trail: undone corrections and the undos too" },
	{ 0 }
};

const struct yq_cmd mark_cmd = {
	"yq-deadline mark", "EVENT --as VERDICT --reason TEXT [--by NAME]",
	"mark an event a false alarm, not to be answered, or only to watch",
	mark_options, YQ_OPT_NOW | YQ_OPT_STATE
};

const struct yq_cmd set_cmd = {
	"yq-deadline set", "EVENT [--owner BODY] [--kind RULE] [--level LEVEL] --reason TEXT",
	"override an event's owner, kind or level",
	set_options, YQ_OPT_NOW | YQ_OPT_STATE
};

const struct yq_cmd merge_cmd = {
	"yq-deadline merge", "EVENT --into EVENT --reason TEXT [--by NAME]",
	"count an event as part of another",
	merge_options, YQ_OPT_NOW | YQ_OPT_STATE
};

const struct yq_cmd split_cmd = {
	"yq-deadline split", "EVENT --post ID [--post ID ...] --reason TEXT [--by NAME]",
	"take posts off an event into a new one",
	split_options, YQ_OPT_NOW | YQ_OPT_STATE
};

const struct yq_cmd undo_cmd = {
	"yq-deadline undo", "ID [--reason TEXT] [--by NAME]",
	"undo a correction (an answer recorded by hand too)",
	undo_options, YQ_OPT_NOW | YQ_OPT_STATE
};

const struct yq_cmd corrections_cmd = {
	"yq-deadline corrections", "[EVENT] [--all]",
	"list the corrections in force, as records",
	list_options, YQ_OPT_STATE
};

const struct yq_cmd replay_cmd = {
	"yq-deadline replay", "[FILE ...]",
	"make the corrections of a corrections --all file again",
	NULL, YQ_OPT_STATE | YQ_OPT_IO
};

struct marg {
	struct yq_common c;
	const char *reason, *by, *as, *into, *ovr[3];
	const char *post[MAXSPLIT];
	int all, nposts;
};

static int
parse_marks(const struct yq_cmd *cmd, int argc, char **argv, struct marg *m)
{
	const char *arg;
	int ch;

	memset(m, 0, sizeof *m);
	yq_common_init(&m->c, "yq-deadline");
	optind = 2;
	while ((ch = yq_getopt(cmd, argc, argv, &m->c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			exit(m->c.exit_status);
		case O_AS: m->as = arg; break;
		case O_REASON: m->reason = arg; break;
		case O_WHO: m->by = arg; break;
		case O_INTO: m->into = arg; break;
		case O_OWNER: m->ovr[0] = arg; break;
		case O_KIND: m->ovr[1] = arg; break;
		case O_LEVEL: m->ovr[2] = arg; break;
		case O_ALL: m->all = 1; break;
		case O_POST:
			if (m->nposts == MAXSPLIT)
				die(YQ_EXIT_USAGE, "split: at most %d posts at a time", MAXSPLIT);
			m->post[m->nposts++] = arg;
			break;
		}
	}
	if (m->by == NULL)
		m->by = getenv("USER") && *getenv("USER") ? getenv("USER") : "unknown";
	return 0;
}

static struct yq_state *
marks_state(struct yq_common *c)
{
	struct yq_state *st;
	char *err = NULL;

	if (c->no_state && c->db == NULL)
		die(YQ_EXIT_USAGE, "corrections need the state store: drop --no-state");
	if ((st = ledger_open(c->db, &err)) == NULL)
		die(YQ_EXIT_IO, "state: %s", err);
	return st;
}

char *
marks_resolve(struct yq_state *st, const char *id)
{
	sqlite3_stmt *s = NULL;
	char *found = NULL;
	int n = 0;

	if (*id == '\0')
		die(YQ_EXIT_USAGE, "no event '' in the state");
	if (sqlite3_prepare_v2(st_db(st), "SELECT event_id FROM deadline_events "
	    "WHERE event_id = ?1 UNION ALL SELECT event_id FROM deadline_events "
	    "WHERE substr(event_id, 1, length(?1)) = ?1 AND event_id != ?1 LIMIT 3",
	    -1, &s, NULL) != SQLITE_OK)
		die(YQ_EXIT_IO, "state: %s", sqlite3_errmsg(st_db(st)));
	sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(s) == SQLITE_ROW) {
		/* The exact id comes first and wins. */
		if (n++ == 0)
			found = xstrdup((const char *)sqlite3_column_text(s, 0));
		if (strcmp(found, id) == 0)
			break;
	}
	sqlite3_finalize(s);
	if (n == 0)
		die(YQ_EXIT_USAGE, "no event '%s' in the state", id);
	if (n > 1 && strcmp(found, id) != 0)
		die(YQ_EXIT_USAGE, "event '%s' is ambiguous: more than one event starts so", id);
	return found;
}

/* Add one correction in its own transaction; the exit status. */
static int
commit_one(struct yq_state *st, struct corr *cr, long *id)
{
	char *err = NULL;
	long r;

	if (st_begin(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	if ((r = corr_add(st, cr, &err)) < 0) {
		st_rollback(st);
		die(YQ_EXIT_USAGE, "%s", err);
	}
	if (st_commit(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	if (id != NULL)
		*id = r;
	return YQ_EXIT_OK;
}

static void
init_corr(struct corr *cr, const struct marg *m, const char *verb,
    const char *event, const char *value)
{
	memset(cr, 0, sizeof *cr);
	cr->at = m->c.now;
	cr->off = YQT_DEFAULT_OFFSET;
	cr->by = m->by;
	cr->verb = verb;
	cr->event = event;
	cr->value = value;
	cr->reason = m->reason;
}

/* Say the new correction's id on standard output, for undo. */
static int
say_id(long id)
{
	printf("%ld\n", id);
	return fflush(stdout) == 0 ? YQ_EXIT_OK : YQ_EXIT_IO;
}

static int
need(const struct yq_cmd *cmd, int ok)
{
	if (!ok) {
		yq_usage(cmd, stderr);
		exit(YQ_EXIT_USAGE);
	}
	return 0;
}

static int
run_mark(int argc, char **argv)
{
	static const char *const verdicts = ",false_alarm,no_answer,watch,";
	struct marg m;
	struct corr cr;
	struct yq_state *st;
	char *ev, *key;
	long id;

	parse_marks(&mark_cmd, argc, argv, &m);
	need(&mark_cmd, optind == argc - 1 && m.as != NULL && m.reason != NULL);
	key = xasprintf(",%s,", m.as);
	if (strstr(verdicts, key) == NULL || strchr(m.as, ',') != NULL)
		die(YQ_EXIT_USAGE, "--as is false_alarm, no_answer or watch: '%s'", m.as);
	free(key);
	st = marks_state(&m.c);
	ev = marks_resolve(st, argv[optind]);
	init_corr(&cr, &m, "mark", ev, m.as);
	commit_one(st, &cr, &id);
	free(ev);
	st_close(st);
	return say_id(id);
}

static int
run_set(int argc, char **argv)
{
	static const char *const what[] = { "owner", "kind", "level" };
	struct marg m;
	struct corr cr;
	struct yq_state *st;
	char *ev;
	long id;
	int i, r = YQ_EXIT_OK;

	parse_marks(&set_cmd, argc, argv, &m);
	need(&set_cmd, optind == argc - 1 && m.reason != NULL &&
	    (m.ovr[0] || m.ovr[1] || m.ovr[2]));
	if (m.ovr[2] && strcmp(m.ovr[2], "特别重大") && strcmp(m.ovr[2], "重大") &&
	    strcmp(m.ovr[2], "较大") && strcmp(m.ovr[2], "一般"))
		die(YQ_EXIT_USAGE, "--level is 特别重大, 重大, 较大 or 一般: '%s'", m.ovr[2]);
	st = marks_state(&m.c);
	ev = marks_resolve(st, argv[optind]);
	for (i = 0; i < 3 && r == YQ_EXIT_OK; i++) {
		if (m.ovr[i] == NULL)
			continue;
		init_corr(&cr, &m, what[i], ev, m.ovr[i]);
		commit_one(st, &cr, &id);
		r = say_id(id);
	}
	free(ev);
	st_close(st);
	return r;
}

static int
run_merge(int argc, char **argv)
{
	struct marg m;
	struct corr cr;
	struct yq_state *st;
	char *ev, *into;
	long id;

	parse_marks(&merge_cmd, argc, argv, &m);
	need(&merge_cmd, optind == argc - 1 && m.into != NULL && m.reason != NULL);
	st = marks_state(&m.c);
	ev = marks_resolve(st, argv[optind]);
	into = marks_resolve(st, m.into);
	if (strcmp(ev, into) == 0)
		die(YQ_EXIT_USAGE, "an event cannot be merged into itself: '%s'", ev);
	init_corr(&cr, &m, "merge", ev, into);
	commit_one(st, &cr, &id);
	free(ev);
	free(into);
	st_close(st);
	return say_id(id);
}

/*
 * Whether the post is the event's, when yq-report's records say (the
 * same state store from cron): dies when they say otherwise.
 */
static void
check_post(struct yq_state *st, const char *event, const char *post)
{
	sqlite3_stmt *s = NULL;
	char *key = xasprintf("p:%s", post);
	const char *ev;

	if (sqlite3_prepare_v2(st_db(st), "SELECT event_id FROM report_records "
	    "WHERE key = ?1", -1, &s, NULL) != SQLITE_OK) {
		free(key);		/* no records kept: nothing to check against */
		return;
	}
	sqlite3_bind_text(s, 1, key, -1, SQLITE_TRANSIENT);
	free(key);
	if (sqlite3_step(s) != SQLITE_ROW)
		die(YQ_EXIT_USAGE, "no post '%s' in the state", post);
	ev = (const char *)sqlite3_column_text(s, 0);
	if (ev == NULL || strcmp(ev, event) != 0)
		die(YQ_EXIT_USAGE, "post '%s' is not of event '%s'", post, event);
	sqlite3_finalize(s);
}

/* The id the split's posts take: EVENT-N, N the number of its first row. */
static char *
split_id(struct yq_state *st, const char *event)
{
	sqlite3_stmt *s = NULL;
	long next = 1;

	if (sqlite3_prepare_v2(st_db(st), "SELECT coalesce(max(id), 0) + 1 FROM "
	    "corrections", -1, &s, NULL) != SQLITE_OK)
		die(YQ_EXIT_IO, "state: %s", sqlite3_errmsg(st_db(st)));
	if (sqlite3_step(s) == SQLITE_ROW)
		next = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return xasprintf("%s-%ld", event, next);
}

static int
run_split(int argc, char **argv)
{
	struct marg m;
	struct corr cr;
	struct yq_state *st;
	char *ev, *into, *value, *err = NULL;
	long id;
	int i;

	parse_marks(&split_cmd, argc, argv, &m);
	need(&split_cmd, optind == argc - 1 && m.nposts > 0 && m.reason != NULL);
	st = marks_state(&m.c);
	ev = marks_resolve(st, argv[optind]);
	for (i = 0; i < m.nposts; i++)
		check_post(st, ev, m.post[i]);
	if (st_begin(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	into = split_id(st, ev);
	for (i = 0; i < m.nposts; i++) {
		value = xasprintf("{\"post\":\"%s\",\"into\":\"%s\"}", m.post[i], into);
		init_corr(&cr, &m, "split", ev, value);
		if ((id = corr_add(st, &cr, &err)) < 0) {
			st_rollback(st);
			die(YQ_EXIT_USAGE, "%s", err);
		}
		printf("%ld\n", id);
		free(value);
	}
	if (st_commit(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	free(into);
	free(ev);
	st_close(st);
	return fflush(stdout) == 0 ? YQ_EXIT_OK : YQ_EXIT_IO;
}

/* The event of correction id; dies when there is none. */
static char *
target_of(struct yq_state *st, long id)
{
	sqlite3_stmt *s = NULL;
	char *ev = NULL;

	if (sqlite3_prepare_v2(st_db(st), "SELECT event_id FROM corrections "
	    "WHERE id = ?1", -1, &s, NULL) != SQLITE_OK)
		die(YQ_EXIT_IO, "state: %s", sqlite3_errmsg(st_db(st)));
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW)
		ev = xstrdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (ev == NULL)
		die(YQ_EXIT_USAGE, "no correction %ld in the state", id);
	return ev;
}

static int
run_undo(int argc, char **argv)
{
	struct marg m;
	struct corr cr;
	struct yq_state *st;
	const char *e;
	char *ev, *num, *err = NULL;
	long target, id;

	parse_marks(&undo_cmd, argc, argv, &m);
	need(&undo_cmd, optind == argc - 1);
	target = yq_strtonum(argv[optind], 1, 1L << 40, &e);
	if (e != NULL)
		die(YQ_EXIT_USAGE, "a correction is a number: '%s'", argv[optind]);
	st = marks_state(&m.c);
	ev = target_of(st, target);
	num = xasprintf("%ld", target);
	init_corr(&cr, &m, "undo", ev, num);
	if (st_begin(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	if ((id = corr_add(st, &cr, &err)) < 0 ||
	    ledger_undo_answer(st, target, &err) < 0) {
		st_rollback(st);
		die(YQ_EXIT_USAGE, "%s", err);
	}
	if (st_commit(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	free(num);
	free(ev);
	st_close(st);
	return say_id(id);
}

static int
run_list(int argc, char **argv)
{
	struct marg m;
	struct yq_state *st;
	char *ev = NULL, *err = NULL;
	int r;

	parse_marks(&corrections_cmd, argc, argv, &m);
	need(&corrections_cmd, argc - optind <= 1);
	st = marks_state(&m.c);
	if (optind < argc)
		ev = marks_resolve(st, argv[optind]);
	r = corr_list(st, ev, m.all, stdout, &err);
	if (r < 0)
		yq_warnx("state: %s", err);
	free(ev);
	free(err);
	st_close(st);
	return fflush(stdout) != 0 || r < 0 ? YQ_EXIT_IO : YQ_EXIT_OK;
}

/* Make one replayed correction again (an answer in the ledger too). */
static int
replay_one(struct yq_state *st, json_t *rec, const char **why, char **err)
{
	struct corr cr;
	long r;

	if (corr_from_json(rec, &cr, why) < 0)
		return 1;
	if ((r = corr_add(st, &cr, err)) < 0)
		return -1;
	if (r > 0 && strcmp(cr.verb, "answer") == 0)
		return ledger_answer_json(st, cr.event, cr.value, err);
	if (r > 0 && strcmp(cr.verb, "undo") == 0)
		return ledger_undo_answer(st, strtol(cr.value, NULL, 10), err);
	return 0;
}

static int
run_replay(int argc, char **argv)
{
	struct marg m;
	struct rec_in *in;
	struct rec_stats rs;
	struct yq_state *st;
	json_t *rec;
	const char *why;
	char *err = NULL;
	int i, r, failed = 0;

	parse_marks(&replay_cmd, argc, argv, &m);
	st = marks_state(&m.c);
	if ((in = rec_in_new(&m.c.rec)) == NULL || st_begin(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err ? err : "cannot read");
	for (i = optind; i < argc || i == optind; i++) {
		if (rec_in_open(in, i < argc ? argv[i] : "-") < 0) {
			failed = 1;
			continue;
		}
		while ((r = rec_in_next(in, &rec)) != REC_EOF && r != REC_ERR) {
			if (r == REC_BAD)
				continue;
			r = replay_one(st, rec, &why, &err);
			json_decref(rec);
			if (r == 1)
				rec_in_reject(in, "%s", why);
			if (r < 0) {
				rec_in_reject(in, "%s", err);
				free(err);
				err = NULL;
			}
		}
		failed |= r == REC_ERR;
	}
	rec_in_free(in, &rs);
	if (failed || rs.bad > 0) {
		st_rollback(st);
		st_close(st);
		return failed ? YQ_EXIT_IO : YQ_EXIT_USAGE;
	}
	if (st_commit(st, &err) < 0)
		die(YQ_EXIT_IO, "state: %s", err);
	st_close(st);
	return YQ_EXIT_OK;
}

int
marks_main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} verbs[] = {
		{ "mark", run_mark }, { "set", run_set }, { "merge", run_merge },
		{ "split", run_split },
		{ "undo", run_undo }, { "corrections", run_list },
		{ "replay", run_replay }, { NULL, NULL }
	};
	int i;

	for (i = 0; argc > 1 && verbs[i].name != NULL; i++)
		if (strcmp(argv[1], verbs[i].name) == 0)
			return verbs[i].run(argc, argv);
	return -1;
}

int
marks_overrides(struct yq_state *st, struct event *e, char **err)
{
	sqlite3_stmt *s = NULL;
	const char *verb, *value;
	int i, rc;

	if (sqlite3_prepare_v2(st_db(st), "SELECT verb, value FROM corrections "
	    "WHERE event_id = ?1 AND undone IS NULL AND verb IN ('kind', 'level') "
	    "ORDER BY id", -1, &s, NULL) != SQLITE_OK) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	sqlite3_bind_text(s, 1, event_id(e), -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		verb = (const char *)sqlite3_column_text(s, 0);
		value = (const char *)sqlite3_column_text(s, 1);
		if (strcmp(verb, "kind") == 0)
			event_override(e, value, -1);
		for (i = 0; strcmp(verb, "level") == 0 && i < 4; i++)
			if (strcmp(level_names[i], value) == 0)
				event_override(e, NULL, i);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*err = xstrdup(sqlite3_errmsg(st_db(st)));
		return -1;
	}
	return 0;
}
