/*
 * deadline.h: yq-deadline's modules.  The response rules (rules.c, from
 * response.conf), the places and their hierarchy (places.c), casualty
 * and loss figures in text (figures.c), the per-event tally and the
 * response it earns (event.c), and the answer ledger in the state store
 * (ledger.c).
 */
#ifndef YQ_DEADLINE_H
#define YQ_DEADLINE_H

#include <jansson.h>
#include <stdint.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

struct yq_state;
struct yq_cmd;

/* Emergency levels, most severe first; LV_NONE when not an emergency. */
enum level { LV_EXTRA, LV_MAJOR, LV_LARGE, LV_GENERAL, LV_NONE };
/* Place levels (GB/T 2260): county includes districts and county cities. */
enum plevel { PL_PROVINCE, PL_CITY, PL_COUNTY, PL_NONE };

#define MAXRULES	16
#define MAXCATS		8
#define MAXNAMES	48
#define MAXDL		4

struct rule {
	char *name;
	double min_share;		/* share of the event's posts */
	int ncats;
	char *cats[MAXCATS];		/* "emergency.*" matches a prefix */
	char *owner, *coordinator;	/* department words, or NULL */
	int nrefer;
	char *refer[4];
};

struct dl_rule {			/* one deadline of a kind of event */
	int level;			/* enum level; LV_NONE: every other */
	char *form;			/* statement, press_conference */
	long hours;
};

struct rules {
	int nrules;
	struct rule rule[MAXRULES];
	char *refuted[2];		/* rumour category, refutation category */
	double limits[3][3];		/* [level][deaths, injuries, loss] */
	int ndl;
	struct dl_rule dl[MAXDL * 2];
	long update_hours;		/* 持续发布: hours between updates */
	long growing_min;		/* posts in the last day to be growing */
	int owner_level[4];		/* enum plevel per enum level */
	double place_share, dept_share;
	long dept_min_posts;
	int nalias;
	char *alias[MAXNAMES][2];	/* department word -> canonical */
	int ncompetent;
	char *competent[MAXNAMES][2];	/* category -> department word */
	int nvertical, nnotdept, nnational, nofficial;
	char *vertical[MAXNAMES], *notdept[MAXNAMES];
	char *national[MAXNAMES], *official[MAXNAMES];
	pcre2_code *answer_re[4];	/* press_conference, briefing, refutation, statement */
	pcre2_code *not_official_re;
	pcre2_code *abroad_re;		/* foreign places: a post abroad */
	pcre2_code *home_re;		/* the nation named: at home all the same */
	int history_years;		/* an emergency this old is history */
	pcre2_code *year_re;		/* compiled on first use */
};

extern const char *const level_names[4];
extern const char *const answer_forms[4];

/* rules.c */
/* Load a rules file; 0, or -1 after naming the file and line. */
int rules_load(struct rules *r, const char *path);
void rules_free(struct rules *r);
/* The canonical form of a department word (aliases applied). */
const char *rules_dept(const struct rules *r, const char *word);
int rules_is_in(char *const *list, int n, const char *word);
/* Whether a post's author reads as an official account; its answer form
 * (answer_forms index) or -1. */
int rules_official(const struct rules *r, const char *author, const char *platform);
int rules_answer_form(const struct rules *r, const char *text);
/* Whether the pattern matches s (UTF-8). */
int rules_match(const pcre2_code *re, const char *s);
/*
 * How many years before the calendar year of local (a time moved by its
 * offset) lies the first year text names in full, or -1 (none, or not
 * before).
 */
int rules_history(const struct rules *r, const char *text, time_t local);

/* places.c: over common/gazetteer.c */
/* The gazetteer and the abolished names; -1 after reporting file:line. */
int places_load(const char *path);
/* A --places supplement (gazetteer.h's format); -1 after reporting. */
int places_load_supplement(const char *path);
void places_free(void);
/* Whether a record's place counts for the owner (its role is not side). */
int place_counts(const json_t *place);
/* A place named in a record, when the gazetteer does not know it. */
void place_learn(const char *code, const char *name);
/* Full name, level and parent of a 6-digit code; NULL/PL_NONE/NULL. */
const char *place_name(const char *code);
const char *place_short(const char *code);
enum plevel place_level(const char *code);
/* The parent code in buf (7 bytes), or NULL at the top. */
const char *place_parent(const char *code, char *buf);
/* The lowest common ancestor of two codes in buf, or NULL. */
const char *place_lca(const char *a, const char *b, char *buf);

/* figures.c */
struct figures {
	double deaths, injuries, loss;	/* -1 when not reported */
	char *src[3];			/* id of the post that gave each */
	char *quote[3];			/* and the words */
};
int figures_init(void);
void figures_free_re(void);
/* Raise f's figures with those in text (post id for the reasons). */
void figures_scan(struct figures *f, const char *text, const char *id);
void figures_clear(struct figures *f);
/* Parse a number in Arabic or Chinese numerals; -1 when none. */
double cn_number(const char *s, size_t n);

/* event.c */
struct answer {
	char *id;		/* post id, or NULL for a ledger entry */
	time_t at;
	int off;
	char *form, *by, *url, *source;
};

struct event;
struct tally;

struct tally *tally_new(const struct rules *r, time_t now);
void tally_free(struct tally *t);
/* Count a post in its event (by event_id; none: ignored).  The post is
 * not kept.  Returns 0, or -1 with *why. */
int tally_post(struct tally *t, json_t *post, const char **why);
/* Keep an event record (reference taken). */
int tally_event(struct tally *t, json_t *ev, const char *raw, size_t rawlen,
    const char **why);
/* The events in first-seen order (NULL: forgotten, tally_forget). */
size_t tally_count(const struct tally *t);
struct event *tally_get(struct tally *t, size_t i);
/*
 * The events whose records came since the last tally_forget (those merged
 * into them included, event_gone): final when a post follows them, as
 * yq-cluster --stream writes an event's record after all its posts.
 */
size_t tally_pending(const struct tally *t, struct event ***list);
/* Forget the pending events (answered). */
void tally_forget(struct tally *t);
const char *event_id(const struct event *e);
/* Whether the event was merged into another (yq-cluster's aliases). */
int event_gone(const struct event *e);
void event_add_answer(struct event *e, const struct answer *a);
void event_first_seen(struct event *e, time_t t, int off);
time_t event_get_first_seen(const struct event *e, int *off);
void event_set_upper(struct event *e);
/* The kind and level an earlier run decided over posts posts; and what
 * this run decided (after event_response), to remember (*posts -1 when
 * the ledger counted the posts by id). */
void event_remembered(struct event *e, const char *rule, int level, long posts);
const char *event_decided(const struct event *e, int *level, long *posts);
/* Keep each event's post ids, for the ledger (with the state store). */
void tally_keep_ids(struct tally *t);
/* The hashes of the ids of the event's posts here, sorted, each once. */
size_t event_post_ids(struct event *e, const uint64_t **ids);
/* The posts earlier runs counted in the event, and how many of this
 * run's are new: its remembered kind stands unless fresh > posts. */
void event_counted_before(struct event *e, long posts, long fresh);
/* An analyst's kind (a rule name, or "watch") and level (enum level),
 * NULL and -1 for none, to stand over what the posts say. */
void event_override(struct event *e, const char *rule, int level);
/* The event record with "response" added (new reference). */
json_t *event_response(struct tally *t, struct event *e, long warn,
    int explain);
/* The answers detected in the event's posts, for the ledger. */
size_t event_answers(const struct event *e, const struct answer **list);

/* ledger.c */
struct yq_state *ledger_open(const char *db, char **err);
/* Merge the event's stored first-seen time and answers, and store what
 * the run found; count its posts once each (as of now).  0, or -1 with
 * *err. */
int ledger_sync(struct yq_state *st, struct event *e, time_t now, char **err);
/* Forget which posts were counted, for those counted long before now. */
int ledger_forget_posts(struct yq_state *st, time_t now, char **err);
/* Remember what event_response decided. */
int ledger_save(struct yq_state *st, struct event *e, char **err);
int ledger_add(struct yq_state *st, const char *event, const struct answer *a,
    char **err);
/* Record an answer given as a correction's value ({"at", "form", "by",
 * "url"}); take back the one correction id recorded, if it was an
 * answer.  0, or -1 with *err. */
int ledger_answer_json(struct yq_state *st, const char *event, const char *value,
    char **err);
int ledger_undo_answer(struct yq_state *st, long id, char **err);
/* Write the ledger (one event, or all when NULL) as records to fp. */
int ledger_list(struct yq_state *st, const char *event, FILE *fp, char **err);

/* digest.c */
/* Keep what the digest needs of an event record with its response. */
int ledger_picture(struct yq_state *st, json_t *ev, char **err);
int run_digest(int argc, char **argv);
extern const struct yq_cmd digest_cmd;

/* marks.c */
/* Run a correction verb (mark, set, merge, split, undo, corrections, replay):
 * its exit status, or -1 when argv[1] is none of them. */
int marks_main(int argc, char **argv);
/* The id of the event id names (exact, or a unique prefix) among those
 * judged with the state store; exits 2 when none or several. */
char *marks_resolve(struct yq_state *st, const char *id);
/* Apply the analysts' kind and level overrides in force to e. */
int marks_overrides(struct yq_state *st, struct event *e, char **err);
extern const struct yq_cmd mark_cmd, set_cmd, merge_cmd, split_cmd, undo_cmd,
    corrections_cmd, replay_cmd;

#endif
