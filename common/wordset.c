/*
 * wordset.c: word lists from data files, as sets.
 */
#include <errno.h>
#include <stdlib.h>

#include "datapath.h"
#include "record.h"
#include "wordset.h"

json_t *
ws_load(const char *name)
{
	char *path = yq_datafile(name), *line;
	struct linereader *lr;
	json_t *set;
	size_t len;
	int r, saved;

	if (path == NULL)
		return NULL;
	lr = lr_open(path, 4096);
	saved = errno;
	free(path);
	if (lr == NULL) {
		errno = saved;
		return NULL;
	}
	set = json_object();
	while ((r = lr_next(lr, &line, &len)) != REC_EOF)
		if (r == REC_OK && len > 0)
			json_object_set_new(set, line, json_true());
	lr_close(lr);
	return set;
}

int
ws_has(const json_t *set, const char *word)
{
	return set != NULL && json_object_get(set, word) != NULL;
}
