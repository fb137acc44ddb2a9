/*
 * simhash.c: 64-bit SimHash over tokens (Charikar): each distinct token
 * votes +1 or -1 on every bit by its own hash; near-identical texts
 * differ in few bits.
 */
#include <string.h>

#include "cluster.h"

uint64_t
hash64(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ull;
	}
	/* Finish with a mixer so that nearby strings spread over all bits. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

uint64_t
simhash(const char *const *tokens, size_t n)
{
	int v[64] = { 0 };
	uint64_t h, out = 0;
	size_t i;
	int b;

	for (i = 0; i < n; i++) {
		h = hash64(tokens[i], strlen(tokens[i]));
		for (b = 0; b < 64; b++)
			v[b] += (h >> b) & 1 ? 1 : -1;
	}
	for (b = 0; b < 64; b++)
		if (v[b] > 0)
			out |= 1ull << b;
	return out;
}

int
hamming(uint64_t a, uint64_t b)
{
	return __builtin_popcountll(a ^ b);
}
