/*
 * record.h: reading and writing newline-delimited JSON records, with
 * the bad-input policy of DESIGN section 3 implemented once:
 *
 *   - any line length up to a limit; a longer line is an error, never
 *     truncated;
 *   - CRLF and a leading UTF-8 BOM are tolerated, blank lines skipped;
 *   - invalid UTF-8 is repaired to U+FFFD and counted;
 *   - a line that is not a JSON object is reported on stderr as
 *     "prog: FILE:LINE: invalid JSON: ...", counted, copied verbatim to
 *     the rejects file when there is one, and skipped; with strict set the
 *     caller is told to stop;
 *   - input may be plain or gzip-compressed (detected from the content).
 *
 * Key order is kept: jansson objects keep insertion order, and the writer
 * dumps them in that order, so unknown fields pass through unchanged.
 */
#ifndef YQ_RECORD_H
#define YQ_RECORD_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>
#include "yqtime.h"

#define REC_MAX_LINE_DEFAULT (16UL << 20)

struct rec_opts {
	size_t max_line;	/* 0: REC_MAX_LINE_DEFAULT */
	int strict;		/* stop at the first bad line */
	const char *rejects;	/* file to copy bad lines to, or NULL */
	int progress;		/* a progress line on a terminal (progress.h) */
};

struct rec_stats {
	unsigned long records;	/* good records returned */
	unsigned long bad;	/* lines rejected */
	unsigned long repaired;	/* lines that had invalid UTF-8 repaired */
};

/* Return values of rec_in_next() and lr_next(). */
enum {
	REC_OK = 1,		/* a record (or line) was returned */
	REC_EOF = 0,		/* end of the current file */
	REC_BAD = -1,		/* a bad line: reported, counted, skipped */
	REC_ERR = -2		/* I/O error: reported; give up on this file */
};

/*
 * Low-level line reader over a plain or gzip file, for tools that read
 * text that is not NDJSON (lists, dictionaries, rules).
 */
struct linereader;

/*
 * Open path ("-" or NULL: stdin).  On error returns NULL with errno set;
 * nothing is printed.  name is used in messages (path, or "-").
 */
struct linereader *lr_open(const char *path, size_t max_line);
/*
 * Next line without its newline (and without CR before it); *line points
 * into the reader's buffer, valid until the next call, NUL-terminated.
 * Returns REC_OK, REC_EOF, REC_BAD for a line over the limit (the line is
 * skipped; lr_error() says why) or REC_ERR (lr_error() says why).
 */
int lr_next(struct linereader *lr, char **line, size_t *len);
/*
 * The same, starting at byte off of a plain file whose line lineno ends
 * there (off 0, lineno 0: the whole file, as lr_open).
 */
struct linereader *lr_open_at(const char *path, size_t max_line,
    unsigned long long off, unsigned long lineno);
/*
 * Byte offsets in the (uncompressed) stream of the line last returned:
 * its first byte, and the byte after its newline (the end of the input
 * when it had none).
 */
void lr_span(const struct linereader *lr, unsigned long long *start,
    unsigned long long *end);
/* Line number of the line last returned (1-based). */
unsigned long lr_lineno(const struct linereader *lr);
const char *lr_name(const struct linereader *lr);
const char *lr_error(const struct linereader *lr);
/* Closes the file (never stdin's descriptor); returns -1 on read error. */
int lr_close(struct linereader *lr);

/*
 * Record input over any number of files, applying the policy above.
 * rec_in_new returns NULL (and reports why) when the rejects file
 * cannot be created.
 */
struct rec_in;

struct rec_in *rec_in_new(const struct rec_opts *opts);
/* Start reading path ("-": stdin).  -1 (reported) if it cannot be opened. */
int rec_in_open(struct rec_in *in, const char *path);
/* The same from byte off, after line lineno, of a plain file (lr_open_at). */
int rec_in_open_at(struct rec_in *in, const char *path, unsigned long long off,
    unsigned long lineno);
/* Byte span of the record last returned, as lr_span (0, 0 after its end). */
void rec_in_span(const struct rec_in *in, unsigned long long *start,
    unsigned long long *end);
/*
 * Next record of the current file: REC_OK with *obj (caller owns the
 * reference), REC_EOF at its end, REC_BAD for a bad line (already
 * reported; call again unless rec_in_strict()), REC_ERR on read error
 * (reported; the file is closed).
 */
int rec_in_next(struct rec_in *in, json_t **obj);
/* Where the record last returned came from, for the caller's messages. */
const char *rec_in_name(const struct rec_in *in);
unsigned long rec_in_lineno(const struct rec_in *in);
int rec_in_strict(const struct rec_in *in);
/*
 * The line the record last returned was parsed from, as read (no CR,
 * no newline), valid until the next call; NULL when it had invalid UTF-8
 * repaired (the record then differs from the line) or is not compact
 * (white space between tokens: written again, it is encoded afresh).
 */
const char *rec_in_raw(const struct rec_in *in, size_t *len);
/*
 * Report a problem with the record last returned, in the policy's shape:
 * "prog: FILE:LINE: message", counted as bad (and written to the
 * rejects file as the original line).  For semantic errors found by the
 * tool (e.g. a field of the wrong type).
 */
void rec_in_reject(struct rec_in *in, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * Free everything; copies the counts to *st when st is not NULL.
 * Returns -1 if writing the rejects file failed (reported).
 */
int rec_in_free(struct rec_in *in, struct rec_stats *st);

/*
 * Record output.  rec_out_open(NULL) or "-" writes stdout; a path is
 * written to a temporary file beside it and renamed into place by
 * rec_out_close(), so readers never see a half-written file.
 */
struct rec_out;

struct rec_out *rec_out_open(const char *path);	/* NULL on error, reported */
/*
 * Write one object as compact JSON and a newline.  Returns 0, or -1 on a
 * write error (reported, except EPIPE: see rec_out_broken()).
 */
int rec_out_write(struct rec_out *out, json_t *obj);
/*
 * Write a record passed through unchanged: the line rec_in_raw() gave
 * (without its newline).  0, or -1 as rec_out_write.
 */
int rec_out_line(struct rec_out *out, const char *line, size_t len);
/*
 * Write record obj with the members of add set in it, as a tool that
 * adds fields does.  When none of add's keys is in obj and line is the
 * text obj was parsed from (rec_in_raw(), not NULL), that text is
 * written as read with add's members appended, without encoding the
 * record again (much faster for records of many tokens); otherwise obj
 * is updated from add and written as rec_out_write does.  A line that
 * would pass REC_MAX_LINE_DEFAULT with add's members is written without
 * them (and without obj's members of the same names): 1 is returned,
 * for the caller to say so.  0, or -1 as rec_out_write.
 */
int rec_out_extend(struct rec_out *out, json_t *obj, const char *line,
    size_t len, json_t *add);
/*
 * The text rec_out_extend would write (add NULL: rec_out_write), newline
 * included, without writing it: valid until the next call on out; its
 * length in *n.  NULL when jansson failed.
 */
const char *rec_out_render(struct rec_out *out, json_t *obj, const char *line,
    size_t len, json_t *add, size_t *n);
/* The underlying stream, for tools that write text reports. */
FILE *rec_out_file(struct rec_out *out);
/*
 * For a commit in two phases with a state store: flush and fsync what is
 * written, and give the temporary file's path, which rec_out_close will
 * rename to the output path (NULL for standard output, or on a write
 * error, reported).
 */
const char *rec_out_prepare(struct rec_out *out);
/* True when the reader went away (EPIPE): stop quietly, exit 0. */
int rec_out_broken(const struct rec_out *out);
/*
 * Flush, check for errors, close; rename the temporary file into place
 * or remove it when abort is non-zero.  Returns 0 or -1 (reported;
 * a broken pipe is not an error).
 */
int rec_out_close(struct rec_out *out, int abort);

/* Compact dump flags used everywhere so output is byte-identical. */
#define REC_DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10))

/* Field helpers: NULL / default when absent or of another type. */
const char *rec_str(const json_t *obj, const char *key);
/* Dotted path ("sentiment.label", "metrics.reposts"). */
json_t *rec_path(const json_t *obj, const char *path);
long long rec_int(const json_t *obj, const char *key, long long dflt);
/*
 * The reach a post's metrics give: 2 ln(1+reposts) + 1.5 ln(1+comments)
 * + 0.5 ln(1+likes) + 0.3 ln(1+views), absent or negative counts 0.
 * yq-score's heat is this times the speaker's authority (yq-score(1)).
 */
double rec_reach(const json_t *obj);
double rec_num(const json_t *obj, const char *key, double dflt);

/*
 * The text of a record to analyse: title and text joined by a newline
 * (either may be absent).  Returns a fresh string (caller frees), "" when
 * both are absent.
 */
char *rec_text(const json_t *obj);

/*
 * The one check of a post's time that every tool shares: its
 * published_at, read by yqt_parse.  Returns 0 with *t set; -1 when it is
 * absent, and -2 when it is there but not a time (both: REC_BAD_TIME).
 */
#define REC_BAD_TIME "post without a valid published_at"
int rec_published(const json_t *obj, time_t now, struct yqt *t);

#endif
