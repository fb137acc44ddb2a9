/*
 * spill.h: texts put aside on disk until they are taken back, so that
 * memory holds a reference of 16 bytes for each (yq-cluster's held posts,
 * yq-deadline's event records).  The texts go into unlinked temporary
 * files in $TMPDIR (else /tmp).  Two files take turns: once the one
 * written to passes its turn (SPILL_TURN bytes) and nothing in the other is still
 * wanted, the other is emptied and written to, so the disk a long run
 * uses follows what is put aside at a time, not the length of the run.
 */
#ifndef YQ_SPILL_H
#define YQ_SPILL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define SPILL_TURN (64L << 20)

struct spill;

struct spill_ref {
	off_t off;
	uint32_t len;
	uint32_t file;		/* 0 or 1 */
};

/*
 * A spill whose files are named after tool, turning at turn bytes
 * (SPILL_TURN); none is made before a put.
 */
struct spill *spill_new(const char *tool, off_t turn);
void spill_free(struct spill *s);
/*
 * Put len bytes aside.  0; 1 when there is no temporary file (it could
 * not be made: the caller keeps the text); -1 on a write error (*err
 * says what, with the directory).
 */
int spill_put(struct spill *s, const char *text, size_t len,
    struct spill_ref *ref, const char **err);
/*
 * The text back, NUL-terminated, from malloc; NULL on a read error (*err
 * as above).  With drop, it is not wanted again: its room may go.
 */
char *spill_get(struct spill *s, const struct spill_ref *ref, int drop,
    const char **err);
/* A text not wanted again, without reading it. */
void spill_drop(struct spill *s, const struct spill_ref *ref);
/* The bytes in the files now (for tests and benchmarks). */
off_t spill_size(const struct spill *s);

#endif
