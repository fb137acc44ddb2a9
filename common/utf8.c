/*
 * utf8.c: UTF-8 checking, repair and decoding.  Repair follows the
 * Unicode "maximal subpart" practice: each maximal prefix of a would-be
 * sequence that cannot be completed becomes one U+FFFD.
 */
#include <string.h>

#include "utf8.h"
#include "yq.h"

/*
 * Decode the sequence at s.  Returns its length when valid; otherwise 0,
 * with *bad set to the length of the maximal subpart to replace (>= 1).
 */
static size_t
seq(const unsigned char *s, size_t n, uint32_t *cp, size_t *bad)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t len, i;
	uint32_t v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		*bad = 1;
		return 0;
	}
	for (i = 1; i < len; i++) {
		if (i >= n || s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		v = (v << 6) | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
	}
	*cp = v;
	return len;
}

size_t
utf8_valid_prefix(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k, bad;
	uint32_t cp;

	while (i < n) {
		/* ASCII runs and the three-byte sequences of CJK are the common cases. */
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (n - i >= 3 && p[i] >= 0xe1 && p[i] <= 0xef && p[i] != 0xed &&
		    (p[i + 1] & 0xc0) == 0x80 && (p[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		k = seq(p + i, n - i, &cp, &bad);
		if (k == 0)
			break;
		i += k;
	}
	return i;
}

size_t
utf8_repair(const char *s, size_t n, char **out, size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, k, bad = 0, count = 0;
	uint32_t cp;
	char *d;

	/* Each bad byte grows to at most three bytes of U+FFFD. */
	d = xmalloc(n * 3 + 1);
	while (i < n) {
		k = seq(p + i, n - i, &cp, &bad);
		if (k > 0) {
			memcpy(d + o, p + i, k);
			o += k;
			i += k;
		} else {
			memcpy(d + o, "\xef\xbf\xbd", 3);
			o += 3;
			i += bad;
			count++;
		}
	}
	d[o] = '\0';
	*out = d;
	*outlen = o;
	return count;
}

size_t
utf8_decode_any(const char *s, size_t n, uint32_t *cp)
{
	size_t bad;
	size_t k;

	if (n == 0) {
		*cp = 0xfffd;
		return 0;
	}
	k = seq((const unsigned char *)s, n, cp, &bad);
	if (k == 0)
		*cp = 0xfffd;
	return k;
}

size_t
utf8_encode(uint32_t cp, char *buf)
{
	unsigned char *b = (unsigned char *)buf;

	if (cp < 0x80) {
		b[0] = cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = 0xc0 | (cp >> 6);
		b[1] = 0x80 | (cp & 0x3f);
		return 2;
	}
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	if (cp < 0x10000) {
		b[0] = 0xe0 | (cp >> 12);
		b[1] = 0x80 | ((cp >> 6) & 0x3f);
		b[2] = 0x80 | (cp & 0x3f);
		return 3;
	}
	if (cp > 0x10ffff)
		return 0;
	b[0] = 0xf0 | (cp >> 18);
	b[1] = 0x80 | ((cp >> 12) & 0x3f);
	b[2] = 0x80 | ((cp >> 6) & 0x3f);
	b[3] = 0x80 | (cp & 0x3f);
	return 4;
}

size_t
utf8_len(const char *s, size_t n)
{
	size_t i, count = 0;

	/* Count the bytes that are not continuation bytes. */
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

int
utf8_is_cjk(uint32_t cp)
{
	return (cp >= 0x4e00 && cp <= 0x9fff) ||	/* Unified */
	    (cp >= 0x3400 && cp <= 0x4dbf) ||		/* Ext. A */
	    (cp >= 0x20000 && cp <= 0x323af) ||		/* Ext. B-H */
	    (cp >= 0xf900 && cp <= 0xfaff) ||		/* Compatibility */
	    (cp >= 0x2f800 && cp <= 0x2fa1f);
}

size_t
utf8_fit(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}
