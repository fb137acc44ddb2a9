/*
 * form.c: the form of a report an office sends up: the place its title
 * names, the unit that compiles it (编制单位), whom it goes to (报送) and
 * who signs it (签发), from a configuration file (yq-report(1), FILES)
 * and the options; and its issue number (期号), counted in the state
 * store per kind of report and year, one number per period however
 * often the page is made again.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "state.h"
#include "yq.h"

static const char *const issue_schema[] = {
	"CREATE TABLE report_issues (kind TEXT NOT NULL, period TEXT NOT NULL,"
	" year INTEGER NOT NULL, no INTEGER NOT NULL, PRIMARY KEY (kind, period));"
};

/* s with its blanks at both ends cut (in place). */
static char *
trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Set *slot to value unless an option set it already. */
static void
keep(char **slot, const char *value)
{
	if (*slot == NULL)
		*slot = xstrdup(value);
}

static int
form_line(struct rform *f, char *line, const char **what)
{
	char *eq = strchr(line, '='), *key, *value;

	line = trim(line);
	if (*line == '\0' || *line == '#')
		return 0;
	if (eq == NULL) {
		*what = "want key = value";
		return -1;
	}
	*eq = '\0';
	key = trim(line);
	value = trim(eq + 1);
	if (strcmp(key, "place") == 0)
		keep(&f->place, value);
	else if (strcmp(key, "unit") == 0)
		keep(&f->unit, value);
	else if (strcmp(key, "submit") == 0)
		keep(&f->submit, value);
	else if (strcmp(key, "signer") == 0)
		keep(&f->signer, value);
	else {
		*what = "unknown key";
		return -1;
	}
	return 0;
}

int
form_read(struct rform *f, const char *path, int must_exist, char **err)
{
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	long no = 0;
	const char *what;
	int r = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && !must_exist)
			return 0;
		*err = xasprintf("cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	while (r == 0 && getline(&line, &cap, fp) != -1) {
		char *copy = xstrdup(line);

		no++;
		if ((r = form_line(f, line, &what)) < 0)
			*err = xasprintf("%s:%ld: %s: '%s'", path, no, what,
			    trim(copy));
		free(copy);
	}
	if (r == 0 && ferror(fp)) {
		*err = xasprintf("cannot read '%s': %s", path, strerror(errno));
		r = -1;
	}
	free(line);
	fclose(fp);
	return r;
}

void
form_free(struct rform *f)
{
	free(f->place);
	free(f->unit);
	free(f->submit);
	free(f->signer);
}

static long
issue_query(struct yq_state *st, const char *sql, const char *kind,
    const char *period, int year)
{
	sqlite3_stmt *q;
	long no = -1;
	int rc;

	if (sqlite3_prepare_v2(st_db(st), sql, -1, &q, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(q, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, period, -1, SQLITE_STATIC);
	sqlite3_bind_int(q, 3, year);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		no = (long)sqlite3_column_int64(q, 0);
	else if (rc == SQLITE_DONE)
		no = 0;
	sqlite3_finalize(q);
	return no;
}

int
form_migrate(struct yq_state *st, char **err)
{
	return st_migrate(st, "report-issue", issue_schema, 1, err);
}

long
form_issue(struct yq_state *st, const char *kind, const char *period, int year,
    char **err)
{
	long no;

	/* The period's own number: a page made again keeps it. */
	no = issue_query(st, "SELECT no FROM report_issues WHERE kind = ?1 AND "
	    "period = ?2 AND ?3 = ?3", kind, period, year);
	if (no > 0)
		return no;
	if (no == 0)
		no = issue_query(st, "INSERT INTO report_issues SELECT ?1, ?2, ?3, "
		    "COALESCE(MAX(no), 0) + 1 FROM report_issues WHERE kind = ?1 AND "
		    "year = ?3 RETURNING no", kind, period, year);
	if (no <= 0)
		*err = xasprintf("issue number: %s", sqlite3_errmsg(st_db(st)));
	return no;
}
