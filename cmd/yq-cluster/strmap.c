/*
 * strmap.c: a map from strings to small integers (token to term id, post
 * id to post index), open addressing with linear probing.
 */
#include <stdlib.h>
#include <string.h>

#include "cluster.h"
#include "yq.h"

void
sm_init(struct strmap *m)
{
	m->mask = 1023;
	m->count = 0;
	m->keys = xcalloc(m->mask + 1, sizeof *m->keys);
	m->vals = xcalloc(m->mask + 1, sizeof *m->vals);
}

void
sm_free(struct strmap *m)
{
	uint32_t i;

	for (i = 0; i <= m->mask; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
}

static uint32_t
slot_of(const struct strmap *m, const char *key)
{
	uint32_t i = (uint32_t)hash64(key, strlen(key)) & m->mask;

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & m->mask;
	return i;
}

uint32_t
sm_get(const struct strmap *m, const char *key)
{
	uint32_t i = slot_of(m, key);

	return m->keys[i] != NULL ? m->vals[i] : UINT32_MAX;
}

static void
grow(struct strmap *m)
{
	struct strmap n;
	uint32_t i, j;

	n.mask = m->mask * 2 + 1;
	n.count = m->count;
	n.keys = xcalloc(n.mask + 1, sizeof *n.keys);
	n.vals = xcalloc(n.mask + 1, sizeof *n.vals);
	for (i = 0; i <= m->mask; i++) {
		if (m->keys[i] == NULL)
			continue;
		j = slot_of(&n, m->keys[i]);
		n.keys[j] = m->keys[i];
		n.vals[j] = m->vals[i];
	}
	free(m->keys);
	free(m->vals);
	*m = n;
}

const char *
sm_put(struct strmap *m, const char *key, uint32_t val)
{
	uint32_t i;

	if ((m->count + 1) * 2 > m->mask + 1)
		grow(m);
	i = slot_of(m, key);
	if (m->keys[i] == NULL) {
		m->keys[i] = xstrdup(key);
		m->count++;
	}
	m->vals[i] = val;
	return m->keys[i];
}
