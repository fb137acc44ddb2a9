/* Fuzz the response rules loader (response.conf). */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "deadline.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rules r;
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);

	rules_load(&r, path);
	rules_free(&r);
	close(fd);
	return 0;
}
