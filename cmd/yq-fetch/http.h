/*
 * http.h: many URLs at once over libcurl's multi interface (http.c).
 */
#ifndef YQ_HTTP_H
#define YQ_HTTP_H

#include <stddef.h>

struct http_opts {
	int jobs;		/* transfers at once */
	long connect_timeout;	/* seconds */
	long timeout;		/* seconds, whole transfer */
	size_t max_body;	/* bytes */
	long max_redirs;
	const char *user_agent;
	int retries;		/* extra attempts on 5xx, 429 and timeouts */
	double retry_wait;	/* seconds before the first retry, doubling */
	double delay;		/* seconds between requests to one host */
};

struct http_req {
	const char *url;
	const char *etag, *lastmod;	/* validators to send, or NULL */
	void *arg;			/* the caller's */
	/* Filled in when the transfer is over: */
	long status;			/* HTTP status; 0 when none came */
	char *body;			/* NUL-terminated; len bytes */
	size_t len;
	char *ctype, *new_etag, *new_lastmod;
	char *error;			/* why it failed, or NULL */
	/* Private: */
	int attempts, done, active;
	double not_before;
	struct hhost *host;
};

/*
 * Fetch reqs[0..n), calling done(req, arg) for each in the order given
 * (a request's result waits for those before it), after which its
 * results are freed.  A failed request has error set ("HTTP 503",
 * "Timeout was reached"...).  Returns 0, or -1 if libcurl could not
 * start.
 */
int http_run(struct http_req *reqs, size_t n, const struct http_opts *o,
    void (*done)(struct http_req *, void *), void *arg);

/* Once per process, before and after. */
int http_global_init(void);
void http_global_cleanup(void);

#endif
