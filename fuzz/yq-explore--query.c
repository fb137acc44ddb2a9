/* Fuzz yq-explore's condition parser (where, since, grep ...). */
/* fuzz-max-len: 512 */
#include "fuzz.h"
#include "explore.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), err[256];
	struct cond *c = cond_parse(s, 1795363200, err, sizeof err);

	cond_free(c);
	free(s);
	return 0;
}
