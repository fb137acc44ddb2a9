/*
 * http.c: the HTTP client, libcurl's multi interface.  Up to --jobs
 * transfers run at once, never two to one host at a time and each
 * host's requests spaced by the politeness delay.  Failures that may
 * pass (5xx, 429, timeouts, refused connections) are retried with a
 * doubling wait.  Only http and https are spoken, on the first request
 * and on every redirect.  Bodies are capped; gzip is accepted.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>
#include "yq.h"
#include "http.h"
#include "fetch.h"

struct hhost {
	char *name;
	int busy;
	double next;		/* earliest start of the next request */
};

struct xfer {
	struct http_req *req;
	const struct http_opts *o;
	CURL *h;
	struct curl_slist *hdrs;
	char *buf;
	size_t len, cap;
	int toobig;
	char errbuf[CURL_ERROR_SIZE];
};

struct run {
	struct http_req *reqs;
	size_t n;
	const struct http_opts *o;
	struct hhost *hosts;
	size_t nhosts;
	CURLM *m;
	int active;
};

static double
clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
http_global_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
http_global_cleanup(void)
{
	curl_global_cleanup();
}

static struct hhost *
host_of(struct run *r, const char *url)
{
	char *name = canon_host(url);
	size_t i;

	if (name == NULL)
		name = xstrdup("");
	for (i = 0; i < r->nhosts; i++)
		if (strcmp(r->hosts[i].name, name) == 0) {
			free(name);
			return &r->hosts[i];
		}
	free(name);
	return NULL;
}

static size_t
on_body(char *p, size_t size, size_t nmemb, void *arg)
{
	struct xfer *x = arg;
	size_t n = size * nmemb;

	if (x->len + n > x->o->max_body) {
		x->toobig = 1;
		return 0;
	}
	if (x->len + n + 1 > x->cap) {
		x->cap = (x->len + n + 1) * 2;
		x->buf = xrealloc(x->buf, x->cap);
	}
	memcpy(x->buf + x->len, p, n);
	x->len += n;
	x->buf[x->len] = '\0';
	return n;
}

static CURL *
make_handle(struct xfer *x)
{
	const struct http_opts *o = x->o;
	CURL *h = curl_easy_init();
	char *v;

	if (h == NULL)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, x->req->url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, o->max_redirs);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, o->connect_timeout);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, o->timeout);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_body);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	if (x->req->etag != NULL) {
		v = xasprintf("If-None-Match: %s", x->req->etag);
		x->hdrs = curl_slist_append(x->hdrs, v);
		free(v);
	}
	if (x->req->lastmod != NULL) {
		v = xasprintf("If-Modified-Since: %s", x->req->lastmod);
		x->hdrs = curl_slist_append(x->hdrs, v);
		free(v);
	}
	if (x->hdrs != NULL)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->hdrs);
	return h;
}

static int
start(struct run *r, struct http_req *q)
{
	struct xfer *x = xcalloc(1, sizeof(*x));

	x->req = q;
	x->o = r->o;
	if ((x->h = make_handle(x)) == NULL ||
	    curl_multi_add_handle(r->m, x->h) != CURLM_OK) {
		curl_easy_cleanup(x->h);
		free(x);
		q->error = xstrdup("cannot start the transfer");
		q->done = 1;
		return -1;
	}
	q->active = 1;
	q->attempts++;
	q->host->busy = 1;
	r->active++;
	return 0;
}

static char *
header(CURL *h, const char *name)
{
	struct curl_header *hd;

	if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &hd) != CURLHE_OK)
		return NULL;
	return xstrdup(hd->value);
}

/* Worth another attempt? */
static int
transient(CURLcode rc, long status)
{
	if (rc == CURLE_OK)
		return status >= 500 || status == 429;
	return rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_COULDNT_CONNECT ||
	    rc == CURLE_RECV_ERROR || rc == CURLE_SEND_ERROR ||
	    rc == CURLE_GOT_NOTHING || rc == CURLE_PARTIAL_FILE;
}

static char *
failure(struct xfer *x, CURLcode rc, long status)
{
	if (x->toobig || rc == CURLE_FILESIZE_EXCEEDED)
		return xasprintf("response larger than %zu bytes",
		    x->o->max_body);
	if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		return xstrdup("redirect to a scheme other than http or https "
		    "refused");
	if (rc == CURLE_TOO_MANY_REDIRECTS)
		return xasprintf("more than %ld redirects", x->o->max_redirs);
	if (rc != CURLE_OK)
		return xstrdup(x->errbuf[0] != '\0' ? x->errbuf :
		    curl_easy_strerror(rc));
	if (status != 304 && (status < 200 || status > 299))
		return xasprintf("HTTP %ld", status);
	return NULL;
}

static void
finish(struct run *r, CURLMsg *msg)
{
	struct xfer *x;
	struct http_req *q;
	long status = 0;
	char *ct = NULL;

	curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&x);
	q = x->req;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &status);
	q->active = 0;
	q->host->busy = 0;
	q->host->next = clock_now() + r->o->delay;
	r->active--;
	if (transient(msg->data.result, status) && !x->toobig &&
	    q->attempts <= r->o->retries) {
		q->not_before = clock_now() + r->o->retry_wait *
		    (double)(1 << (q->attempts - 1));
	} else {
		q->done = 1;
		q->status = status;
		q->error = failure(x, msg->data.result, status);
		if (q->error == NULL) {
			q->body = x->buf != NULL ? x->buf : xstrdup("");
			q->len = x->len;
			x->buf = NULL;
			curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);
			q->ctype = ct != NULL ? xstrdup(ct) : NULL;
			q->new_etag = header(x->h, "ETag");
			q->new_lastmod = header(x->h, "Last-Modified");
		}
	}
	curl_multi_remove_handle(r->m, x->h);
	curl_easy_cleanup(x->h);
	curl_slist_free_all(x->hdrs);
	free(x->buf);
	free(x);
}

/* Start what may start now; returns the seconds until something else
 * may (or 1 when nothing waits). */
static double
schedule(struct run *r)
{
	double now = clock_now(), wait = 1;
	size_t i;

	for (i = 0; i < r->n && r->active < r->o->jobs; i++) {
		struct http_req *q = &r->reqs[i];
		double at;

		if (q->done || q->active || q->host->busy)
			continue;
		at = q->not_before > q->host->next ? q->not_before :
		    q->host->next;
		if (at <= now)
			start(r, q);
		else if (at - now < wait)
			wait = at - now;
	}
	return wait;
}

static void
free_results(struct http_req *q)
{
	free(q->body);
	free(q->ctype);
	free(q->new_etag);
	free(q->new_lastmod);
	free(q->error);
	q->body = q->ctype = q->new_etag = q->new_lastmod = q->error = NULL;
}

static void
assign_hosts(struct run *r)
{
	size_t i;

	r->hosts = xcalloc(r->n, sizeof(*r->hosts));
	for (i = 0; i < r->n; i++) {
		struct hhost *h = host_of(r, r->reqs[i].url);

		if (h == NULL) {
			h = &r->hosts[r->nhosts++];
			h->name = canon_host(r->reqs[i].url);
			if (h->name == NULL)
				h->name = xstrdup("");
		}
		r->reqs[i].host = h;
	}
}

int
http_run(struct http_req *reqs, size_t n, const struct http_opts *o,
    void (*done)(struct http_req *, void *), void *arg)
{
	struct run r = { reqs, n, o, NULL, 0, NULL, 0 };
	size_t next = 0, i;
	CURLMsg *msg;
	int left;

	if ((r.m = curl_multi_init()) == NULL)
		return -1;
	assign_hosts(&r);
	while (next < n) {
		double wait = schedule(&r);
		int running, finished = 0;

		curl_multi_perform(r.m, &running);
		while ((msg = curl_multi_info_read(r.m, &left)) != NULL)
			if (msg->msg == CURLMSG_DONE) {
				finish(&r, msg);
				finished = 1;
			}
		while (next < n && reqs[next].done) {
			done(&reqs[next], arg);
			free_results(&reqs[next]);
			next++;
		}
		/* A transfer ended: another may start at once. */
		if (next < n && !finished)
			curl_multi_poll(r.m, NULL, 0, (int)(wait * 1000 < 100 ||
			    r.active == 0 ? wait * 1000 + 1 : 100), NULL);
	}
	curl_multi_cleanup(r.m);
	for (i = 0; i < r.nhosts; i++)
		free(r.hosts[i].name);
	free(r.hosts);
	return 0;
}
