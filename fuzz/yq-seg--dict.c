/*
 * Fuzz yq-seg's compiled dictionary loader (--dict FILE) and the
 * segmenter over what it maps.  The file is a few megabytes, mostly
 * tables, so the input is laid out into a file of the right size: the
 * header's counts (the magic is kept), the tag names, then the word
 * and IDF slots, then the character table; the rest is zeros.  The
 * header below mirrors dict.c's struct header.
 */
/* fuzz-max-len: 65536 */
#include "fuzz.h"
#include "seg.h"

struct fhdr {
	char magic[8];
	uint32_t nwords_slots, nidf_slots;
	uint32_t ntags, unused;
	double logtotal;
	float idf_median;
	uint32_t pad;
};

static const char text[] = "北溪区人民政府回应垃圾焚烧厂选址问题，"
    "网友@张三 说 http://t.cn/x 不满意！！2026年11月21日 12 人 #话题#";

static void
segment(const struct dict *d)
{
	struct segopts o = { 1, 1, 1, 1 };
	struct tokens t = { NULL, 0, 0 };
	size_t i;

	seg_text(d, &o, text, sizeof text - 1, &t);
	for (i = 0; i < t.n; i++) {
		(void)seg_tag(d, &t.v[i], text);
		(void)dict_idf(d, text + t.v[i].off, t.v[i].len);
	}
	free(t.v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fhdr h;
	struct dict d;
	size_t need, off, n, slots;
	char *buf, path[64];
	int fd;

	if (size < sizeof h)
		return 0;
	memcpy(&h, data, sizeof h);
	memcpy(h.magic, SEG_MAGIC, 8);
	/* Small tables keep the file small; a count of 0 is kept. */
	h.nwords_slots &= 0x3ff;
	h.nidf_slots &= 0x3ff;
	slots = (size_t)h.nwords_slots + h.nidf_slots;
	need = sizeof h + 64 * 8 + 0x10000 * sizeof(struct chent) +
	    BLOOM_BITS / 8 + slots * sizeof(struct slot) +
	    sizeof(float) * (4 + 16 + 4 * 0x10000);
	if ((buf = calloc(1, need)) == NULL)
		abort();
	memcpy(buf, &h, sizeof h);
	data += sizeof h, size -= sizeof h;
	n = size < 64 * 8 ? size : 64 * 8;	/* tag names */
	memcpy(buf + sizeof h, data, n);
	data += n, size -= n;
	off = sizeof h + 64 * 8 + 0x10000 * sizeof(struct chent) + BLOOM_BITS / 8;
	n = size < slots * sizeof(struct slot) ? size : slots * sizeof(struct slot);
	memcpy(buf + off, data, n);
	data += n, size -= n;
	n = size < 0x10000 * sizeof(struct chent) ? size : 0x10000 * sizeof(struct chent);
	memcpy(buf + sizeof h + 64 * 8, data, n);	/* the first characters */
	fd = fuzz_file((const uint8_t *)buf, need, path, sizeof path);
	free(buf);
	if (dict_load(&d, path) == 0)
		segment(&d);
	dict_free(&d);
	close(fd);
	return 0;
}
