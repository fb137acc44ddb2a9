/*
 * rules.c: load response.conf, the response rules of 国办发〔2016〕61号
 * as data, and answer the questions the rest of yq-deadline asks of
 * them (department aliases, official accounts, answer forms).
 */
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "record.h"
#include "yq.h"

const char *const level_names[4] = { "特别重大", "重大", "较大", "一般" };
const char *const answer_forms[4] = {
	"press_conference", "briefing", "refutation", "statement"
};

/*
 * The date a story is told of: a year written out in full with its month
 * (1988年3月13日), the first a text names.  A year alone is often not
 * the story's (照片是2019年外省一座桥的新闻图), and two digits (94年)
 * too often a count of years (坐了10年火车).
 */
static const char year_pattern[] =
    "(?<![0-9])(1[89][0-9]{2}|20[0-9]{2})年(?:[01]?[0-9]|[一二三四五六七八九十]{1,2})月";

#define MAXTOK 64
#define MAXHOURS (24 * 366)	/* a deadline or an update a year off at most */

struct cfgline {
	const char *path;
	unsigned long line;
	int n;
	char *tok[MAXTOK];
};

static int
bad(const struct cfgline *l, const char *what)
{
	yq_warnx("%s:%lu: %s", l->path, l->line, what);
	return -1;
}

static int
level_index(const char *s)
{
	int i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return strcmp(s, "other") == 0 ? LV_NONE : -1;
}

static int
num(const char *s, double *d)
{
	char *end;

	*d = strtod(s, &end);
	return *end == '\0' && end != s && *d >= 0 ? 0 : -1;
}

static pcre2_code *
compile(const struct cfgline *l, const char *pat)
{
	pcre2_code *re;
	int ec;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[200];

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP, &ec, &off, NULL);
	if (re == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		yq_warnx("%s:%lu: pattern at byte %zu: %s", l->path, l->line,
		    (size_t)off, (char *)msg);
	}
	return re;
}

static int
list(const struct cfgline *l, char **dst, int *n)
{
	int i;

	for (i = 1; i < l->n; i++) {
		if (*n == MAXNAMES)
			return bad(l, "too many names");
		dst[(*n)++] = xstrdup(l->tok[i]);
	}
	return 0;
}

static int
rule_line(struct rules *r, const struct cfgline *l)
{
	struct rule *ru;
	int i;

	if (l->n < 4)
		return bad(l, "rule wants NAME MIN_SHARE CATEGORY...");
	if (r->nrules == MAXRULES)
		return bad(l, "too many rules");
	ru = &r->rule[r->nrules++];
	ru->name = xstrdup(l->tok[1]);
	if (num(l->tok[2], &ru->min_share) < 0 || ru->min_share > 1)
		return bad(l, "MIN_SHARE wants a number in [0, 1]");
	for (i = 3; i < l->n; i++) {
		if (strcmp(l->tok[i], "owner") == 0 && i + 1 < l->n) {
			free(ru->owner);	/* given twice: the last wins */
			ru->owner = xstrdup(l->tok[++i]);
		} else if (strcmp(l->tok[i], "coordinator") == 0 && i + 1 < l->n) {
			free(ru->coordinator);
			ru->coordinator = xstrdup(l->tok[++i]);
		} else if (strcmp(l->tok[i], "refer") == 0) {
			while (i + 1 < l->n && ru->nrefer < 4)
				ru->refer[ru->nrefer++] = xstrdup(l->tok[++i]);
		} else if (ru->owner || ru->coordinator || ru->nrefer)
			return bad(l, "categories come before owner, coordinator, refer");
		else if (ru->ncats == MAXCATS)
			return bad(l, "too many categories");
		else
			ru->cats[ru->ncats++] = xstrdup(l->tok[i]);
	}
	return ru->ncats ? 0 : bad(l, "rule names no category");
}

static int
level_line(struct rules *r, const struct cfgline *l)
{
	int lv = l->n == 5 ? level_index(l->tok[1]) : -1, i;

	if (lv < 0 || lv > LV_LARGE)
		return bad(l, "level wants 特别重大|重大|较大 DEATHS INJURIES LOSS");
	for (i = 0; i < 3; i++)
		if (num(l->tok[2 + i], &r->limits[lv][i]) < 0)
			return bad(l, "level figures must be numbers");
	return 0;
}

static int
deadline_line(struct rules *r, const struct cfgline *l)
{
	struct dl_rule *d;
	double h;
	int lv = l->n == 4 ? level_index(l->tok[1]) : -1;

	if (lv < 0 || num(l->tok[3], &h) < 0 || h <= 0 || h > MAXHOURS)
		return bad(l, "deadline wants LEVEL FORM HOURS (a year at most)");
	if (strcmp(l->tok[2], "statement") != 0 &&
	    strcmp(l->tok[2], "press_conference") != 0)
		return bad(l, "deadline FORM is statement or press_conference");
	if (r->ndl == MAXDL * 2)
		return bad(l, "too many deadlines");
	d = &r->dl[r->ndl++];
	d->level = lv;
	d->form = xstrdup(l->tok[2]);
	d->hours = (long)h;
	return 0;
}

static int
plevel_index(const char *s)
{
	static const char *const n[] = { "province", "city", "county" };
	int i;

	for (i = 0; i < 3; i++)
		if (strcmp(s, n[i]) == 0)
			return i;
	return -1;
}

static int
pair_line(const struct cfgline *l, char *(*dst)[2], int *n)
{
	if (l->n != 3)
		return bad(l, "wants two words");
	if (*n == MAXNAMES)
		return bad(l, "too many entries");
	dst[*n][0] = xstrdup(l->tok[1]);
	dst[*n][1] = xstrdup(l->tok[2]);
	(*n)++;
	return 0;
}

static int
answer_line(struct rules *r, const struct cfgline *l)
{
	int i;

	for (i = 0; i < 4; i++)
		if (l->n == 3 && strcmp(l->tok[1], answer_forms[i]) == 0)
			break;
	if (i == 4)
		return bad(l, "answer wants FORM PATTERN (press_conference, "
		    "briefing, refutation, statement)");
	if (r->answer_re[i] != NULL)
		return bad(l, "answer form given twice");
	return (r->answer_re[i] = compile(l, l->tok[2])) ? 0 : -1;
}

/* A directive of one regular expression (not_official, abroad, home). */
static int
pattern_line(const struct cfgline *l, pcre2_code **re)
{
	char why[64];

	if (l->n != 2 || *re != NULL) {
		snprintf(why, sizeof why, "%s wants one PATTERN", l->tok[0]);
		return bad(l, why);
	}
	return (*re = compile(l, l->tok[1])) ? 0 : -1;
}

/*
 * The directives of numbers: update, owner_level, place_share,
 * dept_share, history.  0, -1 (reported), or 1 when d is none of them.
 */
static int
number_line(struct rules *r, const struct cfgline *l, const char *d)
{
	double x, y;
	int lv, pl;

	if (strcmp(d, "update") == 0) {
		if (l->n != 3 || num(l->tok[1], &x) < 0 || num(l->tok[2], &y) < 0 ||
		    x > MAXHOURS || y > 1e9)
			return bad(l, "update wants HOURS GROWING (a year at most)");
		r->update_hours = (long)x;
		r->growing_min = (long)y;
	} else if (strcmp(d, "owner_level") == 0) {
		lv = l->n == 3 ? level_index(l->tok[1]) : -1;
		pl = l->n == 3 ? plevel_index(l->tok[2]) : -1;
		if (lv < 0 || lv == LV_NONE || pl < 0)
			return bad(l, "owner_level wants LEVEL province|city|county");
		r->owner_level[lv] = pl;
	} else if (strcmp(d, "place_share") == 0) {
		if (l->n != 2 || num(l->tok[1], &r->place_share) < 0)
			return bad(l, "place_share wants a number");
	} else if (strcmp(d, "dept_share") == 0) {
		if (l->n != 3 || num(l->tok[1], &r->dept_share) < 0 ||
		    num(l->tok[2], &x) < 0 || x > 1e9)
			return bad(l, "dept_share wants X MIN");
		r->dept_min_posts = (long)x;
	} else if (strcmp(d, "history") == 0) {
		if (l->n != 2 || num(l->tok[1], &x) < 0 || x > 1000)
			return bad(l, "history wants YEARS (0: off)");
		r->history_years = (int)x;
	} else
		return 1;
	return 0;
}

static int
directive(struct rules *r, const struct cfgline *l)
{
	const char *d = l->tok[0];
	int k;

	if (strcmp(d, "rule") == 0)
		return rule_line(r, l);
	if (strcmp(d, "refuted") == 0) {
		if (l->n != 3)
			return bad(l, "refuted wants RUMOUR REFUTATION");
		free(r->refuted[0]);	/* given twice: the last wins */
		free(r->refuted[1]);
		r->refuted[0] = xstrdup(l->tok[1]);
		r->refuted[1] = xstrdup(l->tok[2]);
		return 0;
	}
	if (strcmp(d, "level") == 0)
		return level_line(r, l);
	if (strcmp(d, "deadline") == 0)
		return deadline_line(r, l);
	if ((k = number_line(r, l, d)) <= 0)
		return k;
	if (strcmp(d, "alias") == 0)
		return pair_line(l, r->alias, &r->nalias);
	if (strcmp(d, "competent") == 0)
		return pair_line(l, r->competent, &r->ncompetent);
	if (strcmp(d, "notdept") == 0)
		return list(l, r->notdept, &r->nnotdept);
	if (strcmp(d, "vertical") == 0)
		return list(l, r->vertical, &r->nvertical);
	if (strcmp(d, "national") == 0)
		return list(l, r->national, &r->nnational);
	if (strcmp(d, "official") == 0)
		return list(l, r->official, &r->nofficial);
	if (strcmp(d, "answer") == 0)
		return answer_line(r, l);
	if (strcmp(d, "not_official") == 0)
		return pattern_line(l, &r->not_official_re);
	if (strcmp(d, "abroad") == 0)
		return pattern_line(l, &r->abroad_re);
	if (strcmp(d, "home") == 0)
		return pattern_line(l, &r->home_re);
	return bad(l, "unknown directive");
}

static void
split(struct cfgline *l, char *s)
{
	char *save = NULL, *t;

	l->n = 0;
	if ((t = strchr(s, '#')) != NULL)
		*t = '\0';
	for (t = strtok_r(s, " \t", &save); t && l->n < MAXTOK;
	    t = strtok_r(NULL, " \t", &save))
		l->tok[l->n++] = t;
}

static int
check(const struct rules *r, const char *path)
{
	int i;

	if (r->nrules == 0 || r->ndl == 0) {
		yq_warnx("%s: no rule or no deadline", path);
		return -1;
	}
	for (i = 0; i < 4; i++)
		if (r->answer_re[i] == NULL) {
			yq_warnx("%s: no answer pattern for %s", path, answer_forms[i]);
			return -1;
		}
	return 0;
}

int
rules_load(struct rules *r, const char *path)
{
	struct linereader *lr;
	struct cfgline l;
	char *line;
	size_t len;
	int res, status = 0;

	memset(r, 0, sizeof *r);
	r->update_hours = 24;
	r->growing_min = 3;
	r->place_share = 0.3;
	r->dept_share = 0.5;
	r->dept_min_posts = 2;
	r->owner_level[LV_EXTRA] = PL_PROVINCE;
	r->owner_level[LV_MAJOR] = PL_CITY;
	r->owner_level[LV_LARGE] = PL_CITY;
	r->owner_level[LV_GENERAL] = PL_COUNTY;
	if ((lr = lr_open(path, 65536)) == NULL) {
		yq_warn("cannot open rules '%s'", path);
		return -1;
	}
	l.path = path;
	while ((res = lr_next(lr, &line, &len)) != REC_EOF) {
		if (res != REC_OK) {
			yq_warnx("%s:%lu: %s", path, lr_lineno(lr), lr_error(lr));
			status = -1;
			break;
		}
		l.line = lr_lineno(lr);
		split(&l, line);
		if (l.n > 0 && directive(r, &l) < 0) {
			status = -1;
			break;
		}
	}
	lr_close(lr);
	if (status == 0 && r->history_years > 0)
		r->year_re = compile(&l, year_pattern);
	return status == 0 ? check(r, path) : -1;
}

static void
free_list(char **v, int n)
{
	while (n-- > 0)
		free(v[n]);
}

void
rules_free(struct rules *r)
{
	int i, j;

	for (i = 0; i < r->nrules; i++) {
		free(r->rule[i].name);
		free_list(r->rule[i].cats, r->rule[i].ncats);
		free(r->rule[i].owner);
		free(r->rule[i].coordinator);
		free_list(r->rule[i].refer, r->rule[i].nrefer);
	}
	free(r->refuted[0]);
	free(r->refuted[1]);
	for (i = 0; i < r->ndl; i++)
		free(r->dl[i].form);
	for (i = 0; i < r->nalias; i++)
		for (j = 0; j < 2; j++)
			free(r->alias[i][j]);
	for (i = 0; i < r->ncompetent; i++)
		for (j = 0; j < 2; j++)
			free(r->competent[i][j]);
	free_list(r->vertical, r->nvertical);
	free_list(r->notdept, r->nnotdept);
	free_list(r->national, r->nnational);
	free_list(r->official, r->nofficial);
	for (i = 0; i < 4; i++)
		pcre2_code_free(r->answer_re[i]);
	pcre2_code_free(r->not_official_re);
	pcre2_code_free(r->abroad_re);
	pcre2_code_free(r->home_re);
	pcre2_code_free(r->year_re);
}

const char *
rules_dept(const struct rules *r, const char *word)
{
	int i;

	for (i = 0; i < r->nalias; i++)
		if (strcmp(word, r->alias[i][0]) == 0)
			return r->alias[i][1];
	return word;
}

int
rules_is_in(char *const *list, int n, const char *word)
{
	size_t lw = strlen(word), ls;
	int i;

	/* A listed word matches the whole word or its end (沄江海关). */
	for (i = 0; i < n; i++) {
		ls = strlen(list[i]);
		if (ls <= lw && strcmp(word + lw - ls, list[i]) == 0)
			return 1;
	}
	return 0;
}

int
rules_match(const pcre2_code *re, const char *s)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)s, PCRE2_ZERO_TERMINATED, 0, 0,
	    md, NULL);

	pcre2_match_data_free(md);
	return rc >= 0;
}

int
rules_official(const struct rules *r, const char *author, const char *platform)
{
	if (author == NULL || *author == '\0')
		return platform != NULL && strcmp(platform, "gov") == 0;
	if (r->not_official_re != NULL && rules_match(r->not_official_re, author))
		return 0;
	if (platform != NULL && strcmp(platform, "gov") == 0)
		return 1;
	return rules_is_in(r->official, r->nofficial, author);
}

int
rules_answer_form(const struct rules *r, const char *text)
{
	int i;

	for (i = 0; i < 4; i++)
		if (rules_match(r->answer_re[i], text))
			return i;
	return -1;
}


int
rules_history(const struct rules *r, const char *text, time_t local)
{
	pcre2_match_data *md;
	PCRE2_SIZE *ov;
	struct tm tm;
	int year = -1;

	if (r->year_re == NULL)
		return -1;
	md = pcre2_match_data_create_from_pattern(r->year_re, NULL);
	if (pcre2_match(r->year_re, (PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, 0, 0,
	    md, NULL) > 1) {
		ov = pcre2_get_ovector_pointer(md);
		year = atoi(text + ov[2]);
	}
	pcre2_match_data_free(md);
	if (year < 0 || gmtime_r(&local, &tm) == NULL)
		return -1;
	return tm.tm_year + 1900 > year ? tm.tm_year + 1900 - year : -1;
}
