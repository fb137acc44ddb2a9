/*
 * warc.c: WARC and WARC.gz archives (ISO 28500; wget --warc-file,
 * Heritrix, Common Crawl).  zlib reads plain files and gzip files of
 * one member per record alike.  Each response record carrying an HTML
 * page goes through the same extraction as a fetched page.  A truncated
 * or corrupt archive yields every whole record before the damage, then
 * an error naming the offset.
 *
 * The WARC header block and the archived HTTP response head are "Name:
 * value" lines; only the few fields needed are looked at.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>
#include "yq.h"
#include "yqtime.h"
#include "fetch.h"

#define MAX_HEADER	(64 * 1024)
#define MAX_BLOCK	(64UL * 1024 * 1024)

struct rd {
	gzFile f;
	char buf[1 << 16];
	size_t pos, len;
	unsigned long long off;	/* uncompressed offset of buf[pos] */
	int eof, err;
};

static int
rd_fill(struct rd *r)
{
	int n;

	if (r->pos < r->len)
		return 1;
	if (r->eof || r->err)
		return 0;
	n = gzread(r->f, r->buf, sizeof(r->buf));
	if (n < 0) {
		r->err = 1;
		return 0;
	}
	if (n == 0) {
		int zerr;

		/* zlib ends a cut-off member as if the file ended there. */
		gzerror(r->f, &zerr);
		if (zerr != Z_OK) {
			r->err = zerr == Z_BUF_ERROR ? 2 : 1;
			return 0;
		}
		r->eof = 1;
		return 0;
	}
	r->pos = 0;
	r->len = (size_t)n;
	return 1;
}

/* A line without its CRLF into line (cap bytes); -1 at EOF, -2 if too long. */
static long
rd_line(struct rd *r, char *line, size_t cap)
{
	size_t n = 0;

	for (;;) {
		char c;

		if (!rd_fill(r))
			return n > 0 ? (long)n : -1;
		c = r->buf[r->pos++];
		r->off++;
		if (c == '\n')
			break;
		if (n + 1 >= cap)
			return -2;
		line[n++] = c;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	return (long)n;
}

/* Read n bytes into dst (NULL: skip them); the number read. */
static size_t
rd_bytes(struct rd *r, char *dst, size_t n)
{
	size_t got = 0;

	while (got < n && rd_fill(r)) {
		size_t k = r->len - r->pos;

		if (k > n - got)
			k = n - got;
		if (dst != NULL)
			memcpy(dst + got, r->buf + r->pos, k);
		r->pos += k;
		r->off += k;
		got += k;
	}
	return got;
}

struct whead {
	char type[32], uri[4096], date[64], ctype[256];
	long long length;
};

static void
copy_value(char *dst, size_t cap, const char *v)
{
	while (*v == ' ' || *v == '\t')
		v++;
	snprintf(dst, cap, "%s", v);
}

/* Parse the WARC header lines after the version line. */
static int
read_head(struct rd *r, struct whead *h, char *line)
{
	long n;

	memset(h, 0, sizeof(*h));
	h->length = -1;
	while ((n = rd_line(r, line, MAX_HEADER)) > 0) {
		char *colon = strchr(line, ':');

		if (colon == NULL)
			continue;
		*colon++ = '\0';
		if (strcasecmp(line, "WARC-Type") == 0)
			copy_value(h->type, sizeof(h->type), colon);
		else if (strcasecmp(line, "WARC-Target-URI") == 0)
			copy_value(h->uri, sizeof(h->uri), colon);
		else if (strcasecmp(line, "WARC-Date") == 0)
			copy_value(h->date, sizeof(h->date), colon);
		else if (strcasecmp(line, "Content-Type") == 0)
			copy_value(h->ctype, sizeof(h->ctype), colon);
		else if (strcasecmp(line, "Content-Length") == 0)
			h->length = strtoll(colon, NULL, 10);
	}
	if (n != 0 || h->length < 0)
		return -1;
	/* "<uri>" in WARC 1.0 drafts and some writers. */
	if (h->uri[0] == '<') {
		memmove(h->uri, h->uri + 1, strlen(h->uri));
		h->uri[strcspn(h->uri, ">")] = '\0';
	}
	return 0;
}

/* Undo chunked transfer coding in place; the new length. */
static size_t
dechunk(char *b, size_t n)
{
	size_t in = 0, out = 0;

	while (in < n) {
		char *end;
		unsigned long k = strtoul(b + in, &end, 16);
		char *nl = memchr(b + in, '\n', n - in);

		if (nl == NULL || end == b + in || k == 0)
			break;
		in = (size_t)(nl - b) + 1;
		if (k > n - in)
			k = n - in;
		memmove(b + out, b + in, k);
		out += k;
		in += k;
		while (in < n && (b[in] == '\r' || b[in] == '\n'))
			in++;
	}
	return out;
}

/* Inflate a gzip or deflate body; fresh buffer or NULL. */
static char *
inflate_body(const char *b, size_t n, size_t *outlen)
{
	z_stream z;
	size_t cap = n * 4 + 1024, len = 0;
	char *out = xmalloc(cap);
	int rc;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 32 + 15) != Z_OK) {
		free(out);
		return NULL;
	}
	z.next_in = (unsigned char *)b;
	z.avail_in = (uInt)n;
	do {
		if (cap - len < 4096) {
			cap *= 2;
			out = xrealloc(out, cap);
		}
		z.next_out = (unsigned char *)out + len;
		z.avail_out = (uInt)(cap - len - 1);
		rc = inflate(&z, Z_NO_FLUSH);
		len = cap - 1 - z.avail_out;
	} while (rc == Z_OK && len < MAX_BLOCK);
	inflateEnd(&z);
	out[len] = '\0';
	*outlen = len;
	return out;
}

/* The value of header name in the HTTP head h (NUL-terminated), or NULL,
 * copied into v. */
static const char *
http_header(const char *h, const char *name, char *v, size_t cap)
{
	size_t k = strlen(name);
	const char *p;

	for (p = strchr(h, '\n'); p != NULL; p = strchr(p, '\n')) {
		p++;
		if (strncasecmp(p, name, k) == 0 && p[k] == ':') {
			const char *val = p + k + 1;
			size_t len;

			/* Not copy_value(v, ..., v): snprintf must not overlap. */
			while (*val == ' ' || *val == '\t')
				val++;
			len = strcspn(val, "\r\n");
			snprintf(v, cap, "%.*s", (int)len, val);
			return v;
		}
	}
	return NULL;
}

static void
emit_page(struct emitter *e, const char *source, const struct whead *h,
    const char *html, size_t n, const char *charset)
{
	struct article a;
	struct post p;
	struct yqt t;

	if (extract_article(html, n, charset, h->uri, &a) < 0)
		return;
	post_init(&p);
	p.source = source;
	p.url = h->uri;
	p.title = a.title;
	p.text = a.text;
	p.author = a.author;
	p.published = a.published;
	if (date_parse(h->date, 0, &t) == 0)
		p.fetched = t.t;
	if (p.source == NULL)
		p.source = NULL;
	emit_post(e, &p);
	article_free(&a);
}

/* An archived HTTP response: emit it when it is a 2xx HTML page. */
static void
response(struct emitter *e, const char *source, const struct whead *h,
    char *block, size_t n)
{
	char *sep = strstr(block, "\r\n\r\n"), ct[256], te[64], ce[64];
	char *body, *inflated = NULL, *charset;
	size_t blen, skip = 4;
	int status = 0;

	if (sep == NULL && (sep = strstr(block, "\n\n")) != NULL)
		skip = 2;
	if (sep == NULL || sscanf(block, "HTTP/%*s %d", &status) != 1 ||
	    status < 200 || status > 299)
		return;
	*sep = '\0';
	body = sep + skip;
	blen = n - (size_t)(body - block);
	if (http_header(block, "Content-Type", ct, sizeof(ct)) == NULL ||
	    (strcasestr(ct, "html") == NULL))
		return;
	if (http_header(block, "Transfer-Encoding", te, sizeof(te)) != NULL &&
	    strcasestr(te, "chunked") != NULL)
		blen = dechunk(body, blen);
	if (http_header(block, "Content-Encoding", ce, sizeof(ce)) != NULL &&
	    (strcasestr(ce, "gzip") != NULL || strcasestr(ce, "deflate")) &&
	    (inflated = inflate_body(body, blen, &blen)) != NULL)
		body = inflated;
	charset = cs_from_content_type(ct);
	emit_page(e, source, h, body, blen, charset);
	free(charset);
	free(inflated);
}

static void
record(struct emitter *e, const char *source, const struct whead *h,
    char *block, size_t n)
{
	if (strcmp(h->type, "response") == 0 &&
	    strcasestr(h->ctype, "application/http") != NULL)
		response(e, source, h, block, n);
	else if ((strcmp(h->type, "resource") == 0 ||
	    strcmp(h->type, "conversion") == 0) &&
	    strcasestr(h->ctype, "html") != NULL)
		emit_page(e, source, h, block, n, NULL);
}

static int
damage(const char *path, struct rd *r, unsigned long long at, const char *what)
{
	int zerr = 0;
	const char *zmsg = r->err ? gzerror(r->f, &zerr) : NULL;

	if (zmsg != NULL && zerr != Z_OK && zerr != Z_ERRNO)
		yq_warnx("%s: offset %llu: %s (%s)", path, at, what, zmsg);
	else
		yq_warnx("%s: offset %llu: %s", path, at, what);
	return -1;
}

static int
read_all(const char *path, struct rd *r, const char *source,
    struct emitter *e)
{
	char *line = xmalloc(MAX_HEADER), *block;
	struct whead h;
	unsigned long long at;
	long n;
	int rc = 0;

	while (!emit_broken(e)) {
		while ((n = rd_line(r, line, MAX_HEADER)) == 0)
			;
		at = r->off - (n > 0 ? (unsigned long long)n + 2 : 0);
		if (n == -1) {
			if (r->err)
				rc = damage(path, r, r->off, r->err == 2 ?
				    "truncated compressed data" : "corrupt compressed data");
			break;
		}
		if (n < 0 || strncmp(line, "WARC/", 5) != 0) {
			rc = damage(path, r, at, "not a WARC record");
			break;
		}
		if (read_head(r, &h, line) < 0) {
			rc = damage(path, r, at, "truncated or bad WARC header");
			break;
		}
		if ((unsigned long long)h.length > MAX_BLOCK) {
			/* Read past it without keeping it: memory stays bounded. */
			if (rd_bytes(r, NULL, (size_t)h.length) < (size_t)h.length) {
				rc = damage(path, r, at, "truncated WARC record");
				break;
			}
			yq_warnx("%s: offset %llu: a record of %llu bytes, over the %lu MiB "
			    "limit: skipped", path, at, (unsigned long long)h.length,
			    MAX_BLOCK >> 20);
			rc = -1;
			continue;
		}
		block = xmalloc((size_t)h.length + 1);
		if (rd_bytes(r, block, (size_t)h.length) < (size_t)h.length) {
			free(block);
			rc = damage(path, r, at, "truncated WARC record");
			break;
		}
		block[h.length] = '\0';
		record(e, source, &h, block, (size_t)h.length);
		free(block);
	}
	free(line);
	return rc;
}

int
warc_read(const char *path, const char *source, struct emitter *e)
{
	struct rd *r = xcalloc(1, sizeof(*r));
	int rc;

	r->f = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") :
	    gzopen(path, "rb");
	if (r->f == NULL) {
		yq_warn("cannot open '%s'", path);
		free(r);
		return -2;
	}
	gzbuffer(r->f, 1 << 17);
	rc = read_all(path, r, source, e);
	gzclose(r->f);
	free(r);
	return rc;
}
