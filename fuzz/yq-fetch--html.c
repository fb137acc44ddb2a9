/* Fuzz article extraction: libxml2's HTML parser, then title, body,
 * time and author. */
/* fuzz-max-len: 65536 */
#include "fuzz.h"
#include "fetch.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article a;

	if (extract_article((const char *)data, size, NULL,
	    "https://example.cn/a.html", &a) == 0)
		article_free(&a);
	return 0;
}
