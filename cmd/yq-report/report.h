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
 *    "summary": [[label, value], ...],
 *    "sections": [{"name": s, "title": s, "note": s?,
 *                  "chart": {"kind": "bars"|"line", "x_label": s,
 *                            "x": [labels],
 *                            "series": [{"name": s, "values": [n...]}],
 *                            "min": n?, "max": n?}?,
 *                  "table": {"columns": [s...], "keys": [s...],
 *                            "rows": [[v...]...], "ids": [s...]?,
 *                            "more": n?, "more_label": s?,
 *                            "flags": [s|null...]?}?}]}
 * "columns" are labels in the report's language, "keys" the same columns
 * as English identifiers; "ids" are the event ids of tables of events.
 * A row's flag ("overdue", "late", "due_soon") marks it for colour.  A
 * table cut at --max-rows counts the rows left out in "more" and says so
 * in "more_label"; an empty table's section has a note saying so.
 */
#ifndef YQ_REPORT_H
#define YQ_REPORT_H

#include <stdio.h>
#include <time.h>
#include <jansson.h>

#include "record.h"

struct yq_state;

struct rparams {
	time_t now, since, until;
	int lang_en;
	long max_rows;		/* rows per table before "and N more" */
	time_t overdue_within;	/* daily: overdue events listed (0: all) */
	const char *event;	/* for the event report */
	struct yq_state *st;	/* for "new since the last report", or NULL */
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
/* Labels in the report's language. */
const char *L(const struct rparams *p, const char *zh, const char *en);

/* fromdb.c: the current picture, from the state store */
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
/* An event record's deadline statuses and hours left as of now. */
void fromdb_restatus(json_t *ev, time_t now);

/* render.c */
int render_text(json_t *doc, FILE *fp, int colour);
int render_md(json_t *doc, FILE *fp);
int render_csv(json_t *doc, FILE *fp, const char *table, int bom);
int render_json(json_t *doc, FILE *fp);
/* Display width of UTF-8 text: East Asian wide characters count 2. */
size_t text_width(const char *s);
/* A cell of a table as text (numbers without needless decimals). */
char *cell_text(json_t *v);

/* html.c */
int render_html(json_t *doc, FILE *fp);

/* issue.c: the issue number (期号) of a report, per kind and year */
/* Create or update issue.c's table.  0, or -1 and *err. */
int issue_migrate(struct yq_state *st, char **err);
/*
 * The period a report of kind covers, as a fresh string: the day its
 * window ends in (daily), the event asked for (event), its first and
 * last days (assess); the year the window ends in, in *year.
 */
char *issue_period(const char *kind, const struct rparams *p, int *year);
/*
 * The issue number of (kind, period): the one it was given before, or
 * the next of kind in year, taken in the open transaction.  0, or -1
 * and *err.
 */
int issue_number(struct yq_state *st, const char *kind, const char *period,
    int year, time_t now, long *number, char **err);

#endif
