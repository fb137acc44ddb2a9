/*
 * charset.c: finding a document's encoding and converting it to UTF-8
 * with iconv.  Declarations are often wrong on Chinese sites (a UTF-8
 * page that says gb2312, a server that says utf-8 over GBK), so the
 * bytes have the last word: a BOM wins, then text that is valid UTF-8
 * (or nearly: a stray byte here and there) is UTF-8, then the declared
 * encoding, then GB18030 (a superset of GBK and GB2312, which never
 * fails).
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include "yq.h"
#include "utf8.h"
#include "fetch.h"

struct cs_stream {
	iconv_t cd;
	char pending[8];
	size_t npending;
};

/* The iconv name to use for a declared charset; static string. */
static const char *
cs_name(const char *decl)
{
	static const struct { const char *alias, *name; } map[] = {
		{ "gb2312", "GB18030" }, { "gbk", "GB18030" },
		{ "x-gbk", "GB18030" }, { "gb18030", "GB18030" },
		{ "cp936", "GB18030" }, { "euc-cn", "GB18030" },
		{ "utf8", "UTF-8" }, { "utf-8", "UTF-8" },
		{ "iso-8859-1", "WINDOWS-1252" }, { "latin1", "WINDOWS-1252" },
		{ "us-ascii", "UTF-8" }, { "ascii", "UTF-8" },
		{ "big5", "BIG5-HKSCS" }, { NULL, NULL }
	};
	int i;

	for (i = 0; map[i].alias != NULL; i++)
		if (strcasecmp(decl, map[i].alias) == 0)
			return map[i].name;
	return decl;
}

/* The token after "charset=" at p, fresh, or NULL. */
static char *
charset_value(const char *p, const char *end)
{
	const char *s;

	while (p < end && (*p == ' ' || *p == '"' || *p == '\''))
		p++;
	for (s = p; s < end && (isalnum((unsigned char)*s) || *s == '-' ||
	    *s == '_' || *s == '.' || *s == ':'); s++)
		;
	return s > p && s - p < 40 ? xstrndup(p, (size_t)(s - p)) : NULL;
}

static const char *
memcasestr(const char *h, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; i + k <= n; i++)
		if (strncasecmp(h + i, needle, k) == 0)
			return h + i;
	return NULL;
}

char *
cs_from_content_type(const char *ct)
{
	const char *p;

	if (ct == NULL || (p = memcasestr(ct, strlen(ct), "charset")) == NULL)
		return NULL;
	p += 7;
	while (*p == ' ')
		p++;
	if (*p++ != '=')
		return NULL;
	return charset_value(p, p + strlen(p));
}

/* The encoding given by an XML declaration at the start of buf. */
static char *
sniff_xml(const char *buf, size_t n)
{
	const char *end, *p;

	if (n < 5 || strncmp(buf, "<?xml", 5) != 0)
		return NULL;
	end = memchr(buf, '>', n);
	if (end == NULL || (p = memcasestr(buf, (size_t)(end - buf),
	    "encoding")) == NULL)
		return NULL;
	p += 8;
	while (p < end && (*p == ' ' || *p == '='))
		p++;
	return charset_value(p, end);
}

/* The charset of the first <meta> that gives one, within the head. */
static char *
sniff_meta(const char *buf, size_t n)
{
	const char *p = buf, *end = buf + (n < 16384 ? n : 16384), *tag, *gt, *c;

	while ((tag = memcasestr(p, (size_t)(end - p), "<meta")) != NULL) {
		gt = memchr(tag, '>', (size_t)(end - tag));
		if (gt == NULL)
			return NULL;
		c = memcasestr(tag, (size_t)(gt - tag), "charset");
		if (c != NULL) {
			c += 7;
			while (c < gt && (*c == ' ' || *c == '='))
				c++;
			return charset_value(c, gt);
		}
		p = gt;
	}
	return NULL;
}

static char *
cs_sniff(const char *buf, size_t n)
{
	char *e;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return xstrdup("UTF-8");
	if (n >= 2 && memcmp(buf, "\xff\xfe", 2) == 0)
		return xstrdup("UTF-16LE");
	if (n >= 2 && memcmp(buf, "\xfe\xff", 2) == 0)
		return xstrdup("UTF-16BE");
	if ((e = sniff_xml(buf, n)) != NULL)
		return e;
	return sniff_meta(buf, n);
}

struct cs_stream *
cs_stream_new(const char *from)
{
	struct cs_stream *s = xcalloc(1, sizeof(*s));

	s->cd = iconv_open("UTF-8", cs_name(from));
	if (s->cd == (iconv_t)-1) {
		free(s);
		return NULL;
	}
	return s;
}

static void
grow(char **out, size_t *outlen, size_t *outcap, size_t need)
{
	if (*outlen + need + 1 > *outcap) {
		*outcap = (*outlen + need + 1) * 2;
		*out = xrealloc(*out, *outcap);
	}
}

/* Convert as much of in[0..n) as possible; returns bytes consumed. */
static size_t
conv_some(struct cs_stream *s, const char *in, size_t n, char **out,
    size_t *outlen, size_t *outcap, int last)
{
	char *ip = (char *)in, *op;
	size_t il = n, ol;

	while (il > 0) {
		grow(out, outlen, outcap, il * 4 + 16);
		op = *out + *outlen;
		ol = *outcap - *outlen - 1;
		if (iconv(s->cd, &ip, &il, &op, &ol) != (size_t)-1) {
			*outlen = (size_t)(op - *out);
			break;
		}
		*outlen = (size_t)(op - *out);
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !last)
			break;
		/* Invalid or truncated at the end: U+FFFD, skip a byte. */
		grow(out, outlen, outcap, 3);
		memcpy(*out + *outlen, "\xef\xbf\xbd", 3);
		*outlen += 3;
		ip++;
		il--;
	}
	(*out)[*outlen] = '\0';
	return n - il;
}

void
cs_stream_conv(struct cs_stream *s, const char *in, size_t n, char **out,
    size_t *outlen, size_t *outcap, int last)
{
	char *tmp = NULL;
	size_t used;

	grow(out, outlen, outcap, 0);
	if (s->npending > 0) {
		/* A sequence was split across calls: join it to this chunk. */
		tmp = xmalloc(s->npending + n + 1);
		memcpy(tmp, s->pending, s->npending);
		memcpy(tmp + s->npending, in, n);
		n += s->npending;
		in = tmp;
		s->npending = 0;
	}
	used = conv_some(s, in, n, out, outlen, outcap, last);
	if (used < n) {
		s->npending = n - used;
		if (s->npending > sizeof(s->pending))
			s->npending = sizeof(s->pending);
		memcpy(s->pending, in + used, s->npending);
	}
	free(tmp);
}

void
cs_stream_free(struct cs_stream *s)
{
	if (s != NULL) {
		iconv_close(s->cd);
		free(s);
	}
}

/* Copy valid UTF-8, repairing what is not, without a BOM. */
static char *
utf8_copy(const char *buf, size_t n, size_t *outlen)
{
	char *out;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		n -= 3;
	}
	utf8_repair(buf, n, &out, outlen);
	return out;
}

/* UTF-8 with a few stray bytes (a cut multibyte character, one bad
 * byte in a template) is still UTF-8: at most one error for twenty
 * good multibyte characters.  GBK text has nearly none of those. */
static int
mostly_utf8(const char *buf, size_t n)
{
	size_t i = 0, good = 0, bad = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)buf[i] < 0x80) {
			i++;
			continue;
		}
		k = utf8_decode(buf + i, n - i, &cp);
		if (k == 0) {
			bad++;
			i++;
		} else {
			good++;
			i += k;
		}
	}
	return good > 0 && bad * 20 <= good;
}

char *
cs_to_utf8(const char *buf, size_t n, const char *hint, size_t *outlen)
{
	char *decl = cs_sniff(buf, n), *out = NULL;
	const char *name = NULL;
	struct cs_stream *s;
	size_t cap = 0;

	*outlen = 0;
	if (decl != NULL && strncasecmp(decl, "UTF-16", 6) == 0)
		name = decl;
	else if (utf8_valid_prefix(buf, n) == n ||
	    (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) ||
	    mostly_utf8(buf, n)) {
		free(decl);
		return utf8_copy(buf, n, outlen);
	} else if (hint != NULL && strcmp(cs_name(hint), "UTF-8") != 0)
		name = hint;
	else if (decl != NULL && strcmp(cs_name(decl), "UTF-8") != 0)
		name = decl;
	else
		name = "GB18030";
	if ((s = cs_stream_new(name)) == NULL && (s = cs_stream_new("GB18030"))
	    == NULL) {
		free(decl);
		return utf8_copy(buf, n, outlen);
	}
	if (n >= 2 && (memcmp(buf, "\xff\xfe", 2) == 0 ||
	    memcmp(buf, "\xfe\xff", 2) == 0)) {
		buf += 2;
		n -= 2;
	}
	cs_stream_conv(s, buf, n, &out, outlen, &cap, 1);
	cs_stream_free(s);
	free(decl);
	return out;
}
