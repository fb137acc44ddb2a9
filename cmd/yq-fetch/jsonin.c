/*
 * jsonin.c: NDJSON, or one JSON array of objects, with the same field
 * mapping as CSV.  NDJSON goes through common/'s record reader and so
 * gets the bad-line policy of every yq tool; an array is loaded whole
 * by jansson.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static int
read_array(const char *path, gzFile f, const struct fieldmap *m,
    const char *source, struct emitter *e)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	json_error_t err;
	json_t *a, *o;
	size_t i;
	int n, bad = 0;

	do {
		if (cap - len < 65536)
			buf = xrealloc(buf, cap = cap * 2 + 65536);
		n = gzread(f, buf + len, (unsigned)(cap - len));
		if (n > 0)
			len += (size_t)n;
	} while (n > 0);
	if (n < 0) {
		warnx("%s: read error", path);
		free(buf);
		return -1;
	} else {
		int zerr;

		/* zlib ends a cut-off gzip file as if it ended there. */
		gzerror(f, &zerr);
		if (zerr == Z_BUF_ERROR) {
			warnx("%s: truncated compressed data", path);
			free(buf);
			return 1;
		}
	}
	a = json_loadb(buf, len, 0, &err);
	free(buf);
	if (!json_is_array(a)) {
		warnx("%s:%d: invalid JSON: %s", path, err.line, a == NULL ?
		    err.text : "not an array of objects");
		json_decref(a);
		return 1;
	}
	json_array_foreach(a, i, o) {
		struct fieldmap fm;

		if (!json_is_object(o)) {
			warnx("%s: element %zu: not an object", path, i);
			bad = 1;
			continue;
		}
		memset(&fm, 0, sizeof(fm));
		copy_map(&fm, m);
		n = one(&fm, o, source, e);
		fieldmap_free(&fm);
		if (n < 0)
			break;
	}
	json_decref(a);
	return bad;
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
read_ndjson(const char *path, const struct rec_opts *ro,
    const struct fieldmap *m, const char *source, struct emitter *e)
{
	struct rec_in *in = rec_in_new(ro);
	struct rec_stats st;
	json_t *o;
	int r, rc = 0;

	if (in == NULL)
		return -1;
	if (rec_in_open(in, path) < 0) {
		rec_in_free(in, NULL);
		return -1;
	}
	while ((r = rec_in_next(in, &o)) != REC_EOF) {
		struct fieldmap fm;

		if (r == REC_BAD) {
			if (rec_in_strict(in))
				break;
			continue;
		}
		if (r == REC_ERR) {
			rc = -1;
			break;
		}
		memset(&fm, 0, sizeof(fm));
		copy_map(&fm, m);
		r = one(&fm, o, source, e);
		fieldmap_free(&fm);
		json_decref(o);
		if (r < 0)
			break;
	}
	if (rec_in_free(in, &st) < 0)
		rc = -1;
	return rc != 0 ? rc : st.bad > 0;
}

int
json_read(const char *path, const struct rec_opts *ro,
    const struct fieldmap *m, const char *source, struct emitter *e)
{
	gzFile f;
	int arr, rc;

	if (strcmp(path, "-") == 0)
		return read_ndjson(path, ro, m, source, e);
	if ((arr = is_array(path)) < 0) {
		warn("cannot open '%s'", path);
		return -1;
	}
	if (!arr)
		return read_ndjson(path, ro, m, source, e);
	if ((f = gzopen(path, "rb")) == NULL) {
		warn("cannot open '%s'", path);
		return -1;
	}
	rc = read_array(path, f, m, source, e);
	gzclose(f);
	return rc;
}
