/*
 * run.c: the drivers behind main(): local files by type (given or
 * sniffed from the content), and URLs fetched together over HTTP with
 * their validators kept in the state store, so a cron run over
 * unchanged feeds downloads nothing.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "yq.h"
#include "yqtime.h"
#include "fstate.h"
#include "run.h"

int
is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 ||
	    strncasecmp(s, "https://", 8) == 0 || strstr(s, "://") != NULL;
}

static int
is_platform(const char *s)
{
	static const char *const names[] = { "weibo", "wechat", "news",
	    "forum", "video", "gov", "other", NULL };
	int i;

	for (i = 0; names[i] != NULL; i++)
		if (strcmp(s, names[i]) == 0)
			return 1;
	return 0;
}

/* Split one list line; 0, or -1 when it has no URL. */
static int
list_line(char *line, enum ftype type, struct src *s)
{
	char *save = NULL, *url, *w, *last = NULL;
	size_t nlen = 0;

	memset(s, 0, sizeof(*s));
	if ((url = strtok_r(line, " \t", &save)) == NULL)
		return 0;
	s->url = xstrdup(url);
	s->type = type;
	s->name = xstrdup("");
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (last != NULL) {
			s->name = xrealloc(s->name, nlen + strlen(last) + 2);
			if (nlen > 0)
				s->name[nlen++] = ' ';
			strcpy(s->name + nlen, last);
			nlen += strlen(last);
		}
		last = w;
	}
	if (last != NULL && is_platform(last)) {
		s->platform = xstrdup(last);
	} else if (last != NULL) {
		s->name = xrealloc(s->name, nlen + strlen(last) + 2);
		if (nlen > 0)
			s->name[nlen++] = ' ';
		strcpy(s->name + nlen, last);
	}
	if (*s->name == '\0') {
		free(s->name);
		s->name = NULL;
	}
	return 1;
}

int
list_read(const char *path, enum ftype type, struct src **v, size_t *n)
{
	struct linereader *lr = lr_open(path, 0);
	char *line, *p;
	size_t len;
	int r, rc = 0;

	if (lr == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	while ((r = lr_next(lr, &line, &len)) != REC_EOF) {
		struct src s;

		if (r == REC_ERR) {
			yq_warnx("%s: %s", path, lr_error(lr));
			rc = -1;
			break;
		}
		if (r == REC_BAD) {
			yq_warnx("%s:%lu: %s", path, lr_lineno(lr), lr_error(lr));
			rc = 1;
			continue;
		}
		if ((p = strchr(line, '#')) != NULL &&
		    (p == line || isspace((unsigned char)p[-1])))
			*p = '\0';
		if (list_line(line, type, &s) == 0)
			continue;
		if (!is_url(s.url)) {
			yq_warnx("%s:%lu: not a URL: '%s'", path, lr_lineno(lr),
			    s.url);
			src_free(&s, 1);
			rc = 1;
			continue;
		}
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = s;
	}
	lr_close(lr);
	return rc;
}

void
src_free(struct src *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].url);
		free(v[i].name);
		free(v[i].platform);
	}
}

/* ------------------------------------------------------------ pages */

static int
page(const char *html, size_t n, const char *charset, const char *url,
    const char *source, const char *platform, time_t fetched,
    struct run_opts *o, const char *native)
{
	struct article a;
	struct post p;
	int rc;

	if (extract_article(html, n, charset, url, &a) < 0)
		return -1;
	post_init(&p);
	p.source = source;
	p.platform = platform;
	p.url = url != NULL ? url : a.canonical;
	p.native_id = native;
	p.title = a.title;
	p.text = a.text;
	p.author = a.author;
	p.published = a.published;
	p.fetched = fetched;
	rc = emit_post(o->e, &p);
	article_free(&a);
	return rc;
}

/* ------------------------------------------------------------ files */

/* The whole of a plain or gzip file; NULL (reported) on error. */
static char *
slurp(const char *path, size_t *len)
{
	gzFile f = strcmp(path, "-") == 0 ? gzdopen(dup(0), "rb") :
	    gzopen(path, "rb");
	size_t cap = 0;
	char *buf = NULL;
	int n;

	*len = 0;
	if (f == NULL) {
		yq_warn("cannot open '%s'", path);
		return NULL;
	}
	do {
		if (cap - *len < 65536)
			buf = xrealloc(buf, cap = cap * 2 + 65536);
		n = gzread(f, buf + *len, (unsigned)(cap - *len - 1));
		if (n > 0)
			*len += (size_t)n;
	} while (n > 0);
	if (n < 0) {
		int zerr;

		yq_warnx("%s: read error: %s", path, gzerror(f, &zerr));
		free(buf);
		gzclose(f);
		return NULL;
	} else {
		int zerr;

		/* zlib ends a cut-off gzip file as if it ended there. */
		gzerror(f, &zerr);
		if (zerr == Z_BUF_ERROR) {
			yq_warnx("%s: truncated compressed data", path);
			free(buf);
			gzclose(f);
			return NULL;
		}
	}
	gzclose(f);
	buf[*len] = '\0';
	return buf;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

/* The type of a local file from its name and first bytes. */
/*
 * The first bytes of standard input, left to be read again: a file is
 * read and sought back, a pipe copied with tee(2), which leaves its
 * bytes in the pipe.  Anything else (a terminal, a socket): -1.
 */
static int
peek_stdin(char *buf, size_t cap)
{
	struct stat sb;
	off_t off;
	ssize_t n = -1;
	int p[2];

	if (fstat(0, &sb) != 0)
		return -1;
	if (S_ISREG(sb.st_mode)) {
		if ((off = lseek(0, 0, SEEK_CUR)) < 0)
			return -1;
		n = read(0, buf, cap);
		if (lseek(0, off, SEEK_SET) < 0)
			return -1;
	} else if (S_ISFIFO(sb.st_mode) && pipe(p) == 0) {
		n = tee(0, p[1], cap, 0);
		if (n > 0)
			n = read(p[0], buf, (size_t)n);
		close(p[0]);
		close(p[1]);
	}
	return n < 0 ? -1 : (int)n;
}

static enum ftype
sniff_file(const char *path)
{
	char buf[4096];
	gzFile f;
	int n, i = 0;

	if (ends_with(path, ".csv") || ends_with(path, ".csv.gz") ||
	    ends_with(path, ".tsv"))
		return T_CSV;
	if (ends_with(path, ".warc") || ends_with(path, ".warc.gz"))
		return T_WARC;
	if (ends_with(path, ".xml") || ends_with(path, ".rss") ||
	    ends_with(path, ".atom") || ends_with(path, ".rdf"))
		return T_FEED;
	if (ends_with(path, ".html") || ends_with(path, ".htm") ||
	    ends_with(path, ".html.gz"))
		return T_PAGE;
	if (ends_with(path, ".json") || ends_with(path, ".ndjson") ||
	    ends_with(path, ".jsonl") || ends_with(path, ".ndjson.gz"))
		return T_JSON;
	if (strcmp(path, "-") == 0)
		n = peek_stdin(buf, sizeof(buf) - 1);
	else if ((f = gzopen(path, "rb")) == NULL)
		return T_AUTO;
	else {
		n = gzread(f, buf, sizeof(buf) - 1);
		gzclose(f);
	}
	if (n <= 0)
		return T_AUTO;
	buf[n] = '\0';
	/* Compressed standard input: JSON, as it always was. */
	if (n >= 2 && memcmp(buf, "\x1f\x8b", 2) == 0)
		return T_AUTO;
	if (strncmp(buf, "WARC/", 5) == 0)
		return T_WARC;
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && isspace((unsigned char)buf[i]))
		i++;
	if (buf[i] == '{' || buf[i] == '[')
		return T_JSON;
	if (feed_sniff(buf, (size_t)n))
		return T_FEED;
	if (buf[i] == '<')
		return T_PAGE;
	return T_CSV;
}

/* Default source for an export: its file name without extensions. */
static char *
base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	char *s = xstrdup(b != NULL ? b + 1 : path), *dot;

	if ((dot = strchr(s, '.')) != NULL && dot != s)
		*dot = '\0';
	return s;
}

static int
file_doc(const char *path, enum ftype t, struct run_opts *o)
{
	const char *err = NULL;
	size_t len;
	char *buf = slurp(path, &len), *native;
	int rc = 0;

	if (buf == NULL)
		return 2;
	if (t == T_FEED) {
		int r = feed_parse(buf, len, o->charset, o->source, o->platform,
		    o->page_url, o->now, o->e, &err);

		if (r == -1) {
			yq_warnx("%s: %s", path, err);
			rc = 2;
		}
	} else {
		native = base_name(path);
		if (page(buf, len, o->charset, o->page_url, o->source,
		    o->platform, o->now, o, native) == -1 &&
		    !emit_broken(o->e)) {
			yq_warnx("%s: cannot parse the HTML", path);
			rc = 2;
		}
		free(native);
	}
	free(buf);
	return rc;
}

/*
 * Whether path cannot be read at all (missing, a directory, no
 * permission): an I/O failure, exit 3 as in every tool, where a file
 * that reads but holds bad input is exit 2.
 */
static int
unreadable(const char *path)
{
	struct stat sb;
	int fd;

	if (strcmp(path, "-") == 0)
		return 0;
	if (stat(path, &sb) != 0 || (fd = open(path, O_RDONLY)) < 0) {
		yq_warn("cannot open '%s'", path);
		return 1;
	}
	close(fd);
	if (S_ISDIR(sb.st_mode)) {
		yq_warnx("cannot open '%s': %s", path, strerror(EISDIR));
		return 1;
	}
	return 0;
}

int
run_file(const char *path, struct run_opts *o)
{
	enum ftype t;
	char *source;
	int rc;

	if (unreadable(path))
		return YQ_EXIT_IO;
	t = o->type != T_AUTO ? o->type : sniff_file(path);

	if (o->type == T_AUTO && strcmp(path, "-") == 0 && t != T_AUTO &&
	    t != T_JSON) {
		static const char *const what[] = { "", "a feed", "a page",
		    "a WARC archive", "CSV", "" };

		yq_warnx("standard input read as %s by its first bytes (give --type to choose)",
		    what[t]);
	}
	if (t == T_AUTO) {
		if (strcmp(path, "-") != 0) {
			yq_warn("cannot open '%s'", path);
			return 2;
		}
		t = T_JSON;
	}
	if (o->from != NULL && t != T_CSV && t != T_JSON) {
		yq_warnx("%s: --from reads CSV or JSON exports only", path);
		return YQ_EXIT_USAGE;
	}
	switch (t) {
	case T_WARC:
		rc = warc_read(path, o->source, o->e);
		rc = rc == -2 ? 2 : rc < 0 ? 2 : 0;
		break;
	case T_CSV:
	case T_JSON:
		source = o->source != NULL ? xstrdup(o->source) : o->from != NULL ?
		    xstrdup(plat_site(o->from)) : base_name(path);
		rc = t == T_CSV ? csvin_read(path, &o->map, o->charset, source,
		    o->e, o->from) : jsonin_read(path, o->rec, &o->map, source,
		    o->e, o->from);
		rc = rc != 0 ? 2 : 0;
		free(source);
		break;
	default:
		rc = file_doc(path, t, o);
		break;
	}
	if (emit_flush(o->e) < 0 && !emit_broken(o->e))
		rc = 3;
	return rc;
}

/* ------------------------------------------------------------- HTTP */

struct hctx {
	struct run_opts *o;
	struct src *v;
	int status;
};

static int
looks_feed(const struct http_req *q)
{
	return (q->ctype != NULL && (strcasestr(q->ctype, "rss") != NULL ||
	    strcasestr(q->ctype, "atom") != NULL ||
	    strcasestr(q->ctype, "rdf") != NULL)) ||
	    feed_sniff(q->body, q->len);
}

static void
fetched(struct http_req *q, void *arg)
{
	struct hctx *h = arg;
	struct src *s = q->arg;
	struct run_opts *o = h->o;
	const char *err = NULL, *source = s->name != NULL ? s->name : o->source;
	const char *platform = s->platform != NULL ? s->platform : o->platform;
	char *charset;
	int ok = 1;

	if (emit_broken(o->e))
		return;
	if (q->error != NULL) {
		yq_warnx("%s: %s", q->url, q->error);
		h->status = 1;
		return;
	}
	if (q->status == 304)
		return;
	charset = cs_from_content_type(q->ctype);
	if (s->type == T_FEED || (s->type != T_PAGE && looks_feed(q))) {
		if (feed_parse(q->body, q->len, charset, source, platform, q->url,
		    o->now, o->e, &err) == -1) {
			yq_warnx("%s: %s", q->url, err);
			ok = 0;
		}
	} else if (page(q->body, q->len, charset, q->url, source, platform,
	    o->now, o, NULL) == -1 && !emit_broken(o->e)) {
		yq_warnx("%s: cannot parse the HTML", q->url);
		ok = 0;
	}
	free(charset);
	if (!ok) {
		/* No validators: the next run reports it again. */
		h->status = 1;
		return;
	}
	if (emit_flush(o->e) < 0) {
		if (!emit_broken(o->e))
			h->status = 3;
		return;
	}
	/* Validators last: an interrupted run fetches again, never loses. */
	if (o->st != NULL && (q->new_etag != NULL || q->new_lastmod != NULL) &&
	    fs_set_validators(o->st, q->url, q->new_etag, q->new_lastmod,
	    o->now) < 0) {
		yq_warnx("state: %s", fs_errmsg(o->st));
		h->status = 3;
	}
}

int
run_http(struct src *v, size_t n, struct run_opts *o)
{
	struct http_req *reqs = xcalloc(n, sizeof(*reqs));
	char **val = xcalloc(2 * n, sizeof(*val));
	struct hctx h = { o, v, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		reqs[i].url = v[i].url;
		reqs[i].arg = &v[i];
		if (!is_url(v[i].url) || (strncasecmp(v[i].url, "http://", 7) !=
		    0 && strncasecmp(v[i].url, "https://", 8) != 0)) {
			reqs[i].done = 1;
			reqs[i].error = xstrdup("only http and https URLs are "
			    "fetched");
			continue;
		}
		if (o->st != NULL)
			fs_validators(o->st, v[i].url, &val[2 * i],
			    &val[2 * i + 1]);
		reqs[i].etag = val[2 * i];
		reqs[i].lastmod = val[2 * i + 1];
	}
	if (http_run(reqs, n, &o->http, fetched, &h) < 0) {
		yq_warnx("cannot start libcurl");
		h.status = 3;
	}
	for (i = 0; i < 2 * n; i++)
		free(val[i]);
	free(val);
	free(reqs);
	return h.status;
}
