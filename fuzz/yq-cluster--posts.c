/*
 * Fuzz yq-cluster's clustering: each input line that parses as a JSON
 * object is a post for cl_add (ids, times, tokens, repost_of, places as
 * they come), then events converge and every event record is built.
 */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "cluster.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct clusterer cl;	/* 3 MB of bands: not on the stack */
	struct params p;
	char *s = fuzz_str(data, size), *line, *next;
	const char *why;
	json_t *obj, *aliases = json_object(), *e;
	uint32_t i;

	cl_defaults(&p);
	p.now = 1795136400;	/* 2026-11-20T09:00:00+08:00 */
	cl_init(&cl, &p, NULL);
	for (line = s; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		obj = json_loads(line, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
		if (json_is_object(obj) && cl_add(&cl, obj, &why) != 0 && why == NULL)
			abort();
		json_decref(obj);
	}
	cl_converge(&cl, p.converge, aliases);
	for (i = 0; i < cl.nevents; i++) {
		e = cl_event_record(&cl, i);
		if (!json_is_object(e))
			abort();
		json_decref(e);
	}
	json_decref(aliases);
	cl_free(&cl);
	free(s);
	return 0;
}
