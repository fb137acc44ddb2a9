/*
 * report.h: yq-report's parts.  model.c reads the records and works out
 * a report as a document (a JSON object: title, summary, sections with
 * tables and charts); the renderers turn that one document into text,
 * Markdown, CSV, JSON (render.c) or HTML with SVG charts (html.c), so
 * every format says the same thing.
 *
 * The document:
 *   {"report": "daily"|"event"|"assess", "title": s, "subtitle": s,
 *    "generated_at": t, "lang": "zh"|"en",
 *    "form": {"masthead": s, "issue": n?, "unit": s?, "date": s,
 *             "submit": s?, "signer": s?, "generated": s},
 *    "summary": [[label, value], ...],
 *    "sections": [{"name": s, "title": s, "note": s?,
 *                  "chart": {"kind": "bars"|"line", "x_label": s,
 *                            "x": [labels],
 *                            "series": [{"name": s, "values": [n...]}],
 *                            "min": n?, "max": n?}?,
 *                  "table": {"columns": [s...], "keys": [s...],
 *                            "rows": [[v...]...], "ids": [s...]?,
 *                            "more": n?, "more_label": s?,
 *                            "flags": [s|null...]?}?,
 *                  "statements": [{"text": s, "events": [id...],
 *                                  "posts": [id...], "links": [url|null...]}]?}]}
 * "columns" are labels in the report's language, "keys" the same columns
 * as English identifiers; "ids" are the event ids of tables of events.
 * A row's flag ("overdue", "late", "due_soon") marks it for colour.  A
 * table cut at --max-rows counts the rows left out in "more" and says so
 * in "more_label"; an empty table's section has a note saying so.  A
 * statement is a sentence written from the data with its evidence: the
 * ids of the events and posts it rests on (and the posts' URLs).
 */
#ifndef YQ_REPORT_H
#define YQ_REPORT_H

#include <stdio.h>
#include <time.h>
#include <jansson.h>

#include "record.h"

struct yq_state;

/*
 * The document's form as an office sends it up (form.c): the place its
 * title names (NULL: the city its posts name most), the unit compiling
 * it (编制单位), whom it goes to (报送), who signs it (签发), and its issue
 * number (期号; 0: none shown).
 */
struct rform {
	char *place, *unit, *submit, *signer;
	long issue;
};

struct rparams {
	time_t now, since, until;
	int lang_en;
	long max_rows;		/* rows per table before "and N more" */
	time_t overdue_within;	/* daily: overdue events listed (0: all) */
	const char *event;	/* for the event report */
	struct yq_state *st;	/* for "new since the last report", or NULL */
	struct rform form;
	int years;		/* times with their year (csv, json) */
	const char *period;	/* "daily", "weekly" or "monthly": the briefing's name */
	time_t kept_from;	/* the state keeps posts from then on (0: all read) */
	unsigned long rejected;	/* input lines rejected as bad */
};

/* model.c */
struct corpus;
/*
 * A corpus for one report: the daily report keeps the posts of its
 * window, the assessment none, so that memory follows the window, not
 * the input.  The event report keeps every post of an event (cut down
 * to what a report shows): which events were merged into the one asked
 * for is known only from its record, which comes after its posts.
 */
struct corpus *corpus_new(const struct rparams *p, const char *kind);
void corpus_free(struct corpus *c);
/* Keep what the reports need of a record (post or event). 0, or -1 and *why. */
int corpus_add(struct corpus *c, json_t *rec, time_t now, const char **why);
/* The report documents; NULL and a message on stderr when impossible. */
json_t *report_daily(struct corpus *c, const struct rparams *p);
json_t *report_event(struct corpus *c, const struct rparams *p);
json_t *report_assess(struct corpus *c, const struct rparams *p);

/* form.c */
/*
 * Read the configuration file path ("key = value" lines: place, unit,
 * submit, signer; # comments) into f, keeping what f already has (the
 * options).  A missing file is no error unless must_exist.  0, or -1 and
 * *err ("file:line: what"; the caller frees).
 */
int form_read(struct rform *f, const char *path, int must_exist, char **err);
void form_free(struct rform *f);
/*
 * The issue number of the report of kind for period (a day, an event
 * id...): the one it was given, else the next of kind in year, recorded
 * in the state (in the caller's transaction).  -1 and *err on error.
 */
/* The state's table of issue numbers, made before any transaction. */
int form_migrate(struct yq_state *st, char **err);
long form_issue(struct yq_state *st, const char *kind, const char *period,
    int year, char **err);

/* fromdb.c: the current picture, from the state store */
#define FROMDB_KEEP_DAYS 31	/* posts are kept this long */
/* Open the state store with yq-report's tables; NULL and *err. */
struct yq_state *fromdb_open(const char *db, char **err);
/* Whether a record can be kept (0), or -1 and *why (as corpus_add). */
int fromdb_check(json_t *rec, time_t now, const char **why);
/* Keep the records of spool (one per line) and drop those too old to
 * show, in one transaction.  0, or -1 and *err. */
int fromdb_store(struct yq_state *st, FILE *spool, time_t now, char **err);
/* Add the stored records a report of kind needs to the corpus, each
 * event's response moved on to p->now.  0, or -1 and *err. */
int fromdb_load(struct yq_state *st, struct corpus *co, const struct rparams *p,
    const char *kind, char **err);

/* render.c */
int render_text(json_t *doc, FILE *fp, int colour);
int render_md(json_t *doc, FILE *fp);
int render_csv(json_t *doc, FILE *fp, const char *table, int bom);
int render_json(json_t *doc, FILE *fp);
/* Display width of UTF-8 text: East Asian wide characters count 2. */
size_t text_width(const char *s);
/* A cell of a table as text (numbers without needless decimals). */
char *cell_text(json_t *v);

/* The masthead when it is not the title (the event report's), or NULL. */
const char *form_masthead(json_t *doc);

/* html.c */
int render_html(json_t *doc, FILE *fp);

#endif
