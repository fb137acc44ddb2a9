/*
 * lexicon.c: the lexicon method of sentiment (yq-score --model lexicon).
 * Over the post's words (yq-seg's tokens, else the longest lexicon words
 * found in the text), each sentiment word adds its strength, multiplied
 * by the degree adverbs before it (非常, 有点) and flipped by a negation
 * within the three words before it (不, 没有); in a sentence with a
 * contrast word (但是), what follows counts 1.5 times and what precedes
 * 0.5; an exclamation mark strengthens a sentence by a fifth; a
 * rhetorical question (难道 ... ?) flips it.  The sum s maps to a score
 * tanh(s / 3) in [-1, 1].
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

#define MAXCHARS 8	/* longest lexicon word, in characters */

enum { W_SENT, W_NEG, W_DEGREE, W_CONTRAST, W_QUESTION };

/* word -> [kind, value] */
static json_t *lex;

static int
put(const char *w, int kind, double v)
{
	json_object_set_new(lex, w, json_pack("[i f]", kind, v));
	return 0;
}

int
lex_load(const char *path)
{
	struct datafile *df = df_open(path, 4096, 0);
	char *line, *tab, *save, *w;
	size_t len;
	int r, kind = W_SENT;
	double v;

	if (df == NULL) {
		yq_warn("cannot open lexicon '%s'", path);
		return -1;
	}
	lex = json_object();
	while ((r = df_next(df, &line, &len)) > 0) {
		if (line[0] == '[' && line[len - 1] == ']' && strchr(line, '\t') == NULL) {
			kind = strcmp(line, "[negation]") == 0 ? W_NEG :
			    strcmp(line, "[degree]") == 0 ? W_DEGREE :
			    strcmp(line, "[contrast]") == 0 ? W_CONTRAST :
			    strcmp(line, "[question]") == 0 ? W_QUESTION : -1;
			if (kind < 0) {
				df_bad(df, "unknown section %s", line);
				df_close(df);
				return -1;
			}
			continue;
		}
		if (kind == W_SENT || kind == W_DEGREE) {
			if ((tab = strchr(line, '\t')) == NULL ||
			    (v = strtod(tab + 1, &w)) == 0 || *w != '\0') {
				df_bad(df, "want 'word<TAB>number'");
				df_close(df);
				return -1;
			}
			*tab = '\0';
			put(line, kind, v);
		} else
			for (w = strtok_r(line, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
				put(w, kind, 1);
	}
	return df_close(df) < 0 || r < 0 ? -1 : 0;
}

void
lex_free(void)
{
	json_decref(lex);
	lex = NULL;
}

static int
sentence_end(const char *w)
{
	return strcmp(w, "。") == 0 || strcmp(w, "！") == 0 || strcmp(w, "!") == 0 ||
	    strcmp(w, "？") == 0 || strcmp(w, "?") == 0 || strcmp(w, "\n") == 0 ||
	    strcmp(w, "；") == 0 || strcmp(w, "…") == 0 || strcmp(w, "……") == 0 ||
	    strncmp(w, "!!", 2) == 0 || strncmp(w, "??", 2) == 0;
}

/* The words: the post's tokens, else the longest lexicon words in text. */
static json_t *
words_of(json_t *post, const char *text)
{
	json_t *t = json_object_get(post, "tokens"), *out;
	size_t n = strlen(text), i = 0, k, m, best;
	size_t off[MAXCHARS + 1];
	uint32_t c;
	char buf[MAXCHARS * 4 + 1];

	if (json_is_array(t) && json_array_size(t) > 0)
		return json_incref(t);
	out = json_array();
	while (i < n) {
		/* Offsets of the next MAXCHARS characters. */
		for (m = 0, off[0] = i; m < MAXCHARS && off[m] < n; m++) {
			if ((k = utf8_decode(text + off[m], n - off[m], &c)) == 0)
				k = 1;
			off[m + 1] = off[m] + k;
		}
		for (best = m; best > 1; best--) {
			memcpy(buf, text + i, off[best] - i);
			buf[off[best] - i] = '\0';
			if (json_object_get(lex, buf) != NULL)
				break;
		}
		json_array_append_new(out, json_stringn(text + i, off[best] - i));
		i = off[best];
	}
	return out;
}

double
lex_score(json_t *post, const char *text)
{
	json_t *w = words_of(post, text), *e, *tok;
	double total = 0, sent = 0, before = 0, degree = 1;
	int neg_at = -100, contrast = 0, question = 0, kind;
	size_t i;

	json_array_foreach(w, i, tok) {
		const char *s = json_string_value(tok);

		if (s == NULL)
			continue;
		if (sentence_end(s)) {
			if (strchr(s, '!') || strstr(s, "！"))
				sent *= 1.2;
			if (question && (strchr(s, '?') || strstr(s, "？")))
				sent = -sent;
			total += contrast ? before * 0.5 + sent * 1.5 : sent;
			sent = before = 0;
			contrast = question = 0;
			degree = 1;
			continue;
		}
		if ((e = json_object_get(lex, s)) == NULL)
			continue;
		kind = (int)json_integer_value(json_array_get(e, 0));
		switch (kind) {
		case W_NEG:
			neg_at = (int)i;
			break;
		case W_DEGREE:
			degree *= json_real_value(json_array_get(e, 1));
			break;
		case W_CONTRAST:
			before += sent;
			sent = 0;
			contrast = 1;
			break;
		case W_QUESTION:
			question = 1;
			break;
		default:
			sent += json_real_value(json_array_get(e, 1)) * degree *
			    ((int)i - neg_at <= 3 ? -0.8 : 1);
			degree = 1;
			neg_at = -100;
		}
	}
	total += contrast ? before * 0.5 + sent * 1.5 : sent;
	json_decref(w);
	return tanh(total / 3);
}
