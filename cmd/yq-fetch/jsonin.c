/*
 * jsonin.c: NDJSON, or one JSON array of objects, with the same field
 * mapping as CSV.  NDJSON goes through common/'s record reader and so
 * gets the bad-line policy of every yq tool; an array is loaded whole
 * by jansson.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "yq.h"
#include "fetch.h"

/* A value as a string: strings as they are, numbers printed; fresh or
 * NULL. */
static char *
value(const json_t *o, const char *key)
{
	json_t *v = strchr(key, '.') != NULL ? rec_path(o, key) :
	    json_object_get(o, key);

	if (v == NULL)
		v = json_object_get(o, key);
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v))
		return xasprintf("%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return xasprintf("%.0f", json_real_value(v));
	return NULL;
}

/* Keys of o, for guessing the mapping from the first object. */
static void
guess(struct fieldmap *m, const json_t *o)
{
	const char *k;
	json_t *v;
	char **names = xcalloc(json_object_size(o) + 1, sizeof(*names));
	size_t n = 0;

	json_object_foreach((json_t *)o, k, v)
		names[n++] = (char *)k;
	fieldmap_guess(m, names, n);
	free(names);
}

static int
one(struct fieldmap *m, const json_t *o, const char *source,
    struct emitter *e)
{
	static const char *const mpaths[4] = { "metrics.reposts",
	    "metrics.comments", "metrics.likes", "metrics.views" };
	char *v[F_NFIELDS];
	int f, rc;

	guess(m, o);
	/* API objects carry the author in a user object. */
	if (m->col[F_AUTHOR] == NULL && json_is_object(json_object_get(o,
	    "user")))
		m->col[F_AUTHOR] = xstrdup(json_is_string(rec_path(o,
		    "user.screen_name")) ? "user.screen_name" : "user.name");
	for (f = 0; f < F_NFIELDS; f++) {
		v[f] = m->col[f] != NULL ? value(o, m->col[f]) : NULL;
		if (v[f] == NULL && f >= F_REPOSTS)
			v[f] = value(o, mpaths[f - F_REPOSTS]);
	}
	rc = fieldmap_emit(e, (const char *const *)v, source);
	for (f = 0; f < F_NFIELDS; f++)
		free(v[f]);
	return rc;
}

static void
copy_map(struct fieldmap *dst, const struct fieldmap *src)
{
	int f;

	for (f = 0; f < F_NFIELDS; f++)
		dst->col[f] = src->col[f] != NULL ? xstrdup(src->col[f]) : NULL;
}

/* What the readers hand each object to. */
struct jctx {
	const char *path, *source;
	const struct fieldmap *m;
	struct emitter *e;
	struct plat_run *plat;	/* --from, or NULL */
};

/* One object read at line: emit_post()'s return. */
static int
each(struct jctx *j, json_t *o, unsigned long line)
{
	struct fieldmap fm;
	int rc;

	if (j->plat != NULL)
		return plat_record(j->plat, o, line);
	memset(&fm, 0, sizeof(fm));
	copy_map(&fm, j->m);
	rc = one(&fm, o, j->source, j->e);
	fieldmap_free(&fm);
	return rc;
}

/* The whole of f in a fresh buffer; NULL after reporting an error. */
static char *
slurp_gz(const char *path, gzFile f, size_t *len, int *rc)
{
	char *buf = NULL;
	size_t cap = 0;
	int n, zerr;

	*len = 0;
	do {
		if (cap - *len < 65536)
			buf = xrealloc(buf, cap = cap * 2 + 65536);
		n = gzread(f, buf + *len, (unsigned)(cap - *len));
		if (n > 0)
			*len += (size_t)n;
	} while (n > 0);
	if (n < 0) {
		yq_warnx("%s: read error", path);
		*rc = -1;
	} else {
		/* zlib ends a cut-off gzip file as if it ended there. */
		gzerror(f, &zerr);
		if (zerr != Z_BUF_ERROR)
			return buf;
		yq_warnx("%s: truncated compressed data", path);
		*rc = 1;
	}
	free(buf);
	return NULL;
}

/* Past white space (and a byte order mark) from *off, counting lines. */
static void
skip_space(const char *buf, size_t len, size_t *off, unsigned long *line)
{
	while (*off < len) {
		if (buf[*off] == '\n')
			(*line)++;
		else if (buf[*off] != ' ' && buf[*off] != '\t' &&
		    buf[*off] != '\r' && (unsigned char)buf[*off] < 0x80)
			break;
		else if ((unsigned char)buf[*off] >= 0x80 &&
		    (*off + 3 > len || memcmp(buf + *off, "\xef\xbb\xbf", 3) != 0))
			break;
		else if ((unsigned char)buf[*off] >= 0x80)
			*off += 2;
		(*off)++;
	}
}

/*
 * The values of buf one by one, each with the line it starts on: the
 * elements of one array, or (array 0) values one after another.  A
 * syntax error ends the file: the values before it are kept.  0, 1
 * when something was bad (reported), -1 when the output failed.
 */
static int
read_values(struct jctx *j, const char *buf, size_t len, int array)
{
	unsigned long line = 1;
	size_t off = 0, k;
	json_error_t err;
	json_t *v;
	int bad = 0, r;

	skip_space(buf, len, &off, &line);
	if (array)
		off++;
	for (;;) {
		skip_space(buf, len, &off, &line);
		if (off >= len || (array && buf[off] == ']'))
			break;
		v = json_loadb(buf + off, len - off, JSON_DISABLE_EOF_CHECK |
		    JSON_DECODE_ANY, &err);
		if (v == NULL) {
			yq_warnx("%s:%lu: invalid JSON: %s", j->path, line +
			    (unsigned long)err.line - 1, err.text);
			return 1;
		}
		if (!json_is_object(v)) {
			yq_warnx("%s:%lu: not an object", j->path, line);
			bad = 1;
			r = 0;
		} else
			r = each(j, v, line);
		json_decref(v);
		if (r < 0)
			return -1;
		for (k = 0; k < (size_t)err.position && off + k < len; k++)
			line += buf[off + k] == '\n';
		off += (size_t)err.position;
		skip_space(buf, len, &off, &line);
		if (array && off < len && buf[off] == ',')
			off++;
		else if (array && (off >= len || buf[off] != ']')) {
			yq_warnx("%s:%lu: invalid JSON: ',' or ']' expected", j->path,
			    line);
			return 1;
		}
	}
	if (array && off >= len) {
		yq_warnx("%s:%lu: invalid JSON: the array does not end", j->path, line);
		return 1;
	}
	return bad;
}

static int
read_whole(struct jctx *j, gzFile f, int array)
{
	size_t len;
	int rc = 0;
	char *buf = slurp_gz(j->path, f, &len, &rc);

	if (buf == NULL)
		return rc;
	rc = read_values(j, buf, len, array);
	free(buf);
	return rc;
}

/* Is the first non-blank byte of path a '['?  -1 if it cannot be read. */
static int
is_array(const char *path)
{
	gzFile f = gzopen(path, "rb");
	int c;

	if (f == NULL)
		return -1;
	while ((c = gzgetc(f)) == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == 0xef || c == 0xbb || c == 0xbf)
		;
	gzclose(f);
	return c == '[';
}

static int
read_ndjson(struct jctx *j, const struct rec_opts *ro)
{
	struct rec_in *in = rec_in_new(ro);
	struct rec_stats st;
	json_t *o;
	int r, rc = 0;

	if (in == NULL)
		return -1;
	if (rec_in_open(in, j->path) < 0) {
		rec_in_free(in, NULL);
		return -1;
	}
	while ((r = rec_in_next(in, &o)) != REC_EOF) {
		if (r == REC_BAD) {
			if (rec_in_strict(in))
				break;
			continue;
		}
		if (r == REC_ERR) {
			rc = -1;
			break;
		}
		r = each(j, o, rec_in_lineno(in));
		json_decref(o);
		if (r < 0)
			break;
	}
	if (rec_in_free(in, &st) < 0)
		rc = -1;
	return rc != 0 ? rc : st.bad > 0;
}

int
jsonin_read(const char *path, const struct rec_opts *ro,
    const struct fieldmap *m, const char *source, struct emitter *e,
    const struct platform *from)
{
	struct jctx j = { path, source, m, e, NULL };
	struct plat_run pr;
	gzFile f;
	int arr = 0, rc;

	if (from != NULL) {
		plat_begin(&pr, from, path, source, e);
		j.plat = &pr;
	}
	if (strcmp(path, "-") == 0 && (from == NULL || !plat_whole(from)))
		rc = read_ndjson(&j, ro);
	else if (strcmp(path, "-") != 0 && (arr = is_array(path)) < 0) {
		yq_warn("cannot open '%s'", path);
		rc = -1;
	} else if (strcmp(path, "-") != 0 && !arr && (from == NULL ||
	    !plat_whole(from)))
		rc = read_ndjson(&j, ro);
	else if ((f = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") :
	    gzopen(path, "rb")) == NULL) {
		yq_warn("cannot open '%s'", path);
		rc = -1;
	} else {
		rc = read_whole(&j, f, strcmp(path, "-") != 0 && arr);
		gzclose(f);
	}
	if (j.plat != NULL) {
		plat_done(j.plat);
		if (rc == 0)
			rc = j.plat->bad;
	}
	return rc;
}
