/* Fuzz yq-score's places supplement (--places FILE, read by the common
 * gazetteer): the first line of the input is a post's text, the rest the
 * file; then place finding, on the text and with --explain. */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "gazetteer.h"
#include "score.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	char path[64], *text = fuzz_str(data, n);
	int fd = fuzz_file(data + n, size - n, path, sizeof path);
	json_t *post = json_object(), *why = json_array();

	if (gaz_load_supplement(path) == 0)
		json_decref(places_find(post, text, why));
	gaz_free();
	json_decref(post);
	json_decref(why);
	free(text);
	close(fd);
	return 0;
}
