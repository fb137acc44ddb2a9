/* Fuzz yq-score's category patterns (categories.conf, --categories):
 * the first line of the input is a post's text, the rest the file.
 * The categories found with the word prefilter must be those found by
 * running every pattern. */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "score.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	char path[64], *text = fuzz_str(data, n);
	int fd = fuzz_file(data + n, size - n, path, sizeof path);

	if (cat_load(path) == 0) {
		json_t *got, *want;

		cat_prefilter = 1;
		got = cat_match(text);
		cat_prefilter = 0;
		want = cat_match(text);
		cat_prefilter = 1;
		if (!json_equal(got, want))
			abort();
		json_decref(got);
		json_decref(want);
	}
	cat_free();
	free(text);
	close(fd);
	return 0;
}
