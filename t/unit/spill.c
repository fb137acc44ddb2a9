/* Unit tests of common/spill.c. */
#include <stdlib.h>
#include <string.h>

#include "spill.h"
#include "tap.h"

static int
same(struct spill *s, const struct spill_ref *r, const char *want, int drop)
{
	const char *err = NULL;
	char *got = spill_get(s, r, drop, &err);
	int eq = got != NULL && strcmp(got, want) == 0;

	free(got);
	return eq;
}

int
main(void)
{
	struct spill *s = spill_new("yq-test", 10);
	struct spill_ref r[6];
	const char *err = NULL;
	char *big;
	size_t n = (1 << 20) + 7, i;

	ok(spill_size(s) == 0, "nothing put, nothing on disk");
	is_int(spill_put(s, "hello", 5, &r[0], &err), 0, "a text goes aside");
	is_int(spill_put(s, "world!", 6, &r[1], &err), 0, "another, in the buffer");
	ok(same(s, &r[0], "hello", 0), "the first back from the buffer");
	ok(same(s, &r[1], "world!", 0), "the second back from the buffer");
	is_int(spill_size(s), 11, "11 bytes in the first file");
	/* Past its turn (10 bytes), the other file takes the next. */
	is_int(spill_put(s, "third", 5, &r[2], &err), 0, "a third");
	is_int(r[2].file, 1, "in the other file");
	is_int(r[2].off, 0, "at its start");
	ok(same(s, &r[1], "world!", 1), "the second back, dropped");
	is_int(spill_size(s), 16, "the first file keeps the first text");
	spill_drop(s, &r[0]);
	is_int(spill_size(s), 5, "nothing wanted in it: the first file is emptied");
	is_int(spill_put(s, "fourth!", 7, &r[3], &err), 0, "a fourth");
	is_int(r[3].file, 1, "the second file is under its turn: still written");
	is_int(spill_put(s, "fifth", 5, &r[4], &err), 0, "a fifth");
	is_int(r[4].file, 0, "past its turn: back to the first, empty");
	is_int(r[4].off, 0, "from its start");
	ok(same(s, &r[2], "third", 1) && same(s, &r[3], "fourth!", 1),
	    "the texts of the second file back from the disk");
	ok(same(s, &r[4], "fifth", 0), "the fifth from the buffer");
	big = malloc(n + 1);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	big[n] = '\0';
	is_int(spill_put(s, big, n, &r[5], &err), 0, "a text longer than the buffer");
	ok(same(s, &r[5], big, 1), "comes back whole");
	ok(same(s, &r[4], "fifth", 1), "and the one before it, written first");
	free(big);
	spill_free(s);

	setenv("TMPDIR", "/nonexistent/yq", 1);
	s = spill_new("yq-test", 0);
	is_int(spill_put(s, "x", 1, &r[0], &err), 1, "no temporary file: the caller keeps the text");
	spill_free(s);
	return done();
}
