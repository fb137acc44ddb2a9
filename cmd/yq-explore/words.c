/*
 * words.c: the words of a record, as the `word` command and the index
 * see them: its "tokens" as yq-seg wrote them or, for a record without,
 * yq-seg's segmentation of its title and text (yq-seg's defaults, from
 * yq-seg's own code), so that a word query means the same over loaded
 * files and over an index.
 */
#include <stdlib.h>
#include <string.h>

#include "datapath.h"
#include "explore.h"
#include "record.h"
#include "yq.h"
#include "../yq-seg/seg.h"

/* The text segmented of a record at most, as yq-seg. */
#define WORDS_TEXT_MAX (1u << 18)

static struct dict dict;
static int dict_state;		/* 0 not tried, 1 loaded, -1 failed */

static int
load_dict(void)
{
	char *path;

	if (dict_state != 0)
		return dict_state;
	path = yq_datafile("seg.bin");
	if (path == NULL) {
		yq_warnx("cannot find the dictionary seg.bin in the data path "
		    "($YQ_DATA, %s, the build tree's dict/): run make", YQ_DATADIR);
		dict_state = -1;
		return -1;
	}
	dict_state = dict_load(&dict, path) < 0 ? -1 : 1;
	free(path);
	return dict_state;
}

/* A word the index can hold: not empty, no separator or NUL in it. */
static int
indexable(const char *w, size_t n)
{
	return n > 0 && memchr(w, WORD_SEP, n) == NULL && memchr(w, '\0', n) == NULL;
}

int
words_each(json_t *obj, void (*fn)(const char *, size_t, void *), void *arg)
{
	struct segopts o = { 1, 0, 0, 0 };
	struct tokens t = { NULL, 0, 0 };
	json_t *tokens = json_object_get(obj, "tokens"), *v;
	const char *f[2];
	char *norm;
	size_t i, nlen, total;

	if (json_is_array(tokens)) {
		json_array_foreach(tokens, i, v)
			if (json_is_string(v) &&
			    indexable(json_string_value(v), json_string_length(v)))
				fn(json_string_value(v), json_string_length(v), arg);
		return 0;
	}
	if (load_dict() < 0)
		return -1;
	f[0] = rec_str(obj, "title");
	f[1] = rec_str(obj, "text");
	norm = seg_fields(&dict, &o, f, 2, WORDS_TEXT_MAX, &nlen, &total, &t);
	for (i = 0; i < t.n; i++)
		if (indexable(norm + t.v[i].off, t.v[i].len))
			fn(norm + t.v[i].off, t.v[i].len, arg);
	free(t.v);
	free(norm);
	return 0;
}

void
words_free(void)
{
	if (dict_state == 1)
		dict_free(&dict);
	dict_state = 0;
}
