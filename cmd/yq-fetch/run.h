/*
 * run.h: what main.c hands to the source drivers in run.c.
 */
#ifndef YQ_RUN_H
#define YQ_RUN_H

#include "http.h"
#include "fetch.h"

enum ftype { T_AUTO, T_FEED, T_PAGE, T_WARC, T_CSV, T_JSON };

struct run_opts {
	enum ftype type;
	const char *source, *platform, *charset, *page_url;
	struct fieldmap map;
	const struct platform *from;	/* --from, or NULL */
	struct http_opts http;
	const struct rec_opts *rec;
	struct fstate *st;		/* NULL: no state */
	struct emitter *e;
	time_t now;
};

/* A source named in a list file or on the command line. */
struct src {
	char *url;
	char *name, *platform;	/* NULL when not given */
	enum ftype type;	/* T_FEED for --feeds, T_PAGE for --urls */
};

/*
 * Read a feeds or pages list: "URL [NAME [PLATFORM]]" per line, '#'
 * comments, blank lines.  Appends to *v (count *n).  Returns 0, or -1
 * when the file cannot be read (reported), 1 when a line was bad
 * (reported, skipped).
 */
int list_read(const char *path, enum ftype type, struct src **v, size_t *n);
void src_free(struct src *v, size_t n);
int is_url(const char *s);

/* Fetch every URL source; the worst exit status (0, 1 when a source
 * failed, 3 when the state store failed). */
int run_http(struct src *v, size_t n, struct run_opts *o);
/* Read one local file; an exit status (0, 2 for bad input, 3 for I/O). */
int run_file(const char *path, struct run_opts *o);

#endif
