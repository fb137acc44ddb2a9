/* Unit tests of common/utf8.c. */
#include <stdlib.h>

#include "tap.h"
#include "utf8.h"

static void
repair(const char *in, size_t n, const char *want, size_t want_count,
    const char *name)
{
	char *out;
	size_t len, count;

	count = utf8_repair(in, n, &out, &len);
	is_str(out, want, name);
	is_int(count, want_count, name);
	is_int(len, strlen(want), name);
	free(out);
}

int
main(void)
{
	uint32_t cp;
	char buf[4];

	is_int(utf8_valid_prefix("abc", 3), 3, "ASCII is valid");
	is_int(utf8_valid_prefix("沄江", 6), 6, "CJK is valid");
	is_int(utf8_valid_prefix("a\xffz", 3), 1, "0xFF stops the valid prefix");
	is_int(utf8_valid_prefix("\xc0\xaf", 2), 0, "overlong 2-byte form is invalid");
	is_int(utf8_valid_prefix("\xe0\x80\xaf", 3), 0, "overlong 3-byte form is invalid");
	is_int(utf8_valid_prefix("\xed\xa0\x80", 3), 0, "a surrogate is invalid");
	is_int(utf8_valid_prefix("\xf4\x90\x80\x80", 4), 0, "above U+10FFFF is invalid");
	is_int(utf8_valid_prefix("\xf0\x9f\x98\x80", 4), 4, "U+1F600 is valid");
	is_int(utf8_valid_prefix("\xe6\xb2", 2), 0, "a truncated sequence is invalid");

	repair("abc", 3, "abc", 0, "valid text is unchanged");
	repair("a\xffz", 3, "a\xef\xbf\xbdz", 1, "one bad byte, one U+FFFD");
	repair("\xe6\xb2z", 3, "\xef\xbf\xbdz", 1,
	    "a truncated 3-byte sequence is one U+FFFD (maximal subpart)");
	repair("\xf0\x80\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3,
	    "F0 80 80: three replacements");
	repair("\xed\xa0\x80", 3, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3,
	    "a surrogate: three replacements");
	/* C4 | E3 BA (a 3-byte lead and one good continuation) | C3. */
	repair("\xc4\xe3\xba\xc3", 4, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 3,
	    "GBK 你好 is three replacements (maximal subparts)");
	repair("", 0, "", 0, "empty input");

	is_int(utf8_decode("沄", 3, &cp), 3, "decode length of 沄");
	is_int(cp, 0x6c84, "decode 沄");
	is_int(utf8_decode("\xff", 1, &cp), 0, "decode of a bad byte fails");
	is_int(cp, 0xfffd, "and gives U+FFFD");
	is_int(utf8_encode(0x6c84, buf), 3, "encode 沄");
	ok(memcmp(buf, "沄", 3) == 0, "encode bytes");
	is_int(utf8_encode(0xd800, buf), 0, "a surrogate does not encode");
	is_int(utf8_encode(0x110000, buf), 0, "above U+10FFFF does not encode");
	is_int(utf8_len("沄江a", 7), 3, "length in code points");
	ok(utf8_is_cjk(0x6c84) && utf8_is_cjk(0x3400) && utf8_is_cjk(0x20000),
	    "CJK ranges");
	ok(!utf8_is_cjk('a') && !utf8_is_cjk(0x3002), "ASCII and 。 are not CJK");
	return done();
}
