/* Fuzz yq-score's sentiment model loader (--model FILE), then a
 * prediction with what it read. */
/* fuzz-max-len: 16384 */
#include "fuzz.h"
#include "score.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model m = { NULL, 0 };
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);

	if (model_load(&m, path) == 0)
		(void)model_predict(&m, "家门口的垃圾焚烧厂要建了，大家怎么看？");
	model_free(&m);
	close(fd);
	return 0;
}
