/*
 * record.c: newline-delimited JSON in and out, with the bad-input policy
 * of DESIGN section 3 implemented once for every tool.
 *
 * Input goes through zlib's gzread, which reads plain files unchanged and
 * inflates gzip ones, so every tool reads .gz archives for free.  Lines
 * are found in a large read buffer and handed out in place when they fit
 * there; a line that spans a refill is assembled in a second buffer that
 * never grows past the line limit, so a hostile 2 GB line costs bounded
 * memory.
 *
 * Output goes to stdout or atomically to a file (a temporary file beside
 * it, renamed into place on success); a reader that went away (EPIPE) is
 * told apart from a real write error.
 */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "progress.h"
#include "record.h"
#include "utf8.h"
#include "yq.h"

#define READBUF (256u << 10)
#define MAX_DEPTH 64

struct linereader {
	gzFile gz;
	char *name;
	size_t max;
	char *buf;		/* read buffer */
	size_t len, pos;	/* bytes in buf, next unread */
	char *lbuf;		/* a line assembled across refills */
	size_t lcap;
	unsigned long lineno;
	int eof;
	char err[256];
	/* Stream offsets: of buf[0], and the span of the last line returned. */
	unsigned long long base, lstart, lend;
};

struct linereader *
lr_open(const char *path, size_t max_line)
{
	return lr_open_at(path, max_line, 0, 0);
}

struct linereader *
lr_open_at(const char *path, size_t max_line, unsigned long long off,
    unsigned long lineno)
{
	struct linereader *lr;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		/* gzclose() closes its descriptor: give it a copy of stdin's. */
		fd = dup(0);
		path = "-";
	} else
		fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (off > 0 && lseek(fd, (off_t)off, SEEK_SET) < 0) {
		close(fd);
		return NULL;
	}
	lr = xcalloc(1, sizeof *lr);
	lr->base = off;
	lr->lineno = lineno;
	lr->gz = gzdopen(fd, "rb");
	if (lr->gz == NULL) {
		close(fd);
		free(lr);
		errno = ENOMEM;
		return NULL;
	}
	gzbuffer(lr->gz, READBUF);
	lr->name = xstrdup(path);
	lr->max = max_line ? max_line : REC_MAX_LINE_DEFAULT;
	lr->buf = xmalloc(READBUF);
	return lr;
}

/* Refill the read buffer; 1 when there is data, 0 at end, -1 on error. */
static int
refill(struct linereader *lr)
{
	int n, ec;
	const char *msg;

	if (lr->eof)
		return 0;
	lr->base += lr->len;
	lr->len = 0;
	n = gzread(lr->gz, lr->buf, READBUF);
	if (n < 0 || (n == 0 && (msg = gzerror(lr->gz, &ec)) != NULL && ec != Z_OK)) {
		msg = gzerror(lr->gz, &ec);
		if (ec == Z_ERRNO)
			msg = strerror(errno);
		else if (strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ": ") != NULL)
			msg = strstr(msg, ": ") + 2;	/* zlib names the fd */
		snprintf(lr->err, sizeof lr->err, "read error: %s", msg);
		lr->eof = 1;
		return -1;
	}
	lr->len = n;
	lr->pos = 0;
	if (n == 0) {
		lr->eof = 1;
		return 0;
	}
	return 1;
}

/* Append to the assembly buffer, unless the line is already too long. */
static int
lappend(struct linereader *lr, size_t *llen, const char *p, size_t n)
{
	if (*llen + n > lr->max) {
		*llen = lr->max + 1;
		return -1;
	}
	if (*llen + n + 1 > lr->lcap) {
		lr->lcap = (*llen + n + 1) * 2;
		if (lr->lcap > lr->max + 1)
			lr->lcap = lr->max + 1;
		lr->lbuf = xrealloc(lr->lbuf, lr->lcap);
	}
	memcpy(lr->lbuf + *llen, p, n);
	*llen += n;
	return 0;
}

static void
trim(struct linereader *lr, char **line, size_t *len)
{
	if (*len > 0 && (*line)[*len - 1] == '\r')
		(*len)--;
	(*line)[*len] = '\0';
	if (lr->lineno == 1 && *len >= 3 && memcmp(*line, "\xef\xbb\xbf", 3) == 0) {
		*line += 3;
		*len -= 3;
	}
}

int
lr_next(struct linereader *lr, char **line, size_t *len)
{
	char *nl;
	size_t llen = 0, n;
	int r, spanning = 0;

	lr->err[0] = '\0';
	for (;;) {
		if (lr->pos >= lr->len) {
			r = refill(lr);
			if (r < 0)
				return REC_ERR;
			if (r == 0) {
				if (!spanning)
					return REC_EOF;
				break;	/* a last line without newline */
			}
		}
		nl = memchr(lr->buf + lr->pos, '\n', lr->len - lr->pos);
		n = nl ? (size_t)(nl - (lr->buf + lr->pos)) : lr->len - lr->pos;
		if (!spanning)
			lr->lstart = lr->base + lr->pos;
		if (nl != NULL && !spanning) {
			/* The common case: the whole line is in the buffer. */
			*line = lr->buf + lr->pos;
			lr->pos += n + 1;
			lr->lend = lr->base + lr->pos;
			lr->lineno++;
			if (n > lr->max)
				goto toolong;
			*len = n;
			trim(lr, line, len);
			return REC_OK;
		}
		spanning = 1;
		lappend(lr, &llen, lr->buf + lr->pos, n);
		lr->pos += n + (nl != NULL);
		if (nl != NULL)
			break;
	}
	lr->lineno++;
	lr->lend = lr->base + lr->pos;
	if (llen > lr->max)
		goto toolong;
	if (lr->lbuf == NULL)
		lr->lbuf = xmalloc(1);
	*line = lr->lbuf;
	*len = llen;
	trim(lr, line, len);
	return REC_OK;
toolong:
	snprintf(lr->err, sizeof lr->err, "line too long (more than %zu bytes)",
	    lr->max);
	return REC_BAD;
}

void
lr_span(const struct linereader *lr, unsigned long long *start,
    unsigned long long *end)
{
	*start = lr->lstart;
	*end = lr->lend;
}

unsigned long
lr_lineno(const struct linereader *lr)
{
	return lr->lineno;
}

const char *
lr_name(const struct linereader *lr)
{
	return lr->name;
}

const char *
lr_error(const struct linereader *lr)
{
	return lr->err;
}

int
lr_close(struct linereader *lr)
{
	int r;

	if (lr == NULL)
		return 0;
	r = gzclose(lr->gz) == Z_OK ? 0 : -1;
	free(lr->name);
	free(lr->buf);
	free(lr->lbuf);
	free(lr);
	return r;
}

/* ------------------------------------------------------------ rec_in */

struct rec_in {
	struct rec_opts o;
	struct linereader *lr;
	FILE *rejects;
	int rejects_failed;
	struct rec_stats st;
	unsigned long file_repaired;
	const char *raw;	/* the line last returned, as read */
	size_t rawlen;
	int raw_repaired;	/* ... and had invalid UTF-8 */
	int raw_spaced;		/* ... or white space between tokens */
	char *name;		/* of the current or last file */
	unsigned long lineno;
};

struct rec_in *
rec_in_new(const struct rec_opts *opts)
{
	struct rec_in *in = xcalloc(1, sizeof *in);

	in->o = *opts;
	if (in->o.max_line == 0)
		in->o.max_line = REC_MAX_LINE_DEFAULT;
	if (opts->rejects != NULL) {
		in->rejects = fopen(opts->rejects, "w");
		if (in->rejects == NULL) {
			yq_warn("cannot create '%s'", opts->rejects);
			free(in);
			return NULL;
		}
	}
	in->name = xstrdup("-");
	prog_start(opts->progress);
	return in;
}

static void
close_file(struct rec_in *in)
{
	if (in->lr == NULL)
		return;
	if (in->file_repaired > 1)
		yq_warnx("%s: invalid UTF-8 replaced by U+FFFD on %lu lines",
		    in->name, in->file_repaired);
	lr_close(in->lr);
	in->lr = NULL;
}

int
rec_in_open(struct rec_in *in, const char *path)
{
	return rec_in_open_at(in, path, 0, 0);
}

int
rec_in_open_at(struct rec_in *in, const char *path, unsigned long long off,
    unsigned long lineno)
{
	close_file(in);
	if (path == NULL)
		path = "-";
	in->lr = lr_open_at(path, in->o.max_line, off, lineno);
	if (in->lr == NULL) {
		yq_warn("cannot open '%s'", path);
		return -1;
	}
	free(in->name);
	in->name = xstrdup(path);
	in->lineno = lineno;
	in->file_repaired = 0;
	return 0;
}

static void
keep_reject(struct rec_in *in, const char *line, size_t len)
{
	if (in->rejects == NULL || line == NULL)
		return;
	if (fwrite(line, 1, len, in->rejects) != len || putc('\n', in->rejects) == EOF)
		in->rejects_failed = 1;
}

static void
bad(struct rec_in *in, const char *line, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
bad(struct rec_in *in, const char *line, size_t len, const char *fmt, ...)
{
	va_list ap;

	prog_clear();
	fprintf(stderr, "%s: %s:%lu: ", yq_prog(), in->name, in->lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	in->st.bad++;
	keep_reject(in, line, len);
}

/*
 * Deeper nesting than MAX_DEPTH is refused before parsing.  The same
 * pass notes whether the text has white space between its tokens (is
 * not compact).
 */
static int
too_deep(const char *s, size_t n, int *spaced)
{
	size_t i;
	int depth = 0, instr = 0;

	*spaced = 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (instr) {
			if (c == '\\')
				i++;
			else if (c == '"')
				instr = 0;
		} else if (c == '"')
			instr = 1;
		else if ((c == '[' || c == '{') && ++depth > MAX_DEPTH)
			return 1;
		else if (c == ']' || c == '}')
			depth--;
		else if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			*spaced = 1;
	}
	return 0;
}

/* The value of the four hex digits at s, or -1. */
static long
hex4(const char *s)
{
	long v = 0;
	int i, d;

	for (i = 0; i < 4; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = s[i] - '0';
		else if ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')
			d = (s[i] | 0x20) - 'a' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * The escapes JSON allows and a record's UTF-8 cannot carry, \u0000 and
 * a surrogate without its pair (half an emoji, as Python writes it),
 * rewritten as \ufffd in place when fix is non-zero (the same length).
 * Returns how many there are.
 */
static int
bad_escapes(char *s, size_t n, int fix)
{
	size_t i;
	long v, w;
	int bad = 0;

	for (i = 0; i + 1 < n; i++) {
		if (s[i] != '\\')
			continue;
		if (s[i + 1] != 'u' || i + 6 > n || (v = hex4(s + i + 2)) < 0) {
			i++;
			continue;
		}
		if (v >= 0xd800 && v <= 0xdbff && i + 12 <= n && s[i + 6] == '\\' &&
		    s[i + 7] == 'u' && (w = hex4(s + i + 8)) >= 0xdc00 && w <= 0xdfff) {
			i += 11;
			continue;
		}
		if (v == 0 || (v >= 0xd800 && v <= 0xdfff)) {
			bad++;
			if (fix)
				memcpy(s + i, "\\ufffd", 6);
		}
		i += 5;
	}
	return bad;
}

/*
 * The line with its invalid UTF-8, \u0000 and lone surrogates replaced,
 * in *fixed (NULL when it needed nothing; the caller frees it).
 */
static void
repair(struct rec_in *in, const char *line, size_t len, char **fixed,
    size_t *flen)
{
	*fixed = NULL;
	*flen = len;
	in->raw_repaired = 0;
	if (utf8_valid_prefix(line, len) != len) {
		in->raw_repaired = 1;
		utf8_repair(line, len, fixed, flen);
		if (in->file_repaired++ == 0)
			yq_warnx("%s:%lu: invalid UTF-8 replaced by U+FFFD", in->name,
			    in->lineno);
		in->st.repaired++;
	}
	if (memchr(*fixed ? *fixed : line, '\\', *flen) != NULL &&
	    bad_escapes(*fixed ? *fixed : (char *)line, *flen, 0) > 0) {
		if (*fixed == NULL)
			*fixed = xstrndup(line, len);
		bad_escapes(*fixed, *flen, 1);
		if (!in->raw_repaired && in->file_repaired++ == 0)
			yq_warnx("%s:%lu: \\u0000 or a lone surrogate replaced by U+FFFD",
			    in->name, in->lineno);
		if (!in->raw_repaired)
			in->st.repaired++;
		in->raw_repaired = 1;
	}
}

/*
 * Most lines are good JSON in good UTF-8, which jansson checks as it
 * parses: they are parsed as they are, and only a line jansson refuses
 * is repaired and parsed again (the error reported is the repaired
 * line's).
 */
static int
parse(struct rec_in *in, char *line, size_t len, json_t **obj)
{
	json_error_t e;
	char *fixed;
	size_t flen;

	in->raw_repaired = 0;
	if (too_deep(line, len, &in->raw_spaced)) {
		bad(in, line, in->rawlen, "invalid JSON: nested more than %d deep",
		    MAX_DEPTH);
		return REC_BAD;
	}
	if ((*obj = json_loadb(line, len, 0, &e)) == NULL) {
		repair(in, line, len, &fixed, &flen);
		if (fixed != NULL)
			*obj = json_loadb(fixed, flen, 0, &e);
		free(fixed);
	}
	if (*obj == NULL) {
		bad(in, line, in->rawlen, "invalid JSON: %s (column %d)", e.text,
		    e.column);
		return REC_BAD;
	}
	if (!json_is_object(*obj)) {
		json_decref(*obj);
		*obj = NULL;
		bad(in, line, in->rawlen, "invalid JSON: not an object");
		return REC_BAD;
	}
	return REC_OK;
}

int
rec_in_next(struct rec_in *in, json_t **obj)
{
	char *line;
	size_t len;
	int r;

	*obj = NULL;
	if (in->lr == NULL)
		return REC_EOF;
	for (;;) {
		r = lr_next(in->lr, &line, &len);
		in->lineno = lr_lineno(in->lr);
		if (r == REC_EOF) {
			close_file(in);
			return REC_EOF;
		}
		if (r == REC_ERR) {
			yq_warnx("%s: %s", in->name, lr_error(in->lr));
			close_file(in);
			return REC_ERR;
		}
		if (r == REC_BAD) {
			bad(in, NULL, 0, "%s", lr_error(in->lr));
			return REC_BAD;
		}
		if (len > 0 && strspn(line, " \t") < len)
			break;
	}
	in->raw = line;
	in->rawlen = len;
	r = parse(in, line, len, obj);
	if (r == REC_OK)
		in->st.records++;
	prog_tick(in->st.records, in->st.bad);
	return r;
}

const char *
rec_in_name(const struct rec_in *in)
{
	return in->name;
}

unsigned long
rec_in_lineno(const struct rec_in *in)
{
	return in->lineno;
}

int
rec_in_strict(const struct rec_in *in)
{
	return in->o.strict;
}

void
rec_in_span(const struct rec_in *in, unsigned long long *start,
    unsigned long long *end)
{
	if (in->lr == NULL) {
		*start = *end = 0;
		return;
	}
	lr_span(in->lr, start, end);
}

const char *
rec_in_raw(const struct rec_in *in, size_t *len)
{
	if (in->raw == NULL || in->raw_repaired || in->raw_spaced)
		return NULL;
	*len = in->rawlen;
	return in->raw;
}

void
rec_in_reject(struct rec_in *in, const char *fmt, ...)
{
	va_list ap;

	prog_clear();
	fprintf(stderr, "%s: %s:%lu: ", yq_prog(), in->name, in->lineno);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	in->st.bad++;
	if (in->st.records > 0)
		in->st.records--;
	keep_reject(in, in->raw, in->rawlen);
}

int
rec_in_free(struct rec_in *in, struct rec_stats *st)
{
	int r = 0;

	if (in == NULL)
		return 0;
	close_file(in);
	prog_stop();
	if (st != NULL)
		*st = in->st;
	if (in->rejects != NULL) {
		if (fclose(in->rejects) != 0 || in->rejects_failed) {
			yq_warnx("cannot write '%s'", in->o.rejects);
			r = -1;
		}
	}
	free(in->name);
	free(in);
	return r;
}

/* ------------------------------------------------------------ rec_out */
#define OUTBUF (256u << 10)

struct rec_out {
	FILE *fp;
	char *path;		/* NULL for stdout */
	char *tmp;		/* NULL when written in place (a device, a FIFO) */
	int broken;		/* EPIPE seen */
	int failed;		/* another write error seen (and reported) */
	char *buf;		/* one record as jansson writes it, in pieces */
	size_t len, cap;
	char *vbuf;		/* stdio's buffer (glibc ignores the size without one) */
};

#define PIPEBUF (1u << 20)

/*
 * Buffer the output in OUTBUF bytes (a buffer of our own: glibc ignores
 * the size setvbuf is given without one), and let a pipe hold PIPEBUF
 * (Linux's default is 64 KiB): five tools in a pipe on two cores then
 * each run for longer between waits (the 100k-post bench/pipeline, 7.1
 * s -> 4.1 s).  A pipe that cannot grow (a lower
 * /proc/sys/fs/pipe-max-size) stays as it is.
 */
static void
out_buffer(struct rec_out *out)
{
	struct stat sb;

	out->vbuf = xmalloc(OUTBUF);
	setvbuf(out->fp, out->vbuf, _IOFBF, OUTBUF);
#ifdef F_SETPIPE_SZ
	if (fstat(fileno(out->fp), &sb) == 0 && S_ISFIFO(sb.st_mode))
		(void)fcntl(fileno(out->fp), F_SETPIPE_SZ, (int)PIPEBUF);
#else
	(void)sb;
#endif
}

/*
 * The descriptor a path names when it is one of the shell's (/dev/stdout,
 * /dev/stderr, /dev/fd/N, /proc/self/fd/N), else -1.  Such a path is
 * written through a copy of the descriptor: opening it anew would
 * truncate what a ">>" appends to, and renaming a file over it would
 * replace the system's link.
 */
static int
fd_of_path(const char *path)
{
	const char *p;
	char *end;
	long n;

	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		p = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		p = path + 14;
	else
		return -1;
	if (*p < '0' || *p > '9')
		return -1;
	n = strtol(p, &end, 10);
	return *end == '\0' && n <= 1024 ? (int)n : -1;
}

struct rec_out *
rec_out_open(const char *path)
{
	struct rec_out *out = xcalloc(1, sizeof *out);
	struct stat sb;
	mode_t mask;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		out->fp = stdout;
		out_buffer(out);
		return out;
	}
	/* -o /dev/stdout, /dev/fd/N: the descriptor the shell opened. */
	if ((fd = fd_of_path(path)) >= 0) {
		out->path = xstrdup(path);
		if ((fd = dup(fd)) < 0 || (out->fp = fdopen(fd, "w")) == NULL) {
			yq_warn("cannot write to '%s'", path);
			if (fd >= 0)
				close(fd);
			goto fail;
		}
		out_buffer(out);
		return out;
	}
	/* A symbolic link: the file it names is replaced, the link kept. */
	if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode) &&
	    (out->path = realpath(path, NULL)) != NULL)
		path = out->path;
	else
		out->path = xstrdup(path);
	/*
	 * A device or a FIFO (-o /dev/null, -o a pipe) is written into:
	 * renaming a temporary file over it would replace the device node.
	 */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode)) {
		if ((out->fp = fopen(path, "w")) == NULL) {
			yq_warn("cannot open '%s'", path);
			goto fail;
		}
		out_buffer(out);
		return out;
	}
	out->tmp = xasprintf("%s.tmpXXXXXX", path);
	fd = mkstemp(out->tmp);
	if (fd < 0) {
		yq_warn("cannot create '%s'", path);
		goto fail;
	}
	mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
	out->fp = fdopen(fd, "w");
	if (out->fp == NULL) {
		yq_warn("cannot create '%s'", path);
		close(fd);
		unlink(out->tmp);
		goto fail;
	}
	out_buffer(out);
	return out;
fail:
	free(out->path);
	free(out->tmp);
	free(out);
	return NULL;
}

static void
write_failed(struct rec_out *out)
{
	if (errno == EPIPE) {
		out->broken = 1;
		return;
	}
	if (!out->failed)
		yq_warn("write error on '%s'", out->path ? out->path : "stdout");
	out->failed = 1;
}

/* jansson hands over a record token by token: gather it, write it once. */
static int
dump_cb(const char *buf, size_t size, void *data)
{
	struct rec_out *out = data;

	if (out->len + size + 1 > out->cap) {
		out->cap = (out->len + size + 1) * 2;
		out->buf = xrealloc(out->buf, out->cap);
	}
	memcpy(out->buf + out->len, buf, size);
	out->len += size;
	return 0;
}

/*
 * Render obj into out->buf as rec_out_extend writes it (add NULL: as
 * rec_out_write does), newline included; its length, or -1 when
 * jansson failed.
 */
static ssize_t
render(struct rec_out *out, json_t *obj, const char *line, size_t len,
    json_t *add)
{
	size_t close = len, open = 0, at;
	const char *key;
	json_t *v;

	out->len = 0;
	json_object_foreach(add, key, v)
		if (json_object_get(obj, key) != NULL)
			line = NULL;
	while (line != NULL && close > 0 && strchr(" \t\r\n", line[close - 1]) != NULL)
		close--;
	while (line != NULL && open < close && strchr(" \t\r\n", line[open]) != NULL)
		open++;
	if (line == NULL || close < open + 2 || line[open] != '{' ||
	    line[close - 1] != '}') {
		if (add != NULL)
			json_object_update(obj, add);
		if (json_dump_callback(obj, dump_cb, out, REC_DUMP_FLAGS) != 0)
			return -1;
		dump_cb("\n", 1, out);
		return (ssize_t)out->len;
	}
	close--;
	dump_cb(line, close, out);
	if (json_object_size(add) > 0) {
		for (at = close; at > open + 1 && strchr(" \t\r\n", line[at - 1]); at--)
			;
		if (at > open + 1)	/* not "{}": a comma before the members */
			dump_cb(",", 1, out);
		at = out->len;
		if (json_dump_callback(add, dump_cb, out, REC_DUMP_FLAGS) != 0)
			return -1;
		/* Drop the braces of add's own text: its members follow. */
		memmove(out->buf + at, out->buf + at + 1, out->len - at - 2);
		out->len -= 2;
	}
	dump_cb("}\n", 2, out);
	return (ssize_t)out->len;
}

int
rec_out_write(struct rec_out *out, json_t *obj)
{
	return rec_out_extend(out, obj, NULL, 0, NULL);
}

int
rec_out_extend(struct rec_out *out, json_t *obj, const char *line, size_t len,
    json_t *add)
{
	const char *key;
	json_t *v;
	int cut = 0;

	if (out->broken || out->failed)
		return -1;
	if (render(out, obj, line, len, add) < 0)
		return -1;
	/*
	 * A line the next tool would refuse at the toolkit's one limit is
	 * written as it came, without the members added (the caller says
	 * so): no tool rejects what the one before it wrote from a line it
	 * accepted at the defaults.
	 */
	if (out->len - 1 > REC_MAX_LINE_DEFAULT && json_object_size(add) > 0) {
		json_object_foreach(add, key, v)
			json_object_del(obj, key);
		if (render(out, obj, line, len, NULL) < 0)
			return -1;
		cut = 1;
	}
	if (fwrite(out->buf, 1, out->len, out->fp) != out->len) {
		write_failed(out);
		return -1;
	}
	return cut;
}

const char *
rec_out_render(struct rec_out *out, json_t *obj, const char *line, size_t len,
    json_t *add, size_t *n)
{
	if (render(out, obj, line, len, add) < 0)
		return NULL;
	*n = out->len;
	return out->buf;
}

int
rec_out_line(struct rec_out *out, const char *line, size_t len)
{
	if (out->broken || out->failed)
		return -1;
	if (fwrite(line, 1, len, out->fp) != len || putc('\n', out->fp) == EOF) {
		write_failed(out);
		return -1;
	}
	return 0;
}

const char *
rec_out_prepare(struct rec_out *out)
{
	if (out->path == NULL || out->tmp == NULL || out->broken || out->failed)
		return NULL;
	if (fflush(out->fp) == EOF || fsync(fileno(out->fp)) != 0) {
		write_failed(out);
		return NULL;
	}
	return out->tmp;
}

FILE *
rec_out_file(struct rec_out *out)
{
	return out->fp;
}

int
rec_out_broken(const struct rec_out *out)
{
	return out->broken;
}

int
rec_out_close(struct rec_out *out, int abort)
{
	int r = 0;

	if (out == NULL)
		return 0;
	if (fflush(out->fp) != 0 || ferror(out->fp))
		write_failed(out);
	if (out->path == NULL) {
		/* stdout: a reader that went away is not our failure. */
		if (fclose(stdout) != 0 && !out->broken && errno != EPIPE)
			write_failed(out);
		r = out->failed ? -1 : 0;
	} else if (out->tmp == NULL) {
		/* A device or FIFO, written in place: nothing to rename. */
		if (fclose(out->fp) != 0 && !out->broken && errno != EPIPE)
			write_failed(out);
		r = out->failed ? -1 : 0;
	} else {
		if (!out->failed && !abort && fsync(fileno(out->fp)) != 0)
			write_failed(out);
		if (fclose(out->fp) != 0)
			write_failed(out);
		if (abort || out->failed || out->broken) {
			unlink(out->tmp);
			r = (abort && !out->failed) ? 0 : -1;
		} else if (rename(out->tmp, out->path) != 0) {
			yq_warn("cannot rename '%s' to '%s'", out->tmp, out->path);
			unlink(out->tmp);
			r = -1;
		}
	}
	free(out->buf);
	free(out->vbuf);
	free(out->path);
	free(out->tmp);
	free(out);
	return r;
}

/* ------------------------------------------------------------ fields */

const char *
rec_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

json_t *
rec_path(const json_t *obj, const char *path)
{
	const char *dot;
	char key[256];
	size_t n;
	json_t *v = (json_t *)obj;

	while (v != NULL && *path != '\0') {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		if (n >= sizeof key)
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		path += n + (dot != NULL);
	}
	return v;
}

long long
rec_int(const json_t *obj, const char *key, long long dflt)
{
	json_t *v = json_object_get(obj, key);

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_real(v))
		return (long long)json_real_value(v);
	return dflt;
}

/* A count of the post's metrics, 0 when absent or negative. */
static double
metric(const json_t *obj, const char *name)
{
	json_t *v = json_object_get(json_object_get(obj, "metrics"), name);

	return json_is_number(v) && json_number_value(v) > 0 ? json_number_value(v) : 0;
}

double
rec_reach(const json_t *obj)
{
	return 2 * log1p(metric(obj, "reposts")) + 1.5 * log1p(metric(obj, "comments")) +
	    0.5 * log1p(metric(obj, "likes")) + 0.3 * log1p(metric(obj, "views"));
}

double
rec_num(const json_t *obj, const char *key, double dflt)
{
	json_t *v = json_object_get(obj, key);

	return json_is_number(v) ? json_number_value(v) : dflt;
}

char *
rec_text(const json_t *obj)
{
	const char *title = rec_str(obj, "title"), *text = rec_str(obj, "text");

	if (title != NULL && *title != '\0' && text != NULL && *text != '\0')
		return xasprintf("%s\n%s", title, text);
	if (title != NULL && *title != '\0')
		return xstrdup(title);
	return xstrdup(text ? text : "");
}

int
rec_published(const json_t *obj, time_t now, struct yqt *t)
{
	const char *s = rec_str(obj, "published_at");

	if (s == NULL)
		return -1;
	return yqt_parse(s, now, t) == 0 ? 0 : -2;
}
