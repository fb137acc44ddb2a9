/*
 * Unit tests of common/jalloc.c: objects of every class and beyond,
 * freed and reused, never overlap and keep their contents; JSON built
 * and dumped through it is the JSON expected.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "tap.h"
#include "yq.h"

#define N 5000

static void
test_objects(json_malloc_t a, json_free_t f)
{
	static unsigned char *p[N];
	static size_t len[N];
	size_t i, j, bad = 0, misaligned = 0;
	uint64_t seed = 7;

	for (i = 0; i < N; i++) {
		seed = seed * 6364136223846793005u + 1442695040888963407u;
		len[i] = (seed >> 33) % 600;	/* 0..599: every class, and large */
		p[i] = a(len[i]);
		if ((uintptr_t)p[i] % 8 != 0)
			misaligned++;
		memset(p[i], (int)(i & 0xff), len[i]);
	}
	/* Free every other one, allocate again: the lists are reused. */
	for (i = 0; i < N; i += 2)
		f(p[i]);
	for (i = 0; i < N; i += 2) {
		p[i] = a(len[i]);
		if ((uintptr_t)p[i] % 8 != 0)
			misaligned++;
		memset(p[i], (int)(i & 0xff), len[i]);
	}
	for (i = 0; i < N; i++)
		for (j = 0; j < len[i]; j++)
			if (p[i][j] != (unsigned char)(i & 0xff)) {
				bad++;
				break;
			}
	is_int((long long)bad, 0, "no object overwrote another");
	is_int((long long)misaligned, 0, "every object 8-byte aligned");
	for (i = 0; i < N; i++)
		f(p[i]);
	f(NULL);
	ok(1, "free(NULL) is a no-op");
}

static void
test_json(json_free_t f)
{
	json_t *o = json_object(), *a = json_array();
	char *s, big[1000], want[1100];
	int i;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (i = 0; i < 100; i++)
		json_array_append_new(a, json_integer(i));
	json_object_set_new(o, "big", json_string(big));
	json_object_set_new(o, "a", a);
	json_array_clear(a);
	json_array_append_new(a, json_string("甲乙"));
	s = json_dumps(o, JSON_COMPACT);
	snprintf(want, sizeof want, "{\"big\":\"%s\",\"a\":[\"甲乙\"]}", big);
	is_str(s, want, "JSON built and dumped through it");
	f(s);	/* json_dumps' memory is jansson's */
	s = yq_json_dumps(o, JSON_COMPACT);
	is_str(s, want, "yq_json_dumps: the same");
	free(s);	/* ...and yq_json_dumps' is malloc's */
	s = yq_json_dumps(json_array_get(a, 0), JSON_ENCODE_ANY);
	is_str(s, "\"甲乙\"", "yq_json_dumps of a string");
	free(s);
	json_decref(o);
}

int
main(void)
{
	json_malloc_t a;
	json_free_t f;

	yq_jansson_alloc();
	json_get_alloc_funcs(&a, &f);
#if defined(__SANITIZE_ADDRESS__)
	ok(a == malloc, "under AddressSanitizer jansson keeps malloc");
#else
	ok(a != malloc && f != free, "jansson allocates through jalloc");
#endif
	test_objects(a, f);
	test_json(f);
	return done();
}
