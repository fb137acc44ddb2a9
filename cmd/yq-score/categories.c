/*
 * categories.c: the must-respond and signal categories, each a set of
 * PCRE2 patterns from a data file (categories.conf), compiled into one
 * alternation per category.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MAXCAT 32

static struct cat {
	char *name;
	char *alt;		/* the patterns joined by | */
	pcre2_code *re;
	pcre2_match_data *md;
} cats[MAXCAT];
static int ncats;

static struct cat *
cat_get(const char *name)
{
	int i;

	for (i = 0; i < ncats; i++)
		if (strcmp(cats[i].name, name) == 0)
			return &cats[i];
	if (ncats == MAXCAT)
		return NULL;
	cats[ncats].name = xstrdup(name);
	cats[ncats].alt = NULL;
	return &cats[ncats++];
}

/*
 * Check one pattern alone, so an error names its line and column (in
 * characters; col is the pattern's first column).
 */
static int
check(const char *path, unsigned long line, const char *pat, size_t col)
{
	pcre2_code *re;
	int ec;
	PCRE2_SIZE off;
	PCRE2_UCHAR msg[256];

	re = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF |
	    PCRE2_UCP, &ec, &off, NULL);
	if (re == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		warnx("%s:%lu:%zu: %s", path, line, col + utf8_len(pat, off),
		    (char *)msg);
		return -1;
	}
	pcre2_code_free(re);
	return 0;
}

int
cat_load(const char *path)
{
	struct linereader *lr = lr_open(path, 65536);
	char *line, *tab;
	size_t len;
	struct cat *c;
	int r, i, ec;
	PCRE2_SIZE off;

	if (lr == NULL) {
		warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r != REC_OK || len == 0 || line[0] == '#')
			continue;
		tab = strchr(line, '\t');
		if (tab == NULL || tab == line || tab[1] == '\0') {
			warnx("%s:%lu: want 'category<TAB>pattern'", path, lr_lineno(lr));
			lr_close(lr);
			return -1;
		}
		*tab = '\0';
		if (check(path, lr_lineno(lr), tab + 1, utf8_len(line, tab - line) + 2) < 0) {
			lr_close(lr);
			return -1;
		}
		if ((c = cat_get(line)) == NULL) {
			warnx("%s:%lu: more than %d categories", path,
			    lr_lineno(lr), MAXCAT);
			lr_close(lr);
			return -1;
		}
		if (c->alt == NULL)
			c->alt = xasprintf("(?:%s)", tab + 1);
		else {
			char *s = xasprintf("%s|(?:%s)", c->alt, tab + 1);

			free(c->alt);
			c->alt = s;
		}
	}
	lr_close(lr);
	for (i = 0; i < ncats; i++) {
		cats[i].re = pcre2_compile((PCRE2_SPTR)cats[i].alt,
		    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP |
		    PCRE2_MATCH_INVALID_UTF, &ec, &off, NULL);
		if (cats[i].re == NULL) {
			warnx("%s: category %s does not compile", path, cats[i].name);
			return -1;
		}
		yq_jit(cats[i].re);
		cats[i].md = pcre2_match_data_create_from_pattern(cats[i].re, NULL);
	}
	return 0;
}

json_t *
cat_match(const char *text)
{
	json_t *out = json_array();
	size_t n = strlen(text);
	int i, emergency = 0;

	for (i = 0; i < ncats; i++) {
		if (pcre2_match(cats[i].re, (PCRE2_SPTR)text, n, 0, 0, cats[i].md,
		    NULL) < 0)
			continue;
		/* A kind of emergency is an emergency too. */
		if (strncmp(cats[i].name, "emergency.", 10) == 0 && !emergency) {
			json_array_append_new(out, json_string("emergency"));
			emergency = 1;
		}
		if (strcmp(cats[i].name, "emergency") == 0) {
			if (emergency)
				continue;
			emergency = 1;
		}
		json_array_append_new(out, json_string(cats[i].name));
	}
	return out;
}

void
cat_free(void)
{
	int i;

	for (i = 0; i < ncats; i++) {
		free(cats[i].name);
		free(cats[i].alt);
		pcre2_code_free(cats[i].re);
		pcre2_match_data_free(cats[i].md);
		/* A failed load leaves re and md unset: no stale pointers. */
		memset(&cats[i], 0, sizeof cats[i]);
	}
	ncats = 0;
}
