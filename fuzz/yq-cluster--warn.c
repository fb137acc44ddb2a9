/* Fuzz yq-cluster's warning thresholds loader (warning.conf). */
/* fuzz-max-len: 4096 */
#include "fuzz.h"
#include "cluster.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct params p;
	char path[64];
	int fd = fuzz_file(data, size, path, sizeof path);

	memset(&p, 0, sizeof p);
	if (warn_load(&p, path) == 0 && (p.nlevels < 0 || p.nlevels > 4))
		abort();
	close(fd);
	return 0;
}
