/*
 * Fuzz yq-fetch --from: the first byte of the input picks a crawler's
 * format (plat_name), the rest is an export in it, read as CSV when it
 * does not start with '[' or '{', else as JSON, so every schema, the
 * reposted originals, the weibo-crawler columns and the JSON values
 * read one by one reach the emitter and the registry of accounts.
 */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "fetch.h"

static struct emitter *e;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rec_opts ro = { 4096, 0, NULL };
	struct fieldmap m;
	const struct platform *f;
	char path[64];
	int fd, n = 0;

	if (e == NULL)
		e = emit_new(rec_out_open("/dev/null"), NULL, 0, 1795363200, 0);
	if (size == 0)
		return 0;
	while (plat_name(n) != NULL)
		n++;
	f = plat_find(plat_name(data[0] % n));
	data++, size--;
	memset(&m, 0, sizeof m);
	fd = fuzz_file(data, size, path, sizeof path);
	if (size > 0 && (data[0] == '[' || data[0] == '{'))
		jsonin_read(path, &ro, &m, "fuzz", e, f);
	else
		csvin_read(path, &m, NULL, "fuzz", e, f);
	close(fd);
	return 0;
}
