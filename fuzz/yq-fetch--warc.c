/* Fuzz the WARC reader (plain or gzip members) and what it extracts. */
/* fuzz-max-len: 65536 */
#include "fuzz.h"
#include "fetch.h"

static struct emitter *e;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	int fd;

	if (e == NULL)
		e = emit_new(rec_out_open("/dev/null"), NULL, 0, 1795363200, 0);
	fd = fuzz_file(data, size, path, sizeof path);
	warc_read(path, "fuzz", e);
	close(fd);
	return 0;
}
