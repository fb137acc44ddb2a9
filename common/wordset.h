/*
 * wordset.h: a list of words from a data file (stopwords), one a line,
 * as a set.
 */
#ifndef YQ_WORDSET_H
#define YQ_WORDSET_H

#include <jansson.h>

/*
 * Load the data file called name (found by yq_datafile) into a set: an
 * object whose keys are the lines ("# " begins a comment).  Returns NULL
 * with errno set when it cannot be found (ENOENT) or read; a line it
 * cannot take is reported as "file:line: what" and gives EINVAL.
 * Caller decrefs.
 */
json_t *ws_load(const char *name);

/* True when word is in the set (a NULL set holds nothing). */
int ws_has(const json_t *set, const char *word);

#endif
