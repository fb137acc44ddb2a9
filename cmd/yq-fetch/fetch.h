/*
 * fetch.h: what the modules of yq-fetch share.  Every source (feed,
 * page, WARC record, CSV row, JSON object) is turned into a struct post
 * and handed to emit_post(), which gives it its id, normalises its
 * times, skips it when the state store has seen it, and writes it.
 */
#ifndef YQ_FETCH_H
#define YQ_FETCH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <jansson.h>
#include <libxml/tree.h>
#include "record.h"

/* A post under construction.  Strings belong to whoever filled them. */
struct post {
	const char *source;	/* feed or site name */
	const char *platform;	/* NULL: inferred from the host */
	const char *url;
	const char *native_id;	/* used for the id when there is no url */
	const char *title;
	const char *text;
	const char *author;
	const char *published;	/* as the source wrote it */
	time_t fetched;		/* 0: the run's time */
	long long metrics[4];	/* reposts comments likes views; -1 unknown */
	/* Platform exports (platform.c); NULL or -1 when not known. */
	const char *id;		/* the id, made already (16 hex digits) */
	const char *site;	/* weibo, douyin ...: the accounts' platform */
	const char *author_id;
	int verified;		/* -1 unknown, 0 or 1 */
	const char *author_type;	/* from the platform's verification */
	const char *ip_location;
	const char *reply_to, *repost_of;	/* ids of other posts */
	json_t *extra;		/* fields yq has no place for; borrowed */
};

void post_init(struct post *p);

/* emit.c: the sink every source writes to. */
struct emitter;
struct fstate;

/*
 * out is the record writer, st the state store or NULL, all non-zero to
 * emit items already seen.  now is the run's time.  With defer, nothing
 * is committed before emit_finish() (for output renamed into place at
 * the end).
 */
struct emitter *emit_new(struct rec_out *out, struct fstate *st, int all,
    time_t now, int defer);
/* The platform of posts that name none, before guessing from the host. */
void emit_platform(struct emitter *e, const char *platform);
/* Show the count of records on stderr as they go (a terminal). */
void emit_progress(struct emitter *e, int on);
/* Commit what is left, once the output is safely written; 0 or -1. */
int emit_finish(struct emitter *e);
/*
 * Emit p.  Returns 1 when written, 0 when skipped (already seen, or no
 * text and no title), -1 on a write error or broken pipe.
 */
int emit_post(struct emitter *e, const struct post *p);
/* Commit the batch written so far to the state store (0 or -1). */
int emit_flush(struct emitter *e);
/* Inside a run, settle and write the batch (before the output is made
 * ready to rename); else nothing.  0 or -1. */
int emit_drain(struct emitter *e);
/* Write one record line as it is (a pending one of an earlier run):
 * arg is the emitter.  0, or -1 when the output is broken. */
int emit_line(void *arg, const char *line, size_t len);
/* The reader went away or writing failed: stop. */
int emit_broken(const struct emitter *e);
/* Writing or the state store failed (reported): exit 3. */
int emit_failed(const struct emitter *e);
void emit_free(struct emitter *e);

/* accounts.c: the registry of accounts (dict/accounts.tsv). */
struct account {
	char *type, *level, *body;	/* level and body NULL when "-" */
};
struct accounts;
/* The seed list, then files in order (later lines win).  NULL when a
 * file cannot be read or has a bad line (each reported). */
struct accounts *acct_load(const char *const *files, size_t n);
/* The account with this id, else this name, on the site, the platform
 * or any ("*"); NULL when none. */
const struct account *acct_find(const struct accounts *a, const char *site,
    const char *platform, const char *id, const char *name);
void acct_free(struct accounts *a);
/* emit.c: who speaks, for every post with an author (NULL: none). */
void emit_accounts(struct emitter *e, const struct accounts *a);

/* sha1.c */
void sha1(const void *data, size_t n, unsigned char out[20]);

/* canon.c */
/* Id of a post: 16 hex digits of the SHA-1 of the canonical URL, or of
 * source 0x1f native.  out holds 17 bytes.  -1 when neither is usable. */
int canon_id(const char *url, const char *source, const char *native,
    char out[17]);
/* Resolve ref against base; fresh string, NULL if impossible. */
char *canon_resolve(const char *base, const char *ref);
/* Lower-cased host of url in a fresh string, or NULL. */
char *canon_host(const char *url);
/* Platform guessed from the URL's host: gov, weibo, wechat, video or
 * forum; dflt when the host says nothing.  Static string. */
const char *canon_platform(const char *url, const char *dflt);
/* DESIGN's platform for a name an export or list gives (微博 -> weibo). */
const char *canon_platform_name(const char *name);

/* charset.c */
/*
 * Convert buf[0..n) to UTF-8, choosing the encoding from hint (an HTTP
 * or declared charset; may be NULL), a BOM, an XML declaration or a
 * <meta charset>, else UTF-8 if it is valid, else GB18030.  The BOM is
 * dropped, invalid sequences become U+FFFD.  Returns a fresh
 * NUL-terminated buffer (length in *outlen).
 */
char *cs_to_utf8(const char *buf, size_t n, const char *hint, size_t *outlen);
/* The charset named in a Content-Type value, fresh, or NULL. */
char *cs_from_content_type(const char *ct);
/* Streaming conversion for CSV: see charset.c. */
struct cs_stream;
struct cs_stream *cs_stream_new(const char *from);
/* Convert in[0..n); appends to *out (growing it); keeps an incomplete
 * trailing sequence for the next call.  last: flush at end. */
void cs_stream_conv(struct cs_stream *s, const char *in, size_t n,
    char **out, size_t *outlen, size_t *outcap, int last);
void cs_stream_free(struct cs_stream *s);

/* text.c: HTML to plain text. */
/* Plain text of the subtree at node (entities decoded, scripts and
 * styles dropped, blocks on their own lines, whitespace normalised).
 * Fresh string. */
char *text_of_node(xmlNode *node);
/* The same, leaving out every element for which skip(node, arg) is true. */
char *text_of_node_filtered(xmlNode *node, int (*skip)(xmlNode *, void *),
    void *arg);
/* Elements whose text is never content (script, style, ...), and those
 * that end a line. */
int text_is_skipped(const xmlNode *n);
int text_is_block(const xmlNode *n);
/* Plain text of an HTML fragment or a plain string (feeds'
 * descriptions).  Fresh string. */
char *text_of_html(const char *html);
/* Collapse runs of white space to one space (newlines kept, at most
 * one blank line is dropped), trim; in place. */
void text_normalise(char *s);

/* extract.c: article extraction over the libxml2 HTML DOM. */
struct article {
	char *title, *text, *author, *published;
	char *canonical;	/* <link rel=canonical> or og:url */
};
/*
 * Parse html (any encoding; charset is the HTTP header's or NULL) and
 * fill *a with fresh strings (NULL when not found).  Returns 0, or -1
 * when the document cannot be parsed at all.
 */
int extract_article(const char *html, size_t n, const char *charset,
    const char *url, struct article *a);
void article_free(struct article *a);

/* feed.c */
/*
 * Parse an RSS 2.0, RSS 1.0 (RDF) or Atom document and emit one post per
 * item, with source (or the feed's title when NULL), platform and url
 * (the feed's, for resolving relative links).  Returns the number of
 * items, -1 when buf is not a feed (*err says why, static), or -2 when
 * writing failed or the reader went away.
 */
int feed_parse(const char *buf, size_t n, const char *charset,
    const char *source, const char *platform, const char *url,
    time_t fetched, struct emitter *e, const char **err);
/* True when buf looks like a feed (an XML root of rss, feed, RDF). */
int feed_sniff(const char *buf, size_t n);

/* warc.c */
/*
 * Read a WARC or WARC.gz file (path, "-" for stdin) and emit a post per
 * HTML response record.  Returns 0, or -1 after reporting damage (every
 * whole record before it has been emitted).
 */
/* Tests: kill the process at the point named by $YQ_CRASH_AT. */
void crash_point(const char *name);
int warc_read(const char *path, const char *source, struct emitter *e);

/* dates.c: yqt_parse() and the odd forms feeds use ("CST" as +08:00,
 * "GMT+8", "+0800" after ISO times, epoch seconds or milliseconds).
 * 0, or -1 when s is not a time. */
struct yqt;
int date_parse(const char *s, time_t now, struct yqt *out);

/* Field mapping for CSV and JSON input. */
enum {
	F_ID, F_SOURCE, F_PLATFORM, F_URL, F_TITLE, F_TEXT, F_AUTHOR,
	F_PUBLISHED, F_REPOSTS, F_COMMENTS, F_LIKES, F_VIEWS, F_NFIELDS
};
struct fieldmap {
	char *col[F_NFIELDS];	/* column or key name per field, or NULL */
};
/* Parse "text=正文,author=作者"; 0, or -1 with *bad set to the part. */
int fieldmap_parse(struct fieldmap *m, const char *spec, const char **bad);
/* Fill the unmapped fields from a header by common names. */
void fieldmap_guess(struct fieldmap *m, char *const *names, size_t n);
void fieldmap_free(struct fieldmap *m);
/* Whether --map named any field. */
int fieldmap_any(const struct fieldmap *m);
extern const char *const fieldmap_names[F_NFIELDS];
/* A count as exports write it: "3,402", "1.2万", "10万+", "2.5k";
 * -1 when s is none. */
long long count_parse(const char *s);
/* Emit the post whose fields are v (NULL: absent), with source when v
 * names none.  emit_post()'s return. */
int fieldmap_emit(struct emitter *e, const char *const v[F_NFIELDS],
    const char *source);

/* Plain text of an export's field: HTML made text, white space
 * normalised.  Fresh string. */
char *text_plain(const char *s);

/* platform.c: the exports of named crawlers (--from). */
struct platform;
struct plat_run {
	const struct platform *f;
	const char *path, *source;	/* the file, the records' source */
	struct emitter *e;
	char *author, *author_id;	/* from the path (weibo-crawler) */
	unsigned long left_out;		/* deleted or empty */
	int bad;			/* a malformed record was reported */
};
/* The format called name, or NULL; the i-th name or NULL past the end. */
const struct platform *plat_find(const char *name);
const char *plat_name(int i);
const char *plat_site(const struct platform *f);
/* Whether the format's JSON is one document, not a record a line. */
int plat_whole(const struct platform *f);
/* A CSV row as the record the format reads; caller owns it. */
json_t *plat_row(const struct platform *f, char *const *head,
    char *const *row, size_t n);
/* Before a file (r is filled) and after it (what was left out said). */
void plat_begin(struct plat_run *r, const struct platform *f,
    const char *path, const char *source, struct emitter *e);
void plat_done(struct plat_run *r);
/* Emit the posts of record o (read at line); takes fields out of o.
 * emit_post()'s return: -1 stops; malformed records set r->bad. */
int plat_record(struct plat_run *r, json_t *o, unsigned long line);

/* csvin.c: 0, -1 on an I/O error (reported), 1 bad rows (reported). */
int csvin_read(const char *path, const struct fieldmap *m, const char *charset,
    const char *source, struct emitter *e, const struct platform *from);
/* jsonin.c: NDJSON (through the record reader and its bad-line policy,
 * ro) or one JSON array of objects; same returns.  Standard input is
 * read as NDJSON. */
int jsonin_read(const char *path, const struct rec_opts *ro,
    const struct fieldmap *m, const char *source, struct emitter *e,
    const struct platform *from);

#endif
