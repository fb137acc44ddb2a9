/*
 * send.c: the channels.  Mail goes over SMTP with libcurl (TLS and
 * login as the subscription says); the generic webhook gets the alert
 * as JSON with an Idempotency-Key header, so that a receiver can drop a
 * retry of a send that timed out after all; the WeCom, DingTalk and
 * Feishu group robots get their own message shapes, DingTalk's and
 * Feishu's signed with the robot's secret (HMAC-SHA256 of the time and
 * the secret).  A robot that answers 200 with a non-zero error code has
 * not taken the message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <curl/curl.h>

#include "alert.h"
#include "record.h"
#include "yq.h"

struct req {
	char *url;
	struct curl_slist *headers;
	char *body;		/* JSON, or the mail message */
	size_t len, off;	/* for the mail reader */
};

int
send_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? 0 : -1;
}

void
send_cleanup(void)
{
	curl_global_cleanup();
}

static char *
dump(json_t *v)
{
	char *s = yq_json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);

	json_decref(v);
	return s;
}

/* The wall clock in milliseconds: the robots check their signatures' time. */
static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* base64(HMAC-SHA256(key, msg)), fresh. */
static char *
sign(const char *key, const char *msg)
{
	unsigned char d[32];

	hmac_sha256(key, strlen(key), msg, strlen(msg), d);
	return base64(d, sizeof d);
}

/* DingTalk: timestamp and sign (URL-encoded) added to the URL. */
static char *
dingtalk_url(const struct sub *s)
{
	long long ms = now_ms();
	char *msg, *sig, *esc, *url;

	if (s->secret == NULL)
		return xstrdup(s->url);
	msg = xasprintf("%lld\n%s", ms, s->secret);
	sig = sign(s->secret, msg);
	esc = curl_easy_escape(NULL, sig, 0);
	url = xasprintf("%s%ctimestamp=%lld&sign=%s", s->url,
	    strchr(s->url, '?') ? '&' : '?', ms, esc ? esc : "");
	curl_free(esc);
	free(sig);
	free(msg);
	return url;
}

/* The subject between head and tail, then the body's lines, each after sep. */
static char *
text_of(const struct ob_row *r, const char *head, const char *tail,
    const char *sep)
{
	char *s = xasprintf("%s%s%s", head, r->subject, tail), *n;
	const char *p = r->body, *nl;

	for (; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		n = xasprintf("%s%s%.*s", s, sep, (int)(nl - p), p);
		free(s);
		s = n;
	}
	return s;
}

static json_t *
feishu_body(const struct sub *s, const struct ob_row *r)
{
	json_t *o = json_object(), *lines = json_array();
	const char *p = r->body, *nl;
	long long sec = now_ms() / 1000;
	char *msg, *sig;

	if (s->secret != NULL) {
		msg = xasprintf("%lld\n%s", sec, s->secret);
		sig = sign(msg, "");
		json_object_set_new(o, "timestamp", json_sprintf("%lld", sec));
		json_object_set_new(o, "sign", json_string(sig));
		free(sig);
		free(msg);
	}
	for (; *p != '\0'; p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		json_array_append_new(lines, json_pack("[{ss,ss%}]", "tag", "text",
		    "text", p, (size_t)(nl - p)));
	}
	json_object_set_new(o, "msg_type", json_string("post"));
	json_object_set_new(o, "content", json_pack("{s{s{ss,so}}}", "post",
	    "zh_cn", "title", r->subject, "content", lines));
	return o;
}

/* The request for an HTTP channel. */
static void
http_request(const struct sub *s, const struct ob_row *r, struct req *q)
{
	char *text;

	q->headers = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
	q->url = s->channel == CHAN_DINGTALK ? dingtalk_url(s) : xstrdup(s->url);
	switch (s->channel) {
	case CHAN_WEBHOOK:
		text = xasprintf("Idempotency-Key: %s", r->ikey);
		q->headers = curl_slist_append(q->headers, text);
		free(text);
		q->body = dump(json_pack("{ss,ss,ss,ss,sO}", "idempotency_key", r->ikey,
		    "to", s->name, "subject", r->subject, "text", r->body,
		    "alert", r->fields));
		break;
	case CHAN_WECOM:
		text = text_of(r, "**", "**", "\n");
		q->body = dump(json_pack("{ss,s{ss}}", "msgtype", "markdown",
		    "markdown", "content", text));
		free(text);
		break;
	case CHAN_DINGTALK:
		text = text_of(r, "### ", "", "\n\n");
		q->body = dump(json_pack("{ss,s{ss,ss}}", "msgtype", "markdown",
		    "markdown", "title", r->subject, "text", text));
		free(text);
		break;
	default:
		q->body = dump(feishu_body(s, r));
	}
	q->len = strlen(q->body);
}

/* A header value as RFC 2047 encoded words of whole UTF-8 characters. */
static char *
encoded_words(const char *v)
{
	char *s = xstrdup(""), *b, *n;
	size_t len = strlen(v), take;

	while (len > 0) {
		take = len < 45 ? len : 45;
		while (take < len && ((unsigned char)v[take] & 0xc0) == 0x80)
			take--;
		b = base64((const unsigned char *)v, take);
		n = xasprintf("%s%s=?UTF-8?B?%s?=", s, *s ? "\r\n " : "", b);
		free(b);
		free(s);
		s = n;
		v += take;
		len -= take;
	}
	return s;
}

/* "Mon, 23 Nov 2026 00:00:00 +0800": t in China time, C names. */
static void
mail_date(time_t t, char out[40])
{
	static const char days[] = "SunMonTueWedThuFriSat";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	time_t local = t + 8 * 3600;
	struct tm tm;

	gmtime_r(&local, &tm);
	snprintf(out, 40, "%.3s, %02d %.3s %d %02d:%02d:%02d +0800",
	    days + 3 * tm.tm_wday, tm.tm_mday, months + 3 * tm.tm_mon,
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The mail: headers, then the text in base64 lines of 76. */
static char *
mail_message(const struct sub *s, const struct ob_row *r, time_t now)
{
	char date[40], *subj = encoded_words(r->subject), *text, *b, *body, *n;
	size_t i, len;

	mail_date(now, date);
	text = xasprintf("%s\n\n%s", r->subject, r->body);
	b = base64((const unsigned char *)text, strlen(text));
	len = strlen(b);
	body = xstrdup("");
	for (i = 0; i < len; i += 76) {
		n = xasprintf("%s%.76s\r\n", body, b + i);
		free(body);
		body = n;
	}
	n = xasprintf("From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\n"
	    "Message-ID: <%s@yq-alert>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n%s",
	    s->from, s->to, subj, date, r->ikey, body);
	free(subj);
	free(text);
	free(b);
	free(body);
	return n;
}

static size_t
mail_read(char *buf, size_t size, size_t n, void *arg)
{
	struct req *q = arg;
	size_t take = q->len - q->off;

	if (take > size * n)
		take = size * n;
	memcpy(buf, q->body + q->off, take);
	q->off += take;
	return take;
}

static void
mail_request(CURL *h, const struct sub *s, const struct ob_row *r, time_t now,
    struct req *q)
{
	static const long ssl[] = { CURLUSESSL_NONE, CURLUSESSL_TRY, CURLUSESSL_ALL };
	char *to = xstrdup(s->to), *w, *save, *addr;

	q->url = xstrdup(s->smtp);
	q->body = mail_message(s, r, now);
	q->len = strlen(q->body);
	for (w = strtok_r(to, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
		addr = xasprintf("<%s>", w);
		q->headers = curl_slist_append(q->headers, addr);
		free(addr);
	}
	free(to);
	addr = xasprintf("<%s>", s->from);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, addr);
	free(addr);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, q->headers);
	curl_easy_setopt(h, CURLOPT_USE_SSL, ssl[s->tls]);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, mail_read);
	curl_easy_setopt(h, CURLOPT_READDATA, q);
	curl_easy_setopt(h, CURLOPT_INFILESIZE, (long)q->len);
	if (s->user != NULL)
		curl_easy_setopt(h, CURLOPT_USERNAME, s->user);
	if (s->password != NULL)
		curl_easy_setopt(h, CURLOPT_PASSWORD, s->password);
}

struct answer {
	char buf[4096];
	size_t len;
};

static size_t
keep_answer(char *p, size_t size, size_t n, void *arg)
{
	struct answer *a = arg;
	size_t take = size * n;

	if (take > sizeof a->buf - 1 - a->len)
		take = sizeof a->buf - 1 - a->len;
	memcpy(a->buf + a->len, p, take);
	a->len += take;
	a->buf[a->len] = '\0';
	return size * n;
}

/* A robot's answer: errcode (WeCom, DingTalk) or code (Feishu) 0. */
static char *
robot_error(const struct answer *a)
{
	json_t *j = json_loads(a->buf, 0, NULL), *c;
	char *why = NULL;

	c = json_object_get(j, "errcode");
	if (c == NULL)
		c = json_object_get(j, "code");
	if (c == NULL)
		c = json_object_get(j, "StatusCode");
	if (j == NULL || !json_is_integer(c))
		why = xstrdup("the robot's answer has no error code");
	else if (json_integer_value(c) != 0)
		why = xasprintf("error %lld: %s", (long long)json_integer_value(c),
		    rec_str(j, "errmsg") ? rec_str(j, "errmsg") : rec_str(j, "msg") ?
		    rec_str(j, "msg") : "");
	json_decref(j);
	return why;
}

int
send_one(const struct sub *s, const struct ob_row *r,
    const struct send_opts *o, time_t now, char **why)
{
	struct req q;
	struct answer ans;
	CURL *h = curl_easy_init();
	CURLcode rc;
	long code = 0;

	memset(&q, 0, sizeof q);
	ans.len = 0;
	ans.buf[0] = '\0';
	*why = NULL;
	if (h == NULL) {
		*why = xstrdup("cannot start libcurl");
		return -1;
	}
	if (s->channel == CHAN_MAIL)
		mail_request(h, s, r, now, &q);
	else {
		http_request(s, r, &q);
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, q.headers);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, q.body);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)q.len);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, keep_answer);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, &ans);
	}
	curl_easy_setopt(h, CURLOPT_URL, q.url);
	curl_easy_setopt(h, CURLOPT_USERAGENT, o->user_agent);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	/* libcurl's own words, without the port and milliseconds of errbuf. */
	if (rc != CURLE_OK && s->channel == CHAN_MAIL && code >= 400)
		*why = xasprintf("the SMTP server answered %ld", code);
	else if (rc != CURLE_OK)
		*why = xstrdup(curl_easy_strerror(rc));
	else if (s->channel != CHAN_MAIL && (code < 200 || code > 299))
		*why = xasprintf("HTTP %ld", code);
	else if (s->channel >= CHAN_WECOM)
		*why = robot_error(&ans);
	curl_easy_cleanup(h);
	curl_slist_free_all(q.headers);
	free(q.url);
	free(q.body);
	return *why ? -1 : 0;
}
