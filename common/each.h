/*
 * each.h: the record loop every filter shares, and the exit status a run
 * ends in (DESIGN's policy, once): operands read in turn, standard input
 * when there are none; bad lines reported, counted and skipped (--strict:
 * the first ends the reading); an operand that cannot be opened or read
 * reported and the others read all the same.
 */
#ifndef YQ_EACH_H
#define YQ_EACH_H

#include <jansson.h>

#include "record.h"

/*
 * What a tool's function says of a record: go on, the record was
 * rejected (the function reported it with rec_in_reject; under --strict
 * the reading ends), or stop (an output error, already reported).
 */
enum { EACH_ON = 0, EACH_REJECTED = 1, EACH_STOP = -1 };

typedef int each_fn(void *ctx, struct rec_in *in, json_t *obj);

/*
 * Hand every record of the n operands (none: "-") to fn; the reference
 * to obj is the loop's (fn takes its own to keep it).  Sets *failed
 * when an operand could not be opened or read.  Returns -1 when fn said
 * EACH_STOP, else 0.
 */
int rec_each(struct rec_in *in, int n, char **operands, each_fn *fn, void *ctx,
    int *failed);

/*
 * End a run: free in, close out (a failed run leaves an -o file as it
 * was) and give the exit status: 0 when all went well or the reader of
 * the output went away, 3 after an I/O failure, 2 when lines were bad.
 */
int rec_finish(struct rec_in *in, struct rec_out *out, int failed);

#endif
