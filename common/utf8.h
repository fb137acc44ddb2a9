/*
 * utf8.h: UTF-8 checking, repair and decoding.
 */
#ifndef YQ_UTF8_H
#define YQ_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Length of the valid prefix of s[0..n): n when all of it is valid UTF-8
 * (shortest forms, no surrogates, nothing above U+10FFFF).
 */
size_t utf8_valid_prefix(const char *s, size_t n);

/*
 * Repair s[0..n) in a fresh NUL-terminated buffer: each maximal invalid
 * subsequence becomes U+FFFD (as the Unicode standard recommends).
 * Returns the number of replacements made; *out (caller frees) and
 * *outlen receive the result.  Never fails but for out-of-memory.
 */
size_t utf8_repair(const char *s, size_t n, char **out, size_t *outlen);

/*
 * Decode one code point at s (at most n bytes).  Returns its length in
 * bytes and stores the code point in *cp; returns 0 on an invalid or
 * truncated sequence, leaving *cp as U+FFFD.
 */
size_t utf8_decode_any(const char *s, size_t n, uint32_t *cp);

/*
 * utf8_decode, inline for the two common cases: ASCII, and a three-byte
 * sequence whose lead byte allows any continuation byte (E1-EC, EE-EF:
 * nearly all of CJK).  Everything else goes to utf8_decode_any.
 */
static inline size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;

	if (n > 0 && p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (n >= 3 && p[0] >= 0xe1 && p[0] <= 0xef && p[0] != 0xed &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		*cp = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 |
		    (p[2] & 0x3f);
		return 3;
	}
	return utf8_decode_any(s, n, cp);
}

/* Encode cp into buf (at least 4 bytes); returns the length, 0 if invalid. */
size_t utf8_encode(uint32_t cp, char *buf);

/* Number of code points in a valid UTF-8 string of n bytes. */
size_t utf8_len(const char *s, size_t n);

/* How many of s's n bytes fit in max bytes, cut between characters. */
size_t utf8_fit(const char *s, size_t n, size_t max);

/* True for CJK ideographs (Unified, Ext. A-G, compatibility). */
int utf8_is_cjk(uint32_t cp);

#endif
