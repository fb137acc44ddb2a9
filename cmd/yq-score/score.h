/*
 * score.h: the parts of yq-score: the sentiment classifier, the
 * category patterns, places and government bodies, and
 * heat and risk.
 */
#ifndef SCORE_H
#define SCORE_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

/* sentiment.c: NB-LR over hashed character n-grams. */
#define MODEL_BITS 20

struct model {
	float *w;		/* 1 << MODEL_BITS weights */
	float bias;
};

/* Probability that text is positive. */
double model_predict(const struct model *m, const char *text);
/*
 * Train on n texts with labels (1 positive, 0 negative): AdaGrad over
 * the logistic loss, epochs passes in a fixed shuffled order.
 */
void model_train(struct model *m, char **texts, const int *labels, size_t n,
    int epochs);
/* Write the model as text; 0, or -1 (reported). */
int model_save(const struct model *m, const char *path);
/* Read a model; -1 after reporting file:line. */
int model_load(struct model *m, const char *path);
void model_free(struct model *m);

/* stance.c: reports and opinions. */
/* Read the official suffixes of response.conf; -1 after reporting. */
int stance_load(const char *path);
/*
 * The part of text (the post's) for the model, in *off and *len: all of
 * it, or after bare reposts (转发微博) the voice they quote, with what
 * that quotes.  Returns 1 when the voice's own comment is a report
 * without judgement (an institution's or a release's words), else 0.
 */
int stance_of(json_t *post, const char *text, size_t *off, size_t *len);
void stance_free(void);

/* lexicon.c: the lexicon method (--model lexicon). */
int lex_load(const char *path);
/* Sentiment in [-1, 1] of the post (its tokens when it has them). */
double lex_score(json_t *post, const char *text);
void lex_free(void);

/* categories.c */
/*
 * Load "category<TAB>pattern" (evidence) and "category<TAB>guard<TAB>
 * pattern" lines; -1 after reporting file:line (cat_free frees either way).
 */
int cat_load(const char *path);
/*
 * The categories text has an unguarded hit of, as a new array the caller
 * owns (official_answer aside).
 */
json_t *cat_match(const char *text);
void cat_free(void);
/* 0 runs every category's pattern, as if no word prefilter (for tests). */
extern int cat_prefilter;

/* places.c */
/*
 * The places the post (its tokens, else text) is about, as a new array
 * [{"name","code","level","role"}] (side mentions left out); when
 * explain is an array, one line a name saying what decided it.
 */
json_t *places_find(json_t *post, const char *text, json_t *explain);
/*
 * Load the heads of products named after their origin (products.txt in
 * the data path); -1 (errno set) when it cannot be read.
 */
int places_load(void);
void places_free(void);

/* bodies.c: party and state organs named in a post, by the grammar of bodies.c. */
/* Load the organ words (dict/bodies.txt); -1 after reporting file:line. */
int bodies_load(const char *path);
/*
 * The bodies text names, as a new array of {"name", "place", "dept",
 * "level"}; places (the post's) resolves bare levels and receives, with
 * role "body", the places named only in a body's name.
 */
json_t *bodies_find(const char *text, json_t *places);
void bodies_free(void);

/* topics.c: monitoring rules, yq-rules(5). */
/* Load a rules file (once); -1 after reporting file:line:column. */
int topics_load(const char *path);
/* The names of the topics the post (with its text) matches, in file order. */
json_t *topics_match(json_t *post, const char *text);
int topics_count(void);
void topics_free(void);

/* heat.c */
double heat_of(json_t *obj);
int is_official(json_t *obj);
/* author_type: 1 government, party or media, 0 another, -1 absent. */
int official_type(json_t *obj);
double risk_of(double heat, double sentiment, json_t *categories);

#endif
