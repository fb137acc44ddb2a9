/*
 * Fuzz yq-seg's user dictionary loader (--user-dict FILE, jieba format)
 * over the compiled dictionary (mapped once), then segmentation with the
 * words it added: the first line of the input is the text to segment,
 * the rest the user dictionary.
 */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "seg.h"

static struct dict base;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size, len;
	char path[64], *text = fuzz_str(data, n), *norm;
	unsigned char *wide;
	int fd = fuzz_file(data + n, size - n, path, sizeof path);
	struct segopts o = { 1, 1, 1, 1 };
	struct tokens t = { NULL, 0, 0 };
	struct dict d;
	size_t i;

	if (base.map == NULL && dict_load(&base, YQ_BUILD_DATADIR "/seg.bin") < 0)
		abort();
	d = base;		/* the mapped tables shared, user words apart */
	if (dict_load_user(&d, path) == 0) {
		/* As yq-seg does: knowing which bytes were full-width. */
		norm = seg_normalise_wide(text, n, &len, &wide);
		seg_text_wide(&d, &o, norm, wide, len, &t);
		for (i = 0; i < t.n; i++)
			(void)seg_tag(&d, &t.v[i], norm);
		free(t.v);
		free(norm);
		free(wide);
	}
	free(d.uslots);
	free(text);
	close(fd);
	return 0;
}
