/*
 * seg.h: the parts of yq-seg: the compiled dictionary (words with their
 * log frequencies and tags, every prefix of every word, the HMM tables and
 * the IDF table, in one file loaded by mmap), the segmenter, keywords.
 */
#ifndef SEG_H
#define SEG_H

#include <stddef.h>
#include <stdint.h>

#define SEG_MAGIC "YQSEG04\n"
#define BLOOM_BITS (1u << 23)	/* keys of two characters or more */
#define SLOT_INLINE 12	/* keys up to this many bytes live in the slot */
#define SEG_NOWORD (-1e30f)	/* a prefix that is not itself a word */
#define SEG_PREFIX_TAG 0xfffe	/* tag of a slot added only as a prefix */

/*
 * One hash-table slot.  The key itself is not stored: a key is known by
 * its 64-bit FNV-1a hash and its length, and two different words of the
 * same length share a hash with a probability of about 1e-19 per lookup.
 * Sixteen bytes a slot keep the table small enough for the cache.
 */
struct slot {
	uint64_t hash;
	float val;		/* log frequency, IDF, or SEG_NOWORD */
	uint16_t len;		/* key bytes; 0 marks an empty slot */
	uint16_t tag;		/* index into the tag table */
};

struct table {
	const struct slot *slots;
	uint32_t mask;		/* nslots - 1 */
};

/* The HMM for unknown words: states B, M, E, S. */
struct hmm {
	float start[4];
	float trans[4][4];
	const float (*emit)[4];	/* indexed by code point below 0x10000 */
};

/* A single character's entry, by code point (below U+10000). */
struct chent {
	float val;		/* log frequency or SEG_NOWORD */
	uint16_t tag;
	uint16_t known;		/* a word or a prefix of one */
};

struct dict {
	struct table words, idf;
	const struct chent *chars;	/* 0x10000 entries */
	const unsigned char *bloom;	/* BLOOM_BITS bits */
	struct hmm hmm;
	double logtotal;
	float idf_median;
	char tags[64][8];	/* part-of-speech tags by index */
	int ntags;
	void *map;
	size_t maplen;
	/* User words (and their prefixes), consulted before words. */
	struct slot *uslots;
	uint32_t umask, ucount;
};

/* dict.c */
uint64_t dict_hash(uint64_t h, const char *s, size_t n);
#define DICT_HASH_INIT 14695981039346656037ull
/*
 * Compile a jieba-format dictionary, cppjieba's HMM model and an IDF list
 * into out.  Returns 0, or -1 after reporting the problem (file:line).
 */
int dict_compile(const char *dictfile, const char *hmmfile, const char *idffile,
    const char *out);
/* Map a compiled dictionary.  Returns -1 after reporting the problem. */
int dict_load(struct dict *d, const char *path);
/*
 * Add user words (jieba format: word [freq] [tag]); a frequency of 0
 * removes a word.  Returns -1 after reporting file:line.
 */
int dict_load_user(struct dict *d, const char *path);
void dict_free(struct dict *d);
/*
 * Look up s[0..n) whose hash is h.  Returns the slot, or NULL when s is
 * neither a word nor a prefix of one.
 */
const struct slot *dict_get(const struct dict *d, uint64_t h, size_t n);
/*
 * The same for one character (code point cp, bytes s[0..n)), through the
 * direct table; and whether a two-character key with hash h may exist
 * (a Bloom filter: no false negatives).
 */
const struct slot *dict_get_char(const struct dict *d, uint32_t cp, uint64_t h,
    size_t n, struct slot *tmp);
int dict_maybe2(const struct dict *d, uint64_t h);
/* IDF of a word, or the median IDF when it is unknown. */
float dict_idf(const struct dict *d, const char *s, size_t n);

/* seg.c */
enum tokclass {
	TK_WORD, TK_HMM, TK_NUM, TK_LATIN, TK_URL, TK_EMAIL, TK_MENTION,
	TK_TOPIC, TK_EMOTICON, TK_PUNCT, TK_SPACE
};

struct token {
	uint32_t off, len;	/* into the normalised text */
	uint16_t cls;		/* enum tokclass */
	uint16_t tag;		/* dictionary tag index, or 0xffff */
};

struct tokens {
	struct token *v;
	size_t n, cap;
};

struct segopts {
	int hmm;		/* unknown words through the HMM */
	int search;		/* also the dictionary words inside long words */
	/*
	 * Bakeoff (PKU) granularity (--fine sets both).  numbers: numbers
	 * apart from measure words (三 个, 12 人) but 2001年, 12月, 31日
	 * whole; fine: surnames apart from given names and compounds of four
	 * characters or more cut into their words.
	 */
	int numbers;
	int fine;
};

/*
 * The same, and when widep is not NULL a fresh array (the caller frees)
 * with one byte for each byte of the output: 1 where it was a full-width
 * form (or ideographic space) in s, 0 elsewhere.
 */
char *seg_normalise_wide(const char *s, size_t n, size_t *outlen,
    unsigned char **widep);
/* Segment text (normalised) into t, appending. */
void seg_text(const struct dict *d, const struct segopts *o, const char *text,
    size_t n, struct tokens *t);
/*
 * The same, knowing from wide (from seg_normalise_wide(), or NULL) which
 * bytes were full-width: a URL stops at one, so it keeps the punctuation
 * after it out and is the original bytes.
 */
void seg_text_wide(const struct dict *d, const struct segopts *o,
    const char *text, const unsigned char *wide, size_t n, struct tokens *t);
/*
 * Segment the strings v[0..nv) (NULL or empty ones skipped) joined by
 * newlines, so that no word spans two, as one text of at most max bytes
 * (cut at a character).  Returns the normalised text the tokens appended
 * to t point into (the caller frees it), its length in *nlen, and in
 * *total the bytes the strings had (more than max: not all were read).
 */
char *seg_fields(const struct dict *d, const struct segopts *o,
    const char *const *v, int nv, size_t max, size_t *nlen, size_t *total,
    struct tokens *t);
/* Tag name for a token. */
const char *seg_tag(const struct dict *d, const struct token *tk,
    const char *text);

#endif
