/* Fuzz yq-score's government bodies: the first line of the input is a
 * post's text, the rest an organ file in dict/bodies.txt's format; the
 * places come from the demo city's supplement (fuzz/corpus seeds carry
 * none: the gazetteer is the supplement alone), then the grammar runs
 * over the text against them. */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "gazetteer.h"
#include "score.h"

static const char places[] =
    "331200\t沄江市\t沄江\tcity\t330000\n"
    "331202\t城东区\t城东\tdistrict\t331200\n"
    "331203\t北溪区\t北溪\tdistrict\t331200\n"
    "331221\t青石县\t青石\tcounty\t331200\n"
    "330329\t泰顺县\t泰顺\tcounty\t330300\n"
    "410300\t洛阳市\t洛阳\tcity\t410000\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t n = nl ? (size_t)(nl - data) : size;
	char gpath[64], bpath[64], *text = fuzz_str(data, n);
	int gfd = fuzz_file((const uint8_t *)places, sizeof places - 1, gpath,
	    sizeof gpath);
	int bfd = fuzz_file(data + n, size - n, bpath, sizeof bpath);
	json_t *post = json_object(), *found;

	if (gaz_load_supplement(gpath) == 0 && bodies_load(bpath) == 0) {
		found = places_find(post, text, NULL);
		json_decref(bodies_find(text, found));
		json_decref(found);
	}
	bodies_free();
	gaz_free();
	json_decref(post);
	free(text);
	close(gfd);
	close(bfd);
	return 0;
}
