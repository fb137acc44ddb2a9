/*
 * Fuzz the line reader alone (lr_*): gzip or plain, CRLF, over-long
 * lines.  The first byte picks the line limit (16 to 4096 bytes), so
 * the skipping of long lines is reached with short inputs.
 */
/* fuzz-max-len: 16384 */
#include "fuzz.h"
#include "record.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct linereader *lr;
	char path[64], *line;
	size_t len, max;
	int fd, r;

	if (size == 0)
		return 0;
	max = 16 + (size_t)data[0] * 16;
	fd = fuzz_file(data + 1, size - 1, path, sizeof path);
	if ((lr = lr_open(path, max)) != NULL) {
		while ((r = lr_next(lr, &line, &len)) != REC_EOF && r != REC_ERR)
			if (r == REC_OK && (len > max || line[len] != '\0'))
				abort();
		lr_close(lr);
	}
	close(fd);
	return 0;
}
