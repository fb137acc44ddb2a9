/*
 * Fuzz yq-fetch's field mapping of exports: the first line of the input
 * is a --map spec (fieldmap_parse), the rest an export read through it,
 * as CSV when the first byte of the rest is not '[' or '{', else as a
 * JSON dump (jsonin_read: NDJSON or one array), so dotted keys, counts
 * such as "1.2万" and times in many forms reach the emitter.
 */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "fetch.h"

static struct emitter *e;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	struct rec_opts ro = { 4096, 0, NULL };
	struct fieldmap m;
	const char *bad;
	char path[64], *spec = fuzz_str(data, n);
	int fd;

	if (e == NULL)
		e = emit_new(rec_out_open("/dev/null"), NULL, 0, 1795363200, 0);
	memset(&m, 0, sizeof m);
	data += n, size -= n;
	if (size > 0)		/* the newline */
		data++, size--;
	fd = fuzz_file(data, size, path, sizeof path);
	if (fieldmap_parse(&m, spec, &bad) == 0) {
		if (size > 0 && (data[0] == '[' || data[0] == '{'))
			jsonin_read(path, &ro, &m, "fuzz", e, NULL);
		else
			csvin_read(path, &m, NULL, "fuzz", e, NULL);
	}
	fieldmap_free(&m);
	free(spec);
	close(fd);
	return 0;
}
