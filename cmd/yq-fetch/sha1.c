/*
 * sha1.c: SHA-1 (FIPS 180-4), used only to derive stable post ids from
 * canonical URLs.  None of the libraries yq links exposes a SHA-1, and
 * the ids must agree with other implementations, so it is done here.
 */
#include <string.h>
#include "fetch.h"

struct sha1_ctx {
	uint32_t h[5];
	unsigned char buf[64];
	size_t used;
	uint64_t len;
};

static uint32_t
rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void
sha1_block(struct sha1_ctx *c, const unsigned char *p)
{
	uint32_t w[80], a, b, d, e, f, k, t, cc;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3]; e = c->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (b & cc) | (~b & d);
			k = 0x5a827999;
		} else if (i < 40) {
			f = b ^ cc ^ d;
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (b & cc) | (b & d) | (cc & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ cc ^ d;
			k = 0xca62c1d6;
		}
		t = rol(a, 5) + f + e + k + w[i];
		e = d; d = cc; cc = rol(b, 30); b = a; a = t;
	}
	c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d; c->h[4] += e;
}

static void
sha1_update(struct sha1_ctx *c, const unsigned char *p, size_t n)
{
	c->len += n;
	while (n > 0) {
		size_t take = 64 - c->used;

		if (take > n)
			take = n;
		memcpy(c->buf + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used == 64) {
			sha1_block(c, c->buf);
			c->used = 0;
		}
	}
}

/* The SHA-1 digest of data[0..n) into out. */
void
sha1(const void *data, size_t n, unsigned char out[20])
{
	static const uint32_t init[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0
	};
	struct sha1_ctx c;
	unsigned char pad[72];
	uint64_t bits;
	size_t padlen;
	int i;

	memcpy(c.h, init, sizeof(init));
	c.used = 0;
	c.len = 0;
	sha1_update(&c, data, n);
	bits = c.len * 8;
	padlen = (c.used < 56 ? 56 : 120) - c.used;
	memset(pad, 0, sizeof(pad));
	pad[0] = 0x80;
	for (i = 0; i < 8; i++)
		pad[padlen + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_update(&c, pad, padlen + 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(c.h[i / 4] >> (24 - 8 * (i % 4)));
}
