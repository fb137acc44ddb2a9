/*
 * csvin.c: CSV exports (libcsv), in UTF-8 with or without a BOM or in
 * GBK/GB18030, converted to UTF-8 as they stream in.  The first row is
 * the header; --map names the columns, else they are guessed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <csv.h>
#include <unistd.h>
#include <zlib.h>
#include "yq.h"
#include "utf8.h"
#include "fetch.h"

struct csvctx {
	const char *path, *source;
	struct fieldmap map;
	struct emitter *e;
	char **row;		/* fields of the current row */
	size_t nrow, caprow;
	char **head;		/* header names */
	size_t nhead;
	int col[F_NFIELDS];	/* column index per field, -1 none */
	struct plat_run *plat;	/* --from: rows go to platform.c */
	unsigned long line;
	int bad, stop;
};

static void
on_field(void *f, size_t len, void *arg)
{
	struct csvctx *c = arg;

	if (c->nrow == c->caprow) {
		c->caprow = c->caprow ? 2 * c->caprow : 16;
		c->row = xrealloc(c->row, c->caprow * sizeof(*c->row));
	}
	c->row[c->nrow++] = xstrndup(f != NULL ? f : "", len);
}

static void
clear_row(struct csvctx *c)
{
	size_t i;

	for (i = 0; i < c->nrow; i++)
		free(c->row[i]);
	c->nrow = 0;
}

/* The header row: find each field's column. */
static void
header(struct csvctx *c)
{
	size_t i;
	int f;

	c->head = c->row;
	c->nhead = c->nrow;
	c->row = NULL;
	c->nrow = c->caprow = 0;
	if (c->nhead > 0 && strncmp(c->head[0], "\xef\xbb\xbf", 3) == 0)
		memmove(c->head[0], c->head[0] + 3, strlen(c->head[0] + 3) + 1);
	for (i = 0; i < c->nhead; i++)
		text_normalise(c->head[i]);
	if (c->plat != NULL)
		return;
	fieldmap_guess(&c->map, c->head, c->nhead);
	for (f = 0; f < F_NFIELDS; f++) {
		c->col[f] = -1;
		for (i = 0; c->map.col[f] != NULL && i < c->nhead; i++)
			if (strcmp(c->head[i], c->map.col[f]) == 0) {
				c->col[f] = (int)i;
				break;
			}
		if (c->map.col[f] != NULL && c->col[f] < 0) {
			yq_warnx("%s: no column '%s' for %s", c->path, c->map.col[f],
			    fieldmap_names[f]);
			c->bad = 1;
		}
	}
	if (c->col[F_TEXT] < 0 && c->col[F_TITLE] < 0 && !c->bad) {
		yq_warnx("%s: no text or title column; name one with --map "
		    "text=COLUMN", c->path);
		c->bad = 1;
	}
	if (c->bad)
		c->stop = 1;
}

static void
on_row(int term, void *arg)
{
	struct csvctx *c = arg;
	const char *v[F_NFIELDS];
	int f;

	(void)term;
	c->line++;
	if (c->stop) {
		clear_row(c);
		return;
	}
	if (c->head == NULL) {
		header(c);
		return;
	}
	if (c->plat != NULL) {
		json_t *o = plat_row(c->plat->f, c->head, c->row,
		    c->nrow < c->nhead ? c->nrow : c->nhead);

		if (plat_record(c->plat, o, c->line) < 0)
			c->stop = 1;
		json_decref(o);
		clear_row(c);
		return;
	}
	for (f = 0; f < F_NFIELDS; f++)
		v[f] = c->col[f] >= 0 && (size_t)c->col[f] < c->nrow ?
		    c->row[c->col[f]] : NULL;
	if (fieldmap_emit(c->e, v, c->source) < 0)
		c->stop = 1;
	clear_row(c);
}

/* The encoding of a CSV file from its first bytes. */
static const char *
guess_charset(const char *buf, size_t n)
{
	size_t v;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return "UTF-8";
	v = utf8_valid_prefix(buf, n);
	/* A multibyte character may be cut at the end of the sample. */
	return v == n || (n - v < 4 && n == 65536) ? "UTF-8" : "GB18030";
}

static int
parse(struct csvctx *c, gzFile f, const char *charset)
{
	struct csv_parser p;
	struct cs_stream *cs = NULL;
	char *buf = xmalloc(65536), *out = NULL;
	size_t outlen = 0, outcap = 0;
	int n = 0, rc = 0;

	csv_init(&p, CSV_APPEND_NULL);
	while (!c->stop && (n = gzread(f, buf, 65536)) > 0) {
		if (cs == NULL && (cs = cs_stream_new(charset != NULL ? charset :
		    guess_charset(buf, (size_t)n))) == NULL) {
			yq_warnx("%s: unknown charset '%s'", c->path, charset);
			rc = 1;
			break;
		}
		outlen = 0;
		cs_stream_conv(cs, buf, (size_t)n, &out, &outlen, &outcap, 0);
		if (csv_parse(&p, out, outlen, on_field, on_row, c) != outlen) {
			yq_warnx("%s:%lu: %s", c->path, c->line + 1,
			    csv_strerror(csv_error(&p)));
			rc = 1;
			break;
		}
	}
	if (n < 0) {
		int zerr;

		yq_warnx("%s: read error: %s", c->path, gzerror(f, &zerr));
		rc = -1;
	} else if (n == 0 && rc == 0 && !c->stop) {
		int zerr;

		/* zlib ends a cut-off gzip file as if it ended there. */
		gzerror(f, &zerr);
		if (zerr == Z_BUF_ERROR) {
			yq_warnx("%s:%lu: truncated compressed data", c->path, c->line + 1);
			rc = 1;
		}
	}
	/* Lenient inside the file (exports put stray quotes in fields), but
	 * a quote still open at the end means lost rows: strict for that. */
	csv_set_opts(&p, CSV_APPEND_NULL | CSV_STRICT | CSV_STRICT_FINI);
	if (rc == 0 && !c->stop && csv_fini(&p, on_field, on_row, c) != 0) {
		yq_warnx("%s:%lu: %s", c->path, c->line + 1,
		    csv_strerror(csv_error(&p)));
		rc = 1;
	}
	csv_free(&p);
	cs_stream_free(cs);
	free(out);
	free(buf);
	return rc;
}

int
csvin_read(const char *path, const struct fieldmap *m, const char *charset,
    const char *source, struct emitter *e, const struct platform *from)
{
	struct plat_run pr;
	struct csvctx c;
	gzFile f;
	size_t i;
	int f_, rc;

	memset(&c, 0, sizeof(c));
	c.path = path;
	c.source = source;
	c.e = e;
	if (from != NULL) {
		plat_begin(&pr, from, path, source, e);
		c.plat = &pr;
	}
	for (f_ = 0; f_ < F_NFIELDS; f_++)
		c.map.col[f_] = m->col[f_] != NULL ? xstrdup(m->col[f_]) : NULL;
	f = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
	if (f == NULL) {
		yq_warn("cannot open '%s'", path);
		if (c.plat != NULL)
			plat_done(c.plat);
		fieldmap_free(&c.map);
		return -1;
	}
	rc = parse(&c, f, charset);
	gzclose(f);
	if (c.plat != NULL) {
		plat_done(c.plat);
		c.bad |= c.plat->bad;
	}
	clear_row(&c);
	free(c.row);
	for (i = 0; i < c.nhead; i++)
		free(c.head[i]);
	free(c.head);
	fieldmap_free(&c.map);
	return rc != 0 ? rc : c.bad;
}
