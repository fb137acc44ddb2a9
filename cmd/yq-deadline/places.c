/*
 * places.c: the administrative hierarchy yq-deadline needs to find who
 * owns an event: for a 6-digit code (GB/T 2260), its full and short
 * name and its level; the parent is the code with its last level
 * zeroed (331221 -> 331200 -> 330000).  Names come from the areacity
 * gazetteer (gazetteer.csv) and the --places supplement.
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline.h"
#include "record.h"
#include "yq.h"

/* code -> [full name, short name] */
static json_t *names;

static void
put(const char *code, const char *full, const char *shortname)
{
	char c[7];

	if (names == NULL)
		names = json_object();
	snprintf(c, sizeof c, "%s", code);
	while (strlen(c) < 6)
		strcat(c, "0");
	json_object_set_new(names, c, json_pack("[s s]", full, shortname));
}

struct csvrow {
	char *f[8];
	int nf;
	unsigned long rows;
};

static void
on_field(void *s, size_t len, void *data)
{
	struct csvrow *r = data;

	if (r->nf < 8)
		r->f[r->nf] = xstrndup(s, len);
	r->nf++;
}

/* Columns: id, pid, deep, short name, pinyin..., 12-digit code, full name. */
static void
on_row(int c, void *data)
{
	struct csvrow *r = data;
	int i;

	(void)c;
	if (r->rows++ > 0 && r->nf == 8 && strlen(r->f[0]) <= 6 &&
	    strspn(r->f[0], "0123456789") == strlen(r->f[0]) &&
	    strncmp(r->f[6], "91", 2) != 0)
		put(r->f[0], r->f[7], r->f[3]);
	for (i = 0; i < r->nf && i < 8; i++)
		free(r->f[i]);
	r->nf = 0;
}

int
places_load(const char *path)
{
	struct csv_parser p;
	struct csvrow r;
	char buf[65536];
	size_t n;
	int ok = 1;
	FILE *fp;

	if ((fp = fopen(path, "rb")) == NULL) {
		warn("cannot open gazetteer '%s'", path);
		return -1;
	}
	memset(&r, 0, sizeof r);
	csv_init(&p, CSV_APPEND_NULL);
	while (ok && (n = fread(buf, 1, sizeof buf, fp)) > 0)
		ok = csv_parse(&p, buf, n, on_field, on_row, &r) == n;
	csv_fini(&p, on_field, on_row, &r);
	csv_free(&p);
	fclose(fp);
	if (!ok)
		warnx("%s: not a CSV file", path);
	return ok ? 0 : -1;
}

int
places_load_supplement(const char *path)
{
	struct linereader *lr = lr_open(path, 4096);
	char *line, *f[3], *save;
	size_t len;
	int r, k;

	if (lr == NULL) {
		warn("cannot open places '%s'", path);
		return -1;
	}
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		if (r != REC_OK || len == 0 || line[0] == '#')
			continue;
		f[0] = strtok_r(line, "\t", &save);
		for (k = 1; k < 3 && f[k - 1] != NULL; k++)
			f[k] = strtok_r(NULL, "\t", &save);
		if (k < 3 || f[2] == NULL || strlen(f[0]) != 6 ||
		    strspn(f[0], "0123456789") != 6) {
			warnx("%s:%lu: want 'code<TAB>name<TAB>short...' with a "
			    "6-digit code", path, lr_lineno(lr));
			lr_close(lr);
			return -1;
		}
		put(f[0], f[1], f[2]);
	}
	lr_close(lr);
	return 0;
}

void
place_learn(const char *code, const char *name)
{
	if (code != NULL && name != NULL && strlen(code) == 6 &&
	    place_name(code) == NULL)
		put(code, name, name);
}

void
places_free(void)
{
	json_decref(names);
	names = NULL;
}

const char *
place_name(const char *code)
{
	return json_string_value(json_array_get(json_object_get(names, code), 0));
}

const char *
place_short(const char *code)
{
	return json_string_value(json_array_get(json_object_get(names, code), 1));
}

static int
valid(const char *code)
{
	return code != NULL && strlen(code) == 6 &&
	    strspn(code, "0123456789") == 6 && strcmp(code, "000000") != 0;
}

enum plevel
place_level(const char *code)
{
	if (!valid(code))
		return PL_NONE;
	if (strcmp(code + 2, "0000") == 0)
		return PL_PROVINCE;
	if (strcmp(code + 4, "00") == 0)
		return PL_CITY;
	return PL_COUNTY;
}

const char *
place_parent(const char *code, char *buf)
{
	switch (place_level(code)) {
	case PL_COUNTY:
		snprintf(buf, 7, "%.4s00", code);
		return buf;
	case PL_CITY:
		snprintf(buf, 7, "%.2s0000", code);
		return buf;
	default:
		return NULL;
	}
}

const char *
place_lca(const char *a, const char *b, char *buf)
{
	char pa[7], pb[7];

	if (!valid(a) || !valid(b))
		return NULL;
	snprintf(pa, sizeof pa, "%s", a);
	snprintf(pb, sizeof pb, "%s", b);
	while (strcmp(pa, pb) != 0) {
		if (place_level(pa) >= place_level(pb)) {
			if (place_parent(pa, buf) == NULL)
				return NULL;
			memcpy(pa, buf, 7);
		} else {
			if (place_parent(pb, buf) == NULL)
				return NULL;
			memcpy(pb, buf, 7);
		}
	}
	memcpy(buf, pa, 7);
	return buf;
}
