/*
 * jalloc.c: a small-object allocator for jansson.  A record is parsed
 * into and dumped from hundreds of small values (one per token), each a
 * malloc and a free; size-classed free lists carved from large blocks
 * make both a few instructions.  Freed memory is kept for reuse by its
 * class, never returned (a record's values are freed before the next's
 * are made, so the lists stay as large as one record needs).
 *
 * Not used under AddressSanitizer, so that it still sees jansson's
 * every allocation.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "yq.h"
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define JALLOC_OFF 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JALLOC_OFF 1
#endif
#endif

#define GRAIN 8		/* alignment (enough for jansson's values), and a header */
#define NCLASS 32		/* classes of 8, 16, ... 256 bytes */
#define BLOCK (256 * 1024)

/* Before each object: its class (0 for one from malloc). */
union head {
	size_t cls;
	union head *next;	/* on a free list, in place of the object */
	char pad[GRAIN];
};

#ifndef JALLOC_OFF
static union head *freelist[NCLASS + 1];
static char *cur, *end;

struct block {
	struct block *next;
};
static struct block *blocks;	/* kept reachable, for leak checkers */

static void *
jalloc(size_t size)
{
	size_t cls = (size + GRAIN - 1) / GRAIN, need;
	union head *h;

	if (size == 0)
		cls = 1;
	if (cls > NCLASS) {
		if ((h = malloc(sizeof *h + size)) == NULL)
			return NULL;
		h->cls = 0;
		return h + 1;
	}
	if ((h = freelist[cls]) != NULL) {
		freelist[cls] = h[1].next;
		h->cls = cls;
		return h + 1;
	}
	need = sizeof *h + cls * GRAIN;
	if (cur == NULL || (size_t)(end - cur) < need) {
		struct block *b = malloc(BLOCK);

		if (b == NULL)
			return NULL;
		b->next = blocks;
		blocks = b;
		cur = (char *)b + sizeof(union head);
		end = (char *)b + BLOCK;
	}
	h = (union head *)cur;
	cur += need;
	h->cls = cls;
	return h + 1;
}

static void
jfree(void *p)
{
	union head *h;

	if (p == NULL)
		return;
	h = (union head *)p - 1;
	if (h->cls == 0) {
		free(h);
		return;
	}
	((union head *)p)->next = freelist[h->cls];
	freelist[h->cls] = h;
}

#endif

void
yq_jansson_alloc(void)
{
#ifndef JALLOC_OFF
	json_set_alloc_funcs(jalloc, jfree);
#endif
}

struct dumpbuf {
	char *s;
	size_t len, cap;
};

static int
dump_to(const char *buf, size_t size, void *data)
{
	struct dumpbuf *d = data;

	if (d->len + size + 1 > d->cap) {
		d->cap = (d->len + size + 1) * 2;
		d->s = xrealloc(d->s, d->cap);
	}
	memcpy(d->s + d->len, buf, size);
	d->len += size;
	d->s[d->len] = '\0';
	return 0;
}

char *
yq_json_dumps(const json_t *v, size_t flags)
{
	struct dumpbuf d = { NULL, 0, 0 };

	if (json_dump_callback(v, dump_to, &d, flags) != 0) {
		free(d.s);
		return NULL;
	}
	return d.s != NULL ? d.s : xstrdup("");
}
