/*
 * vocab.c: the response statuses and their order, which yq-deadline
 * writes and yq-report, yq-explore and yq-alert read (they were spelt
 * in several files).
 */
#include <stddef.h>
#include <string.h>

#include "vocab.h"

static const char *const statuses[] = {
	"overdue", "due_soon", "pending", "update_due", "answered_late", "answered",
	NULL
};

int
vocab_status_rank(const char *s)
{
	int i;

	for (i = 0; s != NULL && statuses[i] != NULL; i++)
		if (strcmp(s, statuses[i]) == 0)
			return i;
	return 6;
}

int
vocab_status_open(const char *s)
{
	return vocab_status_rank(s) <= 3;
}

int
vocab_status_known(const char *s)
{
	return vocab_status_rank(s) < 6 || (s != NULL && strcmp(s, "watch") == 0);
}
