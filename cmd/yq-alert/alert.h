/*
 * alert.h: the parts of yq-alert: subscriptions (conf.c), the events
 * as routed (event.c), what is news to whom (route.c), the messages
 * (msg.c), the state store's sent list and outbox (outbox.c), the
 * channels (send.c) and the signatures (sign.c).
 */
#ifndef YQ_ALERT_H
#define YQ_ALERT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>
#include <jansson.h>

#include "state.h"

/* Changes an event can go through, as bits for a subscription's notify. */
enum {
	CH_NEW = 1,		/* first seen at or above the subscriber's level */
	CH_RAISED = 2,		/* warning raised since the last alert */
	CH_DUE = 4,		/* deadline within the lead time */
	CH_OVERDUE = 8,		/* deadline passed without an answer */
	CH_ANSWERED = 16	/* an answer found, after an earlier alert */
};
#define CH_ALL 31

enum { CHAN_MAIL, CHAN_WEBHOOK, CHAN_WECOM, CHAN_DINGTALK, CHAN_FEISHU };

/* Breakthrough of quiet hours and rate limits. */
enum { BRK_RED = 1, BRK_OVERDUE = 2 };

struct sub {
	char *name;
	char *where;		/* "FILE:LINE" of its [name] line */
	int channel;		/* CHAN_*, -1 unset */
	char *to, *from;	/* mail */
	char *url;		/* robot or webhook URL */
	char *smtp;		/* smtp:// or smtps:// server */
	char *user, *password, *secret;
	int tls;		/* 0 none, 1 try, 2 required; -1 unset */
	int level;		/* minimum warning for new/raised; -1 unset */
	unsigned kinds;		/* bits by rule index; 0 any */
	unsigned notify;	/* CH_* bits; 0 unset */
	int *places;		/* codes as numbers, with their sub-places */
	size_t nplaces;
	char **owners, **topics;
	size_t nowners, ntopics;
	long lead;		/* seconds; -1 unset */
	int quiet_from, quiet_to;	/* minutes of the day; -1 none */
	unsigned brk;		/* BRK_*; ~0u unset */
	long digest;		/* seconds; -1 unset, 0 none */
	int rate_n;		/* -1 unset, 0 none */
	long rate_win;
	char *report;		/* link template with {event_id} */
	int set_places, set_owners, set_topics, set_kinds;
};

struct conf {
	struct sub *subs;
	size_t nsubs;
};

/* conf.c */
/*
 * Read the subscriptions of path.  Returns -1 after reporting every
 * bad line as "FILE:LINE: what"; conf_free frees what was read.
 */
int conf_load(struct conf *c, const char *path);
/* A --places supplement for the place names of the file, or NULL. */
extern const char *conf_places_supplement;
void conf_free(struct conf *c);
const struct sub *conf_find(const struct conf *c, const char *name);
/* Index of a response rule (emergency ...), -1 when unknown. */
int rule_index(const char *rule);
/* Warning level 0 (none) .. 4 (red), -1 when unknown. */
int warning_index(const char *w);

/* event.c: an event record reduced to what routing needs. */
enum { ST_NONE, ST_OPEN, ST_ANSWERED };

struct ev {
	json_t *rec;		/* the trimmed record: kept in the state */
	const char *id;
	int warning;		/* 0..4 */
	int rule;		/* rule_index, -1 none */
	int status;		/* ST_* */
	time_t deadline;	/* 0 when none */
	int *codes;		/* its places' codes and those above them */
	size_t ncodes;
	int from_input;		/* read in this run, not only remembered */
};

/* What posts tell of their events: topics, and the first post's link. */
struct posts;
struct posts *posts_new(void);
void posts_add(struct posts *p, json_t *post);
void posts_free(struct posts *p);

/*
 * An event record trimmed to the fields the messages use, with the
 * topics and first link the posts gave added (and those remembered in
 * prev, the trimmed record of an earlier run, or NULL); the caller owns it.
 */
json_t *ev_trim(json_t *event, const struct posts *p, json_t *prev);
/* Fill e from a trimmed record (e takes the reference); -1 if no id. */
int ev_init(struct ev *e, json_t *rec);
void ev_clear(struct ev *e);
/* True when subscriber s wants to hear of e at all. */
int ev_matches(const struct ev *e, const struct sub *s);

/* route.c */
struct alert {
	const struct sub *sub;
	const struct ev *ev;
	unsigned changes;	/* CH_* of this alert */
	int from_level;		/* for CH_RAISED: the level alerted before */
	char *keys;		/* the change keys, "\n"-separated, to remember */
};

/*
 * sent: the change keys already sent for (subscriber, event), as
 * "\n"-separated lines ("warning:3", "due:1700000000", "answered"),
 * NULL for none.  Returns the alert's changes (0: nothing new) and
 * fills *a.
 */
unsigned route_one(const struct ev *e, const struct sub *s, const char *sent,
    time_t now, struct alert *a);

/* msg.c */

/*
 * The messages of one event's alerts, made once for each way they
 * differ (changes, level before, report link) however many subscribers
 * get them.  msg_cache_clear before the next event.
 */
struct msg {
	unsigned changes;
	int from_level;
	const char *report;
	char *subject, *body;
	json_t *fields;
};
#define MSG_CACHE 16
struct msg_cache {
	struct msg m[MSG_CACHE];
	size_t n;
};
const struct msg *msg_of(struct msg_cache *c, const struct alert *a, time_t now);
void msg_cache_clear(struct msg_cache *c);

/* outbox.c */
/*
 * Open the state store and bring yq-alert's tables up to date.  NULL
 * with a message in *err (caller frees); ob_close closes it.
 */
struct yq_state *ob_open(const char *db, char **err);
int ob_close(struct yq_state *st);
/*
 * Append the remembered events (trimmed records) to the array out,
 * after forgetting those whose deadline was before forget.
 */
int ob_events(struct yq_state *st, time_t forget, json_t *out, char **err);
/* Drop the messages sent, folded or given up that were made before before. */
int ob_prune(struct yq_state *st, time_t before, char **err);
/* Remember e while its deadline is open; forget it once it is not. */
int ob_keep_event(struct yq_state *st, const struct ev *e, char **err);
/* Add the keys sent for event id to out: sub -> "\nk1\nk2\n". */
int ob_sent(struct yq_state *st, const char *id, json_t *out, char **err);
/* Remember a's keys as sent to its subscriber. */
int ob_mark_sent(struct yq_state *st, const struct alert *a, time_t now,
    char **err);

/* A message of the outbox. */
struct ob_row {
	long long id;
	char *sub, *event_id, *subject, *body, *ikey;
	json_t *fields;
	int urgent;		/* breaks through quiet hours and rate limits */
	int tries;
	time_t created, next_try;
};

/*
 * Queue a's message m: pending, or held for the subscriber's digest.
 * 0, or -1 with *err (as every function below).
 */
int ob_queue(struct yq_state *st, const struct alert *a, const struct msg *m,
    time_t now, char **err);
/* Fold s's held messages into one when its digest interval has passed. */
int ob_digest(struct yq_state *st, const struct sub *s, time_t now, char **err);
/* The pending rows due at now, oldest first (free with ob_rows_free). */
int ob_due(struct yq_state *st, time_t now, struct ob_row **rows, size_t *n,
    char **err);
void ob_rows_free(struct ob_row *rows, size_t n);
/* How many messages went to sub after since, and the oldest's time. */
int ob_count_sent(struct yq_state *st, const char *sub, time_t since,
    long *n, time_t *oldest, char **err);
/* After a try: sent; failed (retry at next, or give up); not tried yet. */
int ob_done(struct yq_state *st, long long id, time_t now, char **err);
int ob_retry(struct yq_state *st, long long id, time_t next, int give_up,
    const char *why, char **err);
int ob_postpone(struct yq_state *st, long long id, time_t next, char **err);
/* Give a message up untried (its subscriber is gone). */
int ob_give_up(struct yq_state *st, long long id, const char *why, char **err);
/* Write the outbox as records: pending, held and given up (all: every row). */
struct rec_out;
int ob_list(struct yq_state *st, struct rec_out *out, int all, char **err);

/* send.c */
struct send_opts {
	long timeout_ms;
	const char *user_agent;
};
/* libcurl's global set-up and clean-up: once, around every send. */
int send_init(void);
void send_cleanup(void);
/*
 * Deliver one message to s.  0 when the channel took it; -1 with a
 * one-line reason in *why (caller frees).
 */
int send_one(const struct sub *s, const struct ob_row *r,
    const struct send_opts *o, time_t now, char **why);

/* sign.c */
void sha256(const void *msg, size_t n, unsigned char out[32]);
void hmac_sha256(const void *key, size_t klen, const void *msg, size_t n,
    unsigned char out[32]);
char *base64(const unsigned char *p, size_t n);
char *hex(const unsigned char *p, size_t n);

#endif
