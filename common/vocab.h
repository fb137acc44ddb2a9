/*
 * vocab.h: the record contract's vocabularies, in one place: the
 * response statuses (yq-record(7), response.status) and their order.
 */
#ifndef YQ_VOCAB_H
#define YQ_VOCAB_H

/*
 * The statuses of a deadline, most urgent first: overdue, due_soon,
 * pending, update_due, answered_late, answered.  The rank of s in that
 * order (0 to 5), or 6 for NULL or another word.
 */
int vocab_status_rank(const char *s);

/* Whether s is an open status: one that still asks for an answer. */
int vocab_status_open(const char *s);

/* Whether s is a status of the contract, or "watch" (no deadline). */
int vocab_status_known(const char *s);

#endif
