/*
 * yq-score: sentiment, must-respond categories, places, government
 * bodies, heat and risk for each post.
 */
#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datapath.h"
#include "each.h"
#include "gazetteer.h"
#include "opt.h"
#include "record.h"
#include "score.h"
#include "utf8.h"
#include "yq.h"

enum { O_MODEL = 256, O_PLACES, O_CATEGORIES, O_EPOCHS, O_RULES, O_MATCHING, O_EXPLAIN };

static const struct yq_option options[] = {
	{ "model", O_MODEL, 1, "FILE", "sentiment model (sentiment.model in the data path), or lexicon" },
	{ "places", O_PLACES, 1, "FILE", "more places: code, name, short, level (TSV)" },
	{ "categories", O_CATEGORIES, 1, "FILE", "category patterns (categories.conf in the data path)" },
	{ "rules", O_RULES, 1, "FILE", "monitoring rules (yq-rules(5)): topics the posts match" },
	{ "matching", O_MATCHING, 0, NULL, "write only the posts that match a topic of --rules" },
	{ "explain", O_EXPLAIN, 0, NULL, "add explain: the words that decided each place and its role" },
	{ 0 }
};

static const struct yq_cmd cmd = {
	"yq-score", "[options] [file ...]",
	"add sentiment, categories, places, bodies, heat and risk to posts",
	options, YQ_OPT_IO | YQ_OPT_OUTPUT
};

static const struct yq_option train_options[] = {
	{ "epochs", O_EPOCHS, 1, "N", "passes over the data (8)" },
	{ 0 }
};

static const struct yq_cmd train_cmd = {
	"yq-score train", "[--epochs N] -o MODEL file ...",
	"train the sentiment model on records with text and label (1 or 0)",
	train_options, YQ_OPT_IO | YQ_OPT_OUTPUT
};

static const char *const subcommands[] = {
	"train", "train a sentiment model on labelled records", NULL
};

static const struct yq_cmd *const subtables[] = { &train_cmd, NULL };

/*
 * The label of a score: below -0.2 negative, above 0.2 positive (the
 * model's probability below 0.4 or above 0.6), else neutral.
 */
static const char *
label_of(double s)
{
	return s < -0.2 ? "negative" : s > 0.2 ? "positive" : "neutral";
}

/*
 * A report without judgement keeps a fifth of the model's score: its
 * sign, for what it reports, but inside the neutral band.
 */
#define REPORT_WEIGHT 0.2

/* --model lexicon: the lexicon method instead of the classifier. */
static int use_lexicon;
/* --explain: say what decided the places. */
static int explain;

/*
 * Whether an official account's post is its own release: a report, a
 * reply or a refutation, or a forecast or notice (预报, 预警, 提醒).  Such
 * a post is marked official_answer, so yq-deadline can tell the
 * office's release from an incident it must answer, even when the
 * release names the incident's kind.
 */
static int
official_release(json_t *obj, const char *text, json_t *cats)
{
	static const char *const words[] = { "情况通报", "情况说明", "回应",
	    "发布会", "通报", "答记者问", "解读", "预报", "预警", "提醒", "公告",
	    "通告", NULL };
	size_t i;
	json_t *c;

	if (!is_official(obj))
		return 0;
	json_array_foreach(cats, i, c)
		if (strcmp(json_string_value(c), "refutation") == 0)
			return 1;
	for (i = 0; words[i] != NULL; i++)
		if (strstr(text, words[i]) != NULL)
			return 1;
	return 0;
}

/*
 * The text scored of a post at most, in bytes, as yq-seg segments at
 * most so much (yq-record(7)): a long text costs bounded time.
 */
#define SCORE_TEXT_MAX (1u << 18)

/* text cut to SCORE_TEXT_MAX bytes between characters; its length. */
static size_t
cut_text(char *text)
{
	size_t n = strlen(text);

	text[utf8_fit(text, n, SCORE_TEXT_MAX)] = '\0';
	return n;
}

/*
 * Score a post; returns whether it matched a topic (or no rules were
 * given).  The length of its text in *n (more than SCORE_TEXT_MAX: the
 * first SCORE_TEXT_MAX bytes only were scored).
 */
static int
score_post(const struct model *m, json_t *obj, json_t *add, size_t *n)
{
	char *text = rec_text(obj), *voice;
	double p, s, heat;
	size_t off, len;
	int report;
	json_t *why = explain ? json_array() : NULL;
	json_t *cats, *places;
	int matched = 1;

	*n = cut_text(text);
	report = stance_of(obj, text, &off, &len);
	cats = cat_match(text);
	places = places_find(obj, text, why);

	/* The lexicon reads the tokens of the whole post; the model its voice. */
	if (use_lexicon)
		p = (lex_score(obj, text) + 1) / 2;
	else {
		voice = xstrndup(text + off, len);
		p = model_predict(m, voice);
		free(voice);
	}
	s = 2 * p - 1;
	if (report)
		s *= REPORT_WEIGHT;
	s = round(s * 1000) / 1000;

	if (official_release(obj, text, cats))
		json_array_append_new(cats, json_string("official_answer"));
	json_object_set_new(add, "sentiment", json_pack("{s:f, s:s}", "score", s,
	    "label", label_of(s)));
	if (topics_count() > 0) {
		json_t *t = topics_match(obj, text);

		matched = json_array_size(t) > 0;
		json_object_set_new(add, "topics", t);
	} else
		json_object_set_new(add, "topics", json_array());
	json_object_set_new(add, "categories", cats);
	json_object_set_new(add, "places", places);
	json_object_set_new(add, "bodies", bodies_find(text, places));
	heat = heat_of(obj);
	json_object_set_new(add, "heat", json_real(heat));
	json_object_set_new(add, "risk", json_real(risk_of(heat, s, cats)));
	if (why != NULL)
		json_object_set_new(add, "explain", why);
	free(text);
	return matched;
}

struct labelled {
	char **texts;
	int *labels;
	size_t n, cap;
};

/* One labelled record kept: label 1/0, "positive"/"negative". */
static int
take_labelled(void *ctx, struct rec_in *in, json_t *obj)
{
	struct labelled *t = ctx;
	json_t *l = json_object_get(obj, "label");
	int y = json_is_integer(l) ? (int)json_integer_value(l) :
	    json_is_string(l) ? (strcmp(json_string_value(l), "positive") == 0 ? 1 :
	    strcmp(json_string_value(l), "negative") == 0 ? 0 : -1) : -1;

	if (rec_str(obj, "text") == NULL || (y != 0 && y != 1)) {
		rec_in_reject(in, "want text and a label of 1 or 0");
		return EACH_REJECTED;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->texts = xrealloc(t->texts, t->cap * sizeof *t->texts);
		t->labels = xrealloc(t->labels, t->cap * sizeof *t->labels);
	}
	t->texts[t->n] = rec_text(obj);
	t->labels[t->n++] = y;
	return EACH_ON;
}

/* Read the labelled records of the operands; *bad counts what was not. */
static size_t
read_labelled(struct yq_common *c, int argc, char **argv, char ***texts,
    int **labels, unsigned long *bad)
{
	struct rec_in *in = rec_in_new(&c->rec);
	struct labelled t = { NULL, NULL, 0, 0 };
	struct rec_stats st;
	int failed = 0;

	if (in == NULL)
		return 0;
	rec_each(in, argc - optind, argv + optind, take_labelled, &t, &failed);
	rec_in_free(in, &st);
	*bad += st.bad + failed;
	*texts = t.texts;
	*labels = t.labels;
	return t.n;
}

static int
run_train(int argc, char **argv)
{
	struct yq_common c;
	struct model m;
	const char *arg, *err;
	char **texts = NULL;
	int *labels = NULL, ch, epochs = 8, status;
	unsigned long bad = 0;
	size_t n, i;

	yq_common_init(&c, "yq-score");
	optind = 2;
	while ((ch = yq_getopt(&train_cmd, argc, argv, &c, &arg)) != -1) {
		if (ch == YQ_GETOPT_EXIT)
			return c.exit_status;
		if (ch == O_EPOCHS) {
			epochs = yq_strtonum(arg, 1, 100, &err);
			if (err != NULL)
				die(YQ_EXIT_USAGE, "--epochs is %s: '%s'", err, arg);
		}
	}
	if (c.output == NULL || optind == argc) {
		yq_usage(&train_cmd, stderr);
		return YQ_EXIT_USAGE;
	}
	n = read_labelled(&c, argc, argv, &texts, &labels, &bad);
	if (n == 0) {
		yq_warnx("no labelled records to train on");
		return YQ_EXIT_USAGE;
	}
	m.w = xcalloc(1u << MODEL_BITS, sizeof *m.w);
	m.bias = 0;
	model_train(&m, texts, labels, n, epochs);
	status = model_save(&m, c.output) < 0 ? YQ_EXIT_IO : bad ? YQ_EXIT_USAGE : 0;
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(labels);
	model_free(&m);
	return status;
}

/* Find a data file: the option's value, else name in the data path. */
static char *
data(const char *given, const char *name)
{
	char *p = given ? xstrdup(given) : yq_datafile(name);

	if (p == NULL)
		yq_warnx("cannot find %s in the data path ($YQ_DATA, %s, the build "
		    "tree's dict/): run make", name, YQ_DATADIR);
	return p;
}

static int
setup(struct model *m, const char *model, const char *places, const char *cats)
{
	char *p;
	int r;

	if (model != NULL && strcmp(model, "lexicon") == 0) {
		if ((p = data(NULL, "sentiment.lex")) == NULL)
			return YQ_EXIT_IO;
		r = lex_load(p);
		free(p);
		if (r < 0)
			return YQ_EXIT_IO;
		use_lexicon = 1;
	} else {
		if ((p = data(model, "sentiment.model")) == NULL)
			return YQ_EXIT_IO;
		r = model_load(m, p);
		free(p);
		if (r < 0)
			return model ? YQ_EXIT_USAGE : YQ_EXIT_IO;
	}
	if ((p = data(NULL, "response.conf")) == NULL)
		return YQ_EXIT_IO;
	r = stance_load(p);
	free(p);
	if (r < 0)
		return YQ_EXIT_IO;
	if ((p = data(cats, "categories.conf")) == NULL)
		return YQ_EXIT_IO;
	r = cat_load(p);
	free(p);
	if (r < 0)	/* the user's file is bad input; the data path's, the setup */
		return cats ? YQ_EXIT_USAGE : YQ_EXIT_IO;
	if ((p = data(NULL, "gazetteer.csv")) == NULL)
		return YQ_EXIT_IO;
	r = gaz_load(p);
	free(p);
	if (r < 0)
		return YQ_EXIT_IO;
	if ((p = data(NULL, "places-former.tsv")) == NULL)
		return YQ_EXIT_IO;
	r = gaz_load_supplement(p);
	free(p);
	if (r < 0)
		return YQ_EXIT_IO;
	if (places != NULL && gaz_load_supplement(places) < 0)
		return YQ_EXIT_USAGE;
	if ((p = data(NULL, "products.txt")) == NULL)
		return YQ_EXIT_IO;
	free(p);
	if (places_load() < 0) {
		if (errno != EINVAL)	/* EINVAL: reported by line */
			yq_warn("cannot read products.txt");
		return YQ_EXIT_IO;
	}
	if ((p = data(NULL, "bodies.txt")) == NULL)
		return YQ_EXIT_IO;
	r = bodies_load(p);
	free(p);
	return r < 0 ? YQ_EXIT_IO : 0;
}

struct scoring {
	const struct model *m;
	struct rec_out *out;
	int matching;		/* --match: only posts a rule matches */
};

/* One record: scored and written (event records pass through unscored). */
static int
score_one(void *ctx, struct rec_in *in, json_t *obj)
{
	struct scoring *s = ctx;
	json_t *add = json_object();
	const char *raw;
	size_t rawlen, n = 0;
	int r;

	if ((rec_str(obj, "kind") == NULL || strcmp(rec_str(obj, "kind"), "event") != 0) &&
	    !score_post(s->m, obj, add, &n) && s->matching) {
		json_decref(add);
		return EACH_ON;
	}
	if (n > SCORE_TEXT_MAX)
		yq_warnx("%s:%lu: text of %zu bytes: scored on the first %u only",
		    rec_in_name(in), rec_in_lineno(in), n, SCORE_TEXT_MAX);
	raw = rec_in_raw(in, &rawlen);
	if ((r = rec_out_extend(s->out, obj, raw, rawlen, add)) > 0)
		yq_warnx("%s:%lu: written unscored: scored, the line would pass the "
		    "limit", rec_in_name(in), rec_in_lineno(in));
	json_decref(add);
	return r < 0 ? EACH_STOP : EACH_ON;
}

static int
run(const struct model *m, struct yq_common *c, int argc, char **argv, int matching)
{
	struct rec_in *in = rec_in_new(&c->rec);
	struct scoring s = { m, NULL, matching };
	int failed = 0;

	if (in == NULL)
		return YQ_EXIT_IO;
	if ((s.out = rec_out_open(c->output)) == NULL) {
		rec_in_free(in, NULL);
		return YQ_EXIT_IO;
	}
	rec_each(in, argc - optind, argv + optind, score_one, &s, &failed);
	return rec_finish(in, s.out, failed);
}

int
main(int argc, char **argv)
{
	struct yq_common c;
	struct model m = { NULL, 0 };
	const char *arg, *model = NULL, *places = NULL, *cats = NULL, *rules = NULL;
	int ch, status, matching = 0;

	if (argc > 1 && strcmp(argv[1], "train") == 0)
		return run_train(argc, argv);
	yq_common_init(&c, argv[0]);
	yq_subcommands(subcommands);
	yq_subcommand_tables(subtables);
	while ((ch = yq_getopt(&cmd, argc, argv, &c, &arg)) != -1) {
		switch (ch) {
		case YQ_GETOPT_EXIT:
			return c.exit_status;
		case O_MODEL:
			model = arg;
			break;
		case O_PLACES:
			places = arg;
			break;
		case O_CATEGORIES:
			cats = arg;
			break;
		case O_RULES:
			if (rules != NULL)
				die(YQ_EXIT_USAGE, "--rules once: put every topic in one file");
			rules = arg;
			break;
		case O_MATCHING:
			matching = 1;
			break;
		case O_EXPLAIN:
			explain = 1;
			break;
		}
	}
	if (matching && rules == NULL)
		die(YQ_EXIT_USAGE, "--matching goes with --rules");
	status = setup(&m, model, places, cats);
	if (status == 0 && rules != NULL && topics_load(rules) < 0)
		status = YQ_EXIT_USAGE;
	if (status == 0)
		status = run(&m, &c, argc, argv, matching);
	model_free(&m);
	cat_free();
	gaz_free();
	bodies_free();
	places_free();
	topics_free();
	lex_free();
	stance_free();
	return status;
}
