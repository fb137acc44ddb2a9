/* Fuzz the time parser: RFC 3339, RFC 822, Chinese and relative forms. */
/* fuzz-max-len: 256 */
#include "fuzz.h"
#include "yqtime.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), buf[YQT_BUFSZ];
	struct yqt t;

	if (yqt_parse(s, 1795363200, &t) == 0)
		yqt_format(t, buf);
	free(s);
	return 0;
}
