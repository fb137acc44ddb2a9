/*
 * Fuzz yq-cluster's clustering: each input line that parses as a JSON
 * object is a post for cl_add (ids, times, tokens, repost_of, places as
 * they come), then events converge and every event record is built.
 * An input whose first byte is odd runs as --stream does, with a window
 * of ten minutes: settling after each post, each final event's record
 * built then.
 */
/* fuzz-max-len: 8192 */
#include "fuzz.h"
#include "cluster.h"

static int
emit(void *arg, struct clusterer *cl, uint32_t ei)
{
	json_t *e = cl_event_record(cl, ei);

	(void)arg;
	if (!json_is_object(e))
		abort();
	json_decref(e);
	return 0;
}

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
	/* Settling, a window of ten minutes: posts minutes apart settle. */
	if (size > 0 && (data[0] & 1))
		p.window = 600;
	cl_init(&cl, &p, NULL);
	cl.settling = size > 0 && (data[0] & 1);
	for (line = s; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		obj = json_loads(line, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
		if (json_is_object(obj) && cl_add(&cl, obj, &why) != 0 && why == NULL)
			abort();
		if (cl.settling && cl_settle(&cl, aliases, emit, NULL) != 0)
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
