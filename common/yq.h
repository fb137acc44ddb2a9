/*
 * yq.h: what every part of yq shares: version, exit statuses, the
 * program name used in diagnostics, and the small allocation and error
 * helpers.  common/ never exits (but for out-of-memory in xmalloc) and
 * never writes to stdout; the helpers that exit are for cmd/ only.
 */
#ifndef YQ_H
#define YQ_H

#include <stddef.h>
#include <stdarg.h>

#define YQ_VERSION "0.1.0"

/* Exit statuses shared by every binary (DESIGN section 3). */
enum {
	YQ_EXIT_OK = 0,		/* success */
	YQ_EXIT_FOUND = 1,	/* the tool's own "found something" */
	YQ_EXIT_USAGE = 2,	/* usage or input errors */
	YQ_EXIT_IO = 3		/* I/O or environment failure */
};

/* err.c */
/* Set the name diagnostics start with; argv[0]'s basename is used. */
void yq_setprog(const char *argv0);

/*
 * Give jansson the small-object allocator of jalloc.c.  Call first in
 * main, before any JSON value exists (yq_common_init does).
 */
void yq_jansson_alloc(void);

/*
 * json_dumps into memory from malloc, for free(): what json_dumps
 * returns comes from jansson's allocator and must not go to free().
 * NULL when jansson cannot encode v.
 */
struct json_t;
char *yq_json_dumps(const struct json_t *v, size_t flags);
const char *yq_prog(void);
/* "prog: message" on stderr, with ": strerror(errno)" for yq_warn(). */
void yq_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void yq_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void yq_vwarnx(const char *fmt, va_list ap);
/* For cmd/ only: yq_warnx() then exit(status). */
void die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

/* xmalloc.c: on failure print "prog: out of memory" and exit 3. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Printf into a fresh buffer the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
