/* Fuzz the casualty and loss figures of post text, Chinese numerals. */
/* fuzz-max-len: 4096 */
#include "fuzz.h"
#include "deadline.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct figures f;
	char *s = fuzz_str(data, size);

	if (!ready && figures_init() == 0)
		ready = 1;
	memset(&f, 0, sizeof f);
	f.deaths = f.injuries = f.loss = -1;
	figures_scan(&f, s, "fuzz");
	figures_clear(&f);
	(void)cn_number(s, size);
	free(s);
	return 0;
}
