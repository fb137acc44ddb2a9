/*
 * Fuzz yq-cluster's clustering: each input line that parses as a JSON
 * object is a post for cl_add (ids, times, tokens, repost_of, places as
 * they come), then events converge and every event record is built.
 * An input whose first byte is odd runs as --stream does, with a window
 * of ten minutes: settling after each post, each final event's record
 * built then, each post held until its event converged (as text or
 * parsed, by turns) and every one written by the end.
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

/* A held post: its event's id where the post says it is. */
static int
post(void *arg, struct held *h, const char *id)
{
	size_t n = strlen(id);

	(void)arg;
	if (*id == '\0')
		abort();
	if (h->obj != NULL) {
		if (!json_is_object(h->obj))
			abort();
		return 0;
	}
	if (h->idoff + n + 1 > h->len || h->line[h->idoff - 1] != '"')
		abort();
	return 0;
}

/* Hold obj as yq-cluster does: its text when its event id is in it. */
static void
hold(struct clusterer *cl, json_t *obj, int parsed)
{
	char *text = json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER), *at;
	const char *id = json_string_value(json_object_get(obj, "event_id"));
	struct held h = { 0 };

	if (text == NULL || id == NULL)
		abort();
	at = strstr(text, "\"event_id\":\"");

	if (parsed || at == NULL || strncmp(at + 12, id, strlen(id)) != 0) {
		free(text);
		h.obj = json_incref(obj);
	} else {
		h.line = text;
		h.len = strlen(text);
		h.idoff = (size_t)(at - text) + 12;
	}
	cl_hold(cl, &h);
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
	int n = 0;

	cl_defaults(&p);
	p.now = 1795136400;	/* 2026-11-20T09:00:00+08:00 */
	/* Settling, a window of ten minutes: posts minutes apart settle. */
	if (size > 0 && (data[0] & 1))
		p.window = 600;
	cl_init(&cl, &p, NULL);
	cl.settling = size > 0 && (data[0] & 1);
	if (cl.settling) {	/* as --stream: no aliases */
		json_decref(aliases);
		aliases = NULL;
	}
	for (line = s; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		obj = json_loads(line, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
		if (json_is_object(obj)) {
			if (cl_add(&cl, obj, &why) != 0) {
				if (why == NULL)
					abort();
			} else if (cl.settling)
				hold(&cl, obj, n++ & 1);
		}
		if (cl.settling && cl_settle(&cl, aliases, post, emit, NULL) != 0)
			abort();
		json_decref(obj);
	}
	cl_converge(&cl, p.converge, aliases);
	if (cl_write_held(&cl, post, NULL) != 0 || cl.nheld != 0)
		abort();
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
