/*
 * wordset.c: word lists from data files, as sets.
 */
#include <errno.h>
#include <stdlib.h>

#include "datapath.h"
#include "datafile.h"
#include "record.h"
#include "wordset.h"

json_t *
ws_load(const char *name)
{
	char *path = yq_datafile(name), *line;
	struct datafile *df;
	json_t *set;
	size_t len;
	int r, saved;

	if (path == NULL)
		return NULL;
	df = df_open(path, 4096, DF_WORDS);
	saved = errno;
	free(path);
	if (df == NULL) {
		errno = saved;
		return NULL;
	}
	set = json_object();
	while ((r = df_next(df, &line, &len)) > 0)
		json_object_set_new(set, line, json_true());
	if (df_close(df) < 0 || r < 0) {
		json_decref(set);
		errno = EINVAL;
		return NULL;
	}
	return set;
}

int
ws_has(const json_t *set, const char *word)
{
	return set != NULL && json_object_get(set, word) != NULL;
}
