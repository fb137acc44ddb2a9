/* Fuzz the record reader: lines, limits, gzip, JSON, UTF-8 repair. */
/* fuzz-max-len: 65536 */
#include "fuzz.h"
#include "record.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rec_opts o = { 4096, 0, NULL };
	struct rec_in *in = rec_in_new(&o);
	json_t *obj;
	char path[64];
	size_t len;
	int fd = fuzz_file(data, size, path, sizeof path), r;

	if (rec_in_open(in, path) == 0)
		while ((r = rec_in_next(in, &obj)) != REC_EOF && r != REC_ERR)
			if (r == REC_OK) {
				(void)rec_in_raw(in, &len);
				free(rec_text(obj));
				json_decref(obj);
			}
	rec_in_free(in, NULL);
	close(fd);
	return 0;
}
