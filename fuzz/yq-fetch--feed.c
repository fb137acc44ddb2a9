/* Fuzz the feed reader: RSS 2.0, RSS 1.0/RDF, Atom. */
/* fuzz-max-len: 65536 */
#include "fuzz.h"
#include "fetch.h"

static struct emitter *e;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *err;

	if (e == NULL)
		e = emit_new(rec_out_open("/dev/null"), NULL, 0, 1795363200, 0);
	(void)feed_sniff((const char *)data, size);
	feed_parse((const char *)data, size, NULL, "fuzz", NULL,
	    "https://example.cn/feed.xml", 1795363200, e, &err);
	return 0;
}
