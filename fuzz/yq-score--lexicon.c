/* Fuzz yq-score's sentiment lexicon loader (sentiment.lex): the first
 * line of the input is a post's text, the rest the lexicon. */
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
	json_t *post = json_object();

	if (lex_load(path) == 0)
		(void)lex_score(post, text);
	lex_free();
	json_decref(post);
	free(text);
	close(fd);
	return 0;
}
