/*
 * yq-alert: tell the people who must act what changed.  Reads event
 * records (and posts, for topics and first links), writes them on
 * unchanged, and for each subscriber of the subscriptions file works out
 * what is news: a new event at its level, a warning raised, a deadline
 * due or missed, an answer found.  Each change goes to each subscriber
 * once (the state store remembers), through an outbox that keeps what a
 * channel refused and tries it again on later runs.
 *
 *   yq-alert --outbox [--all]	list the outbox as records
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alert.h"
#include "each.h"
#include "opt.h"
#include "record.h"
#include "state.h"
#include "yqtime.h"
#include "yq.h"

enum {
	O_CONF = 256, O_DRY, O_NOSEND, O_OUTBOX, O_ALL, O_PLACES, O_TIMEOUT, O_GIVEUP
};

static const struct yq_option options[] = {
	{ "conf", O_CONF, 1, "FILE", "subscriptions (default /etc/yq/alerts.conf)" },
	{ "dry-run", O_DRY, 0, NULL, "write the alerts that are due instead of the records; send nothing" },
	{ "no-send", O_NOSEND, 0, NULL, "queue the alerts in the outbox; a later run sends them" },
	{ "outbox", O_OUTBOX, 0, NULL, "list the messages pending, held or given up, and exit" },
	{ "all", O_ALL, 0, NULL, "with --outbox: the messages sent too" },
	{ "places", O_PLACES, 1, "FILE", "more places for the names in the subscriptions (TSV)" },
	{ "timeout", O_TIMEOUT, 1, "DUR", "give up a send after DUR (10s)" },
	{ "give-up", O_GIVEUP, 1, "DUR", "stop retrying a message DUR after it was made (24h)" },
	{ 0 }
};

static const struct yq_cmd cmd = {
	"yq-alert", "[options] [file ...]",
	"push warnings and deadlines to the subscribers of each place, once per change",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT | YQ_OPT_NOW | YQ_OPT_STATE
};

/* Events remembered for their deadline are forgotten this long after it. */
#define FORGET (7 * 86400L)
/* Messages done with (sent, folded into a digest, given up) are kept this long. */
#define KEEP_DONE (30 * 86400L)

struct params {
	const char *conf;
	int dry_run, no_send, outbox, all;
	long timeout, give_up;
};

/* What one run found, read and did. */
struct run {
	struct yq_common *c;
	const struct params *p;
	struct conf conf;
	struct posts *posts;
	json_t *events;		/* event records read, in order */
	struct yq_state *st;
	struct rec_out *out;
	unsigned long queued, sent, failed;
};

static int
parse_opts(int argc, char **argv, struct yq_common *c, struct params *p)
{
	const char *arg;
	int ch;

	while ((ch = yq_getopt(&cmd, argc, argv, c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c->exit_status;
		case O_CONF:
			p->conf = arg;
			break;
		case O_DRY:
			p->dry_run = 1;
			break;
		case O_NOSEND:
			p->no_send = 1;
			break;
		case O_OUTBOX:
			p->outbox = 1;
			break;
		case O_ALL:
			p->all = 1;
			break;
		case O_PLACES:
			conf_places_supplement = arg;
			break;
		case O_TIMEOUT:
		case O_GIVEUP:
			if (yq_duration(arg) <= 0)
				die(YQ_EXIT_USAGE, "--%s wants a duration: '%s'",
				    ch == O_TIMEOUT ? "timeout" : "give-up", arg);
			*(ch == O_TIMEOUT ? &p->timeout : &p->give_up) = yq_duration(arg);
			break;
		}
	}
	if (p->all && !p->outbox)
		die(YQ_EXIT_USAGE, "--all goes with --outbox");
	if (p->outbox + p->dry_run + p->no_send > 1)
		die(YQ_EXIT_USAGE, "--outbox, --dry-run and --no-send exclude each other");
	if ((p->outbox || !p->dry_run) && c->no_state && c->db == NULL)
		die(YQ_EXIT_USAGE, "%s needs the state store: drop --no-state",
		    p->outbox ? "--outbox" : "sending (but --dry-run)");
	return -1;
}

/* One record: written on as read; a post or an event kept. */
static int
take(void *ctx, struct rec_in *in, json_t *obj)
{
	struct run *r = ctx;
	const char *kind = rec_str(obj, "kind"), *raw;
	size_t rawlen;
	int w = 0;

	if (kind && strcmp(kind, "event") == 0 && rec_str(obj, "event_id") == NULL) {
		rec_in_reject(in, "event record without event_id");
		return EACH_REJECTED;
	}
	if (kind && strcmp(kind, "event") == 0)
		json_array_append(r->events, obj);
	else
		posts_add(r->posts, obj);
	if (!r->p->dry_run) {
		raw = rec_in_raw(in, &rawlen);
		w = raw ? rec_out_line(r->out, raw, rawlen) : rec_out_write(r->out, obj);
	}
	return w < 0 ? EACH_STOP : EACH_ON;
}

/*
 * Read every input: 0, or -1 when one could not be read or the output
 * failed (a reader gone away is no failure).
 */
static int
read_all(struct run *r, struct rec_in *in, int argc, char **argv)
{
	int failed = 0;

	if (rec_each(in, argc - optind, argv + optind, take, r, &failed) < 0)
		return rec_out_broken(r->out) ? 0 : -1;
	return failed ? -1 : 0;
}

/* --dry-run: the alert as a block of text on the output. */
static void
show(struct run *r, const struct alert *a, const struct msg *m)
{
	static const char *const chan[] = { "mail", "webhook", "wecom", "dingtalk", "feishu" };
	static const char *const names[] = { "new", "raised", "due", "overdue", "answered" };
	FILE *fp = rec_out_file(r->out);
	int i, n = 0;

	fprintf(fp, "== %s (%s): %s", a->sub->name, chan[a->sub->channel], a->ev->id);
	for (i = 0; i < 5; i++)
		if (a->changes & 1u << i)
			fprintf(fp, "%c%s", n++ ? ',' : ' ', names[i]);
	fprintf(fp, "\n%s\n%s\n", m->subject, m->body);
}

/* Every subscriber's news about e: shown, or remembered and queued. */
static int
route_event(struct run *r, const struct ev *e, json_t *sent, char **err)
{
	struct msg_cache cache;
	const struct msg *m;
	struct alert a;
	const struct sub *s;
	size_t i;
	int rc = 0;

	cache.n = 0;
	for (i = 0; rc == 0 && i < r->conf.nsubs; i++) {
		s = &r->conf.subs[i];
		if (!ev_matches(e, s) || route_one(e, s,
		    json_string_value(json_object_get(sent, s->name)), r->c->now, &a) == 0)
			continue;
		m = msg_of(&cache, &a, r->c->now);
		if (r->p->dry_run)
			show(r, &a, m);
		else if ((rc = ob_mark_sent(r->st, &a, r->c->now, err)) == 0 &&
		    (rc = ob_queue(r->st, &a, m, r->c->now, err)) == 0)
			r->queued++;
		free(a.keys);
	}
	msg_cache_clear(&cache);
	if (rc == 0 && !r->p->dry_run)
		rc = ob_keep_event(r->st, e, err);
	return rc;
}

/* The events to route: those read, then those remembered and not read. */
static json_t *
events_to_route(struct run *r, char **err)
{
	json_t *mem = json_array(), *list = json_array(), *byid = json_object(), *v;
	const char *id;
	size_t i;

	if (r->st != NULL && (ob_prune(r->st, r->c->now - KEEP_DONE, err) < 0 ||
	    ob_events(r->st, r->c->now - FORGET, mem, err) < 0)) {
		json_decref(mem);
		json_decref(list);
		json_decref(byid);
		return NULL;
	}
	json_array_foreach(mem, i, v)
		json_object_set(byid, rec_str(v, "event_id"), v);
	json_array_foreach(r->events, i, v) {
		id = rec_str(v, "event_id");
		json_array_append_new(list, ev_trim(v, r->posts, json_object_get(byid, id)));
		json_object_del(byid, id);
	}
	json_array_foreach(mem, i, v)
		if (json_object_get(byid, rec_str(v, "event_id")) != NULL)
			json_array_append(list, v);
	json_decref(mem);
	json_decref(byid);
	return list;
}

/*
 * What was sent about e, or about the events merged into it (its
 * aliases), so that a merge is no news.
 */
static int
sent_to(struct run *r, const struct ev *e, json_t *sent, char **err)
{
	json_t *alias;
	size_t i;
	int rc;

	json_object_clear(sent);
	rc = ob_sent(r->st, e->id, sent, err);
	json_array_foreach(json_object_get(e->rec, "aliases"), i, alias)
		if (rc == 0 && json_is_string(alias))
			rc = ob_sent(r->st, json_string_value(alias), sent, err);
	return rc;
}

/* Route every event and fold the digests: one transaction. */
static int
route_all(struct run *r, char **err)
{
	json_t *list = NULL, *sent = json_object(), *v;
	struct ev e;
	size_t i;
	int rc = r->st ? st_begin(r->st, err) : 0;

	if (rc == 0 && (list = events_to_route(r, err)) == NULL)
		rc = -1;
	for (i = 0; rc == 0 && i < json_array_size(list); i++) {
		v = json_array_get(list, i);
		if (ev_init(&e, json_incref(v)) < 0) {
			ev_clear(&e);
			continue;
		}
		if (r->st != NULL)
			rc = sent_to(r, &e, sent, err);
		if (rc == 0)
			rc = route_event(r, &e, sent, err);
		ev_clear(&e);
	}
	for (i = 0; rc == 0 && !r->p->dry_run && i < r->conf.nsubs; i++)
		rc = ob_digest(r->st, &r->conf.subs[i], r->c->now, err);
	if (rc == 0 && r->st != NULL)
		rc = r->p->dry_run ? st_rollback(r->st) : st_commit(r->st, err);
	else if (r->st != NULL)
		st_rollback(r->st);
	json_decref(list);
	json_decref(sent);
	return rc;
}

/*
 * When a message may not go yet: quiet hours (China time) or the rate
 * limit, unless it breaks through.  0 when it may go, else the time it
 * may.
 */
static time_t
held_until(struct run *r, const struct sub *s, const struct ob_row *row,
    char **err, int *rc)
{
	long minute = (long)((r->c->now + 8 * 3600) % 86400 / 60), n = 0;
	long from = s->quiet_from, to = s->quiet_to, wait;
	time_t oldest = 0;

	*rc = 0;
	if (row->urgent)
		return 0;
	if (from >= 0 && from != to &&
	    (from < to ? minute >= from && minute < to : minute >= from || minute < to)) {
		wait = (to - minute + 1440) % 1440;
		return r->c->now - r->c->now % 60 + wait * 60;
	}
	if (s->rate_n <= 0)
		return 0;
	*rc = ob_count_sent(r->st, s->name, r->c->now - s->rate_win, &n, &oldest, err);
	return *rc == 0 && n >= s->rate_n ? oldest + s->rate_win : 0;
}

/* One message of the outbox: held, sent, or failed and kept for later. */
static int
try_one(struct run *r, const struct ob_row *row, const struct send_opts *o,
    char **err)
{
	const struct sub *s = conf_find(&r->conf, row->sub);
	time_t until, backoff;
	char *why;
	int rc;

	if (s == NULL) {
		yq_warnx("outbox %lld: no subscriber '%s' in '%s': given up", row->id,
		    row->sub, r->p->conf);
		r->failed++;
		return ob_give_up(r->st, row->id, "no such subscriber", err);
	}
	if ((until = held_until(r, s, row, err, &rc)) != 0 || rc < 0)
		return rc < 0 ? -1 : ob_postpone(r->st, row->id, until, err);
	if (send_one(s, row, o, r->c->now, &why) == 0) {
		r->sent++;
		return ob_done(r->st, row->id, r->c->now, err);
	}
	r->failed++;
	backoff = row->tries >= 6 ? 3600 : 60L << row->tries;
	yq_warnx("%s: %s (%s): %s%s", row->sub, row->event_id ? row->event_id : "digest",
	    row->subject, why, r->c->now - row->created >= r->p->give_up ?
	    ": given up" : "");
	rc = ob_retry(r->st, row->id, r->c->now + backoff,
	    r->c->now - row->created >= r->p->give_up, why, err);
	free(why);
	return rc;
}

/* Send what the outbox holds that is due, outside any transaction. */
static int
drain(struct run *r, char **err)
{
	struct send_opts o = { r->p->timeout * 1000, "yq-alert/" YQ_VERSION };
	struct ob_row *rows;
	size_t n, i;
	int rc;

	if (ob_due(r->st, r->c->now, &rows, &n, err) < 0)
		return -1;
	for (i = 0, rc = 0; rc == 0 && i < n; i++)
		rc = try_one(r, &rows[i], &o, err);
	ob_rows_free(rows, n);
	return rc;
}

/* --outbox: the outbox as records. */
static int
list_outbox(struct run *r)
{
	char *err = NULL;
	int rc = ob_list(r->st, r->out, r->p->all, &err);

	if (rc < 0 && err != NULL)
		yq_warnx("state: %s", err);
	free(err);
	return rc;
}

static int
open_all(struct run *r, struct rec_in **in)
{
	char *err = NULL;

	if (!r->p->outbox && conf_load(&r->conf, r->p->conf) < 0)
		return YQ_EXIT_USAGE;
	if (!r->c->no_state || r->c->db != NULL) {
		if ((r->st = ob_open(r->c->db, &err)) == NULL) {
			yq_warnx("state: %s", err);
			free(err);
			return YQ_EXIT_IO;
		}
	}
	if ((*in = rec_in_new(&r->c->rec)) == NULL ||
	    (r->out = rec_out_open(r->c->output)) == NULL || send_init() < 0)
		return YQ_EXIT_IO;
	return 0;
}

/*
 * Two runs at once take turns from here to the end, so that no message
 * goes twice; the lock is taken once the input is read, so a run
 * waiting on its pipeline holds up no other.
 */
static int
take_turns(struct run *r, char **err)
{
	return r->st != NULL && !r->p->dry_run ? st_lock(r->st, "alert", err) : 0;
}

/* Read, route, send.  The exit status. */
static int
work(struct run *r, struct rec_in *in, int argc, char **argv)
{
	struct rec_stats stats = { 0, 0, 0 };
	char *err = NULL;
	int rc;

	if (r->p->outbox)
		rc = list_outbox(r);
	else if ((rc = read_all(r, in, argc, argv)) == 0 && !rec_out_broken(r->out) &&
	    ((rc = take_turns(r, &err)) < 0 || (rc = route_all(r, &err)) < 0 ||
	    (!r->p->dry_run && !r->p->no_send && (rc = drain(r, &err)) < 0)))
		yq_warnx("state: %s", err ? err : "failed");
	free(err);
	rec_in_free(in, &stats);
	if (rec_out_close(r->out, rc < 0 && !rec_out_broken(r->out)) < 0 || rc < 0)
		return YQ_EXIT_IO;
	if (stats.bad > 0)
		return YQ_EXIT_USAGE;
	return r->failed > 0 ? YQ_EXIT_FOUND : YQ_EXIT_OK;
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct params p = { "/etc/yq/alerts.conf", 0, 0, 0, 0, 10, 24 * 3600 };
	struct run r;
	struct rec_in *in = NULL;
	int status;

	yq_common_init(&c, argv[0]);
	if ((status = parse_opts(argc, argv, &c, &p)) >= 0)
		return status;
	memset(&r, 0, sizeof r);
	r.c = &c;
	r.p = &p;
	r.posts = posts_new();
	r.events = json_array();
	if ((status = open_all(&r, &in)) == 0)
		status = work(&r, in, argc, argv);
	else {
		rec_in_free(in, NULL);
		if (r.out != NULL)
			rec_out_close(r.out, 1);
	}
	if (r.st != NULL && ob_close(r.st) < 0 && status == YQ_EXIT_OK)
		status = YQ_EXIT_IO;
	conf_free(&r.conf);
	posts_free(r.posts);
	json_decref(r.events);
	send_cleanup();
	return status;
}
